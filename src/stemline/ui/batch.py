"""Dropped files beyond the first: separated one after another into the cache, shown in a list.

A stand-in for the full jobs panel that comes later: it runs the same
:class:`~stemline.workers.separation.SeparationWorker`, so opening one of these files afterwards
finds its stems ready.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QListWidgetItem

from stemline.core.settings import Settings
from stemline.ui.jobs_panel import JobsPanel
from stemline.workers.base import WorkerRunner
from stemline.workers.separation import SeparationWorker


class BatchQueue(QObject):
    """FIFO of files to separate; one runs at a time.

    Signals
    -------
    drained() : the queue is empty and nothing runs.
    """

    drained = Signal()

    def __init__(self, runner: WorkerRunner, panel: JobsPanel, settings: Settings, cache: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.panel, self.settings, self.cache = runner, panel, settings, cache
        self.waiting: list[tuple[Path, QListWidgetItem]] = []
        self.current: SeparationWorker | None = None
        self.results: dict[Path, str] = {}

    def add(self, path: Path) -> None:
        self.waiting.append((path, self.panel.enqueue(path)))
        self._next()

    def _next(self) -> None:
        if self.current is not None:
            return
        if not self.waiting:
            self.drained.emit()
            return
        path, item = self.waiting.pop(0)
        worker = SeparationWorker(path, self.cache / "stems", separator=self.settings.separator,
                                  device=self.settings.device, model_dir=self.settings.model_dir)
        self.current = worker
        self.panel.set_item_state(item, "running")
        self.panel.add_task(worker, f"Batch: {path.name}")

        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.done.connect(self._on_done)
        self._item = (path, item)
        self.runner.start(worker)

    # Bound slots, not lambdas: they must run in the UI thread (see Pipeline).
    def _finish(self, state: str) -> None:
        path, item = self._item
        self.results[path] = state
        self.panel.set_item_state(item, state)

    @Slot(object)
    def _on_finished(self, _result: object) -> None:
        self._finish("done")

    @Slot(str)
    def _on_failed(self, _message: str) -> None:
        self._finish("failed")

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish("cancelled")

    @Slot()
    def _on_done(self) -> None:
        self.current = None
        self._next()

    def cancel(self) -> None:
        """Cancel the running file and forget the waiting ones."""
        for _path, item in self.waiting:
            self.panel.set_item_state(item, "cancelled")
        self.waiting.clear()
        if self.current is not None:
            self.current.cancel()
