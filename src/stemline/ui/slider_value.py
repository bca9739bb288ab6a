"""A slider's value as text beside it, typed into on double-click (of the text or the slider).

The text is a read-only line edit until double-clicked; Enter or focus-out applies the typed
value through the slider (so the slider's binding makes it one undoable edit), Escape gives up.
Formats: ``db`` (slider = dB x 10), ``percent`` (0..100), ``pan`` (-100..100 as L/C/R).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractSlider, QLineEdit, QSlider, QWidget

from stemline.core.project import GAIN_MIN_DB


def format_value(kind: str, v: int) -> str:
    if kind == "db":
        return "-inf dB" if v / 10 <= GAIN_MIN_DB else f"{v / 10:+.1f} dB"
    if kind == "pan":
        return "C" if v == 0 else f"{'L' if v < 0 else 'R'}{abs(v)}"
    return f"{v} %"


def parse_value(kind: str, text: str) -> int | None:
    """The slider value a typed text means, or None when it means nothing."""
    t = text.strip().upper().replace(",", ".")
    if kind == "pan":
        if t in ("C", "0", "CENTRE", "CENTER"):
            return 0
        m = re.fullmatch(r"([LR])\s*(\d+(?:\.\d+)?)", t)
        if m:
            return round(float(m.group(2))) * (-1 if m.group(1) == "L" else 1)
    m = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)\s*(DB|%)?", t)
    if m is None:
        return None
    number = float(m.group(1))
    return round(number * 10) if kind == "db" else round(number)


class ValueSlider(QSlider):
    """A slider that tells its readout about every value change, including the ones made with
    its signals blocked (a binding following the model: undo, another widget's edit)."""

    def __init__(self, orientation: Qt.Orientation = Qt.Orientation.Horizontal,
                 parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.readouts: list[SliderValue] = []

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:  # noqa: N802
        super().sliderChange(change)
        if change == QAbstractSlider.SliderChange.SliderValueChange:
            for readout in self.readouts:
                readout.show_value(self.value())


class SliderValue(QLineEdit):
    """The value of ``slider``, kept up to date; double-click to type a new one."""

    def __init__(self, slider: QAbstractSlider, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider, self.kind = slider, kind
        self.setReadOnly(True)
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("-inf dB") + 8)
        self.setToolTip("Double-click to type a value")
        self.setStyleSheet("QLineEdit { background: transparent; font-size: 11px; }"
                           "QLineEdit[editing=\"true\"] { background: #2b2f36; }")
        if isinstance(slider, ValueSlider):
            slider.readouts.append(self)
        else:
            slider.valueChanged.connect(self.show_value)
        slider.installEventFilter(self)
        self.editingFinished.connect(self._apply)
        self.show_value(slider.value())

    def show_value(self, value: int) -> None:
        if self.isReadOnly():
            self.setText(format_value(self.kind, value))

    def start_editing(self) -> None:
        self.setReadOnly(False)
        self.setProperty("editing", True)
        self.style().polish(self)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.selectAll()

    def _apply(self) -> None:
        if self.isReadOnly():
            return
        value = parse_value(self.kind, self.text())
        self._stop_editing()
        if value is not None:
            self.slider.setValue(max(self.slider.minimum(), min(self.slider.maximum(), value)))
        self.show_value(self.slider.value())

    def _stop_editing(self) -> None:
        self.setReadOnly(True)
        self.setProperty("editing", False)
        self.style().polish(self)

    def mouseDoubleClickEvent(self, ev: QMouseEvent) -> None:  # noqa: N802
        self.start_editing()

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802
        if ev.key() == Qt.Key.Key_Escape and not self.isReadOnly():
            self._stop_editing()
            self.show_value(self.slider.value())
            return
        super().keyPressEvent(ev)

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:  # noqa: N802
        if watched is self.slider and ev.type() == QEvent.Type.MouseButtonDblClick:
            self.start_editing()
            return True
        return False
