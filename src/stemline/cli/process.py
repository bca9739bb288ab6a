"""``stemline process``: separate, add Foley, remix and write a copy of the video (or audio)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from stemline.cli.deliverables import add_deliverable_options, print_loudness, request_from_args
from stemline.cli.foley import add_foley_options, options_from_args
from stemline.cli.progress_bar import ProgressBar


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "process", help="separate, add Foley, remix, and write a copy of the video",
        description="Separate voice and background, optionally spot and place Foley, mix, and "
                    "write OUT: a copy of the video with its video stream copied (not re-encoded) "
                    "and the new audio, or an audio file for audio-only inputs.")
    p.add_argument("input", type=Path, metavar="VIDEO")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    p.add_argument("--foley", action="store_true", help="add the Foley track")
    p.add_argument("--spatial", action=argparse.BooleanOptionalAction, default=True,
                   help="pan and distance cues for Foley (default: on)")
    add_foley_options(p)
    p.add_argument("--music-suppression", type=float, default=0.0, metavar="S",
                   help="scale the background by (1 - S), S in 0..1 (0.3: -3.1 dB; default: 0)")
    p.add_argument("--keep-ambience", action="store_true",
                   help="split the background into music and ambience (rain, traffic, room "
                        "tone) and let --music-suppression remove the music alone")
    p.add_argument("--ambience", type=float, default=None, metavar="DB",
                   help="with the split: the ambience's level, -60..+12 dB (implies "
                        "--keep-ambience; default 0)")
    p.add_argument("--foley-surround", type=float, default=0.0, metavar="S",
                   help="with --channels 5.1: also send this share (0..1) of the Foley to the "
                        "surrounds, delayed (default 0: the Foley stays in front)")
    p.add_argument("--ducking", type=float, default=None, metavar="A",
                   help="lower the background under the voice, A in 0..1 (1 = 18 dB; default 0)")
    p.add_argument("--duck", action="store_true", help="same as --ducking 0.5 (9 dB)")
    p.add_argument("--voice-gate", type=float, default=0.0, metavar="G",
                   help="lower the voice stem between words, G in 0..1 (default 0)")
    p.add_argument("--voice-gain", type=float, default=0.0, metavar="DB", help="-60..+12")
    p.add_argument("--background-gain", type=float, default=0.0, metavar="DB", help="-60..+12")
    p.add_argument("--foley-gain", type=float, default=0.0, metavar="DB", help="-60..+12")
    p.add_argument("--voice-pan", type=float, default=0.0, metavar="P", help="-1 (left)..1")
    p.add_argument("--background-pan", type=float, default=0.0, metavar="P")
    p.add_argument("--width", type=float, default=1.0, metavar="W",
                   help="stereo width of voice and background, 0 (mono)..1 (default)")
    add_deliverable_options(p)
    p.add_argument("--save-project", type=Path, default=None, metavar="FILE",
                   help="also save a .stemline project (stems kept next to it)")
    p.add_argument("--model", default="spleeter",
                   help="separation model, as for `stemline separate` (default: spleeter)")
    p.add_argument("--model-param", action="extend", nargs="+", default=[], metavar="KEY=VALUE",
                   help="settings for an MDX-Net or Roformer file (see `stemline separate`)")
    p.add_argument("--model-dir", type=Path, default=None, help="folder with model weights")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda (default: auto)")
    p.add_argument("--json", action="store_true", help="print a summary as JSON on stdout")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stemline.cli.separate import model_params
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.core.mixer import DEFAULT_DUCKING
    from stemline.jobs.process import MixOptions, run_process

    ducking = args.ducking if args.ducking is not None else (DEFAULT_DUCKING if args.duck else 0.0)
    mix = MixOptions(args.voice_gain, args.background_gain, args.foley_gain,
                     args.music_suppression, ducking, voice_pan=args.voice_pan,
                     background_pan=args.background_pan, voice_gate=args.voice_gate,
                     width=args.width,
                     ambience_db=args.ambience if args.ambience is not None else
                     (0.0 if args.keep_ambience else None), foley_surround=args.foley_surround)
    try:
        mix.validate()
        request = request_from_args(args, args.output)
        request.validate()
        params = model_params(args.model_param)
    except (ValueError, StemlineError) as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    from stemline.engine.separation.weights import env_model_dir

    model_dir = args.model_dir or (Path(env_model_dir()) if env_model_dir() else None)
    cancel = CancelToken()
    try:
        with ProgressBar(f"process {args.input.name}", disable=args.quiet) as bar:
            result = run_process(args.input, args.output, foley=args.foley,
                                 foley_options=options_from_args(args, spatial=args.spatial),
                                 mix=mix, separator_name=args.model, device=args.device,
                                 model_params=params,
                                 model_dir=model_dir, save_project=args.save_project,
                                 export=request, progress=bar.update, cancel=cancel)
    except (KeyboardInterrupt, Cancelled):
        cancel.cancel()
        print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
        return 130
    except (StemlineError, ValueError) as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 1
    print_loudness(result.loudness, args.loudness, args.true_peak)
    if args.json:
        json.dump({"output": str(result.output), "outputs": [str(p) for p in result.outputs],
                   "duration": result.duration,
                   "foley_events": len(result.foley.placements) if result.foley else 0,
                   "project": str(result.project) if result.project else None},
                  sys.stdout, indent=2)
        sys.stdout.write("\n")
    return 0
