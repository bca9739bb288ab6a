"""Undoable commands and the history that runs them (Olive/OpenShot style, Qt-free).

The history is the only way the UI edits a project: every change is a :class:`Command` with
``redo()``/``undo()``. Consecutive commands with the same :meth:`Command.merge_id` merge into one
step while merging is open, so a slider drag is one undo step; the UI calls :meth:`History.seal`
when the drag ends.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Hashable, Iterator

from stemline.core.events import Signal
from stemline.core.project import FoleyEvent, Model, Project


class Command:
    """One reversible edit. Subclasses implement :meth:`redo` and :meth:`undo`."""

    text = "Edit"

    def redo(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def merge_id(self) -> Hashable | None:
        """Commands with equal, non-None ids may merge (see :meth:`merge_with`)."""
        return None

    def merge_with(self, newer: Command) -> bool:
        """Absorb ``newer`` (already applied) into ``self``; return True when done."""
        return False


def field_label(name: str) -> str:
    """How the Edit menu names a field: ``gain_db`` -> "gain", ``lowpass_hz`` -> "low-pass"."""
    for unit in ("_db", "_hz"):
        if name.endswith(unit):
            name = name[: -len(unit)]
    return {"lowpass": "low-pass", "duration": "length"}.get(name, name.replace("_", " "))


class SetField(Command):
    """Set one field of one model; merges with later sets of the same field (slider drags).

    The old value is captured at construction, so create the command right before pushing it.
    """

    def __init__(self, target: Model, name: str, value: Any, text: str | None = None) -> None:
        if name not in target._fields:
            raise AttributeError(f"{type(target).__name__} has no field {name!r}")
        self.target, self.name = target, name
        # Validate now: a bad value must fail before it reaches the history.
        self.new = target._fields[name].validate(name, value)
        self.old = getattr(target, name)
        self.text = text or f"Change {field_label(name)}"

    def redo(self) -> None:
        setattr(self.target, self.name, self.new)

    def undo(self) -> None:
        setattr(self.target, self.name, self.old)

    def merge_id(self) -> Hashable:
        return (id(self.target), self.name)

    def merge_with(self, newer: Command) -> bool:
        if not isinstance(newer, SetField) or newer.target is not self.target \
                or newer.name != self.name:
            return False
        self.new = newer.new
        return True


class AddEvent(Command):
    def __init__(self, project: Project, event: FoleyEvent, index: int | None = None) -> None:
        self.project, self.event, self.index = project, event, index
        self.text = f"Add event {event.label or event.id}"

    def redo(self) -> None:
        self.project.insert_event(self.event, self.index)

    def undo(self) -> None:
        self.project.remove_event(self.event)


class RemoveEvent(Command):
    def __init__(self, project: Project, event: FoleyEvent) -> None:
        self.project, self.event = project, event
        self.index: int | None = None
        self.text = f"Delete event {event.label or event.id}"

    def redo(self) -> None:
        self.index = self.project.remove_event(self.event)

    def undo(self) -> None:
        self.project.insert_event(self.event, self.index)


class Compound(Command):
    """Several commands as one step; undone in reverse order."""

    def __init__(self, text: str, commands: list[Command] | None = None) -> None:
        self.text = text
        self.commands: list[Command] = list(commands or [])

    def redo(self) -> None:
        for command in self.commands:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.commands):
            command.undo()


class History:
    """Undo/redo stack over a project.

    Signals
    -------
    changed() : after any push, undo, redo, clear or clean-state change.
    """

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._open = False  # may the top command absorb the next push?
        self._macro: list[Compound] = []
        self._clean: int | None = 0  # len(_done) at the last save; None: unreachable
        self._serial = 0  # bumps on every change; autosave compares it
        self.changed = Signal()

    # -- editing -----------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Apply ``command`` and record it (merging into the previous step if allowed)."""
        command.redo()
        self._serial += 1
        if self._macro:
            self._macro[-1].commands.append(command)
            return
        if self._undone:
            if self._clean is not None and self._clean > len(self._done):
                self._clean = None
            self._undone.clear()
        top = self._done[-1] if self._done else None
        mid = command.merge_id()
        if (self._open and top is not None and mid is not None and top.merge_id() == mid
                and len(self._done) != self._clean and top.merge_with(command)):
            self.changed.emit()
            return
        self._done.append(command)
        self._open = True
        if len(self._done) > self.limit:
            del self._done[0]
            if self._clean is not None:
                self._clean = self._clean - 1 if self._clean > 0 else None
        self.changed.emit()

    def set(self, target: Model, name: str, value: Any, text: str | None = None) -> None:
        """Shorthand for pushing a :class:`SetField` (no-op when the value doesn't change)."""
        command = SetField(target, name, value, text)
        if command.new == command.old and type(command.new) is type(command.old):
            return
        self.push(command)

    def seal(self) -> None:
        """End merging: the next command starts a new undo step (call when a drag ends)."""
        self._open = False

    @contextmanager
    def macro(self, text: str) -> Iterator[Compound]:
        """Group every push inside the ``with`` block into one undo step."""
        compound = Compound(text)
        self._macro.append(compound)
        try:
            yield compound
        except BaseException:
            self._macro.pop()
            compound.undo()  # leave the project as it was before the block
            raise
        self._macro.pop()
        if compound.commands:
            # Already applied piecewise: record without redoing.
            self._record(compound)

    def _record(self, command: Command) -> None:
        if self._macro:
            self._macro[-1].commands.append(command)
            return
        if self._clean is not None and self._clean > len(self._done):
            self._clean = None
        self._undone.clear()
        self._done.append(command)
        self._open = False
        self.changed.emit()

    # -- navigation --------------------------------------------------------------------------
    def undo(self) -> bool:
        """Undo one step; False when there is nothing to undo."""
        if not self._done or self._macro:
            return False
        command = self._done.pop()
        command.undo()
        self._undone.append(command)
        self._open = False
        self._serial += 1
        self.changed.emit()
        return True

    def redo(self) -> bool:
        if not self._undone or self._macro:
            return False
        command = self._undone.pop()
        command.redo()
        self._done.append(command)
        self._open = False
        self._serial += 1
        self.changed.emit()
        return True

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._open = False
        self._clean = 0
        self._serial += 1
        self.changed.emit()

    # -- state -------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    @property
    def serial(self) -> int:
        """Changes whenever the project changes through the history."""
        return self._serial

    @property
    def is_clean(self) -> bool:
        """True when the project equals what was last saved (or opened)."""
        return self._clean == len(self._done)

    def mark_modified(self) -> None:
        """Make the current state count as unsaved (e.g. a project recovered from autosave)."""
        self._clean = None
        self.changed.emit()

    def mark_clean(self) -> None:
        """Call after saving: the current state is the saved one."""
        self._clean = len(self._done)
        self._open = False
        self.changed.emit()
