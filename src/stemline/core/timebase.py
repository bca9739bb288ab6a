"""Time code formatting and tick spacing for rulers (Qt-free so it's testable on its own)."""
from __future__ import annotations

import math

_NICE = (1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
         1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0)


def format_timecode(seconds: float, step: float = 0.001) -> str:
    """``H:MM:SS.mmm`` (hours only when needed), with as many decimals as ``step`` needs."""
    if not math.isfinite(seconds):
        return "--:--"
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    decimals = 0 if step >= 1 else min(6, max(0, -math.floor(math.log10(step) + 1e-9)))
    whole = int(seconds)
    frac = seconds - whole
    # Round the fraction at the shown precision without letting 59.9999 print as 59.1000.
    scaled = round(frac * 10 ** decimals)
    if scaled >= 10 ** decimals:
        whole, scaled = whole + 1, 0
    h, rem = divmod(whole, 3600)
    m, s = divmod(rem, 60)
    head = f"{sign}{h}:{m:02d}:{s:02d}" if h else f"{sign}{m}:{s:02d}"
    return f"{head}.{scaled:0{decimals}d}" if decimals else head


def format_frames(seconds: float, fps: float) -> str:
    """SMPTE-style ``HH:MM:SS:FF`` at ``fps`` (non-drop-frame: 29.97 counts 30 frames a
    second, as most editors display it unless drop-frame is asked for)."""
    if not math.isfinite(seconds) or fps <= 0:
        return "--:--:--:--"
    sign = "-" if seconds < 0 else ""
    nominal = max(1, round(fps))
    frames = int(round(abs(seconds) * fps + 1e-9))
    f = frames % nominal
    whole = frames // nominal
    h, rem = divmod(whole, 3600)
    m, sec = divmod(rem, 60)
    return f"{sign}{h:02d}:{m:02d}:{sec:02d}:{f:02d}"


def tick_step(span_seconds: float, pixels: float, min_pixels: float = 90.0) -> float:
    """A "nice" major tick spacing so labels are at least ``min_pixels`` apart."""
    if span_seconds <= 0 or pixels <= 0:
        return 1.0
    wanted = span_seconds * min_pixels / pixels
    for step in _NICE:
        if step >= wanted:
            return step
    return _NICE[-1] * math.ceil(wanted / _NICE[-1])
