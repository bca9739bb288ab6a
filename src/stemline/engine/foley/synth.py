"""Synthesised Foley one-shots: modal impacts, footsteps, thuds, whooshes, cloth.

Every function takes a seeded ``numpy.random.Generator`` and returns mono float32 at
:data:`SAMPLE_RATE` with a few milliseconds of silence before a clean attack, so the library's
onset analysis finds the attack where the synthesis put it. Contact sounds keep their energy in a
single transient (no second hit within ~100 ms) and decay smoothly, which is what makes them read
as one event, to the ear and to onset detectors alike.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from scipy import signal

SAMPLE_RATE = 48000
_PRE = 0.004  # seconds of silence before the attack

#: material → (fundamental range Hz, mode ratios, T60 range s, click brightness Hz)
MATERIALS: dict[str, tuple[tuple[float, float], tuple[float, ...], tuple[float, float], float]] = {
    "wood": ((380.0, 720.0), (1.0, 2.57, 4.21, 6.09), (0.10, 0.22), 4000.0),
    "metal": ((520.0, 1300.0), (1.0, 2.76, 5.40, 8.93, 13.34), (0.7, 1.1), 9000.0),
    "glass": ((1500.0, 3000.0), (1.0, 2.32, 4.25, 6.63), (0.45, 0.7), 12000.0),
    "plastic": ((420.0, 900.0), (1.0, 1.93, 3.11, 4.72), (0.06, 0.14), 6000.0),
}


def _band(x: np.ndarray, lo: float | None, hi: float | None, order: int = 2) -> np.ndarray:
    nyq = SAMPLE_RATE / 2
    if lo and hi:
        sos = signal.butter(order, [lo / nyq, min(hi / nyq, 0.99)], "bandpass", output="sos")
    elif hi:
        sos = signal.butter(order, min(hi / nyq, 0.99), "lowpass", output="sos")
    elif lo:
        sos = signal.butter(order, lo / nyq, "highpass", output="sos")
    else:
        return x
    return signal.sosfilt(sos, x)


def _finish(x: np.ndarray, seconds: float) -> np.ndarray:
    """Pad the pre-roll, fade the tail to zero, normalise to -1 dBFS peak."""
    n = int(seconds * SAMPLE_RATE)
    x = x[:n]
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    fade = int(0.03 * SAMPLE_RATE)
    x[-fade:] *= np.linspace(1.0, 0.0, fade)
    x = np.concatenate([np.zeros(int(_PRE * SAMPLE_RATE)), x])
    return (x / (np.max(np.abs(x)) + 1e-12) * 0.89).astype(np.float32)


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE


def impact(rng: np.random.Generator, material: str, seconds: float = 0.5) -> np.ndarray:
    """A struck object: a short noise click exciting a few damped inharmonic modes."""
    (f_lo, f_hi), ratios, (t_lo, t_hi), bright = MATERIALS[material]
    t = _t(seconds)
    f0 = rng.uniform(f_lo, f_hi)
    t60 = rng.uniform(t_lo, t_hi)
    x = np.zeros_like(t)
    for k, r in enumerate(ratios):
        f = f0 * r * rng.uniform(0.98, 1.02)
        if f > 0.45 * SAMPLE_RATE:
            continue
        # higher modes die faster (damping grows with frequency)
        tk = t60 / (1.0 + 0.6 * k)
        amp = rng.uniform(0.5, 1.0) / (1.0 + 0.5 * k)
        x += amp * np.exp(-6.91 * t / tk) * np.sin(2 * np.pi * f * t + rng.uniform(0, 2 * np.pi))
    click_len = int(0.004 * SAMPLE_RATE)
    click = rng.standard_normal(click_len) * np.exp(-np.arange(click_len) / (0.0008 * SAMPLE_RATE))
    click = _band(click, 200.0, bright)
    x[:click_len] += 1.5 * click / (np.max(np.abs(click)) + 1e-12)
    # a 1 ms raised attack keeps the transient sharp but click-free
    ramp = int(0.001 * SAMPLE_RATE)
    x[:ramp] *= np.linspace(0.0, 1.0, ramp)
    return _finish(x, seconds)


def thud(rng: np.random.Generator, seconds: float = 0.45) -> np.ndarray:
    """A heavy soft body landing: a low pitch-dropping thump and a dull noise burst."""
    t = _t(seconds)
    f = rng.uniform(55.0, 95.0) * (1.0 + 0.6 * np.exp(-t / 0.03))
    phase = 2 * np.pi * np.cumsum(f) / SAMPLE_RATE
    body = np.sin(phase) * np.exp(-t / rng.uniform(0.05, 0.09))
    noise = _band(rng.standard_normal(len(t)), 60.0, rng.uniform(500.0, 900.0))
    noise *= np.exp(-t / 0.02)
    x = body + 0.4 * noise / (np.max(np.abs(noise)) + 1e-12)
    ramp = int(0.002 * SAMPLE_RATE)
    x[:ramp] *= np.linspace(0.0, 1.0, ramp)
    return _finish(x, seconds)


def footstep(rng: np.random.Generator, surface: str, seconds: float = 0.3) -> np.ndarray:
    """One footfall: heel thump plus the surface's texture, all within ~60 ms."""
    t = _t(seconds)
    heel = _band(rng.standard_normal(len(t)), 60.0, 350.0) * np.exp(-t / 0.018)
    heel /= np.max(np.abs(heel)) + 1e-12
    if surface == "gravel":
        # many small stones: grains spread over the first 60 ms under one decaying envelope
        tex = np.zeros(len(t))
        for _ in range(60):
            i = int(abs(rng.normal(0.0, 0.02)) * SAMPLE_RATE)
            n = int(0.002 * SAMPLE_RATE)
            if i + n < len(t):
                tex[i:i + n] += rng.uniform(0.3, 1.0) * rng.standard_normal(n) * np.hanning(n)
        tex = _band(tex, 1500.0, 9000.0) * np.exp(-t / 0.03)
        x = 0.6 * heel + 1.2 * tex / (np.max(np.abs(tex)) + 1e-12)
    elif surface == "wood":
        f0 = rng.uniform(140.0, 220.0)
        ring = sum(np.exp(-t / (0.05 / (1 + k))) * np.sin(2 * np.pi * f0 * r * t)
                   for k, r in enumerate((1.0, 2.3, 3.9)))
        scuff = _band(rng.standard_normal(len(t)), 800.0, 5000.0) * np.exp(-t / 0.01)
        x = heel + 0.5 * ring + 0.3 * scuff / (np.max(np.abs(scuff)) + 1e-12)
    else:  # concrete: heel plus a bright short scuff
        scuff = _band(rng.standard_normal(len(t)), 1500.0, 8000.0) * np.exp(-t / 0.012)
        x = heel + 0.5 * scuff / (np.max(np.abs(scuff)) + 1e-12)
    ramp = int(0.0015 * SAMPLE_RATE)
    x[:ramp] *= np.linspace(0.0, 1.0, ramp)
    return _finish(x, seconds)


def whoosh(rng: np.random.Generator, seconds: float = 0.7) -> np.ndarray:
    """Air moving past: band-passed noise whose centre sweeps while it swells and fades."""
    t = _t(seconds)
    n = len(t)
    noise = rng.standard_normal(n)
    out = np.zeros(n)
    # piecewise band-pass with a moving centre (overlap-added segments)
    seg = int(0.02 * SAMPLE_RATE)
    win = np.hanning(2 * seg)
    f_start, f_end = rng.uniform(300, 600), rng.uniform(1500, 3000)
    for i in range(0, n - 2 * seg, seg):
        fc = f_start + (f_end - f_start) * np.sin(np.pi * i / n)
        part = _band(noise[i:i + 2 * seg], fc / 1.5, fc * 1.5) * win
        out[i:i + 2 * seg] += part
    env = np.sin(np.pi * np.clip(t / seconds, 0, 1)) ** 2
    return _finish(out * env, seconds)


def cloth(rng: np.random.Generator, seconds: float = 0.6) -> np.ndarray:
    """Fabric rustle: bright noise under a slow irregular envelope, soft attack."""
    t = _t(seconds)
    noise = _band(rng.standard_normal(len(t)), 1200.0, 7000.0)
    mod = _band(rng.standard_normal(len(t)), None, 12.0, order=1)
    mod = np.abs(mod) / (np.max(np.abs(mod)) + 1e-12)
    env = np.sin(np.pi * t / seconds) * (0.4 + 0.6 * mod)
    return _finish(noise * env, seconds)


#: Built-in kinds: UCS-style file stem → (variations, generator)
KINDS: dict[str, tuple[int, Callable[[np.random.Generator], np.ndarray]]] = {
    "IMPACT_Wood_Knock": (5, lambda r: impact(r, "wood", 0.45)),
    "IMPACT_Metal_Clang": (4, lambda r: impact(r, "metal", 0.9)),
    "IMPACT_Glass_Tink": (4, lambda r: impact(r, "glass", 0.7)),
    "IMPACT_Plastic_Tap": (5, lambda r: impact(r, "plastic", 0.35)),
    "IMPACT_Thud_Body": (4, lambda r: thud(r)),
    "FOOTSTEPS_Concrete_Step": (5, lambda r: footstep(r, "concrete")),
    "FOOTSTEPS_Gravel_Step": (5, lambda r: footstep(r, "gravel")),
    "FOOTSTEPS_Wood_Step": (5, lambda r: footstep(r, "wood")),
    "WHOOSH_Air_Swish": (3, lambda r: whoosh(r)),
    "CLOTH_Cotton_Rustle": (3, lambda r: cloth(r)),
}
