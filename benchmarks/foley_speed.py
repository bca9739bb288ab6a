"""Foley analysis speed at 720p30 H.264, against the physical limit: decoding the same file.

    .venv/bin/python benchmarks/foley_speed.py [--seconds 20] [--keep CLIP] [--clip FILE] [--runs 3]

Renders a 1280x720 30 fps H.264 clip with PyAV (a textured panning background, bouncing balls,
a sliding block), or takes ``--clip``. Then, in one run and alternating so that both see the
same machine, times a bare PyAV decode of the file (every frame, FFmpeg's own threads, nothing
else) and event spotting (decode + analysis) at each precision. Prints each as a multiple of
real time and as a share of the decode speed (the target is at least 0.5 at ``high``); best of
``--runs``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

from stemline.jobs.foley import spot_video


def render_720p(path: Path, seconds: float) -> None:
    w, h, fps = 1280, 720, 30
    rng = np.random.default_rng(0)
    tex = rng.random((h, 2 * w)) * 50 + 60
    tex = ((tex + np.roll(tex, 1, 0) + np.roll(tex, 1, 1)) / 3).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    floor = int(h * 0.85)
    g = 2.0 * (floor - 80)  # px/s^2
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        vs.options = {"preset": "veryfast", "crf": "23"}
        for k in range(int(seconds * fps)):
            t = k / fps
            off = int(20 * t) % w  # slow camera pan
            img = tex[:, off:off + w].copy()
            img[floor:] = 30
            for j, x0 in enumerate((0.25, 0.6, 0.85)):
                period = 1.2 + 0.3 * j
                ph = (t + 0.4 * j) % period - period / 2
                y = floor - 40 - (g / 2) * ((period / 2) ** 2 - ph ** 2)
                img[(xx - x0 * w) ** 2 + (yy - y) ** 2 < 40 ** 2] = 235
            bx = int(100 + (t % 3.0) * 300)
            img[200:260, min(bx, 1000):min(bx, 1000) + 80] = 210
            frame = av.VideoFrame.from_ndarray(img.astype(np.uint8), format="gray")
            for p in vs.encode(frame.reformat(format="yuv420p")):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)


def bare_decode(path: Path) -> int:
    """Decode every frame and do nothing with it: the speed no analysis can beat."""
    n = 0
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for _ in container.decode(stream):
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--keep", type=Path, default=None, help="write the clip here and keep it")
    ap.add_argument("--clip", type=Path, default=None, help="time this file instead")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clip = args.keep or Path(tmp) / "bench720p30.mp4"
        if args.clip is None and not clip.exists():
            t0 = time.perf_counter()
            render_720p(clip, args.seconds)
            print(f"rendered {clip.name}: {args.seconds:.0f} s of 1280x720 30 fps H.264 "
                  f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        clip = args.clip or clip
        seconds = float(av.open(str(clip)).streams.video[0].duration
                        * av.open(str(clip)).streams.video[0].time_base) if args.clip else args.seconds
        best: dict[str, float] = {}
        events: dict[str, tuple[int, list[int]]] = {}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            bare_decode(clip)
            best["decode"] = min(best.get("decode", 1e9), time.perf_counter() - t0)
            for precision in ("low", "medium", "high"):
                t0 = time.perf_counter()
                res = spot_video(clip, precision=precision)
                best[precision] = min(best.get(precision, 1e9), time.perf_counter() - t0)
                events[precision] = (len(res.events), list(res.size))
        results = {"decode": {"seconds": round(best["decode"], 2),
                              "x_realtime": round(seconds / best["decode"], 1)}}
        print(f"decode: {seconds / best['decode']:5.1f}x real time ({best['decode']:.2f} s, bare PyAV)")
        for precision in ("low", "medium", "high"):
            dt = best[precision]
            share = best["decode"] / dt
            results[precision] = {"seconds": round(dt, 2), "x_realtime": round(seconds / dt, 1),
                                  "share_of_decode": round(share, 2), "events": events[precision][0],
                                  "analysis_size": events[precision][1]}
            print(f"{precision:>6}: {seconds / dt:5.1f}x real time ({dt:.2f} s for {seconds:.0f} s, "
                  f"{share:.2f} of the decode speed, {events[precision][0]} events, "
                  f"analysis {events[precision][1][0]}x{events[precision][1][1]})")
        print(json.dumps({"cpus": os.cpu_count(), **results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
