"""The small last hops of a bouncing ball, seen in the ball's own free-fall frame.

A ball's flight between two bounces is a parabola with the same downward acceleration each time
(gravity, in picture pixels per frame² at the ball's depth). The corner test of ``impacts.py``
fits straight lines on each side of a contact, which is right for a big bounce (many frames of
nearly straight flight) but not for a hop of four or five frames: there the flight *is* the
curve, the lines through it cut the velocity change in half, and the hop drowns in the wobble of
a small blob's centroid.

Subtracting the track's own gravity, ``y - g (t - t_c)² / 2`` around a candidate moment ``t_c``,
turns every free flight into a straight line and a bounce into a sharp corner between two lines,
so the same two-line test sees the whole velocity change. "No contact here" is then one
straight line through the window (one arc under gravity), not any parabola.

Only tracks that already showed a bounce (a vertical reversal found by the main detector) are
searched: what bounced once and keeps moving up and down is a ball; a swinging lamp, a foot or
a rolling ball never get here.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from stemline.engine.foley.fits import lines

#: Weights that give a quadratic's second derivative and slope from five evenly spaced samples
#: (least squares at t = -2..2).
_CURVE = np.array([2.0, -1.0, -2.0, -1.0, 2.0]) / 7.0
_SLOPE = np.array([-2.0, -1.0, 0.0, 1.0, 2.0]) / 10.0
_T = np.arange(-2.0, 3.0)


def gravity(tf: np.ndarray, y: np.ndarray, *, min_speed: float, noise: float) -> float | None:
    """The track's downward acceleration (pixels per frame², picture y down), or None.

    Measured on every five-frame stretch of free flight: the track moving (faster than
    ``min_speed``), evenly sampled, and fitted by one parabola to within ``noise`` (a stretch
    with a bounce in it is not). The median over at least three such stretches, when it points
    down.
    """
    n = len(y)
    if n < 8:
        return None
    win = sliding_window_view(y, 5)
    even = np.all(np.abs(np.diff(sliding_window_view(tf, 5), axis=1) - 1.0) < 0.2, axis=1)
    curve = win @ _CURVE
    slope = win @ _SLOPE
    mean = win.mean(axis=1)
    fit = mean[:, None] + slope[:, None] * _T + 0.5 * curve[:, None] * (_T * _T - 2.0)
    rms = np.sqrt(np.mean((win - fit) ** 2, axis=1))
    ok = even & (np.abs(slope) >= min_speed) & (rms <= noise)
    if int(ok.sum()) < 3:
        return None
    g = float(np.median(curve[ok]))
    return g if g > 0 else None


def free_fall_corner(tf: np.ndarray, y: np.ndarray, j: int, lo: int, hi: int, g: float, still: float
                     ) -> tuple[float, float, float, float, float] | None:
    """Two-line fit around the split after sample ``j``: free flight before it, and after it
    free flight again (a bounce) or rest (the last landing: moving less than ``still`` pixels a
    frame), whichever fits better.

    Returns
    -------
    (velocity before and after the split, time of the corner in frames, rms of the two pieces,
    rms of one free flight through the whole window), or None when they don't meet near the
    split.
    """
    tc = 0.5 * (tf[j] + tf[j + 1])
    t = tf[lo:hi]
    fall = 0.5 * g * (t - tc) ** 2
    yf = y[lo:hi] - fall
    k = j + 1 - lo
    (a1,), (v1,), (r1,) = lines(t[:k], yf[:k, None])
    # after the split, in both frames at once: free flight (column 0) or rest (column 1)
    (a2, b2), (v2, w2), (r2, q2) = lines(t[k:], np.stack([yf[k:], y[lo:hi][k:]], axis=1))
    # at rest: a still line in the picture that fits better than another flight
    rest = q2 < r2 and abs(w2) < still
    if rest:
        # a + v t + g (t - tc)^2 / 2 = b + w t, the root near the split
        qa, qb, qc = 0.5 * g, v1 - w2 - g * tc, a1 - b2 + 0.5 * g * tc * tc
        disc = qb * qb - 4 * qa * qc
        if disc < 0:
            return None
        roots = [(-qb - np.sqrt(disc)) / (2 * qa), (-qb + np.sqrt(disc)) / (2 * qa)]
        tau = float(min(roots, key=lambda r: abs(r - tc)))
        v2, r2 = w2, q2
    else:
        if v1 == v2:
            return None
        tau = float((a2 - a1) / (v1 - v2))
    if not tf[j] - 0.6 <= tau <= tf[j + 1] + 0.6:
        return None
    _, _, (r_all,) = lines(t, yf[:, None])
    return float(v1), float(v2), tau, float(np.sqrt(0.5 * (r1 * r1 + r2 * r2))), float(r_all)
