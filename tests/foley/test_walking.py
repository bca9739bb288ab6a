"""Footsteps from a walk's rhythm (``walking.py``), on trajectories with exact heel strikes.

The trajectory is the one blob two walking feet make at 320x180: its front edge moves only while
a foot swings past the standing one, easing into each stop (the swing's forward speed falls to a
quarter of its peak at the heel strike), and its centroid moves half as much.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from stemline.engine.foley.analysis import EventSpotter, precision_settings
from stemline.engine.foley.impacts import min_speed_px
from stemline.engine.foley.motion import Blob
from stemline.engine.foley.tracking import Track
from stemline.engine.foley.walking import walking_steps

FPS = 25.0
WIDTH = 320.0


def walk(seed: int, *, steps: int = 6, period: float = 0.55, swing: float = 0.6, stride: float = 30.0,
         direction: int = 1, t0: float = 0.3, seconds: float = 5.0, noise: float = 0.3):
    """(times, feats, areas, heel strikes in seconds) for a blob of two walking feet."""
    rng = np.random.default_rng(seed)
    times = np.arange(int(seconds * FPS)) / FPS
    front = np.zeros_like(times)
    strikes = []
    for k in range(steps):
        ts, te = t0 + k * period, t0 + k * period + swing * period
        strikes.append(te)
        u = np.clip((times - ts) / (te - ts), 0.0, 1.0)
        # eases in, not fully out: a quarter of the peak speed is left at the heel strike
        front += stride * (0.75 * (1 - np.cos(np.pi * u)) / 2 + 0.25 * u)
    start = 160.0 - direction * 100.0
    lead = start + direction * front  # the front edge of the walk
    back = lead - direction * 30.0 - direction * 0.3 * np.gradient(front)  # the back lags a little
    cx = 0.5 * (lead + back)
    cy = 120.0 + 0.5 * np.sin(np.pi * np.clip(((times - t0) % period) / (swing * period), 0, 1))
    left, right = (back, lead) if direction > 0 else (lead, back)
    n = len(times)
    feats = np.stack([cx, cy, left, right, cy - 6, cy + 6], axis=1) + rng.normal(0, noise, (n, 6))
    areas = 400.0 + rng.normal(0, 15, n)
    return times, feats, areas, [t for t in strikes if t < seconds - 0.2]


def find(times, feats, areas):
    return [i.time for i in walking_steps(times, feats, areas, FPS, WIDTH,
                                          min_speed_px(precision_settings("high").impact, FPS, WIDTH))]


@pytest.mark.parametrize("seed,direction", [(0, 1), (1, -1), (2, 1), (3, -1)])
def test_every_heel_strike_of_a_walk_is_found(seed: int, direction: int) -> None:
    times, feats, areas, truth = walk(seed, direction=direction)
    found = find(times, feats, areas)
    assert len(found) == len(truth), (truth, found)
    errors = np.abs(np.array(found) - np.array(truth))
    # within the scoring window (50 ms) each, and under a frame on average: the last frame
    # of a swing moves the front edge by under a pixel, no more than its noise
    assert errors.max() <= 1.25 / FPS and errors.mean() < 0.75 / FPS, (truth, found)


def test_no_steps_from_a_swing_a_slide_or_two_stops() -> None:
    times = np.arange(125) / FPS
    n = len(times)

    def feats_of(x: np.ndarray) -> np.ndarray:
        y = np.full(n, 100.0)
        return np.stack([x, y, x - 8, x + 8, y - 8, y + 8], axis=1)

    areas = np.full(n, 200.0)
    # a pendulum: regular, but never still between swings
    swing = 160 + 40 * np.sin(2 * math.pi * times / 1.1)
    assert find(times, feats_of(swing), areas) == []
    # a box sliding to a stop once
    slide = 60 + 80 * np.clip(times / 2.0, 0, 1) * (2 - np.clip(times / 2.0, 0, 1))
    assert find(times, feats_of(slide), areas) == []
    # a walk of two steps is not yet a rhythm
    t2, f2, a2, _ = walk(5, steps=2)
    assert find(t2, f2, a2) == []


def test_a_walk_becomes_footsteps_in_the_spotter() -> None:
    """Through the spotter's own track processing and event merging: one step per heel strike,
    made by a foot, and no second event for any step from the corner detector."""
    times, feats, areas, truth = walk(7)
    spotter = EventSpotter(int(WIDTH), 180, FPS)
    track = Track(0)
    for t, f, a in zip(times, feats, areas):
        track.add(float(t), Blob(*map(float, f), area=float(a), sx=float(f[0]), sy=float(f[1])), 1.0 / FPS)
    spotter._process(track, final=True)
    events = spotter.finish().events
    assert len(events) == len(truth), [(e.time, e.kind) for e in events]
    assert all(e.kind == "step" and e.object == "foot" for e in events)
    assert max(abs(e.time - t) for e, t in zip(events, truth)) <= 1.25 / FPS
