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

#: The niceness of the thread that imported this module (the UI thread): workers' base.
_BASE_NICE = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else 0


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
    #: Emitted by :class:`WorkerRunner` to run the worker in its thread (internal).
    begin = Signal()

    #: Shown next to the progress bar.
    title = "Working"
    #: Linux nice increment for the worker's thread. Heavy work yields the CPU to the UI thread
    #: (two cores shared with torch's own threads, which inherit it when created from here).
    nice = 10
    #: Whether the thread goes back to the runner's pool afterwards. Not for work that runs
    #: torch: OpenMP gives each thread that calls it a team of threads of its own, kept as long
    #: as that thread lives, so pooled threads taking turns at inference would each keep one.
    pooled = True
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
        nice = max(int(os.environ.get("STEMLINE_WORKER_NICE", self.nice)), 0)
        if not hasattr(os, "setpriority"):
            return
        try:  # on Linux a thread id names one thread; elsewhere this raises and is skipped
            # Relative to the UI thread, not to this thread's present value: pooled threads run
            # one worker after another (WorkerRunner), and must not sink further each time.
            tid = threading.get_native_id()
            if os.getpriority(os.PRIO_PROCESS, tid) != _BASE_NICE + nice:
                os.setpriority(os.PRIO_PROCESS, tid, _BASE_NICE + nice)
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
    """Runs workers on a pool of long-lived threads and shuts them down cleanly.

    Why a pool and not a thread per worker: PySide releases the GIL around ``QThread.start()``
    and ``QThread.wait()``, and the thread that takes it (a worker just started, busy in
    Python or in a C call that keeps it) decides when the UI thread gets it back. At open a
    dozen workers start and end within a fraction of a second; that many hand-overs, each up to
    a switch interval or a long C call, made the open's event-loop stall (issue 10). A thread
    kept idle in its own event loop takes a worker through a queued call, with no hand-over.

    Signals
    -------
    started(Worker), ended(Worker)
    """

    started = Signal(object)
    ended = Signal(object)

    def __init__(self, parent: QObject | None = None, *, spare: int = 0) -> None:
        super().__init__(parent)
        self._running: dict[Worker, QThread] = {}
        self._idle: list[QThread] = []
        self._orphans: list[tuple[Worker, QThread]] = []
        self._retiring: list[QThread] = []
        for _ in range(spare):
            self._idle.append(self._new_thread())

    @staticmethod
    def _new_thread() -> QThread:
        # A plain QThread runs Qt's own event loop: no Python, so it never asks for the GIL
        # until a worker's slot is called on it.
        thread = QThread()
        thread.setObjectName("idle worker thread")
        thread.start()
        return thread

    def start(self, worker: Worker) -> Worker:
        # (A worker that keeps no pooled thread gets a new one: it would take one from the pool.)
        thread = self._idle.pop() if self._idle and worker.pooled else self._new_thread()
        thread.setObjectName(type(worker).__name__)
        worker.moveToThread(thread)
        # A bound method of this QObject (which lives in the UI thread): Qt queues the call to
        # the UI thread. A lambda here would run in the worker's thread.
        worker.done.connect(self._on_worker_done)
        self._running[worker] = thread
        # A queued signal, not QMetaObject.invokeMethod: PySide releases the GIL around that.
        worker.begin.connect(worker.run, Qt.ConnectionType.QueuedConnection)
        worker.begin.emit()
        self.started.emit(worker)
        return worker

    @Slot()
    def _on_worker_done(self) -> None:
        worker = self.sender()
        thread = self._running.pop(worker, None)  # type: ignore[call-overload]
        if thread is None:
            return
        if not worker.pooled:
            # Dropped once it has ended (a QThread freed while running aborts the program).
            # Connected before it is told to quit: a thread that ended in between would never
            # say so, and would stay in the list (seen once in a full test run).
            self._retiring.append(thread)
            thread.finished.connect(self._on_retired)
            thread.quit()
        else:
            # The worker's run() may still be returning; the next worker queued to this thread
            # runs after it, in order, so the thread can be handed out now.
            thread.setObjectName("idle worker thread")
            self._idle.append(thread)
        self.ended.emit(worker)

    @Slot()
    def _on_retired(self) -> None:
        thread = self.sender()
        if thread in self._retiring:
            thread.wait()  # returns at once: it has finished
            self._retiring.remove(thread)

    @property
    def workers(self) -> tuple[Worker, ...]:
        return tuple(self._running)

    @property
    def thread_count(self) -> int:
        """Threads this runner holds, busy or idle (the pool only grows to the most workers
        that ever ran at once)."""
        return len(self._running) + len(self._idle)

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
        for thread in (*self._idle, *self._retiring):
            thread.quit()
            thread.wait(timeout_ms)
        self._idle.clear()
        self._retiring.clear()
