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


def _to_floor(tf: np.ndarray, y: np.ndarray, k: int, floor: float, g: float) -> tuple[float, float]:
    """(velocity at sample ``k``, frames from it until the floor): the fall through samples
    ``k - 1`` and ``k`` carried on under gravity ``g`` (the root of its parabola)."""
    dt = max(float(tf[k] - tf[k - 1]), 1e-9)
    v = float(y[k] - y[k - 1]) / dt + 0.5 * g * dt
    gap = floor - float(y[k])
    return v, float((-v + np.sqrt(v * v + 2.0 * g * max(gap, 0.0))) / g)


def floor_at(tf: np.ndarray, y: np.ndarray, tau: float) -> float | None:
    """Height of the centroid at a bounce at frame time ``tau``: the lowest it was seen within a
    frame of it. (Carrying the fall's lines on to the moment of contact overshoots: a blob
    squashed against its contact shadow lags the ball.) The next landing is found when the fall
    reaches this height, up to half a frame's travel early for a fast ball that bounced between
    two samples, well inside the +-50 ms a contact is judged by."""
    near = np.abs(tf - tau) <= 1.0
    return float(y[near].max()) if near.any() else None


def tail_landing(tf: np.ndarray, y: np.ndarray, floor: float, g: float, min_speed: float, *,
                 with_picture: bool = False) -> tuple[float, float] | None:
    """(frame time of the landing, speed into it in px/frame) at the end of a trajectory, or None.

    ``tf``: sample times in frames since the trajectory's last bounce, which is where ``y``
    (centroid height, picture y down) starts; ``floor``: the height at that bounce; ``g``: the
    ball's gravity (px/frame²); ``with_picture``: the trajectory ended because the picture did
    (it ran to the last frame), not in a merge at the floor: a landing after its last sample is
    not known then."""
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
    # it was in the air: clearly above its floor (as a hop must be) for a few samples before
    # this fall. A ball lying or rolling where it last bounced, its blob sinking by a pixel as
    # the model takes it in, makes no landing when its track ends
    if int((y[:j0] < floor - HOP).sum()) < AIRBORNE:
        return None
    # a fall, not a jump: the last step at most a couple of pixels faster than gravity makes it
    # (a blob that swallows something below it leaps down at once)
    if steps[-1] - steps[-2] > g + JUMP:
        return None
    v, tau = _to_floor(tf, y, j0 - 1, floor, g)
    limit = (0.0 if with_picture else REACH) if j0 == n else float(tf[j0] - tf[j0 - 1]) + 0.3
    if tau > limit:
        return None
    # what follows the landing stays at the floor or rises: a ball that keeps falling well past
    # it fell onto something lower
    if j0 < n and (y[j0:] > floor + max(1.5, 0.5 * v)).any():
        return None
    return float(tf[j0 - 1] + tau), v + g * tau


#: Pixels above its floor a ball must rise, on at least :data:`AIRBORNE` samples in a row, for a
#: hop to count (a centroid measured to about a third of a pixel, wobbling by about one).
HOP = 1.5
AIRBORNE = 2
#: Largest rms misfit (pixels) of the one parabola with the ball's own gravity through a hop: an
#: edge wobbles by a pixel or two where a mirror image or contact shadow comes and goes. On the
#: 76 rendered scenes of 2026-12-06: 0.8 px F1 0.870, 1.2 px 0.871, 2 px 0.874, no limit 0.872.
HOP_FIT = 2.0


def hop_landings(tf: np.ndarray, y: np.ndarray, floor: float, g: float) -> list[tuple[float, float]]:
    """(frame time, speed into it in px/frame) of each landing after a bounce at ``tf`` = 0.

    ``tf``: sample times in frames since that bounce; ``y``: centroid height (picture y down);
    ``floor``: the height at the bounce; ``g``: the ball's gravity (px/frame²).

    After a bounce the ball rises and must come back down to the same floor; the corner test
    loses the small last hops of a series (a few pixels, in a blob that wobbles by one). Here a
    hop is the stretch the ball spends clearly above its floor: one parabola with the ball's
    own gravity, through that stretch and leaving the floor at the bounce, must fit it, and it
    lands where that parabola comes back to the floor, between the last sample above it and
    the first one at it. Each landing is the next hop's take-off.
    """
    out: list[tuple[float, float]] = []
    if g <= 0:
        return out
    start, n = 0.0, len(y)
    i = int(np.searchsorted(tf, start + 0.5))
    while i < n:
        up = y[i:] < floor - HOP
        if not up.any():
            break
        a = i + int(np.argmax(up))
        down = np.flatnonzero(y[a:] >= floor - TOL)
        if len(down) == 0:
            break
        # first sample back at the floor (a ball that bounced between two samples near it is
        # the corner test's: tried here, that found nothing more and put three sounds where
        # nothing hit on the 76 rendered scenes)
        b = a + int(down[0])
        air = np.arange(a, b)
        air = air[y[air] < floor - TOL]
        if len(air) < AIRBORNE or int(up[a - i:b - i].sum()) < AIRBORNE:
            start, i = float(tf[b]), b + 1
            continue
        # y = floor - v0 s + g s^2 / 2 with s = t - start: only the take-off speed is free
        s = tf[air] - start
        v0 = float(np.sum((floor + 0.5 * g * s * s - y[air]) * s) / np.sum(s * s))
        r = y[air] - (floor - v0 * s + 0.5 * g * s * s)
        t_land = start + 2.0 * v0 / g  # the parabola's second meeting with the floor
        # after it the ball stays at its floor or rises again: one that falls on past it was
        # coming towards the camera, or fell onto something lower
        past = int((y[b:b + LAST] > floor + max(2.0, 0.5 * v0)).sum()) > 1
        if (v0 <= 0 or past or float(np.sqrt(np.mean(r * r))) > HOP_FIT
                or not tf[b - 1] - 0.5 <= t_land <= tf[b] + 0.5):
            start, i = float(tf[b]), b + 1
            continue
        # timed by the fall itself where it meets the floor (the parabola's gravity, measured
        # over the whole track, places a hop of a few pixels a frame or so off)
        if b - 2 >= a and tf[b - 1] - tf[b - 2] > 0:
            v, tau = _to_floor(tf, y, b - 1, floor, g)
            if v > 0:
                t_land = float(tf[b - 1]) + tau
        out.append((float(t_land), v0))
        start = t_land
        i = int(np.searchsorted(tf, start + 0.5))
    return out
