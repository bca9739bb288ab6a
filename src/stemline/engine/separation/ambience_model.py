"""The learned part of the music/ambience split: a small network that corrects the hand-made
ambience share bin by bin from the splitter's own evidence (``ambience.evidence``).

The hand-made share multiplies three tests with thresholds set by hand; how much each should
count where they disagree (a rise that is a little peaked, a held bin that flickers) is learnt
instead: a two-layer perceptron adds to the logit of the hand-made share, ``scale * (share -
centre)``. It sees ``ambience.FEATURES`` at the bin itself and at a few neighbours (two bins
below and above, three frames before and after: ``context``), 32 and 32 units, one logit out.
It was trained by ``benchmarks/train_ambience.py`` on mixtures of other pieces, programs and
seeds than any the benchmark scores (rain, road and room tone only), end to end through the
inverse STFT, on what the benchmark measures: the music left and the ambience kept.

The weights ship with the package as plain arrays (``ambience_model.npz``, read with pickling
off: loading it runs no code) and run in NumPy, in blocks of frames, so memory stays bounded.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.npz import read_arrays

MODEL_FILE = Path(__file__).with_name("ambience_model.npz")
#: Frames run through the network at once (32 hidden units x 2049 bins x 64 frames: 17 MB).
BLOCK = 64
_KEYS = ("features", "context", "mean", "std", "w0", "b0", "w1", "b1", "w2", "b2", "scale", "centre")


@dataclass(frozen=True)
class LearnedCorrection:
    """The network's arrays; :meth:`correction` runs it."""

    features: tuple[str, ...]
    context: tuple[tuple[int, int], ...]
    mean: np.ndarray
    std: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    scale: float
    centre: float

    @staticmethod
    @lru_cache(maxsize=1)
    def bundled() -> LearnedCorrection:
        """The model that ships with Stemline (read once)."""
        return LearnedCorrection.load(MODEL_FILE)

    @staticmethod
    def load(path: Path) -> LearnedCorrection:
        """Read a model file, checking that it is one (arrays only, the shapes fit together,
        the features are the ones ``ambience.evidence`` computes).

        Raises
        ------
        ModelUnavailable
            When the file is missing, damaged or doesn't fit.
        """
        from stemline.engine.separation.ambience import FEATURES

        arrays = read_arrays(path, _KEYS, "ambience model")
        names = tuple(str(n) for n in arrays["features"])
        if names != FEATURES:
            raise ModelUnavailable(f"{path}: made for other features ({', '.join(names)})")
        context = arrays["context"]
        if context.ndim != 2 or context.shape[1] != 2 or not np.issubdtype(context.dtype, np.integer):
            raise ModelUnavailable(f"{path}: its context is not a list of (bins, frames) offsets")
        layers = tuple((arrays[f"w{i}"].astype(np.float32), arrays[f"b{i}"].astype(np.float32)) for i in range(3))
        n_in = width = len(names) * len(context)
        for w, b in layers:
            if w.ndim != 2 or w.shape[1] != width or b.shape != (w.shape[0],):
                raise ModelUnavailable(f"{path}: layer shapes don't fit ({w.shape}, {b.shape})")
            width = w.shape[0]
        if width != 1 or arrays["mean"].shape != (n_in,) or arrays["std"].shape != (n_in,):
            raise ModelUnavailable(f"{path}: not a one-output model over {n_in} inputs")
        return LearnedCorrection(names, tuple((int(df), int(dt)) for df, dt in context),
                                 arrays["mean"].astype(np.float32), arrays["std"].astype(np.float32),
                                 layers, float(arrays["scale"]), float(arrays["centre"]))

    def correction(self, features: np.ndarray) -> np.ndarray:
        """(features, bins, frames) -> (bins, frames): what to add to the hand-made logit."""
        bins, frames = features.shape[1:]
        out = np.empty((bins, frames), np.float32)
        for a in range(0, frames, BLOCK):
            h = (inputs(features, self.context, a, min(frames, a + BLOCK)) - self.mean) / self.std
            for i, (w, b) in enumerate(self.layers):
                h = h @ w.T + b
                if i < len(self.layers) - 1:
                    np.maximum(h, 0.0, out=h)
            out[:, a:a + BLOCK] = h[:, 0].reshape(bins, -1)
        return out


def inputs(features: np.ndarray, context: tuple[tuple[int, int], ...], a: int, b: int) -> np.ndarray:
    """The network's input rows for frames ``a..b`` of ``features`` (features, bins, frames):
    one row per (bin, frame), bin-major, holding the features at each ``context`` offset (bins,
    frames) from it; offsets past an edge take the edge's own bin or frame."""
    k, bins, frames = features.shape
    out = np.empty((bins, b - a, k * len(context)), np.float32)
    rows = np.arange(bins)
    cols = np.arange(a, b)
    for i, (df, dt) in enumerate(context):
        part = features[:, :, np.clip(cols + dt, 0, frames - 1)][:, np.clip(rows + df, 0, bins - 1)]
        out[:, :, i * k:(i + 1) * k] = part.transpose(1, 2, 0)
    return out.reshape(-1, k * len(context))
