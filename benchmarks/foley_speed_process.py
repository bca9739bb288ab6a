"""Would decoding in a child process make Foley analysis faster? A measurement, not the product.

    .venv/bin/python benchmarks/foley_speed_process.py --clip FILE [--runs 3]

``spot_video`` decodes in a helper thread of its own process; measured on 2026-12-04, the two
threads slow each other by 20-50 % (the interpreter's lock), while the same work in two
processes does not. This script times, in one run and alternating: a bare PyAV decode (the
reference of ``foley_speed.py``), ``spot_video`` as it is, and the same analysis fed by a
spawned child that decodes and reduces the frames into a ring of shared-memory slots (process
start-up included). Both analyses must find the same events.

Measured 2026-12-04 on the 2-core machine: it is slower, not faster. The benchmark's 20 s
720p clip: bare decode 0.46 s, ``spot_video`` 1.74 s (0.26 of decode), decoding in a child
2.48 s (0.18); its first 10 s: 0.23, 0.91 (0.25) and 1.81 s (0.13), the same events each time.
Handing each frame over through two ``multiprocessing`` queues (a pickle, a pipe and a feeder
thread per message, both ways) plus the child's start-up cost more than the lock contention
they remove; a product version would need a lighter hand-over than this.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from multiprocessing import shared_memory
from pathlib import Path
from typing import Iterator

import numpy as np

from foley_speed import bare_decode  # the same reference as foley_speed.py (this folder)
from stemline.engine.foley.analysis import precision_settings
from stemline.jobs.foley import HELD_FRAMES, spot_frames, spot_video
from stemline.media.video import GrayFrame, analysis_size, iter_gray_frames, video_info

SLOTS = 8


def _child(path: str, max_width: int, shm_name: str, shape: tuple[int, int], free, filled) -> None:
    """Decode ``path`` into the shared slots; ``filled`` gets (slot, time), then None."""
    shm = shared_memory.SharedMemory(name=shm_name)
    h, w = shape
    per = h * w + 2 * (h // 2) * (w // 2)
    ring = np.ndarray((SLOTS, per), np.float32, buffer=shm.buf)
    try:
        for fr in iter_gray_frames(path, max_width=max_width, colour=True, prefetch=0):
            slot = free.get()
            ring[slot, :h * w] = fr.pixels.ravel()
            ring[slot, h * w:] = fr.chroma.ravel()
            filled.put((slot, fr.time))
        filled.put(None)
    finally:
        del ring
        shm.close()


def spot_in_child(path: Path, precision: str = "high") -> tuple[int, list[float]]:
    info = video_info(path)
    max_width = precision_settings(precision).width_for(info.width)
    _, w, h = analysis_size(info.width, info.height, max_width)
    per = h * w + 2 * (h // 2) * (w // 2)
    shm = shared_memory.SharedMemory(create=True, size=SLOTS * per * 4)
    ctx = mp.get_context("spawn")
    free, filled = ctx.Queue(), ctx.Queue()
    for k in range(SLOTS):
        free.put(k)
    proc = ctx.Process(target=_child, args=(str(path), max_width, shm.name, (h, w), free, filled), daemon=True)
    proc.start()
    ring = np.ndarray((SLOTS, per), np.float32, buffer=shm.buf)

    def received() -> Iterator[GrayFrame]:
        """The child's frames; a slot goes back to it once the spotter is done with it (the
        frames ``spot_frames`` holds at the start are copied out of the ring)."""
        k = 0
        while (item := filled.get()) is not None:
            slot, t = item
            luma, chroma = ring[slot, :h * w].reshape(h, w), ring[slot, h * w:].reshape(2, h // 2, w // 2)
            if k < HELD_FRAMES:
                luma, chroma = luma.copy(), chroma.copy()
                free.put(slot)
            yield GrayFrame(k, t, luma, chroma)
            if k >= HELD_FRAMES:
                free.put(slot)
            k += 1

    try:
        res = spot_frames(received(), info.fps, precision)
    finally:
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
        for q in (free, filled):
            q.close()
            q.join_thread()
        del ring
        shm.close()
        shm.unlink()
    events = res.events if res is not None else ()
    return len(events), [round(e.time, 4) for e in events]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clip", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    best: dict[str, float] = {}
    found: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for name, fn in (("decode", lambda: bare_decode(args.clip)),
                         ("thread", lambda: [round(e.time, 4) for e in spot_video(args.clip).events]),
                         ("process", lambda: spot_in_child(args.clip)[1])):
            t0 = time.perf_counter()
            out = fn()
            best[name] = min(best.get(name, 1e9), time.perf_counter() - t0)
            if name != "decode":
                found[name] = out
    same = found["thread"] == found["process"]
    print(f"bare decode {best['decode']:.2f} s; spot_video (decode thread) {best['thread']:.2f} s = "
          f"{best['decode'] / best['thread']:.2f} of decode; decode in a child process {best['process']:.2f} s = "
          f"{best['decode'] / best['process']:.2f} of decode; same events: {same} ({len(found['thread'])})")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
