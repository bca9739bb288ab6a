"""Two-way binding of widgets to model fields, through the history (napari's connect_setattr).

Widget -> model: every change becomes a history command (slider drags merge into one step, sealed
on release). Model -> widget: the widget follows with its signals blocked, so no echo loop. Call
:meth:`Binding.disconnect` (or :meth:`Bindings.disconnect_all`) when the widget closes.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QComboBox, QDoubleSpinBox

from stemline.core.history import History
from stemline.core.project import Model


class Binding:
    """One widget bound to ``model.<name>``."""

    def __init__(self, model: Model, name: str, history: History,
                 set_widget: Callable[[Any], None], block: Callable[[bool], bool]) -> None:
        self.model, self.name, self.history = model, name, history
        self._set_widget, self._block = set_widget, block
        #: Widget signals feeding this binding, cut by :meth:`disconnect` so a widget rebound to
        #: another model no longer edits the old one.
        self._links: list[tuple[Any, Callable[..., None]]] = []
        model.changed.connect(self._on_model_changed)
        self._on_model_changed(name, getattr(model, name))

    def _on_model_changed(self, name: str, value: Any) -> None:
        if name != self.name:
            return
        was = self._block(True)
        try:
            self._set_widget(value)
        finally:
            self._block(was)

    def push(self, value: Any, *, seal: bool) -> None:
        """Send a widget value to the model as an undoable edit."""
        try:
            self.history.set(self.model, self.name, value)
        except (TypeError, ValueError):
            # The widget's range should make this impossible; fall back to the model's value.
            self._on_model_changed(self.name, getattr(self.model, self.name))
            return
        if seal:
            self.history.seal()

    def link(self, signal: Any, slot: Callable[..., None]) -> None:
        """Connect a widget's ``signal`` to ``slot`` for as long as this binding lives."""
        signal.connect(slot)
        self._links.append((signal, slot))

    def disconnect(self) -> None:
        self.model.changed.disconnect(self._on_model_changed)
        for signal, slot in self._links:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the widget is already gone
                pass
        self._links.clear()


def bind_slider(slider: QAbstractSlider, model: Model, name: str, history: History, *,
                scale: float = 1.0) -> Binding:
    """Bind an integer slider to a float field (``field = slider.value() / scale``).

    A drag is one undo step: commands merge while the slider is down and seal on release.
    """
    binding = Binding(model, name, history, lambda v: slider.setValue(round(v * scale)),
                      slider.blockSignals)
    binding.link(slider.valueChanged,
                 lambda v: binding.push(v / scale, seal=not slider.isSliderDown()))
    binding.link(slider.sliderReleased, history.seal)
    return binding


def bind_spin(spin: QDoubleSpinBox, model: Model, name: str, history: History) -> Binding:
    """Bind a spin box: a typed value applies on Enter or focus-out (not per keystroke, which
    would apply "0" of "0.950" and rewrite the field under the cursor); arrows step at once."""
    spin.setKeyboardTracking(False)
    binding = Binding(model, name, history, spin.setValue, spin.blockSignals)
    binding.link(spin.valueChanged, lambda v: binding.push(float(v), seal=False))
    binding.link(spin.editingFinished, history.seal)
    return binding


def bind_toggle(button: QAbstractButton, model: Model, name: str, history: History) -> Binding:
    """Bind a checkable button or check box to a bool field (each click is one step)."""
    binding = Binding(model, name, history, button.setChecked, button.blockSignals)
    binding.link(button.toggled, lambda on: binding.push(bool(on), seal=True))
    return binding


def bind_combo(combo: QComboBox, model: Model, name: str, history: History,
               values: tuple[str, ...]) -> Binding:
    """Bind a combo box whose item ``i`` stands for ``values[i]`` (each choice is one step)."""
    binding = Binding(model, name, history, lambda v: combo.setCurrentIndex(values.index(v)),
                      combo.blockSignals)
    binding.link(combo.currentIndexChanged,
                 lambda i: binding.push(values[i], seal=True) if 0 <= i < len(values) else None)
    return binding


class Bindings:
    """A widget's bindings, disconnected together on close."""

    def __init__(self) -> None:
        self.items: list[Binding] = []

    def add(self, binding: Binding) -> Binding:
        self.items.append(binding)
        return binding

    def disconnect_all(self) -> None:
        for binding in self.items:
            binding.disconnect()
        self.items.clear()
