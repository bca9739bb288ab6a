"""The Foley lane follows the events: a render that answers an older state is never shown."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from stemline.core.history import AddEvent
from stemline.core.project import FoleyEvent, Project
from stemline.media.peaks import build_pyramid
from stemline.ui.app import make_app
from stemline.ui.foley_sync import FoleySync
from stemline.ui.lanes import WaveformLane
from stemline.ui.player import Player
from stemline.ui.timeline import TimelineView
from stemline.workers.base import WorkerRunner
from stemline.workers.foley import FoleyRender


def test_a_render_begun_before_an_edit_does_not_land_after_it(qtbot, wav: Path) -> None:  # type: ignore[no-untyped-def]
    """A render is under way (the project had no events) when an event is added; the new render
    waits out the debounce, so the old one finishes first. Its silent track must not replace the
    lane's picture or the player's audio as if it held the new event (a fresh clone's suite once
    saw exactly that, on a loaded machine: the lane changed, its peak 0.0); the next render
    does."""
    make_app()
    timeline = TimelineView()
    lane = WaveformLane(timeline, "foley")
    qtbot.addWidget(lane)
    player = Player(timeline, use_device=False)
    runner = WorkerRunner()
    sync = FoleySync(runner, lane, player, 48000)
    project = Project()
    project.duration = 2.0
    sync.set_project(project)

    sync.render()  # begun: it answers the project without events
    begun = sync._generation
    event = FoleyEvent(start=1.0, label="hit", sound=str(wav), gain_db=-6.0, pan=0.0)
    AddEvent(project, event).redo()
    # the render begun before the edit finishes now, inside the debounce
    lane.set_pyramid(None)
    silent = np.zeros((96000, 2), np.float32)
    sync._on_rendered(FoleyRender(silent, build_pyramid([silent.mean(axis=1)], 48000), generation=begun))
    assert lane.pyramid is None, "a render of the state before the edit was shown after it"
    qtbot.waitUntil(lambda: lane.pyramid is not None, timeout=30_000)
    assert lane.pyramid.peak > 0.1
    runner.shutdown()
