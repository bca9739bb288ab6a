"""Several models' voice estimates averaged into one, as UVR's ensemble mode does for karaoke.

``wave`` averages the waveforms (weighted). ``magnitude`` averages the STFT magnitudes and keeps
the phase of the averaged complex spectra, which keeps a model's confident bins from being
diluted by another's phase. The background is the mix minus the voice, so the stems add up.
"""
from __future__ import annotations

import numpy as np

from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from stemline.engine.separation.base import Separator

MODES = ("wave", "magnitude")
_N_FFT = 4096
_HOP = 1024


def parse_spec(spec: str) -> list[tuple[str, float]]:
    """``"a+b@2"`` -> [("a", 1.0), ("b", 2.0)]; ``@w`` is a model's weight (default 1)."""
    parts = []
    for item in spec.split("+"):
        name, _, weight = item.strip().partition("@")
        if not name:
            raise ValueError(f"empty model name in {spec!r}")
        try:
            w = float(weight) if weight else 1.0
        except ValueError:
            raise ValueError(f"weight {weight!r} of {name!r} isn't a number") from None
        if not w > 0:
            raise ValueError(f"weight of {name!r} must be positive")
        parts.append((name, w))
    return parts


class EnsembleSeparator:
    """Voice = weighted average of the members' voice estimates."""

    backend = "ensemble"

    def __init__(self, members: list[tuple[Separator, float]], mode: str = "wave") -> None:
        if len(members) < 2:
            raise ValueError("an ensemble needs two or more models")
        if mode not in MODES:
            raise ValueError(f"ensemble mode must be one of {', '.join(MODES)}")
        self.members = members
        self.mode = mode
        total = sum(w for _, w in members)
        self.weights = [w / total for _, w in members]
        self.name = "+".join(f"{m.name}@{w:g}" if w != 1 else m.name for m, w in members)
        self.device = members[0][0].device
        self.context_seconds = max(m.context_seconds for m, _ in members)

    def separate(self, audio: np.ndarray, sample_rate: int, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> dict[str, np.ndarray]:
        report = progress or no_progress
        mix = np.asarray(audio, dtype=np.float32)
        duration = len(mix) / sample_rate if sample_rate > 0 else 0.0
        voices = []
        for k, (member, _) in enumerate(self.members):
            def scaled(p: Progress, k: int = k) -> None:
                share = (k + p.fraction) / len(self.members)
                report(Progress("separate", duration * share, duration, "s", p.message))
            voices.append(member.separate(mix, sample_rate, progress=scaled,
                                          cancel=cancel)["voice"])
        if self.mode == "wave" or len(mix) < _N_FFT:
            voice = sum(w * v for w, v in zip(self.weights, voices))
        else:
            voice = _magnitude_average(voices, self.weights)
        voice = np.asarray(voice, dtype=np.float32)
        return {"voice": voice, "background": mix - voice}


def _magnitude_average(voices: list[np.ndarray], weights: list[float]) -> np.ndarray:
    import torch

    window = torch.hann_window(_N_FFT)
    shape = voices[0].shape
    n = shape[0]

    def spec(v: np.ndarray) -> torch.Tensor:
        frames = torch.from_numpy(np.ascontiguousarray(v.reshape(n, -1).T))
        return torch.stft(frames, _N_FFT, _HOP, window=window, return_complex=True)

    specs = [spec(v) for v in voices]
    magnitude = sum(w * s.abs() for w, s in zip(weights, specs))
    phase = torch.angle(sum(w * s for w, s in zip(weights, specs)))
    out = torch.istft(torch.polar(magnitude, phase), _N_FFT, _HOP, window=window, length=n)
    return out.T.numpy().reshape(shape)
