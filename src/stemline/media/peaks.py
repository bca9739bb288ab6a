"""Waveform min/max pyramid (Olive's audio mipmaps): build once streaming, cache, draw any zoom.

Level ``k`` holds one (min, max) pair per ``BASE * STEP**k`` mono samples. Drawing picks the
coarsest level that still gives at least one bin per pixel, then merges the bins of each pixel
column, so a view never hands pyqtgraph more than ``2 * (pixels + 3)`` points whatever the file
length. Below ``BASE`` samples per pixel the raw mono samples are used (kept as an int16 memmap in
the cache, 2 bytes per sample, and merged per column the same way), so the view zooms down to
single samples.

The cache key is a content hash (whole file when small, else size + three 1 MiB slices, the
``imohash`` trade-off): renaming or moving a file keeps its peaks, editing it invalidates them.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress

BASE = 64
STEP = 4
#: Bump when the on-disk layout changes: old cache entries are then simply not found.
CACHE_VERSION = 1
_FULL_HASH_LIMIT = 32 << 20
_SLICE = 1 << 20


def content_hash(path: str | os.PathLike[str]) -> str:
    """A stable hash of a file's bytes (sampled beyond 32 MiB so two-hour videos hash instantly)."""
    path = Path(path)
    size = path.stat().st_size
    h = hashlib.sha256(f"stemline-peaks-{CACHE_VERSION}-{size}".encode())
    with path.open("rb") as fh:
        if size <= _FULL_HASH_LIMIT:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        else:
            for offset in (0, size // 2 - _SLICE // 2, size - _SLICE):
                fh.seek(offset)
                h.update(fh.read(_SLICE))
    return h.hexdigest()[:32]


def _per_pixel(bins: np.ndarray, t: np.ndarray, start: float,
               pixel_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Merge the (min, max) bins that fall in one pixel column into one pair at its centre.

    The pyramid's level gives one to ``STEP`` bins per pixel; drawing more than one pair per
    column adds line segments the eye cannot see but the rasteriser pays for (three times the
    points at some zooms)."""
    if bins.shape[0] < 2 or pixel_s <= 0:
        return bins, t
    col = np.floor((t - start) / pixel_s)
    first = np.flatnonzero(np.diff(col)) + 1
    if first.size + 1 == bins.shape[0]:
        return bins, t  # already one bin per column
    first = np.concatenate(([0], first))
    merged = np.empty((first.size, 2), dtype=bins.dtype)
    merged[:, 0] = np.minimum.reduceat(bins[:, 0], first)
    merged[:, 1] = np.maximum.reduceat(bins[:, 1], first)
    return merged, start + (col[first] + 0.5) * pixel_s


@dataclass(frozen=True)
class Curve:
    """Points ready for ``PlotDataItem.setData(x, y)``; ``level`` -1 means raw samples."""

    x: np.ndarray
    y: np.ndarray
    level: int


class PeakPyramid:
    """Multi-resolution min/max of one mono signal.

    Attributes
    ----------
    sample_rate : samples per second of the source.
    frames : length of the source in samples.
    levels : ``levels[k]`` is float32 (n_bins, 2) of (min, max) per ``BASE * STEP**k`` samples.
    samples : raw samples (float32 array, or int16 memmap scaled by 1/32767; mono, or stereo
        (frames, 2) drawn as their mean), or None.
    peak : max |x| over the whole signal.
    """

    def __init__(self, sample_rate: float, frames: int, levels: list[np.ndarray],
                 samples: np.ndarray | None = None) -> None:
        self.sample_rate = float(sample_rate)
        self.frames = int(frames)
        self.levels = levels
        self.samples = samples
        self.peak = float(np.abs(levels[0]).max()) if levels and levels[0].size else 0.0

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate

    @staticmethod
    def factor(level: int) -> int:
        """Samples per bin at ``level`` (1 for the raw level -1)."""
        return 1 if level < 0 else BASE * STEP ** level

    def pick_level(self, start: float, end: float, pixels: int) -> int:
        """The coarsest level with at least one bin per pixel over [start, end] seconds."""
        spp = max(end - start, 0.0) * self.sample_rate / max(int(pixels), 1)
        if spp < BASE and self.samples is not None:
            return -1
        level = 0
        while level + 1 < len(self.levels) and self.factor(level + 1) <= spp:
            level += 1
        return level

    def curve(self, start: float, end: float, pixels: int) -> Curve:
        """Points to draw [start, end] seconds on ``pixels`` pixels (one bin margin each side)."""
        level = self.pick_level(start, end, pixels)
        pixel_s = (end - start) / max(int(pixels), 1)
        f = self.factor(level)
        sr = self.sample_rate
        if level < 0:
            assert self.samples is not None
            i0 = max(int(start * sr) - 1, 0)
            i1 = min(int(np.ceil(end * sr)) + 2, self.frames)
            chunk = self.samples[i0:max(i0, i1)]
            if chunk.ndim == 2:  # the stereo playback file: draw its mono mix
                y = chunk.mean(axis=1, dtype=np.float32)
            else:
                y = np.asarray(chunk, dtype=np.float32)
            if self.samples.dtype == np.int16:
                y *= np.float32(1 / 32767)
            x = np.arange(i0, i0 + y.size, dtype=np.float64) / sr
            if y.size > 2 * pixels:  # two or more samples per column: their min and max
                pairs, t = _per_pixel(np.stack([y, y], axis=1), x, start, pixel_s)
                return Curve(np.repeat(t, 2), pairs.reshape(-1), -1)
            return Curve(x, y, -1)
        data = self.levels[level]
        b0 = max(int(start * sr / f) - 1, 0)
        b1 = min(int(np.ceil(end * sr / f)) + 1, data.shape[0])
        chunk = data[b0:max(b0, b1)]
        t = (np.arange(b0, b0 + chunk.shape[0], dtype=np.float64) + 0.5) * (f / sr)
        chunk, t = _per_pixel(chunk, t, start, pixel_s)
        # Zig-zag min, max, min, max... one pair per pixel column: drawn as one connected line
        # this fills the envelope exactly like a column per pixel, with a single setData call.
        return Curve(np.repeat(t, 2), chunk.reshape(-1), level)

    # -- cache -------------------------------------------------------------------------------
    def save(self, npz_path: Path) -> None:
        """Write levels (the raw samples are already on disk next to it when cached)."""
        npz_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".npz", dir=npz_path.parent)
        os.close(fd)
        arrays: dict[str, np.ndarray] = {f"level_{k}": lvl for k, lvl in enumerate(self.levels)}
        arrays["sample_rate"] = np.asarray(self.sample_rate, np.float64)
        arrays["frames"] = np.asarray(self.frames, np.int64)
        np.savez(tmp, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds narrowly
        os.replace(tmp, npz_path)

    @classmethod
    def load(cls, npz_path: Path, raw_path: Path | None = None) -> PeakPyramid:
        with np.load(npz_path) as z:
            n = sum(1 for k in z.files if k.startswith("level_"))
            levels = [z[f"level_{k}"] for k in range(n)]
            sr, frames = float(z["sample_rate"]), int(z["frames"])
        samples = None
        if raw_path is not None and raw_path.exists() and frames:
            size = raw_path.stat().st_size
            if size == 2 * frames:  # int16 mono
                samples = np.memmap(raw_path, dtype=np.int16, mode="r", shape=(frames,))
            elif size == 4 * frames:  # int16 stereo (the playback file)
                samples = np.memmap(raw_path, dtype=np.int16, mode="r", shape=(frames, 2))
        return cls(sr, frames, levels, samples)


class PyramidBuilder:
    """Builds a :class:`PeakPyramid` from blocks of any size, in bounded memory.

    Parameters
    ----------
    sample_rate : of the blocks.
    raw_path : where to stream the int16 mono samples (None: keep float32 samples in memory,
        fine for short clips and tests).
    keep_samples : False keeps no raw samples at all (the caller attaches its own, e.g. the
        stereo playback file, to :attr:`PeakPyramid.samples`).
    """

    def __init__(self, sample_rate: float, raw_path: Path | None = None, *,
                 keep_samples: bool = True) -> None:
        self.sample_rate = sample_rate
        self._carry = np.zeros(0, np.float32)
        self._bins: list[np.ndarray] = []
        self._frames = 0
        self._raw_path = raw_path
        self._raw_tmp: Path | None = None
        self._raw_fh = None
        self._mem: list[np.ndarray] = []
        self._keep = keep_samples or raw_path is not None
        if raw_path is not None:
            raw_path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(suffix=".i16", dir=raw_path.parent)
            self._raw_tmp = Path(tmp)
            self._raw_fh = os.fdopen(fd, "wb")

    def add(self, block: np.ndarray) -> None:
        """Append (frames,) or (frames, channels) float samples; channels are averaged."""
        mono = block if block.ndim == 1 else block.mean(axis=1, dtype=np.float32)
        mono = np.asarray(mono, dtype=np.float32)
        self._frames += mono.shape[0]
        if self._raw_fh is not None:
            np.clip(mono * 32767.0, -32767, 32767).astype(np.int16).tofile(self._raw_fh)
        elif self._keep:
            self._mem.append(mono.copy())
        data = np.concatenate((self._carry, mono)) if self._carry.size else mono
        whole = data.shape[0] // BASE * BASE
        if whole:
            view = data[:whole].reshape(-1, BASE)
            self._bins.append(np.stack((view.min(axis=1), view.max(axis=1)), axis=1))
        self._carry = data[whole:].copy()

    def finish(self) -> PeakPyramid:
        if self._carry.size:
            self._bins.append(np.array([[self._carry.min(), self._carry.max()]], np.float32))
            self._carry = np.zeros(0, np.float32)
        level0 = np.concatenate(self._bins) if self._bins else np.zeros((0, 2), np.float32)
        levels = pyramid_levels(level0.astype(np.float32, copy=False))
        samples: np.ndarray | None
        if self._raw_fh is not None:
            self._raw_fh.close()
            assert self._raw_tmp is not None and self._raw_path is not None
            os.replace(self._raw_tmp, self._raw_path)
            samples = np.memmap(self._raw_path, dtype=np.int16, mode="r",
                                shape=(self._frames,)) if self._frames else None
        elif self._keep:
            samples = np.concatenate(self._mem) if self._mem else np.zeros(0, np.float32)
        else:
            samples = None
        return PeakPyramid(self.sample_rate, self._frames, levels, samples)

    def abort(self) -> None:
        if self._raw_fh is not None:
            self._raw_fh.close()
            if self._raw_tmp is not None:
                self._raw_tmp.unlink(missing_ok=True)


def pyramid_levels(level0: np.ndarray) -> list[np.ndarray]:
    """``level0`` (n_bins, 2) of (min, max) and every coarser level above it, down to one bin."""
    levels = [level0]
    while levels[-1].shape[0] > 1:
        prev = levels[-1]
        pad = (-prev.shape[0]) % STEP
        if pad:  # repeat the last bin: min/max are unchanged by duplicates
            prev = np.concatenate((prev, np.repeat(prev[-1:], pad, axis=0)))
        groups = prev.reshape(-1, STEP, 2)
        levels.append(np.stack((groups[:, :, 0].min(axis=1), groups[:, :, 1].max(axis=1)),
                               axis=1))
    return levels


def build_pyramid(blocks: Iterable[np.ndarray], sample_rate: float, *,
                  raw_path: Path | None = None, total_frames: int = 0,
                  progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> PeakPyramid:
    """Build from an iterable of blocks, reporting progress and honouring ``cancel`` per block."""
    report = progress or no_progress
    builder = PyramidBuilder(sample_rate, raw_path)
    done = 0
    try:
        for block in blocks:
            if cancel is not None:
                cancel.check()
            builder.add(block)
            done += block.shape[0]
            report(Progress("peaks", done / sample_rate, total_frames / sample_rate))
    except BaseException:
        builder.abort()
        raise
    return builder.finish()


def peaks_cache_dir() -> Path:
    from stemline.core.settings import cache_dir
    return cache_dir() / "peaks"


def load_or_build(path: str | os.PathLike[str], *, cache: Path | None = None,
                  sample_rate: int | None = None, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> PeakPyramid:
    """Peaks of a media file's first audio stream, from the cache when present.

    Parameters
    ----------
    path : any file :mod:`stemline.media.decode` reads.
    cache : directory of the cache (default ``cache_dir()/peaks``).
    sample_rate : decode rate (None: the file's own).
    """
    cache = cache or peaks_cache_dir()
    key = content_hash(path) + (f"-{sample_rate}" if sample_rate else "")
    npz, raw = cache / f"{key}.npz", cache / f"{key}.i16"
    if npz.exists():
        try:
            return PeakPyramid.load(npz, raw)
        except (OSError, ValueError, KeyError):
            npz.unlink(missing_ok=True)  # damaged entry: rebuild below
    from stemline.media.decode import iter_audio
    from stemline.media.probe import probe

    info = probe(path)
    if not info.audio:
        from stemline.core.errors import MediaError
        raise MediaError(f"{path} has no audio stream to draw")
    stream = info.audio[0]
    sr = sample_rate or stream.sample_rate
    total = int(info.duration * sr) if info.duration else 0
    pyramid = build_pyramid(iter_audio(path, sample_rate=sample_rate, cancel=cancel), sr,
                            raw_path=raw, total_frames=total, progress=progress, cancel=cancel)
    pyramid.save(npz)
    return pyramid


__all__ = ["BASE", "STEP", "Curve", "PeakPyramid", "PyramidBuilder", "build_pyramid",
           "pyramid_levels",
           "content_hash", "load_or_build", "peaks_cache_dir"]
