"""A tiny, Qt-free observer: models emit these, widgets (through ui.bindings) listen.

Kept separate from Qt signals on purpose: ``core`` must import without PySide6, and tests of the
model run with no event loop at all (napari's ``EventedModel`` makes the same split).
"""
from __future__ import annotations

from typing import Any, Callable

Listener = Callable[..., None]


class Signal:
    """A list of callables called synchronously, in connection order, on :meth:`emit`.

    Listeners may disconnect themselves (or others) while being called: emit iterates a copy.
    """

    __slots__ = ("_listeners",)

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def connect(self, listener: Listener) -> Listener:
        """Add ``listener`` (twice is a no-op); returns it, so it works as a decorator."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def disconnect(self, listener: Listener | None = None) -> None:
        """Remove ``listener``, or every listener when None. Unknown listeners are ignored."""
        if listener is None:
            self._listeners.clear()
        elif listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, *args: Any) -> None:
        for listener in tuple(self._listeners):
            listener(*args)

    def __len__(self) -> int:
        return len(self._listeners)
