"""Throughput of the job queue: the in-process runner vs Ray with 1 and 2 actors.

    .venv/bin/python benchmarks/cluster_throughput.py [--files 6] [--seconds 60]

Each configuration separates the same generated files (noise-free speech-like mixtures from
stemline.demo.synth) into WAV stems from its own fresh queue. Ray time includes dispatch but
not starting Ray or loading the actors' models (printed apart: paid once per batch).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import soundfile as sf

from stemline.demo.synth import mixture
from stemline.jobs import store as st
from stemline.jobs.result import new_run_id


def make_files(folder: Path, n: int, seconds: float) -> list[Path]:
    files = []
    for i in range(n):
        p = folder / f"take{i}.wav"
        sf.write(p, mixture(seconds, seed=100 + i)[0], 44100, subtype="PCM_16")
        files.append(p)
    return files


def queue(folder: Path, files: list[Path]) -> tuple[st.JobStore, list[str]]:
    store = st.JobStore(folder / "jobs.db")
    ids = [store.submit("separate", f, folder / "out" / f.stem, run_id=new_run_id(),
                        options={"format": "wav"}).run_id for f in files]
    return store, ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    audio = args.files * args.seconds
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = make_files(tmp, args.files, args.seconds)
        rows = []

        from stemline.jobs.runner import JobRunner
        store, ids = queue(tmp / "local", files)
        runner = JobRunner(store)
        runner.separators.get("spleeter", "cpu", None)
        t0 = time.perf_counter()
        ended = runner.drain(device="cpu")
        wall = time.perf_counter() - t0
        assert all(j.status == "Success" for j in ended)
        rows.append(("in-process runner (torch on all cores)", "-", wall))

        import ray

        from stemline.jobs.cluster import RayDispatcher
        for actors in (1, 2):
            store, ids = queue(tmp / f"ray{actors}", files)
            t0 = time.perf_counter()
            d = RayDispatcher(store, num_cpus=2, actors=actors)
            setup = time.perf_counter() - t0
            t0 = time.perf_counter()
            ended = d.run(ids)
            wall = time.perf_counter() - t0
            assert len(ended) == len(ids) and all(j.status == "Success" for j in ended)
            d.shutdown()
            rows.append((f"Ray, {actors} actor{'s' if actors > 1 else ''} x 1 CPU", f"{setup:.1f}",
                         wall))
        ray.shutdown()

    print(f"{args.files} files x {args.seconds:.0f} s = {audio:.0f} s of audio, WAV stems\n")
    print("| configuration | Ray start + model loads (s) | wall (s) | audio s per wall s |")
    print("| --- | --- | --- | --- |")
    for name, setup, wall in rows:
        print(f"| {name} | {setup} | {wall:.1f} | {audio / wall:.1f} |")


if __name__ == "__main__":
    main()
