"""Vorbis stays in sync in Matroska as in Ogg (issue: MKV came out 132 samples late, because the
first packet decodes to nothing and the first frame carries the second packet's time).

PyAV's FFmpeg has no libvorbis encoder (its native one frames differently and doesn't show the
problem), so FFmpeg's command line encodes, as users' files are made; it is a reference tool of
the test suite (installed by `make`), never a runtime dependency.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.media.decode import read_audio
from tests.media.makers import full_lag, make_signal

SR = 44100
FFMPEG = shutil.which("ffmpeg")


@pytest.mark.skipif(FFMPEG is None, reason="needs FFmpeg's command line (apt-get install ffmpeg)")
@pytest.mark.parametrize("container", ["mkv", "ogg", "webm"])
def test_vorbis_is_sample_exact_in_every_container(tmp_path: Path, container: str) -> None:
    sig = make_signal(SR * 3, SR)
    src = tmp_path / "src.wav"
    sf.write(src, sig, SR, subtype="FLOAT")
    out = tmp_path / f"clip.{container}"
    subprocess.run([FFMPEG, "-v", "error", "-i", str(src), "-c:a", "libvorbis", str(out)],
                   check=True)
    got, rate = read_audio(out, sample_rate=SR)
    assert rate == SR
    assert full_lag(got, sig) == 0
    ref = np.frombuffer(subprocess.run(
        [FFMPEG, "-v", "error", "-i", str(out), "-f", "f32le", "-ac", "2", "-"],
        check=True, capture_output=True).stdout, np.float32)
    assert len(got) == len(ref) // 2                     # not one sample more than FFmpeg's own
