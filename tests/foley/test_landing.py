"""A ball's trajectory that ends at its landing (issue 7: on the rendered corpus, twelve missed
bounces were of tracks that ran into the contact and ended 0-2 samples after it, the blob merging
with its shadow or the clip ending), and a ball landing beside a walker's step."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.engine.foley.analysis import EventSpotter
from stemline.engine.foley.impacts import CY, LEFT, Impact
from stemline.engine.foley.landing import REACH, floor_at, tail_landing

G, FLOOR, V0 = 0.9, 120.0, 6.0  # px/frame², centroid height at the floor, launch speed up


def _hop(until: float, start: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Samples (frames since the bounce, height) of a hop launched from the floor at frame 0 and
    landing at 2 V0 / G = 13.33 frames, up to ``until`` frames."""
    tf = np.arange(start, until + 1e-9, 1.0)
    y = FLOOR - V0 * tf + 0.5 * G * tf * tf
    return tf, np.minimum(y, FLOOR)


LANDS = 2 * V0 / G


@pytest.mark.parametrize("until, start", [(13.5, 0.5), (14.5, 0.5), (12.5, 0.5), (11.9, 0.9)])
def test_the_landing_is_where_the_fall_meets_the_floor(until: float, start: float) -> None:
    # the track ends one or two samples past the landing, or 0.83 or 1.43 frames short of it
    tf, y = _hop(until, start)
    found = tail_landing(tf, y, FLOOR, G, 0.5)
    assert found is not None
    assert abs(found[0] - LANDS) < 0.1, found
    assert abs(found[1] - V0) < 0.6  # the speed it came down with


def test_no_landing_is_guessed_far_past_the_last_sample() -> None:
    tf, y = _hop(LANDS - REACH - 0.3)
    assert tail_landing(tf, y, FLOOR, G, 0.5) is None


def test_a_fall_past_the_floor_it_bounced_on_lands_elsewhere() -> None:
    # off the edge of a table: the track goes on falling well below the height of its bounce
    tf = np.arange(0.5, 16.6, 1.0)
    y = FLOOR - V0 * tf + 0.5 * G * tf * tf
    assert tail_landing(tf, y, FLOOR, G, 0.5) is None


def test_a_blob_that_leaps_down_is_no_fall() -> None:
    # a ball resting up high whose blob swallows its shadow below: one step of 7 px at once
    tf = np.arange(0.5, 8.6, 1.0)
    y = np.full(len(tf), FLOOR - 9.0)
    y[-1] = FLOOR - 2.0
    y[-2] = FLOOR - 8.7
    assert tail_landing(tf, y, FLOOR, G, 0.5) is None


def test_a_ball_lying_where_it_bounced_makes_no_landing_when_its_track_ends() -> None:
    # blind15_boxes_balls_tile_dolly, fresh_balls_tile_dolly: after its last bounce the ball lies
    # (or rolls) at its floor, and its blob sinks by a pixel as the model takes it in; the fall
    # extrapolated from that is no landing
    tf = np.arange(0.5, 12.6, 1.0)
    y = np.full(len(tf), FLOOR - 1.0)
    y[-4:] = FLOOR - np.array([0.9, 0.7, 0.4, 0.1])
    assert tail_landing(tf, y, FLOOR, G, 0.1) is None
    # the same last fall after a hop clearly above the floor lands
    y[2:6] = FLOOR - 4.0
    assert tail_landing(tf, y, FLOOR, G, 0.1) is not None


def test_the_floor_is_the_lowest_the_ball_was_seen_at_its_bounce() -> None:
    tf = np.arange(10.0)
    y = np.array([100, 104, 109, 115, 118.5, 116, 112, 109, 107, 106.0])
    assert floor_at(tf, y, 4.2) == 118.5
    assert floor_at(tf, y, 20.0) is None


# -- a step and a bounce at the same moment and place --------------------------------------------

def _spotter_with(step: Impact, bounce: Impact, ball_track: bool) -> list[float]:
    sp = EventSpotter(320, 180, 24.0)
    sp._frames, sp._last_time = 120, 4.96
    sp._impacts = [(step, 12), (bounce, 16)]
    sp._steps = {(12, step.index)}
    if ball_track:
        sp._ball_tracks = {16}
    return sorted(round(e.time, 3) for e in sp.finish().events)


def test_a_ball_landing_beside_a_step_is_heard_as_well() -> None:
    # fresh_walk_stone as rendered on 2026-12-05: a foot's heel strike at 3.198 s and, 34 px
    # from it and 69 ms earlier, the last bounce of a ball (a track that fell under gravity);
    # only the stronger of the two was kept
    step = Impact(3.198, 76, 201.0, 139.0, 0.0, -2.0, LEFT, False, 1025.5, 200.0, 3.198)
    bounce = Impact(3.129, 73, 199.0, 105.0, 0.0, -4.0, CY, True, 71.9, 80.0, 3.129)
    assert _spotter_with(step, bounce, ball_track=True) == [3.129, 3.198]
    # the same bounce on a track that never fell like a ball (a foot's shadow, the other half of
    # its blob) is the step's double
    assert _spotter_with(step, bounce, ball_track=False) == [3.198]


def test_a_track_that_ran_to_the_last_frame_lands_no_later_than_it() -> None:
    # the picture ended 1.43 frames before the ball reached the floor: where its fall ends is
    # not seen (the same track ending in a merge at the floor lands, see above)
    tf, y = _hop(11.9, 0.9)
    assert tail_landing(tf, y, FLOOR, G, 0.5) is not None
    assert tail_landing(tf, y, FLOOR, G, 0.5, with_picture=True) is None
    # a sample at the floor before the picture ended: the landing was seen
    tf, y = _hop(14.5)
    found = tail_landing(tf, y, FLOOR, G, 0.5, with_picture=True)
    assert found is not None and abs(found[0] - LANDS) < 0.1


def test_a_ball_speed_in_pixels_is_read_in_metres_by_its_gravity() -> None:
    # 0.4 px/frame² at 25 fps is 250 px/s² = 9.81 m/s²: 25.5 px a metre there
    spotter = EventSpotter(320, 180, 25.0)
    assert spotter._metres_per_second(1.0, 0.4) == pytest.approx(25.0 / 25.48, rel=1e-3)
