"""Dropped boxes: a box that hung still before it fell was part of the background model, so its
blob appears only as it falls, drags the ghost of where it hung, and its trajectory is short or
broken right at the landing (impacts._born_landing, the two-sample fallback in
detect_impacts, tracking._left_behind, and a box landing beside a bouncing ball in
analysis._two_things).

The trajectories below were recorded from the rendered corpus (benchmarks/scenes3d): the
spotter's stabilised samples (cx, cy, left, right, top, bottom) and areas at 320 px wide.
"""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.analysis import EventSpotter, precision_settings
from stemline.engine.foley.impacts import BOTTOM, CY, TOP, Impact, detect_impacts
from stemline.engine.foley.motion import Blob, FrameObservation
from stemline.engine.foley.tracking import Tracker

# fresh_boxes_wood, box2: hangs until 2.84 s and lands at 3.019 s; its track is born at 2.96
BORN_T = [2.96, 3.0, 3.04, 3.08, 3.12, 3.16, 3.2]
BORN_F = [[209.7, 98.8, 197.7, 221.1, 76.5, 112.2], [209.7, 105.5, 198.0, 220.4, 77.2, 125.2],
          [209.8, 106.3, 198.0, 220.4, 79.1, 122.8], [209.9, 106.2, 199.2, 221.5, 78.9, 122.6],
          [209.9, 107.0, 198.7, 221.0, 82.4, 122.0], [209.7, 107.3, 198.7, 221.1, 81.1, 121.7],
          [209.4, 109.1, 199.4, 220.8, 98.5, 120.9]]
BORN_A = [461.0, 778.0, 665.0, 648.0, 603.0, 578.0, 458.0]
# blind4_boxes_stone_dolly, box1 (30 fps): lands at 1.078 s; the first two samples hold its ghost
GHOST_T = [0.9333, 0.9667, 1.0, 1.0333, 1.0667, 1.1, 1.1333, 1.1667, 1.2, 1.2333]
GHOST_F = [[210.1, 80.0, 197.5, 221.2, 60.1, 99.7], [210.2, 81.6, 197.5, 222.2, 59.1, 106.6],
           [209.1, 98.5, 197.7, 220.4, 86.9, 111.6], [207.9, 110.7, 197.2, 220.9, 95.2, 126.8],
           [208.2, 116.4, 197.1, 219.8, 101.4, 129.0], [208.0, 117.2, 197.1, 219.7, 104.9, 128.5],
           [208.0, 117.4, 197.2, 218.8, 104.2, 128.8], [208.3, 117.0, 196.8, 219.4, 105.1, 127.6],
           [208.3, 117.3, 197.2, 219.8, 105.4, 129.0], [208.5, 116.7, 197.3, 219.7, 104.7, 128.1]]
GHOST_A = [782.0, 1075.0, 559.0, 663.0, 618.0, 533.0, 529.0, 508.0, 512.0, 523.0]
# fresh_boxes_wood, box1: a blob that grows as the box comes into view; lands at 0.978 s
GROW_T = [0.84, 0.88, 0.92, 0.96, 1.0, 1.04, 1.08, 1.12, 1.16, 1.2]
GROW_F = [[114.6, 94.0, 105.1, 124.2, 84.6, 104.6], [116.4, 100.4, 105.5, 124.6, 82.9, 112.1],
          [115.9, 113.0, 104.9, 125.0, 100.5, 137.8], [115.4, 122.7, 105.3, 125.5, 110.0, 139.3],
          [115.4, 125.4, 105.8, 126.0, 117.0, 137.2], [115.0, 125.4, 105.1, 125.3, 116.2, 137.4],
          [115.1, 125.5, 104.8, 125.0, 116.5, 137.7], [116.1, 125.3, 106.0, 125.2, 116.1, 137.3],
          [116.5, 124.9, 106.2, 126.4, 116.1, 136.3], [116.1, 124.8, 105.8, 126.0, 116.6, 136.8]]
GROW_A = [151.0, 310.0, 465.0, 498.0, 393.0, 403.0, 404.0, 382.0, 369.0, 361.0]


def _detect(times, feats, areas, fps=25.0):  # type: ignore[no-untyped-def]
    return detect_impacts(np.array(times), np.array(feats), np.array(areas), fps, 320.0,
                          precision_settings("high").impact)


def _landings_near(found: list[Impact], t: float) -> list[Impact]:
    return [c for c in found if abs(c.time - t) <= 0.05 and not c.reversal]


def test_a_box_whose_track_begins_as_it_falls_lands_two_samples_later() -> None:
    found = _detect(BORN_T, BORN_F, BORN_A)
    assert len(_landings_near(found, 3.019)) == 1, [(c.time, c.feature) for c in found]


def test_no_landing_two_samples_into_a_track_that_is_not_one_rigid_fall() -> None:
    # its first sample another blob: the outline's top jumps 40 px where the bottom moves 6
    other = [row[:] for row in BORN_F]
    other[0][TOP] -= 40.0
    other[0][BOTTOM] = other[1][BOTTOM] - 6.0
    other[0][CY] = other[1][CY] - 6.0
    assert not _landings_near(_detect(BORN_T, other, BORN_A), 3.019)
    # still falling after the "stop": centroid and bottom go on down 5 px a frame
    falling = [row[:] for row in BORN_F]
    for k in range(2, len(falling)):
        for col in (CY, TOP, BOTTOM):
            falling[k][col] = BORN_F[1][col] + 5.0 * (k - 1)
    assert not _landings_near(_detect(BORN_T, falling, BORN_A), 3.019)
    # a ball 8 px across that fell 13 px in that frame: caught in flight, not set down
    ball = [[r[0], r[1], r[0] - 4, r[0] + 4, r[1] - 4, r[1] + 4] for r in BORN_F]
    ball[0] = [ball[0][0], *(v - 6.7 for v in ball[0][1:2]), ball[0][2], ball[0][3],
               *(v - 6.7 for v in ball[0][4:])]
    assert not _landings_near(_detect(BORN_T, ball, [50.0] * len(BORN_A)), 3.019)
    # a blob 8 px tall wobbling in the grain (eval_balls_metal under its lamp, 30 fps): its
    # 3.7 px "fall" and stop is no drop
    wobble_t = [0.5, 0.533, 0.567, 0.6, 0.633, 0.667, 0.7]
    wobble = [[174.8, 114.4, 171.7, 179.7, 110.3, 118.3], [176.6, 118.1, 173.5, 179.6, 114.6, 120.7],
              [175.4, 119.8, 172.5, 178.5, 116.6, 123.7], [176.2, 117.9, 174.1, 178.1, 115.2, 121.3],
              [177.0, 120.9, 174.1, 180.1, 115.3, 125.3], [177.7, 113.8, 174.9, 181.0, 110.7, 117.7],
              [175.3, 118.2, 174.2, 176.3, 116.7, 119.7]]
    assert not _detect(wobble_t, wobble, [45.0, 42.0, 42.0, 28.0, 48.0, 24.0, 12.0], fps=30.0)
    # the same fall of a box 24 px tall is one
    box = [[r[0], r[1], r[0] - 12, r[0] + 12, r[1] - 12, r[1] + 12] for r in ball]
    assert _landings_near(_detect(BORN_T, box, [576.0] * len(BORN_A)), 3.019)


def test_a_landing_measured_past_the_ghost_that_doubled_the_blob() -> None:
    found = _detect(GHOST_T, GHOST_F, GHOST_A, fps=30.0)
    assert len(_landings_near(found, 1.078)) == 1, [(c.time, c.feature) for c in found]
    # the same samples without the ghost's doubled area in front: no shortened window is
    # needed, and the landing is found the ordinary way
    steady = [GHOST_A[2]] * 2 + GHOST_A[2:]
    assert len(_landings_near(_detect(GHOST_T, GHOST_F, steady, fps=30.0), 1.078)) == 1


def test_a_blob_that_grows_into_view_is_not_cut_short() -> None:
    # box1 comes into view (the area grows 151 -> 498): the window is not shortened to two
    # samples, whose bottom edge (the leading blur) stops 50 ms before the box does
    found = _detect(GROW_T, GROW_F, GROW_A)
    assert [round(c.time, 3) for c in found if not c.reversal] and \
        all(abs(c.time - 0.978) <= 0.03 for c in found if not c.reversal), [(c.time, c.feature) for c in found]


def _box(top: float, bottom: float, x: float = 130.0, w: float = 22.0) -> Blob:
    cy = 0.5 * (top + bottom)
    return Blob(x, cy, x - w / 2, x + w / 2, top, bottom, w * (bottom - top), x, cy)


def _feed(tracker: Tracker, frames: list[tuple[Blob, ...]]) -> list:  # type: ignore[type-arg]
    ended = []
    for k, blobs in enumerate(frames):
        ended += tracker.update(FrameObservation(0.84 + k / 25.0, blobs, False, (0.0, 0.0), 1.0))
    return ended + tracker.end_all()


def test_a_falling_box_leaves_its_ghost_and_keeps_its_track() -> None:
    # blind10_boxes_wood_warm's box1: the blob stretches from where the box hung (top edge
    # stays at 70-73) down to the box (bottom 100 -> 125), then parts: box below, ghost above
    stretched = [(_box(70, 100),), (_box(71, 105),), (_box(72, 120),), (_box(73, 125),)]
    parted = [(_box(101, 127), _box(75, 93)), (_box(102, 127),), (_box(102, 127),)]
    tracks = _feed(Tracker(join=3.56, first_gate=25.6), stretched + parted)
    box = max(tracks, key=lambda tr: len(tr.times))
    assert len(box.times) == 7 and [round(f[BOTTOM]) for f in box.feats][-3:] == [127, 127, 127]
    # a thing that broke in two as a whole (its top edge moved with its bottom) ends there
    rigid = [(_box(70, 100),), (_box(75, 105),), (_box(90, 120),), (_box(95, 125),)]
    broken = [(_box(101, 127), _box(80, 98)), (_box(102, 127),), (_box(102, 127),)]
    tracks = _feed(Tracker(join=3.56, first_gate=25.6), rigid + broken)
    assert max(len(tr.times) for tr in tracks) == 4


def test_a_box_landing_beside_a_bouncing_ball_is_heard_as_well() -> None:
    spotter = EventSpotter(320, 180, 25.0)
    spotter._ball_tracks.add(1)

    def imp(t: float, reversal: bool, area: float) -> Impact:
        return Impact(t, 10, 100.0, 120.0, 0.0, -8.0, CY, reversal, 50.0, area, t)

    ball = (imp(2.904, True, 72.0), 1)
    assert spotter._two_things(ball, (imp(2.994, False, 620.0), 2))
    assert spotter._two_things((imp(2.994, False, 620.0), 2), ball)
    # about the ball's size: the ball's own shadow or half of its blob, one sound
    assert not spotter._two_things(ball, (imp(2.994, False, 150.0), 2))
    # a bounce of something that is no ball, beside a box: one sound, as before
    assert not spotter._two_things((imp(2.904, True, 72.0), 3), (imp(2.994, False, 620.0), 2))
