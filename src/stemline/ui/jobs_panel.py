"""Progress of background work: one row per running editor task with a bar and Cancel, and the
persistent job queue as a table (file, kind, status, progress, elapsed) with Cancel, Retry,
Open result and Show in folder for the selected job."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from stemline.core.progress import Progress
from stemline.workers.base import Worker
from stemline.workers.job_queue import JobRow


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
    """Running editor tasks on top, the job queue below.

    Signals
    -------
    cancel_requested(str), retry_requested(str) : RunId of the selected job.
    open_result_requested(object) : the selected finished job's JobRow (open it with its stems).
    show_folder_requested(str) : the selected job's output folder.
    output_dir_change_requested() : the user wants stems written elsewhere.
    """

    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    open_result_requested = Signal(object)
    show_folder_requested = Signal(str)
    output_dir_change_requested = Signal()

    COLUMNS = ("File", "Kind", "Status", "Progress", "Elapsed")
    # Glyphs every common UI font has (an hourglass emoji showed as a missing-glyph box).
    _ICONS = {"PendingStart": "\u25cb", "Running": "\u25b6", "Success": "\u2714",
              "Failed": "\u2716", "Terminated": "\u25a0"}
    _LABELS = {"PendingStart": "Pending"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.layout_ = lay
        # Running editor tasks (separation, Foley, export) show here only while they run: the
        # side panel is short on small screens.
        self.tasks_title = QLabel("<b>Tasks</b>")
        lay.addWidget(self.tasks_title)
        self.tasks = QVBoxLayout()
        self.tasks.setSpacing(2)
        lay.addLayout(self.tasks)
        self.tasks_title.hide()
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Jobs</b>"))
        self.out_label = QLabel()
        self.out_label.setStyleSheet("color: #8b9099;")
        head.addWidget(self.out_label, 1)
        self.change_out = QPushButton("Stems folder\u2026")
        self.change_out.setToolTip("Where queued files write their stems")
        self.change_out.clicked.connect(self.output_dir_change_requested)
        head.addWidget(self.change_out)
        lay.addLayout(head)
        buttons = QHBoxLayout()
        self.cancel_job = QPushButton("Cancel")
        self.retry_job = QPushButton("Retry")
        self.open_job = QPushButton("Open result")
        self.show_job = QPushButton("Show in folder")
        self.open_job.setToolTip("Open the source in the editor with this job's stems")
        self.show_job.setToolTip("Show the job's output folder in the file manager")
        buttons.setSpacing(4)
        for b in (self.cancel_job, self.retry_job, self.open_job, self.show_job):
            b.setEnabled(False)
            b.setStyleSheet("padding: 2px 6px;")
            buttons.addWidget(b)
        self.cancel_job.clicked.connect(lambda: self._emit_selected(self.cancel_requested))
        self.retry_job.clicked.connect(lambda: self._emit_selected(self.retry_requested))
        self.open_job.clicked.connect(self._open_result)
        self.show_job.clicked.connect(
            lambda: (row := self.selected()) and self.show_folder_requested.emit(row.output_dir))
        lay.addLayout(buttons)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().hide()
        # Compact rows, and long names shortened in the middle so their extension stays visible:
        # the side panel is narrow and short on a 1366x768 screen.
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font for the short columns, so the file name keeps the rest.
        fm, hfm = self.table.fontMetrics(), hdr.fontMetrics()
        for c, sample in enumerate(("separate", "\u25a0 Terminated", "100 %", "999.9 s"), 1):
            hdr.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            hdr.resizeSection(c, max(fm.horizontalAdvance(sample),
                                     hfm.horizontalAdvance(self.COLUMNS[c])) + 14)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda *_: self._open_result())
        lay.addWidget(self.table, 1)
        self.rows: dict[Worker, TaskRow] = {}
        self.jobs: list[JobRow] = []

    # -- editor tasks ------------------------------------------------------------------------
    def add_task(self, worker: Worker, title: str | None = None) -> TaskRow:
        row = TaskRow(worker, title)
        self.rows[worker] = row
        self.tasks.addWidget(row)
        self.tasks_title.show()
        return row

    def remove_task(self, worker: Worker) -> None:
        row = self.rows.pop(worker, None)
        if row is not None:
            self.tasks.removeWidget(row)
            row.deleteLater()
        self.tasks_title.setVisible(bool(self.rows))

    # -- the queue ---------------------------------------------------------------------------
    def set_output_dir(self, folder: Path) -> None:
        self.out_label.setText(f"stems \u2192 {folder}")
        self.out_label.setToolTip(str(folder))

    def set_jobs(self, jobs: list[JobRow]) -> None:
        """Show ``jobs`` (newest first), keeping the selected job selected."""
        keep = self.selected()
        self.jobs = list(jobs)
        self.table.setRowCount(len(jobs))
        for r, job in enumerate(jobs):
            status = self._LABELS.get(job.status, job.status)
            cells = (job.name, job.kind, f"{self._ICONS.get(job.status, '')} {status}",
                     f"{100 * job.progress:.0f} %" if job.status == "Running"
                     else ("100 %" if job.status == "Success" else ""),
                     f"{job.elapsed:.1f} s" if job.elapsed else "")
            for c, text in enumerate(cells):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(r, c, item)
                item.setText(text)
                item.setToolTip(job.error or job.input)
            if keep is not None and job.run_id == keep.run_id:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> JobRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.jobs):
            return None
        return self.jobs[rows[0].row()]

    def _update_buttons(self) -> None:
        job = self.selected()
        self.cancel_job.setEnabled(job is not None and job.status in ("PendingStart", "Running"))
        self.retry_job.setEnabled(job is not None and job.status in ("Failed", "Terminated"))
        self.open_job.setEnabled(job is not None and job.voice is not None)
        self.show_job.setEnabled(job is not None and Path(job.output_dir).is_dir())

    def _emit_selected(self, signal: Signal) -> None:  # type: ignore[valid-type]
        job = self.selected()
        if job is not None:
            signal.emit(job.run_id)  # type: ignore[attr-defined]

    def _open_result(self) -> None:
        job = self.selected()
        if job is not None and job.voice is not None:
            self.open_result_requested.emit(job)
