"""The event-loop stall probe, and that a worker never stalls the UI thread."""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QTimer

from stemline.media.peaks import build_pyramid
from stemline.ui.stall_probe import StallProbe
from stemline.workers.base import Worker, WorkerRunner
from tests.ui.conftest import Catcher


def test_probe_sees_a_blocked_loop(qtbot) -> None:  # type: ignore[no-untyped-def]
    probe = StallProbe(interval_ms=5)
    probe.start()
    qtbot.wait(60)
    QTimer.singleShot(0, lambda: time.sleep(0.12))  # a handler that blocks the loop
    qtbot.wait(150)
    probe.stop()
    assert 100 <= probe.max_stall_ms < 400
    assert probe.stalls_over_50ms == 1
    assert probe.ticks > 10


def _slow_handler() -> None:
    time.sleep(0.12)


def test_explaining_probe_names_what_the_ui_thread_was_doing(qtbot) -> None:  # type: ignore[no-untyped-def]
    probe = StallProbe(interval_ms=5, explain=True, stages=lambda: ["Foley"])
    probe.start()
    qtbot.wait(60)
    QTimer.singleShot(0, _slow_handler)
    qtbot.wait(150)
    probe.stop()
    assert probe.stalls_over_50ms == 1 and len(probe.stalls) == 1
    stall = probe.stalls[0]
    assert stall["ms"] >= 100 and stall["stages"] == ["Foley"]
    assert 0.05 <= stall["at_s"] <= 0.5
    # Sampled while it lasted (from 35 ms on, every 5 ms), each time inside the handler.
    assert len(stall["samples"]) >= 3
    for sample in stall["samples"]:
        assert sample["stacks"]["ui"][-1].endswith(" _slow_handler"), sample
    assert not probe.running
    probe.start()  # a restart forgets the last run's stalls
    assert probe.stalls == [] and probe.max_stall_ms == 0
    probe.stop()


class _PeaksWorker(Worker):
    """Real CPU work in numpy: a waveform pyramid of about 4.5 minutes of audio, block by block."""

    title = "Peaks"

    def work(self) -> float:
        rng = np.random.default_rng(0)
        blocks = (rng.standard_normal(65536).astype(np.float32) for _ in range(200))
        return build_pyramid(blocks, 48000, cancel=self.cancel_token).peak


def test_ui_never_waits_for_a_worker(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner()
    probe = StallProbe(interval_ms=5, explain=True)
    worker = _PeaksWorker()
    done = Catcher(worker.finished)
    probe.start()
    runner.start(worker)
    peak = done.wait(qtbot, timeout=30_000)[0]
    probe.stop()
    assert peak > 3.0
    assert probe.ticks > 5
    # The UI thread is never caught running the work itself; the loop keeps turning (a 250 ms
    # bound, far above the ~10 ms this takes on an idle machine, so only a blocked loop fails:
    # benchmarks/editor_stalls.py has the real figures).
    for stall in probe.stalls:
        for sample in stall.get("samples", []):
            assert not any("peaks.py" in f for f in sample["stacks"]["ui"]), stall
    assert probe.max_stall_ms < 250, f"UI stalled {probe.max_stall_ms:.1f} ms"
    runner.shutdown()
