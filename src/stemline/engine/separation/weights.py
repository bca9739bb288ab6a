"""Where model weights are on this machine, and whether a download could work: what every
separation backend shares (the folder the user points at, the download caches, an offline
switch, a connectivity probe that fails fast). Backend modules (``demucs_weights``) add their
own file layouts; separators only separate.
"""
from __future__ import annotations

import os
import socket
import ssl
import sys
import threading
import time
from pathlib import Path

#: Folder searched (like ``--model-dir``) before the download caches.
MODEL_DIR_ENV = "STEMLINE_MODEL_DIR"
#: Set to 1 to never try a download (no connectivity probe either).
OFFLINE_ENV = "STEMLINE_OFFLINE"
#: Seconds the connectivity probe waits for any download host to accept a TCP connection.
PROBE_TIMEOUT_S = 0.8
_TRUTHY = {"1", "true", "yes", "on"}


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in _TRUTHY


def env_model_dir() -> str:
    """``$STEMLINE_MODEL_DIR`` as set ("" when unset)."""
    return os.environ.get(MODEL_DIR_ENV, "").strip()


def torch_hub_checkpoints() -> Path:
    """torch.hub.get_dir()/checkpoints, where demucs's RemoteRepo caches downloads."""
    hub = sys.modules.get("torch.hub")
    if hub is not None:
        # Honours torch.hub.set_dir() if the app or a test called it.
        return Path(hub.get_dir()) / "checkpoints"
    # torch not loaded yet: apply torch.hub.get_dir's rule ourselves rather than import it.
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    torch_home = os.path.expanduser(os.environ.get("TORCH_HOME", os.path.join(cache, "torch")))
    return Path(torch_home) / "hub" / "checkpoints"


def hf_cache_dir() -> Path:
    # Read at call time: huggingface_hub freezes its constants at import, which would
    # ignore a cache folder set later (by the app's settings or a test).
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    return Path(os.path.expanduser(cache)) / "huggingface" / "hub"


def hf_host() -> tuple[str, int]:
    from urllib.parse import urlparse

    url = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    return url.hostname or "", url.port or (80 if url.scheme == "http" else 443)


def reachable_hosts(hosts: list[tuple[str, int]], timeout: float, *,
                    tls: bool = True) -> set[tuple[str, int]]:
    """Hosts that complete a TCP (and, except on port 80 or with ``tls`` off, TLS) handshake in
    ``timeout`` s.

    Each try runs in a daemon thread because name resolution has no timeout of its own and
    can hang for many seconds on a machine without DNS; we stop waiting at the deadline.
    The TLS handshake, with the certificate checked against the host name, is what tells a
    real server from a sandbox or captive-portal proxy that accepts every TCP connection.
    """
    reachable: set[tuple[str, int]] = set()
    lock = threading.Lock()

    def attempt(host: str, port: int) -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                if tls and port != 80:
                    with tls_context().wrap_socket(sock, server_hostname=host):
                        pass
                with lock:
                    reachable.add((host, port))
        except (OSError, ValueError):  # ssl.SSLError is an OSError
            pass

    threads = [threading.Thread(target=attempt, args=(host, port), daemon=True,
                                name=f"stemline-probe-{host}") for host, port in hosts]
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    with lock:
        return set(reachable)


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    try:
        # The bundle requests/httpx use, so a machine without system CA certificates isn't
        # mistaken for an offline one.
        import certifi

        context.load_verify_locations(certifi.where())
    except (ImportError, OSError):
        pass
    return context
