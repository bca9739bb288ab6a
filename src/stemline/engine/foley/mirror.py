"""Mirror images in a polished floor that turn where their object never touched anything.

On a shiny floor (steel, polished wood, wet stone) a ball's image hangs below it upside down and
moves the other way: when the ball rises, its image sinks. At the top of the ball's hop the
ball turns from rising to falling, and the image, far below it, turns from sinking to rising. A
blob that small and faint has a noisy track, and that smooth turn can look like a bounce. At a
real bounce the ball and its image meet at the floor; at the image of an apex the two are far
apart, and the region straight above the bouncing one turns the other way at the same moment.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from stemline.engine.foley.impacts import BOTTOM, CX, LEFT, RIGHT, TOP, Impact
from stemline.engine.foley.motion import Blob

#: Frames either side of the contact the region above is followed over.
REACH = 3
#: How far (pixels) the region above must sit higher at both ends of that span than at its
#: highest: a turn, not grain. A ball near the top of its hop moves 1-5 px a frame.
TURN_PX = 0.5


def image_of_an_apex(imp: Impact, times: np.ndarray, feats: np.ndarray,
                     frames: Iterable[tuple[float, tuple[Blob, ...]]], fps: float) -> bool:
    """Is the bounce ``imp`` of the trajectory (``times``, ``feats``: stabilised centroid and
    edges) a mirror image turning under its object's apex?

    ``frames``: each recent frame's time and moving regions. True when, in every frame within
    :data:`REACH` of the contact, a region stands straight above the trajectory's object,
    clear of it by more than either's height, and that region is highest inside the span (it
    rose, then fell) while the trajectory turned from falling to rising."""
    span = (REACH + 0.5) / fps
    near = [(tm, blobs) for tm, blobs in frames if abs(tm - imp.time) <= span]
    if len(near) < 2 * REACH or not times[0] <= imp.time <= times[-1]:
        return False
    heights = []
    for tm, blobs in near:
        cx = float(np.interp(tm, times, feats[:, CX]))
        top = float(np.interp(tm, times, feats[:, TOP]))
        tall = float(np.interp(tm, times, feats[:, BOTTOM])) - top
        wide = float(np.interp(tm, times, feats[:, RIGHT] - feats[:, LEFT]))
        above = [b for b in blobs
                 if abs(b.cx - cx) <= 0.5 * max(wide, b.right - b.left) + 1.0
                 and b.bottom < top - max(tall, b.bottom - b.top)]
        if not above:
            return False
        heights.append(max(above, key=lambda b: b.bottom).cy)  # the nearest one above
    k = int(np.argmin(heights))
    return 0 < k < len(heights) - 1 and min(heights[0], heights[-1]) - heights[k] > TURN_PX
