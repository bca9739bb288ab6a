"""The history's whole contract, written against the mutants mutmut made of core/history.py that
the older tests let live (see docs/testing.md): labels in the Edit menu, the limit, the clean
state at every edge, merging rules, signals and the serial, macros."""
from __future__ import annotations

import pytest

from stemline.core.history import (AddEvent, Command, Compound, History, RemoveEvent, SetField,
                                   field_label)
from stemline.core.project import FoleyEvent, Project


class Counter:
    def __init__(self, history: History) -> None:
        self.n = 0
        history.changed.connect(self.bump)

    def bump(self) -> None:
        self.n += 1


@pytest.fixture
def setup():
    project = Project(duration=10.0)
    history = History()
    return project, project.track("voice"), history, Counter(history)


def test_edit_menu_labels():
    assert field_label("gain_db") == "gain"
    assert field_label("lowpass_hz") == "low-pass"
    assert field_label("duration") == "length"
    assert field_label("auto_pan") == "auto pan"
    assert field_label("start") == "start"
    assert field_label("db") == "db"            # a bare unit is not stripped to nothing
    track = Project().track("voice")
    assert SetField(track, "gain_db", -3.0).text == "Change gain"
    assert SetField(track, "gain_db", -3.0, "Fade").text == "Fade"
    event = FoleyEvent(label="door")
    assert AddEvent(Project(), event).text == "Add event door"
    assert RemoveEvent(Project(), event).text == "Delete event door"
    nameless = FoleyEvent()
    assert AddEvent(Project(), nameless).text == f"Add event {nameless.id}"
    assert RemoveEvent(Project(), nameless).text == f"Delete event {nameless.id}"
    assert Command.text == "Edit" and Command().merge_id() is None
    assert Command().merge_with(Command()) is False


def test_setfield_validates_before_anything_happens(setup):
    project, track, history, calls = setup
    with pytest.raises(AttributeError, match="Track has no field 'volume'"):
        SetField(track, "volume", 1.0)
    with pytest.raises(ValueError):
        history.set(track, "gain_db", float("nan"))
    assert not history.can_undo and calls.n == 0 and history.serial == 0
    command = SetField(track, "gain_db", -6.0)
    assert (command.old, command.new) == (0.0, -6.0) and track.gain_db == 0.0


def test_merge_only_the_same_field_of_the_same_object(setup):
    project, track, history, _ = setup
    other = project.track("background")
    a = SetField(track, "gain_db", -1.0)
    assert a.merge_id() == SetField(track, "gain_db", -2.0).merge_id()
    assert a.merge_id() != SetField(other, "gain_db", -2.0).merge_id()
    assert a.merge_id() != SetField(track, "pan", 0.5).merge_id()
    assert not a.merge_with(SetField(other, "gain_db", -2.0))
    assert not a.merge_with(SetField(track, "pan", 0.5))
    assert not a.merge_with(AddEvent(project, FoleyEvent()))
    assert a.merge_with(SetField(track, "gain_db", -2.0)) and a.new == -2.0 and a.old == 0.0


def test_remove_and_undo_keep_the_event_order(setup):
    project, _track, history, _ = setup
    events = [FoleyEvent(start=float(i), label=f"e{i}") for i in range(3)]
    for e in events:
        history.push(AddEvent(project, e))
    history.push(RemoveEvent(project, events[1]))
    assert [e.label for e in project.events] == ["e0", "e2"]
    history.undo()
    assert [e.label for e in project.events] == ["e0", "e1", "e2"]
    history.redo()
    history.undo()
    assert [e.label for e in project.events] == ["e0", "e1", "e2"]
    first = FoleyEvent(label="first")
    history.push(AddEvent(project, first, index=0))
    assert project.events[0] is first


def test_signals_serial_and_texts(setup):
    project, track, history, calls = setup
    assert (history.undo(), history.redo()) == (False, False)
    assert calls.n == 0 and history.serial == 0
    history.set(track, "gain_db", -3.0)
    assert (calls.n, history.serial) == (1, 1)
    history.set(track, "gain_db", -3.0)            # no change: nothing happens
    assert (calls.n, history.serial) == (1, 1)
    history.set(track, "gain_db", -4.0)            # merges: still a signal and a serial
    assert (calls.n, history.serial) == (2, 2)
    assert history.undo_text == "Change gain" and history.redo_text == ""
    assert history.undo() and track.gain_db == 0.0 and (calls.n, history.serial) == (3, 3)
    assert history.redo_text == "Change gain" and history.undo_text == ""
    assert history.can_redo and not history.can_undo
    assert history.redo() and track.gain_db == -4.0 and (calls.n, history.serial) == (4, 4)
    history.clear()
    assert (calls.n, history.serial) == (5, 5)
    assert not history.can_undo and not history.can_redo and history.is_clean
    history.mark_modified()
    assert calls.n == 6 and not history.is_clean
    history.mark_clean()
    assert calls.n == 7 and history.is_clean


def test_a_new_edit_after_undo_drops_the_redo_and_the_saved_state(setup):
    project, track, history, _ = setup
    history.set(track, "gain_db", -3.0)
    history.seal()
    history.set(track, "gain_db", -6.0)
    history.mark_clean()                       # saved at -6
    history.undo()
    assert not history.is_clean
    history.set(track, "pan", 0.5)             # a new branch: -6 can't be reached any more
    assert not history.can_redo
    assert not history.is_clean
    history.undo()
    assert not history.is_clean and track.gain_db == -3.0
    history.redo()
    assert not history.is_clean


def test_merging_stops_at_seal_undo_and_the_saved_point(setup):
    project, track, history, _ = setup
    history.set(track, "gain_db", -1.0)
    history.set(track, "gain_db", -2.0)
    history.seal()
    history.set(track, "gain_db", -3.0)
    history.undo()
    assert track.gain_db == -2.0
    history.undo()
    assert track.gain_db == 0.0 and not history.can_undo
    history.redo()
    history.set(track, "gain_db", -5.0)       # after a redo: a new step, not a merge
    history.undo()
    assert track.gain_db == -2.0
    history.set(track, "gain_db", -7.0)
    history.mark_clean()                      # saved: the next set must not change the saved step
    history.set(track, "gain_db", -8.0)
    assert not history.is_clean
    history.undo()
    assert track.gain_db == -7.0 and history.is_clean


def test_the_limit_drops_the_oldest_steps_and_the_saved_state_with_them():
    project = Project()
    track = project.track("voice")
    history = History(limit=3)
    for k in range(1, 6):
        history.set(track, "gain_db", -float(k))
        history.seal()
    undone = 0
    while history.undo():
        undone += 1
    assert undone == 3 and track.gain_db == -2.0
    # The saved point moves down with the steps; once it falls off, it can't be reached.
    h2 = History(limit=2)
    h2.set(track, "pan", 0.1)
    h2.seal()
    h2.mark_clean()
    h2.set(track, "pan", 0.2)
    h2.seal()
    h2.undo()
    assert h2.is_clean
    h2.redo()
    h2.set(track, "pan", 0.3)
    h2.seal()                                 # three steps in a history of two: 0.1 fell off,
    while h2.undo():                          # and the state it made is now the oldest one
        pass
    assert h2.is_clean and track.pan == 0.1
    h3 = History(limit=2)
    track.pan = 0.0
    h3.mark_clean()                           # saved with nothing done
    for v in (0.1, 0.2, 0.3):
        h3.set(track, "pan", v)
        h3.seal()
    while h3.undo():
        pass
    assert not h3.is_clean and track.pan == 0.1   # the saved state fell off the end


def test_macros(setup):
    project, track, history, calls = setup
    with history.macro("Fade both") as compound:
        history.set(track, "gain_db", -6.0)
        history.set(project.track("background"), "gain_db", -6.0)
        assert not history.undo() and not history.redo()       # not inside a macro
        assert calls.n == 0
    assert isinstance(compound, Compound) and len(compound.commands) == 2
    assert calls.n == 1 and history.undo_text == "Fade both"
    history.set(track, "gain_db", -9.0)       # not merged into the macro's step
    history.undo()
    assert track.gain_db == -6.0
    history.undo()
    assert track.gain_db == 0.0 and project.track("background").gain_db == 0.0
    with history.macro("nothing"):
        pass
    assert not history.can_undo
    with pytest.raises(RuntimeError):
        with history.macro("broken"):
            history.set(track, "gain_db", -3.0)
            raise RuntimeError("fail")
    assert track.gain_db == 0.0 and history.undo_text == "" and history.redo_text == "Fade both"
    with history.macro("outer"):
        with history.macro("inner"):
            history.set(track, "gain_db", -1.0)
        history.set(track, "pan", 0.5)
    assert history.undo_text == "outer" and not history.can_redo
    history.undo()
    assert (track.gain_db, track.pan) == (0.0, 0.0) and not history.can_undo


def test_clean_state_edges_of_new_branches_and_macros(setup):
    project, track, history, _ = setup
    history.set(track, "gain_db", -1.0, "Trim")
    assert history.undo_text == "Trim"                 # set passes its text through
    history.seal()
    history.mark_clean()                               # saved with one step
    history.set(track, "pan", 0.2)
    history.undo()                                     # back at the saved point
    history.set(track, "pan", -0.2)                    # a branch from the saved point itself
    history.undo()
    assert history.is_clean                            # ... which stays reachable
    history.undo()                                     # below the saved point
    assert not history.is_clean
    with history.macro("both"):                        # a macro from below the saved point
        history.set(track, "pan", 0.4)
    assert not history.is_clean                        # one step again, but not the saved one
    history.undo()
    assert not history.is_clean


def test_default_limit_and_edits_after_unreachable_saves(setup):
    project, track, history, _ = setup
    for k in range(1001):
        history.set(track, "pan", (k % 100) / 100.0 + 0.001)
        history.seal()
    undone = 0
    while history.undo():
        undone += 1
    assert undone == 1000
    # A save made unreachable (by a branch, or by mark_modified) keeps every later edit working.
    h = History()
    h.set(track, "gain_db", -1.0)
    h.mark_clean()
    h.undo()
    h.set(track, "gain_db", -2.0)          # branch: the save at -1 is gone
    h.undo()
    h.set(track, "gain_db", -3.0)
    h.undo()
    with h.macro("m"):
        h.set(track, "gain_db", -4.0)
    assert not h.is_clean and track.gain_db == -4.0
    h.mark_modified()
    h.undo()
    h.set(track, "gain_db", -5.0)
    with h.macro("n"):
        h.set(track, "pan", 0.3)
    assert not h.is_clean and h.undo_text == "n"


def test_macro_from_the_saved_point_keeps_it_reachable(setup):
    project, track, history, _ = setup
    history.set(track, "gain_db", -1.0)
    history.seal()
    history.mark_clean()
    history.set(track, "pan", 0.2)
    history.undo()                          # at the saved point, with a step to redo
    with history.macro("both"):
        history.set(track, "pan", -0.2)
    assert not history.is_clean and not history.can_redo
    history.undo()
    assert history.is_clean
