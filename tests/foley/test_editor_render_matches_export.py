"""What the editor plays after an edit is what `stemline process` writes: one Foley renderer,
one placement -> event conversion, for both."""
from __future__ import annotations

import numpy as np

from stemline.core.project import Project
from stemline.jobs.foley import FoleyOptions, add_plan, plan_foley
from stemline.jobs.render import BLOCK, open_sources
from stemline.core.mixer import MixParams
from stemline.workers.foley import FoleyRenderWorker, event_sounds


def test_editor_rerender_equals_the_export_track(contact_clip):
    path, _ = contact_clip
    plan = plan_foley(path, FoleyOptions())
    assert any(p.lowpass_hz for p in plan.placements), "the clip should exercise the distance cue"
    project = add_plan(Project(duration=plan.duration), plan)
    frames = int(round(plan.duration * 48000))
    source = open_sources(project, MixParams.from_project(project).only("foley"))["foley"]
    exported = np.concatenate([source.read(min(BLOCK, frames - a)) for a in range(0, frames, BLOCK)])
    rendered = FoleyRenderWorker(event_sounds(project), plan.duration).work().audio
    assert rendered.shape == exported.shape == (frames, 2)
    assert np.array_equal(rendered, exported)
    assert float(np.abs(rendered).max()) > 0.05
