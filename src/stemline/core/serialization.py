"""``.stemline`` project files: versioned JSON, media paths relative to the file, migrations.

Derived data (peaks, stems, thumbnails) never goes in here; it lives in the cache directory keyed
by content hash, so a project file stays a few kilobytes and survives moving the folder.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Mapping

from stemline.core.atomic import write_text_atomic
from stemline.core.errors import StemlineError
from stemline.core.project import FoleyEvent, Project

FORMAT = "stemline-project"
VERSION = 1
SUFFIX = ".stemline"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: ``MIGRATIONS[v]`` turns a version ``v`` document into version ``v + 1``. Add one per format
#: change and never edit an old one: files written by every released version must keep opening.
MIGRATIONS: dict[int, Migration] = {}

_TRACK_PATH_FIELDS = ("source", "ambience_source")
_EVENT_PATH_FIELDS = ("sound",)


class ProjectFileError(StemlineError):
    """A project file can't be read: not JSON, not ours, or from a newer Stemline."""

    code = "InvalidProject"


def _relative(path: str | None, base: Path) -> str | None:
    if path is None:
        return None
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows: keep it absolute
        return path


def _absolute(path: str | None, base: Path) -> str | None:
    if path is None:
        return None
    p = Path(path)
    return str(p if p.is_absolute() else (base / p).resolve())


def project_to_dict(project: Project, base_dir: Path) -> dict[str, Any]:
    """The JSON document for ``project`` with media paths relative to ``base_dir``."""
    tracks = []
    for track in project.tracks:
        item = track.to_dict()
        for key in _TRACK_PATH_FIELDS:
            item[key] = _relative(item[key], base_dir)
        tracks.append(item)
    events = []
    for event in project.events:
        item = event.to_dict()
        for key in _EVENT_PATH_FIELDS:
            item[key] = _relative(item[key], base_dir)
        events.append(item)
    head = project.to_dict()
    head["media_path"] = _relative(head["media_path"], base_dir)
    return {"format": FORMAT, "version": VERSION, "project": head, "tracks": tracks,
            "events": events}


def migrate(doc: dict[str, Any], migrations: Mapping[int, Migration] | None = None
            ) -> dict[str, Any]:
    """Bring ``doc`` up to :data:`VERSION`, one migration at a time."""
    steps = MIGRATIONS if migrations is None else migrations
    version = doc.get("version")
    if not isinstance(version, int) or version < 0:
        raise ProjectFileError(f"project file has no valid version (found {version!r})")
    if version > VERSION:
        raise ProjectFileError(
            f"project file is version {version}; this Stemline reads up to {VERSION}: update it")
    while version < VERSION:
        if version not in steps:
            raise ProjectFileError(f"no migration from project version {version}")
        doc = steps[version](dict(doc))
        version += 1
        doc["version"] = version
    return doc


def project_from_dict(doc: dict[str, Any], base_dir: Path,
                      migrations: Mapping[int, Migration] | None = None) -> Project:
    """Rebuild a :class:`Project`; every value goes through the model's validating setters."""
    if doc.get("format") != FORMAT:
        raise ProjectFileError("not a Stemline project file")
    doc = migrate(doc, migrations)
    try:
        head = dict(doc["project"])
        head["media_path"] = _absolute(head.get("media_path"), base_dir)
        project = Project(**head)
        by_kind = {t["kind"]: t for t in doc["tracks"]}
        for track in project.tracks:
            values = dict(by_kind.get(track.kind, {}))
            for key in _TRACK_PATH_FIELDS:
                values[key] = _absolute(values.get(key), base_dir)
            for name, value in values.items():
                # Only declared fields: a file must not replace the track's signal or methods.
                if name not in track._fields:
                    raise ProjectFileError(
                        f"project file is damaged: track {track.kind!r} has no field {name!r}")
                setattr(track, name, value)
        for item in doc["events"]:
            values = dict(item)
            for key in _EVENT_PATH_FIELDS:
                values[key] = _absolute(values.get(key), base_dir)
            project.insert_event(FoleyEvent(**values))
    except (KeyError, TypeError, ValueError) as exc:
        raise ProjectFileError(f"project file is damaged: {exc}") from exc
    return project


def save_project(project: Project, path: str | os.PathLike[str]) -> Path:
    """Write ``project`` to ``path`` atomically (temp file + rename: a crash never truncates it)."""
    path = Path(path)
    if path.suffix != SUFFIX:
        path = path.with_suffix(SUFFIX)
    path.parent.mkdir(parents=True, exist_ok=True)
    base = path.parent.resolve()
    text = json.dumps(project_to_dict(project, base), indent=2, sort_keys=False)
    write_text_atomic(path, text + "\n")
    return path


def load_project(path: str | os.PathLike[str]) -> Project:
    """Read a ``.stemline`` file; media paths come back absolute."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProjectFileError(f"can't read {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ProjectFileError(f"{path} is not a Stemline project (not UTF-8 text)") from exc
    except json.JSONDecodeError as exc:
        raise ProjectFileError(f"{path} is not a Stemline project (bad JSON: {exc.msg})") from exc
    except RecursionError as exc:  # a hostile file of nested brackets
        raise ProjectFileError(f"{path} is not a Stemline project (nested too deeply)") from exc
    if not isinstance(doc, dict):
        raise ProjectFileError(f"{path} is not a Stemline project")
    try:
        return project_from_dict(doc, path.parent.resolve())
    except ProjectFileError as exc:  # the one line a user sees names the file
        raise ProjectFileError(f"{path}: {exc}") from exc


__all__ = ["FORMAT", "VERSION", "SUFFIX", "MIGRATIONS", "ProjectFileError", "migrate",
           "project_to_dict", "project_from_dict", "save_project", "load_project"]
