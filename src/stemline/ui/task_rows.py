"""Which background tasks the window shows: rows in the jobs panel and the status bar's busy bar.

A task gets its row (and the busy bar shows) only once it has run for ``DELAY_MS``. Opening a
file whose stems, peaks and Foley are cached starts six workers that all end within about 150 ms;
giving each a row at once meant creating, polishing, animating and deleting six widgets in that
burst, 15-20 ms of the UI thread's time in the open's longest event-loop stall (issue 10), for rows
nobody could read. A row that appears for a task that has already ended would only flash.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from stemline.ui.jobs_panel import JobsPanel

#: How long a task runs before it is shown (below what reads as a delay; above a cache hit).
DELAY_MS = 250


class TaskRows(QObject):
    """Owns the task rows of ``jobs`` and the visibility of ``busy`` (shown while any row is)."""

    def __init__(self, jobs: JobsPanel, busy: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs, self.busy = jobs, busy
        self._waiting: dict[Any, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._show_waiting)

    def started(self, worker: Any, title: str) -> None:
        # One timer serves a burst of starts: the first task waits DELAY_MS, later ones until
        # the same deadline (a little less: still long enough to skip the cache hits, which
        # end within milliseconds of each other).
        self._waiting[worker] = title
        if not self._timer.isActive():
            self._timer.start()

    def ended(self, worker: Any) -> None:
        if self._waiting.pop(worker, None) is None:
            self.jobs.remove_task(worker)
        self.busy.setVisible(bool(self.jobs.rows))

    def _show_waiting(self) -> None:
        waiting, self._waiting = self._waiting, {}
        for worker, title in waiting.items():
            self.jobs.add_task(worker, title)
        self.busy.setVisible(bool(self.jobs.rows))
