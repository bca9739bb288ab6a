"""Split the background stem into music and ambience for the editor (issue 12)."""
from __future__ import annotations

from pathlib import Path

from stemline.workers.base import Worker


class AmbienceWorker(Worker):
    """Write the background's ambience part into ``folder``, named by the stem's content
    (``media.peaks.content_hash``, as the stems cache is) and by the splitter
    (``jobs.ambience.splitter_key``: an update's new model never serves an old split), so each
    stem is split once: a job's output folder is the user's and holds several jobs' stems, the
    region re-separations share one folder, and a stem re-separated in part is another stem.

    In a child process (:mod:`stemline.jobs.child`): the splitter's median and percentile
    filters hold the GIL for seconds at a time, which would stall the window. The name is
    worked out here too: hashing the stem reads it, which the UI thread must not wait for."""

    title = "Splitting ambience"

    def __init__(self, background: str | Path, folder: str | Path) -> None:
        super().__init__()
        self.background = Path(background)
        self.folder = Path(folder)

    def work(self) -> Path:
        from stemline.jobs.ambience import splitter_key
        from stemline.media.peaks import content_hash

        out = self.folder / f"{content_hash(self.background)}-{splitter_key()}.wav"
        if out.exists():
            return out  # this stem was split before (written whole or not at all: AudioWriter)
        from stemline.jobs.child import call_in_child

        self.folder.mkdir(parents=True, exist_ok=True)
        call_in_child("stemline.jobs.ambience:ambience_file",
                      dict(background=str(self.background), out=str(out)),
                      progress=self.report, cancel=self.cancel_token)
        return out
