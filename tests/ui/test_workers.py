"""Workers deliver results, errors and cancellation through signals only."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from stemline.workers.base import Worker, WorkerRunner
from stemline.workers.media import FrameWorker, LaneData, LaneLoadWorker, ProbeWorker
from tests.ui.conftest import Catcher


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    r = WorkerRunner()
    yield r
    r.shutdown()
    assert not r.workers


def test_lane_load_gives_audio_and_cached_peaks(qtbot, runner, wav: Path,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    worker = LaneLoadWorker("voice", wav, 48000, tmp_path)
    done = Catcher(worker.finished)
    runner.start(worker)
    data: LaneData = done.wait(qtbot)[0]
    # Playback reads a memory-mapped int16 file from the cache, not an array in RAM.
    assert data.audio.shape == (3 * 48000, 2) and data.audio.dtype == np.int16
    assert isinstance(data.audio, np.memmap)
    assert 0.35 < np.abs(data.audio).max() / 32767 < 0.6
    assert data.pyramid.frames == 3 * 48000
    assert 0.35 < data.pyramid.peak < 0.6
    assert data.pyramid.samples is data.audio  # the sample-level zoom reads the same file
    assert len(list(tmp_path.glob("*.npz"))) == 1 and len(list(tmp_path.glob("*.pcm16"))) == 1
    again = LaneLoadWorker("voice", wav, 48000, tmp_path)  # second time: from the cache
    done = Catcher(again.finished)
    runner.start(again)
    np.testing.assert_array_equal(done.wait(qtbot)[0].pyramid.levels[0], data.pyramid.levels[0])


def test_failure_is_a_message_not_an_exception(qtbot, runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    worker = ProbeWorker(bad)
    failed = Catcher(worker.failed)
    runner.start(worker)
    assert "notes.mp4" in failed.wait(qtbot)[0]


class _Loop(Worker):
    def __init__(self) -> None:
        super().__init__()
        self.turns = 0

    def work(self) -> None:
        while True:
            self.cancel_token.check()
            self.turns += 1
            time.sleep(0.001)


def test_cancel_stops_a_running_worker(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    worker = _Loop()
    cancelled = Catcher(worker.cancelled)
    finished, failed = Catcher(worker.finished), Catcher(worker.failed)
    runner.start(worker)
    qtbot.waitUntil(lambda: worker.turns > 5, timeout=5000)   # it really was running
    worker.cancel()
    cancelled.wait(qtbot)
    qtbot.waitUntil(lambda: not runner.workers, timeout=5000)
    turns = worker.turns
    qtbot.wait(30)
    assert worker.turns == turns                             # and it really stopped
    assert not finished.calls and not failed.calls


def test_frame_worker_serves_the_latest_request_frame_accurately(qtbot, runner,  # type: ignore[no-untyped-def]
                                                                 clip: Path) -> None:
    worker = FrameWorker(clip)
    frames = Catcher(worker.frame)
    runner.start(worker)
    # Frame i of the clip is gray level (i * 7) % 200 + 20; 1.0 s at 25 fps is frame 25.
    for n, (t, index) in enumerate(((1.0, 25), (1.03, 25), (0.4, 10), (2.96, 74)), start=1):
        worker.request(t, 80, 60)
        got_t, image = frames.wait(qtbot, n)
        assert got_t == t
        assert (image.width(), image.height()) == (80, 44)  # 16:9 kept inside 80x60
        level = image.pixelColor(40, 22).red()
        assert abs(level - ((index * 7) % 200 + 20)) <= 3, (t, level)
    worker.stop()
    qtbot.waitUntil(lambda: not runner.workers, timeout=5000)


class _Reporter(Worker):
    """Reports progress every 10 ms for ``seconds``, the last report at 100 %."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def work(self) -> None:
        from stemline.core.progress import Progress

        t0 = time.perf_counter()
        while (elapsed := time.perf_counter() - t0) < self.seconds:
            self.report(Progress("work", elapsed, self.seconds))
            time.sleep(0.01)
        self.report(Progress("work", self.seconds, self.seconds))


def _reports(qtbot, runner, seconds: float) -> list[float]:  # type: ignore[no-untyped-def]
    """Run a :class:`_Reporter` for ``seconds``: the ``done`` of every progress it sent."""
    worker = _Reporter(seconds)
    got: list[float] = []
    worker.progress.connect(lambda p: got.append(p.done))
    done = Catcher(worker.finished)
    runner.start(worker)
    done.wait(qtbot)
    qtbot.wait(50)
    return got


def test_quick_tasks_show_no_progress_long_ones_calmly(qtbot, runner) -> None:  # type: ignore[no-untyped-def]
    # a cached load: over before anything is shown
    assert _reports(qtbot, runner, Worker.QUIET_S / 2) == []
    seconds = Worker.QUIET_S + 0.5
    times = _reports(qtbot, runner, seconds)
    # first one after the quiet start, then no two closer than REPORT_EVERY_S; the end gets out
    assert times and times[0] >= Worker.QUIET_S and times[-1] == pytest.approx(seconds)
    gaps = np.diff(times[:-1])
    assert len(times) <= 0.5 / Worker.REPORT_EVERY_S + 2 and (gaps >= Worker.REPORT_EVERY_S - 0.02).all()


def test_an_ambience_split_is_served_again_only_to_the_splitter_that_made_it(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import soundfile as sf

    import stemline.engine.separation.ambience_model as am
    from stemline.workers.ambience import AmbienceWorker

    rng = np.random.default_rng(2)
    background = tmp_path / "background.wav"
    sf.write(background, (0.1 * rng.standard_normal((48000, 2))).astype(np.float32), 48000)
    folder = tmp_path / "ambience"
    first = AmbienceWorker(background, folder).work()
    assert first.exists() and first.parent == folder
    made = first.stat().st_mtime_ns
    assert AmbienceWorker(background, folder).work() == first  # the same splitter: served again
    assert first.stat().st_mtime_ns == made
    # an update brings another model: the old split is not served for it
    other = tmp_path / "other_model.npz"
    other.write_bytes(am.MODEL_FILE.read_bytes() + b"\0")
    monkeypatch.setattr(am, "MODEL_FILE", other)
    second = AmbienceWorker(background, folder).work()
    assert second != first and second.exists() and first.exists()
