"""Waveform lanes: one pyqtgraph plot per track, drawn from the peaks pyramid.

A lane never sees raw audio: on every view change it asks the pyramid for the level that gives
one to four bins per pixel and hands that (a few thousand points) to a single curve.
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QTimer

from stemline.media.peaks import PeakPyramid
from stemline.media.spectrogram import SpectrogramPyramid
from stemline.ui import theme
from stemline.ui.timeline import TimelineDecor, TimelineView, TimeViewBox, paint_with_window

#: Show sample dots when fewer than this many pixels separate two samples.
_DOT_PIXELS = 6


def _spectrogram_lut() -> np.ndarray:
    """Dark blue through magenta and orange to pale yellow: quiet stays dark, loud stands out."""
    stops = np.array([[0, 8, 10, 20], [90, 40, 20, 90], [150, 150, 40, 120],
                      [205, 240, 120, 40], [255, 255, 240, 180]], float)
    x = np.arange(256)
    return np.stack([np.interp(x, stops[:, 0], stops[:, c]) for c in (1, 2, 3)],
                    axis=1).astype(np.uint8)


class WaveformLane(pg.PlotWidget):
    """One track's waveform.

    Attributes
    ----------
    last_draw_ms : duration of the last redraw (level pick + slicing + ``setData``).
    """

    def __init__(self, timeline: TimelineView, kind: str, height: int = 96) -> None:
        self.box = TimeViewBox(timeline, role="lane")
        super().__init__(viewBox=self.box, background=theme.LANE)
        self.kind, self.timeline = kind, timeline
        colour = theme.LANE_COLORS.get(kind, theme.TEXT)
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.hideButtons()
        item.setMenuEnabled(False)
        item.getViewBox().setDefaultPadding(0)
        self.setMinimumHeight(56)
        if height:
            self.setFixedHeight(height)
        self.box.setYRange(-1.0, 1.0, padding=0.04)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=1), connect="all",
                                     skipFiniteCheck=True, antialias=False)
        self.curve.setClipToView(False)  # the pyramid already clips to the view
        item.addItem(self.curve)
        # The spectrogram view (a toggle per lane): an image of the visible columns only.
        self.spectrogram: SpectrogramPyramid | None = None
        self.showing_spectrogram = False
        self.spec_item = pg.ImageItem(axisOrder="col-major")
        self.spec_item.setLookupTable(_spectrogram_lut())
        self.spec_item.setVisible(False)
        item.addItem(self.spec_item)
        # The zero line is painted with the background (see drawBackground), not an item.
        self._centre_pen = pg.mkPen(theme.GRID, width=1)
        self.message = pg.TextItem("", color=theme.DIM, anchor=(0.5, 0.5))
        self.message.setParentItem(item.getViewBox())
        self.decor = TimelineDecor(item, timeline)
        timeline.attach(self.box)
        paint_with_window(self)
        self.pyramid: PeakPyramid | None = None
        #: Drawn fainter when the track isn't heard (muted, or another track soloed).
        self.dimmed = False
        #: Scale of the drawn waveform: what the track's own law does to it (the background's
        #: music suppression), so the lane shows what is heard.
        self.display_gain = 1.0
        #: A part of this track's audio that its law scales on its own (the background's
        #: ambience, kept while the music is suppressed), and what is added of it: see
        #: :meth:`set_display_gain`.
        self.part: PeakPyramid | None = None
        self.part_gain = 0.0
        self.last_draw_ms = 0.0
        self.last_level = 0
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(0)
        self._redraw_timer.timeout.connect(self.redraw)
        self.box.sigXRangeChanged.connect(self._schedule_redraw)
        self.box.sigResized.connect(self._schedule_redraw)
        self.set_message("No audio yet")

    def set_message(self, text: str) -> None:
        """Text centred over the lane (progress, "no audio yet"); empty hides it."""
        if text == self.message.toPlainText() and self.message.isVisible() == bool(text):
            return  # unchanged: no relayout, no repaint
        self.message.setText(text)
        self.message.setVisible(bool(text))
        rect = self.box.boundingRect()
        self.message.setPos(rect.center())

    def drawBackground(self, painter: Any, rect: Any) -> None:  # noqa: N802 (Qt naming)
        """The lane's background and its zero line. A pyqtgraph ``InfiniteLine`` there worked
        out its bounds again in Python on every change of the view (several per lane at open,
        issue 10). The y range is always symmetric, so zero stays the middle of the lane and the
        view's cached background is redrawn only when the lane is resized (Qt does that)."""
        super().drawBackground(painter, rect)
        y = self.box.mapViewToScene(QPointF(0.0, 0.0)).y()
        painter.setPen(self._centre_pen)
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

    def resizeEvent(self, ev: Any) -> None:  # noqa: N802
        super().resizeEvent(ev)
        if hasattr(self, "box") and "message" in self.__dict__:  # also called during __init__
            self.message.setPos(self.box.boundingRect().center())

    def set_pyramid(self, pyramid: PeakPyramid | None) -> None:
        self.pyramid = pyramid
        if pyramid is not None:
            self.set_message("")
            peak = max(pyramid.peak, 0.05)
            # Fit the loudest peak: quiet stems stay readable; the header shows real levels.
            self.box.setYRange(-peak, peak, padding=0.06)
        self.redraw()

    def set_spectrogram(self, spectrogram: SpectrogramPyramid | None) -> None:
        self.spectrogram = spectrogram
        self.redraw()

    def show_spectrogram(self, on: bool) -> None:
        """Spectrogram instead of the waveform (drawn once :meth:`set_spectrogram` has one)."""
        self.showing_spectrogram = bool(on)
        self.redraw()

    def _draw_spectrogram(self) -> None:
        spec = self.spectrogram
        assert spec is not None
        start, end = self.timeline.visible
        view = spec.view(start, end, max(int(self.box.width()), 1))
        lo, hi = self.box.viewRange()[1]
        if view.image.shape[0] == 0:
            self.spec_item.setVisible(False)
            return
        self.spec_item.setImage(view.image, autoLevels=False, levels=(0, 255))
        self.spec_item.setRect(QRectF(view.start, lo, view.end - view.start, hi - lo))
        self.spec_item.setOpacity(0.35 if self.dimmed else 1.0)
        self.spec_item.setVisible(True)

    def set_dimmed(self, dimmed: bool) -> None:
        self.dimmed = bool(dimmed)
        self.curve.setOpacity(0.25 if self.dimmed else 1.0)

    def set_display_gain(self, gain: float, part_gain: float = 0.0) -> None:
        """Draw ``gain`` x the track plus ``part_gain`` x :attr:`part`. The background heard with
        its ambience split off is ``(1 - s) * music + a * ambience``, i.e.
        ``(1 - s) * background + (a - 1 + s) * ambience``: exact sample by sample when zoomed in;
        on envelopes (one min/max pair per column) the parts' extremes are combined alike, which
        is exact at s = 1 (the ambience alone) and wherever the ambience's share is 0, and an
        estimate elsewhere (the extremes of a sum are not the sum of the extremes)."""
        if gain != self.display_gain or part_gain != self.part_gain:
            self.display_gain, self.part_gain = float(gain), float(part_gain)
            self.redraw()

    def set_part(self, part: PeakPyramid | None) -> None:
        self.part = part
        self.redraw()

    def _with_part(self, y: np.ndarray, start: float, end: float, pixels: int, level: int
                   ) -> np.ndarray:
        if self.part is None or self.part_gain == 0.0:
            return y
        extra = self.part.curve(start, end, pixels)
        if extra.level != level:
            return y  # drawn from different detail (a part without its samples): leave it out
        n = min(len(y), len(extra.y))
        y = np.array(y, np.float32)  # never in place: at sample level it is the pyramid's own
        y[:n] += self.part_gain * extra.y[:n]
        if level >= 0:
            # an envelope (min, max per column) with a share of a part taken away shrinks
            # towards zero, but never through it
            y[0::2] = np.minimum(y[0::2], 0.0)
            y[1::2] = np.maximum(y[1::2], 0.0)
        return y

    def _schedule_redraw(self, *_: Any) -> None:
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def redraw(self) -> float:
        """Draw the visible range now; returns (and stores) the time it took in ms."""
        t0 = time.perf_counter()
        spectrum = self.showing_spectrogram and self.spectrogram is not None
        self.curve.setVisible(not spectrum)
        if spectrum:
            self._draw_spectrogram()
            self.last_draw_ms = (time.perf_counter() - t0) * 1000.0
            return self.last_draw_ms
        self.spec_item.setVisible(False)
        if self.pyramid is None:
            self.curve.setData([], [])
            return 0.0
        start, end = self.timeline.visible
        pixels = max(int(self.box.width()), 1)
        curve = self.pyramid.curve(start, end, pixels)
        y = curve.y if self.display_gain == 1.0 else curve.y * self.display_gain
        y = self._with_part(y, start, end, pixels, curve.level)
        spacing = pixels / max((end - start) * self.pyramid.sample_rate, 1.0)
        if curve.level < 0:
            dots = spacing >= _DOT_PIXELS
            self.curve.setData(curve.x, y, connect="all", symbol="o" if dots else None,
                               symbolSize=4, symbolPen=None,
                               symbolBrush=theme.LANE_COLORS.get(self.kind, theme.TEXT))
        else:
            self.curve.setData(curve.x, y, connect="all", symbol=None)
        self.last_level = curve.level
        self.last_draw_ms = (time.perf_counter() - t0) * 1000.0
        return self.last_draw_ms

    def close_lane(self) -> None:
        self.decor.disconnect()
        self.timeline.detach(self.box)
