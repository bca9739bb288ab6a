"""Per-scene Foley spotting scores on the rendered corpus (``make_corpus.py``).

    .venv/bin/python benchmarks/scenes3d/eval.py CORPUS [--cmd 'stemline foley {in} -o {out}']
        [--tol 0.05] [--set all|SET[,SET...]] [--json FILE] [--in-process N]

Sets are the scene-name prefixes: ``dev``, ``eval``, ``fresh``, ``blind``, ``blind2`` ... ``blind21``
(``scenes.SETS``); several can be given (``--set dev,eval,fresh,blind``).

Runs the command on every ``CORPUS/foley/*/clip.mp4``, reads its ``events.json`` and matches the
events to the truth one to one within ``--tol`` seconds (minimum total time error); an event on
a contact that furniture hides (``hidden`` with ``why`` "occluded") or that comes after the clip's last
picture ("after the last frame") counts neither way. Per scene:
true contacts, events found, matched, false, missed, mean timing error, pan side right (for
contacts off centre, |x| >= 0.3), place (matched events within a fifth of the picture's width of
the true contact point: matching is by time alone, so an event on another object at the same
moment counts as matched there), and what each false event was on: the nearest moving object on
screen at that moment (``lamp``, ``roller``, ...), ``cut`` when it sits at the cut, else
``scene`` (camera motion, light, texture). Where events carry a ``surface`` and ``object`` guess,
their accuracy on the matched events too. The last line is JSON with the totals, with recall
apart from and close to other moving things (``crowded``: another's centre within a few
diameters of a small ball at the contact).

``--in-process N`` spots in N worker processes of this Python instead of running the command for
each clip: the same events (``spot_video`` at ``high``, what ``stemline foley`` writes), without
the room estimate and the render the command also does, so 144 scenes take about a minute on two
cores instead of five; for trying a change. Pan side is then read from each event's place in the
picture. Figures to report come from the command.

``../shared/bench/eval_foley.py`` runs on the same folder (``CORPUS=...``) and scores the audio.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenes import SETS  # noqa: E402  (the scene sets by name prefix, in the order written)


def match(truth: list[float], found: list[float], tol: float) -> list[tuple[int, int]]:
    """One-to-one pairs within ``tol`` with the least total error."""
    if not truth or not found:
        return []
    d = np.abs(np.subtract.outer(np.asarray(truth), np.asarray(found)))
    cost = np.where(d <= tol, d, 1e6)
    rows, cols = linear_sum_assignment(cost)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if cost[i, j] < 1e5]




def _set_of(scene: str) -> str:
    return scene.split("_", 1)[0]


def blame(ev: dict, truth: dict) -> str:
    """What a false event sat on: a cut, the nearest moving object, or the scene itself."""
    fps = truth["fps"]
    if truth.get("cut") is not None and abs(ev["time"] - truth["cut"]) < 2.5 / fps:
        return "cut"
    near = [(d, obj) for d, obj in _seen_from(truth, ev["time"], ev["x"], ev["y"]) if d < 0.25]
    return min(near, key=lambda p: p[0])[1] if near else "scene"


def _seen_from(truth: dict, t: float, x: float, y: float) -> list[tuple[float, str]]:
    """(distance, name) of every moving object in sight at time ``t`` from the point (x, y) of
    the truth's -1..+1 picture coordinates (height by the picture's aspect)."""
    k = int(round(t * truth["fps"]))
    return [(float(np.hypot(track[k][0] - x, (track[k][1] - y) * 9 / 16)), obj)
            for obj, track in truth.get("tracks", {}).items() if 0 <= k < len(track) and track[k][2] > 0]


#: A contact is crowded when another moving thing's centre is this close to it (in the truth's
#: -1..+1 picture coordinates, height by the picture's aspect): 0.15 is 24 pixels of a 320-wide
#: analysis picture, two or three diameters of a small ball. Its blob and the other's touch or
#: soon will: the case the spotter loses most (a foot's other foot always counts).
CROWD = 0.15


def crowded(truth: dict, e: dict) -> bool:
    """Whether another object than the one nearest contact ``e`` (the one that made it) is
    within :data:`CROWD` of it at that moment."""
    near = sorted(d for d, _ in _seen_from(truth, e["t"], e["x"], e["y"]))
    return len(near) > 1 and near[1] < CROWD


def score_scene(truth: dict, events: list[dict], tol: float) -> dict:
    tt = [e["t"] for e in truth["events"]]
    pairs = match(tt, [e["time"] for e in events], tol)
    crowd = [crowded(truth, e) for e in truth["events"]]
    matched_f = {j for _, j in pairs}
    errs = [abs(tt[i] - events[j]["time"]) for i, j in pairs]
    pan_n = pan_ok = 0
    surf_n = surf_ok = obj_ok = 0
    place_ok = 0
    for i, j in pairs:
        x = truth["events"][i]["x"]
        # on the thing that hit: within a fifth of the picture's width of the true contact point
        dy = (events[j]["y"] - truth["events"][i]["y"]) * 9 / 16
        place_ok += int(np.hypot(events[j]["x"] - x, dy) <= 0.4)
        if abs(x) >= 0.3:
            pan_n += 1
            pan_ok += int(np.sign(events[j].get("pan", events[j]["x"])) == np.sign(x))
        if "surface" in events[j]:
            surf_n += 1
            surf_ok += int(events[j]["surface"] == truth["events"][i]["surface"])
            obj_ok += int(events[j].get("object") == truth["events"][i]["obj"])
    # An event on a contact that furniture hid, or that came after the clip's last picture, is
    # neither right nor wrong: no picture shows it, but it did happen (one per contact, matched
    # like the rest).
    rest = [j for j in range(len(events)) if j not in matched_f]
    occluded = [h["t"] for h in truth.get("hidden", []) if h.get("why") in ("occluded", "after the last frame")]
    excused = {rest[j] for _, j in match(occluded, [events[j]["time"] for j in rest], tol)}
    false = [blame(e, truth) for j, e in enumerate(events) if j not in matched_f and j not in excused]
    return {"truth": len(tt), "found": len(events), "matched": len(pairs), "false": len(false),
            "missed": len(tt) - len(pairs), "mean_ms": round(1000 * float(np.mean(errs)), 1) if errs else None,
            "pan_ok": pan_ok, "pan_n": pan_n, "place_ok": place_ok, "false_on": false,
            "on_hidden": len(excused), "crowded": sum(crowd),
            "crowded_matched": sum(crowd[i] for i, _ in pairs),
            "surface_ok": surf_ok, "object_ok": obj_ok, "labelled": surf_n,
            "missed_t": [round(tt[i], 3) for i in range(len(tt)) if i not in {p[0] for p in pairs}]}


def totals(rows: dict[str, dict]) -> dict:
    """Pooled precision, recall, F1, timing, pan side and label accuracy over scenes."""
    tp = sum(r["matched"] for r in rows.values())
    fp = sum(r["false"] for r in rows.values())
    fn = sum(r["missed"] for r in rows.values())
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    errs = [r["mean_ms"] * r["matched"] for r in rows.values() if r["mean_ms"] is not None]
    lab = sum(r["labelled"] for r in rows.values())
    pan_n = sum(r["pan_n"] for r in rows.values())
    return {"scenes": len(rows), "precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(2 * prec * rec / max(1e-9, prec + rec), 3),
            "mean_abs_ms": round(sum(errs) / max(1, tp), 1),
            "pan_side": round(sum(r["pan_ok"] for r in rows.values()) / pan_n, 3) if pan_n else None,
            "on_the_object": round(sum(r.get("place_ok", 0) for r in rows.values()) / max(1, tp), 3),
            "surface_acc": round(sum(r["surface_ok"] for r in rows.values()) / lab, 3) if lab else None,
            "object_acc": round(sum(r["object_ok"] for r in rows.values()) / lab, 3) if lab else None,
            **_by_crowding(rows)}


def _by_crowding(rows: dict[str, dict]) -> dict:
    """Recall of the contacts with another moving thing close by (:func:`crowded`) and of the
    others, and how many of each."""
    n_crowd = sum(r["crowded"] for r in rows.values())
    hit_crowd = sum(r["crowded_matched"] for r in rows.values())
    n_apart = sum(r["truth"] for r in rows.values()) - n_crowd
    hit_apart = sum(r["matched"] for r in rows.values()) - hit_crowd
    return {"recall_apart": round(hit_apart / n_apart, 3) if n_apart else None, "apart": n_apart,
            "recall_crowded": round(hit_crowd / n_crowd, 3) if n_crowd else None, "crowded": n_crowd}


def _spot(clip: str) -> tuple[list[dict], float]:
    """The events ``stemline foley`` would spot in ``clip`` (``spot_video`` at ``high``, the
    package this script runs with), and the seconds it took. No placement, so each event's pan
    side is read from its place in the picture."""
    from stemline.jobs.foley import spot_video

    t0 = time.perf_counter()
    found = spot_video(clip, precision="high")
    return [e.to_dict() for e in found.events], time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--cmd", default=".venv/bin/stemline foley {in} -o {out} --quiet")
    ap.add_argument("--tol", type=float, default=0.05)
    ap.add_argument("--set", default="all", help="all, or comma-separated sets (" + ",".join(SETS) + ")")
    ap.add_argument("--json", type=Path, default=None, help="also write the per-scene results here")
    ap.add_argument("--in-process", type=int, default=0, metavar="N",
                    help="spot in N worker processes of this Python instead of running --cmd (events only)")
    args = ap.parse_args()
    rows = {}
    scenes = []
    for d in sorted((args.corpus / "foley").iterdir()):
        if not (d / "truth.json").exists():
            continue  # a scene still being rendered (make_corpus.py writes its truth last)
        truth = json.loads((d / "truth.json").read_text())
        if args.set == "all" or _set_of(truth["scene"]) in args.set.split(","):
            scenes.append((d, truth))
    spotted = {}
    if args.in_process:
        with multiprocessing.get_context("spawn").Pool(args.in_process) as pool:
            spotted = dict(zip((d for d, _ in scenes), pool.map(_spot, [str(d / "clip.mp4") for d, _ in scenes])))
    for d, truth in scenes:
        if args.in_process:
            events, wall = spotted[d]
        else:
            with tempfile.TemporaryDirectory() as tmp:
                cmd = args.cmd.format(**{"in": shlex.quote(str(d / "clip.mp4")), "out": shlex.quote(tmp)})
                t0 = time.perf_counter()
                r = subprocess.run(cmd, shell=True, capture_output=True, text=True, env=os.environ)
                wall = time.perf_counter() - t0
                if r.returncode != 0:
                    print(f"{d.name}: exit {r.returncode}: {r.stderr[-800:]}")
                    return 1
                found = sorted(Path(tmp).rglob("events.json"))
                events = json.loads(found[0].read_text())["events"]
        res = score_scene(truth, events, args.tol)
        res["wall_s"] = round(wall, 2)
        rows[truth["scene"]] = res
        pan = f"{res['pan_ok']}/{res['pan_n']}"
        labels = (f" surface {res['surface_ok']}/{res['labelled']} object {res['object_ok']}/{res['labelled']}"
                  if res["labelled"] else "")
        print(f"{truth['scene']:<20} truth {res['truth']:2d} found {res['found']:2d} matched {res['matched']:2d} "
              f"false {res['false']:2d} {res['false_on'] or ''} missed {res['missed_t'] or ''} "
              f"timing {res['mean_ms']} ms pan {pan} place {res['place_ok']}/{res['matched']}{labels}", flush=True)
    subsets = {name: {k: v for k, v in rows.items() if _set_of(k) == name} for name in SETS}
    for name, sub in subsets.items():
        if sub and len(sub) < len(rows):
            print(f"{name}: {json.dumps(totals(sub))}")
    total = totals(rows)
    print(json.dumps(total))
    if args.json:
        args.json.write_text(json.dumps({"scenes": rows, "total": total,
                                         **{k: totals(v) for k, v in subsets.items() if v}}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
