"""A swinging lamp's blob breaks into pieces (its light pool or its cord parts from it and goes on
as another track); those pieces are too short to show a swing of their own, and their turns put
"impacts" and "slams" on the lamp (issue 7: blind3_balls_tile_lamp at 2.21 s, blind7_walk_tile_lamp
at 3.79 s, both at the top of the picture). A contact on a free swing's path, at its time, is a
piece of the lamp."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.analysis import EventSpotter
from stemline.engine.foley.impacts import CX, CY, Impact
from stemline.engine.foley.swing import PATH_WINDOW, SwingPath


def _lamp_path() -> SwingPath:
    # blind7_walk_tile_lamp's lamp, 1.96-3.64 s: centre 144..221 across, 8..19 down, 13 px wide
    path = SwingPath(shot=0)
    t = np.linspace(1.96, 3.64, 43)
    x = 182.5 + 38.5 * np.sin(2 * np.pi * t / 1.6)
    y = 8.0 + 11.0 * np.abs(np.cos(2 * np.pi * t / 1.6))
    path.add(t, x, y, 13.0)
    return path


def test_a_swing_path_covers_its_sweep_grown_by_the_lamp_s_size_for_half_a_second_around() -> None:
    path = _lamp_path()
    assert path.covers(3.788, 230.0, 9.0, 0)   # the piece that went on past its last sample
    assert path.covers(2.5, 150.0, 15.0, 0)
    assert not path.covers(3.788, 230.0, 60.0, 0)      # below it: a ball, a foot
    assert not path.covers(3.64 + PATH_WINDOW + 0.1, 230.0, 9.0, 0)  # long after
    assert not path.covers(3.0, 182.0, 12.0, 1)        # after a cut: another picture
    # the box grows with each piece of the swinging track itself
    path.add(np.array([3.7, 4.0]), np.array([240.0, 260.0]), np.array([10.0, 12.0]), 13.0)
    assert path.covers(4.3, 270.0, 11.0, 0)


def _heard(slam: tuple[float, int, float, float, int], bounce: tuple[float, int, float, float, int]) -> list[float]:
    """Event times the spotter keeps of a sideways stop and a bounce, each (time, sample index,
    x, y, track), beside the lamp of :func:`_lamp_path` (track 39)."""
    sp = EventSpotter(320, 180, 25.0)
    sp._frames, sp._last_time = 125, 4.96
    sp._swings, sp._paths = {39}, {39: _lamp_path()}
    (ts, ks, xs, ys, tid_s), (tb, kb, xb, yb, tid_b) = slam, bounce
    sp._impacts = [(Impact(ts, ks, xs, ys, -3.0, 0.0, CX, False, 30.0, 120.0, ts), tid_s),
                   (Impact(tb, kb, xb, yb, 0.0, -6.0, CY, True, 80.0, 60.0, tb), tid_b)]
    sp._stab = {(tid_s, ks): (xs, ys, 0), (tid_b, kb): (xb, yb, 0)}
    return [round(e.time, 3) for e in sp.finish().events]


def test_the_spotter_drops_contacts_on_a_swing_path_and_keeps_the_rest() -> None:
    assert _heard((3.788, 90, 230.0, 9.0, 62), (3.70, 88, 100.0, 140.0, 70)) == [3.7]


def test_a_sideways_stop_on_the_path_is_the_lamp_all_shot_long_a_bounce_only_near_its_time() -> None:
    # blind7_walk_tile_lamp at 0.36 s: a piece of the lamp stopped sideways 1.6 s before the
    # stretch its track was told a swing in (the lamp swings all shot long); blind23_wood_balls_
    # pendulum_pan: balls bounce under a low pendulum's path, away from its time
    path = _lamp_path()
    assert path.covers(0.36, 167.0, 19.0, 0, sideways=True)
    assert not path.covers(0.36, 167.0, 19.0, 0)
    assert not path.covers(0.36, 167.0, 60.0, 0, sideways=True)   # off the path
    assert not path.covers(0.36, 167.0, 19.0, 1, sideways=True)   # another shot
    assert _heard((0.36, 9, 167.0, 19.0, 4), (0.50, 12, 167.0, 19.0, 5)) == [0.5]
