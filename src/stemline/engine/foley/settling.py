"""A thing that lands and stays there: the landing read from where it came to rest.

A box dropped from where it hung (or knocked off a shelf after standing on it) leaves a ghost of
itself in the background model. All through its fall its blob is the box and that ghost
together, growing, or breaks into pieces, so the track around the contact lacks the three
clean samples on each side that the corner test needs (``impacts.py``), or breaks there. What
the picture does show cleanly is the end: the thing lies still, level, until the background
model takes it in and its track ends. In the frame before it lay still, its top edge was higher
up; it landed between those two frames.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from stemline.engine.foley.impacts import BOTTOM, CX, TOP

#: Samples at rest at the end of a track that make "came to rest".
REST = 4
#: Seconds a thing must lie still before its track ends for its stop to be a landing: the
#: background model takes a still thing in after 0.8 s (motion.py), a foot lifts again sooner.
LIE = 0.4
#: Pixels a still thing's centroid and top edge wobble by (its outline in grain and blur).
REST_TOL = 3.0
#: Pixels the top edge must have come down in the frame before the rest for it to be a landing.
MIN_DROP = 2.5
#: Samples at the very end of a track that may be the background model taking the thing in
#: (its blob shrinks and its edges jump as it is eaten pixel by pixel).
EATEN = 3
#: Most a thing's area may differ (either way) between the frame before it lay still and its
#: rest: more is a region being taken into the background, whose top edge drops as it shrinks.
SAME_AREA = 1.6


def rest_run(cx: np.ndarray, top: np.ndarray) -> tuple[int, int] | None:
    """(first, end) samples of the run at rest that ends a track, or None: at least
    :data:`REST` samples whose centroid across and top edge stay within :data:`REST_TOL` of
    where they lie in its last ones (one sample off, as grain and blur leave an outline now and
    then, does not end it), followed by no more than :data:`EATEN` others. (The centroid's
    height is no measure of rest: the model takes a thing in from its edges, a contact shadow
    below it first.)"""
    n = len(top)
    for end in range(n, max(REST, n - EATEN) - 1, -1):
        ref = [float(np.median(v[end - REST:end])) for v in (cx, top)]

        def still(k: int) -> bool:
            return all(abs(float(v[k]) - r) <= REST_TOL for v, r in zip((cx, top), ref))

        if all(still(k) for k in range(end - REST, end)):
            k = end - REST
            while k > 0 and (still(k - 1) or (k > 1 and still(k - 2))):
                k -= 1 if still(k - 1) else 2
            return k, end
    return None


def came_down(top_before: float, area_before: float, rest_top: float, rest_area: float) -> bool:
    """Was something whose top edge was at ``top_before`` in the frame before it lay still with
    its top at ``rest_top`` still coming down (picture y grows downwards), about as big as it
    lies?"""
    return (rest_top - top_before >= MIN_DROP
            and max(area_before, rest_area) <= SAME_AREA * max(1.0, min(area_before, rest_area)))


#: (time, stabilised edges of a thing's first sample) -> (time of the frame before, top edge,
#: bottom edge and area of what moved where the thing lies in that frame, or None, None and 0)
Above = Callable[[float, np.ndarray], tuple[float, float | None, float | None, float]]


def landing_at_rest(t: np.ndarray, feats: np.ndarray, areas: np.ndarray, border: np.ndarray, fps: float,
                    above: Above) -> tuple[float, int, float, float] | None:
    """(time, first sample at rest, how far its top edge came down into the rest in px, its
    area at rest) of the landing of a track that ends lying still, or None.

    ``t``: sample times (s); ``feats``: (n, 6) stabilised centroid and edges; ``areas``: pixel
    areas; ``border``: whether each touched the picture edge; ``above``: for a track born lying
    still, what the frame before showed there. The landing lies between the frame before the
    rest and its first: half way, within half a frame of the truth either way."""
    run = rest_run(feats[:, CX], feats[:, TOP])
    if run is None or border[run[0]:run[1]].any():
        return None
    r, end = run
    if float(t[end - 1] - t[r]) < LIE:
        return None
    # the area it lay with at first (the model eats a still thing away from its edges)
    rest_top, rest_area = float(np.median(feats[r:end, TOP])), float(np.median(areas[r:r + 3]))
    if r > 0:
        t_before, before, area_before = float(t[r - 1]), float(feats[r - 1, TOP]), float(areas[r - 1])
        if r == 1:
            # born a frame before it lay still: that first sample may be a piece of a blob that
            # had landed already (the thing and its ghost parting); the frame before it must
            # show the thing still above where it came to rest
            _, _, bottom, _ = above(float(t[0]), feats[0])
            if bottom is None or float(np.median(feats[r:end, BOTTOM])) - bottom < MIN_DROP:
                return None
    else:
        t_before, before, _, area_before = above(float(t[0]), feats[0])
    if (before is None or float(t[r]) - t_before > 1.5 / fps
            or not came_down(before, area_before, rest_top, rest_area)):
        return None
    return 0.5 * (t_before + float(t[r])), r, rest_top - before, rest_area
