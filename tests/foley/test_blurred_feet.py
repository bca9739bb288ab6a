"""A walking foot's motion blur (issue 7; seen on blind4_walk_wood_lamp: pale shoes on grainy
wood, three of eight steps found). While the shutter is open a moving foot is smeared over what it
crosses, so its blob reaches ahead of the foot; when the foot stops the smear goes and the front
edge falls back by a few pixels over a frame or two, then stands. The standing test read that
fall back as the edge still moving and dropped the step."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.walking import _arrived, pulses, walking_steps

FPS = 25.0
#: blind4_walk_wood_lamp, track 16 from 0.92 s: the left (front) edge of a foot walking left,
#: analysis pixels, two swings each ending in a smear that goes. Heel strikes at 1.196 and 1.756.
BLIND4_LEFT = [217.0, 220.9, 222.4, 213.4, 206.8, 198.3, 194.2, 192.8, 196.5, 198.5, 198.3, 197.7,
               196.0, 197.9, 197.0, 196.7, 196.7, 189.0, 182.0, 172.9, 169.8, 167.8, 169.3, 171.4,
               176.6, 170.3]


def _track(left: list[float], width: float = 14.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.asarray(left, float)
    n = len(x)
    feats = np.stack([x + width / 2, np.full(n, 115.0), x, x + width, np.full(n, 112.0), np.full(n, 118.0)],
                     axis=1)
    return 0.92 + np.arange(n) / FPS, feats, np.full(n, 60.0)


def test_a_step_whose_smear_goes_as_it_stops_is_a_pulse() -> None:
    t, f, a = _track(BLIND4_LEFT)
    found, _ = pulses(t, f, a, FPS, 0.5, -1)
    first = [p for p in found if not p.cut and abs(p.time - 1.196) < 0.05]
    assert len(first) == 1, [(p.time, p.cut) for p in found]


def _walk(smear: float, then: float = 0.0, creep: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Left edge of a foot walking left in four steps of 30 px (6 frames each, easing in), each
    followed by a fall back of ``smear`` px over two frames (none for 0), then ``then`` px a frame
    (positive: back, against the walk) for the rest of its stand (8 frames in all); or, with
    ``creep``, that many frames of a pixel each onwards before it stands."""
    x, out = 250.0, []
    s = np.linspace(0.0, 1.0, 7)[1:]
    for _ in range(4):
        out += list(x - 30.0 * (3 * s ** 2 - 2 * s ** 3))
        x -= 30.0
        if smear:
            out += [x + smear / 2, x + smear]
            x += smear
        for k in range(6 if smear else 8):
            x += -1.0 if k < creep else then
            out.append(x)
    return _track(out)


def test_a_walk_with_motion_blur_has_its_steps() -> None:
    t, f, a = _walk(6.0)
    steps = walking_steps(t, f, a, FPS, 320.0, 0.5)
    assert len(steps) >= 3
    # each heel strike as the foot reaches its place (the sixth sample of each 14)
    truth = [t[5 + 14 * k] for k in range(4)]
    assert all(min(abs(s.time - u) for u in truth) < 0.03 for s in steps)


def test_no_step_where_the_edge_keeps_coming_back_or_falls_back_too_far() -> None:
    # a swing that turns and keeps coming back (a pendulum's, an arm's) is no standing foot
    t, f, a = _walk(6.0, then=2.0)
    assert [p for p in pulses(t, f, a, FPS, 0.5, -1)[0] if not p.cut] == []
    # a fall back of more than the swing's fastest step is no smear
    t, f, a = _walk(20.0)
    assert [p for p in pulses(t, f, a, FPS, 0.5, -1)[0] if not p.cut] == []


def test_a_foot_creeping_on_below_the_pulses_end_speed_stands_when_it_arrives() -> None:
    # blind17_walk_pale_tile_box: after each swing the shoe's front edge creeps on about a pixel
    # a frame for a frame or two (the heel coming down). The pulse ends when the edge slows under
    # 15 % of its peak speed; a stand that had to stay under 12.5 % dropped such steps, and the
    # heel strike is when the creep is done, not when the pulse ended.
    t, f, a = _walk(0.0, creep=2)
    steps = walking_steps(t, f, a, FPS, 320.0, 0.5)
    assert len(steps) >= 3
    # within a pixel (walking.ARRIVED_PX) of where it stands from its first creeping frame on
    truth = [t[5 + 1 + 14 * k] for k in range(4)]
    assert all(min(abs(s.time - u) for u in truth) < 0.02 for s in steps), [s.time for s in steps]


def test_an_edge_ahead_of_where_it_stands_has_arrived() -> None:
    # the smear of test_a_walk_with_motion_blur_has_its_steps: the stop is the heel strike
    front = np.array([250.0, 240.0, 230.0, 222.0, 226.0, 228.0, 228.0, 228.0])
    assert _arrived(front, 3, -1) == 3
    # short of it by more than its noise: on to where it got there
    front = np.array([250.0, 240.0, 230.0, 224.0, 222.5, 221.0, 221.0, 221.0])
    assert _arrived(front, 3, -1) == 5
    assert _arrived(front[::-1] * -1 + 500, 2, 1) == 2  # walking right, already there
