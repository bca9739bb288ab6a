"""The voice a room is read in, separated from its bed the way ``stemline process`` separates it.

One description for the product (``jobs.foley.estimate_room`` without a voice stem) and for
the benchmarks that train and measure the room model on separated voices: the model learnt
what this separation does to a voice's tails, so every path must separate the same way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import signal

from stemline.core.progress import CancelToken, ProgressCallback
from stemline.engine.separation.base import Separator

#: The room is heard at 16 kHz mono: plenty for the bands up to 4 kHz (two minutes of it are
#: 7.7 MB of float32).
ROOM_RATE = 16000


@dataclass(frozen=True)
class RoomVoice:
    """A separated voice, mono float32 at :data:`ROOM_RATE`, and how much of the mixture the
    separated background held (dB of the mixture's energy; -inf for silence)."""

    voice: np.ndarray
    bed_db: float


def separated_voice(mix: np.ndarray, rate: int, separator: Separator, *,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> RoomVoice:
    """Separate ``mix`` ((frames, channels) or (frames,) float32 at ``rate``, at the level a
    file holds it: Spleeter's masks depend on the level they are given) and return its voice.

    Raises Cancelled when ``cancel`` is set."""
    mix = np.asarray(mix, np.float32)
    if mix.ndim == 1:
        mix = mix[:, None]
    stems = separator.separate(mix, rate, progress=progress, cancel=cancel)
    total = float(np.sum(np.square(mix, dtype=np.float64)))
    bed = float(np.sum(np.square(stems["background"], dtype=np.float64)))
    bed_db = 10.0 * math.log10(bed / total) if total > 0.0 and bed > 0.0 else -math.inf
    step = math.gcd(ROOM_RATE, rate)
    voice = signal.resample_poly(stems["voice"].mean(axis=1), ROOM_RATE // step, rate // step)
    return RoomVoice(voice.astype(np.float32), bed_db)
