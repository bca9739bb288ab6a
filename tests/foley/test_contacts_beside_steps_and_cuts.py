"""Contacts the spotter used to drop after finding them, replayed from the regions the segmenter
found in rendered scenes of ``benchmarks/scenes3d`` (``record_blobs.py``, see replay.py), with
the scenes' exact contact times (issue 7)."""
from __future__ import annotations

from tests.foley.replay import DATA, replay
from tests.foley.scenes import match_times


def _scored(truth: list[float], found: list[float]) -> tuple[set[float], int]:
    pairs = match_times(truth, found, tol=0.05)
    return {truth[i] for i, _ in pairs}, len(found) - len(pairs)


def test_a_dropped_balls_first_bounce_beside_a_step_is_heard_as_well() -> None:
    """blind3_walk_stone_dolly_out, 30 fps, 0.3-3.0 s: a walker on stone; a ball dropped from
    rest bounces at 2.282 s, 60 ms after a heel strike and a few centimetres from it. Its fall
    and its rise are two tracks (the blob was lost at the contact), and the bounce across the
    two was taken for a double of the step: only a track that had bounced before counted as a
    ball's."""
    truth = [0.662, 1.182, 1.702, 2.222, 2.282, 2.742, 2.861]
    matched, false = _scored(truth, replay(DATA / "first_bounce_by_a_step_blobs.json"))
    assert matched == set(truth) and false == 0


def test_a_step_just_before_a_cut_is_kept() -> None:
    """blind28_tile_walk_ball_cut, 30 fps, 0.3-2.7 s: the walk's heel strike at 2.592 s falls
    8 ms before the cut at 2.6 s. Contacts that close to a cut are dropped as artefacts of the
    picture change, but this one is placed by the walk's rhythm. (The ball's bounces at 2.121
    and 2.33 s happen inside the walker's region and stay lost.)"""
    truth = [0.6, 1.1, 1.239, 1.6, 1.783, 2.1, 2.121, 2.33, 2.6]
    matched, false = _scored(truth, replay(DATA / "step_before_a_cut_blobs.json"))
    assert 2.6 in matched and 2.1 in matched
    assert matched == set(truth) - {2.121, 2.33} and false == 0


def test_a_bounce_whose_fall_went_on_into_its_mirror_image_is_found() -> None:
    """blind8_metal_balls_cut, 24 fps, 1.0-2.1 s: a ball on polished metal. At its bounce at
    1.505 s the ball's blob merges with its mirror image, and the track goes on down the picture
    with the image while the rising ball starts a track of its own a frame before the first one
    ends: no gap between the two for a bridge, until the fall is cut where the rise began."""
    truth = [1.505, 1.705, 1.956]
    matched, false = _scored(truth, replay(DATA / "mirror_overlap_blobs.json"))
    assert matched == set(truth) and false == 0


def test_a_ball_bouncing_inside_the_walkers_region_is_heard_beside_the_step() -> None:
    """blind23_carpet_walk_ball_dolly_in, 25 fps, 0.3-3.4 s: a ball bounces just behind a
    walker's feet, 67 ms after a heel strike at 2.1 s, and its blob is one region with the
    feet: the rebound at 2.167 s is the walking track's. A heel strike stops a foot and never
    throws it back up, so a strong rebound beside a step is the ball, heard as well."""
    truth = [0.6, 1.1, 1.6, 1.659, 2.1, 2.167, 2.462, 2.6, 3.1]
    matched, false = _scored(truth, replay(DATA / "ball_in_the_walkers_region_blobs.json"))
    assert 2.167 in matched
    # (its first step comes too soon after the recording starts for the walk to show it, and
    # the low bounce at 2.462 s shows in the joined region as no rebound at all)
    assert matched == set(truth) - {0.6, 2.462} and false == 0
