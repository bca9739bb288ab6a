"""The evented, validating project model."""
from __future__ import annotations

import math

import pytest

from stemline.core.project import FoleyEvent, Project, Track


def test_setters_validate_before_anyone_listens() -> None:
    track = Track(name="Voice", kind="voice")
    seen: list[tuple[str, object]] = []
    track.changed.connect(lambda name, value: seen.append((name, value)))
    for bad in (math.nan, math.inf, 13.0, -61.0):
        with pytest.raises(ValueError):
            track.gain_db = bad
    with pytest.raises(TypeError):
        track.gain_db = True  # type: ignore[assignment]
    with pytest.raises(TypeError):
        track.mute = 1  # type: ignore[assignment]
    assert seen == [] and track.gain_db == 0.0


def test_events_only_on_real_change() -> None:
    track = Track()
    seen: list[tuple[str, object]] = []
    track.changed.connect(lambda name, value: seen.append((name, value)))
    track.gain_db = -3
    track.gain_db = -3.0
    track.pan = 0.0  # default value: no change
    track.solo = True
    assert seen == [("gain_db", -3.0), ("solo", True)]
    assert isinstance(track.gain_db, float)


def test_project_has_four_tracks_and_events() -> None:
    project = Project(duration=10.0)
    assert [t.kind for t in project.tracks] == ["original", "voice", "background", "foley"]
    assert project.track("foley").auto_pan is True
    log: list[str] = []
    project.events_changed.connect(lambda kind, ev: log.append(f"{kind}:{ev.label}"))
    event = FoleyEvent(start=1.0, label="door")
    project.insert_event(event)
    with pytest.raises(ValueError):
        project.insert_event(event)
    assert project.event(event.id) is event and event.end == pytest.approx(1.25)
    assert project.remove_event(event) == 0
    assert log == ["added:door", "removed:door"]


def test_unknown_field_is_an_error() -> None:
    with pytest.raises(TypeError):
        Track(volume=3)
