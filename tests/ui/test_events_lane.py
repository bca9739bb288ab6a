"""The Foley events lane: markers follow the model; edits are undoable history steps."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from stemline.core.history import AddEvent
from stemline.core.project import FoleyEvent
from tests.ui.conftest import events_lane


@pytest.fixture
def lane(qtbot):  # type: ignore[no-untyped-def]
    tl, history, project, w, _ruler = events_lane(qtbot, 10.0)
    QApplication.processEvents()
    yield tl, history, project, w
    w.close_lane()


def test_markers_follow_history(lane) -> None:  # type: ignore[no-untyped-def]
    _tl, history, project, w = lane
    event = FoleyEvent(start=2.0, duration=0.5, label="door", sound="/lib/Door_Slam.wav")
    history.push(AddEvent(project, event))
    marker = w.markers[event.id]
    assert marker.getRegion() == pytest.approx((2.0, 2.5))
    assert marker.toolTip().startswith("door \u00b7 Door_Slam")
    history.set(event, "start", 4.0)
    assert marker.getRegion() == pytest.approx((4.0, 4.5))
    history.undo()
    history.undo()
    assert w.markers == {}


def test_add_select_delete_undo(lane) -> None:  # type: ignore[no-untyped-def]
    tl, history, project, w = lane
    tl.set_playhead(3.0)
    event = w.add_event_at(3.0)
    assert event is not None and w.selected == event.id
    assert w.delete_selected() and project.events == ()
    assert w.selected is None
    history.undo()
    assert project.events == (event,)
    history.undo()
    assert project.events == ()


def test_drag_commit_is_one_step(lane) -> None:  # type: ignore[no-untyped-def]
    _tl, history, project, w = lane
    event = FoleyEvent(start=1.0, duration=0.25)
    history.push(AddEvent(project, event))
    history.seal()
    marker = w.markers[event.id]
    marker.setRegion((6.0, 6.75))  # what dragging the body and one edge ends with
    marker.sigRegionChangeFinished.emit(marker)
    assert (event.start, event.duration) == pytest.approx((6.0, 0.75))
    assert history.undo_text == "Move event"
    history.undo()
    assert (event.start, event.duration) == pytest.approx((1.0, 0.25))
    assert marker.getRegion() == pytest.approx((1.0, 1.25))


def test_click_selects_and_double_click_adds(lane, qtbot) -> None:  # type: ignore[no-untyped-def]
    _tl, history, project, w = lane
    event = FoleyEvent(start=5.0, duration=1.0)
    history.push(AddEvent(project, event))
    # markers are made on the next event-loop turns, as the user sees them appear
    qtbot.waitUntil(lambda: event.id in w._markers and not w._pending, timeout=2000)
    rect = w.box.sceneBoundingRect()
    y = int(rect.center().y())
    auditions: list[FoleyEvent] = []
    w.audition_requested.connect(auditions.append)
    x_event = int(rect.left() + rect.width() * 0.55)
    qtbot.mouseClick(w.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x_event, y))
    assert w.selected == event.id
    qtbot.mouseDClick(w.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x_event, y))
    assert auditions == [event]
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a new gesture, not a triple click
    x_empty = int(rect.left() + rect.width() * 0.2)
    qtbot.mouseDClick(w.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x_empty, y))
    assert len(project.events) == 2
    added = project.events[1]
    assert added.start == pytest.approx(2.0, abs=0.1) and w.selected == added.id


def test_reassign_sound_is_undoable(lane) -> None:  # type: ignore[no-untyped-def]
    _tl, history, project, w = lane
    event = FoleyEvent(start=1.0, sound="/lib/a.wav", label="step")
    history.push(AddEvent(project, event))
    history.set(event, "sound", "/lib/Gravel_Step_02.flac", "Assign sound")
    assert "Gravel_Step_02" in w.markers[event.id].toolTip()
    history.undo()
    assert event.sound == "/lib/a.wav"


def test_hits_already_in_the_soundtrack_look_different(lane) -> None:  # type: ignore[no-untyped-def]
    _tl, history, project, w = lane
    own = FoleyEvent(start=1.0, duration=0.3, label="impact")
    heard = FoleyEvent(start=3.0, duration=0.3, label="impact", audible=True)
    history.push(AddEvent(project, own))
    history.push(AddEvent(project, heard))
    a, b = w.markers[own.id], w.markers[heard.id]
    assert a.lines[0].pen.style() == Qt.PenStyle.SolidLine
    assert b.lines[0].pen.style() == Qt.PenStyle.DashLine
    assert b.brush.color().alpha() < a.brush.color().alpha()
    assert "already in the soundtrack" in b.toolTip() and "already" not in a.toolTip()
