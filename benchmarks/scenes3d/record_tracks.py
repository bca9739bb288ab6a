"""Record what the contact detector sees on the rendered corpus, for the tests.

Runs the spotter on each rendered scene and keeps every call of ``detect_impacts`` (the
trajectory's samples, the call's arguments and the contacts it returned), together with the
scene's physically exact contact times. `tests/foley/test_impacts_recorded.py` replays those
calls: the detector must keep finding the true contacts it found here (within 50 ms, no later),
add no contact where nothing hit, and return exactly what it returned here.

    .venv/bin/python benchmarks/scenes3d/record_tracks.py tests/foley/data/tracks3d.npz \
        /tmp/corpus3d /tmp/stemline-corpus

(the rendered corpus of make_corpus.py, then the shared bench's flat drawn clips: balls, sliding
blocks, a stepping foot, a cut), each analysed at the "high" and "medium" precisions: the same
thresholds on pictures of other sizes, so more of the detector's paths are taken.

Re-record after a deliberate change to the detector, once `eval.py` has shown the change is
better on the whole corpus (the test's failure message says so). A change to ``detect_impacts``
alone leaves its inputs as they were; then ``--replay`` rewrites only the returned contacts,
replaying the stored calls, and needs no rendered corpus:

    .venv/bin/python benchmarks/scenes3d/record_tracks.py tests/foley/data/tracks3d.npz --replay
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from stemline.engine.foley import analysis  # noqa: E402
from stemline.engine.foley.impacts import Impact, ImpactParams, detect_impacts  # noqa: E402
from stemline.jobs.foley import spot_video  # noqa: E402

#: Impact fields kept per returned contact, in its own order.
FIELDS = tuple(f.name for f in fields(Impact))
#: Optional per-sample arrays of a call (columns; 0: one value per sample), stored with a
#: presence flag each, in this order.
OPTIONAL = {"screen": 2, "border": 0, "frame_steps": 0}


def record(scene_dir: Path, precision: str) -> list[dict]:
    calls: list[dict] = []
    real = analysis.detect_impacts

    def spy(times, feats, areas, fps, width, params, **kw):  # type: ignore[no-untyped-def]
        out = real(times, feats, areas, fps, width, params, **kw)
        calls.append(dict(times=np.array(times), feats=np.array(feats), areas=np.array(areas), fps=fps,
                          width=width, params=asdict(params), out=list(out),   # the caller extends it
                          # copies: the spotter's buffers are views it trims and refills later
                          kw={k: np.array(v) if isinstance(v, np.ndarray) else v for k, v in kw.items()}))
        return out

    analysis.detect_impacts = spy
    try:
        spot_video(scene_dir / "clip.mp4", precision=precision)
    finally:
        analysis.detect_impacts = real
    return calls


def pack(scenes: dict[str, tuple[dict, list[dict]]]) -> dict[str, np.ndarray]:
    """Flatten every call into concatenated sample arrays plus a per-call table."""
    samples: dict[str, list[np.ndarray]] = {k: [] for k in ("times", "feats", "areas", *OPTIONAL)}
    table, outs, truth_rows = [], [], []
    params = None
    start = 0
    for s, (name, (truth, calls)) in enumerate(sorted(scenes.items())):
        truth_rows += [(s, ev["t"]) for ev in truth["events"]]
        for c in calls:
            n = len(c["times"])
            kw = c["kw"]
            samples["times"].append(c["times"])
            samples["feats"].append(c["feats"])
            samples["areas"].append(c["areas"])
            flags = []
            for key, width in OPTIONAL.items():
                v = kw.get(key)
                flags.append(v is not None)
                shape = (n, width) if width else (n,)
                samples[key].append(np.zeros(shape) if v is None else np.asarray(v, np.float64).reshape(shape))
            last = kw.get("last")
            table.append((s, start, n, c["fps"], c["width"], kw.get("offset", 0), kw.get("first", 0),
                          -1 if last is None else last, *flags))
            params = params or c["params"]
            assert c["params"] == params, "one parameter set per corpus"
            for imp in c["out"]:
                outs.append((len(table) - 1, *(float(getattr(imp, f)) for f in FIELDS)))
            start += n
    return dict(names=np.array(sorted(scenes)), calls=np.array(table, np.float64),
                out=np.array(outs, np.float64).reshape(-1, 1 + len(FIELDS)),
                truth=np.array(truth_rows, np.float64), params=np.array(json.dumps(params)),
                **{k: np.concatenate(v) for k, v in samples.items()})


def replay(data: dict[str, np.ndarray]) -> list[list[Impact]]:
    """Every stored call run again through the current ``detect_impacts``, in stored order."""
    params = ImpactParams(**json.loads(str(data["params"])))
    out = []
    for scene, start, n, fps, width, offset, first, last, has_screen, has_border, has_steps in data["calls"]:
        s = slice(int(start), int(start + n))
        kw = dict(offset=int(offset), first=int(first), last=None if last < 0 else int(last),
                  screen=data["screen"][s] if has_screen else None,
                  border=data["border"][s].astype(bool) if has_border else None,
                  frame_steps=data["frame_steps"][s] if has_steps else None)
        out.append(detect_impacts(data["times"][s], data["feats"][s], data["areas"][s], float(fps),
                                  float(width), params, **kw))
    return out


def contacts(replayed: list[list[Impact]]) -> np.ndarray:
    """Rows of (call, *FIELDS), as ``pack`` stores the returned contacts."""
    rows = [(c, *(float(getattr(imp, f)) for f in FIELDS)) for c, imps in enumerate(replayed) for imp in imps]
    return np.array(rows, np.float64).reshape(-1, 1 + len(FIELDS))


def save(data: dict[str, np.ndarray], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **data)
    tmp.replace(out)
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {len(data['calls'])} calls, "
          f"{len(data['times'])} samples, {len(data['out'])} contacts")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("corpus", type=Path, nargs="*", help="folders with foley/*/clip.mp4 + truth.json")
    ap.add_argument("--precision", nargs="+", default=["high", "medium"])
    ap.add_argument("--replay", action="store_true",
                    help="rewrite only the returned contacts of the calls stored in OUT")
    args = ap.parse_args()
    if args.replay:
        with np.load(args.out) as z:
            data = {k: z[k] for k in z.files}
        before = data["out"]
        data["out"] = contacts(replay(data))
        same = before.shape == data["out"].shape and np.array_equal(before, data["out"])
        print("contacts unchanged" if same else f"contacts: {len(before)} -> {len(data['out'])} rows, changed")
        save(data, args.out)
        return 0
    if not args.corpus:
        ap.error("name the corpus folders (or --replay)")
    scenes = {}
    for corpus in args.corpus:
        for d, precision in ((d, p) for d in sorted((corpus / "foley").iterdir()) for p in args.precision):
            truth = json.loads((d / "truth.json").read_text())
            calls = record(d, precision)
            name = f"{corpus.name}/{d.name}@{precision}"
            scenes[name] = (truth, calls)
            print(f"{name}: {len(calls)} calls, {sum(len(c['out']) for c in calls)} contacts", flush=True)
    save(pack(scenes), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
