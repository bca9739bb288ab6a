"""Playback of long memory-mapped lanes from a cold page cache: the audio callback's worst block,
its page faults from disk, and the memory the process keeps mapped, with and without the
read-ahead thread (``playback/prefetch.py``).

    .venv/bin/python benchmarks/playback_paging.py [--minutes 30] [--lanes 3] [--speed 16]

Writes ``--lanes`` int16 stereo 48 kHz playback files of ``--minutes`` (noise: their content
doesn't matter here) as ``media.lane_audio`` lays them out, then for each mode, in a child
process and after dropping the page cache (root only: ``/proc/sys/vm/drop_caches``; otherwise
said, and the figures are warm-cache ones):

* plays the whole length through ``PlaybackEngine.render`` in 512-frame blocks, paced at
  ``--speed`` times real time (default 16: the read-ahead thread, which looks every 0.1 s, then
  sees the playhead move 1.6 s between looks, well inside its 4 s; unpaced, the loop would
  outrun any disk and any read-ahead);
* reports the worst block and the 99.9th percentile (ms), the blocks over 2 ms, the major page
  faults taken while rendering (reads from disk, ``getrusage``), and the process's RSS at the
  end and at its peak (the mapped pages it holds).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

CHILD = r"""
import json, resource, sys, time
import numpy as np
from stemline.core.mixer import KINDS, MixParams
from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.playback.prefetch import Prefetcher

paths, frames, mode, speed = sys.argv[4:], int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
kinds = ("original", "voice", "background")
sources = {k: np.memmap(p, dtype=np.int16, mode="r", shape=(frames, 2)) for k, p in zip(kinds, paths)}
project = Project()
project.track("original").mute = False
engine = PlaybackEngine(48000, 512)
engine.set_sources(sources)
engine.set_params(MixParams.from_project(project, has_stems=False))
engine.speed = 1
pre = Prefetcher(engine)
if mode == "prefetch":
    pre.step()
    pre.start()
out = np.zeros((512, 2), np.float32)
times = np.zeros(frames // 512)
peak = 0
pace = 512 / 48000 / speed
t_start = time.perf_counter()
faults0 = resource.getrusage(resource.RUSAGE_SELF).ru_majflt
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
for i in range(frames // 512):
    t = time.perf_counter()
    engine.render(out)
    times[i] = time.perf_counter() - t
    if i % 2000 == 0:
        peak = max(peak, rss_kb())
    due = t_start + (i + 1) * pace
    while time.perf_counter() < due:
        time.sleep(max(0.0, min(0.002, due - time.perf_counter())))
faults = resource.getrusage(resource.RUSAGE_SELF).ru_majflt - faults0
pre.stop()
ms = times * 1e3
print(json.dumps({"mode": mode, "worst_block_ms": round(float(ms.max()), 2),
                  "p999_block_ms": round(float(np.percentile(ms, 99.9)), 3),
                  "blocks_over_2ms": int(np.sum(ms > 2.0)), "major_faults": faults,
                  "rss_end_mb": round(rss_kb() / 1024), "rss_peak_mb": round(max(peak, rss_kb()) / 1024),
                  "wall_s": round(time.perf_counter() - t_start, 1)}))
"""


def drop_caches() -> bool:
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w", encoding="ascii") as fh:
            fh.write("1\n")
        return True
    except OSError:
        return False


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--speed", type=float, default=16.0, help="times real time (default 16)")
    ap.add_argument("--lanes", type=int, default=3)
    args = ap.parse_args()
    frames = int(args.minutes * 60 * 48000) // 512 * 512
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        rng = np.random.default_rng(0)
        block = (rng.standard_normal((48000 * 10, 2)) * 3000).astype(np.int16)
        for k in range(args.lanes):
            path = Path(tmp) / f"lane{k}.pcm16"
            with open(path, "wb") as fh:
                for start in range(0, frames, block.shape[0]):
                    block[: min(block.shape[0], frames - start)].tofile(fh)
            paths.append(str(path))
        for mode in ("plain", "prefetch"):
            cold = drop_caches()
            proc = subprocess.run([sys.executable, "-c", CHILD, str(frames), mode, str(args.speed),
                                   *paths],
                                  capture_output=True, text=True, check=True)
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row.update(minutes=args.minutes, lanes=args.lanes, speed=args.speed, cold_cache=cold)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
