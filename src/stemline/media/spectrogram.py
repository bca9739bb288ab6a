"""Spectrogram mipmaps: built once by streaming, cached on disk, any zoom sliced in microseconds.

Level 0 has one column per ``HOP`` samples (21 ms at 48 kHz): ``BINS`` log-spaced bands from
40 Hz to 20 kHz, in dB mapped to uint8 (``FLOOR_DB``..0 dBFS). Level ``k`` keeps the maximum of
``STEP**k`` level-0 columns, so a view takes the coarsest level that still has a column per
pixel: a two-hour file is drawn from at most ``STEP * pixels`` columns whatever the zoom.
Memory: 2 h is 337k columns x 128 bytes = 43 MB at level 0, a third more for the others.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np

from stemline.core.atomic import atomic_path
from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress

N_FFT = 2048
HOP = 1024
BINS = 128
STEP = 4
FLOOR_DB = -100.0
F_LO, F_HI = 40.0, 20000.0
CACHE_VERSION = 1


def _band_matrix(sample_rate: float) -> np.ndarray:
    """(N_FFT//2+1, BINS) weights that average FFT bins into log-spaced bands (each band takes
    at least its nearest FFT bin, so low bands aren't empty)."""
    freqs = np.fft.rfftfreq(N_FFT, 1.0 / sample_rate)
    edges = np.geomspace(F_LO, min(F_HI, sample_rate / 2), BINS + 1)
    m = np.zeros((freqs.size, BINS), np.float32)
    for b in range(BINS):
        sel = (freqs >= edges[b]) & (freqs < edges[b + 1])
        if not sel.any():
            dist = np.abs(freqs - np.sqrt(edges[b] * edges[b + 1]))
            sel = dist == dist.min()
        m[sel, b] = 1.0 / sel.sum()
    return m


@dataclass(frozen=True)
class SpectrogramView:
    """What to draw: ``image`` (columns, BINS) uint8 covering ``start``..``end`` seconds."""

    image: np.ndarray
    start: float
    end: float
    level: int


class SpectrogramPyramid:
    """Levels of uint8 (columns, BINS) images of one signal."""

    def __init__(self, levels: list[np.ndarray], sample_rate: float) -> None:
        self.levels, self.sample_rate = levels, float(sample_rate)

    @property
    def seconds_per_column(self) -> float:
        return HOP / self.sample_rate

    def view(self, start: float, end: float, pixels: int) -> SpectrogramView:
        """The columns covering ``start``..``end`` at about one (to STEP) per pixel."""
        span = max(end - start, 1e-9)
        per_px = span / max(pixels, 1) / self.seconds_per_column  # level-0 columns per pixel
        level = 0
        while level + 1 < len(self.levels) and STEP ** (level + 1) <= per_px:
            level += 1
        col = self.seconds_per_column * STEP ** level
        img = self.levels[level]
        a = max(0, int(np.floor(start / col)))
        b = min(img.shape[0], int(np.ceil(end / col)) + 1)
        if b <= a:
            return SpectrogramView(img[:0], start, start, level)
        return SpectrogramView(img[a:b], a * col, b * col, level)

    def save(self, path: Path) -> None:
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:
            np.savez(fh, sample_rate=self.sample_rate, version=CACHE_VERSION,
                     **{f"level{i}": lv for i, lv in enumerate(self.levels)})

    @classmethod
    def load(cls, path: Path) -> SpectrogramPyramid:
        with np.load(path) as z:  # allow_pickle stays False: nothing in the file runs
            if int(z["version"]) != CACHE_VERSION:
                raise ValueError("old spectrogram cache layout")
            n = sum(1 for k in z.files if k.startswith("level"))
            return cls([z[f"level{i}"] for i in range(n)], float(z["sample_rate"]))


def build_spectrogram(blocks: Iterable[np.ndarray], sample_rate: float, *, total_frames: int = 0,
                      progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None) -> SpectrogramPyramid:
    """Stream mono-mixed blocks through the STFT (memory: one block plus the image)."""
    report = progress or no_progress
    window = np.hanning(N_FFT).astype(np.float32)
    bands = _band_matrix(sample_rate)
    # dB of a full-scale sine in a band is about 0 after this normalisation
    norm = 2.0 / window.sum()
    carry = np.zeros(0, np.float32)
    columns: list[np.ndarray] = []
    done = 0
    for block in blocks:
        if cancel is not None:
            cancel.check()
        x = np.asarray(block, np.float32)
        mono = x.mean(axis=1) if x.ndim == 2 else x
        if mono.dtype != np.float32:
            mono = mono.astype(np.float32)
        carry = np.concatenate([carry, mono])
        n = (carry.size - N_FFT) // HOP + 1 if carry.size >= N_FFT else 0
        if n > 0:
            frames = np.lib.stride_tricks.sliding_window_view(carry, N_FFT)[::HOP][:n]
            mag = np.abs(np.fft.rfft(frames * window, axis=1)).astype(np.float32) * norm
            power = (mag * mag) @ bands
            db = 10.0 * np.log10(np.maximum(power, 1e-12))
            columns.append(np.clip((db - FLOOR_DB) * (255.0 / -FLOOR_DB), 0, 255)
                           .astype(np.uint8))
            carry = carry[n * HOP:]
        done += x.shape[0]
        report(Progress("spectrogram", done / sample_rate, total_frames / sample_rate))
    base = np.concatenate(columns) if columns else np.zeros((0, BINS), np.uint8)
    levels = [base]
    while levels[-1].shape[0] > STEP * 64:
        lv = levels[-1]
        k = lv.shape[0] // STEP * STEP
        pooled = lv[:k].reshape(-1, STEP, BINS).max(axis=1)
        if k < lv.shape[0]:
            pooled = np.concatenate([pooled, lv[k:].max(axis=0, keepdims=True)])
        levels.append(pooled)
    return SpectrogramPyramid(levels, sample_rate)


def spectrogram_of(audio: np.ndarray, sample_rate: int, key: str, cache: Path, *,
                   progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> SpectrogramPyramid:
    """The spectrogram of a lane's playback buffer (int16 or float (frames, 2)), from the cache
    when there (``key``: the lane's content hash)."""
    path = cache / f"{key}-spec{CACHE_VERSION}.npz"
    if path.exists():
        try:
            return SpectrogramPyramid.load(path)
        except (OSError, ValueError, KeyError):
            path.unlink(missing_ok=True)
    scale = np.float32(1 / 32767) if audio.dtype == np.int16 else np.float32(1)

    def blocks() -> Iterable[np.ndarray]:
        for i in range(0, audio.shape[0], 1 << 18):
            yield np.asarray(audio[i:i + (1 << 18)], np.float32) * scale
    pyramid = build_spectrogram(blocks(), sample_rate, total_frames=audio.shape[0],
                                progress=progress, cancel=cancel)
    cache.mkdir(parents=True, exist_ok=True)
    pyramid.save(path)
    return pyramid
