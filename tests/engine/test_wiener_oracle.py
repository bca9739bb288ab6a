"""The closed-form Wiener filter against a plain reference written with full 2x2 complex matrices.

`wiener.py` expands every 2x2 Hermitian product by hand for speed; a slip in one of those terms
(a conjugate, a sign, a swapped channel) still gives plausible audio. Here the same model (spectral
envelope times a per-bin spatial covariance, loaded diagonal, one EM pass per iteration) is built
the slow, obvious way in float64 with numpy's matrix inverse, and the two must agree.
"""
from __future__ import annotations

import numpy as np
import pytest
import torch

from stemline.engine.separation import wiener
from stemline.engine.separation.wiener import wiener_refine

EPS = 1e-10
LOADING = 1e-3


def reference(est: np.ndarray, mix: np.ndarray, iterations: int, init: str) -> np.ndarray:
    scale = max(np.abs(mix).max(), 1e-6)
    x = np.moveaxis(mix, 0, -1) / scale                                # (F, T, 2)
    if init == "ratio":
        power = est ** 2
        masks = (power + EPS / 2) / (power.sum(0) + EPS)
        ys = [np.moveaxis(mix * m, 0, -1) / scale for m in masks]
    else:
        phase = np.exp(1j * np.angle(mix))
        ys = [np.moveaxis(e * phase, 0, -1) / scale for e in est]
    for _ in range(max(1, iterations)):
        models = []
        for y in ys:
            v = 0.5 * (np.abs(y) ** 2).sum(-1)                              # (F, T)
            outer = y[..., :, None] * y[..., None, :].conj()                # (F, T, 2, 2)
            r = outer.sum(1) / (v.sum(-1) + EPS)[:, None, None]             # (F, 2, 2)
            models.append((v, r))
        cxx = sum(v[..., None, None] * r[:, None] for v, r in models)
        load = LOADING * np.trace(cxx, axis1=-2, axis2=-1).real + EPS
        cxx = cxx + load[..., None, None] * np.eye(2)
        z = np.linalg.solve(cxx, x[..., None])[..., 0]
        ys = [v[..., None] * np.einsum("fij,ftj->fti", r, z) for v, r in models]
    return np.moveaxis(ys[0], -1, 0) * scale


def material(seed: int, bins: int = 40, frames: int = 30) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    def cplx() -> np.ndarray:
        return (rng.standard_normal((bins, frames)) + 1j * rng.standard_normal((bins, frames))) \
            * rng.random((bins, frames))
    a, b = cplx(), cplx()
    # distinct stereo images with a complex (phase-shifted) inter-channel term
    mix = np.stack([a + 0.4j * b, (0.6 - 0.3j) * a + b]) * 3.0
    est = np.stack([np.abs(np.stack([a, (0.6 - 0.3j) * a])) * rng.uniform(0.5, 1.5, (2, bins, frames)),
                    np.abs(np.stack([0.4j * b, b])) * rng.uniform(0.5, 1.5, (2, bins, frames))])
    return est, mix


@pytest.mark.parametrize("init", ["magnitude", "ratio"])
@pytest.mark.parametrize("iterations", [0, 1, 3])
def test_matches_the_matrix_reference(init: str, iterations: int) -> None:
    est, mix = material(iterations + 7 * (init == "ratio"))
    ours = wiener_refine(torch.from_numpy(est).float(), torch.from_numpy(mix).to(torch.complex64),
                         iterations, init, band=16).numpy()
    ref = reference(est, mix, iterations, init)
    err = np.abs(ours - ref).max() / np.abs(ref).max()
    assert err < 2e-4, err


def test_defaults_are_one_pass_from_the_magnitudes_in_bands() -> None:
    est, mix = material(3, bins=wiener.BAND_BINS + 30)
    ours = wiener_refine(torch.from_numpy(est).float(), torch.from_numpy(mix).to(torch.complex64)).numpy()
    ref = reference(est, mix, 1, "magnitude")
    assert np.abs(ours - ref).max() / np.abs(ref).max() < 2e-4


@pytest.mark.parametrize("level", [1e-4, 1e-9])
def test_quiet_mixtures_are_scaled_not_floored(level: float) -> None:
    # the filter normalises by the mixture's peak, so a quiet passage is refined like a loud one
    # (its epsilons sit far below any real power) until the peak floor of 1e-6 takes over
    est, mix = material(4)
    ours = wiener_refine(torch.from_numpy(est * level).float(),
                         torch.from_numpy(mix * level).to(torch.complex64), 1).numpy()
    ref = reference(est * level, mix * level, 1, "magnitude")
    assert np.isfinite(ours).all()
    assert np.abs(ours - ref).max() / np.abs(ref).max() < 2e-3
