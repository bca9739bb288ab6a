"""Nothing doubled: a spotted hit that the clip's own audio already has (a transient within
±30 ms at about the Foley sound's level) is marked and placed quieter, skipped, or added anyway;
a hit the soundtrack doesn't have, or has only faintly, gets its sound as before."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stemline.engine.foley.audible import Heard, heard_at, heard_in_stream
from stemline.jobs.foley import QUIETER_DB, FoleyOptions, events_document, plan_foley
from tests.foley.doubled import RATE, knock, soundtrack
from tests.foley.scenes import Ball, Scene, match_times, render


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[Path, list[float], list[float], list[float]]:
    """Two balls (contacts 0.38 s apart or more); the soundtrack has loud knocks on every other
    contact and faint ones on the rest."""
    scene = Scene(6.0, balls=[Ball(0.2, 0.2, 0.7, 0.5), Ball(0.75, 2.6, 0.6, 0.5)], seed=11)
    truth = [t for t, _ in scene.truth()]
    loud = truth[0::2]            # already in the soundtrack, at Foley's level
    faint = truth[1::2]           # in the soundtrack 35 dB under it: Foley still adds the hit
    hits = [(t, -9.0) for t in loud] + [(t, -45.0) for t in faint]
    path = tmp_path_factory.mktemp("doubled") / "room.mp4"
    render(path, scene, audio=soundtrack(scene.seconds, hits, seed=2), sample_rate=RATE)
    return path, truth, loud, faint


def test_detector_on_known_audio():
    rng = np.random.default_rng(0)
    track = soundtrack(3.0, [(1.0, -10.0), (2.0, -50.0), (2.6, -12.0)], seed=1)[:, 0]
    assert heard_at(track, RATE, 0.0, 1.0).audible_against(-8.0)
    assert heard_at(track, RATE, 0.0, 1.02).transient          # within the ±30 ms window
    assert not heard_at(track, RATE, 0.0, 1.08).transient       # outside it
    assert not heard_at(track, RATE, 0.0, 2.0).audible_against(-8.0)   # far too quiet
    assert not heard_at(track, RATE, 0.0, 1.5).transient        # room tone and the chord only
    # A hit much quieter than the Foley would be still counts as "not already audible".
    assert not Heard(True, -30.0).audible_against(-8.0)
    # Streaming in odd blocks gives the same answers as the whole array, events far apart
    # (the next one's window beyond what is read) and out of order included.
    times = [2.6, 2.0, 1.0, 1.5]
    blocks = [track[i:i + 7777, None] for i in range(0, len(track), 7777)]
    streamed = heard_in_stream(blocks, RATE, times)
    whole = [heard_at(track, RATE, 0.0, t) for t in times]
    assert [h.transient for h in whole] == [True, False, True, False]
    assert streamed == whole
    assert knock(rng, -6.0).max() <= 10 ** (-6 / 20) + 1e-6


@pytest.mark.parametrize("policy", ["quieter", "skip", "add"])
def test_policy_on_a_clip_that_already_has_some_hits(clip, policy):
    path, truth, loud, faint = clip
    plain = plan_foley(path, FoleyOptions(doubled="add"))
    plan = plan_foley(path, FoleyOptions(doubled=policy))
    placed = plan.placements + plan.skipped
    times = [p.event.time for p in placed]
    marked = [t for p, t in zip(placed, times) if p.audible]
    # Every spotted loud hit is marked, and nothing else is.
    loud_found = [loud[i] for i, _ in match_times(loud, times)]
    assert loud_found and len(loud_found) >= len(loud) - 1
    assert len(match_times(loud_found, marked)) == len(loud_found) == len(marked)
    assert not match_times(faint, marked)
    gains = {round(p.event.time, 3): p.gain_db for p in plain.placements}
    if policy == "skip":
        assert all(p.audible for p in plan.skipped) and len(plan.skipped) == len(marked)
        assert not any(p.audible for p in plan.placements)
    else:
        assert not plan.skipped
        for p in plan.placements:
            drop = QUIETER_DB if (p.audible and policy == "quieter") else 0.0
            assert p.gain_db == pytest.approx(gains[round(p.event.time, 3)] - drop)
    doc = json.loads(json.dumps(events_document(plan, FoleyOptions(doubled=policy))))
    assert doc["doubled"] == policy
    assert sum(e["already_audible"] for e in doc["events"] + doc["skipped_audible"]) == len(marked)
    # The project's events carry the mark (the editor draws them dashed).
    assert sum(p.to_event().audible for p in placed) == len(marked)


def test_no_audio_track_changes_nothing(contact_clip):
    path, _truth = contact_clip           # a steady tone: no transients at all
    plan = plan_foley(path)
    assert plan.placements and not any(p.audible for p in plan.placements)
