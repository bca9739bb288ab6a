"""``stemline models``: the separation models Stemline knows, which are here, adding your own files,
and downloading known ones (resumable, checked)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("models", help="list, add and download separation models",
                       description="Models live in the model folder (--model-dir, else the "
                                   "setting or $STEMLINE_MODEL_DIR, else the data folder).")
    p.add_argument("--model-dir", type=Path, default=None, help="the model folder")
    actions = p.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="every known model: what it is for, its score, "
                                         "whether it is here")
    ls.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="register your own model files (.onnx MDX-Net, "
                                         ".ckpt/.pth Roformer with its .yaml, .th demucs)")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--name", default=None, help="name to use it by (one file only; "
                                                  "default: the file's name)")
    add.add_argument("--link", action="store_true",
                     help="link to the file instead of copying it into the model folder")
    add.add_argument("--config", type=Path, default=None,
                     help="a Roformer checkpoint's YAML, when it isn't next to the file")
    add.add_argument("--param", action="extend", nargs="+", default=[], metavar="KEY=VALUE",
                     help="settings stored with the model (MDX-Net: n_fft=... dim_f=... ...)")
    pull = actions.add_parser("pull", help="download a known model into the model folder")
    pull.add_argument("names", nargs="+", metavar="NAME")
    pull.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from stemline.core.errors import StemlineError
    from stemline.core.settings import Settings
    from stemline.engine.separation.catalog import model_folder

    folder = model_folder(args.model_dir or Settings.load().model_dir or None)
    try:
        if args.models_command == "list":
            return _list(folder, args.json)
        if args.models_command == "add":
            return _add(folder, args)
        return _pull(folder, args.names, quiet=args.quiet)
    except (StemlineError, ValueError) as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stemline: cancelled; a partial download is kept to resume", file=sys.stderr)
        return 130


def _list(folder: Path, as_json: bool) -> int:
    from stemline.engine.separation.catalog import listing

    rows = listing(folder)
    if as_json:
        json.dump({"folder": str(folder), "models": rows}, sys.stdout, indent=2)
        print()
        return 0
    print(f"model folder: {folder}")
    print(f"{'name':<26} {'backend':<9} {'here':<5} {'size':>7}  {'score':<30} good for")
    for r in rows:
        size = f"{r['size_mb']:.0f} MB" if r["size_mb"] else ""
        here = "yes" if r["present"] else "-"
        print(f"{r['name']:<26} {r['backend']:<9} {here:<5} {size:>7}  {r['score'] or '':<30} "
              f"{r['good_for']}" + (f"  [{r['where']}]" if r["present"] and r["where"]
                                    and r["where"] != "built in" else ""))
    return 0


def _add(folder: Path, args: argparse.Namespace) -> int:
    from stemline.cli.separate import model_params
    from stemline.engine.separation.catalog import register

    if args.name and len(args.files) > 1:
        raise ValueError("--name names one file; add several files without it")
    params = model_params(args.param)
    for path in args.files:
        entry = register(folder, path, name=args.name, link=args.link, params=params,
                         config=args.config)
        print(f"added {entry['name']} ({entry['backend']}, sha256 {entry['sha256'][:12]}...) "
              f"to {folder}")
    return 0


def _pull(folder: Path, names: list[str], *, quiet: bool) -> int:
    from stemline.cli.progress_bar import ProgressBar
    from stemline.core.errors import ModelUnavailable
    from stemline.engine.separation.catalog import ModelFile, find_known
    from stemline.engine.separation.download import check_reachable, fetch

    for name in names:
        known = find_known(name)
        if known is None:
            raise ModelUnavailable(f"{name}: not a known model (see `stemline models list`); "
                                   f"for your own files use `stemline models add`")
        if known.builtin:
            print(f"{known.name} is built in")
            continue
        files = list(known.files)
        if known.backend == "demucs":
            from stemline.engine.separation.demucs_weights import required_files

            files = [ModelFile(f, url) for f, url in required_files(known.name)]
        for f in files:
            dest = folder / f.name
            if dest.is_file():
                print(f"{f.name}: already in {folder}")
                continue
            check_reachable(f.url, folder)
            with ProgressBar(f"pull {f.name}", disable=quiet) as bar:
                fetch(f.url, dest, sha256=f.sha256 or None, uvr_md5=f.uvr_md5 or None,
                      progress=bar.update)
            checked = "sha256 checked" if f.sha256 else "UVR hash checked" if f.uvr_md5 else \
                _uvr_table_note(dest) if known.backend == "mdx" else \
                "no published checksum to check it against"
            print(f"{f.name}: saved in {folder} ({checked})")
    return 0


def _uvr_table_note(path: Path) -> str:
    """For an MDX-Net file without a published checksum: whether UVR's table knows it (then it
    is a file UVR published, and its settings are known)."""
    from stemline.engine.separation.mdx import uvr_hash
    from stemline.engine.separation.mdx_known import UVR_MDX

    if uvr_hash(path) in UVR_MDX:
        return "a file UVR's table knows; its settings are known"
    return ("no published checksum, and UVR's table doesn't know this file: give its "
            "--model-param settings when you use it")
