"""Multichannel Wiener filtering of two stem estimates (an EM refinement in the spirit of norbert).

Ratio masks treat each channel alone. Modelling each stem as a spectral envelope times a per-frequency
2x2 spatial covariance lets the filter use where a stem sits in the stereo image: a centred voice and
wide music separate better than their magnitudes alone allow.

Stereo only, written out in closed form: every matrix is 2x2 Hermitian, so the mixture covariance
has a real determinant and the whole filter is a handful of elementwise products over (bins,
frames), several times cheaper than generic batched complex algebra.
"""
from __future__ import annotations

import torch

_EPS = 1e-10
# Diagonal loading relative to each bin's own power: a mono or centred mixture makes the
# covariances singular, and float32 cancellation in the determinant would explode there.
_LOADING = 1e-3


#: Bins refined at once. The model is independent per frequency bin, so banding changes nothing in
#: the result and caps the filter's working memory (a 43 s chunk: 680 MB whole, ~90 MB banded).
BAND_BINS = 256


def wiener_refine(est: torch.Tensor, mix: torch.Tensor, iterations: int = 1,
                  init: str = "magnitude", band: int = BAND_BINS) -> torch.Tensor:
    """Refine the first stem's complex spectrogram.

    Parameters
    ----------
    est : (stems, 2, bins, frames) magnitude estimates.
    mix : (2, bins, frames) complex mixture spectrogram.
    iterations : EM passes (each re-estimates spectra and spatial covariances).
    init : first guess: "magnitude" (the estimates with the mixture's phase) or "ratio"
        (the mixture under power ratio masks).

    Returns
    -------
    (2, bins, frames) complex spectrogram of stem 0; the other stem is the mixture minus it.
    """
    scale = float(mix.abs().amax().clamp_min(1e-6))
    out = torch.empty_like(mix)
    for lo in range(0, mix.shape[1], band):
        hi = min(mix.shape[1], lo + band)
        out[:, lo:hi] = _refine_band(est[:, :, lo:hi], mix[:, lo:hi], iterations, init, scale)
    return out


def _refine_band(est: torch.Tensor, mix: torch.Tensor, iterations: int, init: str,
                 scale: float) -> torch.Tensor:
    if init == "ratio":
        power = est ** 2
        masks = (power + _EPS / 2) / (power.sum(0) + _EPS)
        ys = [mix * m for m in masks]
    else:
        phase = torch.polar(torch.ones_like(mix.real), mix.angle())
        ys = [e * phase for e in est]
    x0, x1 = mix[0] / scale, mix[1] / scale
    ys = [y / scale for y in ys]
    for it in range(max(1, iterations)):
        last = it == max(1, iterations) - 1
        ys = _em_step(ys, x0, x1, only_first=last)
    return ys[0] * scale


def _em_step(ys: list[torch.Tensor], x0: torch.Tensor, x1: torch.Tensor,
             only_first: bool) -> list[torch.Tensor]:
    """One EM pass: spectra and spatial covariances from ``ys``, then Wiener estimates from x."""
    models = []
    c00 = c11 = 0.0
    c01 = 0.0
    for y in ys:
        p0 = y[0].real ** 2 + y[0].imag ** 2
        p1 = y[1].real ** 2 + y[1].imag ** 2
        v = 0.5 * (p0 + p1)                                          # (F, T) spectral envelope
        norm = v.sum(-1, keepdim=True) + _EPS
        r00 = p0.sum(-1, keepdim=True) / norm                        # (F, 1) spatial covariance
        r11 = p1.sum(-1, keepdim=True) / norm
        r01 = (y[0] * y[1].conj()).sum(-1, keepdim=True) / norm
        models.append((v, r00, r11, r01))
        c00 = c00 + v * r00
        c11 = c11 + v * r11
        c01 = c01 + v * r01
    load = _LOADING * (c00 + c11) + _EPS
    c00 = c00 + load
    c11 = c11 + load
    det = c00 * c11 - (c01.real ** 2 + c01.imag ** 2)
    # z = Cxx^-1 x, shared by every stem.
    z0 = (c11 * x0 - c01 * x1) / det
    z1 = (c00 * x1 - c01.conj() * x0) / det
    out = []
    for k, (v, r00, r11, r01) in enumerate(models):
        if only_first and k > 0:
            break
        out.append(torch.stack([v * (r00 * z0 + r01 * z1), v * (r01.conj() * z0 + r11 * z1)]))
    return out
