"""Spectrogram mipmaps: a tone lands in its band at the right time, block size doesn't change
the image, levels pool by max, the cache round-trips and loads no code."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.media.spectrogram import (BINS, F_HI, F_LO, HOP, STEP, SpectrogramPyramid,
                                        build_spectrogram, spectrogram_of)

SR = 48000


def signal(seconds: float = 8.0) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    x = np.where((t > 2.0) & (t < 3.0), 0.5 * np.sin(2 * np.pi * 1000 * t), 0.0)
    x += np.where(t > 5.0, 0.5 * np.sin(2 * np.pi * 8000 * t), 0.0)
    return np.stack([x, x], axis=1).astype(np.float32)


def band_of(freq: float) -> int:
    return int(np.log(freq / F_LO) / np.log(F_HI / F_LO) * BINS)


def chunks(x: np.ndarray, n: int):  # type: ignore[no-untyped-def]
    for i in range(0, len(x), n):
        yield x[i:i + n]


def test_tone_in_its_band_and_time_and_block_size_invariant() -> None:
    x = signal()
    a = build_spectrogram(chunks(x, 4096), SR)
    b = build_spectrogram(chunks(x, 100_003), SR)
    assert np.array_equal(a.levels[0], b.levels[0])
    img = a.levels[0]
    col = HOP / SR
    mid = int(2.5 / col)
    assert abs(int(img[mid].argmax()) - band_of(1000)) <= 1
    assert img[int(1.0 / col)].max() == 0                     # silence before the tone
    assert abs(int(img[int(6.5 / col)].argmax()) - band_of(8000)) <= 1
    # a full-scale-ish sine reads near the top of the scale, silence at the floor
    assert img[mid].max() > 200


def test_levels_pool_by_max_and_views_stay_small() -> None:
    x = np.tile(signal(), (8, 1))                              # 64 s
    p = build_spectrogram(chunks(x, 1 << 16), SR)
    assert len(p.levels) >= 2
    lv0, lv1 = p.levels[0], p.levels[1]
    assert np.array_equal(lv1[3], lv0[3 * STEP:4 * STEP].max(axis=0))
    for pixels in (1000, 200):
        view = p.view(0.0, 64.0, pixels)
        assert pixels <= view.image.shape[0] <= STEP * pixels + 2
    assert p.view(0.0, 64.0, 40).level == len(p.levels) - 1   # the coarsest (a few hundred)
    close = p.view(2.4, 2.6, 1000)
    assert close.level == 0 and close.start <= 2.4 and close.end >= 2.6


def test_cache_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    x = (signal() * 32767).astype(np.int16)
    first = spectrogram_of(x, SR, "abc", tmp_path)
    files = list(tmp_path.iterdir())
    assert [f.name for f in files] == ["abc-spec1.npz"]
    again = spectrogram_of(x, SR, "abc", tmp_path)
    assert all(np.array_equal(u, v) for u, v in zip(first.levels, again.levels))
    files[0].write_bytes(b"junk")                              # damaged: rebuilt, not trusted
    assert np.array_equal(spectrogram_of(x, SR, "abc", tmp_path).levels[0], first.levels[0])
    assert isinstance(SpectrogramPyramid.load(files[0]), SpectrogramPyramid)
