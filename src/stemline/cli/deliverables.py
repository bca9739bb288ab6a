"""Deliverable options shared by ``stemline export`` and ``stemline process``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_deliverable_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("deliverables (combine freely)")
    g.add_argument("--keep-original-audio", action="store_true",
                   help="video output: keep the source's audio as a second, non-default track")
    g.add_argument("--bit-depth", type=int, default=24, choices=(16, 24, 32),
                   help="WAV/FLAC depth of the mix and karaoke files (32 = float WAV; default 24)")
    g.add_argument("--stems", type=Path, metavar="DIR",
                   help="voice, background and Foley as sample-aligned WAVs, each after its own "
                        "gain/pan/suppression")
    g.add_argument("--stems-bit-depth", type=int, default=24, choices=(16, 24, 32))
    g.add_argument("--karaoke", type=Path, metavar="DIR",
                   help="backing track and a guide with the voice low")
    g.add_argument("--karaoke-format", default=None, metavar="FMT",
                   help="wav, flac, m4a, mp3, aac or opus (default: the output's, else wav)")
    g.add_argument("--karaoke-foley", action="store_true", help="keep the Foley in the backing")
    g.add_argument("--guide-level", type=float, default=-15.0, metavar="DB",
                   help="the guide's voice level relative to the mix (default -15 dB)")
    g.add_argument("--timeline", type=Path, metavar="OUT.otio",
                   help="OpenTimelineIO timeline (video, stems, Foley events) for Resolve, "
                        "Premiere, Kdenlive")
    g.add_argument("--loudness", type=float, default=None, metavar="LUFS",
                   help="normalise to this integrated loudness (-14 streaming, -16 podcast, "
                        "-23 EBU R128)")
    g.add_argument("--true-peak", type=float, default=-1.0, metavar="DBTP",
                   help="true-peak ceiling with --loudness (default -1 dBTP)")
    # the layouts are checked by the export request (core.surround), which --help doesn't load
    g.add_argument("--channels", default="stereo", metavar="LAYOUT",
                   help="the mix's layout: stereo (default) or 5.1 (voice in the centre, "
                        "background with a share in the surrounds, Foley across left-centre-right "
                        "and into the LFE; tagged 5.1 in MP4/MKV/M4A/Opus/FLAC/WAV)")
    g.add_argument("--with-stereo", action="store_true",
                   help="with --channels 5.1: also the stereo mix (a video's second audio "
                        "track, or NAME_stereo.EXT beside an audio file)")


def request_from_args(args: argparse.Namespace, output: Path | None) -> Any:
    from stemline.jobs.export import ExportRequest

    return ExportRequest(output=output, bit_depth=args.bit_depth,
                         keep_original_audio=args.keep_original_audio, stems=args.stems,
                         stems_bit_depth=args.stems_bit_depth, karaoke=args.karaoke,
                         karaoke_format=args.karaoke_format, karaoke_foley=args.karaoke_foley,
                         guide_db=args.guide_level, timeline=args.timeline,
                         loudness=args.loudness, true_peak=args.true_peak,
                         channels=args.channels, with_stereo=args.with_stereo)


def print_loudness(reports: list[Any], target: float | None, ceiling: float) -> None:
    for r in reports:
        missed = target is not None and (abs(r.after - target) > 0.5 or r.true_peak > ceiling)
        print(f"stemline: {r.path.name}: {r.before:.1f} LUFS as mixed -> {r.after:.1f} LUFS "
              f"(target {target:g}), true peak {r.true_peak:.1f} dBTP (ceiling {ceiling:g})"
              + (": MISSED, check this file" if missed else ""), file=sys.stderr)
