"""The Foley events lane: one marker per event; select, move, resize, add, delete, audition.

Markers follow the model (``Project.events_changed`` and each event's ``changed``); user edits
become history commands when a drag *finishes*, so a move is one undo step.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMenu

from stemline.core.history import AddEvent, History, RemoveEvent
from stemline.core.project import FoleyEvent, Project
from stemline.ui import theme
from stemline.ui.timeline import TimelineDecor, TimelineView, TimeViewBox


#: How close (on screen) a dragged event must come to a target to snap to it.
SNAP_PIXELS = 8


class EventMarker(pg.LinearRegionItem):
    """A draggable span for one event; the body moves it, the edges change its length."""

    def __init__(self, lane: EventsLane, event: FoleyEvent) -> None:
        colour = pg.mkColor(theme.LANE_COLORS["events"])
        fill = pg.mkColor(colour)
        # A hit the soundtrack already has: a faint fill and a dashed outline, so the user
        # sees which sounds were placed quieter (or left out) and why.
        fill.setAlpha(35 if event.audible else 90)
        hover = pg.mkColor(colour)
        hover.setAlpha(150)
        pen = pg.mkPen(colour, width=1,
                       style=Qt.PenStyle.DashLine if event.audible else Qt.PenStyle.SolidLine)
        super().__init__((event.start, event.end), movable=True, brush=pg.mkBrush(fill),
                         hoverBrush=pg.mkBrush(hover), pen=pen, swapMode="block")
        # Not ``self.event``: that name is QGraphicsObject.event(), which Qt calls.
        self.lane, self.foley_event = lane, event
        self.top, self.room_end, self.dragging, self.readout = 1.0, float("inf"), False, ""
        self.label = pg.TextItem(self._text(), color=theme.TEXT, anchor=(0, 0))
        self.label.setParentItem(self)
        self.sigRegionChangeFinished.connect(self._on_drag_finished)
        self.sigRegionChanged.connect(self._place_label)
        event.changed.connect(self._on_event_changed)
        self._place_label()

    def _text(self) -> str:
        ev = self.foley_event
        sound = Path(ev.sound).stem if ev.sound else ""
        return ev.label + (f" \u00b7 {sound}" if sound else "")

    def _place_label(self, *_: Any) -> None:
        """Put the label at the top left of the marker's row. It may run past the marker, up
        to the next event in the same row (at full zoom blocks are narrower than their names);
        while dragging it reads the time instead."""
        start, end = self.getRegion()
        self.label.setPos(start, self.top - 0.02)
        px = self.lane.box.viewPixelSize()[0]
        if self.dragging:
            self.readout = f"\u25b8 {self.lane.timeline.format_time(float(start))}"
            self.label.setText(self.readout)
            self.label.setVisible(True)
            return
        room_end = min(self.room_end, self.lane.timeline.visible[1])
        width = (max(end, room_end) - start) / px if px > 0 else 0.0
        text = self._text()
        heard = "\nalready in the soundtrack: placed quieter" if self.foley_event.audible else ""
        self.setToolTip(f"{text}\n{self.foley_event.start:.3f} s{heard}")
        if width < 20:
            self.label.setVisible(False)
            return
        metrics = QFontMetrics(self.label.textItem.font())
        self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - 6))
        self.label.setVisible(True)

    def set_row(self, row: int, rows: int, room_end: float) -> None:
        """Overlapping events share the lane in rows, so none hides another."""
        self.top = 1.0 - row / rows
        self.setSpan(1.0 - (row + 1) / rows, self.top)
        self.room_end = room_end
        self._place_label()

    def mouseDragEvent(self, ev: Any) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            if ev.isStart():
                # What is dragged is what the inspector shows.
                self.lane.select(self.foley_event.id)
                self.dragging = True
            if ev.isFinish():
                self.dragging = False
        super().mouseDragEvent(ev)
        if ev.isFinish():
            self._place_label()

    def set_selected(self, on: bool) -> None:
        colour = pg.mkColor("#ffffff" if on else theme.LANE_COLORS["events"])
        for line in self.lines:
            line.setPen(pg.mkPen(colour, width=2 if on else 1))
        self.label.setColor("#ffffff" if on else theme.TEXT)

    def _on_event_changed(self, name: str, value: object) -> None:
        if name in ("start", "duration"):
            self.blockSignals(True)
            self.setRegion((self.foley_event.start, self.foley_event.end))
            self.blockSignals(False)
            self.lane.restack()
        elif name in ("label", "sound"):
            self._place_label()

    def _on_drag_finished(self, *_: Any) -> None:
        start, end = self.getRegion()
        self.lane.commit_move(self.foley_event, float(start), float(end) - float(start))

    def mouseClickEvent(self, ev: Any) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.lane.select(self.foley_event.id)
        elif ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            self.lane.select(self.foley_event.id)
            self.lane.show_menu(self.foley_event, ev.screenPos().toPoint())
        else:
            super().mouseClickEvent(ev)

    def detach(self) -> None:
        self.foley_event.changed.disconnect(self._on_event_changed)


class EventsLane(pg.PlotWidget):
    """All Foley events of a project.

    Signals
    -------
    selection_changed(object) : the selected event id, or None.
    audition_requested(FoleyEvent) : double click or "Audition".
    assign_requested(FoleyEvent) : "Assign sound..." chosen.
    """

    selection_changed = Signal(object)
    audition_requested = Signal(object)
    assign_requested = Signal(object)

    def __init__(self, timeline: TimelineView, history: History) -> None:
        self.box = TimeViewBox(timeline, role="lane")
        super().__init__(viewBox=self.box, background=theme.LANE)
        self.timeline, self.history = timeline, history
        #: Dragged events snap to other events and to video frames (View > Snap).
        self.snapping = True
        #: label -> sound path for hand-placed events (set by the window; None: no sound).
        self.sound_for: Callable[[str], str | None] | None = None
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.hideButtons()
        item.setMenuEnabled(False)
        self.box.setYRange(0.0, 1.0, padding=0)
        self.setFixedHeight(64)
        self.decor = TimelineDecor(item, timeline)
        timeline.attach(self.box)
        self.project: Project | None = None
        self.markers: dict[str, EventMarker] = {}
        self.selected: str | None = None
        self.box.sigXRangeChanged.connect(self._on_range_changed)
        self.box.sigResized.connect(self._on_range_changed)

    # -- model ---------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        if self.project is not None:
            self.project.events_changed.disconnect(self._on_events_changed)
        for marker in list(self.markers.values()):
            self._remove_marker(marker.foley_event, restack=False)
        self.project = project
        self.selected = None
        project.events_changed.connect(self._on_events_changed)
        for event in project.events:
            self._add_marker(event, restack=False)
        self.restack()  # once for the whole project, not per event

    def _on_events_changed(self, kind: str, event: FoleyEvent) -> None:
        if kind == "added":
            self._add_marker(event)
        else:
            self._remove_marker(event)
            if self.selected == event.id:
                self.select(None)

    def _add_marker(self, event: FoleyEvent, restack: bool = True) -> None:
        marker = EventMarker(self, event)
        self.markers[event.id] = marker
        self.getPlotItem().addItem(marker, ignoreBounds=True)
        if restack:
            self.restack()

    def restack(self) -> None:
        """Give overlapping events rows of their own (first free row, in time order)."""
        markers = sorted(self.markers.values(), key=lambda m: (m.foley_event.start,
                                                              m.foley_event.id))
        ends: list[float] = []
        rows: list[int] = []
        for m in markers:
            ev = m.foley_event
            row = next((r for r, end in enumerate(ends) if end <= ev.start), len(ends))
            if row == len(ends):
                ends.append(ev.end)
            else:
                ends[row] = ev.end
            rows.append(row)
        n = max(1, len(ends))
        # Each marker's room ends where the next event of its row starts: one pass from the end.
        next_start = [float("inf")] * n
        for m, row in zip(reversed(markers), reversed(rows)):
            m.set_row(row, n, next_start[row])
            next_start[row] = m.foley_event.start

    def mouseDoubleClickEvent(self, ev: Any) -> None:  # noqa: N802
        """Double click: audition the event under the mouse, or add one on empty lane.

        Handled here, at the view, because pyqtgraph's scene hands double clicks to whichever
        item grabbed the first press (the view box), which then keeps grabbing the mouse.
        """
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(ev)
            return
        ev.accept()
        scene_pos = self.mapToScene(ev.position().toPoint())
        for item in self.scene().items(scene_pos):
            while item is not None and not isinstance(item, EventMarker):
                item = item.parentItem()
            if isinstance(item, EventMarker):
                self.select(item.foley_event.id)
                self.audition_requested.emit(item.foley_event)
                return
        if self.box.sceneBoundingRect().contains(scene_pos):
            self.add_event_at(float(self.box.mapSceneToView(scene_pos).x()))

    def _on_range_changed(self, *_: Any) -> None:
        for marker in self.markers.values():
            marker._place_label()

    def _remove_marker(self, event: FoleyEvent, restack: bool = True) -> None:
        marker = self.markers.pop(event.id, None)
        if marker is not None:
            marker.detach()
            self.getPlotItem().removeItem(marker)
            if restack:
                self.restack()

    # -- selection and edits -------------------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        if event_id == self.selected:
            return
        if self.selected in self.markers:
            self.markers[self.selected].set_selected(False)
        self.selected = event_id
        if event_id in self.markers:
            self.markers[event_id].set_selected(True)
        self.selection_changed.emit(event_id)

    def selected_event(self) -> FoleyEvent | None:
        if self.project is None or self.selected is None:
            return None
        try:
            return self.project.event(self.selected)
        except KeyError:
            return None

    def snap(self, event: FoleyEvent, start: float) -> float:
        """Where a dragged event lands: on another event's start or end within
        :data:`SNAP_PIXELS`, else on a video frame when frames are wide enough to aim at."""
        if not self.snapping:
            return start
        px = self.box.viewPixelSize()[0]
        reach = SNAP_PIXELS * px if px > 0 else 0.0
        targets = [t for other in (self.project.events if self.project else ())
                   if other is not event for t in (other.start, other.end)]
        near = min(targets, key=lambda t: abs(t - start), default=None)
        if near is not None and abs(near - start) <= reach:
            return near
        fps = self.timeline.frame_rate
        if fps > 0 and px > 0 and 1.0 / fps / px >= 2 * SNAP_PIXELS:
            frame = round(start * fps) / fps
            if abs(frame - start) <= reach:
                return frame
        return start

    def commit_move(self, event: FoleyEvent, start: float, duration: float) -> None:
        """A drag ended: record it as one undoable step (or snap back if it was invalid)."""
        if abs(start - event.start) > 1e-9:      # moved (not only resized): snap
            start = self.snap(event, start)
        start = max(0.0, start)
        duration = min(max(duration, 0.001), 60.0)
        try:
            with self.history.macro("Move event"):
                self.history.set(event, "start", start)
                self.history.set(event, "duration", duration)
        except ValueError:
            pass
        marker = self.markers.get(event.id)
        if marker is not None:  # re-sync in case validation changed the values
            marker._on_event_changed("start", event.start)

    def add_event_at(self, seconds: float, label: str = "hit") -> FoleyEvent | None:
        if self.project is None:
            return None
        # A hand-placed event gets the sound the spotter would give a plain hit, so it is heard
        # at once (the window supplies the picker; the user re-assigns from the inspector).
        sound = self.sound_for(label) if self.sound_for is not None else None
        event = FoleyEvent(start=max(0.0, seconds), duration=0.25, label=label, sound=sound)
        self.history.push(AddEvent(self.project, event))
        self.history.seal()
        self.select(event.id)
        return event

    def delete_selected(self) -> bool:
        event = self.selected_event()
        if event is None or self.project is None:
            return False
        self.history.push(RemoveEvent(self.project, event))
        self.history.seal()
        return True

    def show_menu(self, event: FoleyEvent, pos: Any) -> None:
        menu = QMenu(self)
        menu.addAction("Audition", lambda: self.audition_requested.emit(event))
        menu.addAction("Assign sound\u2026", lambda: self.assign_requested.emit(event))
        menu.addSeparator()
        menu.addAction("Delete", self.delete_selected)
        menu.popup(pos)

    def close_lane(self) -> None:
        if self.project is not None:
            self.project.events_changed.disconnect(self._on_events_changed)
        for marker in self.markers.values():
            marker.detach()
        self.markers.clear()
        self.decor.disconnect()
        self.timeline.detach(self.box)
