"""The landing a ball's trajectory ends in: a fall the picture stops showing at the floor.

At the moment a small ball meets the floor its blob often stops being itself (its contact shadow
or its reflection joins it, it merges with whatever lies there) or the clip ends, and the track
ends with too few samples after the contact for the corner test (``impacts.py``: three on each
side) and no rising track after it for a bridge (``bridges.py``). A ball that bounced on this
track before tells where its floor is (the height its centroid had at that bounce) and how it
falls (its gravity). A fall that reaches that height within the track's last samples, or within
a frame and a half after the last one, lands there: at the moment the parabola through the fall
meets the floor. A ball falling that close to a floor it bounced on hits it; where it goes on
falling well past that height, the floor was another one, and nothing is said.
"""
from __future__ import annotations

import numpy as np

#: How far past the last sample (frames) a landing may be put.
REACH = 1.5
#: Samples of the track's end in which the fall may reach the floor.
LAST = 3
#: Pixels: "at the floor" (a centroid measured to about a third of a pixel).
TOL = 0.5
#: Pixels per frame a fall's last step may gain beyond gravity (a blob's centroid near the floor
#: wobbles as its contact shadow comes and goes).
JUMP = 2.0


def floor_at(tf: np.ndarray, y: np.ndarray, tau: float) -> float | None:
    """Height of the centroid at a bounce at frame time ``tau``: the lowest it was seen within a
    frame of it. (Carrying the fall's lines on to the moment of contact overshoots: a blob
    squashed against its contact shadow lags the ball.) The next landing is found when the fall
    reaches this height, up to half a frame's travel early for a fast ball that bounced between
    two samples, well inside the +-50 ms a contact is judged by."""
    near = np.abs(tf - tau) <= 1.0
    return float(y[near].max()) if near.any() else None


def tail_landing(tf: np.ndarray, y: np.ndarray, floor: float, g: float, min_speed: float
                 ) -> tuple[float, float] | None:
    """(frame time of the landing, speed into it in px/frame) at the end of a trajectory, or None.

    ``tf``: sample times in frames since the trajectory's last bounce, which is where ``y``
    (centroid height, picture y down) starts; ``floor``: the height at that bounce; ``g``: the
    ball's gravity (px/frame²)."""
    n = len(y)
    if n < 4 or g <= 0:
        return None
    low = np.flatnonzero(y[max(0, n - LAST):] >= floor - TOL)
    j0 = max(0, n - LAST) + int(low[0]) if len(low) else n  # first sample at the floor, n: none yet
    if j0 < 3:
        return None
    fall = y[j0 - 3:j0]
    steps = np.diff(fall)
    if (steps <= 0).any() or steps[-1] < min_speed:
        return None
    # a fall, not a jump: the last step at most a couple of pixels faster than gravity makes it
    # (a blob that swallows something below it leaps down at once)
    if steps[-1] - steps[-2] > g + JUMP:
        return None
    # the fall's velocity at its last sample above the floor, and the root of the parabola
    dt = max(float(tf[j0 - 1] - tf[j0 - 2]), 1e-9)
    v = float(steps[-1]) / dt + 0.5 * g * dt
    gap = floor - float(y[j0 - 1])
    tau = (-v + np.sqrt(v * v + 2.0 * g * max(gap, 0.0))) / g
    limit = REACH if j0 == n else float(tf[j0] - tf[j0 - 1]) + 0.3
    if tau > limit:
        return None
    # what follows the landing stays at the floor or rises: a ball that keeps falling well past
    # it fell onto something lower
    if j0 < n and (y[j0:] > floor + max(1.5, 0.5 * v)).any():
        return None
    return float(tf[j0 - 1] + tau), v + g * tau
