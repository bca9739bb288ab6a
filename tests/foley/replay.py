"""Feed the spotter recorded regions instead of pictures.

A recording (``tests/foley/data/*_blobs.json``, written from a rendered scene of
``benchmarks/scenes3d``) holds every moving region the segmenter found per frame: stabilised
edges, area, place in the picture, whether it touched the border, and the cuts. Replaying it
runs the tracker and everything after it exactly as on the clip, in a fraction of the time and
without the clip."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from stemline.engine.foley.analysis import EventSpotter
from stemline.engine.foley.motion import Blob, FrameObservation

DATA = Path(__file__).parent / "data"


def replay(path: Path) -> list[float]:
    """Event times of the spotter fed the recorded regions."""
    rec = json.loads(path.read_text())
    width, height, fps = rec["size"]
    spotter = EventSpotter(width, height, fps)
    frames = {round(f["t"], 5): f for f in rec["frames"]}

    def observe(time: float, pixels: np.ndarray, chroma: np.ndarray | None = None,
                hints: tuple = ()) -> FrameObservation:
        f = frames[round(time, 5)]
        blobs = tuple(Blob(*b[:9], border=b[9]) for b in f["blobs"])
        return FrameObservation(time, blobs, f["cut"], (0.0, 0.0), 1.0)

    spotter.segmenter.push = observe  # type: ignore[method-assign]
    picture = np.zeros((height, width), np.float32)
    for f in rec["frames"]:
        spotter.push(f["t"], picture)
    return [e.time for e in spotter.finish().events]
