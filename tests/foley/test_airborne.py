"""A bounce needs a hop before it (``impacts._airborne``): a ball at rest whose outline wobbles by a
pixel (grain, its shadow, a lamp's light moving over it) has corners, but never flies."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.impacts import CX, CY, Impact, _airborne

FPS, WIDTH = 30.0, 320.0
G = 400.0  # px/s^2 in the picture


def bouncing(contacts: list[float], rest_from: float, seconds: float = 3.0):
    """(times, feats) of a ball bouncing at ``contacts`` on a floor at y=130 (hops between them
    under gravity) and lying still from ``rest_from`` on, with a pixel of wobble."""
    t = np.arange(int(seconds * FPS)) / FPS
    y = np.full_like(t, 130.0)
    for a, b in zip(contacts, contacts[1:]):
        sel = (t > a) & (t < b)
        y[sel] = 130.0 - 0.5 * G * (t[sel] - a) * (b - t[sel])
    first = contacts[0]
    y[t < first] = 130.0 - 0.5 * G * (first - t[t < first]) ** 2  # dropped onto the floor
    rng = np.random.default_rng(1)
    y[t >= rest_from] += rng.uniform(-0.6, 0.6, int((t >= rest_from).sum()))
    feats = np.zeros((len(t), 6))
    feats[:, CX], feats[:, CY] = 100.0, np.maximum(y, 0.0)
    return t, feats


def impact(t: float) -> Impact:
    return Impact(t, int(t * FPS), 100.0, 130.0, 0.0, -5.0, CY, True, 10.0, 40.0, t)


def test_bounces_with_hops_between_them_are_kept() -> None:
    contacts = [0.5, 1.1, 1.5, 1.76]
    t, feats = bouncing(contacts, rest_from=1.76)
    kept = _airborne([impact(c) for c in contacts], t, feats, WIDTH)
    assert [k.time for k in kept] == contacts


def test_corners_of_a_ball_at_rest_are_dropped_and_a_late_real_hop_is_not_judged_by_them() -> None:
    contacts = [0.5, 1.1, 1.5]
    t, feats = bouncing(contacts, rest_from=1.5)
    found = [impact(c) for c in contacts] + [impact(1.62), impact(2.0)]  # wobbles of the resting ball
    kept = _airborne(found, t, feats, WIDTH)
    assert [k.time for k in kept] == contacts


def test_a_hop_far_lower_than_the_track_s_own_gravity_allows_is_no_hop() -> None:
    contacts = [0.5, 1.1]
    t, feats = bouncing(contacts, rest_from=3.0)
    # 0.4 s after the last bounce it rose by 2 px: a hop that long rises 8 px at this gravity
    # (the hop before rose 18 px in 0.6 s), a quarter of it
    sel = (t > 1.1) & (t < 1.5)
    feats[sel, CY] = 130.0 - 2.0 * np.sin(np.pi * (t[sel] - 1.1) / 0.4)
    kept = _airborne([impact(0.5), impact(1.1), impact(1.5)], t, feats, WIDTH)
    assert [k.time for k in kept] == [0.5, 1.1]
    # the same rise after a 0.2 s hop is what gravity gives: kept
    sel = (t > 1.1) & (t < 1.3)
    feats[:, CY][(t > 1.1)] = 130.0
    feats[sel, CY] = 130.0 - 2.0 * np.sin(np.pi * (t[sel] - 1.1) / 0.2)
    kept = _airborne([impact(0.5), impact(1.1), impact(1.3)], t, feats, WIDTH)
    assert [k.time for k in kept] == [0.5, 1.1, 1.3]


def test_a_ball_lying_still_in_a_shaking_picture_makes_no_first_bounce() -> None:
    """blind2_balls_wood_shake: long after the last bounce the ball lay still while the hand
    shook; the wobble had corners. A first bounce must have come down into it."""
    contacts = [0.5, 1.1]
    t, feats = bouncing(contacts, rest_from=1.3)
    kept = _airborne([impact(0.5), impact(1.1), impact(2.4)], t, feats, WIDTH)
    assert [k.time for k in kept] == [0.5, 1.1]
    kept = _airborne([impact(2.4)], t, feats, WIDTH)  # also as the track's only one
    assert kept == []
    assert [k.time for k in _airborne([impact(0.5)], t, feats, WIDTH)] == [0.5]  # dropped onto the floor
