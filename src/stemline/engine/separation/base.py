"""The interface every separation backend implements (demucs ``api.Separator`` style)."""
from __future__ import annotations

from typing import Protocol

import numpy as np

from stemline.core.progress import CancelToken, ProgressCallback

STEMS = ("voice", "background")


class Separator(Protocol):
    """A loaded separation model.

    Constructed once (weights load in ``__init__``), then called for any number of chunks.
    ``separate`` takes float32 audio shaped (frames, channels) at any rate and returns
    {"voice": ..., "background": ...} with the same shape and rate, sample-aligned, such that
    voice + background reproduces the input.
    """

    name: str
    device: str
    #: Frames of context a chunk needs on each side for seamless overlap-add.
    context_seconds: float

    def separate(self, audio: np.ndarray, sample_rate: int, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> dict[str, np.ndarray]:
        ...
