"""The CLI's progress bar names a stage that follows the first one (a Foley run's room estimate
after its analysis), so a bar that starts again from 0 says why."""
from __future__ import annotations

import pytest

from stemline.cli.progress_bar import ProgressBar
from stemline.core.progress import Progress


def test_a_later_stage_in_seconds_is_named_and_the_first_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressBar("foley") as bar:
        bar.update(Progress("analyse", 2.0, 10.0, "s"))
        assert bar._bar.desc == "foley"
        assert (bar._bar.n, bar._bar.total) == (2.0, 10.0)
        bar.update(Progress("analyse", 10.0, 10.0, "s"))
        bar.update(Progress("room", 30.0, 120.0, "s", "separating the voice to hear the room"))
        assert bar._bar.desc == "foley (room)"
        assert (bar._bar.n, bar._bar.total) == (30.0, 120.0)
    err = capsys.readouterr().err
    assert "foley (room)" in err and "30.0/120.0 s" in err


def test_fractions_show_a_percentage_and_their_stage(capsys: pytest.CaptureFixture[str]) -> None:
    with ProgressBar("process") as bar:
        bar.update(Progress("separate", 0.25, 1.0, ""))
        assert bar._bar.desc == "process (separate)" and bar._bar.n == 25.0


def test_a_flood_of_reports_is_drawn_a_few_times_and_ends_at_its_last(capsys: pytest.CaptureFixture[str]) -> None:
    # a mix reports every block it writes: hundreds of reports a second, each redraw a line in
    # a captured log (was 2000 redraws here)
    with ProgressBar("process") as bar:
        for k in range(1, 2001):
            bar.update(Progress("mix", k / 2000, 1.0, ""))
    err = capsys.readouterr().err
    assert err.count("\r") < 100, err.count("\r")
    assert "process (mix): 100%" in err
