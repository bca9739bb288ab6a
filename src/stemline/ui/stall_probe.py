"""Measures how long the event loop goes without running (the "UI never waits" check).

A precise timer fires every ``interval_ms``; any gap between two firings beyond the interval is
time the loop spent blocked (a long handler, a paint, a GIL-hungry worker). The longest one is the
stall we report.

With ``explain=True`` a watchdog thread also looks at every thread's stack while a stall is still
going on, so each long stall is reported with what the UI thread was doing and which stages were
running: the cause, not just the number. A stall with no samples is one where some thread held the
GIL throughout (a C call that never releases it), so the watchdog could not run either.
"""
from __future__ import annotations

import sys
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer

#: Stalls longer than this are counted and (with ``explain``) described.
LONG_MS = 50.0
#: The watchdog samples a stall once it has lasted this long.
_SAMPLE_AFTER_S = 0.035
#: At most this many looks per stall (one every 5 ms while it lasts).
_MAX_SAMPLES = 12


def _stack(frame: Any, depth: int = 6) -> list[str]:
    """The innermost ``depth`` frames, as ``file:line function`` (shortest useful path).

    Without source lines: looking them up reads the files through ``linecache`` while this
    thread holds the GIL, which lengthened the very stalls being described (seen in py-spy)."""
    out = []
    summary = traceback.StackSummary.extract(traceback.walk_stack(frame), limit=depth,
                                             lookup_lines=False)
    for fs in reversed(summary):
        name = fs.filename
        for marker in ("site-packages/", "src/"):
            if marker in name:
                name = name.split(marker, 1)[1]
        out.append(f"{name}:{fs.lineno} {fs.name}")
    return out


class StallProbe(QObject):
    """Start it, do things, read :attr:`max_stall_ms` (and :attr:`stalls` when explaining)."""

    def __init__(self, interval_ms: int = 5, parent: QObject | None = None, *,
                 explain: bool = False, stages: Callable[[], list[str]] | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        self._t0 = 0.0
        self.max_stall_ms = 0.0
        self.ticks = 0
        #: One entry per stall over LONG_MS: its length, when, the stages running, and the stacks
        #: the watchdog saw during it (UI thread first).
        self.stalls: list[dict[str, Any]] = []
        self._stages = stages or (lambda: [])
        self._explain = explain
        self._sample: dict[str, Any] | None = None
        self._watch: threading.Thread | None = None
        self._main_id = threading.get_ident()
        self._stop = threading.Event()

    def start(self) -> None:
        self.reset()
        self._last = self._t0 = time.perf_counter()
        self._timer.start()
        if self._explain and self._watch is None:
            self._stop.clear()
            self._watch = threading.Thread(target=self._watchdog, name="stall-watchdog",
                                           daemon=True)
            self._watch.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watch is not None:
            self._stop.set()
            self._watch.join(timeout=1.0)
            self._watch = None

    def reset(self) -> None:
        self.max_stall_ms, self.ticks = 0.0, 0
        self.stalls = []
        self._sample = None
        self._last = time.perf_counter()

    @property
    def stalls_over_50ms(self) -> int:
        return len(self.stalls)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _watchdog(self) -> None:
        names = {}
        while not self._stop.wait(0.005):
            last = self._last
            if time.perf_counter() - last < _SAMPLE_AFTER_S:
                continue
            sample = self._sample
            if sample is None or sample["tick"] != last:
                sample = {"tick": last, "stages": list(self._stages()), "samples": []}
            if len(sample["samples"]) >= _MAX_SAMPLES:
                continue
            frames = sys._current_frames()
            names.update({t.ident: t.name for t in threading.enumerate()})
            stacks = {"ui": _stack(frames[self._main_id], 14)} if self._main_id in frames else {}
            for ident, frame in frames.items():
                if ident not in (self._main_id, threading.get_ident()):
                    stacks[names.get(ident, f"thread-{ident}")] = _stack(frame, 3)
            sample["samples"].append({"after_ms": round((time.perf_counter() - last) * 1e3),
                                      "stacks": stacks})
            self._sample = sample

    def _on_tick(self) -> None:
        now = time.perf_counter()
        stall = (now - self._last) * 1000.0 - self.interval_ms
        previous = self._last
        self._last = now
        self.ticks += 1
        if stall > self.max_stall_ms:
            self.max_stall_ms = stall
        if stall > LONG_MS:
            sample = self._sample if self._sample and self._sample["tick"] == previous else None
            entry: dict[str, Any] = {"ms": round(stall, 1),
                                     "at_s": round(previous - self._t0, 3),
                                     "stages": sample["stages"] if sample
                                     else list(self._stages())}
            if sample:
                entry["samples"] = sample["samples"]
            self.stalls.append(entry)
