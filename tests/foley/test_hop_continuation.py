"""A bouncing ball's track that breaks (its blob merged with a neighbour's for a few frames) goes
on as a new track whose hops are too small for the main detector: the new track inherits the
ball's gravity, and its small hops are searched as the ball's own were (impacts.py, hops.py)."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.analysis import EventSpotter, _Ball, precision_settings
from stemline.engine.foley.impacts import detect_impacts, track_gravity

FPS, WIDTH, G, R = 25.0, 320, 1.2, 7.6  # gravity in px/frame², a ball 15 px across
PARAMS = precision_settings("high").impact


def _hops(v0s: tuple[float, ...], seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ball's centroid hopping with these launch speeds (px/frame, up), then at rest."""
    y0, ys = 110.0, []
    for v0 in v0s:
        k = np.arange(int(np.ceil(2 * v0 / G)) + 1)
        ys.extend(np.minimum(y0 - v0 * k + 0.5 * G * k * k, y0)[:-1])
    ys.extend([y0] * 6)
    y = np.asarray(ys) + np.random.default_rng(seed).normal(0.0, 0.15, len(ys))
    t = np.arange(len(y)) / FPS
    x = 60.0 + 0.4 * np.arange(len(y))
    return t, np.stack([x, y, x - R, x + R, y - R, y + R], axis=1), np.full(len(y), 180.0)


def test_small_hops_are_found_with_the_gravity_of_the_ball_the_track_continues() -> None:
    for seed in range(3):
        t, f, a = _hops((3.0, 2.3, 1.8), seed)
        # flights of five frames: too short to measure gravity on, too curved for straight lines
        assert track_gravity(t, f, FPS, WIDTH, PARAMS) is None
        assert detect_impacts(t, f, a, FPS, WIDTH, PARAMS) == []
        found = [i.time for i in detect_impacts(t, f, a, FPS, WIDTH, PARAMS, gravity_hint=G)]
        assert found and abs(found[0] - 0.2) < 1.0 / FPS, found  # the first hop lands at 0.2 s


def test_a_gravity_hint_makes_nothing_bounce_that_does_not() -> None:
    rng = np.random.default_rng(1)
    n = 40
    t = np.arange(n) / FPS
    x = 40.0 + 3.0 * np.arange(n)  # rolling across the floor
    y = 120.0 + rng.normal(0.0, 0.3, n)
    f = np.stack([x, y, x - R, x + R, y - R, y + R], axis=1)
    assert detect_impacts(t, f, np.full(n, 180.0), FPS, WIDTH, PARAMS, gravity_hint=G) == []


def test_a_track_continues_a_ball_only_where_and_soon_after_it_broke_off() -> None:
    def hint(t0: float, x0: float, y0: float, cuts: tuple[float, ...] = ()) -> float | None:
        spotter = EventSpotter(320, 180, FPS)
        spotter._balls[7] = _Ball(time=4.2, x=59.4, y=96.2, radius=R, gravity=G, shot=0)
        spotter._cuts = list(cuts)
        t = t0 + np.arange(5) / FPS
        f = np.tile([x0, y0, x0 - R, x0 + R, y0 - R, y0 + R], (5, 1))
        key = spotter._continued_ball(t, f)
        return None if key is None else spotter._balls[key].gravity

    # dev_box_tile's ball: its blob merged with a box's and its track went on as another,
    # 14 px from where it broke off (the merged blob's centroid)
    assert hint(4.24, 68.9, 106.4) == G
    assert hint(4.7, 68.9, 106.4) is None  # half a second later: anything may have come
    assert hint(4.24, 120.0, 100.0) is None  # elsewhere in the picture
    assert hint(4.24, 68.9, 106.4, cuts=(4.22,)) is None  # another shot
    assert hint(4.1, 68.9, 106.4) is None  # it began before the ball's track ended


def test_rendered_ball_whose_track_broke_keeps_its_hops() -> None:
    # dev_box_tile as rendered on 2026-12-04: the ball's blob merges with the slid box's at
    # 4.24-4.40 s, and its track goes on as another; the hop landing at 4.716 s was missed
    # before the continuation, and the landing at 4.935 s (the clip's last frame is at 4.92 s)
    # before the continued track carried the ball's floor (landing.py); 4.362 s is inside the
    # merge
    import json
    from pathlib import Path

    from stemline.jobs.foley import spot_video

    data = Path(__file__).resolve().parents[1] / "data" / "rendered"
    truth = json.loads((data / "dev_box_tile_full.json").read_text())
    found = [e.time for e in spot_video(data / "dev_box_tile_full.mp4", precision="high").events]
    assert any(abs(t - 4.716) < 0.05 for t in found), found
    assert any(abs(t - 4.935) < 0.05 for t in found), found
    true = [e["t"] for e in truth["events"]]
    # nothing false; the bounce at 4.362 s, inside the merge, may be heard early: the ball and
    # the box are parted for a frame (motion.MotionSegmenter._part) until their pixels touch,
    # and the joined track after that starts with a mixture of the two
    assert all(any(abs(t - u) < 0.05 for u in true) or abs(t - 4.362) < 0.08 for t in found), (found, true)
