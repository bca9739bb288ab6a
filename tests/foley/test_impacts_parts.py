"""The contact detector's helpers, one branch at a time, on trajectories small enough to work out
by hand (issue 13: the recorded corpus never takes these branches, so mutants of them lived)."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.engine.foley.impacts import (BOTTOM, CX, CY, LEFT, RIGHT, TOP, ImpactParams, _at,
                                           _eased_stop, _settled, _steady, _suppress, _window_ok,
                                           Impact, min_change_px, min_speed_px, no_gaps)

# -- _eased_stop: where a slowing approach reaches rest --------------------------------------


def test_an_eased_stop_is_timed_where_the_path_comes_within_reach_of_rest():
    y = np.array([0.0, 10.0, 20.0, 24.0, 25.5, 26.0, 26.0, 26.0])
    tf = np.arange(len(y), dtype=float)
    # last step 4 against 10 before it: eased. Within 1.5 (0.15 x 10) of rest between samples
    # 3 (2 away) and 4 (0.5 away): a third of the way, at 3.333
    assert _eased_stop(tf, y, 3, 8, 1.0, 26.0, 2.5) == pytest.approx(3 + 1 / 3)
    # never earlier than the corner said
    assert _eased_stop(tf, y, 3, 8, 1.0, 26.0, 3.5) == 3.5
    # the same motion upwards (sign -1) and on uneven sample times
    tf2 = np.array([0.0, 1.0, 2.0, 3.0, 5.0, 6.0, 7.0, 8.0])
    assert _eased_stop(tf2, -y, 3, 8, -1.0, -26.0, 2.5) == pytest.approx(3 + 2 / 3)


def test_a_stop_at_full_speed_or_after_no_approach_keeps_the_corner_time():
    tf = np.arange(8, dtype=float)
    full = np.array([0.0, 10.0, 20.0, 29.0, 30.0, 30.0, 30.0, 30.0])  # 9 > 0.8 x 10
    assert _eased_stop(tf, full, 3, 8, 1.0, 30.0, 2.7) == 2.7
    # exactly 0.8 of the step before still counts as eased
    edge = np.array([0.0, 10.0, 20.0, 28.0, 29.9, 30.0, 30.0, 30.0])
    assert _eased_stop(tf, edge, 3, 8, 1.0, 30.0, 2.7) == pytest.approx(3 + (2.0 - 1.5) / 1.9)
    back = np.array([0.0, 10.0, 5.0, 6.0, 6.5, 6.5, 6.5, 6.5])  # moving the other way first
    assert _eased_stop(tf, back, 3, 8, 1.0, 6.5, 2.7) == 2.7
    still = np.array([0.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0])
    assert _eased_stop(tf, still, 3, 8, 1.0, 10.0, 2.7) == 2.7


def test_small_steps_use_a_reach_of_a_third_of_a_pixel_and_the_window_ends_the_search():
    tf = np.arange(7, dtype=float)
    y = np.array([0.0, 1.0, 2.0, 2.5, 2.9, 3.0, 3.0])
    # 0.15 x 1 would be 0.15: the floor of 0.3 decides, half way from sample 3 to 4
    assert _eased_stop(tf, y, 3, 7, 1.0, 3.0, 2.0) == pytest.approx(3.5)
    # rest reached only at sample 4, outside a window ending at 4: the corner's time stays
    assert _eased_stop(tf, y, 3, 4, 1.0, 3.0, 2.0) == 2.0
    # already within reach at the split's first sample: timed between it and the one before
    y2 = np.array([0.0, 2.0, 4.0, 4.2, 4.3, 4.3, 4.3])
    assert _eased_stop(tf, y2, 3, 7, 1.0, 4.3, 1.0) == pytest.approx(2 + (0.3 - 0.3) / 0.2)
    y3 = np.array([0.0, 2.0, 4.0, 4.5, 4.6, 4.6, 4.6])
    assert _eased_stop(tf, y3, 3, 7, 1.0, 4.6, 1.0) == pytest.approx(2 + (0.6 - 0.3) / 0.5)


# -- _settled: when every leading part has stopped --------------------------------------------


def _feats(**cols: list[float]) -> np.ndarray:
    n = len(next(iter(cols.values())))
    out = np.zeros((n, 6))
    names = {"cx": CX, "cy": CY, "left": LEFT, "right": RIGHT, "top": TOP, "bottom": BOTTOM}
    for k, v in cols.items():
        out[:, names[k]] = v
    return out


def test_settled_waits_for_an_eased_leading_edge():
    tf = np.arange(7, dtype=float)
    down = [0.0, 10.0, 20.0, 26.0, 29.0, 30.0, 30.0]     # steps 10 10 6 3 1 0: eased
    V1 = np.array([0.0, 10.0, 0, 0, 0, 0])
    for col in ("cy", "bottom"):
        f = _feats(**{col: down})
        # still moving a quarter of its approach speed up to the step ending at sample 4
        assert _settled(2.6, tf, f, 3, 0, 7, V1, 0.5) == 4.0
    # the top edge is not a leading one, nor is the bottom of a thing moving up
    assert _settled(2.6, tf, _feats(top=down), 3, 0, 7, V1, 0.5) == 2.6
    up = V1 * -1
    assert _settled(2.6, tf, _feats(bottom=down), 3, 0, 7, up, 0.5) == 2.6
    assert _settled(2.6, tf, _feats(cy=down), 3, 0, 7, up, 0.5) == 4.0
    # never before the corner's own time
    assert _settled(4.5, tf, _feats(cy=down), 3, 0, 7, V1, 0.5) == 4.5


def test_settled_takes_the_side_the_motion_leads_with():
    tf = np.arange(7, dtype=float)
    ease = [0.0, 10.0, 20.0, 26.0, 29.0, 30.0, 30.0]
    right, left = np.array([10.0, 0, 0, 0, 0, 0]), np.array([-10.0, 0, 0, 0, 0, 0])
    assert _settled(2.6, tf, _feats(right=ease), 3, 0, 7, right, 0.5) == 4.0
    assert _settled(2.6, tf, _feats(right=ease), 3, 0, 7, left, 0.5) == 2.6
    assert _settled(2.6, tf, _feats(left=ease), 3, 0, 7, left, 0.5) == 4.0
    assert _settled(2.6, tf, _feats(left=ease), 3, 0, 7, right, 0.5) == 2.6
    assert _settled(2.6, tf, _feats(cx=ease), 3, 0, 7, left, 0.5) == 4.0


def test_a_stop_at_full_speed_a_slow_approach_and_a_long_ease():
    tf = np.arange(8, dtype=float)
    V1 = np.array([0.0, 10.0, 0, 0, 0, 0])
    hit = [0.0, 10.0, 20.0, 30.0, 31.0, 31.0, 31.0, 31.0]  # full speed into the stop
    assert _settled(2.9, tf, _feats(cy=hit), 3, 0, 8, V1, 0.5) == 2.9
    # the last moving step exactly 0.75 of the approach is not "already slower"
    edge = [0.0, 8.0, 16.0, 22.0, 23.0, 23.0, 23.0, 23.0]  # steps 8 8 6 1
    assert _settled(2.5, tf, _feats(cy=edge), 3, 0, 8, V1, 0.5) == 2.5
    # an approach slower than the slowest contact counts for nothing
    slow = [0.0, 0.4, 0.8, 1.05, 1.25, 1.25, 1.25, 1.25]  # steps 0.4 0.4 0.25 0.2
    assert _settled(2.5, tf, _feats(cy=slow), 3, 0, 8, V1, 0.5) == 2.5
    assert _settled(2.5, tf, _feats(cy=slow), 3, 0, 8, V1, 0.19) == 4.0
    # a thing that keeps creeping on is down one frame after the split's next sample at most
    creep = [0.0, 10.0, 20.0, 26.0, 29.0, 32.0, 35.0, 38.0]
    assert _settled(2.6, tf, _feats(cy=creep), 3, 0, 8, V1, 0.5) == 5.0
    # steps counted from the window's start, times from the track's
    tf2 = tf + 100.0
    assert _settled(102.6, tf2, _feats(cy=[5.0] + [5.0 + v for v in ease_list()]), 4, 1, 8, V1,
                    0.5) == 105.0
    # no approach at all (the split at the window's start)
    assert _settled(0.5, tf, _feats(cy=hit), 0, 0, 8, V1, 0.5) == 0.5


def ease_list() -> list[float]:
    return [0.0, 10.0, 20.0, 26.0, 29.0, 30.0, 30.0]


# -- _hops: bounces in the free-fall frame -----------------------------------------------------


def _hop_args(times, feats, areas, *, border=None, gaps=None, splits=None, offset=0, screen=None):  # type: ignore[no-untyped-def]
    from stemline.engine.foley.analysis import precision_settings

    params = precision_settings("high").impact
    fps, width = 25.0, 320.0
    tf = (times - times[0]) * fps
    gaps_ok = no_gaps(tf, fps, None) if gaps is None else gaps
    n = len(times)
    return (times, tf, feats, areas, gaps_ok, border, params, min_speed_px(params, fps, width),
            min_change_px(params, fps, width), splits or range(1, n - 2), offset, screen, 1 / fps)


def test_hops_finds_every_bounce_with_the_fields_the_spotter_reads():
    from stemline.engine.foley.impacts import _hops
    from tests.foley.test_hops import bouncing

    times, feats, areas, truth = bouncing(1, noise=0.05)
    hops = _hops(*_hop_args(times, feats, areas, offset=1000))
    kept = _suppress(hops, 1 / 25.0)
    assert len(kept) == len(truth) >= 4
    for h, t in zip(kept, truth):
        assert abs(h.time - t) < 0.5 / 25.0
    m = 3
    for h in hops:  # every candidate, before suppression
        j = h.index - 1000
        assert times[j] - 0.6 / 25.0 <= h.time <= times[j + 1] + 0.6 / 25.0
        assert (h.feature, h.reversal, h.settled) == (CY, True, h.time)
        assert h.dvy < -0.6 and h.score >= 4.0
        dvx = (feats[min(len(times) - 1, j + 2), CX] - feats[j + 1, CX]) - (feats[j, CX] - feats[j - 1, CX])
        assert h.dvx == pytest.approx(dvx)
        assert h.area == pytest.approx(areas[j - m + 1:j + m + 1].mean())
        frac = min(1.0, max(0.0, (h.time - times[j]) * 25.0))
        assert h.cx == pytest.approx(feats[j, CX] + frac * (feats[j + 1, CX] - feats[j, CX]))
        assert h.cy == pytest.approx(feats[j, CY] + frac * (feats[j + 1, CY] - feats[j, CY]))
    # where the picture has the ball (stabilised coordinates in feats, the screen's own here)
    screen = feats[:, :2] + np.array([40.0, -7.0])
    moved = _hops(*_hop_args(times, feats, areas, screen=screen))
    np.testing.assert_allclose([(m.cx, m.cy) for m in moved], [(h.cx + 40.0, h.cy - 7.0) for h in hops])


def test_hops_skips_splits_that_are_cut_off_unsteady_or_outside_the_range():
    from stemline.engine.foley.impacts import _hops
    from tests.foley.test_hops import bouncing

    times, feats, areas, _ = bouncing(1, noise=0.05)
    n, m = len(times), 3
    every = [h.index for h in _hops(*_hop_args(times, feats, areas))]
    s = every[len(every) // 2]  # a sample inside some candidate's window

    def found(**kw):  # type: ignore[no-untyped-def]
        return [h.index for h in _hops(*_hop_args(times, kw.pop("feats", feats), kw.pop("areas", areas), **kw))]

    def sees(j: int, first: int, last: int) -> bool:  # does split j's window hold first..last?
        return max(0, j - m + 1) <= last and first < min(n, j + m + 1)

    border = np.zeros(n, bool)
    border[s + 1] = True                              # touching the picture's edge there
    assert found(border=border) == [j for j in every if not sees(j, s + 1, s + 1)]
    gaps = np.ones(n - 1, bool)
    gaps[s] = False                                   # a frame missing between s and s + 1
    assert found(gaps=gaps) == [j for j in every if not sees(j, s, s)]
    # the shape grows 3x at s + 1: steady enough for the main detector (2x, +1.5 small), not
    # for a hop (1.5x, +1 small), whose blob may be one sinking into the background
    blob = areas.copy()
    blob[s + 1] = 3.0 * areas[max(0, s - 6):s + 8].min()
    assert _steady(blob[s - 1:s + 4], 2.0, 1.5)
    assert found(areas=blob) == [j for j in every if not sees(j, s + 1, s + 1)]
    assert found(splits=range(s + 1, n - 2)) == [j for j in every if j > s]
    # a track with no free fall in it has no hops
    flat = feats.copy()
    flat[:, CY] = 100.0 + 0.5 * np.arange(n)
    assert found(feats=flat) == []


# -- the small helpers -------------------------------------------------------------------------


def test_missing_frames_and_a_variable_frame_rate():
    tf = np.array([0.0, 1.0, 2.0, 4.0, 5.0])
    assert no_gaps(tf, 25.0, None).tolist() == [True, True, False, True]
    # the file's own frame steps: the two-frame step was the file slowing down, not a loss
    steps = np.array([0.0, 0.04, 0.04, 0.08, 0.04])
    assert no_gaps(tf, 25.0, steps).tolist() == [True] * 4
    # unknown steps (0), and steps shorter than a frame, count as one frame
    assert no_gaps(tf, 25.0, np.array([0.0, 0.0, 0.0, 0.0, 0.0])).tolist() == [True, True, False, True]
    assert no_gaps(np.array([0.0, 1.0, 2.0]), 25.0, np.array([0.0, 0.02, 0.02])).tolist() == [True, True]
    assert no_gaps(tf, 25.0, steps[:3]).tolist() == [True, True, False, True]  # not this track's


def test_speed_floors_follow_the_picture_and_the_pixel():
    p = ImpactParams()
    assert min_speed_px(p, 25.0, 320.0) == pytest.approx(0.04 * 320 / 25)
    assert min_speed_px(p, 25.0, 100.0) == p.min_speed_px
    assert min_change_px(p, 25.0, 320.0) == pytest.approx(0.06 * 320 / 25)
    assert min_change_px(p, 50.0, 100.0) == p.min_change_px


def test_where_a_contact_was_seen_and_one_contact_per_corner():
    pos = np.array([[0.0, 0.0], [10.0, 20.0], [30.0, 20.0]])
    tf = np.array([0.0, 1.0, 2.0])
    assert _at(pos, tf, 0, 0.25) == (2.5, 5.0)
    assert _at(pos, tf, 0, -0.5) == (0.0, 0.0) and _at(pos, tf, 0, 1.7) == (10.0, 20.0)
    assert _at(pos, tf, 1, 1.5) == (20.0, 20.0)

    def imp(t: float, score: float) -> Impact:
        return Impact(t, 0, 0, 0, 0, 0, CY, True, score, 10.0)

    # strongest first, then anything more than 2.5 frames from all kept (0.625 s here, exact)
    got = _suppress([imp(0.5, 5), imp(1.0, 9), imp(0.25, 1), imp(1.75, 2), imp(1.625, 3)], 0.25)
    assert [(c.time, c.score) for c in got] == [(0.25, 1), (1.0, 9), (1.75, 2)]


def test_a_window_needs_five_samples_no_gap_no_edge_and_a_steady_shape():
    p = ImpactParams()
    areas, ok = np.full(10, 50.0), np.ones(9, bool)
    assert _window_ok(areas, ok, None, 2, 7, p) and not _window_ok(areas, ok, None, 2, 6, p)
    gap = ok.copy()
    gap[5] = False
    assert not _window_ok(areas, gap, None, 2, 7, p) and _window_ok(areas, gap, None, 0, 5, p)
    edge = np.zeros(10, bool)
    edge[6] = True
    assert not _window_ok(areas, ok, edge, 2, 7, p) and _window_ok(areas, ok, edge, 1, 6, p)
    # 50 px: 2x plus 1.5 x (100 - 50) / 70 of slack
    limit = 2.0 + 1.5 * 50 / 70
    grown = areas.copy()
    grown[4] = 50.0 * limit
    assert _window_ok(grown, ok, None, 2, 7, p)
    grown[4] = 50.0 * limit * 1.01
    assert not _window_ok(grown, ok, None, 2, 7, p)
    # big blobs get no slack, tiny ones all of it, and an area of 0 counts as 1
    assert _steady(np.array([200.0, 400.0]), 2.0, 1.5) and not _steady(np.array([200.0, 401.0]), 2.0, 1.5)
    assert _steady(np.array([20.0, 70.0]), 2.0, 1.5) and not _steady(np.array([20.0, 71.0]), 2.0, 1.5)
    assert _steady(np.array([0.0, 3.5]), 2.0, 1.5) and not _steady(np.array([0.0, 3.6]), 2.0, 1.5)


# -- detect_impacts' arguments ---------------------------------------------------------------


def _ball():  # type: ignore[no-untyped-def]
    from tests.foley.test_hops import bouncing

    return bouncing(1, noise=0.05)


def _detect(times, feats, areas, **kw):  # type: ignore[no-untyped-def]
    from stemline.engine.foley.analysis import precision_settings
    from stemline.engine.foley.impacts import detect_impacts

    return detect_impacts(times, feats, areas, 25.0, 320.0, precision_settings("high").impact, **kw)


def test_a_piece_of_a_long_track_reports_only_its_own_contacts():
    times, feats, areas, truth = _ball()
    every = _detect(times, feats, areas)
    assert len(every) == len(truth)
    # the track processed in two overlapping pieces: each reports the splits it owns, once
    cut = every[2].index
    first = _detect(times, feats, areas, last=cut)
    second = _detect(times, feats, areas, first=cut)
    assert all(c.index < cut for c in first) and all(c.index >= cut for c in second)
    # away from the cut each piece finds what one pass finds (at the cut, which candidate
    # wins the one-per-corner suppression may differ: the caller merges the pieces)
    assert [c.time for c in first if c.index < cut - 3] == \
        [c.time for c in every if c.index < cut - 3]
    assert [c.time for c in second if c.index > cut + 3] == \
        [c.time for c in every if c.index > cut + 3]
    assert all(min(abs(c.time - d.time) for d in first + second) < 0.04 for c in every)
    # the offset only renumbers
    shifted = _detect(times, feats, areas, offset=500)
    assert [c.index - 500 for c in shifted] == [c.index for c in every]


def test_no_hop_is_reported_where_the_ball_touches_the_picture_edge():
    times, feats, areas, truth = _ball()
    every = _detect(times, feats, areas)
    last = every[-1]  # a small hop, found by the free-fall pass
    border = np.zeros(len(times), bool)
    border[last.index - 3:last.index + 4] = True
    got = _detect(times, feats, areas, border=border)
    assert [c.time for c in got] == [c.time for c in every[:-1]]


def test_a_variable_frame_rate_file_slowing_down_is_no_gap():
    times, feats, areas, truth = _ball()
    every = _detect(times, feats, areas)
    # keep every other sample from just before the second bounce on: a phone dropping from 50
    # to 25 fps (times stay true, samples two frames apart)
    j = every[1].index - 6
    keep = np.r_[np.arange(j), np.arange(j, len(times), 2)]
    t2, f2, a2 = times[keep], feats[keep], areas[keep]
    steps = np.r_[0.0, np.diff(t2)]
    with_steps = _detect(t2, f2, a2, frame_steps=steps)
    without = _detect(t2, f2, a2)
    # told that the file itself slowed down, the bounce after it is still seen; not told,
    # every step there looks like a lost frame
    late = [c for c in with_steps if c.time > t2[j] + 0.2]
    assert late and not [c for c in without if c.time > t2[j] + 0.2]
