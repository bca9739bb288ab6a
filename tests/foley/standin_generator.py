"""Stand-in for a video-to-audio generator with the same command-line contract as the real ones.

    python standin_generator.py --video CLIP --prompt TEXT --output WAV [--duration S]

Like HunyuanVideo-Foley and MMAudio it refuses clips longer than 10 s. It writes 44.1 kHz
stereo (a different rate from Stemline's, to exercise resampling): noise whose level follows
the clip's mean brightness, as long as the clip's frames last. Every run draws fresh noise, as a
real model's output for overlapping windows is unrelated sample by sample.
"""
from __future__ import annotations

import argparse
import sys

import av
import numpy as np
import soundfile as sf

SR = 44100


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--video", required=True)
    ap.add_argument("--prompt", default="")
    ap.add_argument("--output", required=True)
    ap.add_argument("--duration", type=float, default=None)
    args = ap.parse_args()
    with av.open(args.video) as c:
        st = c.streams.video[0]
        fps = float(st.average_rate)
        levels = [float(f.to_ndarray(format="gray").mean()) / 255.0 for f in c.decode(st)]
    seconds = len(levels) / fps
    if seconds > 10.0 + 1e-6:
        print(f"clip too long: {seconds:.2f} s > 10 s", file=sys.stderr)
        return 2
    n = int(round(seconds * SR))
    t = np.arange(n) / SR
    env = np.interp(t, np.arange(len(levels)) / fps, levels)
    noise = np.random.default_rng().standard_normal((n, 2))
    x = 0.2 * noise * (0.5 + env)[:, None]
    sf.write(args.output, x.astype(np.float32), SR, subtype="FLOAT")
    return 0


if __name__ == "__main__":
    sys.exit(main())
