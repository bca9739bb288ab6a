"""The window's door to the persistent job queue (``stemline.jobs``): the only Qt code that
touches it.

Jobs run on a plain background thread through :class:`~stemline.jobs.runner.JobRunner` (the same
runner the command line and the server use); a second thread watches the database, so jobs
submitted or changed by other processes (``stemline jobs cancel``) show up too. Everything
reaches the UI as snapshots through queued signals; no call made from the UI thread waits on
SQLite, probing or a model load.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

#: What the window submits carries this trigger, and the window resumes only these jobs.
TRIGGER = "Window"


@dataclass(frozen=True)
class JobRow:
    """One job as the jobs table shows it."""

    run_id: str
    name: str
    input: str
    kind: str
    status: str
    stage: str
    progress: float
    elapsed: float
    output_dir: str
    error: str
    voice: str | None
    background: str | None

    @property
    def final(self) -> bool:
        return self.status in ("Success", "Failed", "Terminated")


def _row(job: Any) -> JobRow:
    voice = background = None
    if job.status == "Success" and job.result:
        task = job.result["Output"]["Task"]["AudioExtract"]
        voice = str(Path(job.output_dir) / task["Voice"]["FileName"])
        background = str(Path(job.output_dir) / task["Background"]["FileName"])
    return JobRow(job.run_id, Path(job.input).name, job.input, job.kind, job.status, job.stage,
                  job.progress, job.elapsed, job.output_dir, job.error_message or "", voice,
                  background)


class _WindowModels:
    """Lets the queue share the separators the editor already loaded (workers.separation)."""

    def get(self, model: str, device: str, model_dir: str | None,
            params: dict[str, str] | None = None, ensemble_mode: str = "wave") -> Any:
        from stemline.workers.separation import get_separator
        return get_separator(model, device, Path(model_dir) if model_dir else None,
                             params, ensemble_mode)


class JobQueueBridge(QObject):
    """Submit, cancel and retry jobs; watch them all.

    Signals
    -------
    jobs_changed(list[JobRow]) : the table's content, newest first, on every change.
    skipped(list[tuple[str, str]]) : files left out of a submission, with the reason.
    batch_finished(int, int) : every job this window submitted has ended (succeeded, not).
    error(str) : a one-line problem (the database can't be opened, ...).
    """

    jobs_changed = Signal(list)
    skipped = Signal(list)
    batch_finished = Signal(int, int)
    error = Signal(str)

    def __init__(self, db: Path | None, *, model: str, device: str, model_dir: str | None,
                 poll: float = 0.5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from stemline.core.errors import StemlineError
        from stemline.jobs.runner import JobRunner, default_db
        from stemline.jobs.store import JobStore

        self.db = Path(db) if db else default_db()
        self.model, self.device, self.model_dir = model, device, model_dir
        #: Why the queue can't be used (a damaged or unwritable database), or None. The
        #: editor still works; only batches are off, and the user is told why.
        self.problem: str | None = None
        try:
            self.store = JobStore(self.db)
        except (StemlineError, OSError) as exc:
            self.problem = f"job queue unavailable: {exc}"
            self.store = None  # type: ignore[assignment]
        self.runner = JobRunner(self.store, separators=_WindowModels())  # type: ignore[arg-type]
        self._stop = threading.Event()
        self._poll = poll
        self._io = ThreadPoolExecutor(1, thread_name_prefix="stemline-jobs-io")
        self._batch: set[str] = set()
        self._batch_lock = threading.Lock()
        self._rows: list[JobRow] = []
        self._queue_device: str | None = None
        self._threads = [threading.Thread(target=self._run, name="stemline-jobs-run", daemon=True),
                         threading.Thread(target=self._watch, name="stemline-jobs-watch",
                                          daemon=True)]

    def start(self) -> None:
        """Start running and watching; connect the signals first, or the first snapshot of
        the table can be emitted before anyone listens (and never again while nothing
        changes)."""
        if self.problem is not None:
            self.error.emit(self.problem)
            return
        for t in self._threads:
            t.start()

    @property
    def rows(self) -> list[JobRow]:
        return list(self._rows)

    # -- UI-thread calls; each returns at once ---------------------------------------------------
    def submit(self, paths: list[Path], out_root: Path) -> None:
        """Queue every media file in ``paths`` (folders searched) to write stems under
        ``out_root/<name>/``."""
        if self.problem is not None:
            self.error.emit(self.problem)
            return
        self._io.submit(self._guard, self._submit, list(paths), Path(out_root))

    def cancel(self, run_id: str) -> None:
        if self.problem is None:
            self._io.submit(self._guard, self.store.cancel, run_id)

    def retry(self, run_id: str) -> None:
        if self.problem is not None:
            return
        def retry() -> None:
            self.store.retry(run_id)
            with self._batch_lock:
                self._batch.add(run_id)
        self._io.submit(self._guard, retry)

    def close(self) -> None:
        """Stop the threads; a running job ends Terminated (Retry brings it back)."""
        self._stop.set()
        if self.problem is None:
            self.runner.cancel_current()
        self._io.shutdown(wait=True, cancel_futures=True)
        for t in self._threads:
            if t.is_alive():
                t.join(timeout=30)

    # -- background threads ----------------------------------------------------------------------
    def _guard(self, fn: Any, *args: Any) -> None:
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - reported to the user, never swallowed silently
            self.error.emit(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)

    def _device(self) -> str:
        """The device jobs run on ("auto" resolved by loading the model once)."""
        if self._queue_device is None:
            self._queue_device = _WindowModels().get(self.model, self.device,
                                                     self.model_dir).device
        return self._queue_device

    def _submit(self, paths: list[Path], out_root: Path) -> None:
        from stemline.jobs.inputs import collect_inputs
        from stemline.jobs.result import new_run_id

        collected = collect_inputs(paths, exclude=[out_root])
        if collected.skipped:
            self.skipped.emit([(str(p), why) for p, why in collected.skipped])
        names = [p.stem for p in collected.files]
        device = self._device() if collected.files else "cpu"
        options = {"model": self.model, "device": self.device, "model_dir": self.model_dir,
                   "format": "aac"}
        for src in collected.files:
            folder = out_root / (src.stem if names.count(src.stem) == 1
                                 else src.name.replace(".", "_"))
            job = self.store.submit("separate", src.resolve(), folder.resolve(),
                                    run_id=new_run_id(), options=options, trigger=TRIGGER,
                                    device=device)
            with self._batch_lock:
                self._batch.add(job.run_id)

    def _run(self) -> None:
        try:
            self.runner.recover()
        except Exception as exc:  # noqa: BLE001
            self.error.emit(str(exc))
        while not self._stop.is_set():
            try:
                pending = [j for j in self.store.list(status="PendingStart", limit=100)
                           if j.trigger == TRIGGER]
                if pending:
                    self.runner.drain(device=self._device(), triggers=(TRIGGER,), stop=self._stop)
            except Exception as exc:  # noqa: BLE001 - keep the queue alive for the next job
                self.error.emit(str(exc).splitlines()[0])
            self._stop.wait(self._poll)

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                rows = [_row(j) for j in self.store.list(limit=500)]
            except Exception:  # noqa: BLE001 - a busy database: look again next time
                rows = self._rows
            if rows != self._rows:
                self._rows = rows
                self.jobs_changed.emit(rows)
                self._check_batch(rows)
            self._stop.wait(self._poll)

    def _check_batch(self, rows: list[JobRow]) -> None:
        with self._batch_lock:
            if not self._batch:
                return
            mine = [r for r in rows if r.run_id in self._batch]
            if len(mine) < len(self._batch) or not all(r.final for r in mine):
                return
            self._batch.clear()
        ok = sum(r.status == "Success" for r in mine)
        self.batch_finished.emit(ok, len(mine) - ok)
