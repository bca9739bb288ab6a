"""Keeps the Foley lane's audio in step with the events: every edit re-renders the track.

Edits (add, delete, move, re-assign, gain, pan, auto-pan on/off) are debounced, so a drag or
several undos in a row render once, in a worker. Results of a render begun before the latest edit
are dropped, whenever they finish.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from stemline.core.project import FoleyEvent, Project
from stemline.ui.lanes import WaveformLane
from stemline.ui.player import Player
from stemline.workers.base import WorkerRunner
from stemline.workers.foley import FoleyRender, FoleyRenderWorker, event_sounds

DEBOUNCE_MS = 300


class FoleySync(QObject):
    """Watches a project's events and re-renders the Foley track into ``lane`` and ``player``.

    Signals
    -------
    failed(str) : a render failed (message for the status bar).
    """

    failed = Signal(str)

    def __init__(self, runner: WorkerRunner, lane: WaveformLane, player: Player,
                 sample_rate: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.lane, self.player, self.sample_rate = runner, lane, player, sample_rate
        self.project: Project | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render)
        self._generation = 0
        self._quiet = False

    def set_project(self, project: Project) -> None:
        if self.project is not None:
            self.project.events_changed.disconnect(self._on_events_changed)
            self.project.track("foley").changed.disconnect(self._on_track_changed)
            for event in self.project.events:
                event.changed.disconnect(self._on_event_changed)
        self._timer.stop()
        self._generation += 1
        self.project = project
        project.events_changed.connect(self._on_events_changed)
        project.track("foley").changed.connect(self._on_track_changed)
        for event in project.events:
            event.changed.connect(self._on_event_changed)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes inside the block don't re-render (events the Foley job already rendered)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _on_events_changed(self, kind: str, event: FoleyEvent) -> None:
        if kind == "added":
            event.changed.connect(self._on_event_changed)
        else:
            event.changed.disconnect(self._on_event_changed)
        self.schedule()

    def _on_event_changed(self, name: str, _value: object) -> None:
        if name in ("start", "sound", "gain_db", "pan"):
            self.schedule()

    def _on_track_changed(self, name: str, _value: object) -> None:
        if name in ("auto_pan", "room", "room_rt60_s"):
            self.schedule()

    def schedule(self) -> None:
        if not self._quiet:
            # a render already under way answers the events before this edit: it must not be
            # shown when it lands, though the render that will answer this one waits out the
            # debounce (a loaded machine showed the old, silent track as if it held a new event)
            self._generation += 1
            self._timer.start()

    def render(self) -> None:
        """Render now (the window calls it directly when a project with events opens)."""
        project = self.project
        if project is None or project.duration <= 0:
            return
        specs = event_sounds(project)
        self._generation += 1
        # the answer says which request it was: by the time a queued result arrives its worker
        # may be gone (sender() is then None), and an older render may finish after a newer one
        worker = FoleyRenderWorker(specs, project.duration, self.sample_rate, self._generation)
        worker.finished.connect(self._on_rendered)
        worker.failed.connect(self._on_failed)
        self.runner.start(worker)

    @Slot(object)
    def _on_rendered(self, render: FoleyRender) -> None:
        if render.generation != self._generation:
            return  # an older render finished after a newer edit, or after stop()
        self.lane.set_pyramid(render.pyramid)
        self.player.set_source("foley", render.audio)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(f"Foley re-render failed: {message}")

    def stop(self) -> None:
        self._timer.stop()
        self._generation += 1
