"""``stemline serve``: the AudioExtract API of the cloud, served from this machine."""
from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="serve the AudioExtract API (StartExecution / GetExecution) locally",
        description="An HTTP API with the cloud AudioExtract task's actions and shapes. Loopback "
                    "only by default; binding another address requires a token (given, or "
                    "generated and printed).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8714, help="0 picks a free port (default: 8714)")
    p.add_argument("--token", default=None, help="required on every request (Authorization: Bearer)")
    p.add_argument("--allow-dir", action="append", type=Path, default=[], metavar="DIR",
                   help="inputs given by path must lie inside DIR; repeatable (none: uploads only)")
    p.add_argument("--output-dir", type=Path, default=None,
                   help="where jobs write <RunId>/ (default: ~/.local/share/stemline/served)")
    p.add_argument("--max-upload-mb", type=float, default=2048.0)
    p.add_argument("--callback-url", action="append", default=[], metavar="URL",
                   help="POST EventTypeExecutionComplete events here; repeatable")
    p.add_argument("--model", default="spleeter")
    p.add_argument("--model-dir", default=None)
    p.add_argument("--device", default="auto")
    p.add_argument("--format", default="aac", choices=("aac", "m4a", "wav", "flac", "mp3"))
    p.add_argument("--db", type=Path, default=None, help="job database (default: the shared one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("stemline: serving needs the server extra: pip install 'stemline[serve]'",
              file=sys.stderr)
        return 2

    from stemline.cli.queue_run import open_store
    from stemline.core.errors import StemlineError
    from stemline.core.settings import data_dir
    from stemline.server.app import create_app
    from stemline.server.config import ServerConfig

    out = (args.output_dir or data_dir() / "served").resolve()
    config = ServerConfig(host=args.host, port=args.port, token=args.token,
                          allow_dirs=list(args.allow_dir), output_root=out,
                          upload_dir=out / "uploads",
                          max_upload_bytes=int(args.max_upload_mb * (1 << 20)),
                          callback_urls=tuple(args.callback_url), model=args.model,
                          model_dir=args.model_dir, device=args.device, format=args.format)
    try:
        store = open_store(args.db)
        app = create_app(config, store)
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"stemline: can't listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    print(f"Stemline API on http://{shown}:{port}/ (outputs in {out})", flush=True)
    # Always a second line, so scripts that start the server can read what they need.
    print(f"token: {config.token}" if config.token else "token: not required (loopback only)",
          flush=True)
    if not config.allow_dirs:
        print("no --allow-dir: inputs by path are refused, uploads only", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    server.run(sockets=[sock])
    return 0
