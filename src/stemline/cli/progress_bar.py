"""A tqdm bar on stderr fed by :class:`~stemline.core.progress.Progress` reports."""
from __future__ import annotations

import sys
from types import TracebackType

from tqdm import tqdm

from stemline.core.progress import Progress


class ProgressBar:
    """Context manager whose :meth:`update` is a ProgressCallback."""

    def __init__(self, label: str, *, disable: bool = False) -> None:
        self._bar = tqdm(total=None, desc=label, unit="s", file=sys.stderr, disable=disable,
                         dynamic_ncols=True, bar_format="{l_bar}{bar}| {n:.1f}/{total_fmt} s "
                         "[{elapsed}<{remaining}]")

    def update(self, p: Progress) -> None:
        if p.total > 0 and self._bar.total != round(p.total, 1):
            self._bar.total = round(p.total, 1)
        self._bar.n = round(p.done, 1)
        self._bar.refresh()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._bar.close()
