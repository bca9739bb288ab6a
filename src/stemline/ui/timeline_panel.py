"""The lower half of the window: ruler, one header + lane per track, events lane, scroll bar."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout,
                               QWidget)

from stemline.core.history import History
from stemline.core.project import Project
from stemline.core.timebase import format_timecode
from stemline.core.mixer import fader_amp, suppression_gain
from stemline.ui import theme
from stemline.ui.events_lane import EventsLane
from stemline.ui.lanes import WaveformLane
from stemline.ui.timeline import Ruler, TimelineScrollBar, TimelineView
from stemline.ui.track_header import TrackHeader

LANE_HEIGHT = 96


class TimelinePanel(QWidget):
    """Headers on the left, lanes on the right, all sharing one :class:`TimelineView`.

    Attributes
    ----------
    lanes : waveform lanes by track kind ("original", "voice", "background", "foley").
    headers : track headers by kind (rebuilt when the project changes).
    events : the Foley events lane.

    Signals
    -------
    spectrogram_toggled(str, bool) : a header's spectrogram button (track kind, on).
    """

    spectrogram_toggled = Signal(str, bool)

    def __init__(self, timeline: TimelineView, history: History,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline, self.history = timeline, history
        self._look_tracks: list = []
        # The events count follows the project once per event-loop turn: a spotting result adds
        # thousands of events one by one, and a label per event was quadratic work.
        self._counted: Project | None = None
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(lambda: self._update_event_count(self._counted))
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(0)
        self.grid.setVerticalSpacing(1)

        corner = QFrame()
        corner.setStyleSheet(f"background: {theme.PANEL};")
        row = QHBoxLayout(corner)
        row.setContentsMargins(8, 0, 6, 0)
        self.time_label = QLabel(format_timecode(0.0))
        self.time_label.setStyleSheet(
            f"font-family: monospace; font-size: 15px; color: {theme.ACCENT};")
        self.span_label = QLabel("")
        self.span_label.setStyleSheet(f"color: {theme.DIM}; font-size: 11px;")
        row.addWidget(self.time_label)
        row.addStretch(1)
        row.addWidget(self.span_label)
        self.ruler = Ruler(timeline)
        corner.setFixedWidth(300)
        corner.setFixedHeight(self.ruler.height())
        self.grid.addWidget(corner, 0, 0)
        self.grid.addWidget(self.ruler, 0, 1)

        self.lanes: dict[str, WaveformLane] = {}
        self.headers: dict[str, TrackHeader] = {}
        for i, kind in enumerate(("original", "voice", "background", "foley"), start=1):
            lane = WaveformLane(timeline, kind, height=0)
            lane.setMinimumHeight(LANE_HEIGHT)
            self.lanes[kind] = lane
            self.grid.addWidget(lane, i, 1)
            self.grid.setRowStretch(i, 1)  # spare height goes to the waveforms

        self.events = EventsLane(timeline, history)
        ev_head = QFrame()
        ev_head.setObjectName("EventsHeader")
        ev_head.setStyleSheet(f"#EventsHeader {{ background: {theme.PANEL}; border-left: 4px solid"
                              f" {theme.LANE_COLORS['events']}; }}")
        ev_head.setFixedWidth(300)
        ev_lay = QVBoxLayout(ev_head)
        ev_lay.setContentsMargins(8, 3, 6, 3)
        top = QHBoxLayout()
        self.events_title = QLabel("<b>Foley events</b>")
        self.add_button = QToolButton()
        self.add_button.setText("+ Add")
        self.add_button.setToolTip("Add an event at the playhead (E); double-click the lane too")
        self.add_button.clicked.connect(lambda: self.events.add_event_at(timeline.playhead))
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete the selected event (Del)")
        self.delete_button.clicked.connect(self.events.delete_selected)
        top.addWidget(self.events_title)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        ev_lay.addLayout(top)
        self.events_hint = QLabel("Click to select, drag to move, double-click to audition")
        self.events_hint.setStyleSheet(f"color: {theme.DIM}; font-size: 10px;")
        ev_lay.addWidget(self.events_hint)
        self.grid.addWidget(ev_head, 5, 0)
        self.grid.addWidget(self.events, 5, 1)
        self.scrollbar = TimelineScrollBar(timeline)
        self.grid.addWidget(self.scrollbar, 6, 1)
        self.grid.setColumnStretch(1, 1)

        timeline.playhead_changed.connect(
            lambda t: self.time_label.setText(timeline.format_time(t)))
        timeline.range_changed.connect(self._on_range_changed)

    def _on_range_changed(self, start: float, end: float) -> None:
        span = end - start
        samples = span * self.timeline.sample_rate
        self.span_label.setText(f"view {format_timecode(span)}" if samples >= 2000
                                else f"view {samples:.0f} samples")

    def set_project(self, project: Project) -> None:
        """Headers for ``project``'s tracks (the same kinds keep their widgets, bound to the new
        tracks) and its events."""
        kinds = [track.kind for track in project.tracks]
        if kinds == list(self.headers):
            for track in project.tracks:
                self.headers[track.kind].bind(track)
        else:
            self._build_headers(project)
        for lane in self.lanes.values():
            # Nothing of the previous file stays on screen: waveform, spectrogram, its mode.
            lane.showing_spectrogram = False
            lane.set_spectrogram(None)
            lane.set_pyramid(None)
            lane.set_part(None)
            lane.set_message("No audio yet")
        for track in self._look_tracks:
            track.changed.disconnect(self._on_track_look_changed)
        self._look_tracks = list(project.tracks)
        for track in self._look_tracks:
            track.changed.connect(self._on_track_look_changed)
        self._on_track_look_changed("", None)
        self.events.set_project(project)
        self._counted = project
        self._update_event_count(project)
        project.events_changed.connect(lambda *_: self._count_timer.start())

    def _build_headers(self, project: Project) -> None:
        for header in self.headers.values():
            header.disconnect_model()
            self.grid.removeWidget(header)
            header.deleteLater()
        self.headers = {}
        for i, track in enumerate(project.tracks, start=1):
            header = TrackHeader(track, self.history)
            header.setMinimumHeight(LANE_HEIGHT)
            header.spectrum.toggled.connect(
                lambda on, kind=track.kind: self.spectrogram_toggled.emit(kind, on))
            self.headers[track.kind] = header
            self.grid.addWidget(header, i, 0)

    def _on_track_look_changed(self, name: str, _value: object) -> None:
        """Lanes look like what is heard: dimmed when muted or when another track is soloed;
        the background drawn at its music-suppression level."""
        if name not in ("", "mute", "solo", "suppression", "ambience_db", "ambience_source"):
            return
        soloing = any(t.solo for t in self._look_tracks)
        for track in self._look_tracks:
            lane = self.lanes.get(track.kind)
            if lane is None:
                continue
            lane.set_dimmed(track.mute or (soloing and not track.solo))
            if track.kind == "background":
                music = suppression_gain(track.suppression)
                # with the ambience split off, suppression leaves it at its own level
                kept = fader_amp(track.ambience_db) - music if track.ambience_source else 0.0
                lane.set_display_gain(music, kept)

    def _update_event_count(self, project: Project | None) -> None:
        if project is None:
            return
        n = project.event_count
        self.events_title.setText(
            f"<b>Foley events</b> <span style='color:{theme.DIM}'>({n})</span>")

    def close_panel(self) -> None:
        for header in self.headers.values():
            header.disconnect_model()
        for lane in self.lanes.values():
            lane.close_lane()
        self.events.close_lane()
        self.ruler.decor.disconnect()

