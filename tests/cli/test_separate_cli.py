"""``stemline separate`` run as a real process, the way users and scripts run it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline import __version__
from stemline.demo.synth import mixture
from tests.media.makers import Spec, write_media

STEMLINE = [sys.executable, "-m", "stemline"]


def sigint_default() -> None:
    """In a child about to run: Ctrl-C acts as it does from a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONWARNINGS": "ignore"}


def stemline(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*STEMLINE, *args], capture_output=True, text=True, env=env(), timeout=300, **kw)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("in")
    mix = mixture(2.0, seed=21)[0]
    paths = {"mp4": d / "clip.mp4", "mkv": d / "song.mkv", "wav": d / "clip.wav",
             "bad": d / "broken.mov"}
    write_media(paths["mp4"], Spec("mp4", "mp4", "mp4", "aac", 44100, video_codec="h264"), 2.0, signal=mix)
    write_media(paths["mkv"], Spec("mkv", "mkv", "matroska", "opus", 48000), 2.0)
    sf.write(paths["wav"], mix, 44100, subtype="PCM_16")
    data = paths["mp4"].read_bytes()
    paths["bad"].write_bytes(data[: len(data) // 3])
    return paths


def test_version():
    r = stemline("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"stemline {__version__}"


def test_batch_with_a_broken_file_keeps_going_and_fails_overall(inputs, tmp_path):
    r = stemline("separate", str(inputs["mp4"]), str(inputs["bad"]), str(inputs["mkv"]),
                 str(inputs["wav"]), "-o", str(tmp_path), "--json")
    assert r.returncode == 1, r.stderr
    records = json.loads(r.stdout)
    assert [rec["Status"] for rec in records] == ["Success", "Failed", "Success", "Success"]
    assert str(inputs["bad"]) in records[1]["Error"]["Message"]
    err_lines = [ln for ln in r.stderr.splitlines() if ln.startswith("stemline:")]
    assert len(err_lines) == 1 and "broken.mov" in err_lines[0]
    # Two inputs named "clip": each keeps its own folder.
    assert (tmp_path / "clip_mp4" / "voice.aac").is_file()
    assert (tmp_path / "clip_wav" / "background.aac").is_file()
    assert (tmp_path / "song" / "voice.aac").is_file()
    assert json.loads((tmp_path / "broken" / "result.json").read_text())["Status"] == "Failed"
    assert not list(tmp_path.rglob(".*part*"))


def test_all_good_exits_zero_and_shows_progress(inputs, tmp_path):
    r = stemline("separate", str(inputs["wav"]), "-o", str(tmp_path), "--format", "flac")
    assert r.returncode == 0, r.stderr
    assert "[1/1] clip.wav" in r.stderr and "100%" in r.stderr
    voice, sr = sf.read(tmp_path / "clip" / "voice.flac")
    assert sr == 44100 and voice.shape == (88200, 2)


def test_output_equal_to_an_input_is_refused(tmp_path):
    src = tmp_path / "voice" / "voice.wav"
    src.parent.mkdir()
    sf.write(src, mixture(1.0, seed=2)[0], 44100)
    before = src.read_bytes()
    r = stemline("separate", str(src), "-o", str(tmp_path), "--format", "wav")
    assert r.returncode == 1
    assert src.read_bytes() == before
    record = json.loads((tmp_path / "voice" / "result.json").read_text())
    assert record["Status"] == "Failed" and record["Error"]["Code"] == "OutputError"


def test_model_dir_and_device_come_from_settings(inputs, tmp_path):
    from stemline.core.settings import Settings
    (tmp_path / "models").mkdir()
    Settings(device="cpu", model_dir=str(tmp_path / "models")).save()
    t0 = time.monotonic()
    r = stemline("separate", str(inputs["wav"]), "-o", str(tmp_path), "--model", "htdemucs")
    assert r.returncode == 2
    assert time.monotonic() - t0 < 30
    assert str(tmp_path / "models") in r.stderr and ".th" in r.stderr, r.stderr


def test_unknown_model_is_a_clear_error(inputs, tmp_path):
    r = stemline("separate", str(inputs["wav"]), "-o", str(tmp_path), "--model", "nope")
    assert r.returncode == 2 and "unknown model 'nope'" in r.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_leaves_nothing_under_final_names(tmp_path, sig):
    long = tmp_path / "long.wav"
    rng = np.random.default_rng(0)
    sf.write(long, (0.1 * rng.standard_normal((44100 * 240, 2))).astype(np.float32), 44100,
             subtype="PCM_16")
    out = tmp_path / "out"
    # (a suite started in the background, `make test &`, hands its children SIGINT ignored:
    # give this one the default a terminal's Ctrl-C meets)
    proc = subprocess.Popen([*STEMLINE, "separate", str(long), "-o", str(out), "--format", "wav"],
                            stderr=subprocess.PIPE, text=True, env=env(), preexec_fn=sigint_default)
    deadline = time.monotonic() + 120
    seen = ""
    # Wait until the bar shows the file's length: the model is loaded and work is under way.
    while time.monotonic() < deadline and "/240.0" not in seen:
        char = proc.stderr.read(1)
        if not char:
            break
        seen += char
    proc.send_signal(sig)
    proc.wait(timeout=60)
    finals = [p for p in out.rglob("*") if p.name in ("voice.wav", "background.wav")]
    assert finals == []
    # The signal hit a run in progress: a child that had already exited (or never started
    # work) would make this test pass for nothing.
    assert "/240.0" in seen
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert not [p for p in out.rglob("*") if "part" in p.name]
