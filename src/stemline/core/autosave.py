"""Autosave and crash recovery.

Each running editor owns one autosave slot under ``state_dir()/autosave``: a ``.stemline`` copy
plus a small JSON note with the owner's pid. A clean exit deletes the slot; a slot whose owner is no
longer running is what a crash leaves behind, and the next start offers to recover it.

Every explicit save also keeps a copy of that project under ``autosave/copies`` (one per project
file, named by a hash of its path): when the project file itself is later found damaged (a disk
error, a sync tool, another program), the editor offers the newest copy instead of nothing.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from stemline.core.history import History
from stemline.core.project import Project
from stemline.core.serialization import load_project, save_project
from stemline.core.settings import state_dir


def autosave_dir() -> Path:
    return state_dir() / "autosave"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Recoverable:
    """An autosave left by an editor that did not exit cleanly."""

    project_file: Path
    note_file: Path
    saved_at: float
    original_path: str | None
    media_path: str | None

    @classmethod
    def from_note(cls, note_file: Path, note: dict) -> "Recoverable":
        """The slot a note (``<slot>.json`` beside ``<slot>.stemline``) describes."""
        return cls(note_file.with_suffix(".stemline"), note_file, float(note.get("saved_at", 0.0)),
                   note.get("original_path"), note.get("media_path"))

    @property
    def saved_text(self) -> str:
        """When it was saved, for people: ``2026-12-03 01:17``."""
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))

    def load(self) -> Project:
        return load_project(self.project_file)

    def discard(self) -> None:
        self.project_file.unlink(missing_ok=True)
        self.note_file.unlink(missing_ok=True)


class Autosaver:
    """Writes the project to this session's slot when the history moved since the last write.

    Parameters
    ----------
    directory : where slots live (defaults to :func:`autosave_dir`).
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or autosave_dir()
        self.session = uuid.uuid4().hex[:12]
        self._last_serial: int | None = None

    @property
    def project_file(self) -> Path:
        return self.directory / f"{self.session}.stemline"

    @property
    def note_file(self) -> Path:
        return self.directory / f"{self.session}.json"

    def maybe_save(self, project: Project, history: History,
                   original_path: str | None = None) -> bool:
        """Save if anything changed since the last autosave; returns True when it wrote."""
        if history.serial == self._last_serial or history.is_clean:
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        save_project(project, self.project_file)
        note = {"pid": os.getpid(), "saved_at": time.time(), "original_path": original_path,
                "media_path": project.media_path}
        self.note_file.write_text(json.dumps(note), encoding="utf-8")
        self._last_serial = history.serial
        return True

    def keep_copy(self, project: Project, project_path: Path) -> None:
        """After an explicit save to ``project_path``: keep a copy to offer if that file is later
        found damaged (see :func:`find_copy`)."""
        copies = self.directory / "copies"
        copies.mkdir(parents=True, exist_ok=True)
        key = _path_key(project_path)
        save_project(project, copies / f"{key}.stemline")
        note = {"saved_at": time.time(), "original_path": str(Path(project_path).resolve()),
                "media_path": project.media_path}
        (copies / f"{key}.json").write_text(json.dumps(note), encoding="utf-8")

    def discard(self) -> None:
        """Clean exit (or explicit save): nothing to recover from this session."""
        self.project_file.unlink(missing_ok=True)
        self.note_file.unlink(missing_ok=True)
        self._last_serial = None


def find_recoverable(directory: Path | None = None) -> list[Recoverable]:
    """Autosaves whose editor is gone, newest first."""
    directory = directory or autosave_dir()
    found: list[Recoverable] = []
    for note_file in directory.glob("*.json") if directory.is_dir() else ():
        try:
            note = json.loads(note_file.read_text(encoding="utf-8"))
            pid = int(note["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if _pid_alive(pid) or not note_file.with_suffix(".stemline").exists():
            continue
        found.append(Recoverable.from_note(note_file, note))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def _path_key(path: Path) -> str:
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:20]


def find_copy(project_path: Path, directory: Path | None = None) -> Recoverable | None:
    """The newest good copy of the project at ``project_path``: the copy kept when it was last
    saved, or a crash's autosave of it, whichever is newer; None when there is none."""
    directory = directory or autosave_dir()
    target = str(Path(project_path).resolve())
    found = [r for r in find_recoverable(directory)
             if r.original_path and str(Path(r.original_path).resolve()) == target]
    note_file = directory / "copies" / f"{_path_key(project_path)}.json"
    try:
        kept = Recoverable.from_note(note_file, json.loads(note_file.read_text(encoding="utf-8")))
        if kept.project_file.is_file():
            found.append(kept)
    except (OSError, ValueError, TypeError, AttributeError):
        pass
    return max(found, key=lambda r: r.saved_at, default=None)
