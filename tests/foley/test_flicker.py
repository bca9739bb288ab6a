"""A place of the picture that flickers far more than the rest (a render's dark, indirectly lit
corner; a sensor's deep shadow) makes blobs whose difference is no stronger than that place's
own frame-to-frame change; they are dropped (``motion.LOCAL_K``), a real object is not."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from stemline.engine.foley import motion
from stemline.engine.foley.motion import MotionSegmenter

W, H = 320, 180


def _run(monkeypatch: pytest.MonkeyPatch, k: float) -> tuple[int, int]:
    """(blobs in the flickering corner, frames the ball was found in) over frames 30-79."""
    monkeypatch.setattr(motion, "LOCAL_K", k)
    rng = np.random.default_rng(5)
    seg = MotionSegmenter(W, H, 25.0)
    yy, xx = np.mgrid[0:H, 0:W]
    room = cv2.GaussianBlur(rng.normal(0, 1, (H, W)).astype(np.float32), (0, 0), 3) * 120 + 150
    flicker = found = 0
    for i in range(80):
        img = room + rng.normal(0, 2, (H, W))
        img[0:90, 270:320] = 40 + rng.normal(0, 25, (90, 50))  # the dark corner's render noise
        cx = 20 + 3 * i
        if i >= 5:  # a striped ball rolls in along the floor
            disc = (xx - cx) ** 2 + (yy - 120) ** 2 < 36
            img[disc] = np.where(((xx[disc] - cx) // 2) % 2 == 0, 40.0, 220.0)
        obs = seg.push(i / 25, img.astype(np.float32))
        if i >= 30:
            flicker += sum(1 for b in obs.blobs if b.sx > 265 and b.sy < 95)
            found += any(abs(b.sx - cx) < 4 and abs(b.sy - 120) < 4 for b in obs.blobs)
    return flicker, found


def test_a_flickering_corner_makes_fewer_blobs_and_the_ball_is_still_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    without = _run(monkeypatch, 0.0)
    with_rule = _run(monkeypatch, 2.0)
    assert without[0] > 100  # the corner does make blobs when nothing weighs it
    assert with_rule[0] < 0.6 * without[0]
    assert without[1] == with_rule[1] == 50
