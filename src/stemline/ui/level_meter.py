"""The level meter beside the transport: left/right sample peak bars with a hold, and the
momentary, short-term and integrated loudness (LUFS) of what plays. Double-click resets."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from stemline.playback.engine import PlaybackEngine
from stemline.core.loudness import LoudnessMeter
from stemline.ui import theme

FLOOR_DB = -60.0
HOLD_S = 1.5


def _db(x: float) -> float:
    return 20.0 * math.log10(x) if x > 0 else -math.inf


def _fmt(v: float) -> str:
    return " -inf" if not math.isfinite(v) else f"{v:5.1f}"


class LevelMeter(QWidget):
    """Pulls what the engine played every 50 ms (the audio callback only copies it aside)."""

    def __init__(self, engine: PlaybackEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.loudness = LoudnessMeter(engine.sample_rate)
        self._since = engine.tap_written
        self.levels_db = [-math.inf, -math.inf]
        self._hold = [(-math.inf, 0.0), (-math.inf, 0.0)]
        self._clock = 0.0
        self.setFixedSize(236, 30)
        self.setToolTip("Peak (dBFS) per channel; loudness of what plays: M momentary (400 ms), "
                        "S short-term (3 s), I integrated since the reset (EBU R128). "
                        "Double-click to reset.")
        self.timer = QTimer(self)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.update_levels)
        self.timer.start()

    def reset(self) -> None:
        self.loudness.reset()
        self._since = self.engine.tap_written
        self.levels_db = [-math.inf, -math.inf]
        self._hold = [(-math.inf, 0.0), (-math.inf, 0.0)]
        self.update()

    def update_levels(self) -> None:
        self._clock += self.timer.interval() / 1000.0
        block, self._since = self.engine.read_tap(self._since)
        if block.shape[0]:
            self.loudness.push(block)
            peaks = np.abs(block).max(axis=0)
            self.levels_db = [_db(float(p)) for p in peaks[:2]]
        else:
            self.levels_db = [-math.inf, -math.inf]
        for ch, level in enumerate(self.levels_db):
            held, when = self._hold[ch]
            if level >= held or self._clock - when > HOLD_S:
                self._hold[ch] = (level, self._clock)
        self.update()

    def text(self) -> str:
        m = self.loudness
        return f"M{_fmt(m.momentary)} S{_fmt(m.short_term)} I{_fmt(m.integrated)} LUFS"

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:  # noqa: N802
        self.reset()

    def paintEvent(self, ev: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        w, h = self.width(), self.height()
        bar_w, bar_h = 48, 5
        p.fillRect(self.rect(), QColor(theme.PANEL))
        for ch in range(2):
            y = 9 + ch * (bar_h + 3)
            p.fillRect(QRectF(4, y, bar_w, bar_h), QColor("#2b2f36"))
            frac = max(0.0, min(1.0, (self.levels_db[ch] - FLOOR_DB) / -FLOOR_DB)) \
                if math.isfinite(self.levels_db[ch]) else 0.0
            colour = "#e57373" if self.levels_db[ch] > -1.0 else \
                "#ffd54f" if self.levels_db[ch] > -9.0 else "#81c784"
            p.fillRect(QRectF(4, y, bar_w * frac, bar_h), QColor(colour))
            held = self._hold[ch][0]
            if math.isfinite(held) and held > FLOOR_DB:
                x = 4 + bar_w * min(1.0, (held - FLOOR_DB) / -FLOOR_DB)
                p.fillRect(QRectF(x - 1, y, 2, bar_h), QColor(theme.TEXT))
        p.setPen(QColor(theme.TEXT))
        font = p.font()
        font.setPixelSize(10)
        font.setFamily("monospace")
        p.setFont(font)
        p.drawText(QRectF(bar_w + 8, 0, w - bar_w - 8, h),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self.text())
        p.end()
