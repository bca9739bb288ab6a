"""Every deliverable of issue 8, measured: render equality across block sizes and paths, loudness
and true peak by FFmpeg's ebur128 filter (an independent meter), decode-back alignment, time.

    .venv/bin/python benchmarks/export_deliverables.py [--seconds 30]

Builds its own project (tests/jobs/projects.py: a video, synthetic voice and music stems, four
Foley events on built-in sounds) in a temporary folder.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stemline.core.mixer import MixParams  # noqa: E402
from stemline.jobs.export import ExportRequest, export_project  # noqa: E402
from stemline.jobs.render import render_project  # noqa: E402
from stemline.media.decode import read_audio  # noqa: E402
from tests.jobs.projects import make_project  # noqa: E402
from tests.media.makers import xcorr_lag  # noqa: E402

from meters import ebur128  # noqa: E402  (benchmarks/, this script's folder)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        project = make_project(d / "src", args.seconds)
        project.track("background").ducking = 0.5
        project.track("voice").suppression = 0.3
        params = MixParams.from_project(project)
        renders = {}
        for block in (512, 4096, 1000):
            t = time.perf_counter()
            renders[block] = np.concatenate(list(render_project(project, params, block=block)))
            speed = args.seconds / (time.perf_counter() - t)
            print(f"render block {block:5d}: {speed:6.1f}x real time, "
                  f"identical to 512: {np.array_equal(renders[block], renders[512])}")
        ref_path = d / "ref.wav"
        export_project(project, ExportRequest(output=ref_path, bit_depth=32))
        ref = read_audio(ref_path)[0]
        print("\nformat            frames    lag  corr   time")
        for name, depth in (("m.wav", 16), ("m.wav", 24), ("m.flac", 24), ("m.m4a", 24),
                            ("m.mp3", 24), ("m.opus", 24), ("m.aac", 24), ("m.mp4", 24),
                            ("m.mkv", 24), ("m.mov", 24)):
            out = d / name
            t = time.perf_counter()
            export_project(project, ExportRequest(output=out, bit_depth=depth))
            took = time.perf_counter() - t
            got = read_audio(out)[0]
            lag, corr = xcorr_lag(ref[:, 0], got[:len(ref), 0])
            print(f"{name:6s} {depth:2d}-bit {len(got):9d} {lag:6d} {corr:5.3f} {took:5.2f} s")
            out.unlink()
        for k in ("voice", "background", "foley"):
            project.track(k).gain_db = -12.0  # a quiet mix: normalising must lift and limit it
        print("\ntarget  file      before   after(ours)  ffmpeg I   ffmpeg TP   time")
        for target, name in ((-14.0, "l.wav"), (-16.0, "l.flac"), (-23.0, "l.wav"),
                             (-14.0, "l.m4a"), (-16.0, "l.mp3"), (-14.0, "l.mp4")):
            out = d / name
            t = time.perf_counter()
            r = export_project(project, ExportRequest(output=out, loudness=target, true_peak=-1.0))
            took = time.perf_counter() - t
            lufs, tp = ebur128(out)
            rep = r.loudness[0]
            print(f"{target:6.1f}  {name:8s} {rep.before:7.2f}  {rep.after:9.2f}  {lufs:9.1f}  "
                  f"{tp:9.1f}  {took:5.2f} s")
            out.unlink()


if __name__ == "__main__":
    main()
