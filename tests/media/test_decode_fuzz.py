"""Fuzzing probe + decode with Hypothesis for a bounded time (issue 10): damaged files of every
common container either decode or give one StemlineError line naming the file; nothing crashes,
hangs or sends a traceback to the user. The fuzzer runs in a child (tests/media/decode_fuzz.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .makers import Spec, write_media

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [Spec("wav", "wav", "wav", "pcm_s16le"), Spec("flac", "flac", "flac", "flac"),
         Spec("mp3", "mp3", "mp3", "libmp3lame"), Spec("ogg", "ogg", "ogg", "vorbis", audio_options={"strict": "experimental"}),
         Spec("m4a", "m4a", "ipod", "aac"), Spec("mkv", "mkv", "matroska", "libopus"),
         Spec("mp4", "mp4", "mp4", "aac", video_codec="libx264")]
#: Examples per run: 1000 take about 15 s on a 2-core machine; raise it to fuzz longer.
EXAMPLES = int(os.environ.get("STEMLINE_FUZZ_EXAMPLES", "1000"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    for spec in SEEDS:
        write_media(folder / f"seed.{spec.ext}", spec, seconds=0.6)
    return folder


def test_damaged_files_decode_or_fail_in_one_line(seeds: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "tests.media.decode_fuzz", str(seeds),
                           str(EXAMPLES)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    # A negative code is a signal: FFmpeg (or we) crashed on one of the files.
    assert proc.returncode == 0, (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    assert f"{EXAMPLES} damaged files of {len(SEEDS)} formats" in proc.stdout


def test_the_fuzzer_catches_a_traceback(tmp_path: Path) -> None:
    # The harness itself: an exception that is not a one-line StemlineError fails the run.
    from tests.media import decode_fuzz

    bad = tmp_path / "x.wav"
    bad.write_bytes(b"RIFF")
    real_probe = decode_fuzz.probe
    decode_fuzz.probe = lambda p: (_ for _ in ()).throw(KeyError("boom"))  # type: ignore[assignment]
    try:
        with pytest.raises(KeyError):
            decode_fuzz.check(bad)
    finally:
        decode_fuzz.probe = real_probe
    decode_fuzz.check(bad)  # the real probe refuses it in one line
