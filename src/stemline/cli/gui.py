"""``stemline gui [FILE]``: the editor window (also what ``stemline`` alone opens)."""
from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "gui", help="open the editor window",
        description="Open the editor on FILE (media or .stemline project), or empty.")
    p.add_argument("file", nargs="?", type=Path, help="media file or .stemline project")
    p.add_argument("--self-check", dest="report", type=Path, metavar="REPORT",
                   help="open FILE, run separation and Foley, write a JSON report, exit")
    p.add_argument("--screenshot", type=Path, metavar="PNG",
                   help="with --self-check: save a screenshot of the window")
    p.add_argument("--timeout", type=float, default=900.0,
                   help="with --self-check: give up after this many seconds (default 900)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stemline.ui.app import run_gui  # Qt loads only when the window is wanted

    return run_gui(args.file, report=args.report, screenshot=args.screenshot,
                   timeout=args.timeout)
