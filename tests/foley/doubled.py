"""Soundtracks that already hold some of a clip's hits: a room tone and a music bed, with a
recorded-style knock (a low thump and a noise crack, not a library sound) on chosen contacts at a
chosen level. Used by tests/foley/test_doubled.py and benchmarks/doubled_hits.py."""
from __future__ import annotations

import numpy as np

RATE = 48000


def knock(rng: np.random.Generator, peak_db: float, kind: str = "knock",
          rate: int = RATE) -> np.ndarray:
    """A recorded-style hit at ``peak_db``: "knock" (a 90-140 Hz thump and a noise crack),
    "slap" (a 0.8-3 kHz noise burst) or "thud" (a 50-80 Hz body, hardly any crack)."""
    from scipy.signal import butter, sosfilt

    n = int(0.12 * rate)
    t = np.arange(n) / rate
    if kind == "slap":
        burst = sosfilt(butter(2, (800, 3000), btype="band", fs=rate, output="sos"),
                        rng.standard_normal(n))
        x = burst * np.exp(-t / 0.015)
    elif kind == "thud":
        x = np.sin(2 * np.pi * rng.uniform(50, 80) * t) * np.exp(-t / 0.06) \
            + 0.05 * rng.standard_normal(n) * np.exp(-t / 0.004)
    else:
        thump = np.sin(2 * np.pi * rng.uniform(90, 140) * t) * np.exp(-t / 0.03)
        crack = rng.standard_normal(n) * np.exp(-t / 0.006)
        x = 0.7 * thump + 0.5 * crack
    return (x / np.abs(x).max() * 10 ** (peak_db / 20)).astype(np.float32)


def soundtrack(seconds: float, hits: list[tuple[float, float]], *, seed: int = 0,
               bed_db: float = -30.0, music: bool = True, bed: str = "tone",
               kind: str = "knock", rate: int = RATE,
               avoid: list[float] | None = None) -> np.ndarray:
    """(frames, 2) float32: a bed at ``bed_db`` RMS ("tone": room tone; "brown": traffic
    rumble; "babble": a crowd's modulated murmur; "drums": room tone and a kick every 0.5 s,
    kept 0.15 s away from the times in ``avoid``), a sustained chord when ``music``, and a hit
    of ``kind`` at each (time, peak dBFS) of ``hits``."""
    from scipy.signal import butter, sosfilt

    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n) / rate
    noise = rng.standard_normal(n)
    if bed == "brown":
        base = np.cumsum(noise)
        base = base - np.convolve(base, np.ones(2001) / 2001, mode="same")
    elif bed == "babble":
        band = sosfilt(butter(2, (200, 3000), btype="band", fs=rate, output="sos"), noise)
        syll = 0.6 + 0.4 * np.sin(2 * np.pi * 4.3 * t) * np.sin(2 * np.pi * 0.7 * t + 1.0)
        base = band * syll
    else:
        base = np.convolve(noise, np.ones(8) / 8, mode="same")          # darker than white
    base = base * 10 ** (bed_db / 20) / (np.sqrt(np.mean(base ** 2)) + 1e-12)
    mix = base.astype(np.float32)
    if music:
        swell = 0.5 + 0.5 * np.sin(2 * np.pi * 0.2 * t)
        chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 277.2, 329.6)) / 3
        mix = mix + (0.08 * swell * chord).astype(np.float32)
    if bed == "drums":
        for beat in np.arange(0.25, seconds, 0.5):
            if any(abs(beat - a) < 0.15 for a in (avoid or [])):
                continue
            k = knock(rng, bed_db + 14, "thud", rate)
            a = int(beat * rate)
            mix[a:a + len(k)] += k[:max(0, min(len(k), n - a))]
    out = np.stack([mix, mix], 1).astype(np.float32)
    for when, level in hits:
        k = knock(rng, level, kind, rate)
        a = int(when * rate)
        b = min(n, a + len(k))
        out[a:b] += k[:b - a, None]
    return out
