"""Fuzzing the project loader (issue 10): whatever a ``.stemline`` file holds, opening it gives a
project or one ProjectFileError line that names the file; never another exception, never an
object with anything but its declared fields."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stemline.core.events import Signal
from stemline.core.project import FoleyEvent, Project
from stemline.core.serialization import ProjectFileError, load_project, project_to_dict

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=12)
#: Names a damaged or hostile file might use: real fields, Python internals, model attributes.
KEYS = st.sampled_from(["kind", "name", "gain_db", "mute", "start", "sound", "changed",
                        "__class__", "__dict__", "_fields", "to_dict", "id", "media_path",
                        "version", "format", "tracks", "events", "project", ""]) | st.text(max_size=8)
FUZZ = settings(max_examples=250, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _valid_doc(base: Path) -> dict[str, Any]:
    project = Project(media_path=str(base / "clip.mp4"))
    project.insert_event(FoleyEvent(start=1.0, label="thud", sound="thud.wav"))
    return project_to_dict(project, base)


def _open(path: Path) -> Project | None:
    """Open ``path``; a refusal must be one ProjectFileError line naming the file."""
    try:
        project = load_project(path)
    except ProjectFileError as exc:
        message = str(exc)
        assert "\n" not in message and str(path) in message, message
        return None
    # What loaded is a well-formed project: every track and event has only its fields.
    for model in [*project.tracks, *project.events]:
        assert set(vars(model)) <= {"changed", *model._fields}, vars(model)
        assert isinstance(model.changed, Signal), model
    assert [t.kind for t in project.tracks] == [t.kind for t in Project().tracks]
    json.dumps(project_to_dict(project, path.parent))  # and it saves again
    return project


def _mutate(doc: Any, data: st.DataObject, depth: int = 0) -> Any:
    """Replace, drop or add one value somewhere in ``doc``."""
    if isinstance(doc, dict) and doc and depth < 4 and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(doc)))
        doc[key] = _mutate(doc[key], data, depth + 1)
        return doc
    if isinstance(doc, list) and doc and depth < 4 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(doc) - 1))
        doc[i] = _mutate(doc[i], data, depth + 1)
        return doc
    action = data.draw(st.sampled_from(["replace", "add", "drop"]))
    if action == "add" and isinstance(doc, dict):
        doc[data.draw(KEYS)] = data.draw(JSON)
        return doc
    if action == "drop" and isinstance(doc, dict) and doc:
        doc.pop(data.draw(st.sampled_from(sorted(doc))))
        return doc
    return data.draw(JSON)


@FUZZ
@given(data=st.data())
def test_damaged_project_files_open_or_are_refused_in_one_line(tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("fuzz")
    doc = _valid_doc(base)
    for _ in range(data.draw(st.integers(1, 3))):
        doc = _mutate(doc, data)
    path = base / "damaged.stemline"
    path.write_text(json.dumps(doc, allow_nan=True), encoding="utf-8")
    _open(path)


@FUZZ
@given(raw=st.binary(max_size=300) | JSON.map(lambda v: json.dumps(v).encode())
       | st.integers(1, 200_000).map(lambda n: b"[" * n))
def test_any_bytes_open_or_are_refused_in_one_line(tmp_path_factory, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "any.stemline"
    path.write_bytes(raw)
    _open(path)


def test_a_file_cannot_set_anything_but_fields(tmp_path: Path) -> None:
    # Found by the fuzzer: a track entry could overwrite the track's ``changed`` signal (and any
    # other attribute) with a value from the file; the editor then failed on the first edit.
    doc = _valid_doc(tmp_path)
    doc["tracks"][1]["changed"] = 5
    path = tmp_path / "hostile.stemline"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        load_project(path)
    except ProjectFileError as exc:
        assert "changed" in str(exc) and str(path) in str(exc)
    else:
        raise AssertionError("a non-field key was accepted")
