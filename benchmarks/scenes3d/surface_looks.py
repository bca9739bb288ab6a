"""Surface guesses on floors of every colour: does the classifier read the material, or the
colours the corpus happened to give each material?

    .venv/bin/python benchmarks/scenes3d/surface_looks.py make OUT [--set SET] [--only N ...]
    .venv/bin/python benchmarks/scenes3d/surface_looks.py score OUT [--set corpus|dev|held] [--json FILE]
    .venv/bin/python benchmarks/scenes3d/eval.py OUT/drops-held --in-process 2     # a scene set

The rendered scenes each have one floor, and their colours were chosen by hand per material
(planks brown, carpet tinted, steel grey): a classifier that learned "brown is wood" scores well
on them and fails on light oak or green-grey carpet (blind38: 2 of 25). Here each item is one
empty room with nothing moving in it, rendered and encoded exactly as the corpus is
(``make_corpus.render`` / ``encode``: Cycles, 3x3 median, upscale, grain, H.264), eight frames
long. Sets:

* ``corpus``: the floors of all of ``scenes.SETS`` (material, both colours, texture scale) under
  one camera and light: what the classifier was tuned on, as a floor alone;
* ``dev``: 60 floors, 12 of each material, colours drawn at random over every hue and a wide
  range of saturation and brightness that the material can have (grey-washed or sand-coloured
  planks, green carpet, tinted steel), random camera height, lens, distance, lighting, grain and
  compression; the first experiments were made on it (the model that ships never learnt from
  it);
* ``held``: 60 more of the same kinds drawn with other seeds, in rooms lit otherwise (a warm
  low lamp, a dim room, a bright one), and other walls: read only to report;
* ``drops`` (40) and ``walks`` (25): short scenes on floors drawn the same way, balls of random
  size and colour dropped one after another, or feet walking across with a box and a ball: the
  spotter's own contacts, shadows, mirror images and blur included (what ``train_surface.py``
  learns from); ``drops-held`` (25): more drops with other seeds, lit as ``held``, read once;
  ``drops2`` (25, twentieth session): more drops to learn from; ``drops-held2`` (25): drops
  with seeds of their own, lit as ``held``, written before anything they measure was tried;
  ``drops-held3`` (25) likewise, written after drops-held2 was read.
  They are written in the corpus's layout and scored by ``eval.py``.

Scoring an empty floor decodes its clip at the spotter's analysis size, runs the spotter's
background model over it (``MotionSegmenter``; the picture it looks at surfaces in) and
measures the floor at ten
contact points spread over the floor where the corpus's objects land, with the spotter's own
measure (``surface.floor_look``: a ball of 5 cm there, in its projected size), then classifies
each (``classify_surface``) and lets the points of the floor vote (``floor_seams``,
``agree_on_floors``), as the spotter does for the contacts of one shot. Reported: points right
per material and per item, and each item's colours and what it read as. Not measured here: the
mirror image a polished floor shows of the object (there is no object), which in the scenes
tells most of the steel contacts.
"""
from __future__ import annotations

import argparse
import colorsys
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
from physics import Ball, Box, Feet  # noqa: E402
from scenes import SETS, ball_path, base, box, camera, feet_boxes, lights, room, sphere, truth  # noqa: E402

KINDS = ("wood", "tile", "stone", "carpet", "metal")
FPS, FRAMES = 25, 8
#: (hue range in degrees, saturation range, value range) a material's colour is drawn from:
#: every look the material has in a house, not the corpus's picks.
PALETTE = {
    "wood": ((15, 45), (0.05, 0.75), (0.2, 0.85)),     # grey-washed, oak, walnut, cherry
    "tile": ((0, 360), (0.0, 0.5), (0.35, 0.97)),      # any glaze, mostly light (white, cream, sand)
    "stone": ((15, 230), (0.0, 0.25), (0.25, 0.85)),   # concrete, sandstone, slate
    "carpet": ((0, 360), (0.0, 0.65), (0.15, 0.85)),   # any dye, muted or strong
    "metal": ((0, 360), (0.0, 0.12), (0.25, 0.9)),     # steel, aluminium, a tint
}
#: Floor points where contacts are measured (metres; the corpus's objects land there).
POINTS = [(x, y) for y in (1.5, 1.9, 2.3) for x in (-0.6, -0.2, 0.2, 0.6)][:10]
BALL = 0.05  # radius of the object whose contact is measured


def _srgb_to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _hsv(h: float, s: float, v: float) -> tuple[float, ...]:
    """A colour picked as hue (0..1), saturation and value, as Blender takes it (linear RGB)."""
    return tuple(round(_srgb_to_linear(c), 4) for c in colorsys.hsv_to_rgb(h, s, v))


def _colour(rng: np.random.Generator, kind: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    (h0, h1), (s0, s1), (v0, v1) = PALETTE[kind]
    c1 = _hsv(rng.uniform(h0, h1) / 360.0 % 1.0, rng.uniform(s0, s1), rng.uniform(v0, v1))
    k = rng.uniform(0.7, 0.92)  # the darker second colour of the texture, as the corpus has it
    return c1, tuple(round(c * k, 4) for c in c1)


def _item(name: str, kind: str, c1, c2, scale: float, rng: np.random.Generator, held: bool) -> dict:
    sec = FRAMES / FPS
    height = rng.uniform(0.9, 1.6)
    back = rng.uniform(-1.4, -0.6)
    x0 = rng.uniform(-0.3, 0.3)
    aim = (rng.uniform(-0.2, 0.2), rng.uniform(1.9, 2.3), rng.uniform(0.2, 0.45))
    if held:  # lit otherwise than anything developed on
        light = [{"type": "AREA", "pos": [rng.uniform(-1, 1), 1.0, 2.5], "energy": rng.uniform(50, 200),
                  "size": rng.uniform(1.0, 3.0)},
                 {"type": "POINT", "pos": [rng.uniform(-1.5, 1.5), rng.uniform(0.5, 2.5), rng.uniform(0.8, 2.2)],
                  "energy": rng.uniform(15, 70)}]
        wall = ("stripes", (0.6, 0.55, 0.45), (0.7, 0.66, 0.55)) if rng.random() < 0.5 else \
            ("plaster", (0.5, 0.6, 0.66), (0.56, 0.66, 0.72))
    else:
        light = lights(lamp_energy=rng.uniform(30, 50), area=rng.uniform(100, 140))
        wall = ("plaster", (0.7, 0.68, 0.62), (0.78, 0.76, 0.7))
    probe = sphere("probe", BALL, (0.5, 0.5, 0.5), lambda t: None, FPS, sec)  # parked out of sight
    truth = [{"t": 0.1, "point": [x, y, 0.0], "surface": kind, "obj": "ball", "kind": "bounce", "speed": 1.0}
             for x, y in POINTS]
    return base(name, FPS, sec, room=room(kind, list(c1), list(c2), wall=wall[0], w1=wall[1], w2=wall[2],
                                          scale=scale),
                lights=light, grain=float(rng.uniform(3.0, 6.5)), crf=int(rng.integers(21, 28)),
                objects=[probe],
                cameras=[camera(lambda t: (x0, back, height), lambda t: aim, FPS, sec,
                                shake=float(rng.uniform(0.0, 0.2)), seed=int(rng.integers(1 << 30)),
                                lens=float(rng.uniform(22, 32)))],
                truth=truth)


def items(which: str) -> list[dict]:
    """The specs of a set, in a fixed order."""
    out = []
    if which == "corpus":
        seen = set()
        rng = np.random.default_rng(7)
        for group in SETS.values():
            for fn in group:
                r = fn()["room"]
                key = (r["floor"], tuple(r["floor_c1"]), tuple(r["floor_c2"]), r.get("floor_scale", 1.0))
                if key in seen:
                    continue
                seen.add(key)
                name = f"corpus{len(out):03d}_{r['floor']}"
                out.append(_item(name, r["floor"], key[1], key[2], key[3], rng, held=False))
        return out
    held = which == "held"
    rng = np.random.default_rng(2026_1207 + (1 if held else 0))
    for i in range(12):
        for kind in KINDS:
            c1, c2 = _colour(rng, kind)
            out.append(_item(f"{which}{len(out):03d}_{kind}", kind, c1, c2, float(rng.uniform(0.8, 1.3)), rng, held))
    return out


#: Seconds of a drops scene, and when its balls are let go.
DROPS_SECONDS, DROPS_AT = 2.0, (0.1, 0.45, 0.8, 1.15)


def _drops(name: str, kind: str, c1, c2, scale: float, rng: np.random.Generator, held: bool) -> dict:
    """One floor with four balls of random size and colour dropped on it one after another,
    bouncing where the corpus's objects land: the spotter's own contacts on a floor of a random
    colour (what the background model holds there, with the balls' shadows and mirror images)."""
    still = _item(name, kind, c1, c2, scale, rng, held)
    balls, objects = [], []
    for i, t0 in enumerate(DROPS_AT):
        x, y = rng.uniform(-0.6, 0.6), rng.uniform(1.5, 2.4)
        radius = float(rng.uniform(0.035, 0.07))
        b = Ball((x, y, float(rng.uniform(0.5, 1.0))), (float(rng.uniform(-0.05, 0.05)), 0.0, 0.0), t0, kind,
                 radius=radius, restitution=float(rng.uniform(0.5, 0.7)))
        colour = _hsv(rng.uniform(0, 1), rng.uniform(0.2, 0.9), rng.uniform(0.3, 0.95))
        balls.append(b)
        objects.append(sphere(f"ball{i}", radius, colour, ball_path(b), FPS, DROPS_SECONDS))
    return {**still, "seconds": DROPS_SECONDS, "objects": objects, "truth": truth(*balls),
            "cameras": [_held_camera(still, DROPS_SECONDS, rng)]}


def _held_camera(still: dict, seconds: float, rng: np.random.Generator) -> dict:
    """The empty floor's camera, held where it stands for ``seconds`` with a shake of its own."""
    cam = still["cameras"][0]
    keys = cam["keys"][0]
    pos, aim = tuple(keys[1:4]), tuple(keys[4:7])
    return camera(lambda t: pos, lambda t: aim, FPS, seconds, shake=float(rng.uniform(0.0, 0.2)),
                  seed=int(rng.integers(1 << 30)), lens=cam["lens"])


#: The sets of scenes (the others are empty floors).
SCENE_SETS = ("drops", "drops-held", "walks", "drops2", "drops-held2", "drops-held3")
#: Per scene set: (seed, scenes per material, lit as ``held``). ``drops2`` (twentieth session)
#: is more to learn from; ``drops-held2`` was written before anything it then measured.
_SCENE_SEEDS = {"drops": (2026_1207_2, 8, False), "drops-held": (2026_1207_3, 5, True),
                "walks": (2026_1207_4, 5, False), "drops2": (2026_1208_1, 5, False),
                "drops-held2": (2026_1208_2, 5, True), "drops-held3": (2026_1208_3, 5, True)}
#: Seconds of a walks scene.
WALKS_SECONDS = 2.4


def _walk(name: str, kind: str, c1, c2, scale: float, rng: np.random.Generator, held: bool) -> dict:
    """One floor with feet walking across it, a box dropped and a ball bouncing: contacts of the
    larger objects, whose floor patches are larger (the spotter measures the floor in front of
    a contact in the object's own size)."""
    still = _item(name, kind, c1, c2, scale, rng, held)
    direction = 1 if rng.random() < 0.5 else -1
    period = float(rng.uniform(0.45, 0.6))
    feet = Feet((-0.9 * direction, float(rng.uniform(1.7, 2.2))), float(rng.uniform(0.1, 0.3)), 6, kind,
                stride=float(rng.uniform(0.2, 0.3)), period=period, direction=direction, lift=0.08)
    size = float(rng.uniform(0.16, 0.26))
    drop = Box((float(rng.uniform(-0.5, 0.5)), float(rng.uniform(2.2, 2.6)), size / 2), size, kind,
               t_drop=float(rng.uniform(0.6, 1.4)), drop=float(rng.uniform(0.3, 0.7)))
    ball = Ball((float(rng.uniform(-0.5, 0.5)), float(rng.uniform(1.4, 1.8)), float(rng.uniform(0.6, 1.0))),
                (0.0, 0.0, 0.0), float(rng.uniform(0.2, 1.0)), kind, radius=float(rng.uniform(0.04, 0.07)),
                restitution=float(rng.uniform(0.5, 0.7)))
    shoes = _hsv(rng.uniform(0, 1), rng.uniform(0, 0.6), rng.uniform(0.1, 0.95))
    crate = _hsv(rng.uniform(0, 1), rng.uniform(0.2, 0.8), rng.uniform(0.3, 0.9))
    sec = WALKS_SECONDS
    return {**still, "seconds": sec, "truth": truth(feet, drop, ball),
            "objects": [*feet_boxes(feet, shoes, FPS, sec), box("box1", (size,) * 3, crate, drop.position, FPS, sec),
                        sphere("ball", ball.radius, (0.9, 0.85, 0.8), ball_path(ball), FPS, sec)],
            "cameras": [_held_camera(still, sec, rng)]}


def scene_specs(which: str) -> list[dict]:
    """The specs of a scene set of :data:`SCENE_SETS` (seed, size and lighting in
    ``_SCENE_SEEDS``): walks for ``walks``, drops for the others."""
    seed, per_kind, held = _SCENE_SEEDS[which]
    walks = which == "walks"
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(per_kind):
        for kind in KINDS:
            c1, c2 = _colour(rng, kind)
            out.append((_walk if walks else _drops)(f"{which.replace('-', '')}{len(out):03d}_{kind}", kind, c1, c2,
                                                    float(rng.uniform(0.8, 1.3)), rng, held))
    return out


def _floor_doc(spec: dict, work: Path) -> dict:
    """An empty floor's truth: its material and colours, and where its contact points project."""
    proj = json.loads((work / "projection.json").read_text())
    return {"name": spec["name"], "surface": spec["room"]["floor"], "c1": spec["room"]["floor_c1"],
            "c2": spec["room"]["floor_c2"], "lens": spec["cameras"][0]["lens"],
            "points": [[c["sx"], c["sy"], c["depth"]] for c in proj["contacts"]]}


def make(out: Path, which: str, only: list[int] | None) -> None:
    """Render a set: empty floors as ``OUT/WHICH/NAME/``, scenes (drops, walks) in the corpus's
    layout (``OUT/WHICH/foley/NN_name/``), which ``eval.py OUT/WHICH`` scores as it scores the
    corpus. Each folder gets ``clip.mp4`` and, last, ``truth.json``; a folder with it is done."""
    scenes = which in SCENE_SETS
    for k, spec in enumerate(scene_specs(which) if scenes else items(which)):
        if only and k not in only:
            continue
        folder = out / which / "foley" / f"{k + 1:02d}_{spec['name']}" if scenes else out / which / spec["name"]
        if (folder / "truth.json").exists():
            continue
        work = out / "work" / spec["name"]
        make_corpus.render(spec, work)
        folder.mkdir(parents=True, exist_ok=True)
        make_corpus.encode(spec, work, folder / "clip.mp4")
        doc = make_corpus.truth_doc(spec, work) if scenes else _floor_doc(spec, work)
        (folder / "truth.json").write_text(json.dumps(doc, indent=1 if scenes else None))
        print(spec["name"], flush=True)


def floor_looks(clip: Path, doc: dict) -> list:
    """What the spotter measures at each visible contact point of the item's floor
    (``surface.PatchLook``, seams as the floor's median)."""
    from stemline.engine.foley.analysis import precision_settings
    from stemline.engine.foley.motion import MotionSegmenter
    from stemline.engine.foley.surface import floor_look, floor_seams
    from stemline.media.video import iter_gray_frames, video_info

    info = video_info(clip)
    frames = list(iter_gray_frames(clip, max_width=precision_settings("high").width_for(info.width),
                                   colour=True, prefetch=0))
    h, w = frames[0].pixels.shape
    seg = MotionSegmenter(w, h, info.fps)
    for fr in frames:
        seg.push(fr.time, fr.pixels, fr.chroma)
    snap = seg.snapshot()  # what the spotter keeps of the model to look at surfaces in
    assert snap is not None
    planes = [p.astype(np.float32) for p in snap]
    chroma = (planes[1] - 128.0, planes[2] - 128.0)
    focal = doc["lens"] / 36.0 * w  # Blender's 36 mm sensor across the width
    looks = []
    for sx, sy, depth in doc["points"]:
        if not (0.04 < sx < 0.96 and 0.04 < sy < 0.96) or depth <= 0:
            continue
        r = focal * BALL / depth
        looks.append(floor_look(planes[0], chroma, sx * w, sy * h - r, r))
    looks = [lk for lk in looks if lk is not None]
    return floor_seams(looks, [0] * len(looks))


def read_floor(clip: Path, doc: dict) -> list[str]:
    """What the spotter reads at each visible contact point of the item's floor, after the
    points of the floor have voted."""
    from stemline.engine.foley.surface import agree_on_floors, classify_surface

    looks = floor_looks(clip, doc)
    return agree_on_floors(looks, [classify_surface(lk, sideways=False) for lk in looks], [0] * len(looks))


def item_folders(out: Path, which: str) -> list[Path]:
    return sorted(f for f in (out / which).iterdir() if (f / "clip.mp4").exists())


def score(out: Path, which: str, json_out: Path | None) -> None:
    per_kind: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in KINDS}  # points right, points, items right, items
    rows = []
    for folder in item_folders(out, which):
        doc = json.loads((folder / "truth.json").read_text())
        read = read_floor(folder / "clip.mp4", doc)
        kind = doc["surface"]
        right = sum(r == kind for r in read)
        majority = max(set(read), key=read.count) if read else "-"
        pk = per_kind[kind]
        pk[0] += right
        pk[1] += len(read)
        pk[2] += majority == kind
        pk[3] += 1
        c1 = doc["c1"]
        srgb = [round(255 * (c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)) for c in c1]
        rows.append({"item": doc["name"], "surface": kind, "read": majority, "right": right, "points": len(read),
                     "srgb": srgb})
        print(f"{doc['name']:22s} sRGB {tuple(srgb)!s:16s} read {majority:7s} {right}/{len(read)}"
              f"{'' if majority == kind else '   <-- ' + ','.join(sorted(set(read)))}", flush=True)
    tot = [sum(v[i] for v in per_kind.values()) for i in range(4)]
    for kind, (pr, pn, ir, n) in per_kind.items():
        if n:
            print(f"{kind:7s} points {pr:3d}/{pn:3d} ({100 * pr / max(pn, 1):5.1f} %)   floors {ir}/{n}")
    print(f"all     points {tot[0]:3d}/{tot[1]:3d} ({100 * tot[0] / max(tot[1], 1):5.1f} %)   floors {tot[2]}/{tot[3]}")
    if json_out:
        json_out.write_text(json.dumps({"set": which, "items": rows, "per_kind": per_kind}, indent=1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=("make", "score"))
    ap.add_argument("out", type=Path)
    ap.add_argument("--set", choices=("corpus", "dev", "held", *SCENE_SETS), default="dev")
    ap.add_argument("--only", type=int, nargs="*", default=None, help="item numbers (make)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if args.action == "make":
        make(args.out, args.set, args.only)
    else:
        score(args.out, args.set, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
