"""Spectrogram lane: build time for a long file and redraw time at every zoom.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/spectrogram_draw.py [--hours 2]

Streams a synthetic programme (tones sweeping over noise, 48 kHz) of ``--hours`` through the
spectrogram builder (memory: one block plus the image), then draws a 1200-pixel lane at spans
from the whole file down to 50 ms, at 20 random positions each, and prints the time of each
redraw and of the paint it causes (level pick, slice, setImage, colour lookup, drawing),
median and worst. The target: under 20 ms at any zoom.
"""
from __future__ import annotations

import argparse
import os
import sys
import resource
import statistics
import time

import numpy as np

SR = 48000


def programme(hours: float, block: int = 1 << 18):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    total = int(hours * 3600 * SR)
    for i in range(0, total, block):
        n = min(block, total - i)
        t = (i + np.arange(n)) / SR
        f = 200 + 3000 * (0.5 + 0.5 * np.sin(2 * np.pi * t / 600))
        x = 0.3 * np.sin(2 * np.pi * f * t) + 0.02 * rng.standard_normal(n)
        yield np.stack([x, x], axis=1).astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hours", type=float, default=2.0)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from stemline.media.spectrogram import build_spectrogram
    from stemline.ui.app import make_app
    from stemline.ui.lanes import WaveformLane
    from stemline.ui.timeline import TimelineView

    t0 = time.perf_counter()
    spec = build_spectrogram(programme(args.hours), SR)
    build = time.perf_counter() - t0
    size = sum(lv.nbytes for lv in spec.levels)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    app = make_app()
    timeline = TimelineView()
    lane = WaveformLane(timeline, "voice")
    lane.resize(1200, 96)
    lane.show()
    duration = args.hours * 3600
    timeline.set_media(duration, SR)
    lane.set_spectrogram(spec)
    lane.show_spectrogram(True)
    app.processEvents()
    rng = np.random.default_rng(1)
    print(f"{args.hours:g} h: built in {build:.1f} s ({args.hours * 3600 / build:.0f}x real time), "
          f"{len(spec.levels)} levels, {size / 1e6:.1f} MB, process peak RSS {rss:.0f} MB\n")
    print("| visible span | redraws | median ms | worst ms | level |")
    print("| --- | --- | --- | --- | --- |")
    for span in (duration, 600.0, 60.0, 10.0, 1.0, 0.05):
        times, levels = [], set()
        for _ in range(20):
            start = float(rng.uniform(0, max(duration - span, 0)))
            timeline.set_visible(start, start + span)
            app.processEvents()
            # the redraw and the paint it causes (pyqtgraph renders the image when painting)
            t = time.perf_counter()
            lane.redraw()
            lane.viewport().repaint()
            times.append((time.perf_counter() - t) * 1000)
            levels.add(spec.view(start, start + span, int(lane.box.width())).level)
        print(f"| {span:g} s | {len(times)} | {statistics.median(times):.2f} | {max(times):.2f} "
              f"| {sorted(levels)} |")
    lane.close()
    app.processEvents()
    # Skip the interpreter's final garbage collection: tearing down pyqtgraph items after the
    # QApplication crashes PySide here ("bool_dealloc"), which would hide the exit status.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
