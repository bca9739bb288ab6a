"""The installed app's figures in the README: folder size, `--version` start-up, and the editor's
self-check on the bundled demo in an empty home, first run and second run.

    make package && .venv/bin/python benchmarks/package_timings.py     # after a build (dist/stemline)

The self-check runs the real frozen app headless (``QT_QPA_PLATFORM=offscreen``) exactly as
`make package-check` does, in a fresh home and cache, then again with that cache: the first run
separates and spots, the second reads the cache. Prints one JSON line per measurement.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "stemline"


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def self_check(home: Path, tag: str) -> dict:
    env = dict(os.environ, HOME=str(home / "home"), XDG_CACHE_HOME=str(home / "cache"),
               QT_QPA_PLATFORM="offscreen")
    report = home / f"{tag}.json"
    t0 = time.perf_counter()
    subprocess.run([str(APP / "stemline"), "gui", str(APP / "_internal/resources/demo/demo.mp4"),
                    "--self-check", str(report)], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    r = json.loads(report.read_text())
    return {"run": tag, "process_wall_s": round(wall, 2), "work_wall_s": r["wall_s"],
            "max_stall_ms": r["max_stall_ms"], "startup_max_stall_ms": r["startup_max_stall_ms"],
            "lanes": r["lanes"], "timings_s": r["timings_s"], "errors": r["errors"]}


def main() -> int:
    if not (APP / "stemline").exists():
        print(f"{APP}: not built; run `make package` first", file=sys.stderr)
        return 2
    print(json.dumps({"folder_mb": round(folder_mb(APP))}))
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(APP / "stemline"), "--version"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"version_s_best_of_3": round(min(times), 2)}))
    with tempfile.TemporaryDirectory() as tmp:
        for tag in ("first", "second"):
            print(json.dumps(self_check(Path(tmp), tag)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
