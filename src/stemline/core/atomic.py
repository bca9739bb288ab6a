"""Writing files so they appear complete or not at all: the one helper every output uses.

Data goes to a hidden temporary name in the destination folder (same file system, so the final
:func:`os.replace` is atomic), then is renamed. :class:`Staging` does the same for several files
that must appear together (an export's mix, stems, karaoke files and timeline): nothing is
renamed into place until all are written, and a failure or Cancel removes every temporary.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_COUNTER = itertools.count()


def temp_name(path: str | os.PathLike[str]) -> Path:
    """A hidden name next to ``path``, unique in this process: ``.<name>.part-<pid>-<n>``,
    ending in the same suffix (muxers pick the format by it). Anything named ``.*.part-*`` is
    a partial file (the job queue's recovery clears those)."""
    p = Path(path)
    return p.with_name(f".{p.name}.part-{os.getpid()}-{next(_COUNTER)}{p.suffix}")


def publish(tmp: Path, path: Path) -> None:
    """Rename a finished temporary file into place, with the user's usual permissions."""
    # private (mkstemp-style) files would surprise users: outputs get their usual permissions
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)


def work_dir(parent: str | os.PathLike[str], prefix: str) -> Path:
    """A hidden scratch folder in ``parent`` (the outputs' file system, so results move into
    place by rename), named ``.<prefix>-<host>-<pid>-<random>``. Folders of the same prefix
    that a killed run of this machine left behind (their process is gone) are removed first."""
    parent = Path(parent)
    host = socket.gethostname().replace("-", "_")
    mine = f".{prefix}-{host}-"
    for old in parent.glob(f"{mine}*"):
        pid = old.name[len(mine):].split("-", 1)[0]
        if old.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{mine}{os.getpid()}-", dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary name to write ``path`` under: renamed into place when the block ends
    normally, deleted when it raises (Cancel and Ctrl-C included)."""
    tmp = temp_name(path)
    try:
        yield tmp
        publish(tmp, Path(path))
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return Path(path)


def write_json_atomic(path: str | os.PathLike[str], data: Any, *, indent: int | None = 2) -> Path:
    """Write ``data`` as JSON to ``path`` atomically."""
    return write_text_atomic(path, json.dumps(data, indent=indent, ensure_ascii=False) + "\n")


class Staging:
    """Several outputs that appear together: :meth:`path` hands out a temporary name for each
    final one, :meth:`commit` renames them all, :meth:`abort` (or leaving the ``with`` block
    with an exception, Cancel and Ctrl-C included) deletes them and any folder it created."""

    def __init__(self) -> None:
        self._files: dict[Path, Path] = {}  # final -> temporary
        self._made_dirs: list[Path] = []

    def folder(self, path: str | os.PathLike[str]) -> Path:
        """Make ``path`` (removed again on abort if it did not exist)."""
        p = Path(path)
        missing = []
        for parent in (p, *p.parents):
            if parent.exists():
                break
            missing.append(parent)
        p.mkdir(parents=True, exist_ok=True)
        self._made_dirs.extend(missing)
        return p

    def path(self, final: str | os.PathLike[str]) -> Path:
        """The temporary name of ``final`` (the same one each time it is asked for, so a file
        written again simply replaces its first version)."""
        final = Path(final)
        if final not in self._files:
            self._files[final] = temp_name(final)
        return self._files[final]

    def commit(self) -> list[Path]:
        done = []
        for final, tmp in self._files.items():
            if tmp.exists():
                publish(tmp, final)
                done.append(final)
        self._files, self._made_dirs = {}, []
        return done

    def abort(self) -> None:
        for tmp in self._files.values():
            tmp.unlink(missing_ok=True)
        for d in sorted(self._made_dirs, key=lambda p: len(p.parts), reverse=True):  # deepest first
            try:
                d.rmdir()
            except OSError:
                pass
        self._files, self._made_dirs = {}, []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self.abort()
