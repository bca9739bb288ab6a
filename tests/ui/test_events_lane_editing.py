"""Event blocks: overlapping events get rows of their own instead of hiding each other; a
narrow block's label runs on to the next event; dragging an unselected event selects it (so
the inspector shows what is dragged) and reads out its time while it moves."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from stemline.core.history import AddEvent, History
from stemline.core.project import FoleyEvent, Project
from stemline.ui.app import make_app
from stemline.ui.events_lane import EventsLane
from stemline.ui.timeline import TimelineView


@pytest.fixture
def lane(qtbot):  # type: ignore[no-untyped-def]
    make_app()
    timeline = TimelineView()
    history, project = History(), Project()
    w = EventsLane(timeline, history)
    qtbot.addWidget(w)
    w.resize(1000, 64)
    w.show()
    timeline.set_media(12.0, 48000)                   # the whole 12 s across the lane
    w.set_project(project)
    qtbot.wait(20)
    return w, history, project


def add(history, project, start, duration=0.4, label="impact"):  # type: ignore[no-untyped-def]
    event = FoleyEvent(start=start, duration=duration, label=label)
    history.push(AddEvent(project, event))
    return event


def test_overlapping_events_get_rows_and_labels_show(lane, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, history, project = lane
    a, b, c = add(history, project, 2.0), add(history, project, 2.2), add(history, project, 6.0)
    ma, mb, mc = (w.markers[e.id] for e in (a, b, c))
    assert ma.span != mb.span and max(ma.span[0], mb.span[0]) >= min(ma.span[1], mb.span[1])
    assert mc.span == ma.span                          # no overlap: back in the first row
    # at full zoom a 0.4 s block is ~33 px: its name runs on past it instead of "i..."
    assert ma.label.isVisible() and ma.label.textItem.toPlainText() == "impact"
    history.undo()                                     # c goes; b still overlaps a
    history.undo()                                     # b goes: a has the lane to itself
    # the rows are laid out again on the next event-loop turn (once per batch of changes)
    qtbot.waitUntil(lambda: ma.span == (0.0, 1.0), timeout=2000)


def _drag(w, qtbot, marker, dx: int) -> list[str]:  # type: ignore[no-untyped-def]
    centre = w.mapFromScene(marker.sceneBoundingRect().center())
    vp = w.viewport()
    readouts: list[str] = []

    def send(kind, pos, buttons):  # type: ignore[no-untyped-def]
        ev = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), Qt.MouseButton.LeftButton,
                         buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, ev)
    send(QEvent.Type.MouseButtonPress, centre, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        send(QEvent.Type.MouseMove, centre + QPoint(dx * step // 10, 0), Qt.MouseButton.LeftButton)
        qtbot.wait(5)
        if marker.dragging:
            readouts.append(marker.readout)
    send(QEvent.Type.MouseButtonRelease, centre + QPoint(dx, 0), Qt.MouseButton.NoButton)
    return readouts


def test_dragging_an_unselected_event_selects_it_and_reads_out_time(lane, qtbot) -> None:  # type: ignore[no-untyped-def]
    w, history, project = lane
    a, b = add(history, project, 2.0, 0.6), add(history, project, 6.0, 0.6)
    w.select(a.id)
    selected: list = []
    w.selection_changed.connect(selected.append)
    readouts = _drag(w, qtbot, w.markers[b.id], 83)    # ~1 s at 12 s over ~1000 px
    assert selected == [b.id] and w.selected == b.id
    # the label reads the time as the block moves: several different, rising times
    times = [float(r.split(":")[-1]) for r in readouts]
    assert len(set(times)) >= 3 and times == sorted(times) and times[0] >= 6.0
    assert b.start == pytest.approx(7.0, abs=0.15) and history.undo_text == "Move event"
    assert not w.markers[b.id].dragging
