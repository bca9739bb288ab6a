"""``stemline separate``: the AudioExtract job for files and folders, through the job queue."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

FORMATS = ("aac", "m4a", "wav", "flac", "mp3")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "separate", help="split files into voice and background stems",
        description="Split each INPUT into OUTDIR/<name>/voice.<ext>, background.<ext> and "
                    "result.json. Folders are searched recursively; files that hold no audio are "
                    "listed and skipped. Every file is a job in the persistent queue "
                    "(`stemline jobs list`).")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path,
                   help="video or audio files, or folders")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    p.add_argument("--model", default="spleeter",
                   help="a name from `stemline models list` (spleeter: built in, offline), a "
                        "model file (.onnx MDX-Net, .ckpt Roformer, .th demucs), or A+B to "
                        "average models' voices (A+B@2 weights B double) (default: spleeter)")
    p.add_argument("--model-param", action="extend", nargs="+", default=[], metavar="KEY=VALUE",
                   help="settings for an MDX-Net or Roformer file, e.g. n_fft=7680 dim_f=3072 "
                        "dim_t=256 compensate=1.035 stem=vocals, overlap=0.5, denoise=1")
    p.add_argument("--ensemble-mode", choices=("wave", "magnitude"), default="wave",
                   help="how A+B averages the voices: waveforms, or STFT magnitudes (default: wave)")
    p.add_argument("--model-dir", type=Path, default=None,
                   help="folder with downloaded model weights (default: setting or $STEMLINE_MODEL_DIR)")
    p.add_argument("--format", choices=FORMATS, default="aac", help="stem format (default: aac)")
    p.add_argument("--bit-depth", type=int, choices=(16, 24, 32), default=16,
                   help="wav/flac sample depth; wav 32 is float (default: 16)")
    p.add_argument("--audio-stream", type=int, default=None, metavar="N",
                   help="which audio stream to separate, counted from 0 in file order "
                        "(default: the one the file marks as default, else the first)")
    p.add_argument("--device", default=None,
                   help="auto, cpu, cuda, cuda:N or mps (default: the setting, else auto)")
    p.add_argument("--notify-url", action="append", default=[], metavar="URL",
                   help="POST a completion event (JSON) here when each job ends; repeatable")
    p.add_argument("--on-complete", default=None, metavar="CMD",
                   help="run CMD (by your shell) when each job ends, with STEMLINE_RUN_ID, "
                        "STEMLINE_STATUS, STEMLINE_INPUT, STEMLINE_RESULT and STEMLINE_EVENT set")
    p.add_argument("--cluster", default=None, metavar="ADDRESS",
                   help="run the jobs on Ray: 'local' starts Ray on this machine, ray://host:10001 "
                        "joins a cluster (inputs and outputs by path on shared storage)")
    p.add_argument("--actors", type=int, default=None,
                   help="Ray actors, each holding a loaded model (default: one per CPU, or per GPU)")
    p.add_argument("--gpus-per-actor", type=float, default=0.0,
                   help="GPUs each actor reserves (0: CPU actors)")
    p.add_argument("--db", type=Path, default=None,
                   help="job database (default: $STEMLINE_JOBS_DB or ~/.local/share/stemline/jobs.db)")
    p.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def output_folders(inputs: list[Path], out_root: Path) -> list[Path]:
    """OUTDIR/<name> per input; inputs sharing a name also keep their extension to stay apart."""
    stems = [p.stem for p in inputs]
    return [out_root / (p.stem if stems.count(p.stem) == 1 else p.name.replace(".", "_"))
            for p in inputs]


def model_params(pairs: list[str]) -> dict[str, str]:
    """``["n_fft=7680", ...]`` -> {"n_fft": "7680", ...}; a pair without "=" is refused."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--model-param {pair!r}: write KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def submit_jobs(args: argparse.Namespace, store, files: list[Path], device: str,
                model_dir: Path | None, *, trigger: str, queue_device: str = "cpu") -> list[str]:
    """One queued job per file, all of one batch; returns their RunIds in input order."""
    from stemline.jobs.result import new_run_id

    options = {"model": args.model, "model_params": model_params(args.model_param),
               "ensemble_mode": args.ensemble_mode, "device": device, "format": args.format,
               "bit_depth": args.bit_depth, "model_dir": str(model_dir) if model_dir else None,
               "audio_stream": args.audio_stream}
    notify = {"urls": list(args.notify_url), "command": args.on_complete}
    batch = new_run_id()
    # absolute, not resolved: a symlink keeps the name the user gave it (result.json says it)
    return [store.submit("separate", src.absolute(), folder.resolve(),
                         run_id=new_run_id(), options=options, notify=notify, batch=batch,
                         trigger=trigger, device=queue_device).run_id
            for src, folder in zip(files, output_folders(files, args.output))]


def run(args: argparse.Namespace) -> int:
    from stemline.cli.queue_run import open_store, run_in_foreground, terminate_rest
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.core.settings import Settings
    from stemline.jobs.inputs import collect_inputs
    from stemline.jobs.runner import JobRunner, SeparatorCache

    from stemline.engine.separation.weights import env_model_dir

    try:
        model_params(args.model_param)
    except ValueError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    settings = Settings.load()
    model_dir = args.model_dir or next(
        (Path(v) for v in (env_model_dir(), settings.model_dir) if v), None)
    device = args.device or settings.device or "auto"
    try:
        store = open_store(args.db)
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    collected = collect_inputs(args.inputs, exclude=[args.output])
    for path, reason in collected.skipped:
        print(f"stemline: skipped {path}: {reason}", file=sys.stderr)
    if not collected.files:
        print("stemline: no media files to separate", file=sys.stderr)
        return 1
    if args.cluster:
        return _run_on_cluster(args, store, collected.files, device, model_dir)
    separators = SeparatorCache()
    try:
        separator = separators.get(args.model, device, str(model_dir) if model_dir else None,
                                   model_params(args.model_param), args.ensemble_mode)
    except (StemlineError, ValueError) as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    run_ids = submit_jobs(args, store, collected.files, device, model_dir,
                          trigger="CLI", queue_device=separator.device)
    runner = JobRunner(store, separators=separators)
    runner.recover()
    cancel = CancelToken()
    try:
        finals = run_in_foreground(runner, run_ids, separator.device, quiet=args.quiet,
                                   cancel=cancel)
    except (KeyboardInterrupt, Cancelled):
        cancel.cancel()
        terminate_rest(store, run_ids)
        runner.notifier.flush(timeout=15)
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    return _report(args, finals, runner.notifier)


def _run_on_cluster(args: argparse.Namespace, store, files: list[Path], device: str,
                    model_dir: Path | None) -> int:
    """The same jobs, dispatched to Ray actors; one line per job as it ends."""
    from stemline.core.errors import StemlineError
    from stemline.jobs.cluster import RayDispatcher

    run_ids = submit_jobs(args, store, files, device, model_dir, trigger="Cluster")
    try:
        dispatcher = RayDispatcher(store, address=args.cluster, actors=args.actors,
                                   model=args.model, device="cpu",
                                   model_params=model_params(args.model_param),
                                   ensemble_mode=args.ensemble_mode,
                                   model_dir=str(model_dir) if model_dir else None,
                                   gpus_per_actor=args.gpus_per_actor)
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"stemline: {len(run_ids)} jobs on {len(dispatcher.actors)} Ray actors",
              file=sys.stderr)
    try:
        dispatcher.run(run_ids)
    except KeyboardInterrupt:
        from stemline.cli.queue_run import terminate_rest
        from stemline.jobs.runner import clear_partials

        dispatcher.shutdown()
        for rid in run_ids:
            if store.get(rid).status == "Running":
                # its actor was killed mid-write: what it left behind goes too
                clear_partials(store.finish(rid, "Terminated", error_code="Cancelled",
                                            error_message="cancelled by the user"))
        terminate_rest(store, run_ids)
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    # every job has ended: report them in input order, as the store has them
    return _report(args, [store.get(r) for r in run_ids], dispatcher.notifier,
                   show_success=True)


def _report(args: argparse.Namespace, finals: list, notifier, *,
            show_success: bool = False) -> int:
    """One line per failed job (and per success when asked), the notifications delivered,
    ``--json`` records; the exit status."""
    from stemline.jobs.runner import execution_view

    failed = 0
    for job in finals:
        if job.status != "Success":
            failed += 1
            print(f"stemline: {job.error_message or job.status}", file=sys.stderr)
        elif show_success and not args.quiet:
            print(f"stemline: {Path(job.input).name}: Success ({job.elapsed:.1f} s)",
                  file=sys.stderr)
    notifier.flush(timeout=120)
    if args.json:
        records = [job.result or execution_view(job) for job in finals]
        json.dump(records if len(records) > 1 else records[0], sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 1 if failed else 0
