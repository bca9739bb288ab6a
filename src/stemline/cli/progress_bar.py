"""A tqdm bar on stderr fed by :class:`~stemline.core.progress.Progress` reports."""
from __future__ import annotations

import sys
import time
from types import TracebackType

from tqdm import tqdm

from stemline.core.progress import Progress

_SECONDS = "{l_bar}{bar}| {n:.1f}/{total_fmt} s [{elapsed}<{remaining}]"
_PERCENT = "{l_bar}{bar}| [{elapsed}<{remaining}]"
#: Seconds between redraws: a mix reports every block it writes, hundreds a second, and each
#: redraw is a line in a captured log. A new stage and the end are drawn at once.
REDRAW_S = 0.1


class ProgressBar:
    """Context manager whose :meth:`update` is a ProgressCallback.

    Reports in seconds of media show "done/total s", and the stage once it is not the first
    one the bar showed (a Foley run's room estimate after its analysis); any other unit (a
    multi-stage pipeline's overall fraction, say) shows a percentage and the current stage.
    """

    def __init__(self, label: str, *, disable: bool = False) -> None:
        self._label = label
        self._bar = tqdm(total=None, desc=label, unit="s", file=sys.stderr, disable=disable,
                         dynamic_ncols=True, bar_format=_SECONDS)
        self._first_stage: str | None = None
        self._drawn = -float("inf")
        self._stage: str | None = None

    def update(self, p: Progress) -> None:
        if p.unit == "s":
            if self._first_stage is None:
                self._first_stage = p.stage
            elif p.stage != self._first_stage:
                self._bar.set_description_str(f"{self._label} ({p.stage})", refresh=False)
            if p.total > 0 and self._bar.total != round(p.total, 1):
                self._bar.total = round(p.total, 1)
            self._bar.n = round(p.done, 1)
        else:
            if self._bar.total != 100:
                self._bar.total = 100
                self._bar.bar_format = _PERCENT
            self._bar.n = round(100 * p.fraction, 1)
            self._bar.set_description_str(f"{self._label} ({p.stage})", refresh=False)
        now = time.monotonic()
        if now - self._drawn >= REDRAW_S or p.stage != self._stage or self._bar.n == self._bar.total:
            self._drawn, self._stage = now, p.stage
            self._bar.refresh()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._bar.close()
