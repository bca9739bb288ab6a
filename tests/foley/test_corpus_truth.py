"""The rendered corpus's truth (benchmarks/scenes3d): which contacts the picture can show.

A contact after the clip's last picture is shown by none (the last one has the object still
coming), so it is no contact the spotter can be asked to find, and an event placed there is
not false either; one between the last picture and the clip's end used to count as missed."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).parents[2] / "benchmarks" / "scenes3d"


def _module(name: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(HERE))
    try:
        spec = importlib.util.spec_from_file_location(f"scenes3d_{name}", HERE / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        return mod
    finally:
        sys.path.remove(str(HERE))


def _truth(tmp_path: Path, times: list[float]) -> dict:
    """truth.json of a 2 s, 25 fps scene (last picture at 1.96 s) with contacts at ``times``."""
    spec = {"name": "t", "fps": 25, "seconds": 2.0, "width": 64, "height": 36, "room": {"floor": "wood"},
            "objects": []}
    contacts = [{"t": t, "sx": 0.5, "sy": 0.7, "depth": 2.0, "surface": "wood", "obj": "ball",
                 "kind": "impact", "speed": 3.0, "seen": 1.0} for t in times]
    (tmp_path / "projection.json").write_text(json.dumps({"contacts": contacts, "tracks": {}}))
    return _module("make_corpus").truth_doc(spec, tmp_path)


def test_a_contact_after_the_last_picture_is_hidden(tmp_path: Path) -> None:
    doc = _truth(tmp_path, [1.95, 1.96, 1.97, 2.0])
    assert [e["t"] for e in doc["events"]] == [1.95, 1.96]
    assert [(h["t"], h["why"]) for h in doc["hidden"]] == [(1.97, "after the last frame"), (2.0, "after the end")]


def test_an_event_on_a_contact_after_the_last_picture_is_neither_matched_nor_false(tmp_path: Path) -> None:
    doc = _truth(tmp_path, [1.0, 1.98])
    score = _module("eval").score_scene
    events = [{"time": 1.0, "x": 0.0, "y": 0.4}, {"time": 1.985, "x": 0.0, "y": 0.4}]
    row = score(doc, events, 0.05)
    assert (row["truth"], row["matched"], row["false"], row["missed"], row["on_hidden"]) == (1, 1, 0, 0, 1)
    # a contact after the clip's end is no excuse: an event there is false
    doc = _truth(tmp_path, [1.0, 2.01])
    row = score(doc, [{"time": 1.0, "x": 0.0, "y": 0.4}, {"time": 2.0, "x": 0.0, "y": 0.4}], 0.05)
    assert (row["matched"], row["false"]) == (1, 1)


def test_recall_is_told_apart_for_contacts_close_to_another_moving_thing(tmp_path: Path) -> None:
    doc = _truth(tmp_path, [0.4, 1.0])  # both at (0, 0.4)
    # at 0.4 s another ball is 0.1 away (crowded); at 1.0 s it is 0.5 away
    doc["tracks"] = {"ball0": [[0.0, 0.35, 2.0]] * 50,
                     "ball1": [[0.1, 0.4, 2.0]] * 20 + [[0.5, 0.4, 2.0]] * 30}
    ev = _module("eval")
    assert [ev.crowded(doc, e) for e in doc["events"]] == [True, False]
    row = ev.score_scene(doc, [{"time": 1.0, "x": 0.0, "y": 0.4}], 0.05)
    assert (row["crowded"], row["crowded_matched"]) == (1, 0)
    tot = ev.totals({"t": row})
    assert (tot["recall_apart"], tot["apart"], tot["recall_crowded"], tot["crowded"]) == (1.0, 1, 0.0, 1)
    # an object out of sight (depth 0) is not close to anything
    doc["tracks"]["ball1"] = [[0.1, 0.4, 0.0]] * 50
    assert not ev.crowded(doc, doc["events"][0])
