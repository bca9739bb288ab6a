"""Voice/background separation with Meta's demucs models.

The weights are found and loaded by :mod:`stemline.engine.separation.demucs_weights` (local
folders, download caches, a download only when a host answers); this module only separates.
torch and demucs are imported inside functions: importing them takes over a second, and
neither the module import nor the offline failure should pay for that.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.engine.device import pick_device
from stemline.engine.separation.channels import at_rate, fit_length, from_batch, to_batch
from stemline.engine.separation.demucs_weights import load_model
from stemline.engine.separation.stem_model import StemModel

__all__ = ["DemucsSeparator"]

_VOICE_SOURCE = "vocals"


class DemucsSeparator(StemModel):
    """A demucs model that splits audio into voice and background.

    Parameters
    ----------
    model_name : str
        ``"htdemucs"``, ``"htdemucs_ft"``, ``"mdx_extra"``, any other demucs model name,
        or the signature of a model in ``model_dir``.
    device : str
        ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:N"`` or ``"mps"`` (see
        :func:`stemline.engine.device.pick_device`).
    model_dir : pathlib.Path or None
        Folder laid out as a demucs local repo. When given, nothing else is searched.
    shifts : int
        Number of random time shifts averaged by demucs (0 disables the shift trick;
        each one costs a full extra pass).
    overlap : float
        Overlap between demucs's internal segments, in ``[0, 1)``.

    Attributes
    ----------
    name : str
        The model name as given.
    device : str
        The torch device the model runs on.
    sample_rate : int
        The model's own rate; other rates are resampled on the way in and out.
    context_seconds : float
        Seconds of extra audio a caller should give a chunk on each side (and then drop)
        so that chunks separated one by one join without audible seams.
    sources : tuple of str
        The stems the model predicts; must contain ``"vocals"``.

    Raises
    ------
    ModelUnavailable
        If the weights aren't installed and can't be downloaded, or fail to load.
    stemline.engine.device.DeviceUnavailable
        If ``device`` names a device this machine lacks.
    """

    backend = "demucs"

    def __init__(self, model_name: str = "htdemucs", *, device: str = "auto",
                 model_dir: Path | None = None, shifts: int = 1,
                 overlap: float = 0.25) -> None:
        if shifts < 0:
            raise ValueError(f"shifts must be >= 0, got {shifts}")
        if not 0.0 <= overlap < 1.0:
            raise ValueError(f"overlap must be in [0, 1), got {overlap}")
        self.name = model_name
        self.shifts = int(shifts)
        self.overlap = float(overlap)

        # Weights first: offline without them is the common failure and must stay fast,
        # while resolving "auto" already imports torch.
        model = load_model(model_name, Path(model_dir) if model_dir is not None else None)
        self.device = pick_device(device)
        if _VOICE_SOURCE not in model.sources:
            raise ModelUnavailable(
                f"Demucs model {model_name!r} predicts {list(model.sources)}, which has no "
                f"{_VOICE_SOURCE!r} stem: choose a model that separates vocals.")
        model.to(self.device)
        model.eval()
        self._model = model
        self.sources: tuple[str, ...] = tuple(model.sources)
        self.sample_rate = int(model.samplerate)
        self._audio_channels = int(model.audio_channels)
        self._voice_index = self.sources.index(_VOICE_SOURCE)
        # demucs fades each internal segment in and out and pads a chunk's ends with silence,
        # so output near a cut is guessed from too little audio. Half a segment of context
        # covers that for htdemucs (~3.9 s); longer-segment models are capped so chunks stay
        # cheap, and the floor keeps tiny-segment models from seaming.
        self.context_seconds = float(min(5.0, max(2.0, self._max_segment_seconds() / 2)))

    # separate() is StemModel's: demucs's vocals are the primary stem, and the background is
    # the exact residual (compensation 1), so the two add back to the input.

    def _primary(self, frames: np.ndarray, sample_rate: int, duration: float,
                 report: ProgressCallback, cancel: CancelToken | None) -> np.ndarray:
        """Return the voice stem of ``frames`` (frames, channels) at the input rate."""
        import torch
        from demucs.apply import apply_model

        n_frames, n_channels = frames.shape
        at_model_rate = at_rate(frames, sample_rate, self.sample_rate)
        batch = to_batch(at_model_rate, self._audio_channels)  # (groups, model_ch, length)

        mix = torch.from_numpy(batch)
        # Same normalisation as demucs.api.Separator, per channel group; population std so
        # that a one-frame chunk doesn't divide by NaN.
        ref = mix.mean(dim=1, keepdim=True)
        mean = ref.mean(dim=-1, keepdim=True)
        std = ref.std(dim=-1, keepdim=True, correction=0) + 1e-8

        total_passes = self._expected_passes(mix.shape[-1])
        done_passes = 0

        def on_event(event: dict[str, Any]) -> None:
            # demucs calls this around every model forward (each segment, shift and bag
            # member); raising here aborts apply_model and drops its pending segments.
            nonlocal done_passes
            state = event.get("state")
            if state == "start":
                if cancel is not None:
                    cancel.check()
            elif state == "end":
                done_passes += 1
                # The pass count is an upper bound (random shifts shorten some passes), so
                # hold back the last step for the final report.
                share = min(done_passes / total_passes, 0.99)
                report(Progress("separate", duration * share, duration, "s"))

        with torch.inference_mode():
            estimates = apply_model(
                self._model, (mix - mean) / std, shifts=self.shifts, split=True,
                overlap=self.overlap, progress=False, device=self.device,
                callback=on_event)
            vocals = estimates[:, self._voice_index] * std + mean
        voice_model_rate = from_batch(vocals.cpu().numpy().astype(np.float32, copy=False),
                                       n_channels)
        return fit_length(at_rate(voice_model_rate, self.sample_rate, sample_rate), n_frames)

    def _sub_models(self) -> list[Any]:
        return list(getattr(self._model, "models", [self._model]))

    def _max_segment_seconds(self) -> float:
        return max(float(sub.segment) for sub in self._sub_models())

    def _expected_passes(self, length: int) -> int:
        """Upper bound on model forwards demucs makes for ``length`` model-rate frames."""
        passes = 0
        for sub in self._sub_models():
            # Mirrors apply_model's split loop: segment from the (bag-overridden) model,
            # stride from the overlap; with shifts each pass sees up to 0.5 s more audio.
            segment_length = int(sub.samplerate * float(sub.segment))
            stride = max(1, int((1 - self.overlap) * segment_length))
            if self.shifts:
                max_shift = int(0.5 * sub.samplerate)
                passes += self.shifts * math.ceil((length + max_shift) / stride)
            else:
                passes += math.ceil(length / stride)
        return max(1, passes)
