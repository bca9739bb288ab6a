"""Odd but valid inputs (issue 10): surround and 8-channel audio, 8 kHz mono, 192 kHz 32-bit
float, a 50 ms file, a name with spaces, quotes and non-ASCII letters, a symlink; a read-only
output folder; two runs writing into one folder at once. Every valid file gives stems at its own
rate and length; what can't be written fails with one line naming the path."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.demo.synth import mixture
from stemline.media.decode import read_audio


def stemline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stemline", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def signal(seconds: float, rate: int, channels: int, seed: int) -> np.ndarray:
    """A voice-over-music mixture at ``rate`` with ``channels`` (extra channels: scaled copies)."""
    mix = mixture(seconds, seed=seed)[0]  # 44.1 kHz stereo
    n = int(round(seconds * rate))
    src = np.linspace(0, len(mix) - 1, n)
    x = np.stack([np.interp(src, np.arange(len(mix)), mix[:, c]) for c in range(2)], axis=1)
    out = np.stack([x[:, c % 2] * (1.0 - 0.1 * c) for c in range(channels)], axis=1)
    return out.astype(np.float32)


ODD = {
    # name: (rate, channels, seconds, soundfile subtype)
    "surround 5.1.wav": (48000, 6, 1.5, "PCM_16"),
    "eight channels.flac": (48000, 8, 1.5, "PCM_24"),
    "phone 8k mono.wav": (8000, 1, 2.0, "PCM_16"),
    "studio 192k float.wav": (192000, 2, 1.0, "FLOAT"),
    "blip 50 ms.wav": (44100, 2, 0.05, "PCM_16"),
    "it's \"odd\" — ünïcødé.wav": (44100, 2, 1.0, "PCM_16"),
}


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("odd")
    out = {}
    for i, (name, (rate, ch, sec, subtype)) in enumerate(ODD.items()):
        out[name] = d / name
        sf.write(out[name], signal(sec, rate, ch, seed=40 + i), rate, subtype=subtype)
    # a symlink to a file in another folder (the same file given twice is separated once)
    (d / "elsewhere").mkdir()
    target = d / "elsewhere" / "target.wav"
    sf.write(target, signal(1.0, 44100, 2, seed=60), 44100, subtype="PCM_16")
    link = d / "link to clip.wav"
    link.symlink_to(target)
    out["link to clip.wav"] = link
    return out


def test_every_odd_file_gives_stems_at_its_own_rate_and_length(sources: dict[str, Path], tmp_path: Path) -> None:
    before = {n: p.read_bytes() for n, p in sources.items()}
    r = stemline("separate", *map(str, sources.values()), "-o", str(tmp_path), "--format", "wav", "--json",
                 "--quiet")
    assert r.returncode == 0, r.stderr
    records = {Path(rec["Input"]["FileName"]).name: rec for rec in json.loads(r.stdout)}
    for name, src in sources.items():
        rec = records[name]
        assert rec["Status"] == "Success", rec
        info = sf.info(str(src))
        folder = tmp_path / src.stem
        for stem in ("voice", "background"):
            audio, rate = read_audio(folder / f"{stem}.wav")
            assert rate == info.samplerate, (name, stem, rate)
            assert len(audio) == info.frames, (name, stem, len(audio), info.frames)
            # up to stereo as it came; surround folded to stereo
            assert audio.shape[1] == min(info.channels, 2), (name, stem, audio.shape)
        assert abs(rec["Output"]["Task"]["AudioExtract"]["Duration"] - info.frames / info.samplerate) < 1e-3
    # the sources (and the symlink's target) are untouched, the symlink still a symlink
    assert {n: p.read_bytes() for n, p in sources.items()} == before
    assert sources["link to clip.wav"].is_symlink()


def test_a_read_only_output_folder_is_a_one_line_error(sources: dict[str, Path], tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("a read-only mount needs root (a chmod doesn't stop root)")
    ro = tmp_path / "ro"
    ro.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(ro)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"can't mount here: {proc.stderr.strip()}")
    try:
        src = sources["blip 50 ms.wav"]
        r = stemline("separate", str(src), "-o", str(ro / "out"), "--format", "wav", "--quiet")
        assert r.returncode != 0
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and str(ro) in lines[0] and "Traceback" not in r.stderr, r.stderr
        assert "read-only" in lines[0].lower(), lines[0]
        assert list(ro.iterdir()) == []
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


def test_two_runs_into_one_folder_at_once_both_finish_whole(sources: dict[str, Path], tmp_path: Path) -> None:
    a, b = sources["surround 5.1.wav"], sources["it's \"odd\" — ünïcødé.wav"]
    cmd = [sys.executable, "-m", "stemline", "separate", "-o", str(tmp_path), "--format", "wav", "--quiet"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    procs = [subprocess.Popen([*cmd, str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for p in (a, b, a)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in results]
    for src in (a, b):
        folder = tmp_path / src.stem
        rec = json.loads((folder / "result.json").read_text())
        assert rec["Status"] == "Success"
        for stem in ("voice", "background"):
            audio, _ = read_audio(folder / f"{stem}.wav")
            assert len(audio) == sf.info(str(src)).frames
    # nothing half-written or staged is left anywhere
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p.name not in
                 ("voice.wav", "background.wav", "result.json")]
    assert leftovers == []
    assert not [p for p in tmp_path.rglob(".*")]


def test_a_broken_file_reads_the_same_from_every_command(tmp_path: Path) -> None:
    """``foley`` opened video through its own opener and said "cannot open ([Errno 1094995529]
    ...)", where ``process`` and ``separate`` said what the file is; now one opener, one line."""
    broken = tmp_path / "broken clip.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8)  # a header, then junk
    runs = {cmd: stemline(cmd, str(broken), "-o", str(tmp_path / out), "--quiet")
            for cmd, out in (("foley", "foley.wav"), ("process", "out.mp4"), ("separate", "stems"))}
    lines = {cmd: run.stderr.strip() for cmd, run in runs.items()}
    for cmd, run in runs.items():
        assert run.returncode == 1, (cmd, run.stderr)
        assert lines[cmd].count("\n") == 0 and str(broken) in lines[cmd], lines
        assert "not a readable media file" in lines[cmd] and "Errno" not in lines[cmd], lines
    assert len(set(lines.values())) == 1, lines
    # nothing written but separate's record of the failed job (a cloud task's result.json)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["broken clip.mp4", "stems/broken clip/result.json"], written
    result = json.loads((tmp_path / "stems/broken clip/result.json").read_text())
    assert result["Status"] == "Failed" and "stemline: " + result["Error"]["Message"] == lines["foley"], result
