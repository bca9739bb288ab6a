"""Running a command line's jobs through the persistent queue, in the foreground, with a
progress bar per file; shared by ``stemline separate`` and ``stemline jobs retry|run``."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from stemline.cli.progress_bar import ProgressBar


def open_store(db: Path | None) -> Any:
    from stemline.jobs.runner import default_db
    from stemline.jobs.store import JobStore

    return JobStore(db or default_db())


def run_in_foreground(runner: Any, run_ids: list[str], device: str, *, quiet: bool,
                      cancel: Any) -> list[Any]:
    """Claim and run ``run_ids`` in order; waits (saying so once) while another process's job
    holds the device. Returns the final rows. ``Cancelled``/Ctrl-C propagate after the job in
    hand is recorded Terminated; the caller terminates the rest."""
    from stemline.jobs import store as st

    finals = []
    for i, rid in enumerate(run_ids, 1):
        told = False
        while True:
            job = runner.store.claim_next(owner=runner.owner, device=device, run_ids=[rid])
            if job is not None:
                break
            current = runner.store.get(rid)
            if current.status != st.PENDING:  # cancelled from elsewhere before it started
                job = None
                break
            if not told:
                print(f"stemline: waiting for {device}: another Stemline job is running on it",
                      file=sys.stderr)
                told = True
            time.sleep(0.5)
        if job is None:
            finals.append(runner.store.get(rid))
            continue
        label = f"[{i}/{len(run_ids)}] {Path(job.input).name}"
        with ProgressBar(label, disable=quiet) as bar:
            finals.append(runner.run(job, progress=bar.update, cancel=cancel))
    return finals


def terminate_rest(store: Any, run_ids: list[str]) -> None:
    from stemline.jobs import store as st

    for rid in run_ids:
        if store.get(rid).status == st.PENDING:
            store.cancel(rid)
