"""Process > Re-separate selection: one stretch of the stems made again with another model.

The worker writes new stem files (the old ones stay); the window then points the voice and
background tracks at them as one undoable edit. Whenever the history changes a stem track's
source (that edit, its undo, its redo), the lane and the player load the file the track names;
the background's ambience part is split again from the new file.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from stemline.core.history import Compound, SetField
from stemline.workers.separation import RegionSeparationWorker, RegionStems

if TYPE_CHECKING:
    from stemline.ui.main_window import MainWindow

STEM_KINDS = ("voice", "background")


class RegionSeparation(QObject):
    """Signals: applied(RegionStems) after the edit is pushed; failed(str)."""

    applied = Signal(object)
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.win = window
        self.worker: RegionSeparationWorker | None = None
        #: The file each stem lane shows, to tell a history change from a lane load.
        self.shown: dict[str, str | None] = {k: None for k in STEM_KINDS}
        window.pipeline.lane_ready.connect(self._on_lane_ready)
        window.history.changed.connect(self._on_history_changed)

    def can_start(self) -> bool:
        p = self.win.project
        return (self.worker is None and self.win.timeline.selection is not None
                and bool(p.media_path) and all(p.track(k).source for k in STEM_KINDS))

    def start(self, model: str) -> RegionSeparationWorker | None:
        """Re-separate the timeline's selection with ``model``; returns the worker (tests)."""
        if not self.can_start():
            self.win.status("Select a stretch on the timeline of a separated file first", 5000)
            return None
        p = self.win.project
        start, end = self.win.timeline.selection  # type: ignore[misc]
        worker = RegionSeparationWorker(p.media_path, p.track("voice").source,  # type: ignore[arg-type]
                                        p.track("background").source,  # type: ignore[arg-type]
                                        start, end, model=model,
                                        # Stemline's own folder, whatever folder the project names
                                        out_dir=self.win.cache / "stems" / "regions",
                                        device=self.win.settings.device,
                                        model_dir=self.win.settings.model_dir or None)
        self.worker = worker
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(lambda: self.win.status("Re-separation cancelled", 5000))
        worker.done.connect(self._on_done)
        self.win._on_task_started(worker, worker.title)
        return self.win.runner.start(worker)

    def _on_finished(self, result: RegionStems) -> None:
        p = self.win.project
        made = f"{p.separation_model or 'stems'}; {result.model} {result.start:.2f}-{result.end:.2f} s"
        edit = Compound(f"Re-separate {result.start:.2f}-{result.end:.2f} s with {result.model}", [
            SetField(p.track("voice"), "source", str(result.voice)),
            SetField(p.track("background"), "source", str(result.background)),
            SetField(p, "separation_model", made)])
        self.win.history.push(edit)
        self.win.status(f"Re-separated {result.start:.2f}-{result.end:.2f} s with {result.model}",
                        8000)
        self.applied.emit(result)

    def _on_failed(self, message: str) -> None:
        self.win.status(f"Re-separation failed: {message}", 0)
        self.failed.emit(message)

    def _on_done(self) -> None:
        self.worker = None

    def _on_lane_ready(self, data: Any) -> None:
        if data.kind in STEM_KINDS:
            self.shown[data.kind] = str(data.path)

    def _on_history_changed(self) -> None:
        for kind in STEM_KINDS:
            source = self.win.project.track(kind).source
            if source and self.shown[kind] and source != self.shown[kind]:
                self.shown[kind] = source
                if kind == "background":
                    # the ambience was split from the stem as it was: until this one's split
                    # is ready, suppression acts on the whole background (as before any split)
                    self.win.forget_ambience()
                    self.win.pipeline.load_background(Path(source))
                else:
                    self.win.pipeline.load_lane(kind, Path(source))
