"""Re-spotting a project the user has edited merges instead
of overwriting: the event list stays the only truth of the Foley track.

Re-spotting offers three policies:
- ``replace``: every event goes, the new spotting takes its place;
- ``add``: events stay; spotted hits not within :data:`SAME_HIT_S` of one (or of where a moved
  one was spotted) are added;
- ``keep_edited``: events the user added or changed stay; the ones still as the spotter left
  them are replaced by the new spotting (new hits next to a kept event are not doubled).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from stemline.core.project import FoleyEvent

POLICIES = ("replace", "add", "keep_edited")
#: Two hits closer than this are the same hit (the spotter's own timing is within ~15 ms).
SAME_HIT_S = 0.05


def _snapshot(event: FoleyEvent) -> tuple[Any, ...]:
    return (event.start, event.duration, event.label, event.sound, event.gain_db, event.pan,
            event.lowpass_hz, event.surface, event.object)


class SpottedMemory:
    """What the spotter produced, per event id, to tell edited events from untouched ones.

    Kept for the session only: in a reopened project every event counts as the user's.
    """

    def __init__(self) -> None:
        self._spotted: dict[str, tuple[Any, ...]] = {}

    def remember(self, events: list[FoleyEvent]) -> None:
        for e in events:
            self._spotted[e.id] = _snapshot(e)

    def forget(self) -> None:
        self._spotted.clear()

    def edited(self, event: FoleyEvent) -> bool:
        return self._spotted.get(event.id) != _snapshot(event)

    def spotted_start(self, event: FoleyEvent) -> float | None:
        """Where the spotter put the event before the user moved it (None: the user's own)."""
        snap = self._spotted.get(event.id)
        return None if snap is None else snap[0]


def plan_respot(existing: list[FoleyEvent], spotted: list[FoleyEvent], policy: str,
                memory: SpottedMemory) -> tuple[list[FoleyEvent], list[FoleyEvent]]:
    """(events to remove, events to add) for ``policy``."""
    if policy not in POLICIES:
        raise ValueError(f"unknown re-spot policy {policy!r}")
    if policy == "replace":
        return list(existing), list(spotted)
    kept = existing if policy == "add" else [e for e in existing if memory.edited(e)]
    remove = [e for e in existing if e not in kept]
    # A kept event covers the hit it sits on and, when the user moved it, the hit it was
    # spotted on: re-adding that one would double the sound the user re-timed.
    anchors = [k.start for k in kept]
    anchors += [t for k in kept if (t := memory.spotted_start(k)) is not None]
    add = [s for s in spotted if all(abs(s.start - t) >= SAME_HIT_S for t in anchors)]
    return remove, add


def ask_policy(parent: QWidget, n_events: int, n_edited: int) -> str | None:
    """Ask how to merge a new spotting; None when the user cancels."""
    box = QMessageBox(parent)
    box.setWindowTitle("Foley spotting again")
    box.setText(f"The project has {n_events} Foley events, {n_edited} of them added or changed "
                "by you. What should the new spotting do?")
    keep = box.addButton("Keep my edits", QMessageBox.ButtonRole.AcceptRole)
    add = box.addButton("Add new hits only", QMessageBox.ButtonRole.AcceptRole)
    replace = box.addButton("Replace all", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    for button, policy in ((keep, "keep_edited"), (add, "add"), (replace, "replace")):
        if clicked is button:
            return policy
    return None
