"""Bridges the project and the real-time engine: mix parameters, transport, playhead polling.

The engine runs in the audio callback; this object lives in the UI thread. Parameter changes are
pushed to the engine the moment a track field changes (an atomic swap, heard on the next block);
the playhead is *polled* from the engine by a timer, so the callback never calls into Qt.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.playback.prefetch import Prefetcher
from stemline.core.mixer import MixParams
from stemline.playback.output import ClockOutput, Output, open_output
from stemline.ui.timeline import TimelineView

SAMPLE_RATE = 48000
SHUTTLE_SPEEDS = (1, 2, 4, 8)


class Player(QObject):
    """Transport for the editor.

    Signals
    -------
    state_changed(int) : the speed (0 paused, 1 playing, negative reverse, >1 fast).
    message(str) : status text (e.g. no audio device).
    """

    state_changed = Signal(int)
    message = Signal(str)

    def __init__(self, timeline: TimelineView, *, use_device: bool = True,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeline = timeline
        self.engine = PlaybackEngine(SAMPLE_RATE, blocksize=512)
        self.output: Output
        self.device_message: str | None
        if use_device:
            self.output, self.device_message = open_output(self.engine)
        else:
            self.output, self.device_message = ClockOutput(self.engine), "audio output disabled"
        #: Reads the lanes' files ahead of the playhead, outside the audio callback (started
        #: on the first play, stopped on close).
        self.prefetch = Prefetcher(self.engine)
        self.sources: dict[str, np.ndarray] = {}
        self.project: Project | None = None
        #: Playing a selection loops it (Playback > Loop).
        self.loop = False
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._on_poll)
        timeline.seek_requested.connect(self.seek)

    # -- project -------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        if self.project is not None:
            for track in self.project.tracks:
                track.changed.disconnect(self._on_track_changed)
        self.pause()
        self.project = project
        self.sources = {}
        self.engine.set_sources({})
        for track in project.tracks:
            track.changed.connect(self._on_track_changed)
        self.update_params()

    def set_source(self, kind: str, audio: np.ndarray | None) -> None:
        if audio is None:
            self.sources.pop(kind, None)
        else:
            self.sources[kind] = audio
        self.engine.set_sources(self.sources)
        self.update_params()

    @property
    def has_stems(self) -> bool:
        return "voice" in self.sources or "background" in self.sources

    def _on_track_changed(self, name: str, value: object) -> None:
        self.update_params()

    def update_params(self) -> None:
        """Snapshot the mix from the project and swap it into the engine (heard next block)."""
        if self.project is not None:
            self.engine.set_params(MixParams.from_project(self.project, self.has_stems))

    # -- transport -----------------------------------------------------------------------------
    @property
    def speed(self) -> int:
        return self.engine.speed

    def _set_speed(self, speed: int) -> None:
        if speed and self.engine.position >= self.engine.frames and speed > 0:
            self.engine.seek(0.0)  # at the end: play from the start, like every player
        self.engine.speed = speed
        if speed:
            self.prefetch.start()
            self.output.start()
            self._poll.start()
        self.state_changed.emit(speed)

    def toggle(self) -> None:
        """Space: play from the playhead, or pause. With Loop on and the playhead inside the
        selection, the selection loops."""
        if not self.engine.speed:
            sel = self.timeline.selection
            if self.loop and sel and sel[0] <= self.timeline.playhead < sel[1]:
                self.engine.set_range(sel[0], sel[1], True)
            else:
                self.engine.clear_range()
        self._set_speed(0 if self.engine.speed else 1)

    def play_selection(self) -> None:
        """Shift+Space: play the selection from its start; stop at its end, or loop."""
        sel = self.timeline.selection
        if not sel:
            self.toggle()
            return
        self.engine.set_range(sel[0], sel[1], self.loop)
        self.seek(sel[0])
        self._set_speed(1)

    def set_loop(self, on: bool) -> None:
        self.loop = bool(on)
        rng = self.engine.play_range
        if rng is not None:
            sr = self.engine.sample_rate
            self.engine.set_range(rng[0] / sr, rng[1] / sr, self.loop)

    def play(self) -> None:
        self._set_speed(1)

    def pause(self) -> None:
        if self.engine.speed:
            self._set_speed(0)

    def shuttle_forward(self) -> None:
        """L: play, then 2x, 4x, 8x on repeated presses."""
        s = self.engine.speed
        self._set_speed(1 if s <= 0 else SHUTTLE_SPEEDS[min(SHUTTLE_SPEEDS.index(s) + 1, 3)]
                        if s in SHUTTLE_SPEEDS else 1)

    def shuttle_backward(self) -> None:
        """J: reverse, then faster reverse."""
        s = -self.engine.speed
        self._set_speed(-1 if s <= 0 else -(SHUTTLE_SPEEDS[min(SHUTTLE_SPEEDS.index(s) + 1, 3)]
                                             if s in SHUTTLE_SPEEDS else 1))

    def seek(self, seconds: float) -> None:
        self.engine.seek(seconds)
        self.timeline.set_playhead(seconds)

    def audition(self, buffer: np.ndarray | None) -> None:
        self.engine.audition(buffer)
        self.output.start()

    def _on_poll(self) -> None:
        self.timeline.set_playhead(self.engine.time)
        if self.engine.speed:
            self.timeline.follow_playhead()
        else:
            if not self.engine.auditioning:
                self._poll.stop()
            self.state_changed.emit(0)

    def close(self) -> None:
        self._poll.stop()
        self.engine.speed = 0
        self.prefetch.stop()
        try:
            self.output.stop()
        finally:
            self.output.close()
