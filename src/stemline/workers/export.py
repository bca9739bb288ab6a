"""Exporting what the editor plays: the mix, the video with its new soundtrack, or the stems.

The mix comes from the playback engine itself, run offline over the whole timeline at the
listening block size (its ducking and voice gate move per block), so an export is exactly what
the user heard, every control included; only the final speaker-protection clip is replaced by
the export path's limiter.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from stemline.core.errors import OutputError
from stemline.core.mixer import Limiter
from stemline.core.progress import CancelToken, Progress
from stemline.playback.engine import PlaybackEngine
from stemline.playback.mix import KINDS, MixParams
from stemline.workers.base import Worker

EXPORT_KINDS = ("video", "audio", "stems")
#: Blocks handed to writers at once (the engine still mixes at its own block size).
_CHUNK_BLOCKS = 128


def iter_mix(sources: dict[str, np.ndarray], params: MixParams, sample_rate: int, frames: int, *,
             blocksize: int = 512, cancel: CancelToken | None = None,
             progress: Any = None) -> Iterator[np.ndarray]:
    """The mix as float32 (frames, 2) chunks, exactly ``frames`` long, limited, from time 0."""
    engine = PlaybackEngine(sample_rate, blocksize, clip=False)
    engine.set_sources(sources)
    engine.set_params(params)
    engine.seek(0.0)
    engine.speed = 1
    limiter = Limiter(sample_rate)
    chunk = np.zeros((blocksize * _CHUNK_BLOCKS, 2), np.float32)
    done = 0
    while done < frames:
        if cancel is not None:
            cancel.check()
        n = min(len(chunk), frames - done)
        for a in range(0, n, blocksize):
            b = min(n, a + blocksize)
            engine.render(chunk[a:b])
        done += n
        if progress is not None:
            progress(Progress("export", done / sample_rate, frames / sample_rate))
        yield limiter.process(chunk[:n])


def solo(params: MixParams, kind: str) -> MixParams:
    """The same mix with only ``kind`` audible: a post-fader stem."""
    mats = np.zeros_like(params.matrices)
    i = KINDS.index(kind)
    mats[i] = params.matrices[i]
    return replace(params, matrices=mats)


class ExportWorker(Worker):
    """Write ``target``: a video (copied picture + new audio), an audio mix, or a stems folder."""

    title = "Exporting"

    def __init__(self, kind: str, target: Path, sources: dict[str, np.ndarray], params: MixParams,
                 *, sample_rate: int, frames: int, media: Path | None,
                 blocksize: int = 512) -> None:
        super().__init__()
        if kind not in EXPORT_KINDS:
            raise ValueError(f"export kind must be one of {EXPORT_KINDS}, not {kind!r}")
        self.kind, self.target, self.media = kind, Path(target), media
        # The sources are read-only arrays (memory maps) shared with playback; the params an
        # immutable snapshot: nothing the user does meanwhile changes this export.
        self.sources, self.params = dict(sources), params
        self.sample_rate, self.frames, self.blocksize = sample_rate, frames, blocksize

    def _mix(self, params: MixParams) -> Iterator[np.ndarray]:
        return iter_mix(self.sources, params, self.sample_rate, self.frames,
                        blocksize=self.blocksize, cancel=self.cancel_token, progress=self.report)

    def work(self) -> list[Path]:
        from stemline.media.encode import AudioWriter, ensure_not_source

        sources = [self.media] if self.media else []
        if self.kind == "video":
            from stemline.media.mux import mux_audio

            if self.media is None:
                raise OutputError(f"{self.target}: this project has no video to put the new soundtrack on")
            ensure_not_source(self.target, sources)
            out = mux_audio(self.media, self.target, self._mix(self.params),
                            sample_rate=self.sample_rate, duration=self.frames / self.sample_rate,
                            cancel=self.cancel_token)
            return [Path(out)]
        if self.kind == "audio":
            fmt = _format_for(self.target)
            with AudioWriter(self.target, self.sample_rate, 2, fmt, sources=sources) as w:
                for block in self._mix(self.params):
                    w.write(block)
            return [self.target]
        self.target.mkdir(parents=True, exist_ok=True)
        written = []
        for kind in ("voice", "background", "foley"):
            if kind not in self.sources or not self.params.matrices[KINDS.index(kind)].any():
                continue  # absent, muted, or silenced by a solo elsewhere
            path = self.target / f"{kind}.wav"
            with AudioWriter(path, self.sample_rate, 2, "wav", bit_depth=24, sources=sources) as w:
                for block in self._mix(solo(self.params, kind)):
                    w.write(block)
            written.append(path)
        if not written:
            raise OutputError(f"{self.target}: nothing to export, every track is empty or muted")
        return written


def _format_for(path: Path) -> str:
    from stemline.media.encode import AUDIO_SUFFIXES

    fmt = AUDIO_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(f"{path}: choose one of {', '.join(sorted(AUDIO_SUFFIXES))} for an audio export")
    return fmt
