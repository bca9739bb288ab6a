"""Loudness, block by block: sample peak, momentary (400 ms), short-term (3 s)
and integrated (gated) loudness per ITU-R BS.1770 / EBU R128, in LUFS.

The K-weighting filters are pyloudnorm's (the well-kept reference implementation), run with
kept state so any block size gives the same result; the gating follows BS.1770-4 (absolute
-70 LUFS, relative -10 LU over 400 ms blocks with 75 % overlap), so the integrated value agrees
with ``pyloudnorm.Meter.integrated_loudness`` on the same signal.
"""
from __future__ import annotations

import math
from collections import deque

import numpy as np
from scipy.signal import lfilter

from stemline.core.mixer import TP_TAPS, inter_sample_peaks

SILENCE = -math.inf


def _lufs(energy: float) -> float:
    return -0.691 + 10.0 * math.log10(energy) if energy > 0 else SILENCE


class LoudnessMeter:
    """Feed float blocks with :meth:`push`; read the values at any time.

    ``weights``: BS.1770's per-channel weights (5.1: the LFE left out, the surrounds 1.41);
    default 1 for every channel."""

    def __init__(self, sample_rate: int, channels: int = 2,
                 weights: tuple[float, ...] | None = None) -> None:
        import pyloudnorm

        # pyloudnorm builds the K-weighting biquads for any rate; only their coefficients are
        # used here, with per-channel filter state carried from block to block.
        filters = pyloudnorm.Meter(sample_rate)._filters.values()
        self._stages = [(np.asarray(f.b, float), np.asarray(f.a, float), float(f.passband_gain))
                        for f in filters]
        self.sample_rate, self.channels = sample_rate, channels
        self._weights = np.ones(channels) if weights is None else np.asarray(weights, float)
        if len(self._weights) != channels:
            raise ValueError(f"{len(self._weights)} loudness weights for {channels} channels")
        self._step = int(round(0.1 * sample_rate))  # 100 ms: a quarter of a gating block
        self.reset()

    def reset(self) -> None:
        self._zi = [np.zeros((len(a) - 1, self.channels)) for _b, a, _g in self._stages]
        self._acc = np.zeros(self.channels)
        self._acc_n = 0
        self._quarters: deque[float] = deque(maxlen=30)  # 100 ms energies: the last 3 s
        self._blocks: list[float] = []                  # 400 ms energies since the reset
        self.peak = 0.0                                  # sample peak since the reset

    def push(self, block: np.ndarray) -> None:
        x = np.asarray(block, dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]
        if x.shape[0] == 0:
            return
        self.peak = max(self.peak, float(np.abs(x).max()))
        y = x
        for i, (b, a, gain) in enumerate(self._stages):
            y, self._zi[i] = lfilter(b, a, y, axis=0, zi=self._zi[i])
            y = y * gain
        sq = y * y
        pos = 0
        while pos < sq.shape[0]:
            take = min(self._step - self._acc_n, sq.shape[0] - pos)
            self._acc += sq[pos:pos + take].sum(axis=0)
            self._acc_n += take
            pos += take
            if self._acc_n == self._step:
                self._quarters.append(float(self._acc @ self._weights) / self._step)
                self._acc[:] = 0.0
                self._acc_n = 0
                if len(self._quarters) >= 4:
                    self._blocks.append(sum(list(self._quarters)[-4:]) / 4.0)

    @property
    def momentary(self) -> float:
        q = list(self._quarters)[-4:]
        return _lufs(sum(q) / 4.0) if len(q) == 4 else SILENCE

    @property
    def short_term(self) -> float:
        q = self._quarters
        return _lufs(sum(q) / len(q)) if len(q) == q.maxlen else SILENCE

    @property
    def integrated(self) -> float:
        blocks = np.asarray(self._blocks)
        if blocks.size == 0:
            return SILENCE
        with np.errstate(divide="ignore"):
            loud = -0.691 + 10.0 * np.log10(blocks)
        gated = blocks[loud > -70.0]
        if gated.size == 0:
            return SILENCE
        relative = _lufs(float(gated.mean())) - 10.0
        with np.errstate(divide="ignore"):
            keep = gated[-0.691 + 10.0 * np.log10(gated) > relative]
        return _lufs(float(keep.mean())) if keep.size else SILENCE

    @property
    def peak_db(self) -> float:
        return 20.0 * math.log10(self.peak) if self.peak > 0 else SILENCE




class TruePeakMeter:
    """True peak (ITU-R BS.1770-4 annex 2: 4x oversampled) of everything pushed, in dBTP.

    Reads peaks as the true-peak limiter does (:func:`stemline.core.mixer.inter_sample_peaks`),
    so what the limiter holds under its ceiling is what this reads.
    """

    def __init__(self, channels: int = 2) -> None:
        self._keep = 2 * TP_TAPS - 1  # frames of context the next push needs
        self._history = np.zeros((self._keep, channels))
        self.peak = self.last = 0.0

    def push(self, block: np.ndarray) -> None:
        x = np.asarray(block, np.float64)
        if x.ndim == 1:
            x = x[:, None]
        if not len(x):
            return
        ctx = np.concatenate([self._history, x])
        #: the true peak around this block alone (where in a file a peak is)
        self.last = max(float(np.abs(x).max()), float(inter_sample_peaks(ctx).max(initial=0.0)))
        self.peak = max(self.peak, self.last)
        self._history = ctx[-self._keep:]

    @property
    def peak_db(self) -> float:
        return 20.0 * math.log10(self.peak) if self.peak > 0 else SILENCE
