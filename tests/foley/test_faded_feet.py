"""A walk whose feet fade into the background where they stop (issue 7; seen on
blind14_walk_dim_tile: light shoes on grey-green tiles in a dim room). Each swing is a piece of
track of its own that ends a frame or two after the heel comes down; no piece shows a foot
standing, and the walk, its steps a regular beat along the floor, was not found (two of nine
steps, by their sideways stops)."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.walking import STAND, Pulse, pulses, walks_from_pulses

FPS, W, H = 30.0, 320, 180


def _swing(x0: float, dist: float, frames: int, after: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A foot's blob swinging left by ``dist`` px over ``frames`` frames, easing in, then
    ``after`` samples at rest before its piece ends."""
    s = np.linspace(0.0, 1.0, frames + 1)
    x = x0 - dist * (3 * s ** 2 - 2 * s ** 3)
    x = np.concatenate([x, np.full(after, x[-1])])
    n = len(x)
    feats = np.stack([x, np.full(n, 120.0), x - 8.0, x + 8.0, np.full(n, 116.0), np.full(n, 124.0)], axis=1)
    return np.arange(n) / FPS, feats, np.full(n, 90.0)


def test_a_swing_whose_piece_ends_just_after_it_stopped_is_a_pulse() -> None:
    t, f, a = _swing(200.0, 40.0, 8, 1)
    found, _ = pulses(t, f, a, FPS, 0.5, -1)
    assert len(found) == 1 and found[0].cut, found
    # at rest from sample 8, the piece's last sample 9: it stopped between frames 8 and 10
    assert abs(found[0].time - (9.0 - 0.25) / FPS) < 1e-9
    assert abs(found[0].start - 200.0) < 3.0  # where it got going
    # seen standing for STAND samples, it stood, as before
    t, f, a = _swing(200.0, 40.0, 8, STAND)
    found, _ = pulses(t, f, a, FPS, 0.5, -1)
    assert len(found) == 1 and not found[0].cut
    # one still moving when its piece ends is cut short, as before
    t, f, a = _swing(200.0, 40.0, 8, 0)
    found, _ = pulses(t, f, a, FPS, 0.5, -1)
    assert len(found) == 1 and found[0].cut


def _pulse(time: float, x: float, start: float) -> Pulse:
    return Pulse(time, x, 120.0, abs(start - x), 3.0, -1, 90.0, int(time * FPS), cut=True, whole=False,
                 track=int(time * 10), start=start)


def test_faded_feet_walk_when_each_sets_off_from_behind_the_last() -> None:
    # walking left at 0.52 s a step: each foot lands 20 px ahead of the other and swings 40 px
    feet = [_pulse(1.0 + 0.52 * k, 200.0 - 20.0 * k, 240.0 - 20.0 * k) for k in range(5)]
    walks = walks_from_pulses(feet, FPS, W, H)
    assert len(walks) == 1 and len(walks[0]) == 5


def test_pieces_of_a_mover_that_never_stands_make_no_walk() -> None:
    # a ball rolling left in pieces: each sets off where the last ended
    rolling = [_pulse(1.0 + 0.52 * k, 200.0 - 20.0 * (k + 1), 200.0 - 20.0 * k) for k in range(5)]
    assert walks_from_pulses(rolling, FPS, W, H) == []
    # a pendulum's swings to the left: each from behind, all ending in the same place
    swinging = [_pulse(1.0 + 0.52 * k, 160.0, 200.0) for k in range(5)]
    assert walks_from_pulses(swinging, FPS, W, H) == []
