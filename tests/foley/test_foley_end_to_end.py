"""The CLI and the Python API end to end, and the untouched video stream."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

import stemline
from stemline.cli import main
from stemline.media.decode import read_audio
from stemline.media.mux import mux_audio, video_packets
from stemline.media.probe import probe


def test_foley_cli_writes_track_and_events(contact_clip: tuple[Path, list], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    video, truth = contact_clip
    assert main(["foley", str(video), "-o", str(tmp_path), "--quiet", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    folder = tmp_path / video.stem
    audio, sr = read_audio(folder / "foley.wav")
    assert sr == 48000 and audio.shape == (5 * 48000, 2)
    assert np.abs(audio).max() < 1.0
    doc = json.loads((folder / "events.json").read_text())
    assert summary["count"] == len(doc["events"]) == len(truth)
    for ev in doc["events"]:
        assert {"time", "x", "y", "strength", "sound", "gain_db", "pan"} <= set(ev)
        i = int(ev["time"] * 48000)
        assert np.abs(audio[i:i + 2400]).max() > 0.01  # something sounds at each event
    left = [e for e in doc["events"] if e["x"] < -0.3]
    assert left and all(e["pan"] < 0 for e in left)
    # --no-spatial: centred
    assert main(["foley", str(video), "-o", str(tmp_path / "flat"), "--quiet", "--no-spatial",
                 "--precision", "low"]) == 0
    flat, _ = read_audio(tmp_path / "flat" / video.stem / "foley.wav")
    assert np.allclose(flat[:, 0], flat[:, 1], atol=1e-4)


def test_foley_cli_error_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["foley", str(tmp_path / "missing.mp4"), "-o", str(tmp_path), "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.mp4" in err[0]
    assert not (tmp_path / "missing").exists()  # not even an empty output folder


def test_mux_copies_the_video_stream_bit_for_bit(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    video, _ = contact_clip
    t = np.arange(int(4.2 * 48000)) / 48000
    tone = (0.3 * np.sin(2 * np.pi * 440 * t) * np.minimum(1, t * 4)).astype(np.float32)
    for name in ("same.mp4", "other.mkv", "other.mov"):
        blocks = (np.stack([tone[i:i + 30000]] * 2, axis=1) for i in range(0, len(tone), 30000))
        out = mux_audio(video, tmp_path / name, blocks, sample_rate=48000, duration=5.0)
        if name.endswith(".mp4"):
            assert video_packets(out) == video_packets(video)  # bytes, pts and dts all equal
        else:  # another container keeps time in its own units: compare bytes and times in ms
            assert video_packets(out, raw=False) == video_packets(video, raw=False)
        audio, sr = read_audio(out)
        # the short audio is padded to the video's length (MP4/MOV trim the codec's last-frame
        # padding through the edit list; Matroska has no way to say it, so < 1 frame more)
        assert 5 * sr <= len(audio) < 5 * sr + (1024 if name.endswith(".mkv") else 1)
        assert np.abs(audio[int(4.3 * sr):]).max() < 0.01
        seg = audio[48000:96000, 0]
        lags = [float(np.dot(seg, tone[48000 + k:96000 + k])) for k in range(-3, 4)]
        assert int(np.argmax(lags)) - 3 == 0  # sample-aligned with the picture's time 0
    assert not list(tmp_path.glob(".*part*"))


def test_process_cli_mixes_and_keeps_the_picture(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    video, _ = contact_clip
    out = tmp_path / "with_foley.mp4"
    assert main(["process", str(video), "-o", str(out), "--foley", "--music-suppression", "0.3",
                 "--foley-gain", "-3", "--save-project", str(tmp_path / "p.stemline"),
                 "--quiet"]) == 0
    assert video_packets(out) == video_packets(video)
    info = probe(out)
    assert info.video[0].duration == pytest.approx(5.0, abs=0.001)
    assert info.audio[0].duration == pytest.approx(info.video[0].duration, abs=0.001)
    mixed, _ = read_audio(out)
    original, _ = read_audio(video)
    # the Foley hits are in the mix: much more energy around contacts than the tone alone has
    assert np.abs(mixed).max() > 1.5 * np.abs(original).max()
    from stemline.core.serialization import load_project
    project = load_project(tmp_path / "p.stemline")
    foley = project.track("foley")
    # the Foley track is its events (the editor and `export` render them, as `process` did)
    assert foley.gain_db == -3.0 and foley.source is None
    assert len(project.events) >= 6 and all(e.sound for e in project.events)
    assert sorted(p.name for p in (tmp_path / "p_stems").iterdir()) == ["background.wav", "voice.wav"]
    assert project.track("background").suppression == pytest.approx(0.3)


def test_process_audio_only_input_writes_audio(tmp_path: Path) -> None:
    from stemline.media.encode import AudioWriter

    src = tmp_path / "speech.wav"
    t = np.arange(3 * 44100) / 44100
    with AudioWriter(src, 44100, 1, "wav") as w:
        w.write((0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)[:, None])
    out = tmp_path / "remix.flac"
    assert main(["process", str(src), "-o", str(out), "--background-gain", "-6", "--quiet"]) == 0
    audio, sr = read_audio(out)
    assert sr == 48000 and audio.shape == (3 * 48000, 2)
    assert main(["process", str(src), "-o", str(tmp_path / "x.mp4"), "--quiet"]) == 1


def test_python_api_matches_the_issue_example(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    video, truth = contact_clip
    project = stemline.load(video)
    result = project.generate_foley(enable_spatial_audio=True, match_precision="high",
                                    background_music_suppression=0.3)
    assert len(result.events) == len(truth)
    out = result.export(tmp_path / "output_with_foley.mp4").output
    assert video_packets(out) == video_packets(video)
    audio, sr = read_audio(out)
    assert len(audio) == 5 * sr
    with pytest.raises(ValueError):
        project.generate_foley(background_music_suppression=2.0)


def test_prompt_and_library_setting_drive_the_choice(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    import soundfile as sf

    video, _ = contact_clip
    lib = tmp_path / "my sfx"
    lib.mkdir()
    t = np.arange(9600) / 48000
    for i in (1, 2):
        sf.write(lib / f"FOOTSTEPS_Gravel_Crunch_{i:02d}.wav",
                 (np.sin(2 * np.pi * 300 * i * t) * np.exp(-t / 0.02)).astype(np.float32), 48000)
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "stemline"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"library_dir": str(lib)}))
    assert main(["foley", str(video), "-o", str(tmp_path / "o"), "--quiet",
                 "--prompt", "footsteps on gravel"]) == 0
    doc = json.loads((tmp_path / "o" / video.stem / "events.json").read_text())
    names = [e["sound"] for e in doc["events"]]
    assert doc["prompt_used"] and all(n.startswith("FOOTSTEPS_Gravel") for n in names)
    # the user's files (from the library_dir setting) and the built-in ones both qualify,
    # and no file plays twice in a row
    assert any(n.startswith("FOOTSTEPS_Gravel_Crunch") for n in names)
    assert all(a != b for a, b in zip(names, names[1:]))


def test_cancelled_foley_leaves_nothing(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    from stemline.core.errors import Cancelled
    from stemline.core.progress import CancelToken, Progress
    from stemline.jobs.foley import render_foley

    video, _ = contact_clip
    token = CancelToken()

    def cancel_midway(p: Progress) -> None:
        if p.fraction > 0.3:
            token.cancel()

    with pytest.raises(Cancelled):
        render_foley(video, tmp_path / "out", progress=cancel_midway, cancel=token)
    assert not (tmp_path / "out").exists()  # the folder it made, gone with the outputs
