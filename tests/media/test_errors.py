"""Bad input gives one MediaError line that names the file, from probe and from decode alike."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stemline.core.errors import MediaError
from stemline.media import iter_audio, probe, read_audio, require_audio

from .makers import Spec, write_media, write_video_only


def _not_media(tmp: Path) -> Path:
    p = tmp / "notes.mp4"
    p.write_text("This is a shopping list, not a film.\n" * 40)
    return p


def _half(p: Path) -> Path:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    return p


def _truncated_mp4(tmp: Path) -> Path:
    p = tmp / "cut.mp4"  # FFmpeg's mp4 muxer writes the moov atom last: half a file has none
    write_media(p, Spec("mp4", "mp4", "mp4", "aac", video_codec="libx264"))
    return _half(p)


def _truncated_wav(tmp: Path) -> Path:
    p = tmp / "cut.wav"  # header still promises 1.5 s
    write_media(p, Spec("wav", "wav", "wav", "pcm_s16le"))
    return _half(p)


def _truncated_flac(tmp: Path) -> Path:
    p = tmp / "cut.flac"  # STREAMINFO still promises 1.5 s
    write_media(p, Spec("flac", "flac", "flac", "flac"))
    return _half(p)


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere" / "ghost.mkv"


def _directory(tmp: Path) -> Path:
    d = tmp / "folder.mp4"
    d.mkdir()
    return d


def _empty(tmp: Path) -> Path:
    p = tmp / "empty.wav"
    p.touch()
    return p


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "not_media": (_not_media, "not"),
    "truncated_mp4": (_truncated_mp4, "truncated"),
    "truncated_wav": (_truncated_wav, "truncated"),
    "truncated_flac": (_truncated_flac, "truncated"),
    "missing": (_missing, "not found"),
    "directory": (_directory, "folder"),
    "empty": (_empty, "empty"),
}


def _check(exc: pytest.ExceptionInfo[MediaError], path: Path, word: str) -> None:
    msg = str(exc.value)
    assert str(path) in msg
    assert "\n" not in msg
    assert word in msg.lower()


@pytest.mark.parametrize("kind", list(BAD))
def test_probe_rejects(kind: str, tmp_path: Path) -> None:
    make, word = BAD[kind]
    path = make(tmp_path)
    with pytest.raises(MediaError) as exc:
        probe(path)
    _check(exc, path, word)


@pytest.mark.parametrize("kind", list(BAD))
def test_decode_rejects(kind: str, tmp_path: Path) -> None:
    make, word = BAD[kind]
    path = make(tmp_path)
    with pytest.raises(MediaError) as exc:
        next(iter_audio(path))
    _check(exc, path, word)


def test_video_only(tmp_path: Path) -> None:
    path = tmp_path / "silent film.mp4"
    write_video_only(path)
    info = probe(path)  # describing a video-only file is fine...
    assert info.has_video and not info.has_audio and info.duration == pytest.approx(1.0, abs=0.1)
    with pytest.raises(MediaError) as exc:  # ...asking it for audio is not
        read_audio(path)
    _check(exc, path, "no audio stream")
    with pytest.raises(MediaError) as exc:
        require_audio(info)
    _check(exc, path, "no audio stream")
    with pytest.raises(MediaError) as exc:
        probe(path, require_audio=True)
    _check(exc, path, "no audio stream")


def test_source_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "clip.m4a"
    write_media(path, Spec("m4a", "m4a", "ipod", "aac"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_audio(path)
    probe(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
