"""A lane's audio for the editor: one decode gives the waveform pyramid and the playback file.

Playback reads a stereo int16 file memory-mapped from the cache (4 bytes a frame: 1.4 GB for two
hours at 48 kHz) instead of float32 arrays in RAM, so long files play without loading them, and a
second open of the same content needs no decoding at all. The same file serves the sample-level
zoom of the waveform.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np

from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from stemline.media.peaks import PeakPyramid, PyramidBuilder, content_hash, peaks_cache_dir


def _open_pcm(path: Path, frames: int) -> np.ndarray:
    if frames == 0:
        return np.zeros((0, 2), np.int16)
    return np.memmap(path, dtype=np.int16, mode="r", shape=(frames, 2))


def load_lane_audio(path: str | os.PathLike[str], sample_rate: int, *,
                    cache: Path | None = None, progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> tuple[np.ndarray, PeakPyramid]:
    """``(pcm, pyramid)`` for a media file's first audio stream at ``sample_rate``.

    ``pcm`` is int16 (frames, 2), memory-mapped read-only; scale by 1/32767 for float.
    Both come from the cache (keyed by content hash and rate) when present.
    """
    from stemline.media.decode import iter_audio
    from stemline.media.probe import probe

    cache = cache or peaks_cache_dir()
    key = f"{content_hash(path)}-{int(sample_rate)}"
    npz, pcm_path = cache / f"{key}.npz", cache / f"{key}.pcm16"
    if npz.exists() and pcm_path.exists():
        try:
            pyramid = PeakPyramid.load(npz, pcm_path)
            if pyramid.samples is not None and pyramid.samples.ndim == 2:
                return pyramid.samples, pyramid
        except (OSError, ValueError, KeyError):
            pass  # damaged entry: decode again below
    info = probe(path)
    total = int(info.duration * sample_rate) if info.duration else 0
    report = progress or no_progress
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".pcm16", dir=cache)
    tmp = Path(tmp_name)
    builder = PyramidBuilder(sample_rate, keep_samples=False)
    frames = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for block in iter_audio(path, sample_rate=int(sample_rate), channels=2,
                                    cancel=cancel):
                if cancel is not None:
                    cancel.check()
                builder.add(block)
                np.clip(block * 32767.0, -32767, 32767).astype(np.int16).tofile(fh)
                frames += block.shape[0]
                report(Progress("decode", frames / sample_rate, total / sample_rate))
        os.replace(tmp, pcm_path)
    except BaseException:
        builder.abort()
        tmp.unlink(missing_ok=True)
        raise
    pyramid = builder.finish()
    pyramid.samples = _open_pcm(pcm_path, frames)
    pyramid.save(npz)
    return pyramid.samples, pyramid
