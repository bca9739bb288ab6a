"""Multichannel Wiener filtering of two stem estimates (an EM refinement in the spirit of norbert).

Ratio masks treat each channel alone. Modelling each stem as a spectral envelope times a per-frequency
2x2 spatial covariance lets the filter use where a stem sits in the stereo image: a centred voice and
wide music separate better than their magnitudes alone allow.
"""
from __future__ import annotations

import torch

_EPS = 1e-10
_LOADING = 1e-3


def wiener_refine(est: torch.Tensor, mix: torch.Tensor, iterations: int = 1,
                  init: str = "ratio") -> torch.Tensor:
    """Refine the first stem's complex spectrogram.

    Parameters
    ----------
    est : (stems, channels, bins, frames) magnitude estimates, stems = 2.
    mix : (channels, bins, frames) complex mixture spectrogram.
    iterations : EM passes (each re-estimates spectra and spatial covariances).

    Returns
    -------
    (channels, bins, frames) complex spectrogram of stem 0; stem 1 is the mixture minus it.
    """
    if init == "ratio":
        power = est ** 2
        mask0 = (power[0] + _EPS / 2) / (power.sum(0) + _EPS)
        y = torch.stack([mix * mask0, mix * (1 - mask0)])          # (J, C, F, T)
    else:
        y = est * torch.exp(1j * mix.angle())[None]
    scale = mix.abs().amax().clamp_min(1e-6)
    for _ in range(max(1, iterations)):
        y = _em_step(y / scale, mix / scale) * scale
    return y[0]


def _em_step(y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """One EM pass: spectra and spatial covariances from ``y``, then the Wiener estimate from ``x``."""
    v = (y.real ** 2 + y.imag ** 2).mean(dim=1)                    # (J, F, T)
    # Spatial covariance per stem and frequency, normalised by the stem's spectral energy.
    r = torch.einsum("jaft,jbft->jfab", y, y.conj()) / (v.sum(-1)[..., None, None] + _EPS)
    cov = torch.einsum("jft,jfab->ftab", v.to(r.dtype), r)          # (F, T, C, C)
    # Diagonal loading relative to each bin's own power: a mono or centred mixture makes the
    # covariances singular, and float32 cancellation in the determinant would explode there.
    trace = cov.diagonal(dim1=-2, dim2=-1).real.sum(-1)
    reg = _LOADING * trace + _EPS
    a, b = cov[..., 0, 0] + reg, cov[..., 0, 1]
    c, d = cov[..., 1, 0], cov[..., 1, 1] + reg
    det = a * d - b * c
    inv = torch.stack([torch.stack([d, -b], -1), torch.stack([-c, a], -1)], -2) / det[..., None, None]
    xt = x.permute(1, 2, 0)                                        # (F, T, C)
    cx = torch.einsum("ftab,ftb->fta", inv, xt)                    # Cxx^-1 x
    out = torch.einsum("jft,jfab,ftb->jaft", v.to(r.dtype), r, cx)
    return out
