"""Small fits shared by the contact detectors: straight lines through trajectory samples, and the
robust spread of a trajectory's wobble."""
from __future__ import annotations

import numpy as np


def lines(t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares lines through each column of ``y`` (k, f): intercepts, slopes, rms."""
    tt = t - t.mean()
    den = float(np.dot(tt, tt))
    ym = y.mean(axis=0)
    b = (tt @ (y - ym)) / den if den > 0 else np.zeros(y.shape[1])
    a = ym - b * t.mean()
    r = y - (a + np.outer(t, b))
    return a, b, np.sqrt(np.mean(r * r, axis=0))


def robust_spread(d2: np.ndarray) -> float:
    """Standard deviation of ``d2`` (second differences) from its median absolute deviation: the
    corners of a bouncing track are outliers, not wobble."""
    return float(1.48 * np.median(np.abs(d2 - np.median(d2))))
