"""The window's batch: files picked or dropped beyond the one being edited become jobs in the
persistent queue, shown in the Jobs panel, written where the user chose, and announced by a
desktop notification when the batch ends.

Wiring only: the queue itself is :class:`~stemline.workers.job_queue.JobQueueBridge`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QSystemTrayIcon, QWidget

from stemline.core.settings import Settings
from stemline.ui.jobs_panel import JobsPanel
from stemline.workers.job_queue import JobQueueBridge, JobRow


def stems_folder(settings: Settings) -> Path:
    """Where queued files write their stems: the setting, else ``~/Stemline``."""
    return Path(settings.batch_output_dir).expanduser() if settings.batch_output_dir \
        else Path.home() / "Stemline"


class BatchController(QObject):
    """Connects the queue to the Jobs panel and the window.

    Signals
    -------
    notified(str) : the text of the end-of-batch notification (also shown in the tray when the
        desktop has one, and in the status bar).
    """

    notified = Signal(str)

    def __init__(self, window: QWidget, panel: JobsPanel, settings: Settings,
                 open_result: Callable[[JobRow], None], status: Callable[[str, int], None],
                 db: Path | None = None) -> None:
        super().__init__(window)
        self.window, self.panel, self.settings = window, panel, settings
        self.status = status
        self.queue = JobQueueBridge(db, model=settings.separator, device=settings.device,
                                    model_dir=settings.model_dir or None, parent=self)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = window.windowIcon()
            if icon.isNull():
                icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Stemline")
            self.tray.show()
        panel.set_output_dir(stems_folder(settings))
        self.queue.jobs_changed.connect(panel.set_jobs)
        self.queue.skipped.connect(self._on_skipped)
        self.queue.batch_finished.connect(self._on_batch_finished)
        self.queue.error.connect(lambda m: status(m, 0))
        panel.cancel_requested.connect(self.queue.cancel)
        panel.retry_requested.connect(self.queue.retry)
        panel.open_result_requested.connect(open_result)
        panel.show_folder_requested.connect(
            lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
        panel.output_dir_change_requested.connect(self.choose_output_dir)
        if self.queue.problem is not None:
            panel.out_label.setText(self.queue.problem)
        self.queue.start()

    def add(self, paths: list[Path]) -> None:
        """Queue files and folders (folders searched for media)."""
        if self.queue.problem is not None:
            self.status(f"Can't queue: {self.queue.problem}", 0)
            return
        folder = stems_folder(self.settings)
        self.queue.submit(paths, folder)
        self.status(f"Queued {len(paths)} item{'s' if len(paths) != 1 else ''}; stems go to "
                    f"{folder}", 5000)

    def choose_output_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Write stems to",
                                                  str(stems_folder(self.settings)))
        if folder:
            self.set_output_dir(Path(folder))

    def set_output_dir(self, folder: Path) -> None:
        self.settings.batch_output_dir = str(folder)
        self.panel.set_output_dir(folder)

    def close(self) -> None:
        self.queue.close()
        if self.tray is not None:
            self.tray.hide()

    def _on_skipped(self, skipped: list[tuple[str, str]]) -> None:
        first = skipped[0]
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        self.status(f"Skipped {Path(first[0]).name}: {first[1]}{more}", 0)

    def _on_batch_finished(self, ok: int, failed: int) -> None:
        text = (f"Batch finished: {ok} separated" + (f", {failed} failed" if failed else "")
                + f"; stems in {stems_folder(self.settings)}")
        if self.tray is not None:
            self.tray.showMessage("Stemline", text, QSystemTrayIcon.MessageIcon.Information, 8000)
        self.status(text, 0)
        self.notified.emit(text)
