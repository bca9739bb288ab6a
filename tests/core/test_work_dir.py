"""Scratch folders next to outputs: a killed run's is removed by the next run, nobody else's."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from stemline.core.atomic import work_dir


def test_next_run_clears_only_dead_runs_of_this_machine(tmp_path: Path) -> None:
    host = socket.gethostname().replace("-", "_")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    left = tmp_path / f".stemline-process-{host}-{dead}-abc"       # a killed run's scratch
    live = tmp_path / f".stemline-process-{host}-{os.getpid()}-def"  # a run still going
    other = tmp_path / f".stemline-process-otherhost-{dead}-ghi"     # another machine's run
    unrelated = tmp_path / f".stemline-export-{host}-{dead}-jkl"     # another kind of scratch
    for d in (left, live, other, unrelated):
        d.mkdir()
        (d / "voice.wav").write_bytes(b"x")
    made = work_dir(tmp_path, "stemline-process")
    assert made.is_dir() and made.parent == tmp_path
    assert made.name.startswith(f".stemline-process-{host}-{os.getpid()}-")
    assert not left.exists()
    assert live.exists() and other.exists() and unrelated.exists()
