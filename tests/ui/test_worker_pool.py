"""The worker pool (issue 10): opening a file starts no thread, imports nothing, and has no BLAS
thread spinning beside it.

Starting a QThread, waiting for one, and importing a module (compiling it where no bytecode cache
can be written) all hand the GIL to another thread or keep it, and OpenCV's OpenBLAS spins a core
for 0.1 s after it loads; at open these made the event loop's longest stalls. These tests hold the
three properties that removed them.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from stemline.workers.base import Worker, WorkerRunner
from tests.ui.conftest import Catcher

SRC = Path(__file__).resolve().parents[2] / "src" / "stemline"


class _Where(Worker):
    """Reports the thread it ran on and that thread's niceness."""

    def work(self) -> tuple[int, int | None]:
        tid = threading.get_native_id()
        nice = os.getpriority(os.PRIO_PROCESS, tid) if hasattr(os, "getpriority") else None
        return tid, nice


def _run(qtbot, runner: WorkerRunner, worker: Worker):  # type: ignore[no-untyped-def]
    done = Catcher(worker.finished)
    ended = Catcher(runner.ended)
    runner.start(worker)
    result = done.wait(qtbot)[0]
    ended.wait(qtbot)
    return result


def test_workers_reuse_the_spare_threads_and_keep_their_priority(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner(spare=2)
    try:
        assert runner.thread_count == 2  # started before any work
        seen = [_run(qtbot, runner, _Where()) for _ in range(6)]
        assert runner.thread_count == 2  # one after another: no new thread
        tids = {tid for tid, _ in seen}
        assert threading.get_native_id() not in tids and len(tids) <= 2
        if seen[0][1] is not None:
            ui_nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            # the same thread runs worker after worker at one niceness: it doesn't sink further
            assert {nice for _, nice in seen} == {min(ui_nice + Worker.nice, 19)}
    finally:
        runner.shutdown()
    assert runner.thread_count == 0


class _Gate(Worker):
    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def work(self) -> int:
        self.gate.wait(10)
        return threading.get_native_id()


def test_the_pool_grows_to_what_runs_at_once_and_no_further(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner(spare=1)
    try:
        gate = threading.Event()
        workers = [_Gate(gate) for _ in range(3)]
        catchers = [Catcher(w.finished) for w in workers]
        for w in workers:
            runner.start(w)
        assert runner.thread_count == 3 and len(runner.workers) == 3
        gate.set()
        tids = {c.wait(qtbot)[0] for c in catchers}
        qtbot.waitUntil(lambda: not runner.workers, timeout=5000)
        assert len(tids) == 3  # three at once ran on three threads
        for _ in range(3):
            _run(qtbot, runner, _Where())
        assert runner.thread_count == 3
    finally:
        runner.shutdown()


class _Own(_Where):
    pooled = False


def test_a_worker_that_runs_torch_gets_a_thread_of_its_own_that_ends(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner(spare=1)
    try:
        pooled_tid, _ = _run(qtbot, runner, _Where())
        own = [_run(qtbot, runner, _Own())[0] for _ in range(2)]
        # OpenMP keeps a team of threads per calling thread: inference must not visit pool threads
        assert pooled_tid not in own and own[0] != own[1]
        qtbot.waitUntil(lambda: not runner._retiring, timeout=5000)
        assert runner.thread_count == 1
    finally:
        runner.shutdown()


def _lazy_imports() -> set[str]:
    """Stemline modules that the workers and the window import inside functions (on first use)."""
    found = set()
    for folder in ("workers", "ui"):
        for path in (SRC / folder).glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for fn in ast.walk(tree):
                if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(fn):
                    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                        name = node.module
                        if name.split(".")[1:2] and name.split(".")[1] in ("jobs", "engine", "media"):
                            found.add(name)
    return found


def test_what_workers_import_on_first_use_is_loaded_at_startup() -> None:
    lazy = _lazy_imports()
    assert "stemline.jobs.child" in lazy and "stemline.engine.foley.render" in lazy
    # A fresh interpreter: what the startup worker's list brings in, with everything it imports.
    code = ("import importlib, sys\n"
            "from stemline.workers.separation import PRELOADED\n"
            "for name in PRELOADED: importlib.import_module(name)\n"
            "print('\\n'.join(sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    loaded = set(out.stdout.split())
    missing = sorted(lazy - loaded)
    assert not missing, f"imported on first use but not preloaded: {missing}"


@pytest.mark.parametrize("name", ["stemline.jobs.child", "multiprocessing.popen_spawn_posix"])
def test_the_foley_child_start_is_preloaded(name: str) -> None:
    from stemline.workers.separation import PRELOADED
    assert name in PRELOADED


def test_opencv_loads_without_a_spinning_blas_thread() -> None:
    # A fresh interpreter: OpenCV's OpenBLAS reads its thread count once, when it loads.
    code = ("import os, sys, time\n"
            "from stemline.workers.separation import _load_opencv_without_blas_threads\n"
            "import numpy\n"
            "before = len(os.listdir('/proc/self/task'))\n"
            "_load_opencv_without_blas_threads()\n"
            "time.sleep(0.05)\n"
            "print(before, len(os.listdir('/proc/self/task')), 'cv2' in sys.modules,\n"
            "      'OPENBLAS_NUM_THREADS' in os.environ)\n")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env, timeout=120).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert out[2:] == ["True", "False"]  # loaded, and the variable put back for children
    assert after == before
