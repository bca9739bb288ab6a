"""Editor measurements for the closing note (not collected by pytest).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/editor_speed.py

1. Waveform draw times of a real two-hour pyramid (built by PyramidBuilder from 2 h of
   48 kHz audio streamed in blocks, raw int16 samples memory-mapped from disk): level pick +
   slicing + setData, and the same plus the repaint, at several zooms, on a 1600 px lane.
3. A two-hour WAV opened in the window (no separation): time to the filled lane, the longest
   event-loop stall meanwhile, peak memory, redraw times, one second of playback; then the
   same again from the cache. Writes a 1.4 GB WAV and 1.4 GB of cache under $TMPDIR / the cache.
2. Playback parameter latency: time from a gain change in the project to the first audio
   callback that uses it. The callback path is the real one (PlaybackEngine.render), driven by
   ClockOutput at the device block rate because this machine has no sound card.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np


def bench_draw() -> None:
    from PySide6.QtWidgets import QApplication

    from stemline.media.peaks import PyramidBuilder
    from stemline.ui.app import make_app
    from stemline.ui.lanes import WaveformLane
    from stemline.ui.timeline import Ruler, TimelineView

    sr, seconds, block = 48000, 7200, 1 << 20
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        builder = PyramidBuilder(sr, Path(tmp) / "two_hours.i16")
        rng = np.random.default_rng(0)
        noise = rng.standard_normal((block, 2)).astype(np.float32) * 0.1
        t = np.arange(block, dtype=np.float32) / sr
        envelope = np.float32(0.5) + np.float32(0.5) * np.sin(t * 3, dtype=np.float32)
        done = 0
        while done < sr * seconds:
            n = min(block, sr * seconds - done)
            builder.add(noise[:n] * envelope[:n, None])
            done += n
        pyr = builder.finish()
        build_s = time.perf_counter() - t0
        print(f"built 2 h pyramid in {build_s:.1f} s: {len(pyr.levels)} levels, "
              f"level 0 {pyr.levels[0].shape[0]} bins, raw {pyr.frames} samples on disk")
        make_app()
        tl = TimelineView()
        ruler = Ruler(tl)
        lane = WaveformLane(tl, "voice", height=120)
        lane.resize(1600, 120)
        lane.show()
        ruler.hide()
        QApplication.processEvents()
        tl.set_media(pyr.duration, sr)
        lane.set_pyramid(pyr)
        print(f"{'visible span':>14} {'level':>5} {'points':>7} {'pick+setData ms':>16} "
              f"{'with repaint ms':>16}")
        for span in (7200.0, 1800.0, 60.0, 5.0, 0.5, 0.02, 0.001):
            tl.set_visible(3000.0, 3000.0 + span)
            QApplication.processEvents()
            draws, totals = [], []
            for _ in range(15):
                t1 = time.perf_counter()
                lane.redraw()
                t2 = time.perf_counter()
                lane.viewport().repaint()  # synchronous paint of the lane (the costly part)
                t3 = time.perf_counter()
                draws.append((t2 - t1) * 1000)
                totals.append((t3 - t1) * 1000)
            x, _ = lane.curve.getData()
            print(f"{span:>13g}s {lane.last_level:>5} {len(x):>7} "
                  f"{statistics.median(draws):>8.2f} (max {max(draws):5.2f}) "
                  f"{statistics.median(totals):>8.2f} (max {max(totals):5.2f})")
        lane.close_lane()


def bench_latency() -> None:
    from stemline.core.project import Project
    from stemline.playback.engine import PlaybackEngine
    from stemline.core.mixer import MixParams
    from stemline.playback.output import ClockOutput

    engine = PlaybackEngine(48000, blocksize=512)
    audio = np.zeros((48000 * 30, 2), np.float32)
    engine.set_sources({"voice": audio, "background": audio})
    project = Project()
    out = ClockOutput(engine)
    engine.speed = 1
    out.start()
    lat = []
    rng = np.random.default_rng(1)
    try:
        for _ in range(200):
            time.sleep(rng.uniform(0.0, 0.02))  # changes land at random points of a block
            project.track("voice").gain_db = float(rng.uniform(-20, 0))
            params = MixParams.from_project(project, has_stems=True)
            engine.set_params(params)
            deadline = time.perf_counter() + 1.0
            while engine._seen_stamp != params.stamp and time.perf_counter() < deadline:
                time.sleep(0.0005)
            lat.append(engine.last_param_latency * 1000)
    finally:
        out.close()
    lat.sort()
    block_ms = 512 / 48000 * 1000
    print(f"gain change -> callback using it, 200 changes, block {block_ms:.1f} ms: "
          f"median {statistics.median(lat):.1f} ms, p95 {lat[int(0.95 * len(lat))]:.1f} ms, "
          f"max {lat[-1]:.1f} ms")


def bench_two_hours() -> None:
    import resource
    import wave

    from PySide6.QtWidgets import QApplication

    from stemline.ui.app import make_app, measure_draws
    from stemline.ui.main_window import MainWindow
    from stemline.ui.stall_probe import StallProbe

    sr, seconds = 48000, 7200
    path = Path(tempfile.gettempdir()) / "stemline-two-hours.wav"
    if not path.exists():
        with wave.open(str(path), "wb") as w:
            w.setnchannels(2)
            w.setsampwidth(2)
            w.setframerate(sr)
            rng = np.random.default_rng(0)
            t = np.arange(sr * 60) / sr
            for m in range(seconds // 60):
                env = 0.3 + 0.25 * np.sin(2 * np.pi * t / 7 + m)
                x = rng.standard_normal((t.size, 2)) * env[:, None] * 0.3 * 32767
                w.writeframes(x.astype(np.int16).tobytes())
    app = make_app()
    win = MainWindow(use_audio_device=False, confirm=False)
    win.show()
    while not win.device_known:
        app.processEvents()
        time.sleep(0.01)
    for attempt in ("first open", "from the cache"):
        probe = StallProbe(5)
        probe.start()
        t0 = time.perf_counter()
        win.open_media(path, separate=False, foley=False)
        while win.pipeline.busy or win.pipeline.media is None:
            app.processEvents()
            time.sleep(0.005)
        probe.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"2 h WAV, {attempt}: lane filled in {time.perf_counter() - t0:.1f} s, max stall "
              f"{probe.max_stall_ms:.1f} ms, peak RSS {rss} MB, "
              f"redraw ms {measure_draws(win)['original']}")
    win.player.toggle()
    t1 = time.perf_counter()
    while time.perf_counter() - t1 < 1.0:
        app.processEvents()
        time.sleep(0.01)
    print(f"played 1 s from a memory-mapped 2 h file: playhead at {win.timeline.playhead:.2f} s")
    win.close()
    QApplication.processEvents()


if __name__ == "__main__":
    import sys

    bench_latency()
    bench_draw()
    if "--two-hours" in sys.argv:
        bench_two_hours()
