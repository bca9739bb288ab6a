"""Starting the editor: the QApplication, the window, and the self-check mode used by CI."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSplashScreen

from stemline.core.serialization import SUFFIX
from stemline.ui import theme
from stemline.ui.main_window import MainWindow
from stemline.ui.stall_probe import StallProbe
from stemline.workers.startup import preload_engine

#: Zoom spans (seconds) at which the self-check times a redraw of every lane.
DRAW_SPANS = (None, 10.0, 1.0, 0.01)


def make_app(argv: list[str] | None = None) -> QApplication:
    """The application instance (reused when one exists, as under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("Stemline")
        app.setOrganizationName("Stemline")
        theme.apply_dark_theme(app)
        # Hand the GIL back to the UI thread sooner when a worker runs Python code (default 5 ms).
        sys.setswitchinterval(0.002)
    pg.setConfigOptions(antialias=False, foreground=theme.TEXT, background=theme.LANE)
    return app  # type: ignore[return-value]


def measure_draws(window: MainWindow) -> dict[str, dict[str, float]]:
    """Redraw every lane at several zooms around the middle; ms per lane and zoom."""
    tl = window.timeline
    out: dict[str, dict[str, float]] = {}
    mid = tl.duration / 2
    for span in DRAW_SPANS:
        if span is None:
            tl.zoom_to_fit()
            key = "fit"
        else:
            tl.set_visible(mid - span / 2, mid + span / 2)
            key = f"{span:g}s"
        QApplication.processEvents()
        for kind, lane in window.panel.lanes.items():
            if lane.pyramid is not None:
                out.setdefault(kind, {})[key] = round(lane.redraw(), 3)
    tl.zoom_to_fit()
    return out


def self_check(window: MainWindow, media: Path, report: Path, screenshot: Path | None,
               timeout: float) -> int:
    """Open ``media``, run the workers, write ``report`` (and ``screenshot``); return exit code."""
    app = QApplication.instance()
    assert app is not None
    probe = StallProbe(interval_ms=5, explain=True, stages=window.pipeline.running)
    state: dict[str, Any] = {"timed_out": False, "code": 1, "startup_stall_ms": None,
                             "errors": []}
    t0 = time.perf_counter()

    def finish() -> None:
        probe.stop()
        # Let queued lane results paint before measuring and capturing.
        end = time.perf_counter() + 0.5
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)
        draws = measure_draws(window)
        events = window.project.events
        if events:
            window.panel.events.select(events[len(events) // 2].id)
        window.timeline.request_seek(window.timeline.duration * 0.42)
        end = time.perf_counter() + 0.6
        while time.perf_counter() < end:  # the frame worker answers the seek
            app.processEvents()
            time.sleep(0.01)
        lanes = []
        for kind, lane in window.panel.lanes.items():
            pyr = lane.pyramid
            lanes.append({"name": kind.capitalize(), "loaded": pyr is not None,
                          "peak": round(pyr.peak, 6) if pyr is not None else None,
                          "draw_ms": draws.get(kind, {})})
        doc = {
            "file": str(media),
            "duration": window.timeline.duration,
            "lanes": lanes,
            "events": len(events),
            "max_stall_ms": round(probe.max_stall_ms, 2),
            "startup_max_stall_ms": state["startup_stall_ms"],
            "load_avg_1min": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
            "stalls_over_50ms": probe.stalls_over_50ms,
            "stalls": probe.stalls,
            "probe_ticks": probe.ticks,
            "device": window.device_name,
            "device_description": window.device_text,
            "audio": {"output": window.player.output.name,
                      "message": window.player.device_message},
            "timings_s": {k: round(v, 3) for k, v in window.pipeline.timings.items()},
            "errors": state["errors"] + list(window.pipeline.errors),
            "timed_out": state["timed_out"],
            "wall_s": round(time.perf_counter() - t0, 2),
            "window": [window.width(), window.height()],
        }
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(screenshot))
            doc["screenshot"] = str(screenshot)
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        ok = (not doc["errors"] and not state["timed_out"] and all(x["loaded"] for x in lanes
              if x["name"] != "Foley" or window.pipeline.media is None
              or window.pipeline.media.has_video))
        state["code"] = 0 if ok else 1
        window.close()
        app.quit()

    def on_timeout() -> None:
        state["timed_out"] = True
        window.pipeline.cancel()

    def start_work() -> None:
        # Device detection imports torch; loading its shared libraries holds the GIL for a
        # while, once per process. That is startup, reported apart from the work itself.
        state["startup_stall_ms"] = round(probe.max_stall_ms, 2)
        probe.start()
        if media.suffix.lower() != SUFFIX:
            window.open_media(media)
        elif not window.open_project(media):
            # a damaged project ends no work: report at once instead of waiting for the timeout
            state["errors"].append(window.statusBar().currentMessage() or f"{media}: can't open")
            QTimer.singleShot(0, finish)

    window.work_finished.connect(finish)
    QTimer.singleShot(int(timeout * 1000), on_timeout)
    probe.start()
    if window.device_known:
        start_work()
    else:
        window.device_ready.connect(start_work)
    app.exec()
    return int(state["code"])


def _splash() -> QSplashScreen:
    """A splash shown at once, while the engine's libraries load (see workers.startup)."""
    pixmap = QPixmap(480, 200)
    pixmap.fill(QColor(theme.PANEL))
    painter = QPainter(pixmap)
    painter.setPen(QColor(theme.TEXT))
    font = painter.font()
    font.setPointSize(22)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, -30, 0, 0), Qt.AlignmentFlag.AlignCenter, "Stemline")
    font.setPointSize(10)
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(QColor(theme.DIM))
    painter.drawText(pixmap.rect().adjusted(0, 60, 0, 0), Qt.AlignmentFlag.AlignCenter,
                     "loading the audio engine…")
    painter.end()
    splash = QSplashScreen(pixmap)
    splash.show()
    QApplication.processEvents()
    return splash


def run_gui(file: Path | None = None, *, report: Path | None = None,
            screenshot: Path | None = None, timeout: float = 900.0) -> int:
    """``stemline gui``: open the editor (optionally on ``file``); self-check when ``report``."""
    app = make_app()
    checking = report is not None
    splash = _splash()
    preload_engine()
    window = MainWindow(confirm=not checking)
    if checking:
        # Reports and screenshots at one known size, whatever the (virtual) screen: their
        # draw times and pictures stay comparable between runs and machines.
        window.resize(1600, 900)
    window.show()
    splash.finish(window)
    if checking:
        if file is None:
            print("stemline gui: --self-check needs a FILE", file=sys.stderr)
            return 2
        return self_check(window, file, report, screenshot, timeout)  # type: ignore[arg-type]
    if file is not None:
        if file.suffix.lower() == SUFFIX:
            window.open_project(file)
        else:
            window.open_media(file)
    else:
        QTimer.singleShot(0, window.offer_recovery)
    return int(app.exec())
