"""Re-spotting Foley keeps the events the truth: the user's edits survive as asked (keep edited,
add new only, replace all), the merge is one undo step, and the Foley track the player holds is
the render of the events, sample for sample (before the fix the job's fresh track was loaded
while the lane kept the edited events)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stemline.core.history import SetField
from stemline.workers.foley import FoleyRenderWorker, event_sounds

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "demo.mp4"


def render_of_events(win) -> np.ndarray:  # type: ignore[no-untyped-def]
    project = win.project
    return FoleyRenderWorker(event_sounds(project), project.duration, 48000).work().audio


def track_matches_events(win) -> bool:  # type: ignore[no-untyped-def]
    """The player's Foley source is the render of the events, sample for sample: exactly for a
    float render, within one step of 16-bit for the job's track read from its playback file."""
    heard = win.player.sources.get("foley")
    expected = render_of_events(win)
    if heard is None or heard.shape != expected.shape:
        return False
    if heard.dtype == np.int16:
        return float(np.abs(heard / 32767.0 - expected).max()) <= 1.01 / 32767
    return float(np.abs(heard - expected).max()) < 1e-6


def spot_again(qtbot, win, policy: str) -> None:  # type: ignore[no-untyped-def]
    win.respot_policy = policy
    with qtbot.waitSignal(win.work_finished, timeout=120_000):
        win.run_foley()
    qtbot.waitUntil(lambda: track_matches_events(win), timeout=30_000)


@pytest.fixture
def spotted(window, qtbot):  # type: ignore[no-untyped-def]
    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(DEMO)
    assert len(win.project.events) >= 4
    qtbot.waitUntil(lambda: track_matches_events(win), timeout=30_000)
    return win


def edit_two(win) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    a, b = win.project.events[0], win.project.events[1]
    win.history.push(SetField(a, "start", a.start + 0.15))
    win.history.seal()
    win.history.push(SetField(b, "gain_db", -36.0))
    win.history.seal()
    return a.id, b.id


def test_keep_edited_keeps_the_users_events_and_renders_them(spotted, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = spotted
    n = len(win.project.events)
    moved_id, quiet_id = edit_two(win)
    moved_start = win.project.events[0].start
    qtbot.waitUntil(lambda: track_matches_events(win), timeout=30_000)
    before = [(e.id, e.start, e.gain_db) for e in win.project.events]

    spot_again(qtbot, win, "keep_edited")
    events = {e.id: e for e in win.project.events}
    assert events[moved_id].start == pytest.approx(moved_start)
    assert events[quiet_id].gain_db == -36.0
    assert len(win.project.events) == n                   # untouched ones replaced, none doubled
    assert sum(e.id in (moved_id, quiet_id) for e in win.project.events) == 2
    # one undo step brings back exactly the edited list, and the track follows
    win.history.undo()
    assert [(e.id, e.start, e.gain_db) for e in win.project.events] == before
    qtbot.waitUntil(lambda: track_matches_events(win), timeout=30_000)


def test_add_only_new_and_replace_all(spotted, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = spotted
    n = len(win.project.events)
    moved_id, quiet_id = edit_two(win)
    spot_again(qtbot, win, "add")
    # the same picture has no new hits: nothing added, and the hit the user re-timed isn't
    # doubled at its old place
    assert len(win.project.events) == n
    assert {moved_id, quiet_id} <= {e.id for e in win.project.events}
    spot_again(qtbot, win, "replace")
    assert len(win.project.events) == n
    assert not {moved_id, quiet_id} & {e.id for e in win.project.events}
    assert all(e.gain_db != -36.0 for e in win.project.events)


def test_plan_respot_policies() -> None:
    from stemline.core.project import FoleyEvent
    from stemline.ui.respot import SpottedMemory, plan_respot

    untouched, moved = FoleyEvent(start=1.0), FoleyEvent(start=1.8)
    memory = SpottedMemory()
    memory.remember([untouched, moved])
    moved.start = 2.0                                   # the user re-timed it
    mine = FoleyEvent(start=3.0)                        # the user's own event
    existing = [untouched, moved, mine]
    fresh = [FoleyEvent(start=t) for t in (1.0, 1.8, 3.01, 4.0)]
    starts = lambda events: sorted(e.start for e in events)  # noqa: E731
    remove, add = plan_respot(existing, fresh, "keep_edited", memory)
    assert remove == [untouched] and starts(add) == [1.0, 4.0]
    remove, add = plan_respot(existing, fresh, "add", memory)
    assert remove == [] and starts(add) == [4.0]
    remove, add = plan_respot(existing, fresh, "replace", memory)
    assert remove == existing and add == fresh
