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
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stemline.jobs.foley import spot_video  # noqa: E402
from tests.foley.scenes import panned_wall  # noqa: E402


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
                cuts = spot_video(panned_wall(path, pan, gain)).cuts
                false += bool(cuts)
                print(f"pan {pan:g}  {name:<28} cuts {[round(c, 2) for c in cuts]}", flush=True)
            for other in (False, True):
                for jump in (150.0, 300.0):
                    for g in (1.0, 0.85, 1.2):
                        cuts = spot_video(panned_wall(path, pan, _step(g), jump=jump, other=other)).cuts
                        missed += not any(abs(c - 2.0) < 0.05 for c in cuts)
                        name = f"cut {jump:g} px {'to another wall' if other else 'along'} x{g:g}"
                        print(f"pan {pan:g}  {name:<28} cuts {[round(c, 2) for c in cuts]}", flush=True)
    print(f"changes of light called cuts: {false} of {len(NO_CUT) * len(pans)}; "
          f"cuts missed: {missed} of {12 * len(pans)}")


if __name__ == "__main__":
    main()
