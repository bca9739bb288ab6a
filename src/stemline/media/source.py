"""Opening source files with PyAV, and turning PyAV's errors into one-line :class:`MediaError`s."""
from __future__ import annotations

import os
from pathlib import Path

import av
from av.container import InputContainer

from stemline.core.errors import MediaError

# Formats FFmpeg will "open" that are not audio/video a user could mean (text, subtitles, art).
_NOT_MEDIA_FORMATS = frozenset(
    {"tty", "srt", "ass", "webvtt", "microdvd", "subviewer", "subviewer1", "jacosub", "mpl2", "pjs",
     "realtext", "sami", "stl", "vplayer", "aqtitle", "lrc", "ffmetadata", "bin", "sbg"}
)


_RAW_STREAM_FORMATS = {".aac": "aac", ".mp3": "mp3", ".ac3": "ac3", ".amr": "amr"}


def one_line(exc: BaseException) -> str:
    """Return the exception's text on one line, without PyAV's errno and file-name noise.

    The caller's message already starts with the path, so PyAV's repeat of it is dropped.
    """
    if isinstance(exc, av.FFmpegError) and exc.strerror:
        text = str(exc.strerror)
    else:
        text = str(exc)
    text = " ".join(text.split()) or type(exc).__name__
    return text[:300]


def check_file(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as a :class:`Path` after checking it names an existing, non-empty regular file.

    Raises
    ------
    MediaError
        If the path is missing, a directory or empty.
    """
    p = Path(path)
    if not p.exists():
        raise MediaError(f"{p}: file not found")
    if p.is_dir():
        raise MediaError(f"{p}: is a folder, not a media file")
    if not p.is_file():
        raise MediaError(f"{p}: not a regular file")
    if p.stat().st_size == 0:
        raise MediaError(f"{p}: empty file")
    return p


def open_input(path: str | os.PathLike[str]) -> tuple[Path, InputContainer]:
    """Open ``path`` for demuxing; the caller closes the container.

    Raises
    ------
    MediaError
        If the file is missing or FFmpeg can't recognise it as media.
    """
    p = check_file(path)
    try:
        # metadata_errors="ignore": a badly encoded tag must not make a playable file unreadable.
        try:
            container = av.open(str(p), mode="r", metadata_errors="ignore")
        except av.FFmpegError:
            # Raw streams carry no header: FFmpeg's probe can miss a very short one, which the
            # extension still names.
            hint = _RAW_STREAM_FORMATS.get(p.suffix.lower())
            if hint is None:
                raise
            container = av.open(str(p), mode="r", format=hint, metadata_errors="ignore")
    except av.FFmpegError as exc:
        raise MediaError(
            f"{p}: not a readable media file: damaged, truncated or of an unknown kind ({one_line(exc)})"
        ) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise MediaError(f"{p}: can't be opened ({one_line(exc)})") from exc
    if container.format.name in _NOT_MEDIA_FORMATS or not (container.streams.audio or container.streams.video):
        container.close()
        raise MediaError(f"{p}: not a media file (no audio or video stream)")
    return p, container
