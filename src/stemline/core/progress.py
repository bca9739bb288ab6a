"""Typed progress reports and a cooperative cancel token, shared by every long-running task."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from stemline.core.errors import Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report.

    Attributes
    ----------
    stage : short machine name of the step ("decode", "separate", "encode", "analyse", ...).
    done, total : amount of work done and in all, in ``unit`` (``total`` 0 when unknown).
    unit : "s" for seconds of media, "items" for files, ...
    message : optional human text.
    """

    stage: str
    done: float
    total: float
    unit: str = "s"
    message: str = ""

    @property
    def fraction(self) -> float:
        """Share of the work done, 0..1 (0 while the total is unknown)."""
        if self.total <= 0:
            return 0.0
        return min(1.0, max(0.0, self.done / self.total))


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """Default callback: ignore reports."""


def sub_progress(progress: ProgressCallback | None, stage: str, lo: float,
                 hi: float) -> ProgressCallback | None:
    """Map a sub-step's 0..1 onto [lo, hi] of an overall 0..1 bar, reported as ``stage``.

    The bar never goes back: a sub-step of stages of its own (a Foley plan's analysis, then its
    room estimate) starts each from 0, and the overall bar holds where it was until the next
    one passes it (its messages still come through)."""
    if progress is None:
        return None
    reached = [0.0]

    def report(p: Progress) -> None:
        reached[0] = max(reached[0], p.fraction)
        progress(Progress(stage, lo + (hi - lo) * reached[0], 1.0, "", p.message))
    return report


class CancelToken:
    """Set from any thread; long loops call :meth:`check` between chunks."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled("cancelled by the user")
