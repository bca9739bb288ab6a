"""Bounces across a broken track (``bridges.py``): the fall's tail and the rise's head meet in the
gap where the blob stopped being the ball alone (its reflection, its contact shadow)."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.bridges import End, bridge, end_of, tail_before

FPS = 30.0
MIN_SPEED, MIN_CHANGE, MIN_SCORE = 0.43, 0.6, 4.0


def ball_end(track: int, frames: list[int], *, contact: float = 10.4, floor: float = 130.0, v_in: float = 6.0,
             v_out: float = -4.0, x0: float = 150.0, vx: float = -0.8, area: float = 30.0, shot: int = 0,
             jitter: np.ndarray | None = None) -> End:
    """Samples of a ball falling at ``v_in`` px/frame into ``floor`` at frame ``contact`` and
    rising at ``v_out`` after it (screen and stabilised coordinates the same)."""
    f = np.asarray(frames, float)
    y = np.where(f <= contact, floor + v_in * (f - contact), floor + v_out * (f - contact))
    if jitter is not None:
        y = y + jitter
    x = x0 + vx * f
    xy = np.stack([x, y], axis=1)
    return End(track, int(frames[-1] if frames[-1] <= contact else frames[0]), shot, f / FPS, xy, xy.copy(),
               np.full(len(f), area))


def test_a_fall_and_a_rise_across_a_gap_are_one_bounce_timed_inside_it() -> None:
    tail = ball_end(1, [8, 9, 10])
    head = ball_end(2, [12, 13, 14])  # frame 11: ball and reflection, one blob of another size
    imp = bridge(tail, head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert imp is not None
    assert abs(imp.time - 10.4 / FPS) < 0.2 / FPS
    assert imp.reversal and imp.dvy < -8.0
    assert abs(imp.cx - (150.0 - 0.8 * 10.4)) < 0.5 and abs(imp.cy - 130.0) < 0.5


def test_a_rise_three_times_the_size_of_the_fall_is_still_the_ball() -> None:
    """The ball leaves the floor merged with its mirror image (and blurred): its head is three
    times the size its tail had (blind7_stone_balls_fast_pan, blind11_ball_box_carpet)."""
    imp = bridge(ball_end(1, [8, 9, 10]), ball_end(2, [12, 13, 14], area=90.0), FPS, MIN_SPEED,
                 MIN_CHANGE, MIN_SCORE)
    assert imp is not None and abs(imp.time - 10.4 / FPS) < 0.2 / FPS


def test_a_ball_that_was_one_blob_with_its_neighbour_for_six_frames_still_bounced() -> None:
    """A ball falling onto the floor beside another ball (drops019_metal, blind31_metal_walk_ball_cut)
    is one blob with it from a few frames before it lands until it rises clear: its fall ends
    and its rise begins six frames apart."""
    imp = bridge(ball_end(1, [4, 5, 6]), ball_end(2, [12, 13, 14]), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert imp is not None and abs(imp.time - 10.4 / FPS) < 0.2 / FPS
    # across so long a gap each side is the ball alone: a rise 2.3 times the fall's size is two
    # balls together (drops2024_metal), though across a short gap it would be ball and image
    assert bridge(ball_end(1, [4, 5, 6]), ball_end(2, [12, 13, 14], area=69.0), FPS, MIN_SPEED, MIN_CHANGE,
                  MIN_SCORE) is None
    assert bridge(ball_end(1, [8, 9, 10]), ball_end(2, [12, 13, 14], area=69.0), FPS, MIN_SPEED, MIN_CHANGE,
                  MIN_SCORE) is not None


def test_each_condition_of_a_bridge_refuses_what_is_no_bounce() -> None:
    tail = ball_end(1, [8, 9, 10])
    assert bridge(tail, ball_end(2, [12, 13, 14], shot=1), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None  # a cut
    # ten frames apart: longer than a ball stays one blob with anything, even on one line
    assert bridge(tail, ball_end(2, [20, 21, 22], v_out=-2.0), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    # a rise from higher up: the lines meet before the fall had ended, not in the gap
    assert bridge(tail, ball_end(2, [12, 13, 14], floor=110.0), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    # another object: over 3.5 times the size
    assert bridge(tail, ball_end(2, [12, 13, 14], area=110.0), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    assert bridge(tail, ball_end(2, [12, 13, 14], x0=170.0), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    # no rebound: it kept falling, or it stopped
    assert bridge(tail, ball_end(2, [12, 13, 14], v_out=2.0), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    assert bridge(tail, ball_end(2, [12, 13, 14], v_out=-0.3), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    # a slow sink into the gap is no fall
    slow = ball_end(1, [8, 9, 10], v_in=0.3)
    assert bridge(slow, ball_end(2, [12, 13, 14]), FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None


def test_a_planted_foot_whose_outline_jitters_is_no_fall() -> None:
    """eval_steps_tile: a foot's blob wobbled 0.3 px then 2.9 px down, then 2.8 px up and stood;
    averaged into slopes it looked like a fall and a rise."""
    times = np.array([90, 91, 92]) / FPS
    tail = End(16, 92, 0, times, np.array([[92.2, 127.3], [91.3, 127.6], [94.0, 130.5]]),
               np.array([[92.2, 127.3], [91.3, 127.6], [94.0, 130.5]]), np.array([730.0, 759.0, 561.0]))
    times = np.array([95, 96, 97]) / FPS
    pts = np.array([[93.4, 130.6], [92.7, 127.8], [92.9, 127.7]])
    head = End(44, 95, 0, times, pts, pts.copy(), np.array([534.0, 675.0, 660.0]))
    assert bridge(tail, head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None


def test_ends_are_taken_away_from_the_picture_edge_and_only_when_long_enough() -> None:
    t = np.arange(6) / FPS
    feats = np.tile(np.array([100.0, 50.0, 95, 105, 45, 55]), (6, 1))
    screen, areas = feats[:, :2].copy(), np.full(6, 30.0)
    border = np.zeros(6, bool)
    head = end_of(3, t, feats, screen, areas, border, 10, 0, head=True)
    tail = end_of(3, t, feats, screen, areas, border, 10, 0, head=False)
    assert head is not None and tail is not None
    assert head.index == 10 and tail.index == 15 and len(head.times) == len(tail.times) == 3
    border[-1] = True
    assert end_of(3, t, feats, screen, areas, border, 10, 0, head=False) is None
    assert end_of(3, t[:2], feats[:2], screen[:2], areas[:2], border[:2], 0, 0, head=True) is None


def test_a_bounce_across_a_missing_frame_or_a_doubled_blob_inside_one_trajectory() -> None:
    """blind2_balls_wood_shake: a ball hitting planks at 4.9 m/s was not seen in the frame
    before the contact; eval_balls_metal: one sample of ball and reflection together, inside the
    trajectory. Both are the gap of a bounce."""
    from stemline.engine.foley.bridges import within
    frames = np.array([5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16], float)  # frame 11 missing
    contact = 11.2
    y = np.where(frames <= contact, 130 + 8.0 * (frames - contact), 130 - 6.0 * (frames - contact))
    feats = np.stack([np.full_like(frames, 90.0), y], axis=1)
    areas, border = np.full(len(frames), 40.0), np.zeros(len(frames), bool)
    found = within(4, frames / FPS, feats, feats.copy(), areas, border, 0, 0, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert len(found) == 1 and abs(found[0].time - contact / FPS) < 0.3 / FPS
    # the same, seen in every frame but one of them doubled by the reflection
    frames = np.arange(5, 17, dtype=float)
    y = np.where(frames <= contact, 130 + 8.0 * (frames - contact), 130 - 6.0 * (frames - contact))
    feats = np.stack([np.full_like(frames, 90.0), y], axis=1)
    areas = np.where(frames == 11, 95.0, 40.0)
    border = np.zeros(len(frames), bool)
    found = within(4, frames / FPS, feats, feats.copy(), areas, border, 0, 0, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert len(found) == 1 and abs(found[0].time - contact / FPS) < 0.3 / FPS
    # a steady fall with a doubled sample is no bounce
    y = 100 + 5.0 * (frames - 5)
    feats = np.stack([np.full_like(frames, 90.0), y], axis=1)
    assert within(4, frames / FPS, feats, feats.copy(), areas, border, 0, 0, FPS, MIN_SPEED, MIN_CHANGE,
                  MIN_SCORE) == []


def _track(times: list[float], pts: list[tuple[float, float]], area: float = 50.0):
    t = np.asarray(times) / FPS
    xy = np.asarray(pts, float)
    feats = np.concatenate([xy, xy[:, :1] - 3, xy[:, :1] + 3, xy[:, 1:] - 3, xy[:, 1:] + 3], axis=1)
    return t, feats, xy.copy(), np.full(len(t), area), np.zeros(len(t), bool)


def test_a_trajectory_lost_just_after_its_lowest_point_still_bridges_to_the_rise() -> None:
    """blind2_balls_wood_shake, 3.60 s: the ball was seen at the planks and once on the way up,
    then lost in its motion blur for a frame; the next trajectory rises from where it was. The
    whole tail (fall, floor, one sample up) is no fall; the tail ending at the floor is."""
    from stemline.engine.foley.bridges import tails_of
    t, feats, screen, areas, border = _track([86, 87, 88, 89, 90, 91],
                                             [(190, 68), (190, 76), (190, 85), (190, 96), (188, 112), (188, 106)])
    tails = tails_of(62, t, feats, screen, areas, border, 0, 0)
    assert [e.cut_short for e in tails] == [False, True]
    assert tails[1].index == 4 and np.allclose(tails[1].feats[:, 1], [85, 96, 112])
    head = End(75, 93, 0, np.array([93, 94, 95]) / FPS, np.array([[189.4, 92.4], [189.4, 87.9], [190.7, 85.0]]),
               np.array([[189.4, 92.4], [189.4, 87.9], [190.7, 85.0]]), np.full(3, 50.0))
    assert bridge(tails[0], head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    imp = bridge(tails[1], head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert imp is not None and 89.5 / FPS < imp.time < 91.0 / FPS
    # a trajectory that kept falling to its end, or rose for three samples, has no second tail
    t, feats, screen, areas, border = _track([1, 2, 3, 4, 5], [(90, 60), (90, 70), (90, 80), (90, 90), (90, 100)])
    assert [e.cut_short for e in tails_of(1, t, feats, screen, areas, border, 0, 0)] == [False]
    t, feats, screen, areas, border = _track([1, 2, 3, 4, 5, 6], [(90, 60), (90, 70), (90, 80), (90, 75),
                                                                  (90, 70), (90, 65)])
    assert [e.cut_short for e in tails_of(1, t, feats, screen, areas, border, 0, 0)] == [False]


def test_the_lowest_point_of_a_swing_is_no_bounce() -> None:
    """blind8_balls_stone_lamp_dolly, 2.2 s: a swinging lamp's blob, moving 4 px a frame
    sideways and 1 px down, lost at the bottom of its arc and found again beyond it."""
    times = np.array([62, 63, 64]) / FPS
    pts = np.array([[192.3, 25.0], [188.5, 26.5], [184.1, 27.4]])
    tail = End(3, 64, 0, times, pts, pts.copy(), np.array([201.0, 194.0, 208.0]), cut_short=True)
    pts2 = np.array([[170.2, 27.7], [165.5, 27.0], [161.0, 26.7]])
    head = End(30, 67, 0, np.array([67, 68, 69]) / FPS, pts2, pts2.copy(), np.array([222.0, 198.0, 228.0]))
    assert bridge(tail, head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None


def test_a_fall_that_went_on_past_the_rise_is_cut_where_the_rise_began() -> None:
    """A ball's blob merged with its mirror image goes on down the picture (frames 11 and 12)
    after the rising ball started a track of its own at frame 11: the fall up to frame 10 and
    the rise make the bounce (blind8_metal_balls_cut)."""
    frames = np.arange(5, 13)
    f = frames.astype(float)
    y = np.where(f <= 10.4, 130.0 + 6.0 * (f - 10.4), 130.0 + 6.0 * (f - 10.4))  # on down, the image
    feats = np.stack([150.0 - 0.8 * f, y], axis=1)
    args = (frames / FPS, feats, feats.copy(), np.full(len(f), 30.0), np.zeros(len(f), bool), 100, 0)
    head = ball_end(2, [11, 12, 13])
    cut = tail_before(7, *args, float(head.times[0]))
    assert cut is not None and cut.cut_short
    assert list(np.round(cut.times * FPS)) == [8, 9, 10] and cut.index == 100 + 5
    imp = bridge(cut, head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)
    assert imp is not None and abs(imp.time - 10.4 / FPS) < 0.3 / FPS
    # the whole tail, ending after the rise began, bridges nothing
    whole = end_of(7, *args, head=False)
    assert whole is not None and bridge(whole, head, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE) is None
    # a rise after the end (the usual gap), one begun more than OVERLAP samples before the end,
    # or before the fall had ENDS samples: no cut
    assert tail_before(7, *args, 12.5 / FPS) is None
    assert tail_before(7, *args, 8.0 / FPS) is None
    assert tail_before(7, *args, 6.0 / FPS) is None


def _glimpse(ys, xs=(120.0, 120.3, 120.6, 120.9), areas=(50.0, 55.0, 52.0, 48.0), start=20):
    from stemline.engine.foley.bridges import glimpsed
    frames = np.arange(start, start + 4, dtype=float)
    feats = np.stack([np.asarray(xs, float), np.asarray(ys, float)], axis=1)
    feats = np.concatenate([feats, feats[:, :1] - 3, feats[:, :1] + 3, feats[:, 1:2] - 3, feats[:, 1:2] + 3], axis=1)
    return glimpsed(7, frames / FPS, feats, feats[:, :2].copy(), np.asarray(areas, float), np.zeros(4, bool),
                    100, 0, FPS, MIN_SPEED, MIN_CHANGE, MIN_SCORE)


def test_a_ball_seen_only_for_the_two_frames_either_side_of_its_bounce() -> None:
    """blind32_wood_slam_cut_ball: a white ball before a pale wall is a region only in front of
    the floor: 90.4, 99.9 down the picture, then 99.5, 93.4 back up; it hit at 3.139 s, between
    the middle two (a trajectory of four samples, too short for a corner)."""
    imp = _glimpse([90.4, 99.9, 99.5, 93.4])
    assert imp is not None and imp.reversal and imp.dvy < -10.0
    assert 21.0 / FPS < imp.time < 22.0 / FPS
    assert imp.index == 101  # the last sample before the contact


def test_four_samples_that_are_no_ball_are_refused() -> None:
    assert _glimpse([90.4, 99.9, 99.5, 93.4], start=20) is not None
    # too slow to be seen only at the floor (a wobble of something resting)
    assert _glimpse([125.1, 125.7, 125.0, 124.0]) is None
    # a fall that barely comes back (a fifth of its speed): flicker jumping, not a rebound
    assert _glimpse([64.4, 77.8, 72.9, 70.0]) is None
    # a size that changes three times over (patches of flicker joining and parting)
    assert _glimpse([81.6, 89.9, 84.6, 77.5], areas=(19.0, 15.0, 33.0, 46.0)) is None
    # a centroid wandering sideways by pixels
    assert _glimpse([15.4, 23.6, 23.5, 17.2], xs=(308.2, 307.3, 305.9, 307.9)) is None
    # three samples, or five, are not a glimpse (five are the corner detector's)
    from stemline.engine.foley.bridges import glimpsed
    t, f = np.arange(3) / FPS, np.tile([120.0, 90.0, 117, 123, 87, 93], (3, 1))
    assert glimpsed(7, t, f, f[:, :2], np.full(3, 50.0), np.zeros(3, bool), 0, 0, FPS, MIN_SPEED, MIN_CHANGE,
                    MIN_SCORE) is None


def test_a_white_ball_before_a_pale_wall_is_heard_where_it_met_the_floor() -> None:
    """blind32_wood_slam_cut_ball, 24 fps, 2.5-3.5 s (after its cut): a white ball dropped before
    a pale cream wall is a moving region only in front of the walnut floor, for two frames each
    side of its first bounce at 3.139 s. Replayed from the regions the segmenter found there."""
    from tests.foley.replay import DATA, replay
    found = replay(DATA / "glimpsed_bounce_blobs.json")
    assert len(found) == 1 and abs(found[0] - 3.139) < 0.01
