"""The event inspector edits the selected event through the history."""
from __future__ import annotations

from pathlib import Path

import pytest

from stemline.core.history import AddEvent, History
from stemline.core.project import FoleyEvent, Project
from stemline.ui.app import make_app
from stemline.ui.inspector import EventInspector


def test_inspector_follows_and_edits_the_event(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_app()
    history, project = History(), Project()
    event = FoleyEvent(start=1.5, duration=0.3, label="step", sound="/lib/Gravel_01.wav")
    history.push(AddEvent(project, event))
    w = EventInspector(history)
    qtbot.addWidget(w)
    w.show()
    assert not w.form_box.isVisible()
    w.set_event(event)
    assert w.form_box.isVisible() and w.sound.text() == "Gravel_01.wav"
    assert w.start.value() == pytest.approx(1.5) and w.label.text() == "step"
    w.start.setValue(2.25)
    w.start.editingFinished.emit()
    assert event.start == pytest.approx(2.25)
    w.pan.setValue(-40)
    assert event.pan == pytest.approx(-0.4)
    w.label.setText("door")
    w.label.editingFinished.emit()
    assert event.label == "door" and history.undo_text == "Rename event"
    history.undo()
    history.undo()
    history.undo()
    assert (event.start, event.pan, event.label) == (1.5, 0.0, "step")
    assert w.start.value() == pytest.approx(1.5)
    auditions: list[FoleyEvent] = []
    w.audition_requested.connect(auditions.append)
    w.audition.click()
    assert auditions == [event]
    w.set_event(None)
    assert not w.form_box.isVisible()


def test_window_recovers_an_autosave_after_a_crash(window, qtbot, monkeypatch,  # type: ignore[no-untyped-def]
                                                   wav, tmp_path) -> None:
    import json

    from PySide6.QtWidgets import QMessageBox

    from stemline.core.autosave import Autosaver

    win = window
    saver = Autosaver(win.autosaver.directory)
    project, history = Project(media_path=str(wav), duration=3.0), History()
    history.set(project.track("voice"), "gain_db", -9.0)
    assert saver.maybe_save(project, history)
    note = json.loads(saver.note_file.read_text())
    note["pid"] = 2 ** 22 + 4321  # no such process: the editor that wrote it crashed
    saver.note_file.write_text(json.dumps(note))
    # The only stand-in: the modal question a user would answer.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    win.offer_recovery()
    assert win.project.track("voice").gain_db == -9.0
    assert not win.history.is_clean  # recovered work still needs saving
    assert not saver.project_file.exists()
    # The autosave file was never "opened" as such: it isn't offered in File > Open recent.
    assert str(saver.project_file) not in win.settings.recent
    assert not any(Path(p).parent == saver.project_file.parent for p in win.settings.recent)
    qtbot.waitUntil(lambda: not win.pipeline.busy, timeout=60_000)


def test_correcting_surface_or_object_repicks_the_sound_in_one_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from stemline.core.history import AddEvent

    win = window
    event = FoleyEvent(start=1.0, duration=0.3, label="impact", sound="/lib/IMPACT_Wood_Knock_01.flac",
                       surface="wood", object="ball")
    win.history.push(AddEvent(win.project, event))
    win.inspector.set_event(event)
    insp = win.inspector
    assert insp.surface.currentData() == "wood" and insp.object.currentData() == "ball"
    # the user says: that was a metal floor
    insp.surface.setCurrentIndex(insp.surface.findData("metal"))
    insp.surface.activated.emit(insp.surface.currentIndex())
    assert event.surface == "metal"
    assert "metal" in str(event.sound).lower(), event.sound
    assert win.history.undo_text == "Set surface to metal"
    win.history.undo()  # one step takes back both the correction and the new sound
    assert event.surface == "wood" and event.sound == "/lib/IMPACT_Wood_Knock_01.flac"
    assert insp.surface.currentData() == "wood"
    # and a foot on wood gets a footstep
    insp.object.setCurrentIndex(insp.object.findData("foot"))
    insp.object.activated.emit(insp.object.currentIndex())
    assert event.object == "foot" and "footsteps_wood" in str(event.sound).lower(), event.sound


@pytest.mark.parametrize(("box", "typed", "field", "expected"), [
    ("start", "0.950", "start", 0.95), ("duration", "1.2", "duration", 1.2),
    ("duration", "0.25", "duration", 0.25)])
def test_typed_values_apply_on_enter_not_per_keystroke(qtbot, box, typed, field,  # type: ignore[no-untyped-def]
                                                       expected) -> None:
    from PySide6.QtCore import Qt

    make_app()
    history, project = History(), Project()
    event = FoleyEvent(start=1.5, duration=0.3, label="step")
    history.push(AddEvent(project, event))
    w = EventInspector(history)
    qtbot.addWidget(w)
    w.show()
    w.set_event(event)
    spin = getattr(w, box)
    spin.setFocus()
    spin.lineEdit().selectAll()
    before = getattr(event, field)
    qtbot.keyClicks(spin.lineEdit(), typed)
    assert getattr(event, field) == before                 # nothing applied while typing
    assert spin.lineEdit().text().startswith(typed)        # and the field isn't rewritten
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert getattr(event, field) == pytest.approx(expected)
    history.undo()
    assert getattr(event, field) == before                 # one undo step
