"""Keeps the memory-mapped playback files ahead of the playhead in memory, and lets go behind it.

The audio callback reads the lanes' int16 files through memory maps (``media.lane_audio``): no
decoding, no copy of an hour in RAM. But every page played stayed mapped, so the process's RSS
grew by 4 bytes a frame per lane (4 GB after playing two hours of three lanes), though the
kernel could take those pages back at will; and the kernel's readahead only looks forward, not
for reverse play or a seek.

A thread asks the kernel, a few times a second, to read the next ``AHEAD_S`` in the direction of
play (``MADV_WILLNEED``: readahead into the page cache, asynchronously), and to unmap what lies
more than ``BEHIND_S`` behind the playhead (``MADV_DONTNEED``: the pages stay in the page cache,
so playing back over them is a minor fault, not a read). Nothing here runs in the callback.
Measured (benchmarks/playback_paging.py, three 30-minute lanes from a cold cache): RSS 1021 ->
35 MB, major faults 4 -> 1; the render blocks' tail did not change (it isn't disk reads).
"""
from __future__ import annotations

import ctypes
import mmap
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

#: Seconds read ahead of the playhead, and kept mapped behind it.
AHEAD_S, BEHIND_S = 4.0, 4.0
#: How often the thread looks (seconds): well under AHEAD_S at any play speed (4x: 1 s of it).
PERIOD_S = 0.1


def _mapping(array: np.ndarray) -> tuple[int, int, int, int] | None:
    """``(address of the map, its length, byte offset of frame 0, bytes per frame)`` of a
    memory-mapped (frames, 2) array, or None for any other array."""
    base: Any = array
    while base is not None and not isinstance(getattr(base, "_mmap", None), mmap.mmap):
        base = getattr(base, "base", None)
    # read-only maps only: MADV_DONTNEED on a copy-on-write map would throw away its changes
    if base is None or array.ndim != 2 or getattr(base, "mode", None) != "r":
        return None
    mm = base._mmap
    try:
        first = np.frombuffer(mm, np.uint8, count=1).__array_interface__["data"][0]
    except (TypeError, ValueError):  # a closed map
        return None
    start = array.__array_interface__["data"][0]
    return first, len(mm), start - first, array.strides[0]


def _libc_madvise() -> Callable[..., int] | None:
    """libc's madvise through ctypes, which lets go of the GIL during the call. Python's own
    ``mmap.madvise`` holds it, and MADV_WILLNEED may wait for the disk to take the reads: the
    audio callback (Python too) would wait behind it."""
    import ctypes.util

    # libc by name: the process's global scope may hold another library's ``madvise``
    name = ctypes.util.find_library("c")
    try:
        fn = ctypes.CDLL(name, use_errno=True).madvise
    except (OSError, AttributeError, TypeError):
        return None
    fn.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    fn.restype = ctypes.c_int
    return fn


_MADVISE = _libc_madvise()


def _advise(address: int, size: int, a: int, b: int, advice: int) -> None:
    """madvise over bytes [a, b) of the map at ``address``, widened to whole pages and clipped
    to its ``size``."""
    a = max(0, a - a % mmap.PAGESIZE)
    b = min(size, b)
    if b > a and _MADVISE is not None:
        _MADVISE(address + a, b - a, advice)  # errors (a map closed meanwhile) are ignored


class Prefetcher:
    """Runs the look-ahead for ``engine`` (a :class:`~stemline.playback.engine.PlaybackEngine`)
    in a daemon thread; :meth:`step` is one look, also callable directly (tests, benchmarks)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # per source: the byte range last kept, so each step advises only what changed
        self._kept: dict[int, tuple[int, int]] = {}

    def start(self) -> None:
        if self._thread is None and _MADVISE is not None and hasattr(mmap, "MADV_WILLNEED"):
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="stemline-prefetch",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(PERIOD_S):
            self.step()

    def step(self) -> None:
        """Read ahead of the playhead and let go behind it, for every memory-mapped source."""
        engine = self.engine
        rate = engine.sample_rate
        pos = int(engine.position)
        ahead, behind = int(AHEAD_S * rate), int(BEHIND_S * rate)
        lo, hi = (pos - ahead, pos + behind) if engine.speed < 0 else (pos - behind, pos + ahead)
        for src in engine.sources:
            if src is None or src.dtype != np.int16:
                continue
            found = _mapping(src)
            if found is None:
                continue
            address, size, origin, stride = found
            a, b = origin + max(0, lo) * stride, origin + max(0, hi) * stride
            # the first look lets go of whatever was mapped before it (a waveform zoomed to
            # samples, an earlier play), then only of what the window leaves behind
            old = self._kept.get(address, (origin, origin + len(src) * stride))
            _advise(address, size, a, b, mmap.MADV_WILLNEED)  # pages already in: cheap
            if old[0] < a:
                _advise(address, size, old[0], min(a, old[1]), mmap.MADV_DONTNEED)
            if old[1] > b:
                _advise(address, size, max(b, old[0]), old[1], mmap.MADV_DONTNEED)
            self._kept[address] = (a, b)
