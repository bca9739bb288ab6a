"""Every deliverable, decoded back: formats, video copy, stems, karaoke, loudness, timeline,
Cancel; and the three render paths (process, export, editor) giving the same samples."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest

from stemline.cli import main
from stemline.core.errors import Cancelled, OutputError
from stemline.core.progress import CancelToken
from stemline.core.serialization import load_project
from stemline.jobs.export import ExportRequest, export_project
from stemline.media.decode import read_audio
from stemline.media.mux import video_packets
from tests.jobs.projects import SR
from tests.media.makers import xcorr_lag


def _ebur128(path: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) by FFmpeg's ebur128 filter: a meter we didn't write."""
    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a:0",
                          "-af", "ebur128=peak=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = err[err.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return lufs, peak


@pytest.mark.parametrize("name,depth", [("mix.wav", 16), ("mix.wav", 24), ("mix.wav", 32),
                                        ("mix.flac", 24), ("mix.m4a", 24), ("mix.mp3", 24),
                                        ("mix.opus", 24), ("mix.aac", 24)])
def test_audio_formats_decode_back_aligned(project, tmp_path: Path, name: str, depth: int) -> None:
    ref_path = tmp_path / "ref.wav"
    export_project(project, ExportRequest(output=ref_path, bit_depth=32))
    ref, _ = read_audio(ref_path)
    assert ref.shape == (6 * SR, 2)
    out = tmp_path / name
    result = export_project(project, ExportRequest(output=out, bit_depth=depth))
    assert result.outputs == [out]
    got, rate = read_audio(out)
    assert rate == SR
    if out.suffix == ".aac":  # ADTS can't say where the last frame's padding starts
        assert len(got) == -(-len(ref) // 1024) * 1024
    else:
        assert len(got) == len(ref)
    lag, corr = xcorr_lag(ref[:, 0], got[:len(ref), 0])
    assert lag == 0 and corr > 0.98
    if depth == 32 or out.suffix in (".wav", ".flac"):
        step = {16: 2 ** -15, 24: 2 ** -23, 32: 1e-7}[depth]
        assert np.abs(got - ref).max() <= step * 1.01
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("suffix", [".mp4", ".mkv", ".mov"])
def test_video_copies_the_picture_and_keeps_the_original_audio(project, tmp_path: Path,
                                                               suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    export_project(project, ExportRequest(output=out, keep_original_audio=True))
    src = Path(project.media_path)
    if suffix == ".mkv":  # other time base, and the whole file may start later: compare shapes
        got, ref = video_packets(out, raw=False), video_packets(src, raw=False)
        assert [p[1:] for p in got] == [p[1:] for p in ref]
        assert [p[0] - got[0][0] for p in got] == [p[0] - ref[0][0] for p in ref]
    else:
        assert video_packets(out) == video_packets(src)
    with av.open(str(out)) as c:
        audio = list(c.streams.audio)
        assert len(audio) == 2
        titles = [s.metadata.get("title") or s.metadata.get("name") for s in audio]
        assert titles == ["Stemline mix", "Original audio"]
        default = av.stream.Disposition.default
        assert bool(audio[0].disposition & default) and not audio[1].disposition & default
    original = read_audio(src)[0]
    with av.open(str(out)) as c:  # the second track is the source's audio, packet for packet
        kept = [bytes(p) for p in c.demux(c.streams.audio[1]) if p.size]
    with av.open(str(src)) as c:
        assert kept == [bytes(p) for p in c.demux(c.streams.audio[0]) if p.size]
    mix = read_audio(out)[0]
    # MKV keeps AAC priming and padding (no edit list): up to two frames longer
    assert abs(len(mix) - len(original)) < 2048 and np.abs(mix).max() > 0.05


def test_stems_and_karaoke_ignore_mute_and_solo_and_the_mix_follows_them(project, tmp_path: Path) -> None:
    # Stems, karaoke tracks and hand-offs are built from every track: soloing the background and
    # muting the voice while listening changes none of their samples. The mix is what was heard
    # (as a DAW bounces it): a soloed background gives the same file as the other two muted.
    def deliver(name: str) -> dict[str, np.ndarray]:
        export_project(project, ExportRequest(output=tmp_path / name / "mix.wav", bit_depth=32,
                                              stems=tmp_path / name / "stems",
                                              karaoke=tmp_path / name / "karaoke"))
        return {str(p.relative_to(tmp_path / name)): read_audio(p)[0]
                for p in sorted((tmp_path / name).rglob("*.wav"))}

    plain = deliver("plain")
    assert len(plain) == 6 and all(np.abs(a).max() > 0.01 for a in plain.values())
    project.track("background").solo = True
    project.track("voice").mute = True
    soloed = deliver("soloed")
    assert soloed.keys() == plain.keys()
    for name, samples in plain.items():
        if name != "mix.wav":
            np.testing.assert_array_equal(soloed[name], samples, err_msg=name)
    assert np.abs(soloed["mix.wav"] - plain["mix.wav"]).max() > 0.05
    project.track("background").solo = False
    project.track("foley").mute = True
    muted = deliver("muted")
    np.testing.assert_array_equal(muted["mix.wav"], soloed["mix.wav"])


def test_stems_are_aligned_same_length_and_post_fader(project, tmp_path: Path) -> None:
    project.track("voice").gain_db = -6.0
    project.track("voice").mute = True  # a listening choice: stems still carry the voice
    project.track("background").suppression = 0.5
    result = export_project(project, ExportRequest(stems=tmp_path / "stems"))
    names = sorted(p.name for p in (tmp_path / "stems").iterdir())
    assert names == ["background.wav", "foley.wav", "voice.wav"]
    assert len(result.outputs) == 3
    stems = {p.stem: read_audio(p)[0] for p in (tmp_path / "stems").iterdir()}
    assert {len(s) for s in stems.values()} == {6 * SR}
    with av.open(str(tmp_path / "stems" / "voice.wav")) as c:
        assert c.streams.audio[0].codec_context.name == "pcm_s24le"
    voice_src = read_audio(project.track("voice").source)[0]
    lag, corr = xcorr_lag(voice_src[:, 0], stems["voice"][:, 0])
    assert lag == 0 and corr > 0.99
    gain = float(np.dot(stems["voice"][:, 0], voice_src[:, 0]) / np.dot(voice_src[:, 0], voice_src[:, 0]))
    assert 20 * np.log10(gain) == pytest.approx(-6.0, abs=0.05)
    bg_src = read_audio(project.track("background").source)[0]
    gain = float(np.dot(stems["background"][:, 0], bg_src[:, 0]) / np.dot(bg_src[:, 0], bg_src[:, 0]))
    assert gain == pytest.approx(0.5, abs=0.01)
    for t in (e.start for e in project.events):  # every event sounds in the Foley stem
        i = int(t * SR)
        assert np.abs(stems["foley"][i:i + 2400]).max() > 0.01


def test_karaoke_backing_and_guide(project, tmp_path: Path) -> None:
    project.track("background").suppression = 0.6   # not applied: the backing is the full music
    project.track("background").ducking = 1.0       # nor ducking: there is no voice to duck for
    export_project(project, ExportRequest(karaoke=tmp_path / "k", karaoke_format="flac"))
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == ["clip_backing.flac",
                                                                   "clip_guide.flac"]
    backing = read_audio(tmp_path / "k" / "clip_backing.flac")[0].astype(np.float64)
    guide = read_audio(tmp_path / "k" / "clip_guide.flac")[0].astype(np.float64)
    bg = read_audio(project.track("background").source)[0].astype(np.float64)
    voice = read_audio(project.track("voice").source)[0].astype(np.float64)
    assert np.abs(backing - bg).max() < 1e-4                     # the whole background
    gain = float(np.sum((guide - backing) * voice) / np.sum(voice * voice))
    assert 20 * np.log10(gain) == pytest.approx(-15.0, abs=0.1)  # the voice at -15 dB
    export_project(project, ExportRequest(karaoke=tmp_path / "k2", guide_db=-20.0, karaoke_foley=True))
    guide2 = read_audio(tmp_path / "k2" / "clip_guide.wav")[0].astype(np.float64)
    backing2 = read_audio(tmp_path / "k2" / "clip_backing.wav")[0].astype(np.float64)
    assert np.abs(backing2 - backing).max() > 0.01               # Foley is in
    gain = float(np.sum((guide2 - backing2) * voice) / np.sum(voice * voice))
    assert 20 * np.log10(gain) == pytest.approx(-20.0, abs=0.1)


@pytest.mark.parametrize("target,name", [(-14.0, "mix.wav"), (-16.0, "mix.flac"),
                                         (-23.0, "mix.wav"), (-14.0, "mix.m4a")])
def test_loudness_reads_on_target_by_ffmpeg(project, tmp_path: Path, target: float, name: str) -> None:
    out = tmp_path / name
    for kind in ("voice", "background", "foley"):  # a quiet mix: normalising must lift it
        project.track(kind).gain_db = -12.0
    result = export_project(project, ExportRequest(output=out, loudness=target, true_peak=-1.0))
    (report,) = result.loudness
    assert report.before != pytest.approx(target, abs=1.0)      # there was work to do
    lufs, peak = _ebur128(out)
    assert lufs == pytest.approx(target, abs=0.5), (lufs, peak)
    assert peak <= -1.0, (lufs, peak)
    assert report.after == pytest.approx(lufs, abs=0.3)


def test_lossy_loudness_holds_the_ceiling_where_the_encoder_overshoots(project, tmp_path: Path) -> None:
    """Plucked music starting loud at the first sample, lifted 15 dB: AAC overshoots there
    (decoded -0.6 dBTP under a -1.1 limiter before the fix); the overshooting stretches are
    lowered after the limiter until the decoded file holds the ceiling."""
    from stemline.demo.synth import music
    from tests.jobs.projects import write_wav

    bg = music(6.0, SR, seed=11, bpm=84.0)
    project.track("background").source = str(write_wav(tmp_path / "plucks.wav",
                                                       (bg * 0.05).astype(np.float32)))
    project.track("voice").source = None
    result = export_project(project, ExportRequest(karaoke=tmp_path / "k", karaoke_format="m4a",
                                                   loudness=-14.0))
    (report,) = result.loudness
    lufs, peak = _ebur128(tmp_path / "k" / "clip_backing.m4a")
    assert lufs == pytest.approx(-14.0, abs=0.5) and peak <= -1.0, (lufs, peak, report)
    assert report.true_peak <= -1.0


def test_timeline_reads_back_with_every_clip_in_place(project, tmp_path: Path) -> None:
    import opentimelineio as otio

    otio_path = tmp_path / "edit" / "cut.otio"
    otio_path.parent.mkdir()
    export_project(project, ExportRequest(timeline=otio_path))
    tl = otio.adapters.read_from_file(str(otio_path))
    names = [t.name for t in tl.tracks]
    assert names[:4] == ["Video", "Voice", "Background", "Foley"]
    for track in tl.tracks:
        for clip in track.find_clips():
            url = clip.media_reference.target_url
            assert not Path(url).is_absolute()
            target = (otio_path.parent / url).resolve()
            assert target.is_file(), url
            if track.name in ("Voice", "Background", "Foley"):
                frames = len(read_audio(target)[0])
                assert clip.source_range.duration.to_frames() == frames == 6 * SR
    video = tl.tracks[0].find_clips()[0]
    assert video.source_range.duration.to_seconds() == pytest.approx(6.0)
    foley = tl.tracks[3].find_clips()[0]
    assert [round(m.marked_range.start_time.to_seconds(), 3) for m in foley.markers] == \
        [e.start for e in project.events]
    event_clips = [c for t in tl.tracks if t.name.startswith("Foley events") for c in t.find_clips()]
    assert len(event_clips) == len(project.events)
    for clip in event_clips:
        start = clip.range_in_parent().start_time.to_seconds()
        event_time = clip.metadata["stemline"]["event_time"]
        assert 0 <= event_time - start < 0.2   # the file starts just before its attack


def test_everything_in_one_call_and_cancel_leaves_nothing(project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    request = ExportRequest(output=out / "mix.mp4", stems=out / "stems", karaoke=out / "k",
                            timeline=out / "t.otio", loudness=-16.0)
    cancel, seen = CancelToken(), []

    def progress(p):  # type: ignore[no-untyped-def]
        seen.append(p.stage)
        if p.stage.startswith("karaoke") and p.done > 2.0:
            cancel.cancel()

    with pytest.raises(Cancelled):
        export_project(project, request, progress=progress, cancel=cancel)
    assert list(out.iterdir()) == []            # the mix and stems already written are gone too
    result = export_project(project, request)
    assert {p.relative_to(out).as_posix() for p in result.outputs} == {
        "mix.mp4", "stems/voice.wav", "stems/background.wav", "stems/foley.wav",
        "k/clip_backing.wav", "k/clip_guide.wav", "t.otio"}
    assert not [p for p in out.rglob(".*")]


def test_bad_requests_fail_with_one_line_naming_the_file(project, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="mix.xyz"):
        export_project(project, ExportRequest(output=tmp_path / "mix.xyz"))
    with pytest.raises(OutputError, match="is the source"):
        export_project(project, ExportRequest(output=Path(project.media_path)))
    with pytest.raises(OutputError, match="nothing to export"):
        export_project(project, ExportRequest())
    assert list(tmp_path.iterdir()) == []


def test_export_cli(project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(project_dir / "p.stemline"), "-o", str(tmp_path / "m.wav"),
                 "--stems", str(tmp_path / "s"), "--loudness", "-16", "--quiet", "--json"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["outputs"]) == 4 and doc["loudness"][0]["after_lufs"] == pytest.approx(-16, abs=0.3)
    assert main(["export", str(tmp_path / "missing.stemline"), "-o", str(tmp_path / "x.wav")]) == 1
    err = capsys.readouterr().err.strip()
    assert "missing.stemline" in err and "\n" not in err


def test_process_then_export_gives_the_same_file(project_dir: Path, tmp_path: Path) -> None:
    """``process --save-project`` and ``export`` of that project render the same samples."""
    from stemline.jobs.process import MixOptions, run_process

    clip = project_dir / "clip.mp4"
    mix = MixOptions(voice_gain_db=3.0, music_suppression=0.3, ducking=0.5, voice_gate=0.2)
    done = run_process(clip, tmp_path / "processed.wav", mix=mix,
                       save_project=tmp_path / "saved.stemline")
    saved = load_project(done.project)
    assert saved.track("background").ducking == 0.5 and saved.track("voice").suppression == 0.2
    export_project(saved, ExportRequest(output=tmp_path / "exported.wav"))
    a, b = read_audio(tmp_path / "processed.wav")[0], read_audio(tmp_path / "exported.wav")[0]
    assert a.shape == b.shape and np.array_equal(a, b)
    shutil.rmtree(tmp_path / "saved_stems")


def test_a_project_without_its_length_exports_the_media_length(project, tmp_path: Path) -> None:
    """A project written by hand (or by another tool) may not record its duration: the media
    says it, as the editor reads it on opening (it used to end 'no audio was written')."""
    ref = tmp_path / "ref.wav"
    export_project(project, ExportRequest(output=ref, bit_depth=32))
    project.duration = 0.0
    out = tmp_path / "mix.wav"
    export_project(project, ExportRequest(output=out, bit_depth=32))
    got, _ = read_audio(out)
    want, _ = read_audio(ref)
    assert got.shape == want.shape and np.array_equal(got, want)
