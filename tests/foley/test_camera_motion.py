"""Camera motion estimation and what the motion segmenter explains away: a known camera move is
recovered; a pan, a moving shadow and a ghost make no object, a ball does."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from stemline.engine.foley.camera import IDENTITY, CameraTracker, apply, compose, invert
from stemline.engine.foley.analysis import EventSpotter
from stemline.engine.foley.motion import MotionSegmenter

W, H = 320, 180


def _scene(seed: int = 0) -> np.ndarray:
    """A textured room-ish picture: blotches plus some straight edges (float32 luma, 2x size so
    that moves and crops stay inside)."""
    rng = np.random.default_rng(seed)
    img = cv2.GaussianBlur(rng.normal(110, 40, (2 * H, 2 * W)).astype(np.float32), (0, 0), 3.0)
    for k in range(12):
        x, y = rng.integers(0, 2 * W - 60), rng.integers(0, 2 * H - 40)
        img[y:y + 30, x:x + 50] += rng.uniform(-50, 50)
    return img


def _view(world: np.ndarray, m: np.ndarray) -> np.ndarray:
    """What a camera sees when the world picture is moved by ``m`` (3x3), cropped to W x H."""
    shifted = cv2.warpPerspective(world, m, (world.shape[1], world.shape[0]), flags=cv2.INTER_LINEAR)
    return shifted[H // 2:H // 2 + H, W // 2:W // 2 + W].copy()


def _similarity(dx: float, dy: float, angle_deg: float = 0.0, scale: float = 1.0) -> np.ndarray:
    a = np.deg2rad(angle_deg)
    c, s = scale * np.cos(a), scale * np.sin(a)
    cx, cy = W, H  # about the picture centre of the 2x world
    return np.array([[c, -s, cx - c * cx + s * cy + dx], [s, c, cy - s * cx - c * cy + dy], [0, 0, 1.0]])


@pytest.mark.parametrize("dx,dy,angle,scale", [(1.6, -0.7, 0.0, 1.0), (0.4, 0.3, 0.3, 1.0),
                                               (0.0, 0.0, 0.0, 1.012)])
def test_a_known_camera_move_is_recovered(dx: float, dy: float, angle: float, scale: float) -> None:
    world = _scene()
    rng = np.random.default_rng(1)
    a = _view(world, IDENTITY)
    b = _view(world, _similarity(dx, dy, angle, scale))
    tracker = CameraTracker(W, H)
    grain = lambda img: cv2.convertScaleAbs(img + rng.normal(0, 3, img.shape))  # noqa: E731
    tracker.reset(grain(a))
    step = tracker.step(grain(b))
    # compare where the corners of the picture went: within a few tenths of a pixel
    corners = np.array([[10, 10], [W - 10, 10], [10, H - 10], [W - 10, H - 10]], float)
    true = _similarity(dx, dy, angle, scale)
    # the crop offset cancels: picture coordinates move like world coordinates
    tx, ty = apply(true, corners[:, 0] + W // 2, corners[:, 1] + H // 2)
    ex, ey = apply(step.matrix, corners[:, 0], corners[:, 1])
    assert np.abs(ex - (tx - W // 2)).max() < 0.3
    assert np.abs(ey - (ty - H // 2)).max() < 0.3
    assert step.inliers > 0.5


def test_homogeneous_helpers_compose_and_invert() -> None:
    m = _similarity(3.0, -2.0, 1.0, 1.05)
    assert np.allclose(compose(m, invert(m)), IDENTITY)
    x, y = apply(compose(m, m), 10.0, 20.0)
    x1, y1 = apply(m, *apply(m, 10.0, 20.0))
    assert abs(x - x1) < 1e-9 and abs(y - y1) < 1e-9


def _run(frames: list[np.ndarray], chroma: list[np.ndarray] | None = None) -> list:
    seg = MotionSegmenter(W, H, 25.0)
    out = []
    for i, f in enumerate(frames):
        out.append(seg.push(i / 25.0, f, None if chroma is None else chroma[i]))
    return out


def test_a_panning_textured_room_has_no_moving_objects() -> None:
    world = _scene(2)
    rng = np.random.default_rng(3)
    frames = [_view(world, _similarity(0.9 * i, 0.15 * np.sin(i), 0.0)) + rng.normal(0, 2.5, (H, W)).astype(np.float32)
              for i in range(40)]
    obs = _run(frames)
    assert not any(o.cut for o in obs)
    # after the first frames, nothing that moves with the room is an object
    assert sum(len(o.blobs) for o in obs[5:]) <= 2


def test_moving_lamp_light_is_not_an_object_but_a_ball_is() -> None:
    world = _scene(4)[:H, :W].copy()
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:H, 0:W]
    frames, truth = [], []
    for i in range(30):
        img = world.copy()
        # the pool of a swinging lamp's light drifting across the room: brighter where it is
        pool = np.exp(-(((xx - (60 + 3 * i)) / 45.0) ** 2 + ((yy - 60) / 70.0) ** 2))
        img *= (0.75 + 0.45 * pool).astype(np.float32)
        # a bright ball crossing lower down
        bx, by = 30 + 8 * i, 130
        img[(xx - bx) ** 2 + (yy - by) ** 2 < 36] = 235.0
        truth.append((bx, by))
        frames.append(img + rng.normal(0, 2.0, (H, W)).astype(np.float32))
    obs = _run(frames)
    for o, (bx, by) in list(zip(obs, truth))[4:]:
        near_ball = [b for b in o.blobs if abs(b.sx - bx) < 5 and abs(b.sy - by) < 5]
        assert len(near_ball) == 1, "the ball must be seen, and seen alone"
        assert near_ball[0].area < 250  # not merged with a patch of light
    # the light may leave a slowly growing patch where it withdraws, never a contact
    spotter = EventSpotter(W, H, 25.0)
    for i, f in enumerate(frames):
        spotter.push(i / 25.0, f)
    assert spotter.finish().events == ()


def test_a_ghost_left_by_an_object_that_leaves_goes_into_the_background() -> None:
    world = _scene(6)[:H, :W].copy()
    rng = np.random.default_rng(7)
    frames = []
    for i in range(30):
        img = world.copy()
        x = 100 if i < 3 else 100 + 9 * (i - 3)  # a box standing in the first frames, then leaving
        img[60:90, x:x + 30] = 40.0
        frames.append(img + rng.normal(0, 2.0, (H, W)).astype(np.float32))
    obs = _run(frames)
    late = obs[20:]
    # no blob remains where the box stood (x 100..130) once it is long gone
    assert all(not (95 < b.sx < 135 and 55 < b.sy < 95) for o in late for b in o.blobs)


def test_a_flat_picture_that_starts_to_show_texture_is_tracked_within_a_few_frames() -> None:
    """Corners are looked for again in a flat picture only every few frames (camera.FLAT_RETRY);
    once texture pans into view the camera's move is found no later than that."""
    from stemline.engine.foley.camera import FLAT_RETRY
    world = _scene(3)
    cam = CameraTracker(W, H)
    flat = np.full((H, W), 120, np.uint8)
    cam.reset(flat)
    for _ in range(5):
        assert cam.step(flat).tracked == 0
    found = None
    for k in range(2 * FLAT_RETRY + 2):
        frame = np.clip(_view(world, _similarity(1.5 * k, 0.0)), 0, 255).astype(np.uint8)
        step = cam.step(frame)
        if step.tracked >= 8 and abs(step.matrix[0, 2] - 1.5) < 0.3:
            found = k
            break
    assert found is not None and found <= FLAT_RETRY + 1
