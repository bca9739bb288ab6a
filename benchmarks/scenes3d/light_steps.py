"""Light that changes over a moving camera, and cuts with a change of light: which are called cuts.

    .venv/bin/python benchmarks/scenes3d/light_steps.py [--pans 0,3,6]

Made with PyAV here (no rendering): a grainy textured wall 640x360 at 25 fps, still or panned
by 3 or 6 px a frame, and at 2.0 s (2.5 s for the fades) one of

* a fade to black over 0.2, 0.3 or 0.4 s; an exposure step of -15 % or +20 %; a flash of one
  frame (1.5 times) or two (1.3 times); a dip to 60 % over 0.3 s: none of them is a cut;
* a cut 150 or 300 px along the same wall or to another wall, the light unchanged, -15 % or
  +20 %: every one is a cut.

Prints each case's cuts, then the false and the missed. Run it with another checkout's code by
putting its ``src`` first on ``PYTHONPATH``.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import av
import cv2
import numpy as np

from stemline.jobs.foley import spot_video

W, H, FPS, SECONDS = 640, 360, 25, 4.0


def _wall(seed: int, width: int) -> np.ndarray:
    coarse = np.random.default_rng(seed).random((H // 4, width // 4 + 2)) * 120 + 60
    return cv2.resize(coarse.astype(np.float32), (coarse.shape[1] * 4, H), interpolation=cv2.INTER_CUBIC)


def clip(path: Path, pan: float, gain, jump: float = 0.0, other: bool = False) -> Path:
    """``gain(t)`` scales the light; from 2.0 s the camera is ``jump`` px further along, on
    another wall if ``other``."""
    width = W + int(jump + pan * FPS * SECONDS) + 8
    walls = (_wall(0, width), _wall(5, width))
    rng = np.random.default_rng(1)
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=FPS)
        vs.width, vs.height, vs.pix_fmt = W, H, "yuv420p"
        for k in range(int(SECONDS * FPS)):
            t = k / FPS
            x = pan * k + (jump if t >= 2.0 else 0.0)
            i, frac = int(x), x - int(x)
            wall = walls[1] if other and t >= 2.0 else walls[0]
            img = (1 - frac) * wall[:, i:i + W] + frac * wall[:, i + 1:i + 1 + W]
            img = img * gain(t) + rng.normal(0, 2, img.shape)
            frame = av.VideoFrame.from_ndarray(np.clip(img, 0, 255).astype(np.uint8), format="gray")
            for p in vs.encode(frame.reformat(format="yuv420p")):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)
    return path


def _fade(s: float):
    return lambda t: min(1.0, max(0.0, 1.0 - (t - 2.5) / s))


def _step(g: float):
    return lambda t: g if t >= 2.0 else 1.0


NO_CUT = {
    "fade out 0.2 s": _fade(0.2), "fade out 0.3 s": _fade(0.3), "fade out 0.4 s": _fade(0.4),
    "exposure -15 %": _step(0.85), "exposure +20 %": _step(1.2),
    "flash, one frame": lambda t: 1.5 if abs(t - 2.0) < 0.02 else 1.0,
    "flash, two frames": lambda t: 1.3 if 2.0 <= t < 2.08 else 1.0,
    "dip to 60 %": lambda t: 1.0 - 0.4 * max(0.0, 1.0 - abs(t - 2.0) / 0.15),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pans", default="0,3,6", help="px a frame")
    pans = [float(p) for p in ap.parse_args().pans.split(",")]
    false = missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "clip.mp4"
        for pan in pans:
            for name, gain in NO_CUT.items():
                cuts = spot_video(clip(path, pan, gain)).cuts
                false += bool(cuts)
                print(f"pan {pan:g}  {name:<28} cuts {[round(c, 2) for c in cuts]}", flush=True)
            for other in (False, True):
                for jump in (150.0, 300.0):
                    for g in (1.0, 0.85, 1.2):
                        cuts = spot_video(clip(path, pan, _step(g), jump, other)).cuts
                        missed += not any(abs(c - 2.0) < 0.05 for c in cuts)
                        name = f"cut {jump:g} px {'to another wall' if other else 'along'} x{g:g}"
                        print(f"pan {pan:g}  {name:<28} cuts {[round(c, 2) for c in cuts]}", flush=True)
    print(f"changes of light called cuts: {false} of {len(NO_CUT) * len(pans)}; "
          f"cuts missed: {missed} of {12 * len(pans)}")


if __name__ == "__main__":
    main()
