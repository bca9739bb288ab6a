"""The learned room estimator: a small network that reads a recording's RT60 from statistics of
its level in octave bands.

Hand-made rules read decays well where speech leaves them free, but a long room's decays are
cut by the next word and a short room's end in the noise; how much to trust which depth, band
and slope is learnt instead. The inputs (:func:`room_features`) are, per band: the steepest
falls of the level over 40, 80 and 160 ms (a level can fall no faster than the room lets it:
the steepest falls are the room's free decay, the rest is speech), the decays the free-decay
finder keeps (``room_decays.free_decays``: median RT60 of the deepest few, how many, how deep)
and the level's range, and whether the recording is a separated voice stem. A two-layer
perceptron maps them to log RT60.

It was trained by ``benchmarks/train_rt60.py`` on speech of voices and texts no benchmark set
uses, in rooms drawn at random (shoebox rooms built by the image-source method, and exponential
tails with frequency-dependent decay, early reflections and direct sound -6..+12 dB; RT60
0.15-2 s; white or pink noise), never on a benchmark's rooms. The weights ship
as plain arrays (``room_model.npz``, read with pickling off: loading it runs no code).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.npz import read_arrays
from stemline.engine.foley.room_decays import BANDS, HOP_S

MODEL_FILE = Path(__file__).with_name("room_model.npz")
#: Windows (hops of ``HOP_S``) over which the level's slope is measured: 40, 80 and 160 ms.
SLOPE_WINDOWS = (8, 16, 32)
#: Percentiles of the slopes kept (the steepest falls).
SLOPE_PERCENTILES = (2.0, 5.0, 10.0, 25.0)
#: A window counts only where its level stays this far above the band's noise floor (dB): a fall
#: into the noise is as steep as the noise lets it look, not the room.
SLOPE_ABOVE_FLOOR_DB = 10.0
#: How many of the deepest decays each median is taken over.
DEEPEST = (3, 8, 20)
#: Stand-ins where a band shows nothing: an RT60 of 0.5 s, as ``log(RT60 / 1 s)``.
_NONE_LOG_RT = math.log(0.5)


def _names() -> tuple[str, ...]:
    names = []
    for fc in BANDS:
        b = f"{int(fc)}"
        names += [f"{b}:slope{w}p{int(p)}" for w in SLOPE_WINDOWS for p in SLOPE_PERCENTILES]
        names += [f"{b}:deepest{k}" for k in DEEPEST]
        names += [f"{b}:decays", f"{b}:depth3", f"{b}:range", f"{b}:upper"]
    return tuple(names) + ("separated",)


#: The inputs, in order (a model file names them; one made for others is refused).
FEATURES = _names()
_PER_BAND = (len(FEATURES) - 1) // len(BANDS)


def _slopes(level: np.ndarray, floor: float) -> list[float]:
    out = []
    for w in SLOPE_WINDOWS:
        if len(level) < w + 1:
            out += [0.0] * len(SLOPE_PERCENTILES)
            continue
        t = np.arange(w, dtype=np.float64)
        k = (t - t.mean()) / float(np.sum((t - t.mean()) ** 2))
        slope = np.correlate(level, k, mode="valid") / HOP_S  # dB per second
        low = -np.lib.stride_tricks.sliding_window_view(-level, w).max(axis=1)  # window minimum
        use = slope[low > floor + SLOPE_ABOVE_FLOOR_DB]
        if len(use) < 10:
            out += [0.0] * len(SLOPE_PERCENTILES)
            continue
        for p in np.percentile(use, SLOPE_PERCENTILES):
            # log of the RT60 the fall would mean (60 dB at this rate), relative to 1 s
            out.append(math.log(60.0 / max(-float(p), 6.0)))
    return out


def _decay_stats(decays: list[tuple[float, float]]) -> list[float]:
    deep = sorted(decays, reverse=True)
    out = []
    for k in DEEPEST:
        rts = [rt for _d, rt in deep[:k]]
        out.append(math.log(float(np.median(rts))) if rts else _NONE_LOG_RT)
    out.append(math.log1p(len(deep)))
    out.append(deep[min(2, len(deep) - 1)][0] / 30.0 if deep else 0.0)
    return out


def room_features(levels: list[np.ndarray], decays: list[list[tuple[float, float]]], *,
                  separated: bool = False) -> np.ndarray:
    """:data:`FEATURES` of a recording from its band levels (``room_decays.band_levels``) and each
    band's free decays (``room_decays.free_decays``). A band the sample rate doesn't reach
    counts as silent. ``separated``: the recording is a voice stem separated from music, whose
    tails the separation shortens where the music covered them (the model learnt how much)."""
    row: list[float] = []
    for k in range(len(BANDS)):
        if k >= len(levels) or len(levels[k]) == 0:
            row += [0.0] * _PER_BAND
            continue
        level = levels[k]
        floor, mid, high = np.nanpercentile(level, (5.0, 50.0, 95.0))
        row += _slopes(level, float(floor))
        row += _decay_stats(decays[k])
        row += [float(high - floor) / 30.0, float(high - mid) / 30.0]
    row.append(1.0 if separated else 0.0)
    return np.asarray(row, np.float64)


_KEYS = ("features", "mean", "std", "w0", "b0", "w1", "b1", "w2", "b2")


@dataclass(frozen=True)
class LearnedRoom:
    """The network's arrays (one or more members whose log RT60s are averaged); :meth:`rt60`
    runs it."""

    mean: np.ndarray
    std: np.ndarray
    members: tuple[tuple[tuple[np.ndarray, np.ndarray], ...], ...]

    @staticmethod
    @lru_cache(maxsize=1)
    def bundled() -> LearnedRoom:
        """The model that ships with Stemline (read once)."""
        return LearnedRoom.load(MODEL_FILE)

    @staticmethod
    def load(path: Path) -> LearnedRoom:
        """Read a model file, checking that it is one (arrays only, shapes that fit, made for
        :data:`FEATURES`). Each weight array holds the members stacked on its first axis.

        Raises
        ------
        ModelUnavailable
            When the file is missing, damaged or doesn't fit.
        """
        arrays = read_arrays(path, _KEYS, "room model")
        if tuple(str(n) for n in arrays["features"]) != FEATURES:
            raise ModelUnavailable(f"{path}: made for other features than this Stemline computes")
        n_in = len(FEATURES)
        if arrays["mean"].shape != (n_in,) or arrays["std"].shape != (n_in,):
            raise ModelUnavailable(f"{path}: its normalisation doesn't fit {n_in} features")
        ws = [arrays[f"w{i}"] for i in range(3)]
        bs = [arrays[f"b{i}"] for i in range(3)]
        if any(w.ndim != 3 for w in ws) or any(b.ndim != 2 for b in bs):
            raise ModelUnavailable(f"{path}: weights are not stacked members")
        members = []
        for m in range(ws[0].shape[0]):
            width, layers = n_in, []
            for w, b in zip(ws, bs):
                if m >= w.shape[0] or w.shape[2] != width or b.shape[1:] != (w.shape[1],) or m >= b.shape[0]:
                    raise ModelUnavailable(f"{path}: layer shapes don't fit")
                layers.append((w[m].astype(np.float64), b[m].astype(np.float64)))
                width = w.shape[1]
            if width != 1:
                raise ModelUnavailable(f"{path}: the network doesn't end in one output")
            members.append(tuple(layers))
        return LearnedRoom(arrays["mean"].astype(np.float64), np.maximum(arrays["std"], 1e-6).astype(np.float64),
                           tuple(members))

    def rt60(self, features: np.ndarray) -> float:
        """RT60 (seconds) for one recording's :data:`FEATURES`: the members' mean in log time."""
        x0 = (np.asarray(features, np.float64) - self.mean) / self.std
        logs = []
        for layers in self.members:
            x = x0
            for i, (w, b) in enumerate(layers):
                x = w @ x + b
                if i < len(layers) - 1:
                    x = np.tanh(x)
            logs.append(float(x[0]))
        return math.exp(float(np.mean(logs)))
