"""STFT helpers and model-rate conversion shared by the separation backends."""
from __future__ import annotations

import numpy as np
import soxr
import torch


def stft(x: torch.Tensor, n_fft: int, hop: int, window: torch.Tensor) -> torch.Tensor:
    """(channels, samples) -> (channels, bins, frames) complex, centred frames, zero padding."""
    return torch.stft(x, n_fft=n_fft, hop_length=hop, window=window, center=True,
                      pad_mode="constant", return_complex=True)


def istft(spec: torch.Tensor, n_fft: int, hop: int, window: torch.Tensor, length: int) -> torch.Tensor:
    """Inverse of :func:`stft`, trimmed or padded to exactly ``length`` samples."""
    return torch.istft(spec, n_fft=n_fft, hop_length=hop, window=window, center=True, length=length)


def to_model_rate(audio: np.ndarray, rate: int, model_rate: int) -> np.ndarray:
    """Resample (frames, channels) to the model's rate; soxr's batch mode is zero-delay."""
    if rate == model_rate:
        return np.ascontiguousarray(audio, dtype=np.float32)
    return soxr.resample(audio, rate, model_rate, quality="HQ").astype(np.float32, copy=False)


def from_model_rate(audio: np.ndarray, model_rate: int, rate: int, frames: int) -> np.ndarray:
    """Back to the source rate, with exactly ``frames`` samples so stems line up with the source."""
    if rate != model_rate:
        audio = soxr.resample(audio, model_rate, rate, quality="HQ")
    audio = np.asarray(audio, dtype=np.float32)
    if len(audio) >= frames:
        return audio[:frames]
    return np.pad(audio, ((0, frames - len(audio)), (0, 0)))
