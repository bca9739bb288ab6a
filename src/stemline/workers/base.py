"""The worker pattern (napari's ``thread_worker``): a QObject moved to a QThread.

A worker's :meth:`Worker.work` runs in its thread and never touches a widget; results, progress
and errors travel to the UI only through queued signals. Cancellation is cooperative: the engine
checks :attr:`Worker.cancel_token` between chunks and raises ``Cancelled``.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from stemline.core.errors import Cancelled, StemlineError
from stemline.core.progress import CancelToken, Progress

log = logging.getLogger(__name__)


class Worker(QObject):
    """Base of every background task.

    Signals
    -------
    progress(Progress) : from :data:`QUIET_S` into the work on, at most every
        :data:`REPORT_EVERY_S` (the UI doesn't need more).
    finished(object) : the result of :meth:`work`.
    failed(str) : a one-line message a user can act on.
    cancelled() : the user cancelled.
    done() : after any of the three above; the thread quits on it.
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    #: Shown next to the progress bar.
    title = "Working"
    #: Linux nice increment for the worker's thread. Heavy work yields the CPU to the UI thread
    #: (two cores shared with torch's own threads, which inherit it when created from here).
    nice = 10
    #: No progress is reported in a task's first moments: one that ends sooner (a cached lane,
    #: the probe) never flashes a progress text. At open half a dozen such tasks start at once,
    #: and their reports were a good part of the UI thread's first burst of work.
    QUIET_S = 0.2
    #: Then at most one report this often (each repaints a lane's text and the task list).
    REPORT_EVERY_S = 0.1

    def __init__(self) -> None:
        super().__init__()
        self.cancel_token = CancelToken()
        self._last_report = 0.0
        self._started = 0.0
        self.elapsed = 0.0

    def work(self) -> Any:
        """Do the job (in the worker thread) and return the result."""
        raise NotImplementedError

    def _lower_priority(self) -> None:
        nice = int(os.environ.get("STEMLINE_WORKER_NICE", self.nice))
        if nice <= 0 or not hasattr(os, "setpriority"):
            return
        try:  # on Linux a thread id names one thread; elsewhere this raises and is skipped
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + nice)
        except (OSError, AttributeError):
            pass

    @Slot()
    def run(self) -> None:
        self._lower_priority()
        t0 = self._started = time.perf_counter()
        try:
            result = self.work()
        except Cancelled:
            self.elapsed = time.perf_counter() - t0
            self.cancelled.emit()
        except StemlineError as exc:
            self.elapsed = time.perf_counter() - t0
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: keep the app alive, log the traceback
            self.elapsed = time.perf_counter() - t0
            log.exception("%s failed", type(self).__name__)
            self.failed.emit(f"{self.title} failed: {type(exc).__name__}: {exc}")
        else:
            self.elapsed = time.perf_counter() - t0  # before the signal: handlers read it
            self.finished.emit(result)
        finally:
            self.done.emit()

    def cancel(self) -> None:
        """Ask the job to stop at its next check (safe from any thread)."""
        self.cancel_token.cancel()

    def report(self, progress: Progress) -> None:
        """Progress callback for the engine: quiet at first, then throttled; the last report
        gets through once any has."""
        now = time.perf_counter()
        if now - self._started < self.QUIET_S:
            return
        if now - self._last_report >= self.REPORT_EVERY_S or progress.fraction >= 1.0:
            self._last_report = now
            self.progress.emit(progress)


class WorkerRunner(QObject):
    """Owns the threads of running workers and shuts them down cleanly.

    Signals
    -------
    started(Worker), ended(Worker)
    """

    started = Signal(object)
    ended = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[Worker, QThread] = {}
        self._orphans: list[tuple[Worker, QThread]] = []

    def start(self, worker: Worker) -> Worker:
        thread = QThread()
        thread.setObjectName(type(worker).__name__)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct: quit as soon as the work ends, without waiting for the UI loop to relay it.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        # A bound method of this QObject (which lives in the UI thread): Qt queues the call to
        # the UI thread. A lambda here would run in the worker's thread.
        worker.done.connect(self._on_worker_done)
        self._running[worker] = thread
        thread.start()
        self.started.emit(worker)
        return worker

    @Slot()
    def _on_worker_done(self) -> None:
        worker = self.sender()
        thread = self._running.pop(worker, None)  # type: ignore[call-overload]
        if thread is None:
            return
        thread.wait()  # returns at once: the thread quit right after ``done``
        self.ended.emit(worker)

    @property
    def workers(self) -> tuple[Worker, ...]:
        return tuple(self._running)

    def is_busy(self) -> bool:
        return bool(self._running)

    def cancel_all(self) -> None:
        for worker in tuple(self._running):
            worker.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Cancel everything and wait for the threads (call from the window's close)."""
        self.cancel_all()
        for worker, thread in tuple(self._running.items()):
            stop = getattr(worker, "stop", None)
            if callable(stop):
                stop()
            thread.quit()
            if not thread.wait(timeout_ms):
                log.warning("%s did not stop within %d ms", type(worker).__name__, timeout_ms)
                self._orphans.append((worker, thread))  # never free a running thread
        self._running.clear()
