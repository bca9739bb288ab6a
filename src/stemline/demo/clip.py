"""The bundled demo clip: a talking voice over music, and a ball that bounces on a floor.

The audio is speech-like + music-like synthesis (demo/synth.py); the picture gives the Foley spotter
something to find (the ball's landings), and leaves the impacts silent so Foley has work to do.

    python -m stemline.demo.clip resources/demo/demo.mp4
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from stemline.demo.synth import mixture
from stemline.media.render import write_video

SECONDS = 12.0
FPS = 25
SIZE = (640, 360)
SAMPLE_RATE = 44100
GRAVITY = 2.2           # screen heights per s^2
RESTITUTION = 0.72


def ball_path(t: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Height above the floor (0..1 screen heights) and the impact times, for a ball dropped at 0.8 s."""
    h = np.full_like(t, 0.75)
    impacts: list[float] = []
    t0, v0, y0 = 0.8, 0.0, 0.75
    while t0 < t[-1]:
        # y(t) = y0 + v0 s - g s^2 / 2 hits 0 at s:
        s = (v0 + np.sqrt(v0 * v0 + 2 * GRAVITY * y0)) / GRAVITY
        seg = (t >= t0) & (t < t0 + s)
        dt = t[seg] - t0
        h[seg] = y0 + v0 * dt - GRAVITY * dt * dt / 2
        t0 += s
        impacts.append(t0)
        v_in = GRAVITY * s - v0
        v0, y0 = v_in * RESTITUTION, 0.0
        if v0 < 0.25:
            h[t >= t0] = 0.0
            break
    return np.clip(h, 0, 1), impacts


def frames(seconds: float = SECONDS) -> Iterator[np.ndarray]:
    w, h = SIZE
    t = np.arange(int(seconds * FPS)) / FPS
    height, _ = ball_path(t)
    yy, xx = np.mgrid[0:h, 0:w]
    backdrop = np.zeros((h, w, 3), np.uint8)
    backdrop[..., 0] = (40 + 30 * yy / h).astype(np.uint8)
    backdrop[..., 1] = (44 + 34 * yy / h).astype(np.uint8)
    backdrop[..., 2] = (60 + 50 * yy / h).astype(np.uint8)
    floor_y = int(h * 0.82)
    backdrop[floor_y:] = (92, 74, 58)
    radius = 22
    for i, ti in enumerate(t):
        img = backdrop.copy()
        cx = int(w * (0.2 + 0.5 * ti / seconds))
        cy = int(floor_y - radius - height[i] * (floor_y - 2 * radius - 10))
        disc = (xx - cx) ** 2 + (yy - cy) ** 2 <= radius * radius
        img[disc] = (226, 120, 60)
        yield img


def make_clip(path: Path, seconds: float = SECONDS) -> Path:
    mix, _, _ = mixture(seconds, SAMPLE_RATE, seed=2026, voice_db=2.0)
    return write_video(path, frames(seconds), FPS, mix, SAMPLE_RATE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, nargs="?", default=Path("resources/demo/demo.mp4"))
    args = ap.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    print(make_clip(args.output))


if __name__ == "__main__":
    main()
