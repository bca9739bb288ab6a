"""Progress of background work: one row per running task with a bar and Cancel, and the simple
queue of dropped files waiting to be processed (a full jobs panel comes later)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from stemline.core.progress import Progress
from stemline.workers.base import Worker


class TaskRow(QWidget):
    """Title, progress bar and Cancel for one worker; updates through the worker's signals."""

    def __init__(self, worker: Worker, title: str | None = None) -> None:
        super().__init__()
        self.worker = worker
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 1, 4, 1)
        self.label = QLabel(title or worker.title)
        self.label.setMinimumWidth(110)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report with a total
        self.bar.setTextVisible(True)
        self.bar.setFixedHeight(14)
        self.cancel = QPushButton("Cancel")
        self.cancel.setFixedHeight(20)
        # A plain call from the UI thread (cancel is thread-safe); connecting the worker's own
        # slot would queue it behind the work it is meant to stop.
        self.cancel.clicked.connect(lambda: worker.cancel())
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        worker.progress.connect(self._on_progress)

    def _on_progress(self, progress: Progress) -> None:
        if progress.total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(progress.fraction * 1000))
            self.bar.setFormat(f"{progress.stage} %p%")
        else:
            self.bar.setRange(0, 0)


class JobsPanel(QWidget):
    """Running tasks on top, the queue of dropped files below.

    Signals
    -------
    queue_item_activated(Path) : a queued file was double-clicked (open it).
    """

    queue_item_activated = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.layout_ = lay
        lay.addWidget(QLabel("<b>Tasks</b>"))
        self.tasks = QVBoxLayout()
        self.tasks.setSpacing(2)
        lay.addLayout(self.tasks)
        self.idle = QLabel("Nothing running")
        self.idle.setStyleSheet("color: #8b9099;")
        lay.addWidget(self.idle)
        lay.addWidget(QLabel("<b>Queue</b>"))
        self.queue = QListWidget()
        self.queue.itemDoubleClicked.connect(
            lambda item: self.queue_item_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        self.queue.setMaximumHeight(90)
        lay.addWidget(self.queue)
        self.rows: dict[Worker, TaskRow] = {}

    def add_task(self, worker: Worker, title: str | None = None) -> TaskRow:
        row = TaskRow(worker, title)
        self.rows[worker] = row
        self.tasks.addWidget(row)
        self.idle.hide()
        return row

    def remove_task(self, worker: Worker) -> None:
        row = self.rows.pop(worker, None)
        if row is not None:
            self.tasks.removeWidget(row)
            row.deleteLater()
        self.idle.setVisible(not self.rows)

    def enqueue(self, path: Path) -> QListWidgetItem:
        item = QListWidgetItem(f"\u23f3 {path.name}  \u2014 waiting")
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        self.queue.addItem(item)
        return item

    def set_item_state(self, item: QListWidgetItem, state: str) -> None:
        icon = {"running": "\u25b6", "done": "\u2714", "failed": "\u2716",
                "cancelled": "\u25a0"}.get(state, "\u23f3")
        name = Path(item.data(Qt.ItemDataRole.UserRole)).name
        item.setText(f"{icon} {name}  \u2014 {state}")
