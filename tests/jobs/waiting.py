"""Waiting on a queue another process works on."""
from __future__ import annotations

import time

from stemline.jobs import store as st


def wait_first_running(store: st.JobStore, timeout: float, poll: float = 0.05) -> None:
    """Until the first job runs and has reported progress (or ``timeout`` seconds pass)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        jobs = store.list()
        if jobs and jobs[0].status == st.RUNNING and jobs[0].progress > 0:
            return
        time.sleep(poll)
