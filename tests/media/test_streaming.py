"""iter_audio: fixed blocks, resampling/remixing keeps length and alignment, cancel, progress,
late-starting audio padded, corrupt packets tolerated, memory bounded."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import soxr

from stemline.core.errors import Cancelled
from stemline.core.progress import CancelToken, Progress
from stemline.media import iter_audio, read_audio

from .makers import Spec, make_signal, write_media, xcorr_lag

FLAC = Spec("flac", "flac", "flac", "flac")


@pytest.fixture
def flac48k(tmp_path: Path) -> tuple[Path, np.ndarray]:
    path = tmp_path / "src.flac"
    return path, write_media(path, FLAC, 1.5)


def test_fixed_size_blocks(flac48k: tuple[Path, np.ndarray]) -> None:
    path, sent = flac48k
    blocks = list(iter_audio(path, block_frames=10000))
    assert [len(b) for b in blocks] == [10000] * 7 + [2000]
    assert all(b.dtype == np.float32 and b.flags.c_contiguous and b.shape[1] == 2 for b in blocks)
    assert np.abs(np.concatenate(blocks) - sent).max() < 1e-4


def test_resample_keeps_length_and_alignment(flac48k: tuple[Path, np.ndarray]) -> None:
    path, sent = flac48k
    got, rate = read_audio(path, sample_rate=44100, block_frames=4096)
    assert rate == 44100
    assert abs(len(got) - round(len(sent) * 44100 / 48000)) <= 1
    ref = soxr.resample(sent, 48000, 44100)  # independent resampler as the reference
    lag, peak = xcorr_lag(ref, got)
    assert lag == 0 and peak > 0.999
    assert np.abs(got[-2000:]).max() > 0.1  # the tail was flushed, not lost


def test_remix_channels(flac48k: tuple[Path, np.ndarray]) -> None:
    path, sent = flac48k
    mono, _ = read_audio(path, channels=1)
    assert mono.shape == (len(sent), 1)
    assert np.corrcoef(mono[:, 0], sent.mean(axis=1))[0, 1] > 0.999
    six, _ = read_audio(path, channels=6)
    assert six.shape == (len(sent), 6)


def test_five_one_source(tmp_path: Path) -> None:
    path = tmp_path / "six.m4a"
    sent = write_media(path, Spec("m4a", "m4a", "ipod", "aac", channels=6), 1.0)
    got, _ = read_audio(path)
    assert got.shape == sent.shape and xcorr_lag(sent, got)[0] == 0
    stereo, _ = read_audio(path, channels=2)
    assert stereo.shape == (len(sent), 2) and np.abs(stereo).max() > 0.1


def test_cancel_stops_decoding(flac48k: tuple[Path, np.ndarray]) -> None:
    path, _ = flac48k
    token = CancelToken()
    it = iter_audio(path, block_frames=4096, cancel=token)
    next(it)
    token.cancel()
    with pytest.raises(Cancelled):
        list(it)


def test_progress_reports(flac48k: tuple[Path, np.ndarray]) -> None:
    path, _ = flac48k
    seen: list[Progress] = []
    list(iter_audio(path, block_frames=8000, progress=seen.append))
    assert len(seen) >= 5 and all(p.stage == "decode" and p.total == pytest.approx(1.5) for p in seen)
    dones = [p.done for p in seen]
    assert dones == sorted(dones) and dones[-1] == pytest.approx(1.5)


@pytest.mark.parametrize("container,ext", [("matroska", "mkv"), ("mp4", "mp4")])
def test_late_audio_is_padded_to_video_timeline(container: str, ext: str, tmp_path: Path) -> None:
    path = tmp_path / f"late.{ext}"
    spec = Spec("late", ext, container, "libopus" if container == "matroska" else "aac", video_codec="libx264")
    sent = write_media(path, spec, 1.0, audio_offset=0.5)
    got, rate = read_audio(path)
    lag, peak = xcorr_lag(sent, got, max_lag=30000)
    assert abs(lag - 24000) <= 48 and peak > 0.95  # 0.5 s of silence first (Matroska: 1 ms clock)
    assert np.abs(got[: 24000 - 1100]).max() < 1e-3


def test_corrupt_packets_keep_timing(tmp_path: Path) -> None:
    path = tmp_path / "hurt.m4a"
    sent = write_media(path, Spec("m4a", "m4a", "ipod", "aac"), 2.0)
    data = bytearray(path.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 3000] = np.random.default_rng(1).integers(0, 256, 3000, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data))
    got, _ = read_audio(path)
    assert len(got) == len(sent)  # damaged stretch replaced, later audio stays in place
    assert xcorr_lag(sent[-20000:], got[-20000:], max_lag=2000)[0] == 0
    assert np.corrcoef(sent[:20000].ravel(), got[:20000].ravel())[0, 1] > 0.98


def test_memory_bounded_long_file(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    rate, minutes = 8000, 10
    n = rate * 60 * minutes
    with sf.SoundFile(path, "w", rate, 1, "PCM_16") as f:
        chunk = (0.3 * np.sin(np.arange(rate * 10) * 0.05)).astype(np.float32)
        for _ in range(n // len(chunk)):
            f.write(chunk)
    total = 0
    tracemalloc.start()
    try:
        for block in iter_audio(path, block_frames=4096):
            assert len(block) <= 4096
            total += len(block)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == n
    assert peak < 2_000_000, f"peak {peak} bytes for a {n * 4} byte decode"


def test_a_given_probe_is_used_instead_of_probing_again(tmp_path: Path) -> None:
    from stemline.media import probe

    path = tmp_path / "tone.wav"
    sf.write(path, np.full((5000, 2), 0.25, np.float32), 44100)
    info = probe(path)
    again = np.concatenate(list(iter_audio(path, block_frames=1024, info=info)))
    fresh = np.concatenate(list(iter_audio(path, block_frames=1024)))
    np.testing.assert_array_equal(again, fresh)
