"""The background work behind opening a file: probe, lanes, separation, Foley.

Runs one step after another in workers (separation and Foley share two cores badly, so they take
turns) and reports through signals; the window only reacts. Results of an older open are dropped
by generation number, so opening another file while work runs is safe.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from stemline.core.progress import Progress
from stemline.core.settings import Settings
from stemline.workers.ambience import AmbienceWorker
from stemline.workers.base import Worker, WorkerRunner
from stemline.workers.foley import FoleyResult, FoleyWorker
from stemline.workers.separation import SeparationWorker, StemFiles
from stemline.workers.media import LaneData, LaneLoadWorker, MediaSummary, ProbeWorker


@dataclass(frozen=True)
class _Job:
    generation: int
    title: str
    on_result: Callable[[Any], None]
    kind: str | None
    on_failure: Callable[[], None] | None = None


class Pipeline(QObject):
    """Schedules the workers for the open media.

    Signals
    -------
    media_ready(MediaSummary), lane_ready(LaneData), stems_ready(StemFiles),
    foley_ready(FoleyResult), device_known(str),
    lane_status(str, str) : kind and a short text for the lane ("Separating 42%", errors),
    task_started(Worker, str) : a worker and its title (for the jobs panel),
    failed(str) : a message for the status bar,
    finished() : every scheduled step has ended (successfully or not).
    """

    media_ready = Signal(object)
    lane_ready = Signal(object)
    stems_ready = Signal(object)
    foley_ready = Signal(object)
    #: The file itself couldn't be opened (path, one-line message): nothing else will run.
    open_failed = Signal(object, str)
    device_known = Signal(str)
    lane_status = Signal(str, str)
    task_started = Signal(object, str)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, runner: WorkerRunner, settings: Settings, cache: Path,
                 sample_rate: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.settings, self.cache, self.sample_rate = (runner, settings, cache,
                                                                     sample_rate)
        self._generation = 0
        self._pending = 0
        #: the background stem whose ambience part is wanted now (see load_background)
        self._ambience_of: Path | None = None
        self.timings: dict[str, float] = {}
        self.errors: list[str] = []
        self.media: MediaSummary | None = None
        self._jobs: dict[Worker, _Job] = {}

    # -- scheduling helpers --------------------------------------------------------------------
    # Worker signals are connected to bound slots of this QObject (which lives in the UI thread),
    # never to lambdas: Qt runs a lambda in the *emitting* thread, a QObject's slot in its own.
    def _start(self, worker: Worker, title: str, on_result: Callable[[Any], None],
               kind: str | None = None, on_failure: Callable[[], None] | None = None) -> None:
        self._pending += 1
        self._jobs[worker] = _Job(self._generation, title, on_result, kind, on_failure)
        if kind:
            worker.progress.connect(self._on_progress)
            self.lane_status.emit(kind, f"{title}\u2026")
        worker.finished.connect(self._on_result)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.done.connect(self._on_done)
        self.task_started.emit(worker, title)
        self.runner.start(worker)

    def _job(self) -> tuple[Worker | None, _Job | None]:
        worker = self.sender()
        job = self._jobs.get(worker)  # type: ignore[call-overload]
        if job is None or job.generation != self._generation:
            return None, None
        return worker, job  # type: ignore[return-value]

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        _w, job = self._job()
        if job is not None and job.kind:
            text = f"{job.title}\u2026 {progress.fraction:.0%}" if progress.total \
                else f"{job.title}\u2026"
            self.lane_status.emit(job.kind, text)

    @Slot(object)
    def _on_result(self, value: Any) -> None:
        worker, job = self._job()
        if worker is not None and job is not None:
            self.timings[job.title] = worker.elapsed
            job.on_result(value)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        _w, job = self._job()
        if job is not None:
            self.errors.append(message)
            self.failed.emit(message)
            if job.kind:
                self.lane_status.emit(job.kind, message)
            if job.on_failure is not None:
                job.on_failure()

    @Slot()
    def _on_cancelled(self) -> None:
        _w, job = self._job()
        if job is not None and job.kind:
            self.lane_status.emit(job.kind, f"{job.title} cancelled")

    @Slot()
    def _on_done(self) -> None:
        worker = self.sender()
        job = self._jobs.pop(worker, None)  # type: ignore[call-overload]
        if job is not None and job.generation == self._generation:
            self._pending -= 1
            if self._pending == 0:
                self.finished.emit()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def running(self) -> list[str]:
        """Titles of the steps running now (the stall report names them)."""
        return [job.title for job in self._jobs.values() if job.generation == self._generation]

    # -- the steps -----------------------------------------------------------------------------
    def open(self, path: Path, *, separate: bool = True, foley: bool = True,
             known: dict[str, str | None] | None = None) -> None:
        """Start work for ``path``; ``known`` maps track kinds to audio a project already has."""
        self._generation += 1
        self._pending = 0
        self.timings, self.errors, self.media = {}, [], None
        have: dict[str, str] = {k: v for k, v in (known or {}).items() if v and Path(v).exists()}
        self._start(ProbeWorker(path), "Opening",
                    lambda summary: self._on_probed(summary, separate, foley, have),
                    on_failure=lambda: self.open_failed.emit(
                        path, self.errors[-1] if self.errors else f"{path}: can't be opened"))

    def _on_probed(self, summary: MediaSummary, separate: bool, foley: bool,
                   known: dict[str, str]) -> None:
        self.media = summary
        self.media_ready.emit(summary)
        self.load_lane("original", summary.path)
        if "voice" in known and "background" in known:
            self.load_lane("voice", Path(known["voice"]))
            self.load_background(Path(known["background"]), known.get("ambience"))
            self._after_separation(summary, foley, known)
        elif separate:
            worker = SeparationWorker(summary.path, self.cache / "stems",
                                      separator=self.settings.separator,
                                      device=self.settings.device,
                                      model_dir=self.settings.model_dir)
            worker.device.connect(self.device_known)
            self.lane_status.emit("background", "Waiting for separation\u2026")
            # Foley doesn't need the stems: it still runs when separation fails.
            self._start(worker, "Separating",
                        lambda stems: self._on_separated(stems, summary, foley, known),
                        kind="voice",
                        on_failure=lambda: self._on_separation_failed(summary, foley, known))
        else:
            self._after_separation(summary, foley, known)

    def _on_separation_failed(self, summary: MediaSummary, foley: bool,
                              known: dict[str, str]) -> None:
        self.lane_status.emit("background", "No stems: separation failed (see the voice lane)")
        self._after_separation(summary, foley, known)

    def _on_separated(self, stems: StemFiles, summary: MediaSummary, foley: bool,
                      known: dict[str, str]) -> None:
        self.stems_ready.emit(stems)
        self.load_lane("voice", stems.voice)
        self.load_background(stems.background)
        self._after_separation(summary, foley, known, voice=stems.voice)

    def load_background(self, background: Path, ambience: str | None = None) -> None:
        """The background lane, then its ambience part: the file a project already names, or a
        split made now into the cache (:class:`AmbienceWorker` names it by the stem's content).

        Music suppression that keeps the room needs it, in the editor as in ``process``: a
        reopened project without it would suppress its room tone with the music. Read like a
        lane (no lane of its own: the window hands it to the player and to the background's
        drawing). Started once the background lane is read, not beside it: a fourth reader at
        the start of an open stalled the window (56-70 ms in 2 of 6 warm opens of the demo)."""
        self._ambience_of = background

        def current() -> bool:  # a later background (a re-separated stretch, its undo) won
            return self._ambience_of == background

        def then() -> None:
            if not current():
                return
            if ambience:
                self.load_lane("ambience", Path(ambience), wanted=current)
                return
            self._start(AmbienceWorker(background, self.cache / "ambience"), "Splitting ambience",
                        lambda path: self.load_lane("ambience", path, wanted=current))

        self.load_lane("background", background, then=then)

    def _after_separation(self, summary: MediaSummary, foley: bool,
                          known: dict[str, str], voice: Path | None = None) -> None:
        if "foley" in known:
            self.load_lane("foley", Path(known["foley"]))
        elif foley and summary.has_video:
            worker = FoleyWorker(summary.path, self.cache / "foley",
                                 library_dir=self.settings.library_dir,
                                 device=self.settings.device, voice=voice)
            self._start(worker, "Foley", self._on_foley, kind="foley")
        elif not summary.has_video:
            self.lane_status.emit("foley", "No video: no Foley to spot")

    def _on_foley(self, result: FoleyResult) -> None:
        # The window decides what the track becomes: the job's render when it adopts the
        # events as they are, a render of the merged events when the user had edited them.
        self.foley_ready.emit(result)

    def load_lane(self, kind: str, path: Path, then: Callable[[], None] | None = None, *,
                  wanted: Callable[[], bool] | None = None) -> None:
        """Read ``kind``'s file for its lane and the player; ``then`` runs after it is shown.
        ``wanted``: asked when it has been read; False drops it (something newer replaced it)."""
        def ready(data: LaneData) -> None:
            if wanted is not None and not wanted():
                return
            self.lane_ready.emit(data)
            if then is not None:
                then()

        self._start(LaneLoadWorker(kind, path, self.sample_rate, self.cache / "peaks"),
                    f"Reading {kind}", ready, kind=kind)

    def cancel(self) -> None:
        """Cancel every running step; later steps are not started."""
        was_busy = self._pending > 0
        self._generation += 1
        self._pending = 0
        self.runner.cancel_all()
        if was_busy:
            self.finished.emit()


__all__ = ["Pipeline", "LaneData", "FoleyResult", "StemFiles", "MediaSummary"]
