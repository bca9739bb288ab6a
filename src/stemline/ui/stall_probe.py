"""Measures how long the event loop goes without running (the "UI never waits" check).

A precise timer fires every ``interval_ms``; any gap between two firings beyond the interval is
time the loop spent blocked (a long handler, a paint, a GIL-hungry worker). The longest one is the
stall we report.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallProbe(QObject):
    """Start it, do things, read :attr:`max_stall_ms`."""

    def __init__(self, interval_ms: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        self.max_stall_ms = 0.0
        self.ticks = 0
        self.stalls_over_50ms = 0

    def start(self) -> None:
        self.reset()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.max_stall_ms, self.ticks, self.stalls_over_50ms = 0.0, 0, 0
        self._last = time.perf_counter()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _on_tick(self) -> None:
        now = time.perf_counter()
        stall = (now - self._last) * 1000.0 - self.interval_ms
        self._last = now
        self.ticks += 1
        if stall > self.max_stall_ms:
            self.max_stall_ms = stall
        if stall > 50.0:
            self.stalls_over_50ms += 1
