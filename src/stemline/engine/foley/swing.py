"""A thing swinging freely (a pendant lamp, a pendulum) makes no sound, however hard it turns.

Seen from the side its picture moves back and forth as a sine: speed greatest mid-swing, easing
to nothing at each end. Where the camera shakes or the tracker wobbles, a turning point can look
like a sideways stop or a rebound to the corner detector. Over a whole trajectory, though, a
sine of one period fits it almost exactly, which nothing that hits things does: a ball between
two walls keeps its speed up to each wall (a triangle wave, not a sine), a bouncing ball's
sideways motion goes one way, a walk goes one way.
"""
from __future__ import annotations

import numpy as np

#: Periods tried (seconds): a 0.2 m cord swings in 0.9 s, a 4 m one in 4 s.
PERIODS = np.linspace(0.8, 4.0, 33)
#: Least share of the motion's variance one sine (plus an offset and a drift) must explain.
MIN_R2 = 0.97
#: Least number of periods seen (a lamp's track often breaks: one period is enough, and the speed
#: test below tells a full swing from an arc of one), the least track length in seconds, and the
#: least swing (half the travel) as a share of the width.
MIN_CYCLES, MIN_SPAN, MIN_AMPLITUDE = 1.0, 1.5, 0.06
#: How strongly speed must fall towards the ends of the swing (correlation of speed with the
#: distance from the middle; a sine gives about -0.9, a triangle wave about 0).
MAX_SPEED_CORR = -0.5


def free_swing(times: np.ndarray, x: np.ndarray, width: float) -> bool:
    """Is this trajectory's horizontal motion ``x`` (pixels at ``times``) a free swing?"""
    t = np.asarray(times, np.float64)
    x = np.asarray(x, np.float64)
    if len(t) < 12:
        return False
    span = float(t[-1] - t[0])
    if span < MIN_SPAN:
        return False
    periods = PERIODS[PERIODS <= span / MIN_CYCLES]
    if len(periods) == 0:
        return False
    var = float(np.sum((x - x.mean()) ** 2))
    if var <= 0.0:
        return False
    tc = t - t.mean()
    best = (-np.inf, 0.0, None)
    for period in periods:
        w = 2.0 * np.pi / period
        m = np.stack([np.sin(w * t), np.cos(w * t), np.ones_like(t), tc], axis=1)
        coef = np.linalg.lstsq(m, x, rcond=None)[0]
        pred = m @ coef
        r2 = 1.0 - float(np.sum((x - pred) ** 2)) / var
        if r2 > best[0]:
            best = (r2, float(np.hypot(coef[0], coef[1])), pred - coef[3] * tc)
    r2, amplitude, fit = best
    if r2 < MIN_R2 or amplitude < MIN_AMPLITUDE * width:
        return False
    # speed (over four samples: a shaking camera makes single steps jitter) against distance
    # from the middle of the swing
    speed = np.abs((x[4:] - x[:-4]) / np.maximum(t[4:] - t[:-4], 1e-9))
    centre = np.abs(fit[2:-2] - float(np.mean(fit)))
    if np.std(speed) == 0.0 or np.std(centre) == 0.0:
        return False
    return float(np.corrcoef(speed, centre)[0, 1]) <= MAX_SPEED_CORR


#: Seconds before and after a swinging track in which another track's up-and-down contact on
#: its path is part of it (a lamp's blob breaks where its light pool or its cord parts from it,
#: and goes on as another); a sideways one is, all shot long (SwingPath.covers).
PATH_WINDOW = 0.5


class SwingPath:
    """Where a free swing went in one shot (stabilised picture): the box its centre swept, grown
    by the swinging thing's own size, and when. A contact of another track inside it, at that
    time, is a piece of the lamp: its turns are no more contacts than the swing's own."""

    def __init__(self, shot: int) -> None:
        self.shot = shot
        self.t0 = self.t1 = 0.0
        self.box = (0.0, 0.0, 0.0, 0.0)  # x0, x1, y0, y1
        self.size = 0.0
        self._seen = False

    def add(self, times: np.ndarray, x: np.ndarray, y: np.ndarray, size: float) -> None:
        """Take in a piece of the swinging track (its centre per sample, its blob's width)."""
        box = (float(x.min()), float(x.max()), float(y.min()), float(y.max()))
        if self._seen:
            box = (min(box[0], self.box[0]), max(box[1], self.box[1]),
                   min(box[2], self.box[2]), max(box[3], self.box[3]))
            self.t0, self.t1 = min(self.t0, float(times[0])), max(self.t1, float(times[-1]))
        else:
            self.t0, self.t1 = float(times[0]), float(times[-1])
        self.box, self.size, self._seen = box, max(self.size, float(size)), True

    def covers(self, time: float, x: float, y: float, shot: int, *, sideways: bool = False) -> bool:
        """Is (x, y) at ``time`` on the path: within :data:`PATH_WINDOW` of when the swing was
        seen, or at any time of its shot for a ``sideways`` contact. A lamp swings all shot
        long, also before and after the stretch its track was told a swing in, and a piece of
        it stops sideways where the swing turns; what bounces up and down on its path (a ball
        under a low pendulum) only near the swing's own time."""
        x0, x1, y0, y1 = self.box
        m = self.size
        when = sideways or self.t0 - PATH_WINDOW <= time <= self.t1 + PATH_WINDOW
        return (self._seen and shot == self.shot and when
                and x0 - m <= x <= x1 + m and y0 - m <= y <= y1 + m)
