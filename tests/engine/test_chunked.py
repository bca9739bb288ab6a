"""Streaming separation in overlapping chunks: bounded, seamless, exact where it must be."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.demo.synth import mixture
from stemline.engine.separation.chunked import separate_stream
from stemline.engine.separation.spleeter import SpleeterSeparator


@pytest.fixture(scope="module")
def separator() -> SpleeterSeparator:
    return SpleeterSeparator("cpu")


def blocks_of(x: np.ndarray, n: int):
    for i in range(0, len(x), n):
        yield x[i:i + n]


def joined(parts: list[dict[str, np.ndarray]], stem: str) -> np.ndarray:
    return np.concatenate([p[stem] for p in parts])


def test_short_input_in_one_chunk_equals_whole_file(separator):
    mix = mixture(4.0, seed=5)[0]
    whole = separator.separate(mix, 44100)
    parts = list(separate_stream(blocks_of(mix, 10000), 44100, separator, chunk_seconds=30))
    np.testing.assert_array_equal(joined(parts, "voice"), whole["voice"])
    np.testing.assert_array_equal(joined(parts, "background"), whole["background"])


def si_sdr(est: np.ndarray, ref: np.ndarray) -> float:
    e, r = est.reshape(-1).astype(np.float64), ref.reshape(-1).astype(np.float64)
    alpha = np.dot(e, r) / np.dot(r, r)
    return float(10 * np.log10(np.sum((alpha * r) ** 2) / np.sum((e - alpha * r) ** 2)))


def test_many_chunks_match_whole_file_and_rebuild_the_input(separator):
    mix, true_voice, _ = mixture(9.0, seed=6)
    whole = separator.separate(mix, 44100)["voice"]
    parts = list(separate_stream(blocks_of(mix, 7777), 44100, separator,
                                 chunk_seconds=2.5, crossfade_seconds=0.5))
    voice, background = joined(parts, "voice"), joined(parts, "background")
    assert voice.shape == mix.shape
    np.testing.assert_allclose(voice + background, mix, atol=1e-6)
    # Chunks see less context (their own Wiener statistics, another patch grid), so they differ
    # a little from the whole-file result, but must be just as close to the true voice.
    assert si_sdr(voice, true_voice) > si_sdr(whole, true_voice) - 0.5
    err = voice - whole
    snr = 10 * np.log10(np.sum(whole ** 2) / np.sum(err ** 2))
    assert snr > 12.0, f"chunked result departs from whole-file by {snr:.1f} dB SNR"
    # No seam: the difference around chunk boundaries is no worse than elsewhere.
    rate = 44100
    bounds = [int(k * 2.5 * rate) for k in range(1, 4)]
    seam = max(np.abs(err[b - 2000:b + 2000]).max() for b in bounds)
    assert seam < 0.1 * np.abs(whole).max()


def test_output_blocks_stay_bounded(separator):
    mix = mixture(8.0, seed=7)[0]
    sizes = [len(p["voice"]) for p in separate_stream(blocks_of(mix, 4096), 44100, separator,
                                                      chunk_seconds=2.0, crossfade_seconds=0.2)]
    assert sum(sizes) == len(mix)
    assert max(sizes) <= int(2.0 * 44100) + int(0.2 * 44100)
