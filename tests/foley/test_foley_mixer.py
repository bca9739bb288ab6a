"""The block-based mixer: gains, suppression, ducking, limiting."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.core.mixer import Limiter, Mixer, TrackMix, suppression_db, suppression_gain

SR = 48000


def _noise(seconds: float, level: float, seed: int = 0) -> np.ndarray:
    return (np.random.default_rng(seed).standard_normal((int(seconds * SR), 2)) * level).astype(np.float32)


def _rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.asarray(x, np.float64) ** 2) + 1e-20))


def test_suppression_scales_background_amplitude() -> None:
    assert suppression_gain(0.3) == pytest.approx(0.7)
    assert suppression_db(0.3) == pytest.approx(-3.098, abs=0.01)
    assert suppression_gain(1.0) == 0.0
    bg = _noise(1.0, 0.05)
    for s, expect in ((0.3, -3.098), (1.0, None)):
        out = Mixer(SR, {"background": TrackMix()}, suppression=s, limit=False).process({"background": bg})
        if expect is None:
            assert not np.any(out)
        else:
            assert _rms_db(out) - _rms_db(bg) == pytest.approx(expect, abs=0.01)
    with pytest.raises(ValueError):
        Mixer(SR, suppression=1.5)


def test_gain_pan_and_validation() -> None:
    v = _noise(0.5, 0.05)
    out = Mixer(SR, {"voice": TrackMix(gain_db=-6.0, pan=1.0)}, limit=False).process({"voice": v})
    assert np.abs(out[:, 0]).max() < 1e-6
    assert _rms_db(out[:, 1]) - _rms_db(v[:, 1]) == pytest.approx(-6.0 + 3.01, abs=0.05)
    with pytest.raises(ValueError):
        TrackMix(gain_db=float("nan"))
    with pytest.raises(ValueError):
        TrackMix(pan=2.0)


def test_limiter_never_clips_and_is_block_size_independent() -> None:
    x = _noise(2.0, 0.9) * np.linspace(0.2, 3.0, 2 * SR)[:, None].astype(np.float32)
    whole = Limiter(SR).process(x)
    assert np.abs(whole).max() <= 0.966 + 1e-6
    lim = Limiter(SR)
    parts = np.concatenate([lim.process(x[i:i + 1000]) for i in range(0, len(x), 1000)])
    assert np.allclose(parts, whole, atol=1e-6)
    quiet = _noise(0.5, 0.05)
    assert np.allclose(Limiter(SR).process(quiet), quiet, atol=1e-7)  # leaves quiet audio alone


def test_ducking_lowers_background_only_while_voice_plays() -> None:
    bg = _noise(3.0, 0.05, seed=1)
    voice = np.zeros_like(bg)
    voice[SR:2 * SR] = _noise(1.0, 0.1, seed=2)
    mixer = Mixer(SR, {"voice": TrackMix(), "background": TrackMix(duck=True)}, limit=False)
    mixed = np.concatenate([mixer.process({"voice": voice[i:i + 4800], "background": bg[i:i + 4800]})
                            for i in range(0, len(bg), 4800)])
    out = mixed - voice  # what is left of the background
    before = _rms_db(out[int(0.5 * SR):SR]) - _rms_db(bg[int(0.5 * SR):SR])
    during = _rms_db(out[int(1.3 * SR):int(1.9 * SR)]) - _rms_db(bg[int(1.3 * SR):int(1.9 * SR)])
    after = _rms_db(out[int(2.8 * SR):]) - _rms_db(bg[int(2.8 * SR):])
    assert before == pytest.approx(0.0, abs=0.1)
    assert during < -6.0
    muted = Mixer(SR, {"voice": TrackMix(mute=True), "background": TrackMix(duck=True)}, limit=False)
    assert np.allclose(muted.process({"voice": voice, "background": bg}), bg, atol=1e-6)
    assert after > -1.0
