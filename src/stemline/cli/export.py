"""``stemline export``: render a saved project to every deliverable a user takes away."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stemline.cli.deliverables import add_deliverable_options, print_loudness, request_from_args
from stemline.cli.progress_bar import ProgressBar


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="render a .stemline project: mix, video, stems, karaoke, timeline",
        description="Render PROJECT exactly as the editor plays it and write OUT (a video with "
                    "its picture copied and the new mix, or the mix as audio) and any of the "
                    "deliverables below. Every file appears only when all are complete.")
    p.add_argument("project", type=Path, metavar="PROJECT.stemline")
    p.add_argument("-o", "--output", type=Path, metavar="OUT",
                   help=".mp4 .mov .mkv .webm, or .wav .flac .m4a .mp3 .aac .opus")
    add_deliverable_options(p)
    p.add_argument("--json", action="store_true", help="print what was written as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.core.serialization import load_project
    from stemline.jobs.export import export_project

    cancel = CancelToken()
    try:
        project = load_project(args.project)
        request = request_from_args(args, args.output)
        request.validate()  # a bad choice fails before any progress bar is drawn
        with ProgressBar(f"export {args.project.name}", disable=args.quiet) as bar:
            result = export_project(project, request, progress=bar.update, cancel=cancel)
    except (KeyboardInterrupt, Cancelled):
        cancel.cancel()
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    except (StemlineError, ValueError, OSError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if str(args.project) not in message:
            message = f"{args.project}: {message}"
        print(f"stemline: {message}", file=sys.stderr)
        return 1
    print_loudness(result.loudness, args.loudness, args.true_peak)
    if args.json:
        json.dump({"outputs": [str(p) for p in result.outputs],
                   "loudness": [{"file": str(r.path), "before_lufs": round(r.before, 2),
                                 "after_lufs": round(r.after, 2),
                                 "true_peak_dbtp": round(r.true_peak, 2)} for r in result.loudness]},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0
