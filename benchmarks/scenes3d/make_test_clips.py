"""Cut the small rendered clips the test suite runs on (rendering in CI would take minutes).

    .venv/bin/python benchmarks/scenes3d/make_test_clips.py CORPUS tests/data/rendered [--only NAME ...]

Needs a corpus made by ``make_corpus.py`` (its rendered frames are kept under
``CORPUS/work/NAME/frames``). Each test clip is a stretch of one development scene, encoded the
same way as the corpus (camera noise reduction, grain, H.264) with its truth cut to match.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_corpus import encode, truth_doc  # noqa: E402
from scenes import SCENES  # noqa: E402

#: (scene, first second, last second): a bouncing ball under a swinging lamp; a pan across a
#: box landing and a box slammed into a wall; five steps on a carpet during a dolly; balls
#: meeting their reflections on a metal floor while another rolls to rest under a swinging lamp;
#: a walk whose feet come apart at every landing, with a ball bouncing behind it.
CLIPS = (("dev_balls_wood", 0.4, 2.4), ("dev_box_tile", 0.6, 3.6), ("dev_steps_carpet", 0.4, 3.6),
         ("eval_balls_metal", 2.4, 4.9), ("fresh_walk_stone", 0.4, 4.95))


def cut(corpus: Path, name: str, t0: float, t1: float, out: Path) -> dict:
    spec = SCENES[name]()
    work = corpus / "work" / name
    fps = spec["fps"]
    first, last = int(round(t0 * fps)), int(round(t1 * fps))
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp)
        (part / "frames").mkdir()
        for k in range(first, last):
            shutil.copy(work / "frames" / f"{k + 1:04d}.png", part / "frames" / f"{k - first + 1:04d}.png")
        shutil.copy(work / "projection.json", part / "projection.json")
        small = dict(spec, crf=max(spec.get("crf", 23), 26))
        out.mkdir(parents=True, exist_ok=True)
        encode(small, part, out / f"{name}.mp4")
        doc = truth_doc(spec, part)
    shift = first / fps
    keep = [dict(e, t=round(e["t"] - shift, 5)) for e in doc["events"] if first / fps + 0.1 < e["t"] < last / fps - 0.1]
    truth = {"scene": name, "fps": fps, "from": t0, "seconds": round((last - first) / fps, 3),
             "floor": doc["floor"], "silent": doc["silent"], "events": keep}
    (out / f"{name}.json").write_text(json.dumps(truth, indent=1))
    return truth


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--only", nargs="*", default=None, help="cut only these scenes' clips")
    args = ap.parse_args()
    for name, t0, t1 in CLIPS:
        if args.only and name not in args.only:
            continue
        truth = cut(args.corpus, name, t0, t1, args.out)
        size = (args.out / f"{name}.mp4").stat().st_size
        print(f"{name}: {len(truth['events'])} contacts, {truth['seconds']} s, {size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
