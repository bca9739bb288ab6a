"""A sub-step's progress mapped onto its share of an overall bar (core.progress.sub_progress)."""
from __future__ import annotations

import pytest

from stemline.core.progress import Progress, sub_progress


def test_a_sub_step_fills_its_share_and_never_sends_the_bar_back() -> None:
    seen: list[Progress] = []
    report = sub_progress(seen.append, "analyse", 0.6, 0.7)
    assert report is not None
    report(Progress("analyse", 5.0, 10.0, "s"))
    report(Progress("analyse", 10.0, 10.0, "s"))
    # a stage of its own starting again from 0 (the room estimate after the analysis)
    report(Progress("room", 3.0, 30.0, "s", "separating the voice to hear the room"))
    assert [p.done for p in seen] == pytest.approx([0.65, 0.7, 0.7])
    assert {p.stage for p in seen} == {"analyse"} and {p.unit for p in seen} == {""}
    assert seen[-1].message == "separating the voice to hear the room"
    assert sub_progress(None, "analyse", 0.0, 1.0) is None
