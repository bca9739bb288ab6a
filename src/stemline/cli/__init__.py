"""The ``stemline`` command: argparse front end over core/media/engine/jobs.

Each subcommand lives in its own module exposing ``add_parser(subparsers)``, which registers the
parser and sets ``func(args) -> int``. Heavy modules load lazily so ``--help`` stays instant.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from stemline import __version__

#: Subcommand modules, in the order ``--help`` lists them.
SUBCOMMANDS = ("separate", "foley", "process", "export", "jobs", "models", "serve", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stemline",
        description="Separate voice and background of any media file, add Foley, remix.")
    parser.add_argument("--version", action="version", version=f"stemline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"stemline.cli.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `stemline` and `stemline FILE` open the editor, like double-clicking the app would.
    if "gui" in SUBCOMMANDS and (not argv or (argv[0] not in SUBCOMMANDS
                                              and argv[0] not in ("-h", "--help", "--version"))):
        argv = ["gui", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("stemline: interrupted", file=sys.stderr)
        return 130
