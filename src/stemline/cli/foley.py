"""``stemline foley``: spot the actions in a video and write its Foley track."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stemline.cli.progress_bar import ProgressBar
from stemline.core.project import ROOMS

if TYPE_CHECKING:  # the job modules load numpy/scipy; --help must stay instant
    from stemline.jobs.foley import FoleyOptions

PRECISIONS = ("low", "medium", "high")


def add_foley_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``foley`` and ``process`` (same names, same defaults as the API)."""
    p.add_argument("--precision", choices=PRECISIONS, default="high",
                   help="analysis precision: speed vs timing resolution and recall (default: high)")
    p.add_argument("--library", type=Path, default=None, metavar="DIR",
                   help="folder of your own effects (WAV/FLAC/AIFF/MP3/OGG), used with the "
                        "built-in sounds (default: the library_dir setting)")
    p.add_argument("--prompt", default=None, metavar="TEXT",
                   help='describe the sounds you want, e.g. "footsteps on gravel"')
    p.add_argument("--generator", default=None, metavar="NAME",
                   help="neural generator configured in the settings (hunyuan, mmaudio, ...) "
                        "instead of the libraries")
    p.add_argument("--generator-command", default=None, metavar="TEMPLATE",
                   help="command template for the generator ({video} {output} {prompt} {duration})")
    p.add_argument("--seed", type=int, default=0, help="variation choice seed (default: 0)")
    p.add_argument("--doubled", choices=("quieter", "skip", "add"), default="quieter",
                   help="where the video's own audio already has the hit: place the sound "
                        "10 dB quieter, skip it, or add it anyway (default: quieter)")
    p.add_argument("--room", choices=ROOMS, default="dry",
                   help="the room the sounds are given: 'estimated' hears the scene's own "
                        "reverberation in its audio (blind RT60), or a preset (default: dry)")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "foley", help="add Foley to a video: spot impacts and steps, place sounds in sync",
        description="Write OUTDIR/<name>/foley.wav (48 kHz stereo, the effects only, as long as "
                    "the video) and events.json.")
    p.add_argument("video", type=Path, metavar="VIDEO")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    add_foley_options(p)
    p.add_argument("--no-spatial", dest="spatial", action="store_false",
                   help="centre every sound (default: pan and distance from the picture)")
    p.add_argument("--json", action="store_true", help="print a summary as JSON on stdout")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run, spatial=True)


def options_from_args(args: argparse.Namespace, *, spatial: bool) -> FoleyOptions:
    """FoleyOptions from parsed arguments; ``--library`` defaults to the library_dir setting."""
    from stemline.core.settings import Settings
    from stemline.jobs.foley import FoleyOptions

    library = args.library
    if library is None:
        configured = Settings.load().library_dir
        library = Path(configured) if configured else None
    return FoleyOptions(precision=args.precision, spatial=spatial, library=library,
                        prompt=args.prompt, generator=args.generator,
                        generator_command=args.generator_command, seed=args.seed,
                        doubled=args.doubled, room=args.room)


def run(args: argparse.Namespace) -> int:
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.jobs.foley import render_foley

    options = options_from_args(args, spatial=args.spatial)
    out_dir = args.output / args.video.stem
    cancel = CancelToken()
    try:
        with ProgressBar(f"foley {args.video.name}", disable=args.quiet) as bar:
            track = render_foley(args.video, out_dir, options, progress=bar.update, cancel=cancel)
    except (KeyboardInterrupt, Cancelled):
        cancel.cancel()
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 1
    for note in track.plan.notes:
        print(f"stemline: {note}", file=sys.stderr)
    if args.json:
        json.dump({"foley": str(track.audio), "events": str(track.events),
                   "count": len(track.plan.spotting.events),
                   "cuts": list(track.plan.spotting.cuts)}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0
