"""The Foley events lane: one marker per event; select, move, resize, add, delete, audition.

Markers follow the model (``Project.events_changed`` and each event's ``changed``); user edits
become history commands when a drag *finishes*, so a move is one undo step.
"""
from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMenu

from stemline.core.history import AddEvent, History, RemoveEvent
from stemline.core.project import FoleyEvent, Project
from stemline.ui import theme
from stemline.ui.timeline import TimelineDecor, TimelineView, TimeViewBox, paint_with_window


#: How close (on screen) a dragged event must come to a target to snap to it.
SNAP_PIXELS = 8
#: UI time spent making event markers per event-loop turn (the rest wait for the next turn).
BUILD_SLICE_S = 0.015
#: Markers are made for the events within this many view widths of the view...
MAKE_SCREENS = 1.0
#: ... and dropped once farther than this (apart, so scrolling back and forth reuses them).
KEEP_SCREENS = 3.0
#: More events than this in view are drawn as one overview instead of markers.
MAX_MARKERS = 150


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
        """Overlapping events share the lane in rows, so none hides another (the label is
        fitted by the lane, for the markers in view)."""
        self.top = 1.0 - row / rows
        self.setSpan(1.0 - (row + 1) / rows, self.top)
        self.room_end = room_end

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
            self.lane.schedule_restack()
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
        paint_with_window(self)
        self.project: Project | None = None
        self._markers: dict[str, EventMarker] = {}
        # Events whose markers are still to be made, in arrival order (see _build)
        self._pending: dict[str, FoleyEvent] = {}
        # markers hidden and waiting to be taken off the plot (see _drop_marker)
        self._retired: list[EventMarker] = []
        self._stale_rows = False
        # the events in time order, their starts, and each one's (row, rows, room end), from
        # the last restack
        self._sorted: list[FoleyEvent] = []
        self._starts: list[float] = []
        self._rows: dict[str, tuple[int, int, float]] = {}
        self._longest = 0.0
        self._overview_stale = True  # the overview's drawing predates the last restack
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self._build)
        self.overview = pg.PlotCurveItem(pen=pg.mkPen(theme.LANE_COLORS["events"], width=1),
                                         connect="pairs", skipFiniteCheck=True)
        self.overview.setVisible(False)
        item.addItem(self.overview, ignoreBounds=True)
        self.selected: str | None = None
        self.box.sigXRangeChanged.connect(self._on_range_changed)
        self.box.sigResized.connect(self._on_range_changed)

    # -- model ---------------------------------------------------------------------------------
    # A marker is several pyqtgraph items (about 9 ms to make and add, more to paint), and a
    # long video has thousands of events (a walk is two a second). Made all at once, 200
    # events froze the window for 1.7 s, most of it restacking every marker after each one.
    # Now the rows are laid out over the events themselves (plain numbers, once per batch of
    # changes), and markers exist only for the events in and around the view: made a slice at
    # a time, one event-loop turn each, and dropped once they are screens away. Whoever needs
    # them now reads ``markers`` (it finishes first).
    def set_project(self, project: Project) -> None:
        if self.project is not None:
            self.project.events_changed.disconnect(self._on_events_changed)
        for marker in list(self._markers.values()):
            self._drop_marker(marker)
        self._pending.clear()
        self._sorted, self._starts, self._rows = [], [], {}
        self.project = project
        self.selected = None
        project.events_changed.connect(self._on_events_changed)
        self.schedule_restack()

    @property
    def markers(self) -> dict[str, EventMarker]:
        """The markers of the events in and around the view, laid out (made now if some were
        still waiting)."""
        self.flush()
        return self._markers

    def flush(self) -> None:
        """Lay out the rows and make the markers still waiting, now."""
        self._build(budget_s=float("inf"))

    def schedule_restack(self) -> None:
        """Lay out the rows on the next event-loop turn (once, however many events changed)."""
        self._stale_rows = True
        self._build_timer.start()

    def _on_events_changed(self, kind: str, event: FoleyEvent) -> None:
        if kind != "added":
            marker = self._markers.get(event.id)
            if marker is not None:
                self._drop_marker(marker)
            if self.selected == event.id:
                self.select(None)
        self.schedule_restack()

    def _build(self, budget_s: float = BUILD_SLICE_S) -> None:
        """Lay out the rows if events changed, then make waiting markers for up to
        ``budget_s`` and come back next turn for the rest."""
        if self.plotItem is None:  # pyqtgraph's close() drops the plot; a turn may remain
            self._pending.clear()
            self._retired.clear()
            return
        t0 = time.perf_counter()
        if self._stale_rows:
            self.restack()
        while self._retired and time.perf_counter() - t0 < budget_s:
            self.getPlotItem().removeItem(self._retired.pop())
        while self._pending and time.perf_counter() - t0 < budget_s:
            event_id = next(iter(self._pending))
            self._add_marker(self._pending.pop(event_id))
        if self._pending or self._retired:
            self._build_timer.start()
        else:
            self._build_timer.stop()

    def _add_marker(self, event: FoleyEvent) -> None:
        marker = EventMarker(self, event)
        self._markers[event.id] = marker
        self.getPlotItem().addItem(marker, ignoreBounds=True)
        row = self._rows.get(event.id)
        if row is not None:
            marker.set_row(*row)
        marker._place_label()
        if event.id == self.selected:
            marker.set_selected(True)

    def _drop_marker(self, marker: EventMarker, *, now: bool = True) -> None:
        """Take a marker away: at once, or (``now=False``, markers the view left) hidden now
        and removed from the plot a slice at a time, as they are made (a hundred at once was
        a 70 ms stall)."""
        self._markers.pop(marker.foley_event.id, None)
        marker.detach()
        if now:
            self.getPlotItem().removeItem(marker)
        else:
            marker.setVisible(False)
            self._retired.append(marker)
            self._build_timer.start()

    def restack(self) -> None:
        """Give overlapping events rows of their own (first free row, in time order), then
        make and drop markers for the view."""
        self._stale_rows = False
        events = sorted(self.project.events if self.project else (), key=lambda e: (e.start, e.id))
        self._sorted = events
        self._starts = [e.start for e in events]
        self._longest = max((e.duration for e in events), default=0.0)
        ends: list[float] = []
        rows: list[int] = []
        for ev in events:
            row = next((r for r, end in enumerate(ends) if end <= ev.start), len(ends))
            if row == len(ends):
                ends.append(ev.end)
            else:
                ends[row] = ev.end
            rows.append(row)
        n = max(1, len(ends))
        # Each event's room ends where the next event of its row starts: one pass from the end.
        next_start = [float("inf")] * n
        self._rows = {}
        for ev, row in zip(reversed(events), reversed(rows)):
            self._rows[ev.id] = (row, n, next_start[row])
            next_start[row] = ev.start
        for event_id, marker in self._markers.items():
            marker.set_row(*self._rows[event_id])
        self._overview_stale = True
        self._follow_view()

    def _around(self, screens: float) -> list[FoleyEvent]:
        """The events within ``screens`` view widths of the view, in time order."""
        start, end = self.timeline.visible
        pad = (end - start) * screens
        lo = bisect_left(self._starts, start - pad - self._longest)
        hi = bisect_right(self._starts, end + pad)
        return [e for e in self._sorted[lo:hi] if e.end >= start - pad]

    def _follow_view(self) -> None:
        """Markers for the events within a screen of the view (queued), none for those more
        than three away, and the labels in view fitted. With more events in view than
        :data:`MAX_MARKERS` (ten minutes of footsteps zoomed out), one drawing of them all
        instead: thousands of markers a pixel wide each show nothing more and took minutes to
        make; zooming in brings the markers back."""
        in_view = self._around(0.0)
        crowded = len(in_view) > MAX_MARKERS
        self._show_overview(crowded)
        if crowded:
            self._pending.clear()
            for marker in [m for m in self._markers.values() if not m.dragging]:
                self._drop_marker(marker, now=False)
            return
        keep = {e.id for e in self._around(KEEP_SCREENS)}
        for marker in [m for m in self._markers.values()
                       if m.foley_event.id not in keep and not m.dragging]:
            self._drop_marker(marker, now=False)
        wanted = self._around(MAKE_SCREENS)
        if len(wanted) > 3 * MAX_MARKERS:  # crowded beside the view: only what is in it
            wanted = in_view
        ids = {e.id for e in wanted}
        for event_id in [i for i in self._pending if i not in ids]:
            del self._pending[event_id]
        # nearest the view first: what is on screen appears before what is beside it
        start, end = self.timeline.visible
        middle = (start + end) / 2
        for event in sorted(wanted, key=lambda e: abs(e.start - middle)):
            if event.id not in self._markers:
                self._pending[event.id] = event
        if self._pending:
            self._build_timer.start()
        for event in in_view:
            marker = self._markers.get(event.id)
            if marker is not None:
                marker._place_label()

    def _show_overview(self, on: bool) -> None:
        """Every event as a tick at its start and a line along its length, in its row. The
        drawing changes only with the rows: made once per restack, not per zoom step."""
        if not on:
            if self.overview.isVisible():
                self.overview.setVisible(False)
            return
        if self._overview_stale:
            self._overview_stale = False
            rows = np.array([self._rows[ev.id][:2] for ev in self._sorted], float).reshape(-1, 2)
            top, bottom = 1.0 - rows[:, 0] / rows[:, 1], 1.0 - (rows[:, 0] + 1) / rows[:, 1]
            start = np.array(self._starts)
            end = np.array([ev.end for ev in self._sorted])
            x = np.stack([start, start, start, end], axis=1).ravel()
            y = np.stack([bottom, top, top, top], axis=1).ravel()
            self.overview.setData(x, y, connect="pairs")
        self.overview.setVisible(True)

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
        """Zoom and scroll: markers follow the view, and the labels in view are re-fitted."""
        self._follow_view()

    # -- selection and edits -------------------------------------------------------------------
    def select(self, event_id: str | None) -> None:
        if event_id == self.selected:
            return
        if self.selected in self._markers:
            self._markers[self.selected].set_selected(False)
        self.selected = event_id
        if event_id in self._markers:  # else it is made selected (_add_marker)
            self._markers[event_id].set_selected(True)
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
        marker = self._markers.get(event.id)
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
        self._build_timer.stop()
        self._pending.clear()
        self._retired.clear()
        for marker in self._markers.values():
            marker.detach()
        self._markers.clear()
        self._sorted, self._starts, self._rows = [], [], {}
        self.decor.disconnect()
        self.timeline.detach(self.box)
