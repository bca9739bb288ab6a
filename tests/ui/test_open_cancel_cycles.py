"""Cancel at every stage frees memory and threads (issue 10), checked in a fresh interpreter.

Resident memory read in the suite's own process measured the suite: after some 700 other tests
the heap grew in steps of 20-50 MB through the cycles (here +61 MB over the last rounds; CI read
+159 MB and failed) while the same cycles in a fresh process stay flat within 5 MB. So the cycles
(tests/ui/cycles_in_window.py) run in a child pytest, whose heap holds nothing but the window."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_open_cancel_cycles_free_threads_and_memory(tmp_path: Path) -> None:
    body = Path(__file__).with_name("cycles_in_window.py")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
         str(body)],
        capture_output=True, text=True, env=env, timeout=600, cwd=Path(__file__).parents[2])
    print(*[line for line in run.stdout.splitlines() if line.startswith("RSS")])
    out = run.stdout + run.stderr
    # A crash prints the threads' stacks first and then a list of extension modules that filled
    # the last 4000 characters (a fresh clone's run died with SIGSEGV once and showed nothing
    # else): show the stacks.
    fatal = out.find("Fatal Python error")
    tail = out[fatal:fatal + 6000] if fatal >= 0 else out[-4000:]
    assert run.returncode == 0, tail
    assert "1 passed" in run.stdout, tail  # the body ran (not deselected or skipped)
