"""What a batch takes in: files and folders (recursive), media recognised by probing, not by name.

A folder of a few hundred files holds sidecars, images, subtitles and half-copied files; each is
probed and the ones that can't be separated are listed with the reason instead of failing later.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from stemline.core.errors import MediaError
from stemline.media.probe import probe


@dataclass
class Collected:
    """Media files to queue, in a stable order, and what was left out (path, reason)."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def collect_inputs(paths: Iterable[Path], *, exclude: Iterable[Path] = (),
                   on_file: Callable[[Path], None] | None = None) -> Collected:
    """Expand ``paths`` into media files with an audio stream.

    Files named directly are kept even when probing fails (the job then fails with the file's
    own error, as a single-file run always did); files found inside folders are probed and
    skipped with a reason when they hold no audio. Hidden files and anything under ``exclude``
    (the output folder, so a re-run doesn't queue its own stems) are left out. Symlinks to
    folders are not followed (no loops).
    """
    out = Collected()
    excluded = [Path(os.path.realpath(e)) for e in exclude]
    seen: set[str] = set()

    def under_excluded(p: Path) -> bool:
        real = Path(os.path.realpath(p))
        return any(real == e or e in real.parents for e in excluded)

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for given in paths:
        given = Path(given)
        if not given.is_dir():
            add(given)
            continue
        for root, dirs, names in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                p = Path(root) / name
                if name.startswith("."):
                    out.skipped.append((p, "hidden file"))
                    continue
                if under_excluded(p):
                    out.skipped.append((p, "inside the output folder"))
                    continue
                if on_file is not None:
                    on_file(p)
                try:
                    info = probe(p)
                except MediaError as exc:
                    out.skipped.append((p, _reason(str(exc), p)))
                    continue
                if not info.has_audio:
                    out.skipped.append((p, "no audio stream"))
                    continue
                add(p)
    return out


def _reason(message: str, path: Path) -> str:
    """The probe's message without the path it starts with (the listing shows the path)."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message
