"""Undo/redo, merging of slider drags, compound steps, clean state."""
from __future__ import annotations

import pytest

from stemline.core.history import AddEvent, History, RemoveEvent, SetField
from stemline.core.project import FoleyEvent, Project


def test_undo_redo_set_field() -> None:
    project, history = Project(), History()
    voice = project.track("voice")
    history.set(voice, "gain_db", -6.0)
    history.seal()
    history.set(voice, "mute", True)
    assert history.undo_text == "Change mute"
    assert history.undo() and voice.mute is False and voice.gain_db == -6.0
    assert history.undo() and voice.gain_db == 0.0
    assert not history.undo()
    assert history.redo() and history.redo() and voice.mute is True
    assert not history.can_redo


def test_slider_drag_merges_into_one_step() -> None:
    project, history = Project(), History()
    bg = project.track("background")
    for value in (-1.0, -2.0, -3.5, -7.0):
        history.set(bg, "gain_db", value)
    history.seal()  # drag released
    history.set(bg, "gain_db", -9.0)
    history.undo()
    assert bg.gain_db == -7.0
    history.undo()
    assert bg.gain_db == 0.0 and not history.can_undo


def test_different_fields_do_not_merge() -> None:
    project, history = Project(), History()
    bg = project.track("background")
    history.set(bg, "gain_db", -1.0)
    history.set(bg, "pan", 0.5)
    history.undo()
    assert bg.pan == 0.0 and bg.gain_db == -1.0


def test_invalid_value_never_reaches_history() -> None:
    project, history = Project(), History()
    with pytest.raises(ValueError):
        history.push(SetField(project.track("voice"), "pan", 3.0))
    assert not history.can_undo


def test_macro_is_one_step_and_rolls_back_on_error() -> None:
    project, history = Project(), History()
    a, b = FoleyEvent(start=1.0), FoleyEvent(start=2.0)
    with history.macro("Add two"):
        history.push(AddEvent(project, a))
        history.push(AddEvent(project, b))
    assert len(project.events) == 2 and history.undo_text == "Add two"
    history.undo()
    assert project.events == ()
    with pytest.raises(RuntimeError):
        with history.macro("Broken"):
            history.push(AddEvent(project, a))
            raise RuntimeError("boom")
    assert project.events == ()
    assert history.can_redo  # the failed macro left the redo stack alone


def test_remove_event_restores_position() -> None:
    project, history = Project(), History()
    events = [FoleyEvent(start=float(i)) for i in range(3)]
    for e in events:
        project.insert_event(e)
    history.push(RemoveEvent(project, events[1]))
    history.undo()
    assert project.events == tuple(events)


def test_clean_state_follows_save_point() -> None:
    project, history = Project(), History()
    voice = project.track("voice")
    assert history.is_clean
    history.set(voice, "gain_db", -1.0)
    history.mark_clean()
    history.set(voice, "gain_db", -2.0)  # must not merge into the saved step
    assert not history.is_clean
    history.undo()
    assert history.is_clean and voice.gain_db == -1.0
    history.undo()
    history.set(voice, "pan", 0.3)  # branch away: the saved state is unreachable now
    assert not history.is_clean


def test_a_new_edit_after_undo_clears_redo() -> None:
    """Kills the mutation that deletes ``_undone.clear()`` in the push path."""
    from stemline.core.history import History
    from stemline.core.project import Project

    history, track = History(), Project().track("voice")
    history.set(track, "gain_db", -6.0)
    history.seal()
    history.undo()
    history.set(track, "pan", 0.5)
    assert not history.can_redo and not history.redo()
    assert track.gain_db == 0.0 and track.pan == 0.5


def test_undo_ends_merging_so_the_next_edit_is_its_own_step() -> None:
    """Kills the mutation that deletes ``self._open = False`` in ``undo()``: set -6 dB, seal,
    mute, undo, set -9 dB, undo must end at -6 dB (the -9 must not merge into the -6 step)."""
    from stemline.core.history import History
    from stemline.core.project import Project

    history, track = History(), Project().track("voice")
    history.set(track, "gain_db", -6.0)
    history.seal()
    history.set(track, "mute", True)
    history.undo()
    history.set(track, "gain_db", -9.0)
    history.undo()
    assert track.gain_db == -6.0 and not track.mute
