"""Split the background stem into music and ambience for the editor (issue 12)."""
from __future__ import annotations

from pathlib import Path

from stemline.workers.base import Worker


class AmbienceWorker(Worker):
    """Write the background's ambience part to ``out`` (default: ``ambience.wav`` beside it),
    once per stem file: an ``out`` as new as the stem is taken as it is.

    In a child process (:mod:`stemline.jobs.child`): the splitter's median and percentile
    filters hold the GIL for seconds at a time, which would stall the window."""

    title = "Splitting ambience"

    def __init__(self, background: str | Path, out: str | Path | None = None) -> None:
        super().__init__()
        self.background = Path(background)
        self.out = Path(out) if out is not None else self.background.with_name("ambience.wav")

    def work(self) -> Path:
        if self.out.exists() and self.out.stat().st_mtime >= self.background.stat().st_mtime:
            return self.out  # this stem was split before (its folder is keyed by content)
        from stemline.jobs.child import call_in_child

        self.out.parent.mkdir(parents=True, exist_ok=True)

        call_in_child("stemline.jobs.ambience:ambience_file",
                      dict(background=str(self.background), out=str(self.out)),
                      progress=self.report, cancel=self.cancel_token)
        return self.out
