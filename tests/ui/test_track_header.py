"""Track header controls edit the track through the history; a slider drag is one undo step."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from stemline.core.history import History
from stemline.core.project import Project
from stemline.ui.app import make_app
from stemline.ui.track_header import TrackHeader


@pytest.fixture
def header(qtbot):  # type: ignore[no-untyped-def]
    make_app()
    project, history = Project(), History()
    w = TrackHeader(project.track("background"), history)
    qtbot.addWidget(w)
    w.show()
    yield project.track("background"), history, w
    w.disconnect_model()


def test_slider_drag_is_one_undo_step(header) -> None:  # type: ignore[no-untyped-def]
    track, history, w = header
    w.gain.setSliderDown(True)  # what a mouse press on the handle does
    for v in (-10, -35, -62, -120):
        w.gain.setValue(v)
    w.gain.setSliderDown(False)
    w.gain.sliderReleased.emit()
    assert track.gain_db == -12.0
    assert w.gain_label.text() == "-12.0 dB"
    w.gain.setValue(-20)  # keyboard step after the drag: its own step
    assert history.undo() and track.gain_db == -12.0
    assert history.undo() and track.gain_db == 0.0 and w.gain.value() == 0
    assert not history.can_undo


def test_buttons_and_background_controls(header, qtbot) -> None:  # type: ignore[no-untyped-def]
    track, history, w = header
    qtbot.mouseClick(w.mute, Qt.MouseButton.LeftButton)
    assert track.mute is True
    assert w.suppression is not None and w.ducking is not None and w.auto_pan is None
    w.ducking.setValue(60)
    assert track.ducking == pytest.approx(0.6)
    w.pan.setValue(-50)
    assert track.pan == pytest.approx(-0.5)
    history.undo()
    history.undo()
    history.undo()
    assert (track.mute, track.ducking, track.pan) == (False, 0.0, 0.0)
    assert not w.mute.isChecked() and w.ducking.value() == 0


def test_model_changes_reach_widgets_without_echo(header) -> None:  # type: ignore[no-untyped-def]
    track, history, w = header
    history.set(track, "solo", True)
    history.set(track, "width", 0.25)
    assert w.solo.isChecked() and w.width_slider.value() == 25
    assert history.undo_text == "Change width"  # the widget update pushed nothing itself
    history.undo()
    history.undo()
    assert not history.can_undo


def test_voice_and_foley_specific_controls(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_app()
    project, history = Project(), History()
    voice = TrackHeader(project.track("voice"), history)
    foley = TrackHeader(project.track("foley"), history)
    qtbot.addWidget(voice)
    qtbot.addWidget(foley)
    assert voice.suppression is not None and voice.ducking is None
    assert foley.auto_pan is not None and foley.auto_pan.isChecked()
    foley.auto_pan.setChecked(False)
    assert project.track("foley").auto_pan is False
    voice.disconnect_model()
    foley.disconnect_model()


def test_rebinding_to_a_new_project_edits_only_the_new_track(header) -> None:  # type: ignore[no-untyped-def]
    # Opening another file keeps the headers and binds them to the new project's tracks: every
    # control must then follow and edit the new track alone (a widget still wired to the old
    # track would edit a project that is no longer on screen).
    old, history, w = header
    w.gain.setValue(-60)
    w.spectrum.setChecked(True)
    new = Project().track("background")
    new.ducking = 0.25
    w.bind(new)
    assert w.track is new and w.gain.value() == 0 and w.ducking is not None
    assert w.ducking.value() == 25 and not w.spectrum.isChecked()
    w.gain.setValue(-30)
    w.mute.click()
    w.ducking.setValue(70)
    assert (new.gain_db, new.mute, new.ducking) == (-3.0, True, 0.7)
    assert (old.gain_db, old.mute, old.ducking) == (-6.0, False, 0.0)
    old.gain_db = -40.0  # the old track no longer drives the widgets
    assert w.gain.value() == -30
    with pytest.raises(AssertionError):
        w.bind(Project().track("voice"))  # a header shows one kind of track


def test_the_ambience_level_is_offered_once_the_background_is_split(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_app()
    p, history = Project(), History()
    bg = p.track("background")
    header = TrackHeader(bg, history)
    qtbot.addWidget(header)
    assert header.ambience is not None and not header.ambience.isEnabled()
    assert "once the background has been split" in header.ambience.toolTip()
    bg.ambience_source = "/stems/ambience.wav"  # the split's result arrives
    assert header.ambience.isEnabled() and "Music suppression" in header.ambience.toolTip()
    header.ambience.setValue(-65)  # an undoable edit, in tenths of a dB
    assert bg.ambience_db == -6.5
    history.undo()
    assert bg.ambience_db == 0.0 and header.ambience.value() == 0
    # the other tracks have no ambience control
    for kind in ("voice", "foley", "original"):
        other = TrackHeader(p.track(kind), history)
        qtbot.addWidget(other)
        assert other.ambience is None
    # a new project's background: the header follows its split, not the old one's
    fresh = Project().track("background")
    header.bind(fresh)
    assert not header.ambience.isEnabled()
    bg.ambience_source = None
    fresh.ambience_source = "/other/ambience.wav"
    assert header.ambience.isEnabled()
