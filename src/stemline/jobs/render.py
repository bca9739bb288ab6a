"""The one offline renderer: ``(project, sources) -> blocks`` through the playback kernel.

Editor export, ``stemline process``, ``stemline export``, ``stemline foley`` and the Python API
all render here; live playback runs the same :class:`~stemline.core.mixer.MixKernel` per
callback. The kernel's look-ahead is dropped at the start and flushed at the end, so the result
starts on the picture's time 0 and is exactly ``frames`` long. Sources are read front to back
(nothing is loaded whole): stems and the source media are decoded as they go, the Foley track is
rendered from the events as it goes.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

import numpy as np

from stemline.core.errors import MediaError
from stemline.core.mixer import SOURCES, MixKernel, MixParams
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.core.project import Project
from stemline.engine.foley.library import SAMPLE_RATE
from stemline.engine.foley.render import FoleyRenderer, event_sounds
from stemline.media.decode import iter_audio

#: Frames per kernel call offline (any size gives the same samples).
BLOCK = 4096
_I16 = 1.0 / 32767.0


class BlockSource(Protocol):
    def read(self, n: int) -> np.ndarray:
        """The next ``n`` stereo frames (zeros past the end)."""


class ArraySource:
    """An array in memory or memory-mapped (float, or int16 scaled by 1/32767 like playback)."""

    def __init__(self, audio: np.ndarray) -> None:
        self.audio, self._pos = audio, 0

    def read(self, n: int) -> np.ndarray:
        block = self.audio[self._pos:self._pos + n]
        self._pos += n
        out = np.zeros((n, 2), np.float32)
        if block.dtype == np.int16:
            out[:len(block)] = block * np.float32(_I16)
        elif len(block):
            frames = block if block.ndim == 2 else block[:, None]  # mono broadcasts to both
            out[:len(block)] = frames[:, :2]
        return out


class FileSource:
    """A media file's first audio stream, decoded as it is read, at the render's rate, stereo."""

    def __init__(self, path: str | Path, sample_rate: int = SAMPLE_RATE, *,
                 cancel: CancelToken | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise MediaError(f"{self.path}: not found (a stem or source of the project)")
        self._blocks = iter_audio(self.path, sample_rate=sample_rate, channels=2,
                                  block_frames=65536, cancel=cancel)
        self._held = np.zeros((0, 2), np.float32)

    def read(self, n: int) -> np.ndarray:
        parts, have = [self._held], len(self._held)
        while have < n:
            nxt = next(self._blocks, None)
            if nxt is None:
                parts.append(np.zeros((n - have, 2), np.float32))
                break
            parts.append(nxt)
            have += len(nxt)
        buf = np.concatenate(parts) if len(parts) > 1 else parts[0]
        out, self._held = buf[:n], buf[n:]
        return out


def project_frames(project: Project, sample_rate: int = SAMPLE_RATE) -> int:
    return int(round(project.duration * sample_rate))


def has_audio(project: Project, kind: str,
              arrays: Mapping[str, np.ndarray] | None = None) -> bool:
    """Whether track ``kind`` has anything to play: a buffer, Foley events with sounds, or a
    file (:func:`open_sources` opens exactly these)."""
    if arrays and kind in arrays:
        return True
    if kind == "foley" and any(e.sound for e in project.events):
        return True
    return bool(project.media_path if kind == "original" else project.track(kind).source)


def has_stems(project: Project, arrays: Mapping[str, np.ndarray] | None = None) -> bool:
    """Separated stems exist (then the Original lane is only a reference)."""
    return has_audio(project, "voice", arrays) or has_audio(project, "background", arrays)


def open_sources(project: Project, params: MixParams, *, sample_rate: int = SAMPLE_RATE,
                 arrays: Mapping[str, np.ndarray] | None = None,
                 cancel: CancelToken | None = None) -> dict[str, BlockSource]:
    """Fresh readers for the tracks ``params`` lets through (and the voice, which keys the
    ducking even when only the background is rendered).

    The Foley track is rendered from the events when any has a sound; otherwise it is the Foley
    track's file (a generator's output). ``arrays`` replaces files by buffers already in memory
    (the editor's playback buffers).
    """
    arrays = arrays or {}
    frames = project_frames(project, sample_rate)
    out: dict[str, BlockSource] = {}
    for kind in SOURCES:
        if kind == "ambience":  # the background's ambience part, when it was split
            needed = params.audible("background") and params.ambience_gain is not None
            path = project.track("background").ambience_source
        else:
            needed = params.audible(kind) or (kind == "voice" and params.ducking > 0)
            path = project.media_path if kind == "original" else project.track(kind).source
        if not needed:
            continue
        if kind in arrays:
            out[kind] = ArraySource(arrays[kind])
            continue
        if kind == "foley":
            sounds = event_sounds(project)
            if sounds:  # a 5.1 mix places each sound across left-centre-right
                out[kind] = FoleyRenderer(sounds, frames, sample_rate=sample_rate,
                                          channels=3 if params.layout == "5.1" else 2)
                continue
        if path:
            out[kind] = FileSource(path, sample_rate, cancel=cancel)
    return out


def render_blocks(params: MixParams, sources: Mapping[str, BlockSource], frames: int, *,
                  sample_rate: int = SAMPLE_RATE, block: int = BLOCK,
                  cancel: CancelToken | None = None, progress: ProgressCallback | None = None,
                  stage: str = "mix") -> Iterator[np.ndarray]:
    """The mix as float32 (n, channels) blocks, exactly ``frames`` in all, from time 0."""
    kernel = MixKernel(sample_rate, params)
    skip = kernel.latency  # look-ahead frames at the start, flushed with silence at the end
    done_in, done_out = 0, 0
    out = np.zeros((block, kernel.channels), np.float32)
    while done_out < frames:
        if cancel is not None:
            cancel.check()
        n = block
        inputs: list[np.ndarray | None] = [None] * len(SOURCES)
        if done_in < frames:
            n = min(block, frames - done_in)
            for kind, src in sources.items():
                inputs[SOURCES.index(kind)] = src.read(n)
        kernel.process(inputs, out[:n])
        done_in += n
        y = out[:n]
        if skip:
            cut = min(skip, n)
            y, skip = y[cut:], skip - cut
        y = y[:frames - done_out]
        if len(y):
            done_out += len(y)
            yield y.copy()
            if progress is not None:
                progress(Progress(stage, done_out / sample_rate, frames / sample_rate, "s"))


def render_project(project: Project, params: MixParams | None = None, *,
                   sample_rate: int = SAMPLE_RATE, block: int = BLOCK,
                   arrays: Mapping[str, np.ndarray] | None = None,
                   cancel: CancelToken | None = None, progress: ProgressCallback | None = None,
                   stage: str = "mix") -> Iterator[np.ndarray]:
    """:func:`render_blocks` of ``project`` (its own mix unless ``params`` is given)."""
    if params is None:
        params = MixParams.from_project(project, has_stems=has_stems(project, arrays))
    sources = open_sources(project, params, sample_rate=sample_rate, arrays=arrays, cancel=cancel)
    return render_blocks(params, sources, project_frames(project, sample_rate),
                         sample_rate=sample_rate, block=block, cancel=cancel, progress=progress,
                         stage=stage)

