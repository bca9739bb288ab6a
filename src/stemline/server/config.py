"""What a running server is allowed to do: where inputs may come from, where outputs go, who may
call it."""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

API_VERSION = "2025-01-01"


@dataclass
class ServerConfig:
    """Parameters of ``stemline serve``.

    Attributes
    ----------
    allow_dirs : inputs given by path must lie inside one of these (after resolving symlinks
        and ``..``); with none, only uploads are accepted.
    output_root : each job writes ``<output_root>/<RunId>/``; served at ``/<RunId>/<file>``.
    token : required on every request when set (always set when binding beyond loopback).
    max_upload_bytes : larger uploads are refused before they are stored.
    """

    host: str = "127.0.0.1"
    port: int = 8714
    token: str | None = None
    allow_dirs: list[Path] = field(default_factory=list)
    output_root: Path = Path("outputs")
    upload_dir: Path = Path("uploads")
    max_upload_bytes: int = 2 << 30
    callback_urls: tuple[str, ...] = ()
    model: str = "spleeter"
    model_dir: str | None = None
    device: str = "auto"
    format: str = "aac"

    def __post_init__(self) -> None:
        self.allow_dirs = [Path(os.path.realpath(d)) for d in self.allow_dirs]
        if not self.loopback and not self.token:
            self.token = secrets.token_urlsafe(24)

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def allowed_input(self, name: str) -> Path | None:
        """The real path of ``name`` when it lies inside an allowed folder, else None."""
        real = Path(os.path.realpath(name))
        for d in self.allow_dirs:
            if real == d or d in real.parents:
                return real
        return None
