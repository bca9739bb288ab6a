"""Fetching a model file: resumable (HTTP Range onto ``<name>.part``), verified before it takes
its final name, cancellable between blocks, and quick to say so when the host can't be reached.
"""
from __future__ import annotations

import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from stemline.engine.separation.weights import reachable_hosts, tls_context

BLOCK = 1 << 16
#: Seconds a stalled connection may stay silent before the try counts as interrupted.
READ_TIMEOUT_S = 20.0
#: Tries per pull; each one resumes where the last stopped.
ATTEMPTS = 3


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_reachable(url: str, folder: Path, *, timeout: float = 1.5) -> None:
    """Raise at once (within ``timeout``) when the URL's host doesn't answer."""
    parsed = urlparse(url)
    host = parsed.hostname or ""
    secure = parsed.scheme == "https"
    port = parsed.port or (443 if secure else 80)
    if not reachable_hosts([(host, port)], timeout, tls=secure):
        raise ModelUnavailable(
            f"can't reach {host}: download {url} yourself and put it in {folder} "
            f"(or register it with `stemline models add FILE`)")


def fetch(url: str, dest: Path, *, sha256: str | None = None, uvr_md5: str | None = None,
          progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
          attempts: int = ATTEMPTS) -> Path:
    """Download ``url`` to ``dest``; returns ``dest``.

    A partial ``dest.part`` from an earlier try is continued with a Range request. With
    ``sha256`` (or, for UVR's files where no sha256 is published, ``uvr_md5``: UVR's MD5 of the
    file's tail) the file is checked before it is renamed into place; a mismatch deletes the
    part file and raises, so a corrupted download never looks like a model.
    """
    report = progress or no_progress
    part = dest.with_name(dest.name + ".part")
    dest.parent.mkdir(parents=True, exist_ok=True)
    last_error = ""
    for _ in range(max(1, attempts)):
        if cancel is not None:
            cancel.check()
        try:
            complete = _one_try(url, part, report, cancel)
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, urllib.error.HTTPError) and exc.code not in (408, 429) \
                    and exc.code < 500:
                raise ModelUnavailable(f"{url}: the server refused it (HTTP {exc.code})") from exc
            last_error = str(getattr(exc, "reason", exc)) or type(exc).__name__
            continue
        if complete:
            break
    else:
        have = part.stat().st_size if part.exists() else 0
        raise ModelUnavailable(
            f"{url}: download interrupted at {have} bytes ({last_error}); run the same command "
            f"again to resume")
    checks = []
    if sha256:
        checks.append(("sha256", file_sha256, sha256))
    elif uvr_md5:
        from stemline.engine.separation.mdx import uvr_hash

        checks.append(("UVR hash", uvr_hash, uvr_md5))
    for label, digest, want in checks:
        got = digest(part)
        if got != want.lower():
            part.unlink(missing_ok=True)
            raise ModelUnavailable(f"{url}: the download is corrupted ({label} {got[:12]}..., "
                                   f"expected {want[:12]}...); removed it, pull again")
    os.replace(part, dest)
    return dest


def _one_try(url: str, part: Path, report: ProgressCallback,
             cancel: CancelToken | None) -> bool:
    """One request from where ``part`` ends. True when the file is complete."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": "stemline"}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=READ_TIMEOUT_S, context=tls_context())
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # nothing after what we have: it was complete
            return True
        raise
    with response:
        total = None
        if response.status == 206:
            match = re.match(r"bytes (\d+)-\d+/(\d+|\*)", response.headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != have:
                have = 0  # a range we didn't ask for: start over
            elif match.group(2) != "*":
                total = int(match.group(2))
        else:
            have = 0  # the server ignored the range and sends it all
        length = response.headers.get("Content-Length")
        if total is None and length is not None:
            total = have + int(length)
        mode = "ab" if have else "wb"
        done = have
        with part.open(mode) as fh:
            if not have:
                fh.truncate(0)
            while True:
                if cancel is not None:
                    cancel.check()
                block = response.read(BLOCK)
                if not block:
                    break
                fh.write(block)
                done += len(block)
                report(Progress("download", done, total or 0, "bytes"))
    return total is None or done >= total
