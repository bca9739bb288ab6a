"""The shared time axis: visible range, playhead, selection, zoom, and the ruler.

Every lane is a pyqtgraph plot whose x axis is linked to the ruler's view box (the master), so
zooming or scrolling anywhere moves all lanes together. :class:`TimelineView` holds the state the
rest of the window talks to.
"""
from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QScrollBar

from stemline.core.timebase import format_frames, format_timecode, tick_step
from stemline.ui import theme

#: Narrowest view: 16 samples across the lanes, so single samples are visible.
MIN_VISIBLE_SAMPLES = 16
_SCROLL_UNIT = 1e-5  # scroll bar steps of 10 us: a 2 h file still fits in an int


class TimelineView(QObject):
    """State of the time axis.

    Signals
    -------
    playhead_changed(float) : seconds.
    selection_changed(object) : (start, end) seconds or None.
    range_changed(float, float) : visible start, end in seconds.
    seek_requested(float) : the user clicked/dragged to a time (the player follows, then the
        playhead).
    """

    playhead_changed = Signal(float)
    selection_changed = Signal(object)
    range_changed = Signal(float, float)
    seek_requested = Signal(float)
    format_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.duration = 1.0
        self.sample_rate = 48000.0
        self.playhead = 0.0
        self.selection: tuple[float, float] | None = None
        #: The video's frame rate (frame stepping, snapping, timecode in frames).
        self.frame_rate = 25.0
        #: Show time as HH:MM:SS:FF instead of M:SS.mmm.
        self.show_frames = False
        self.master: pg.ViewBox | None = None
        self._boxes: list[pg.ViewBox] = []

    def format_time(self, seconds: float, step: float = 0.001) -> str:
        """Time as the user chose to read it."""
        if self.show_frames:
            return format_frames(seconds, self.frame_rate)
        return format_timecode(seconds, step)

    def set_show_frames(self, on: bool) -> None:
        self.show_frames = bool(on)
        self.format_changed.emit()
        self.playhead_changed.emit(self.playhead)

    # -- plumbing ----------------------------------------------------------------------------
    def attach(self, box: pg.ViewBox) -> None:
        """Link ``box``'s x axis to the master (the first box attached becomes the master)."""
        if self.master is None:
            self.master = box
            box.sigXRangeChanged.connect(self._on_master_range)
        else:
            box.setXLink(self.master)
        self._boxes.append(box)
        self._apply_limits(box)

    def detach(self, box: pg.ViewBox) -> None:
        if box in self._boxes:
            self._boxes.remove(box)

    def _apply_limits(self, box: pg.ViewBox) -> None:
        box.setLimits(xMin=0.0, xMax=self.duration, maxXRange=self.duration,
                      minXRange=MIN_VISIBLE_SAMPLES / self.sample_rate)

    def _on_master_range(self, _box: Any, rng: tuple[float, float]) -> None:
        self.range_changed.emit(float(rng[0]), float(rng[1]))

    # -- state -------------------------------------------------------------------------------
    def set_media(self, duration: float, sample_rate: float) -> None:
        self.duration = max(float(duration), 1e-3)
        self.sample_rate = float(sample_rate)
        for box in self._boxes:
            self._apply_limits(box)
        self.zoom_to_fit()
        self.set_playhead(0.0)
        self.set_selection(None)

    @property
    def visible(self) -> tuple[float, float]:
        if self.master is None:
            return 0.0, self.duration
        lo, hi = self.master.viewRange()[0]
        return float(lo), float(hi)

    def set_visible(self, start: float, end: float) -> None:
        if self.master is None:
            return
        span = max(end - start, MIN_VISIBLE_SAMPLES / self.sample_rate)
        span = min(span, self.duration)
        start = min(max(start, 0.0), self.duration - span)
        self.master.setXRange(start, start + span, padding=0)

    def set_playhead(self, seconds: float) -> None:
        seconds = min(max(float(seconds), 0.0), self.duration)
        if seconds != self.playhead:
            self.playhead = seconds
            self.playhead_changed.emit(seconds)

    def request_seek(self, seconds: float) -> None:
        seconds = min(max(float(seconds), 0.0), self.duration)
        self.set_playhead(seconds)
        self.seek_requested.emit(seconds)

    def set_selection(self, selection: tuple[float, float] | None) -> None:
        if selection is not None:
            a, b = sorted((max(0.0, selection[0]), min(self.duration, selection[1])))
            selection = (a, b) if b - a > 0 else None
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    # -- zoom & scroll -----------------------------------------------------------------------
    def zoom(self, factor: float, center: float | None = None) -> None:
        """Multiply the visible span by ``factor`` (<1 zooms in) keeping ``center`` in place."""
        start, end = self.visible
        c = self.playhead if center is None else center
        if not start <= c <= end:
            c = (start + end) / 2
        new_start = c - (c - start) * factor
        self.set_visible(new_start, new_start + (end - start) * factor)

    def zoom_to_fit(self) -> None:
        self.set_visible(0.0, self.duration)

    def zoom_to_selection(self) -> None:
        if self.selection:
            self.set_visible(*self.selection)

    def scroll(self, fraction: float) -> None:
        """Move the view by ``fraction`` of its span (negative: left)."""
        start, end = self.visible
        shift = (end - start) * fraction
        self.set_visible(start + shift, end + shift)

    def follow_playhead(self) -> None:
        """Page the view when the playhead leaves it (during playback)."""
        start, end = self.visible
        if not start <= self.playhead <= end:
            span = end - start
            self.set_visible(self.playhead - 0.05 * span, self.playhead + 0.95 * span)


class TimeViewBox(pg.ViewBox):
    """A lane's view box: wheel scrolls, Ctrl+wheel zooms, click seeks, drag selects/scrubs.

    Parameters
    ----------
    role : "ruler" (drag scrubs) or "lane" (drag selects a range).
    """

    def __init__(self, timeline: TimelineView, role: str = "lane") -> None:
        super().__init__(enableMenu=False)
        self.timeline, self.role = timeline, role
        self.setMouseEnabled(x=True, y=False)
        self.disableAutoRange()
        self._drag_origin: float | None = None

    def wheelEvent(self, ev: Any, axis: Any = None) -> None:  # noqa: N802 (Qt naming)
        notches = ev.delta() / 120.0
        if ev.modifiers() & Qt.KeyboardModifier.ControlModifier:
            x = self.mapSceneToView(ev.scenePos()).x()
            self.timeline.zoom(0.8 ** notches, center=x)
        else:
            self.timeline.scroll(-0.15 * notches)
        ev.accept()

    def mouseClickEvent(self, ev: Any) -> None:  # noqa: N802
        if ev.button() == Qt.MouseButton.LeftButton:
            x = self.mapSceneToView(ev.scenePos()).x()
            self.timeline.request_seek(x)
            if self.role == "lane":
                self.timeline.set_selection(None)
            ev.accept()
        else:
            ev.ignore()

    def mouseDragEvent(self, ev: Any, axis: Any = None) -> None:  # noqa: N802
        if ev.button() != Qt.MouseButton.LeftButton \
                or ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().mouseDragEvent(ev, axis=0)  # middle/shift drag pans like other editors
            return
        ev.accept()
        x = self.mapSceneToView(ev.scenePos()).x()
        if self.role == "ruler":
            self.timeline.request_seek(x)
            return
        if ev.isStart():
            self._drag_origin = self.mapSceneToView(ev.buttonDownScenePos()).x()
        if self._drag_origin is not None:
            self.timeline.set_selection((self._drag_origin, x))
        if ev.isFinish():
            self._drag_origin = None


class TimeAxis(pg.AxisItem):
    """Ruler labels in time code with "nice" spacing for any zoom."""

    timeline: TimelineView | None = None

    def tickSpacing(self, minVal: float, maxVal: float, size: float  # noqa: N802,N803
                    ) -> list[tuple[float, float]]:
        major = tick_step(maxVal - minVal, size, 110.0)
        return [(major, 0.0), (major / 5.0, 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float  # noqa: N802
                    ) -> list[str]:
        fmt = self.timeline.format_time if self.timeline is not None else format_timecode
        return [fmt(v, spacing) if v >= 0 else "" for v in values]


class TimelineDecor:
    """Playhead line + selection band added to a plot, following the timeline.

    The band is made on the first selection, not with the plot: each of its two edges is a
    pyqtgraph ``InfiniteLine`` whose bounds are worked out again (in Python) on every change of
    the view, hidden or not, and at open every lane's view changes several times in the UI
    thread's busiest moment (issue 10)."""

    def __init__(self, plot: pg.PlotItem, timeline: TimelineView, *, movable: bool = False) -> None:
        self.timeline, self.plot, self.movable = timeline, plot, movable
        self.playhead = pg.InfiniteLine(timeline.playhead, angle=90, movable=movable,
                                        pen=pg.mkPen(theme.PLAYHEAD, width=1.5),
                                        hoverPen=pg.mkPen(theme.PLAYHEAD, width=3))
        self.playhead.setZValue(100)
        self._region: pg.LinearRegionItem | None = None
        plot.addItem(self.playhead, ignoreBounds=True)
        timeline.playhead_changed.connect(self._on_playhead_changed)
        timeline.selection_changed.connect(self._on_selection_changed)
        if movable:
            self.playhead.sigDragged.connect(lambda line: timeline.request_seek(line.value()))
        if timeline.selection is not None:
            self._on_selection_changed(timeline.selection)

    @property
    def region(self) -> pg.LinearRegionItem:
        """The selection band (made when first asked for)."""
        if self._region is None:
            region = pg.LinearRegionItem((0, 0), movable=self.movable,
                                         brush=pg.mkBrush(*theme.SELECTION),
                                         pen=pg.mkPen(theme.ACCENT, width=1))
            region.setZValue(-5)
            region.setVisible(False)
            self.plot.addItem(region, ignoreBounds=True)
            if self.movable:
                region.sigRegionChangeFinished.connect(
                    lambda r: self.timeline.set_selection(tuple(r.getRegion())))
            self._region = region
        return self._region

    def _on_playhead_changed(self, seconds: float) -> None:
        self.playhead.setValue(seconds)

    def _on_selection_changed(self, selection: tuple[float, float] | None) -> None:
        if selection is None and self._region is None:
            return  # nothing selected yet: no band to hide
        self.region.setVisible(selection is not None)
        if selection is not None:
            self.region.blockSignals(True)
            self.region.setRegion(selection)
            self.region.blockSignals(False)

    def disconnect(self) -> None:
        self.timeline.playhead_changed.disconnect(self._on_playhead_changed)
        self.timeline.selection_changed.disconnect(self._on_selection_changed)


def _no_op(*_: Any) -> None:
    """Receives nothing useful; see :func:`paint_with_window`."""


def paint_with_window(plot: pg.PlotWidget) -> None:
    """Let the plot repaint with the rest of the window instead of on its own.

    A QGraphicsScene whose ``changed`` signal nobody receives takes a shortcut when it is
    updated: it paints the whole window's pending updates there and then
    (QGraphicsScenePrivate::_q_emitUpdated -> dispatchPendingUpdateRequests). With a plot per
    lane, each lane's changes at open (results, texts, the ruler) became repaints of the whole
    window back to back within one batch of queued signals. Once ``changed`` has a receiver
    the scene emits it instead and its views mark their viewports dirty, painted once with the
    rest. Measured on the demo clip (benchmarks/editor_stalls.py, 3 x 2 runs alternated):
    longest stall 45-67 ms with this, 86-106 ms without.
    """
    plot.scene().changed.connect(_no_op)


def _redraw_axis(axis: pg.AxisItem) -> None:
    axis.picture = None  # pyqtgraph caches the drawn labels
    axis.update()


class Ruler(pg.PlotWidget):
    """Time code ruler on top of the lanes; it owns the master view box."""

    def __init__(self, timeline: TimelineView) -> None:
        box = TimeViewBox(timeline, role="ruler")
        super().__init__(viewBox=box, axisItems={"top": TimeAxis("top")},
                         background=theme.PANEL)
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.showAxis("top")
        axis = item.getAxis("top")
        axis.timeline = timeline
        timeline.format_changed.connect(lambda: _redraw_axis(axis))
        axis.setTextPen(theme.TEXT)
        axis.setPen(theme.GRID)
        axis.setStyle(tickLength=-6, tickTextOffset=2)
        item.setMenuEnabled(False)
        item.hideButtons()
        box.setYRange(0, 1, padding=0)
        self.setFixedHeight(34)
        self.decor = TimelineDecor(item, timeline, movable=True)
        timeline.attach(box)
        self.box = box
        paint_with_window(self)


class TimelineScrollBar(QScrollBar):
    """Horizontal scroll bar kept in step with the visible range."""

    def __init__(self, timeline: TimelineView) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.timeline = timeline
        timeline.range_changed.connect(self._on_range_changed)
        self.valueChanged.connect(self._on_value_changed)

    def _on_range_changed(self, start: float, end: float) -> None:
        span = end - start
        self.blockSignals(True)
        self.setRange(0, max(0, round((self.timeline.duration - span) / _SCROLL_UNIT)))
        self.setPageStep(max(1, round(span / _SCROLL_UNIT)))
        self.setSingleStep(max(1, round(span / 20 / _SCROLL_UNIT)))
        self.setValue(round(start / _SCROLL_UNIT))
        self.blockSignals(False)

    def _on_value_changed(self, value: int) -> None:
        start, end = self.timeline.visible
        s = value * _SCROLL_UNIT
        self.timeline.set_visible(s, s + (end - start))
