"""A long video's spotting result: a thousand events reach the lane without freezing it. Markers
exist only in and around the view (made a slice per event-loop turn), the rows are laid out for
every event, and a view with more events than markers can show draws one overview instead.
Before: 1000 events froze the window for 27 s (a restack of every marker after each one), and
with PySide6 6.12.0 on Python 3.11 aborted it."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from stemline.core.history import AddEvent
from stemline.core.project import FoleyEvent
from stemline.ui.events_lane import KEEP_SCREENS, MAX_MARKERS
from tests.ui.conftest import events_lane

N, SPAN = 1000, 600.0
#: seconds in view: ~17 events, their labels wide enough to show
VIEW = 10.0


@pytest.fixture
def crowded(qtbot):  # type: ignore[no-untyped-def]
    tl, history, project, w, _ruler = events_lane(qtbot, SPAN)
    tl.set_visible(0.0, VIEW)
    events = [FoleyEvent(start=i * SPAN / N, duration=0.2, label="step") for i in range(N)]
    yield tl, history, project, w, events
    w.close_lane()


def spot(history, project, events) -> None:  # type: ignore[no-untyped-def]
    """What the window does with a spotting result: one undo step of many events."""
    with history.macro("Spot"):
        for event in events:
            history.push(AddEvent(project, event))


def settle(qtbot, w) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not w._pending and not w._stale_rows and not w._retired, timeout=10_000)


def in_range(events, start: float, end: float) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.id for e in events if e.end >= start and e.start <= end}


def test_markers_follow_the_view(crowded, qtbot) -> None:  # type: ignore[no-untyped-def]
    tl, history, project, w, events = crowded
    spot(history, project, events)
    assert not w._markers  # nothing made inside the result's own slot
    settle(qtbot, w)
    made = set(w._markers)
    assert in_range(events, 0.0, VIEW) <= made              # every event in view has its marker
    assert made <= in_range(events, 0.0, VIEW * (1 + KEEP_SCREENS))
    assert len(w._rows) == N                                 # rows laid out for every event
    assert all(w._markers[i].label.isVisible() for i in in_range(events, 0.5, VIEW - 1.0))
    tl.set_visible(300.0, 300.0 + VIEW)
    settle(qtbot, w)
    made = set(w._markers)
    assert in_range(events, 300.0, 300.0 + VIEW) <= made
    assert not made & in_range(events, 0.0, 300.0 - VIEW * KEEP_SCREENS - 1.0)
    assert project.event(events[500].id) is events[500]


def test_zoomed_out_draws_an_overview(crowded, qtbot) -> None:  # type: ignore[no-untyped-def]
    tl, history, project, w, events = crowded
    spot(history, project, events)
    settle(qtbot, w)
    tl.zoom_to_fit()                                         # 1000 events in view
    settle(qtbot, w)
    assert N > MAX_MARKERS and not w._markers and w.overview.isVisible()
    x, _y = w.overview.getData()
    assert len(x) == 4 * N and x.min() == pytest.approx(0.0) and x.max() == pytest.approx(
        events[-1].end)
    w.select(events[700].id)                                 # selected while out of reach
    tl.set_visible(events[700].start - 5.0, events[700].start + 5.0)
    settle(qtbot, w)
    assert not w.overview.isVisible()
    marker = w._markers[events[700].id]
    assert marker.lines[0].pen.color().name() == "#ffffff"   # made selected
    history.undo()                                           # the whole result goes
    settle(qtbot, w)
    QApplication.processEvents()
    assert w.markers == {} and not w.overview.isVisible()
