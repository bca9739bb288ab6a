"""What the separators that estimate one stem share (demucs, MDX-Net ONNX, Roformer checkpoints):
the model gives one stem (vocals or instrumental); the other stem is the mixture minus that
estimate times the model's compensation (1 for demucs), as UVR and audio-separator compute it.
Input checks, progress and any channel layout and rate are handled here, so an MDX-Net or
Roformer backend only maps a (2, n) array to its stem.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from stemline.engine.separation.channels import (as_frames, at_rate, fit_length, from_batch,
                                                 to_batch)

#: Stem names models use for the voice, and for everything but the voice.
VOICE_NAMES = frozenset({"vocals", "vocal", "voice"})
BACKGROUND_NAMES = frozenset({"instrumental", "instrument", "other", "no vocals", "accompaniment",
                              "karaoke", "inst"})

#: Told (segments done, segments in all) of one channel pair as a backend works through it.
SegmentDone = Callable[[int, int], None]


def voice_is_primary(stem: str, model: str) -> bool:
    """True when a model's own stem is the voice, False when it is the instrumental."""
    key = stem.strip().lower()
    if key in VOICE_NAMES:
        return True
    if key in BACKGROUND_NAMES:
        return False
    raise ModelUnavailable(
        f"{model}: it separates {stem!r}, not vocals or an instrumental, so it can't split voice "
        f"from background")


class StemModel:
    """Base of the single-stem backends. Subclasses set the attributes and ``_stem``."""

    name: str
    device: str
    backend: str
    sample_rate: int = 44100
    context_seconds: float = 3.0
    #: The model's stem is the voice (True) or the instrumental (False).
    primary_is_voice: bool = True
    #: Gain on the model's stem before it is subtracted from the mix (UVR's "compensate").
    compensate: float = 1.0

    def separate(self, audio: np.ndarray, sample_rate: int, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> dict[str, np.ndarray]:
        """Split (frames, channels) float audio at any rate into voice and background.

        Channels are taken in pairs (a lone last channel is doubled into a pair), resampled to
        the model's rate and back. ``voice + background`` is the input plus ``(1 - compensate)``
        times the model's own stem.
        """
        report = progress or no_progress
        mix, frames = as_frames(audio, sample_rate)
        n_frames, n_channels = frames.shape
        duration = n_frames / sample_rate
        report(Progress("separate", 0.0, duration, "s", f"separating with {self.name}"))
        if cancel is not None:
            cancel.check()
        if n_frames == 0 or n_channels == 0:
            primary = np.zeros_like(frames)
        else:
            primary = self._primary(frames, int(sample_rate), duration, report, cancel)
        other = frames - self.compensate * primary
        voice, background = (primary, other) if self.primary_is_voice else (other, primary)
        report(Progress("separate", duration, duration, "s", "separated"))
        return {"voice": voice.reshape(mix.shape).astype(np.float32, copy=False),
                "background": background.reshape(mix.shape).astype(np.float32, copy=False)}

    def _primary(self, frames: np.ndarray, sample_rate: int, duration: float,
                 report: ProgressCallback, cancel: CancelToken | None) -> np.ndarray:
        """The model's stem of (frames, channels) at the input rate: channel pairs through
        :meth:`_stem` at the model's rate (a backend that batches its own way overrides this)."""
        n_frames, n_channels = frames.shape
        pairs = to_batch(at_rate(frames, sample_rate, self.sample_rate), 2)
        out = []
        for k, pair in enumerate(pairs):
            def segment_done(done: int, total: int, k: int = k) -> None:
                share = (k + done / max(total, 1)) / len(pairs)
                report(Progress("separate", duration * min(share, 0.99), duration, "s"))
            out.append(self._stem(pair, segment_done, cancel))
        return fit_length(at_rate(from_batch(np.stack(out), n_channels), self.sample_rate,
                                  sample_rate), n_frames)

    def _stem(self, pair: np.ndarray, segment_done: SegmentDone,
              cancel: CancelToken | None) -> np.ndarray:
        """The model's stem of one (2, n) float32 pair at ``sample_rate``, same shape."""
        raise NotImplementedError
