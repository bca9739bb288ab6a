"""Per-track header: gain, mute, solo, suppression, ducking, pan, width, auto-pan.

Each control is bound to a :class:`~stemline.core.project.Track` field through the history, so
every change is undoable and a slider drag is a single step.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QSlider, QToolButton, QWidget)

from stemline.core.history import History
from stemline.core.project import GAIN_MAX_DB, GAIN_MIN_DB, ROOMS, Track
from stemline.ui import theme
from stemline.ui.bindings import Bindings, bind_combo, bind_slider, bind_toggle
from stemline.ui.slider_value import SliderValue, ValueSlider

_TIPS = {
    "original": "The file as it is. Once stems exist it plays only when soloed (A/B reference).",
    "voice": "Dialogue and singing separated from everything else.",
    "background": "Music, ambience and effects without the voice.",
    "foley": "Sounds generated for the contacts spotted in the video.",
}


def _slider(lo: int, hi: int, tip: str) -> QSlider:
    s = ValueSlider(Qt.Orientation.Horizontal)
    s.setRange(lo, hi)
    s.setToolTip(tip)
    s.setMinimumWidth(44)  # room for the values beside them in a 300-px header
    s.setFixedHeight(16)
    return s


def _toggle(text: str, tip: str, colour: str) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setCheckable(True)
    b.setToolTip(tip)
    b.setFixedSize(22, 20)
    b.setStyleSheet(f"QToolButton:checked {{ background: {colour}; color: #111; }}")
    return b


class TrackHeader(QFrame):
    """Controls of one track, left of its lane.

    Attributes
    ----------
    gain, pan, width_slider, suppression, ducking : sliders (value = field * 10, or * 100 for 0..1).
    mute, solo : toggle buttons; auto_pan : check box (Foley only).
    """

    def __init__(self, track: Track, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track, self.history = track, history
        self.bindings = Bindings()
        colour = theme.LANE_COLORS.get(track.kind, theme.TEXT)
        self.setObjectName("TrackHeader")
        self.setStyleSheet(f"#TrackHeader {{ background: {theme.PANEL};"
                           f" border-left: 4px solid {colour}; }}"
                           "QLabel { font-size: 11px; }")
        self.setToolTip(_TIPS.get(track.kind, ""))
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 3, 6, 3)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)

        title = QHBoxLayout()
        self.name = QLabel(f"<b>{track.name}</b>")
        self.mute = _toggle("M", "Mute", "#ffb74d")
        self.solo = _toggle("S", "Solo", "#81c784")
        self.spectrum = _toggle("\u2248", "Spectrogram view of this lane", "#90caf9")
        title.addWidget(self.name)
        title.addStretch(1)
        self.gain = _slider(round(GAIN_MIN_DB * 10), round(GAIN_MAX_DB * 10), "Gain (dB)")
        # Every slider shows its value; double-click the value (or the slider) to type one.
        self.gain_label = SliderValue(self.gain, "db")
        title.addWidget(self.gain_label)
        title.addWidget(self.spectrum)
        title.addWidget(self.mute)
        title.addWidget(self.solo)
        grid.addLayout(title, 0, 0, 1, 6)

        self.pan = _slider(-100, 100, "Pan: left .. right")
        # Not ``self.width``: that would shadow QWidget.width().
        self.width_slider = _slider(0, 100, "Stereo width: mono .. original")
        self.suppression: QSlider | None = None
        self.ducking: QSlider | None = None
        self.auto_pan: QCheckBox | None = None
        self.room: QComboBox | None = None
        self.ambience: QSlider | None = None
        # (label, slider, value format) pairs per row; the gain's value sits in the title row.
        rows: list[list[tuple[str, QSlider, str]]] = [[("Gain", self.gain, "")]]
        if track.kind == "voice":
            self.suppression = _slider(0, 100, "Noise suppression between words")
            rows.append([("Denoise", self.suppression, "percent")])
        elif track.kind == "background":
            self.suppression = _slider(0, 100, "Music suppression amount")
            self.ducking = _slider(0, 100, "Ducking: how far the background dips under the voice")
            rows.append([("Music", self.suppression, "percent"),
                         ("Duck", self.ducking, "percent")])
            self.ambience = _slider(round(GAIN_MIN_DB * 10), round(GAIN_MAX_DB * 10), "")
            rows.append([("Ambient", self.ambience, "db")])  # "Ambience" is wider than the column
        rows.append([("Pan", self.pan, "pan"), ("Width", self.width_slider, "percent")])
        self.values: dict[str, SliderValue] = {"gain": self.gain_label}
        for r, row in enumerate(rows, start=1):
            for c, (label, slider, kind) in enumerate(row):
                grid.addWidget(QLabel(label), r, 3 * c)
                grid.addWidget(slider, r, 3 * c + 1)
                if kind:
                    value = SliderValue(slider, kind)
                    value.setFixedWidth(value.fontMetrics().horizontalAdvance("100 %") + 16)
                    self.values[label.lower()] = value
                    grid.addWidget(value, r, 3 * c + 2)
        if track.kind == "foley":
            # Beside the gain rather than on a row of its own: lanes are short on small screens.
            self.auto_pan = QCheckBox("Auto-pan")
            self.auto_pan.setToolTip("Place each Foley event where its source is in the picture")
            grid.addWidget(self.auto_pan, 1, 3, 1, 3)
            self.room = QComboBox()
            self.room.addItems([name.capitalize() for name in ROOMS])
            self.room.setToolTip("The room the Foley sounds are given a tail in: none, the "
                                 "scene's own (its RT60, heard in its audio), or a preset")
            self.room.setFixedHeight(20)
            grid.addWidget(QLabel("Room"), len(rows) + 1, 0)
            grid.addWidget(self.room, len(rows) + 1, 1, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)

        self.bind(track)
        self.setFixedWidth(300)

    def bind(self, track: Track) -> None:
        """Follow ``track`` (of this header's kind) from now on: a new project reuses the
        headers it has instead of building them again while its media loads."""
        assert track.kind == self.track.kind, (track.kind, self.track.kind)
        self.disconnect_model()
        self.track = track
        self.name.setText(f"<b>{track.name}</b>")
        # The view toggle is the lane's, not the track's: a new file starts on the waveform
        # (the panel resets the lanes itself, so no signal).
        was = self.spectrum.blockSignals(True)
        self.spectrum.setChecked(False)
        self.spectrum.blockSignals(was)
        b, history = self.bindings, self.history
        b.add(bind_slider(self.gain, track, "gain_db", history, scale=10))
        b.add(bind_slider(self.pan, track, "pan", history, scale=100))
        b.add(bind_slider(self.width_slider, track, "width", history, scale=100))
        b.add(bind_toggle(self.mute, track, "mute", history))
        b.add(bind_toggle(self.solo, track, "solo", history))
        if self.suppression is not None:
            b.add(bind_slider(self.suppression, track, "suppression", history, scale=100))
        if self.ducking is not None:
            b.add(bind_slider(self.ducking, track, "ducking", history, scale=100))
        if self.auto_pan is not None:
            b.add(bind_toggle(self.auto_pan, track, "auto_pan", history))
        if self.room is not None:
            b.add(bind_combo(self.room, track, "room", history, ROOMS))
            track.changed.connect(self._on_track_changed)
            self._show_estimate(track.room_rt60_s)
        if self.ambience is not None:
            b.add(bind_slider(self.ambience, track, "ambience_db", history, scale=10))
            track.changed.connect(self._on_track_changed)
            self._show_ambience(track.ambience_source)

    def _on_track_changed(self, name: str, value: object) -> None:
        if name == "room_rt60_s":
            self._show_estimate(value)  # type: ignore[arg-type]
        elif name == "ambience_source":
            self._show_ambience(value)  # type: ignore[arg-type]

    def _show_ambience(self, source: str | None) -> None:
        """The ambience level means something once the background has been split."""
        assert self.ambience is not None
        self.ambience.setEnabled(bool(source))
        self.ambience.setToolTip(
            "Ambient: the ambience (rain, traffic, room tone) kept at this level while Music "
            "suppression removes the music" if source else
            "Ambient: available once the background has been split into music and ambience "
            "(after separation); until then Music suppression scales the whole background")

    def _show_estimate(self, rt60: float | None) -> None:
        """The "estimated" choice says what was heard (or that nothing could be)."""
        assert self.room is not None
        self.room.setItemText(ROOMS.index("estimated"), "Estimated, "
                              + (f"RT60 {rt60:.2f} s" if rt60 is not None else "not known"))

    def closeEvent(self, ev: object) -> None:  # noqa: N802
        self.disconnect_model()
        super().closeEvent(ev)  # type: ignore[arg-type]

    def disconnect_model(self) -> None:
        """Stop following the track (called when the project is replaced)."""
        self.bindings.disconnect_all()
        self.track.changed.disconnect(self._on_track_changed)  # (unknown listeners: ignored)
