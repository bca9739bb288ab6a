"""How the editor takes a spotting result of N Foley events (a long video has thousands).

    .venv/bin/python benchmarks/many_events.py [--counts 10 200 1000 5000] [--view 30]

For each N, opens a window (offscreen, 1600x900) on a 10-minute timeline viewed ``--view``
seconds at a time, hands it N spotted events (one every 600/N s) through the window's own
result slot, and runs the event loop until every marker the view needs is made. Prints the
time the slot took, the time until the lane was complete, the longest event-loop stall while
it happened (StallProbe, 5 ms timer) and how many markers exist. Then zooms out to the whole
10 minutes and reports the same again.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stemline.core.project import FoleyEvent  # noqa: E402
from stemline.ui.app import make_app  # noqa: E402
from stemline.ui.stall_probe import StallProbe  # noqa: E402
from stemline.workers.foley import FoleyResult  # noqa: E402

DURATION = 600.0


def settle(app, lane, probe: StallProbe) -> float:  # type: ignore[no-untyped-def]
    """Run the loop until the lane has nothing left to make; seconds it took."""
    t0 = time.perf_counter()
    while getattr(lane, "_pending", None) or getattr(lane, "_stale_rows", False):
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter() + 0.2  # the paints that follow
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - t0 - 0.2


def one(n: int, view: float) -> None:
    from stemline.ui.main_window import MainWindow

    app = make_app()
    win = MainWindow(confirm=False)
    win.resize(1600, 900)
    win.show()
    app.processEvents()
    win.project.duration = DURATION
    win.timeline.set_media(DURATION, 48000.0)
    win.timeline.set_visible(0.0, view)
    app.processEvents()
    lane = win.panel.events
    events = tuple(FoleyEvent(start=i * DURATION / n, duration=0.2, label="step") for i in range(n))
    probe = StallProbe(5)
    probe.start()
    t0 = time.perf_counter()
    win._on_foley_ready(FoleyResult(None, events))
    slot = time.perf_counter() - t0
    fill = settle(app, lane, probe)
    probe.stop()
    made = len(getattr(lane, "_markers", None) or lane.markers)
    print(f"{n:6d} events, {view:.0f} s in view: slot {slot * 1e3:7.0f} ms, lane complete after "
          f"{(slot + fill) * 1e3:7.0f} ms, longest stall {probe.max_stall_ms:6.0f} ms, {made} markers")
    probe.start()
    t0 = time.perf_counter()
    win.timeline.zoom_to_fit()
    fill = settle(app, lane, probe)
    probe.stop()
    made = len(getattr(lane, "_markers", None) or lane.markers)
    print(f"{'':6s}  zoomed out to all 600 s: lane complete after {fill * 1e3:7.0f} ms, longest stall "
          f"{probe.max_stall_ms:6.0f} ms, {made} markers")
    sys.stdout.flush()
    win.close()
    win.deleteLater()
    app.processEvents()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[10, 200, 1000, 5000])
    ap.add_argument("--view", type=float, default=30.0)
    args = ap.parse_args()
    for n in args.counts:
        one(n, args.view)
    return 0


if __name__ == "__main__":
    sys.exit(main())
