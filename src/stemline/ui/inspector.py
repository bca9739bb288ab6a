"""Inspector for the selected Foley event: when, how long, which sound, level and pan.

Fields are bound to the event through the history like the track headers, so typing a value or
dragging a slider is undoable; Audition and Assign go back to the window through signals.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from stemline.core.history import History
from stemline.core.project import GAIN_MAX_DB, GAIN_MIN_DB, OBJECTS, SURFACES, FoleyEvent
from stemline.ui import theme
from stemline.ui.bindings import Binding, Bindings, bind_slider, bind_spin
from stemline.ui.slider_value import SliderValue, ValueSlider


class EventInspector(QWidget):
    """Edits one :class:`FoleyEvent` (or shows a hint when none is selected).

    Signals
    -------
    audition_requested(FoleyEvent), assign_requested(FoleyEvent)
    material_changed(FoleyEvent, str, str) : the user corrected the guessed "surface" or
        "object" (field name, new value); the window re-picks the sound in the same undo step.
    """

    audition_requested = Signal(object)
    assign_requested = Signal(object)
    material_changed = Signal(object, str, str)

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        # Not ``self.event``: that would shadow QWidget.event(), which Qt calls for every event.
        self.foley_event: FoleyEvent | None = None
        self.bindings = Bindings()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel("<b>Foley event</b>")
        lay.addWidget(self.title)
        self.hint = QLabel("Select an event in the Foley events lane.")
        self.hint.setStyleSheet(f"color: {theme.DIM};")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.label = QLineEdit()
        self.start = QDoubleSpinBox()
        self.start.setDecimals(3)
        self.start.setSuffix(" s")
        self.start.setRange(0.0, 1e6)
        self.start.setSingleStep(0.01)
        self.duration = QDoubleSpinBox()
        self.duration.setDecimals(3)
        self.duration.setSuffix(" s")
        self.duration.setRange(0.001, 60.0)
        self.duration.setSingleStep(0.01)
        self.gain = ValueSlider(Qt.Orientation.Horizontal)
        self.gain.setRange(round(GAIN_MIN_DB * 10), round(GAIN_MAX_DB * 10))
        self.pan = ValueSlider(Qt.Orientation.Horizontal)
        self.pan.setRange(-100, 100)
        self.gain_value = SliderValue(self.gain, "db")
        self.pan_value = SliderValue(self.pan, "pan")
        self.sound = QLabel("\u2014")
        self.sound.setWordWrap(True)
        self.sound.setStyleSheet(f"color: {theme.LANE_COLORS['foley']};")
        form.addRow("Label", self.label)
        form.addRow("Start", self.start)
        form.addRow("Length", self.duration)
        form.addRow("Gain", self._with_value(self.gain, self.gain_value))
        form.addRow("Pan", self._with_value(self.pan, self.pan_value))
        # what the analysis saw: hit on what, by what (a correction re-picks the sound)
        self.surface = self._picker("surface", SURFACES,
                                    "What was hit, as seen in the picture. Change it to re-pick the sound.")
        self.object = self._picker("object", OBJECTS,
                                   "What hit it, from its size and motion. Change it to re-pick the sound.")
        form.addRow("Surface", self.surface)
        form.addRow("Object", self.object)
        form.addRow("Sound", self.sound)
        buttons = QHBoxLayout()
        self.audition = QPushButton("\u25b6 Audition")
        self.assign = QPushButton("Assign sound\u2026")
        self.audition.clicked.connect(self._on_audition)
        self.assign.clicked.connect(self._on_assign)
        buttons.addWidget(self.audition)
        buttons.addWidget(self.assign)
        form.addRow(buttons)
        lay.addWidget(self.form_box)
        lay.addStretch(1)  # keep the title at the top when nothing is selected
        self.label.editingFinished.connect(self._on_label_edited)
        self.set_event(None)

    def set_event(self, event: FoleyEvent | None) -> None:
        """Show ``event`` (None: nothing selected)."""
        self.bindings.disconnect_all()
        if self.foley_event is not None:
            self.foley_event.changed.disconnect(self._on_event_changed)
        self.foley_event = event
        self.form_box.setVisible(event is not None)
        self.hint.setVisible(event is None)
        if event is None:
            return
        b = self.bindings
        b.add(bind_spin(self.start, event, "start", self.history))
        b.add(bind_spin(self.duration, event, "duration", self.history))
        b.add(bind_slider(self.gain, event, "gain_db", self.history, scale=10))
        b.add(bind_slider(self.pan, event, "pan", self.history, scale=100))
        b.add(Binding(event, "label", self.history, self.label.setText, self.label.blockSignals))
        event.changed.connect(self._on_event_changed)
        for name in ("sound", "surface", "object"):
            self._on_event_changed(name, getattr(event, name))

    def _on_event_changed(self, name: str, value: object) -> None:
        if name in ("surface", "object"):
            box = self.surface if name == "surface" else self.object
            box.setCurrentIndex(max(0, box.findData(value or "")))
        if name == "sound":
            self.sound.setText(Path(str(value)).name if value else "\u2014 (none)")
            self.sound.setToolTip(str(value or ""))

    def _on_label_edited(self) -> None:
        if self.foley_event is not None and self.label.text() != self.foley_event.label:
            self.history.set(self.foley_event, "label", self.label.text(), "Rename event")
            self.history.seal()

    @staticmethod
    def _with_value(slider: QWidget, value: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(slider, 1)
        row.addWidget(value)
        return box

    def _picker(self, name: str, options: tuple[str, ...], tip: str) -> QComboBox:
        """A choice of ``options`` (or unknown) for the event's field ``name``."""
        box = QComboBox()
        box.addItem("\u2014 unknown", "")
        for option in options:
            box.addItem(option.capitalize(), option)
        box.setToolTip(tip)
        box.activated.connect(lambda _i: self._on_material(name, box))
        return box

    def _on_material(self, name: str, box: QComboBox) -> None:
        value = str(box.currentData() or "")
        if self.foley_event is not None and value != getattr(self.foley_event, name):
            self.material_changed.emit(self.foley_event, name, value)

    def _on_audition(self) -> None:
        if self.foley_event is not None:
            self.audition_requested.emit(self.foley_event)

    def _on_assign(self) -> None:
        if self.foley_event is not None:
            self.assign_requested.emit(self.foley_event)
