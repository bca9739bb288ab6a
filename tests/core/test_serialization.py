"""Versioned project files with relative media paths."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from stemline.core.autosave import Autosaver, find_recoverable
from stemline.core.history import History
from stemline.core.project import FoleyEvent, Project
from stemline.core.serialization import (VERSION, ProjectFileError, load_project, migrate,
                                         save_project)


def _project(root: Path) -> Project:
    media = root / "media" / "clip.mp4"
    project = Project(media_path=str(media), duration=12.5, sample_rate=44100)
    project.track("voice").gain_db = -3.0
    project.track("background").ducking = 0.4
    project.track("foley").source = str(root / "media" / "foley.wav")
    project.insert_event(FoleyEvent(start=1.5, label="step", sound=str(root / "lib" / "s.wav")))
    return project


def test_round_trip_with_relative_paths(tmp_path: Path) -> None:
    project = _project(tmp_path)
    path = save_project(project, tmp_path / "proj" / "edit")
    assert path.name == "edit.stemline"
    doc = json.loads(path.read_text())
    assert doc["version"] == VERSION
    assert doc["project"]["media_path"] == "../media/clip.mp4"
    again = load_project(path)
    assert again.media_path == str(tmp_path / "media" / "clip.mp4")
    assert again.track("voice").gain_db == -3.0 and again.track("background").ducking == 0.4
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in project.events]


def test_moving_the_folder_keeps_media(tmp_path: Path) -> None:
    (tmp_path / "a" / "proj").mkdir(parents=True)
    project = _project(tmp_path / "a")
    save_project(project, tmp_path / "a" / "proj" / "x.stemline")
    (tmp_path / "a").rename(tmp_path / "b")
    again = load_project(tmp_path / "b" / "proj" / "x.stemline")
    assert again.media_path == str(tmp_path / "b" / "media" / "clip.mp4")


def test_migrations_run_in_order() -> None:
    doc = {"format": "stemline-project", "version": VERSION - 1, "old": True}
    out = migrate(doc, {VERSION - 1: lambda d: {**d, "migrated": True}})
    assert out["migrated"] and out["version"] == VERSION


def test_newer_or_damaged_files_are_refused(tmp_path: Path) -> None:
    newer = tmp_path / "n.stemline"
    newer.write_text(json.dumps({"format": "stemline-project", "version": VERSION + 1}))
    with pytest.raises(ProjectFileError, match="update"):
        load_project(newer)
    bad = tmp_path / "b.stemline"
    bad.write_text("{nope")
    with pytest.raises(ProjectFileError, match="bad JSON"):
        load_project(bad)
    doc = json.loads(json.dumps({"format": "stemline-project", "version": VERSION,
                                 "project": {"duration": -1}, "tracks": [], "events": []}))
    bad.write_text(json.dumps(doc))
    with pytest.raises(ProjectFileError, match="damaged"):
        load_project(bad)


def test_autosave_and_recovery(tmp_path: Path) -> None:
    project, history = _project(tmp_path), History()
    saver = Autosaver(tmp_path / "auto")
    assert not saver.maybe_save(project, history)  # clean: nothing to save
    history.set(project.track("voice"), "mute", True)
    assert saver.maybe_save(project, history)
    assert not saver.maybe_save(project, history)  # unchanged since
    assert find_recoverable(tmp_path / "auto") == []  # we are alive
    note = json.loads(saver.note_file.read_text())
    note["pid"] = 2 ** 22 + 12345  # a pid that does not exist: as if we crashed
    saver.note_file.write_text(json.dumps(note))
    [found] = find_recoverable(tmp_path / "auto")
    assert found.load().track("voice").mute is True
    found.discard()
    assert find_recoverable(tmp_path / "auto") == []


def test_event_distance_cue_round_trips_and_older_files_still_open(tmp_path: Path) -> None:
    project = _project(tmp_path)
    project.insert_event(FoleyEvent(start=2.0, label="impact", lowpass_hz=5400.0))
    path = save_project(project, tmp_path / "cue")
    again = load_project(path)
    assert sorted(e.lowpass_hz or 0.0 for e in again.events) == [0.0, 5400.0]
    # A file written before events had a distance cue: the field is simply absent.
    doc = json.loads(path.read_text())
    for item in doc["events"]:
        item.pop("lowpass_hz", None)
    path.write_text(json.dumps(doc))
    assert [e.lowpass_hz for e in load_project(path).events] == [None, None]
    with pytest.raises(ValueError):
        FoleyEvent(lowpass_hz=float("nan"))
