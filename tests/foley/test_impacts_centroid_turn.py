"""Two feet in one blob, walking: as one swings past the other the blob's mass shifts and its
centroid turns sideways while the edge it moves towards does not. The samples are the detector's
input for one trajectory of the rendered scene blind7_walk_tile_lamp (25 fps, 320 px wide), where
that turn at 1.447 s was a false 'ball impact' between two steps (issue 7)."""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.impacts import CX, LEFT, ImpactParams, detect_impacts

TIMES = [1.24, 1.28, 1.32, 1.36, 1.4, 1.44, 1.48, 1.52, 1.56, 1.6, 1.64, 1.68]
FEATS = [
    (207.09, 121.42, 184.94, 229.52, 114.93, 126.82),
    (207.37, 121.58, 184.94, 229.52, 114.93, 126.82),
    (207.16, 120.90, 184.94, 229.52, 114.93, 126.82),
    (206.91, 120.53, 185.93, 229.52, 114.94, 125.83),
    (206.73, 120.62, 184.94, 228.53, 114.94, 125.83),
    (208.13, 121.48, 185.74, 225.39, 115.31, 126.21),
    (203.77, 120.06, 186.10, 218.81, 115.00, 125.90),
    (199.48, 120.05, 186.51, 211.23, 115.60, 125.49),
    (194.05, 120.59, 183.54, 204.31, 115.61, 125.50),
    (188.61, 120.26, 174.64, 204.31, 114.64, 125.51),
    (184.63, 120.67, 167.55, 205.98, 114.70, 125.54),
    (182.48, 121.06, 166.07, 205.41, 115.51, 125.34),
]
AREAS = [222.0, 231.0, 202.0, 187.0, 194.0, 214.0, 224.0, 212.0, 213.0, 280.0, 282.0, 248.0]


def test_a_sideways_turn_only_the_centroid_shows_is_no_contact() -> None:
    found = detect_impacts(np.array(TIMES), np.array(FEATS), np.array(AREAS), 25.0, 320.0, ImpactParams())
    assert not [c for c in found if c.reversal and abs(c.time - 1.447) < 0.1], found


def test_a_sideways_bounce_at_the_leading_edge_is_still_one() -> None:
    # a ball 10 px wide flying left at 4 px a frame, bouncing off a wall at frame 6.5
    tf = np.arange(14, dtype=float)
    left = np.where(tf < 6.5, 100.0 - 4.0 * tf, 74.0 + 2.4 * (tf - 6.5))
    feats = np.stack([left + 5, np.full(14, 60.0), left, left + 10, np.full(14, 55.0),
                      np.full(14, 65.0)], axis=1)
    found = detect_impacts(tf / 25.0, feats, np.full(14, 80.0), 25.0, 320.0, ImpactParams())
    assert len(found) == 1 and found[0].reversal and found[0].feature in (CX, LEFT), found
    assert abs(found[0].time - 6.5 / 25.0) < 0.01, found
