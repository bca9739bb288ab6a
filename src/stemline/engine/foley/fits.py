"""Small fits shared by the contact detectors: straight lines through trajectory samples, and the
robust spread of a trajectory's wobble."""
from __future__ import annotations

import numpy as np


def lines(t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Least-squares lines through each column of ``y`` (k, f): intercepts, slopes, rms."""
    # sum / n is what np.mean computes, without its per-call machinery (this runs thousands of
    # times on a few samples each)
    n = len(t)
    t_mean = t.sum() / n
    tt = t - t_mean
    den = float(np.dot(tt, tt))
    ym = y.sum(axis=0) / n
    b = (tt @ (y - ym)) / den if den > 0 else np.zeros(y.shape[1])
    a = ym - b * t_mean
    r = y - (a + np.outer(t, b))
    return a, b, np.sqrt((r * r).sum(axis=0) / n)


def robust_spread(d2: np.ndarray) -> float:
    """Standard deviation of ``d2`` (second differences) from its median absolute deviation: the
    corners of a bouncing track are outliers, not wobble."""
    return float(1.48 * np.median(np.abs(d2 - np.median(d2))))
