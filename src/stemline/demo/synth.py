"""Speech-like and music-like signals synthesised from scratch (no recorded or downloaded media).

The voice is a source-filter model: a glottal pulse train with a wandering pitch, shaped by moving
vowel formants, with noise consonants and syllable-rate envelopes and pauses between phrases. The
music is chords of plucked partials with a bass line and a light beat. Both are deterministic for
a given seed, so tests and the demo clip are reproducible.
"""
from __future__ import annotations

import numpy as np
from scipy import signal

# (F1, F2, F3) in Hz for a few vowels, from classic formant tables.
_VOWELS = np.array([[730, 1090, 2440], [270, 2290, 3010], [300, 870, 2240],
                    [530, 1840, 2480], [570, 840, 2410], [660, 1720, 2410]], dtype=float)


def _resonate(x: np.ndarray, freq: float, bw: float, sr: int) -> np.ndarray:
    r = np.exp(-np.pi * bw / sr)
    theta = 2 * np.pi * freq / sr
    return signal.lfilter([1 - r], [1, -2 * r * np.cos(theta), r * r], x)


def speech(seconds: float, sr: int = 44100, *, seed: int = 0, f0: float = 130.0) -> np.ndarray:
    """Mono speech-like signal, peak ~0.5, float32."""
    rng = np.random.default_rng(seed)
    n = int(seconds * sr)
    t = np.arange(n) / sr
    # Pitch: slow intonation contour plus jitter.
    contour = f0 * (1 + 0.15 * np.sin(2 * np.pi * 0.35 * t + rng.uniform(0, 6))
                    + 0.05 * np.sin(2 * np.pi * 2.1 * t))
    phase = np.cumsum(contour / sr)
    pulses = np.diff(np.floor(phase), prepend=0.0)
    glottal = signal.lfilter([1.0], [1, -0.97], pulses)          # spectral tilt of the glottis
    out = np.zeros(n)
    syll = int(0.22 * sr)
    pos = int(0.15 * sr)
    while pos < n - syll:
        if rng.random() < 0.12:                                  # a pause between phrases
            pos += int(rng.uniform(0.25, 0.5) * sr)
            continue
        length = int(syll * rng.uniform(0.7, 1.3))
        seg = slice(pos, min(n, pos + length))
        m = seg.stop - seg.start
        v0, v1 = _VOWELS[rng.integers(len(_VOWELS))], _VOWELS[rng.integers(len(_VOWELS))]
        src = glottal[seg]
        voiced = np.zeros(m)
        # Formants glide from one vowel to the next inside the syllable (in three sub-blocks).
        for k, frac in enumerate((0.0, 0.5, 1.0)):
            part = slice(k * m // 3, (k + 1) * m // 3)
            fm = v0 * (1 - frac) + v1 * frac
            for f, bw, g in zip(fm, (80, 100, 140), (1.0, 0.6, 0.3)):
                voiced[part] += g * _resonate(src[part], f, bw, sr)
        env = np.sin(np.pi * np.linspace(0, 1, m)) ** 0.6
        out[seg] += voiced * env
        if rng.random() < 0.5:                                   # a fricative consonant
            fl = int(rng.uniform(0.04, 0.09) * sr)
            noise = rng.standard_normal(fl)
            lo = rng.uniform(2500, 4500)
            sos = signal.butter(4, [lo, min(lo * 2.2, 9500)], "bandpass", fs=sr, output="sos")
            fr = signal.sosfilt(sos, noise) * np.hanning(fl) * 0.25
            start = max(0, pos - fl // 2)
            out[start:start + fl] += fr[: n - start]
        pos += length + int(rng.uniform(0.02, 0.08) * sr)
    out /= np.abs(out).max() + 1e-9
    return (0.5 * out).astype(np.float32)


def _pluck(freq: float, dur: float, sr: int, rng: np.random.Generator) -> np.ndarray:
    n = int(dur * sr)
    t = np.arange(n) / sr
    tone = np.zeros(n)
    for h in range(1, 9):
        tone += (0.6 ** h) * np.sin(2 * np.pi * freq * h * t + rng.uniform(0, 6)) * np.exp(-t * (1.5 + h))
    attack = np.minimum(1.0, t / 0.005)
    return tone * attack


def music(seconds: float, sr: int = 44100, *, seed: int = 0, bpm: float = 96.0) -> np.ndarray:
    """Stereo music-like signal (frames, 2), peak ~0.5, float32."""
    rng = np.random.default_rng(seed + 1000)
    n = int(seconds * sr)
    out = np.zeros((n, 2))
    beat = 60.0 / bpm
    roots = [220.0, 174.61, 261.63, 196.0]                      # A, F, C, G
    bar = 4 * beat
    for b in range(int(np.ceil(seconds / bar))):
        root = roots[b % len(roots)]
        start = int(b * bar * sr)
        for ratio, pan in ((1.0, -0.5), (1.26, 0.1), (1.5, 0.6), (2.0, -0.2)):   # a chord, spread
            for hit in range(4):
                s = start + int(hit * beat * sr)
                if s >= n:
                    continue
                tone = _pluck(root * ratio, beat * 1.8, sr, rng)[: n - s] * 0.22
                out[s:s + len(tone), 0] += tone * np.sqrt(0.5 * (1 - pan))
                out[s:s + len(tone), 1] += tone * np.sqrt(0.5 * (1 + pan))
        for hit in range(8):                                     # bass on eighths
            s = start + int(hit * beat / 2 * sr)
            if s >= n:
                continue
            tone = _pluck(root / 4, beat / 2, sr, rng)[: n - s] * 0.5
            out[s:s + len(tone)] += tone[:, None]
    t = np.arange(int(0.05 * sr)) / sr
    hat = signal.sosfilt(signal.butter(4, 7000, "highpass", fs=sr, output="sos"),
                         rng.standard_normal(len(t))) * np.exp(-t * 80) * 0.12
    for k in range(int(seconds / (beat / 2))):                   # hi-hat on eighths
        s = int(k * beat / 2 * sr)
        e = min(n, s + len(hat))
        out[s:e] += hat[: e - s, None] * (1.0 if k % 2 else 0.6)
    out /= np.abs(out).max() + 1e-9
    return (0.5 * out).astype(np.float32)


def mixture(seconds: float, sr: int = 44100, *, seed: int = 0, voice_db: float = 0.0
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mix, voice, background), all (frames, 2) float32; voice centred, ``voice_db`` louder than the music."""
    v = speech(seconds, sr, seed=seed)
    bg = music(seconds, sr, seed=seed)
    rms = lambda x: float(np.sqrt(np.mean(np.square(x))) + 1e-12)  # noqa: E731
    v = v * (rms(bg) / rms(v) * 10 ** (voice_db / 20))
    voice = np.repeat(v[:, None], 2, axis=1).astype(np.float32)
    mix = voice + bg
    peak = np.abs(mix).max()
    if peak > 0.9:
        voice, bg, mix = voice * 0.9 / peak, bg * 0.9 / peak, mix * 0.9 / peak
    return mix.astype(np.float32), voice.astype(np.float32), bg.astype(np.float32)
