"""The rendered corpus's truth (``benchmarks/scenes3d/physics.py``): contact times solved in closed
form must agree with the motion the renderer is fed, sampled finely."""
from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import numpy as np

_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "scenes3d"


def _physics():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("scenes3d_physics", _DIR / "physics.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["scenes3d_physics"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_ball_contacts_are_where_the_path_touches_floor_and_wall() -> None:
    ph = _physics()
    wall = ph.Wall(0, 1.0, +1)
    ball = ph.Ball((0.0, 0.0, 1.2), (0.6, 0.0, 0.0), 0.5, "wood", radius=0.06, walls=(wall,))
    assert len(ball.contacts) >= 3
    first = ball.contacts[0]
    # a drop from 1.2 m (centre) to the floor (centre at r): t = sqrt(2 (h - r) / g)
    assert math.isclose(first.t, 0.5 + math.sqrt(2 * (1.2 - 0.06) / ph.G), rel_tol=1e-9)
    for c in ball.contacts:
        p = np.array(ball.position(c.t))
        if c.surface == "wood":
            assert abs(p[2] - 0.06) < 1e-6  # resting on the floor at that instant
        else:
            assert abs(p[0] - (1.0 - 0.06)) < 1e-6  # touching the wall
        # between contacts the centre never goes through floor or wall
    ts = np.linspace(0.5, ball.contacts[-1].t + 0.5, 4000)
    zs = np.array([ball.position(float(t))[2] for t in ts])
    xs = np.array([ball.position(float(t))[0] for t in ts])
    assert zs.min() > 0.06 - 1e-6 and xs.max() < 1.0 - 0.06 + 1e-6
    # bounces get lower: each impact is slower than the one before on the floor
    floor = [c.speed for c in ball.contacts if c.surface == "wood"]
    assert all(b < a for a, b in zip(floor, floor[1:]))


def test_feet_land_where_and_when_the_truth_says() -> None:
    ph = _physics()
    feet = ph.Feet((0.0, 0.0), 0.3, 6, "tile")
    assert len(feet.contacts) == 6
    for k, c in enumerate(feet.contacts):
        foot = k % 2
        before = feet.position(foot, c.t - 0.02)
        at = feet.position(foot, c.t)
        after = feet.position(foot, c.t + 0.05)
        assert before[2] > at[2] + 1e-3  # still coming down just before
        assert math.isclose(at[2], feet.size[2] / 2, abs_tol=1e-9) and at == after  # planted
        assert math.isclose(at[0], c.point[0], abs_tol=1e-9)


def test_a_box_slides_into_the_wall_or_stops_silently() -> None:
    ph = _physics()
    wall = ph.Wall(0, -2.0, -1)
    hits = ph.Box((-0.5, 1.0, 0.1), 0.2, "tile", t_slide=1.0, vx=-2.6, friction=1.0, wall=wall)
    assert [c.kind for c in hits.contacts] == ["slam"]
    t = hits.contacts[0].t
    assert math.isclose(hits.position(t)[0], -2.0 + 0.1, abs_tol=1e-9)
    assert hits.position(t + 0.5) == hits.position(t)
    stops = ph.Box((-0.5, 1.0, 0.1), 0.2, "tile", t_slide=1.0, vx=1.0, friction=1.4)
    assert stops.contacts == []
