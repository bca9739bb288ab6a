"""Render the 3-D Foley corpus with Blender and encode it like footage.

    .venv/bin/python benchmarks/scenes3d/make_corpus.py OUT [--set NAME|all] [--only NAME ...]
        [--seconds S] [--truth-only]

For each scene, ``OUT/foley/NN_name/`` gets ``clip.mp4`` (H.264, film grain added per frame
before encoding) and ``truth.json``. The layout is the one ``../shared/bench/eval_foley.py``
reads (``CORPUS=OUT``), so the shared scorer runs on it unchanged; ``eval.py`` beside this file
gives the per-scene breakdown. Needs ``blender`` (Debian's package) on the PATH; ~0.7 s a frame.

truth.json: ``events`` ({t, x, y, surface, obj, kind, speed, seen}, x/y -1..+1 on screen) holds
every contact the camera sees; ``hidden`` those it does not, each with ``why``: "out of frame"
(the point is off the picture), "after the end", "after the last frame" (the clip's last picture
is before it: none shows the contact or the rebound) or "occluded" (furniture hides the whole object at that moment:
``seen``, the share of the object's middle the camera sees directly, is 0); ``tracks`` the screen
position of
every moving object per frame (to say what a false event was on); ``silent`` the objects that
never touch anything (lamp, pendulum, rolling ball) and ``cut`` the cut time.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scenes import SETS, SILENT  # noqa: E402

MARGIN = 0.04  # a contact this close to the frame edge counts as out of frame


def render(spec: dict, work: Path, *, project_only: bool = False) -> None:
    work.mkdir(parents=True, exist_ok=True)
    # Blender can't import scenes.py (numpy): the spec names the silent objects for it
    (work / "spec.json").write_text(json.dumps({**spec, "silent": list(SILENT)}))
    cmd = ["blender", "-b", "--factory-startup", "-noaudio", "-P", str(HERE / "blender_render.py"), "--",
           str(work / "spec.json"), str(work)] + (["--project-only"] if project_only else [])
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0 or not (work / "projection.json").exists():
        raise SystemExit(f"{spec['name']}: blender failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")


def encode(spec: dict, work: Path, clip: Path) -> None:
    """PNG frames -> H.264 the way a small camera delivers them: a 3x3 median takes out the path
    tracer's isolated fireflies (a camera's own noise reduction), the picture is scaled up to the
    delivery size, and film grain is added (luma-weighted Gaussian noise, new every frame, plus a
    little chroma noise)."""
    rng = np.random.default_rng(spec["seed"])
    frames = sorted((work / "frames").glob("*.png"))
    tmp = clip.with_suffix(".part.mp4")
    with av.open(str(tmp), "w") as out:
        vs = out.add_stream("libx264", rate=spec["fps"])
        ow, oh = spec.get("out_size", (spec["width"], spec["height"]))
        vs.width, vs.height, vs.pix_fmt = ow, oh, "yuv420p"
        vs.options = {"preset": "medium", "crf": str(spec.get("crf", 23))}
        for p in frames:
            with av.open(str(p)) as png:
                src = next(png.decode(video=0)).to_ndarray(format="rgb24")
            src = av.VideoFrame.from_ndarray(median3(src), format="rgb24")
            img = src.reformat(width=ow, height=oh, format="rgb24",
                               interpolation="BICUBIC").to_ndarray().astype(np.float32)
            g = spec.get("grain", 4.0)
            luma = rng.normal(0.0, g, img.shape[:2])[..., None]
            chroma = rng.normal(0.0, 0.4 * g, img.shape)
            # grain is strongest in the mid-tones
            m = img.mean(axis=2, keepdims=True) / 255.0
            weight = 0.6 + 1.6 * m * (1.0 - m)
            img = np.clip(img + (luma + chroma) * weight, 0, 255).astype(np.uint8)
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            for pkt in vs.encode(frame):
                out.mux(pkt)
        for pkt in vs.encode():
            out.mux(pkt)
    tmp.replace(clip)


def median3(img: np.ndarray) -> np.ndarray:
    """3x3 median per channel (numpy only: the corpus needs no OpenCV)."""
    pad = np.pad(img, ((1, 1), (1, 1), (0, 0)), mode="edge")
    h, w = img.shape[:2]
    stack = np.stack([pad[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)])
    return np.median(stack, axis=0).astype(np.uint8)


def truth_doc(spec: dict, work: Path) -> dict:
    proj = json.loads((work / "projection.json").read_text())
    events, hidden = [], []
    last_frame = (int(round(spec["seconds"] * spec["fps"])) - 1) / spec["fps"]
    for c in proj["contacts"]:
        e = {"t": round(c["t"], 5), "x": round(2 * c["sx"] - 1, 4), "y": round(2 * c["sy"] - 1, 4),
             "surface": c["surface"], "obj": c["obj"], "kind": c["kind"], "speed": round(c["speed"], 3),
             "seen": c.get("seen", 1.0)}
        if c["t"] >= spec["seconds"]:
            hidden.append({**e, "why": "after the end"})
            continue
        if c["t"] > last_frame:
            # no picture shows the object at or after it: the last one shows it still coming
            hidden.append({**e, "why": "after the last frame"})
            continue
        inside = MARGIN < c["sx"] < 1 - MARGIN and MARGIN < c["sy"] < 1 - MARGIN and c["depth"] > 0
        # A contact behind furniture is no more in the picture than one off its edge. Only a
        # wholly hidden object counts: a sliver in view is left for the spotter to find.
        if not inside:
            hidden.append({**e, "why": "out of frame"})
        elif e["seen"] == 0.0:
            hidden.append({**e, "why": "occluded"})
        else:
            events.append(e)
    silent = [o["name"] for o in spec["objects"] if o["name"] in SILENT]
    return {"scene": spec["name"], "fps": spec["fps"], "seconds": spec["seconds"],
            "size": list(spec.get("out_size", (spec["width"], spec["height"]))), "cut": spec.get("cut"), "floor": spec["room"]["floor"],
            "events": sorted(events, key=lambda e: e["t"]), "hidden": hidden, "silent": silent,
            "tracks": {k: [[round(2 * p[0] - 1, 4), round(2 * p[1] - 1, 4), p[2]] for p in v]
                       for k, v in proj["tracks"].items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--set", choices=(*SETS, "all"), default="all")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--seconds", type=float, default=None, help="shorten every scene (tests, smoke runs)")
    ap.add_argument("--drop-frames", action="store_true", help="delete the rendered PNGs when encoded")
    ap.add_argument("--truth-only", action="store_true",
                    help="rewrite truth.json of scenes already encoded, without rendering (seconds a scene)")
    args = ap.parse_args()
    if shutil.which("blender") is None:
        print("blender is not installed (apt-get install blender)", file=sys.stderr)
        return 2
    order = [f for group in SETS.values() for f in group]
    chosen = order if args.set == "all" else SETS[args.set]
    for fn in chosen:
        name = fn.__name__
        if args.only and name not in args.only:
            continue
        spec = fn()
        if args.seconds:
            spec["seconds"] = min(spec["seconds"], args.seconds)
        folder = args.out / "foley" / f"{order.index(fn) + 1:02d}_{name}"
        work = args.out / "work" / name
        t0 = time.perf_counter()
        frames = int(round(spec["seconds"] * spec["fps"]))
        if args.truth_only:
            if not (folder / "clip.mp4").exists():
                print(f"{name}: no clip.mp4 to go with new truth; render it first", file=sys.stderr)
                return 2
            render(spec, work, project_only=True)
        else:
            if len(list((work / "frames").glob("*.png"))) != frames or not (work / "projection.json").exists():
                render(spec, work)
            folder.mkdir(parents=True, exist_ok=True)
            encode(spec, work, folder / "clip.mp4")
        doc = truth_doc(spec, work)
        (folder / "truth.json").write_text(json.dumps(doc, indent=1))
        if args.drop_frames:
            shutil.rmtree(work / "frames", ignore_errors=True)
        why = [h["why"] for h in doc["hidden"]]
        print(f"{name}: {len(doc['events'])} contacts seen, {why.count('out of frame')} out of frame, "
              f"{why.count('occluded')} occluded, {time.perf_counter() - t0:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
