"""The contact detector replayed on trajectories recorded from the rendered 3-D corpus.

`data/tracks3d.npz` holds every call the spotter made to ``detect_impacts`` on the 24 rendered
scenes of `benchmarks/scenes3d/` (textures, blur, grain, pans, dollies, shake, cuts, lamps) and
the shared bench's four flat clips, each analysed at two precisions (pictures 400 and 256 wide),
with the contacts each call returned and the scenes' exact contact times.

- Against the truth: on every scene, the detector still finds each true contact it found when
  recorded (within 50 ms, and no later than then), places nothing more where nothing hit. A
  change that costs a contact, adds a false one or drifts the timing fails here, whatever the
  synthetic tests say.
- Against the record: every call returns exactly the contacts (time, place, velocity change,
  kind, score, area, settling time) it returned. The detector is tuned on this corpus; a
  threshold or formula that changes silently changes what users hear.

Both are meant to fail on a deliberate change too: then measure it on the corpus
(`benchmarks/scenes3d/eval.py`) and re-record (`benchmarks/scenes3d/record_tracks.py`).
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

DATA = Path(__file__).parent / "data" / "tracks3d.npz"
# The recorder's own reading of its file (one description of the format): replay and contacts.
_SPEC = importlib.util.spec_from_file_location(
    "record_tracks", Path(__file__).parents[2] / "benchmarks" / "scenes3d" / "record_tracks.py")
record_tracks = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(record_tracks)  # type: ignore[union-attr]
replay, FIELDS = record_tracks.replay, record_tracks.FIELDS
TOL = 0.05
RERECORD = ("if the change is deliberate, measure it with benchmarks/scenes3d/eval.py, then re-record "
            "with benchmarks/scenes3d/record_tracks.py (--replay where only detect_impacts changed)")


@pytest.fixture(scope="module")
def data() -> dict[str, np.ndarray]:
    with np.load(DATA) as z:
        return {k: z[k] for k in z.files}


def against_truth(truth: np.ndarray, found: np.ndarray) -> tuple[dict[int, float], int]:
    """Per true contact, the error of the nearest detection within TOL; and the detections
    with no true contact within TOL."""
    errors = {}
    for i, t in enumerate(truth):
        d = np.abs(found - t)
        if len(d) and d.min() <= TOL:
            errors[i] = float(d.min())
    extra = int(sum(np.abs(truth - f).min() > TOL for f in found)) if len(truth) else len(found)
    return errors, extra


def test_recorded_material_covers_the_corpus(data) -> None:  # type: ignore[no-untyped-def]
    assert len(data["names"]) == 56 and len(data["calls"]) > 2000
    assert len(data["out"]) > 200 and len(data["truth"]) > 400


def test_true_contacts_found_then_are_still_found_no_later_and_nothing_added(data) -> None:  # type: ignore[no-untyped-def]
    # replayed in the test itself, not a fixture: mutmut maps functions to the tests whose own
    # bodies call them
    replayed = replay(data)
    scene_of_call = data["calls"][:, 0].astype(int)
    rec_scene = scene_of_call[data["out"][:, 0].astype(int)]
    now_times = [(scene_of_call[c], imp.time) for c, imps in enumerate(replayed) for imp in imps]
    problems = []
    for s, name in enumerate(data["names"]):
        truth = data["truth"][data["truth"][:, 0] == s, 1]
        then_err, then_extra = against_truth(truth, data["out"][rec_scene == s, 1])
        now_err, now_extra = against_truth(truth, np.array([t for k, t in now_times if k == s]))
        lost = sorted(set(then_err) - set(now_err))
        later = [i for i in then_err if i in now_err and now_err[i] > then_err[i] + 0.5e-3]
        if lost or later or now_extra > then_extra:
            problems.append(f"{name}: lost {[round(float(truth[i]), 3) for i in lost]}, "
                            f"later {[round(float(truth[i]), 3) for i in later]}, "
                            f"false {then_extra} -> {now_extra}")
    assert not problems, "; ".join(problems) + "; " + RERECORD


def test_every_call_returns_what_it_returned_when_recorded(data) -> None:  # type: ignore[no-untyped-def]
    replayed = replay(data)
    now = record_tracks.contacts(replayed)
    then = data["out"]
    assert now.shape == then.shape, f"{len(now)} contacts, {len(then)} when recorded; {RERECORD}"
    bad = ~np.isclose(now, then, rtol=1e-9, atol=1e-9).all(axis=1)
    assert not bad.any(), (f"{int(bad.sum())} contacts differ, first: call {int(then[bad][0, 0])} "
                           f"{dict(zip(FIELDS, then[bad][0, 1:]))} -> {dict(zip(FIELDS, now[bad][0, 1:]))}; "
                           f"{RERECORD}")
