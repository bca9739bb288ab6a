"""Silence at the cut: no Foley sound where a shot cut changes every pixel but nothing hit.

  .venv/bin/python benchmarks/foley_cut_silence.py [CORPUS]      # default /tmp/stemline-corpus

For each clip of the shared corpus whose truth lists cuts (``../shared/bench/make_corpus.py``), runs
``stemline foley`` and prints, per cut: the spotted events within ±100 ms of it, the Foley track's
loudest 10 ms RMS within ±100 ms (dBFS), and the same for the clip's true impacts, for scale. The
README's "silence at the cut" is a row with 0 events and a level at the noise floor.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

WINDOW = 0.1


def loudest_db(audio: np.ndarray, rate: int, t: float) -> float:
    lo, hi = max(0, int((t - WINDOW) * rate)), min(len(audio), int((t + WINDOW) * rate))
    seg = audio[lo:hi].mean(axis=1) if len(audio[lo:hi]) else np.zeros(1)
    n = max(1, rate // 100)
    frames = seg[: len(seg) // n * n].reshape(-1, n) if len(seg) >= n else seg[None]
    rms = float(np.sqrt((frames.astype(np.float64) ** 2).mean(axis=1)).max())
    return 20 * np.log10(max(rms, 1e-10))


def main() -> int:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/stemline-corpus") / "foley"
    exe = Path(sys.executable).with_name("stemline")
    print("clip  cut_s  events_within_100ms  foley_peak_dBFS_at_cut  median_peak_dBFS_at_impacts")
    for clip in sorted(corpus.iterdir()):
        truth = json.loads((clip / "truth.json").read_text())
        if not truth.get("cuts"):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([str(exe), "foley", str(clip / "clip.mp4"), "-o", tmp, "--quiet"], check=True)
            audio, rate = sf.read(next(Path(tmp).rglob("foley.*")), always_2d=True)
            events = json.loads(next(Path(tmp).rglob("events.json")).read_text())["events"]
        hits = [loudest_db(audio, rate, float(ev["t"])) for ev in truth["events"]]
        for cut in truth["cuts"]:
            near = sum(abs(float(e["time"]) - cut) <= WINDOW for e in events)
            print(f"{clip.name}  {cut:.2f}  {near}  {loudest_db(audio, rate, cut):.1f}  "
                  f"{float(np.median(hits)):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
