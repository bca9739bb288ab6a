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


def test_a_brisk_walk_whose_front_edge_moves_three_frames_a_step_is_found() -> None:
    """Two feet in one blob at 30 fps: the front edge moves only while the swinging foot is
    ahead of the standing one, three frames of a brisk step (blind34's grey shoes: 0 of 9 steps
    while a pulse had to last 0.12 s)."""
    fps, n = 30.0, 150
    rng = np.random.default_rng(11)
    times = np.arange(n) / fps
    front = np.full(n, 80.0)
    rests = []
    for k in range(8):
        s = 8 + 15 * k  # the edge moves between samples s..s+3 and stands from s+3 on
        for j, step in enumerate((5.0, 5.0, 4.0)):
            front[s + 1 + j:] += step
        rests.append(times[s + 3])
    back = front - 25.0 + np.where(np.arange(n) % 15 > 9, 8.0, 0.0)  # the back foot lifts later
    cx, cy = 0.5 * (front + back), np.full(n, 120.0)
    feats = np.stack([cx, cy, back, front, cy - 5, cy + 5], axis=1) + rng.normal(0, 0.3, (n, 6))
    areas = 150.0 + rng.normal(0, 10, n)
    found = [i.time for i in walking_steps(times, feats, areas, fps, WIDTH,
                                           min_speed_px(precision_settings("high").impact, fps, WIDTH))]
    assert len(found) == len(rests), (rests, found)
    assert max(abs(f - r) for f, r in zip(found, rests)) <= 1.0 / fps


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


# ------------------------------------------------------------------ steps from pieces of a walk
def _steps(times: list[float], direction: int = 1) -> list:
    from stemline.engine.foley.impacts import LEFT, RIGHT, Impact
    return [Impact(t, int(t * FPS), 100.0 + direction * 40.0 * t, 140.0, 2.0, 0.0,
                   RIGHT if direction > 0 else LEFT, False, 1e3, 300.0, t) for t in times]


def _pulse(t: float, *, direction: int = 1, cut: bool = False, x: float | None = None, y: float = 140.0):
    from stemline.engine.foley.walking import Pulse
    return Pulse(t, 100.0 + direction * 40.0 * t if x is None else x, y, 25.0, 2.0, direction, 300.0,
                 int(t * FPS), cut, True, track=7)


def test_a_walk_takes_the_steps_its_pieces_show_on_its_beat_and_where_it_is() -> None:
    from stemline.engine.foley.walking import extend_walks
    walk = _steps([1.7, 2.2, 2.7, 3.2])  # a beat of 0.5 s, walking right at 40 px/s
    cands = [_pulse(0.7), _pulse(1.2, cut=True),   # two steps before it, one cut off by a split
             _pulse(3.68, cut=True),               # the feet came apart a frame before the heel
             _pulse(4.2), _pulse(4.7),             # after it: the second only through the first
             _pulse(6.7)]                          # four beats past the last one taken: too far
    got = sorted((round(p.time, 3), p.cut) for p in extend_walks([walk], cands, FPS, WIDTH, 180.0))
    assert got == [(0.7, False), (1.2, True), (3.7, True), (4.2, False), (4.7, False)], got
    # blind11_walk_ball_stone: two steps hidden by a ball in the feet, the one before them seen
    got = [round(p.time, 3) for p in extend_walks([walk], [_pulse(0.2), _pulse(4.7)], FPS, WIDTH, 180.0)]
    assert got == [0.2, 4.7], got


@pytest.mark.parametrize("wrong", [
    dict(t=3.45),                             # half a beat off
    dict(t=3.88),                             # 0.18 s late: more than 15 % of a beat and 1.5 frames
    dict(t=3.7, direction=-1, x=248.0),       # where the walk is, going the other way
    dict(t=3.7, x=200.0),                     # 48 px behind where the walk is by then
    dict(t=3.7, y=125.0),                     # 15 px above the walk's feet
])
def test_a_pulse_off_the_walk_s_beat_way_or_place_is_no_step(wrong: dict) -> None:
    from stemline.engine.foley.walking import extend_walks
    walk = _steps([1.7, 2.2, 2.7, 3.2])
    where = dict(wrong)          # the parameter is shared by every run of the test in a process
    t = where.pop("t")
    assert extend_walks([walk], [_pulse(t, **where)], FPS, WIDTH, 180.0) == []
    # and in the right place, on the beat, it is one
    assert len(extend_walks([walk], [_pulse(3.7)], FPS, WIDTH, 180.0)) == 1


def test_a_walk_needs_three_steps_and_one_step_each_beat() -> None:
    from stemline.engine.foley.walking import extend_walks
    assert extend_walks([_steps([1.7, 2.2])], [_pulse(2.7)], FPS, WIDTH, 180.0) == []
    # a corner and a heel strike of the same step are one step; the beat stays 0.5 s
    walk = _steps([1.7, 2.2, 2.21, 2.7])
    got = [round(p.time, 3) for p in extend_walks([walk], [_pulse(3.2), _pulse(2.2)], FPS, WIDTH, 180.0)]
    assert got == [3.2], got


def test_a_walk_spread_over_many_pieces_is_found_from_their_pulses() -> None:
    """blind2_walk_tile_pan: a brisk walk broke into a new trajectory at nearly every step, so no
    piece walked three steps; the pieces' pulses kept the 0.45 s rhythm and the line of the walk."""
    from stemline.engine.foley.walking import walks_from_pulses
    beat = 0.45
    steps = [_pulse(0.6 + k * beat, cut=k % 2 == 0) for k in range(7) if k != 3]  # one step unseen
    noise = [_pulse(1.95, y=60.0), _pulse(1.95, x=20.0)]  # on the unseen step's beat, elsewhere
    walks = walks_from_pulses(steps + noise, FPS, WIDTH, 180.0)
    assert len(walks) == 1
    assert [round(p.time, 2) for p in walks[0]] == [round(p.time, 2) for p in steps]


def test_pieces_that_never_stand_or_keep_no_beat_are_no_walk() -> None:
    from stemline.engine.foley.walking import walks_from_pulses
    # a ball rolling through breaks into pieces at a steady rhythm too, but none stands still
    rolling = [_pulse(1.0 + k * 0.55, cut=True) for k in range(5)]
    assert walks_from_pulses(rolling, FPS, WIDTH, 180.0) == []
    # standing pulses with no rhythm
    loose = [_pulse(t) for t in (1.0, 1.45, 2.3, 2.55, 3.6)]
    assert walks_from_pulses(loose, FPS, WIDTH, 180.0) == []
    # three steps are a walk on one trajectory, not from pieces
    assert walks_from_pulses([_pulse(1.0), _pulse(1.5), _pulse(2.0)], FPS, WIDTH, 180.0) == []
    # going back across the picture between steps is no walk
    back = [_pulse(1.0 + k * 0.5, x=200.0 - (k % 2) * 60.0) for k in range(5)]
    assert walks_from_pulses(back, FPS, WIDTH, 180.0) == []


def test_every_walk_made_of_pieces_is_found_not_only_the_longest() -> None:
    """Two people cross the picture the same way, a minute apart, each broken into pieces."""
    from stemline.engine.foley.walking import walks_from_pulses
    first = [_pulse(1.0 + k * 0.5, cut=k % 2 == 1) for k in range(6)]
    later = [_pulse(61.0 + k * 0.6, cut=k % 2 == 1, x=60.0 + 24.0 * k) for k in range(4)]
    walks = walks_from_pulses(first + later, FPS, WIDTH, 180.0)
    assert sorted(len(w) for w in walks) == [4, 6]


def test_a_slow_beat_is_one_foots_and_the_other_foot_lands_half_way() -> None:
    # blind12_walk_carpet_lamp: the walk found was one foot's, a beat of 1.04-1.1 s; the other
    # foot's landings showed as pulses half way between (3 of 8 steps found before)
    from stemline.engine.foley.walking import ONE_FOOT_BEAT, extend_walks
    one_foot = _steps([0.7, 1.8, 2.9, 4.0])  # 1.1 s a beat, 44 px of walk per beat
    got = [round(p.time, 3) for p in extend_walks([one_foot], [_pulse(3.45), _pulse(4.56)], FPS, WIDTH, 180.0)]
    assert got == [3.45, 4.56], got
    # a pulse between two quarter beats fits neither beat; off the walk's path it is no step
    assert extend_walks([one_foot], [_pulse(3.2)], FPS, WIDTH, 180.0) == []
    assert extend_walks([one_foot], [_pulse(3.45, y=120.0)], FPS, WIDTH, 180.0) == []
    # a beat under ONE_FOOT_BEAT is both feet's: half a beat off it is no step (as above)
    assert 0.5 < ONE_FOOT_BEAT
    assert extend_walks([_steps([1.7, 2.2, 2.7, 3.2])], [_pulse(3.45)], FPS, WIDTH, 180.0) == []
