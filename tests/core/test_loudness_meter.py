"""The level meter's loudness agrees with pyloudnorm (the reference implementation) on the
same signal, whatever the block size, and its peak is the sample peak."""
from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from stemline.core.loudness import LoudnessMeter

SR = 48000


def programme(seconds: float = 20.0) -> np.ndarray:
    """Speech-like bursts over quiet noise, with a loud passage and silence: gating matters."""
    rng = np.random.default_rng(7)
    n = int(seconds * SR)
    t = np.arange(n) / SR
    env = 0.2 + 0.8 * (np.sin(2 * np.pi * 0.7 * t) > 0)
    sig = 0.1 * rng.standard_normal((n, 2)) * env[:, None]
    sig[: SR * 2] *= 0.01                                   # near-silent start (gated out)
    sig[SR * 8: SR * 11] += 0.3 * np.sin(2 * np.pi * 440 * t[SR * 8: SR * 11])[:, None]
    return sig.astype(np.float32)


@pytest.mark.parametrize("block", [256, 512, 4096])
def test_integrated_and_short_term_match_pyloudnorm(block: int) -> None:
    sig = programme()
    meter = LoudnessMeter(SR)
    for i in range(0, len(sig), block):
        meter.push(sig[i:i + block])
    ref = pyloudnorm.Meter(SR)
    assert meter.integrated == pytest.approx(ref.integrated_loudness(sig.astype(np.float64)),
                                             abs=0.1)
    # Short-term loudness is ungated: the K-weighted mean square of the last 3 s, here with
    # pyloudnorm's filters run over the whole signal at once.
    y = sig.astype(np.float64)
    for f in ref._filters.values():
        y = f.apply_filter(y.T).T
    energy = float((y[-3 * SR:] ** 2).mean(axis=0).sum())
    assert meter.short_term == pytest.approx(-0.691 + 10 * np.log10(energy), abs=0.05)
    assert meter.peak == pytest.approx(float(np.abs(sig).max()))


def test_silence_and_reset() -> None:
    meter = LoudnessMeter(SR)
    meter.push(np.zeros((SR, 2), np.float32))
    assert meter.integrated == -np.inf and meter.momentary == -np.inf
    # BS.1770's calibration: a 997 Hz sine at full scale in one channel reads -3.01 LUFS, so
    # half amplitude in both channels reads -3.01 - 6.02 + 3.01 = -6.02.
    tone = 0.5 * np.sin(2 * np.pi * 997 * np.arange(SR) / SR)
    meter.push(np.stack([tone, tone], axis=1))
    assert meter.momentary == pytest.approx(-6.02, abs=0.1)
    meter.reset()
    assert meter.peak == 0.0 and meter.short_term == -np.inf
