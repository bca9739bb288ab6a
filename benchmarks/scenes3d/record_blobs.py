"""Record the moving regions the segmenter finds in a window of a rendered scene, for a test
that replays them (``tests/foley/replay.py``): the tracker and everything after it run exactly
as on the clip, without the clip.

    .venv/bin/python benchmarks/scenes3d/record_blobs.py CORPUS SCENE START END OUT.json

``SCENE`` is a scene's name or a unique part of it (``CORPUS/foley/*SCENE*``); ``START`` and
``END`` are seconds of the clip. The whole clip is analysed (the background model needs its
past); only the frames of the window are written.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from stemline.engine.foley.analysis import EventSpotter  # noqa: E402
from stemline.engine.foley.motion import prepare  # noqa: E402
from stemline.media.video import iter_gray_frames, video_info  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("scene")
    ap.add_argument("start", type=float)
    ap.add_argument("end", type=float)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    found = [d for d in sorted((args.corpus / "foley").iterdir()) if args.scene in d.name]
    if len(found) != 1:
        print(f"{args.scene!r} names {len(found)} scenes", file=sys.stderr)
        return 2
    clip = found[0] / "clip.mp4"
    info = video_info(clip)
    spotter: EventSpotter | None = None
    frames = []

    def record(push):  # the segmenter's own answer for every frame it analyses
        def observed(time, ready, chroma=None, hints=()):
            obs = push(time, ready, chroma, hints)
            if args.start <= time <= args.end:
                frames.append({"t": round(time, 5), "cut": obs.cut,
                               "blobs": [[round(v, 3) for v in (b.cx, b.cy, b.left, b.right, b.top, b.bottom,
                                                                 b.area, b.sx, b.sy)] + [b.border]
                                         for b in obs.blobs]})
            return obs
        return observed

    for fr in iter_gray_frames(clip, max_width=320, colour=True, prefetch=0, prepare=prepare):
        if spotter is None:
            h, w = fr.pixels.shape
            spotter = EventSpotter(w, h, info.fps, "high")
            spotter.segmenter.push = record(spotter.segmenter.push)  # type: ignore[method-assign]
        spotter.push(fr.time, fr.ready, fr.chroma)
    if spotter is None:
        print(f"{clip}: no frames", file=sys.stderr)
        return 1
    args.out.write_text(json.dumps({"scene": found[0].name, "size": [spotter.width, spotter.height, info.fps],
                                    "frames": frames}))
    print(f"{args.out}: {len(frames)} frames of {found[0].name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
