"""``stemline separate``: the AudioExtract job for one or many files."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from stemline.cli.progress_bar import ProgressBar

FORMATS = ("aac", "m4a", "wav", "flac", "mp3")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "separate", help="split files into voice and background stems",
        description="Split each INPUT into OUTDIR/<name>/voice.<ext>, background.<ext> and result.json.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="video or audio files")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    p.add_argument("--model", default="spleeter",
                   help="spleeter (built-in, offline), htdemucs, htdemucs_ft, mdx_extra (default: spleeter)")
    p.add_argument("--model-dir", type=Path, default=None,
                   help="folder with downloaded model weights (default: setting or $STEMLINE_MODEL_DIR)")
    p.add_argument("--format", choices=FORMATS, default="aac", help="stem format (default: aac)")
    p.add_argument("--bit-depth", type=int, choices=(16, 24, 32), default=16,
                   help="wav/flac sample depth; wav 32 is float (default: 16)")
    p.add_argument("--device", default=None,
                   help="auto, cpu, cuda, cuda:N or mps (default: the setting, else auto)")
    p.add_argument("--json", action="store_true", help="print the results as JSON on stdout")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def output_folders(inputs: list[Path], out_root: Path) -> list[Path]:
    """OUTDIR/<name> per input; inputs sharing a name also keep their extension to stay apart."""
    stems = [p.stem for p in inputs]
    return [out_root / (p.stem if stems.count(p.stem) == 1 else p.name.replace(".", "_"))
            for p in inputs]


def run(args: argparse.Namespace) -> int:
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.engine.separation.registry import load_separator
    from stemline.jobs.extract import run_extract

    from stemline.core.settings import Settings

    settings = Settings.load()
    model_dir = args.model_dir or next(
        (Path(v) for v in (os.environ.get("STEMLINE_MODEL_DIR"), settings.model_dir) if v), None)
    device = args.device or settings.device or "auto"
    try:
        separator = load_separator(args.model, device=device, model_dir=model_dir)
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    cancel = CancelToken()
    records = []
    failed = 0
    folders = output_folders(args.inputs, args.output)
    try:
        for i, (src, folder) in enumerate(zip(args.inputs, folders), 1):
            label = f"[{i}/{len(args.inputs)}] {src.name}"
            with ProgressBar(label, disable=args.quiet) as bar:
                record = run_extract(src, folder, separator, fmt=args.format,
                                     bit_depth=args.bit_depth, progress=bar.update, cancel=cancel)
            records.append(record)
            if record["Status"] != "Success":
                failed += 1
                print(f"stemline: {record['Error']['Message']}", file=sys.stderr)
    except (KeyboardInterrupt, Cancelled):
        cancel.cancel()
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    if args.json:
        json.dump(records if len(records) > 1 else records[0], sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 1 if failed else 0
