"""The waveform pyramid (media layer, pure numpy: no Qt here)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stemline.core.errors import Cancelled
from stemline.core.progress import CancelToken
from stemline.media.peaks import (BASE, STEP, PeakPyramid, build_pyramid, content_hash,
                                  pyramid_levels)


def _blocks(signal: np.ndarray, size: int) -> list[np.ndarray]:
    return [signal[i:i + size] for i in range(0, signal.shape[0], size)]


def test_levels_match_brute_force_whatever_the_block_size() -> None:
    rng = np.random.default_rng(1)
    sig = rng.uniform(-1, 1, (100_003, 2)).astype(np.float32)
    mono = sig.mean(axis=1, dtype=np.float32)
    a = build_pyramid(_blocks(sig, 1000), 48000)
    b = build_pyramid(_blocks(sig, 77_777), 48000)
    for la, lb in zip(a.levels, b.levels, strict=True):
        np.testing.assert_array_equal(la, lb)
    for k in (0, 2):
        f = BASE * STEP ** k
        n = mono.size // f
        ref = mono[: n * f].reshape(n, f)
        np.testing.assert_array_equal(a.levels[k][:n, 0], ref.min(axis=1))
        np.testing.assert_array_equal(a.levels[k][:n, 1], ref.max(axis=1))
    assert a.levels[-1].shape[0] == 1
    assert a.levels[-1][0, 1] == mono.max() and a.levels[-1][0, 0] == mono.min()
    assert a.peak == pytest.approx(np.abs(mono).max())


def test_level_pick_bounds_points_per_view() -> None:
    sr = 48000
    pyr = build_pyramid([np.sin(np.arange(sr * 60) / 50).astype(np.float32)], sr)
    for span in (60.0, 10.0, 2.0):
        c = pyr.curve(0.0, span, 1000)
        assert c.level >= 0 and c.y.size <= 2 * (1000 + 3)
    # Under BASE samples per pixel the raw samples are drawn: still at most BASE per pixel.
    assert pyr.curve(0.0, 1.0, 1000).level == -1
    c = pyr.curve(1.0, 1.0 + 200 / sr, 1000)  # 200 samples on 1000 px: raw samples
    assert c.level == -1 and 200 <= c.y.size <= 204
    np.testing.assert_allclose(c.x[1] - c.x[0], 1 / sr)


def test_cache_round_trip_with_raw_samples(tmp_path: Path) -> None:
    sr = 8000
    sig = (0.5 * np.sin(np.arange(sr * 3) / 7)).astype(np.float32)
    built = build_pyramid(_blocks(sig, 4096), sr, raw_path=tmp_path / "x.i16")
    built.save(tmp_path / "x.npz")
    loaded = PeakPyramid.load(tmp_path / "x.npz", tmp_path / "x.i16")
    assert loaded.frames == sig.size and loaded.samples is not None
    np.testing.assert_allclose(loaded.curve(1.0, 1.01, 800).y[:50],
                               sig[7999:8049], atol=1 / 32767 + 1e-6)
    assert len(loaded.levels) == len(built.levels)


def test_cancel_removes_partial_raw_file(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        build_pyramid([np.zeros(10, np.float32)], 100, raw_path=tmp_path / "r.i16", cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_content_hash_follows_bytes_not_name(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.bin", tmp_path / "b.bin", tmp_path / "c.bin"
    a.write_bytes(b"x" * 1000)
    b.write_bytes(b"x" * 1000)
    c.write_bytes(b"x" * 999 + b"y")
    assert content_hash(a) == content_hash(b) != content_hash(c)


def test_two_hour_view_is_cheap_at_any_zoom() -> None:
    # Two hours at 48 kHz built from level-0 bins directly (building from 345 M samples would
    # take the whole test budget); the drawing path is the same. What a view costs to draw is
    # its point count: one (min, max) pair per pixel column at most, whatever the zoom (the
    # times are in benchmarks/editor_speed.py).
    sr, frames = 48000, 2 * 3600 * 48000
    n0 = frames // BASE
    lvl0 = np.random.default_rng(0).uniform(-0.5, 0.5, (n0, 2)).astype(np.float32)
    lvl0.sort(axis=1)
    spike = n0 // 2 + 12345  # one loud bin: merging the bins of a column must never lose it
    lvl0[spike] = (-0.9, 0.95)
    pyr = PeakPyramid(sr, frames, pyramid_levels(lvl0))
    t_spike = (spike + 0.5) * BASE / sr
    for span in (7200.0, 600.0, 10.0, 0.05):
        start = t_spike - span / 3
        c = pyr.curve(start, start + span, 1600)
        assert c.level >= 0 and c.y.size <= 2 * (1600 + 3), (span, c.y.size)
        assert c.y.max() == pytest.approx(0.95) and c.y.min() == pytest.approx(-0.9)
        # Pairs sit at the centres of distinct, increasing pixel columns.
        cols = (c.x[::2] - start) / (span / 1600) - 0.5
        assert np.all(np.diff(cols) >= 1 - 1e-6), span
        # The loudest pair is drawn in the spike's own column.
        at = c.x[int(np.argmax(c.y))]
        assert abs(at - t_spike) <= span / 1600, (span, at, t_spike)


def test_raw_samples_merge_per_column_and_keep_a_one_sample_click() -> None:
    # Under BASE samples per pixel the raw samples are drawn; with several per column they are
    # merged to one (min, max) pair per column too, and a single-sample click still shows.
    sr = 48000
    sig = (0.1 * np.sin(np.arange(sr * 2) / 30)).astype(np.float32)
    sig[sr + 777] = 0.9
    pyr = build_pyramid([sig], sr, raw_path=None)
    pyr.samples = sig
    c = pyr.curve(1.0, 1.5, 1600)   # 24 000 samples on 1600 px: 15 per column
    assert c.level == -1 and c.y.size <= 2 * (1600 + 3)
    assert c.y.max() == pytest.approx(0.9)
    assert abs(c.x[int(np.argmax(c.y))] - (sr + 777) / sr) <= 0.5 / 1600
    few = pyr.curve(1.0, 1.0 + 800 / sr, 1600)  # half a sample per pixel: every sample drawn
    assert few.level == -1 and few.y.size >= 800
