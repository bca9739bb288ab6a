"""A ball's image in a polished floor turns from sinking to rising under the top of the ball's
hop, far from any floor (``mirror.py``): no contact. Checked on made-up regions, then replayed
from the rendered scene it was seen in (issue 7)."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.impacts import Impact
from stemline.engine.foley.mirror import image_of_an_apex
from stemline.engine.foley.motion import Blob
from tests.foley.replay import DATA, replay
from tests.foley.scenes import match_times

FPS = 30.0
FLOOR = 140.0  # the floor line in the picture: the ball above it, its image below


def ball_y(k: np.ndarray, apex: float) -> np.ndarray:
    """The ball's centroid: a hop whose top is at frame ``apex``, 30 px above the floor there."""
    return FLOOR - 30.0 + 0.4 * (k - apex) ** 2


def blob(cx: float, cy: float, r: float) -> Blob:
    return Blob(cx, cy, cx - r, cx + r, cy - r, cy + r, np.pi * r * r, cx, cy)


def image_track(frames: np.ndarray, apex: float) -> tuple[np.ndarray, np.ndarray]:
    """The image's track: the ball's height mirrored in the floor, a smaller, fainter blob."""
    y = 2 * FLOOR - ball_y(frames, apex)
    cx = np.full(len(frames), 100.0)
    feats = np.stack([cx, y, cx - 2.0, cx + 2.0, y - 2.0, y + 2.0], axis=1)
    return frames / FPS, feats


def bounce_at(frame: float, y: float) -> Impact:
    return Impact(time=frame / FPS, index=int(frame), cx=100.0, cy=y, dvx=0.0, dvy=-2.0, feature=1,
                  reversal=True, score=6.0, area=12.0, settled=frame / FPS)


def frames_with(k: np.ndarray, regions) -> list[tuple[float, tuple[Blob, ...]]]:
    return [(float(i) / FPS, tuple(regions(float(i)))) for i in k]


def test_the_image_turning_under_the_balls_apex_is_no_bounce() -> None:
    k = np.arange(0, 21)
    t, f = image_track(k, apex=10.0)
    regions = frames_with(k, lambda i: [blob(100.0, float(ball_y(np.array(i), 10.0)), 4.0)])
    assert image_of_an_apex(bounce_at(10.0, float(f[10, 1])), t, f, regions, FPS)


def test_a_bounce_with_nothing_above_it_or_touching_it_is_kept() -> None:
    k = np.arange(0, 21)
    t, f = image_track(k, apex=10.0)
    imp = bounce_at(10.0, float(f[10, 1]))
    # nothing straight above: another object off to the side at the same height
    aside = frames_with(k, lambda i: [blob(160.0, float(ball_y(np.array(i), 10.0)), 4.0)])
    assert not image_of_an_apex(imp, t, f, aside, FPS)
    # the ball meets its image at the floor: the region above touches the one that bounced
    touching = frames_with(k, lambda i: [blob(100.0, float(f[int(i), 1]) - 5.0, 4.0)])
    assert not image_of_an_apex(imp, t, f, touching, FPS)
    # a region above that doesn't turn there (still rising at the end of the span): no apex
    rising = frames_with(k, lambda i: [blob(100.0, 110.0 - 2.0 * i, 4.0)])
    assert not image_of_an_apex(imp, t, f, rising, FPS)
    # too few frames recorded around the contact to tell
    assert not image_of_an_apex(imp, t, f, frames_with(k[8:12], lambda i: [blob(100.0, 110.0, 4.0)]), FPS)


def test_a_ball_bouncing_on_polished_steel_under_a_dolly_gets_no_event_at_its_images_turn() -> None:
    """blind2_metal_dolly, 30 fps, 0.6-2.4 s: a ball bounces at 0.881, 1.535 and 1.98 s on
    polished steel while the camera dollies in. Its image below it was a track of its own, and
    its turn under the ball's apex at 1.72 s was heard as a bounce."""
    found = replay(DATA / "mirror_apex_blobs.json")
    truth = [0.881, 1.535, 1.98]
    pairs = match_times(truth, found, tol=0.05)
    assert len(pairs) == 3 and len(found) == 3
