"""What the editor plays after an edit is what `stemline process` writes: one renderer for both."""
from __future__ import annotations

import numpy as np

from stemline.jobs.foley import FoleyOptions, iter_plan_blocks, plan_foley
from stemline.workers.foley import EventSound, FoleyRenderWorker


def test_editor_rerender_equals_the_export_track(contact_clip):
    path, _ = contact_clip
    plan = plan_foley(path, FoleyOptions())
    assert any(p.lowpass_hz for p in plan.placements), "the clip should exercise the distance cue"
    exported = np.concatenate(list(iter_plan_blocks(plan)))
    specs = [EventSound(p.event.time, p.sound.path, p.gain_db, p.pan, p.lowpass_hz)
             for p in plan.placements]
    rendered = FoleyRenderWorker(specs, plan.duration).work().audio
    assert rendered.shape == exported.shape
    peak = float(np.abs(exported).max())
    assert float(np.abs(rendered - exported).max()) < 1e-3 * peak
