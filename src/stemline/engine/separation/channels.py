"""Channel and rate plumbing shared by the separation backends: models take fixed channel groups
(stereo) at their own rate, while files come with any layout and rate.
"""
from __future__ import annotations

import numpy as np


def as_frames(audio: np.ndarray, sample_rate: int) -> tuple[np.ndarray, np.ndarray]:
    """(the input as float32, the same viewed as (frames, channels)): what every separator
    checks first. A 1-D array is mono."""
    mix = np.asarray(audio, dtype=np.float32)
    if mix.ndim not in (1, 2):
        raise ValueError(f"audio must be shaped (frames, channels), got {mix.shape}")
    if sample_rate <= 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate}")
    return mix, (mix[:, None] if mix.ndim == 1 else mix)


def at_rate(frames: np.ndarray, rate: int, target: int) -> np.ndarray:
    """(frames, channels) float32 resampled from ``rate`` to ``target`` (a no-op when equal)."""
    if rate == target:
        return np.ascontiguousarray(frames, dtype=np.float32)
    import soxr

    return np.ascontiguousarray(soxr.resample(frames, rate, target, quality="HQ"), dtype=np.float32)


def to_batch(frames: np.ndarray, model_channels: int) -> np.ndarray:
    """(frames, channels) -> (groups, model_channels, frames), channels taken in groups.

    A short last group (mono input, the odd channel of 5.1) is filled by repeating its
    channels, which is how demucs.audio.convert_audio makes stereo from mono.
    """
    n_frames, n_channels = frames.shape
    groups = []
    for start in range(0, n_channels, model_channels):
        group = frames[:, start:start + model_channels]
        if group.shape[1] < model_channels:
            take = [i % group.shape[1] for i in range(model_channels)]
            group = group[:, take]
        groups.append(group.T)
    return np.ascontiguousarray(np.stack(groups), dtype=np.float32)


def from_batch(batch: np.ndarray, n_channels: int) -> np.ndarray:
    """Inverse of :func:`to_batch`: (groups, model_channels, frames) -> (frames, n_channels)."""
    groups, model_channels, n_frames = batch.shape
    out = np.empty((n_frames, n_channels), dtype=np.float32)
    for group in range(groups):
        start = group * model_channels
        real = min(model_channels, n_channels - start)
        if real == 1 and model_channels > 1:
            # Both halves of a duplicated channel estimate the same signal: average them.
            out[:, start] = batch[group].mean(axis=0)
        else:
            out[:, start:start + real] = batch[group, :real].T
    return out


def fit_length(frames: np.ndarray, n_frames: int) -> np.ndarray:
    """Trim or zero-pad (frames, channels) to exactly ``n_frames`` after a resample."""
    if frames.shape[0] >= n_frames:
        return np.ascontiguousarray(frames[:n_frames])
    pad = np.zeros((n_frames - frames.shape[0], frames.shape[1]), dtype=frames.dtype)
    return np.concatenate([frames, pad])
