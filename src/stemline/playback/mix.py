"""Mix parameters as immutable snapshots the audio callback can read without locks.

The UI builds a new :class:`MixParams` from the project whenever a control moves and hands it to
:meth:`~stemline.playback.engine.PlaybackEngine.set_params`; assigning a Python reference is
atomic, so the callback always sees either the old or the new snapshot, never half of each.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from stemline.core.project import GAIN_MIN_DB, Project

KINDS = ("original", "voice", "background", "foley")


def suppression_gain(amount: float) -> float:
    """Background factor for music suppression: ``1 - amount``, the law of
    :func:`stemline.core.mixer.suppression_gain` (what the export uses). Not imported from there:
    that module loads scipy, which would cost the editor most of a second at startup."""
    return 1.0 - float(amount)


def _pan_matrix(gain_db: float, pan: float, width: float) -> np.ndarray:
    """2x2 matrix ``out = in @ M``: stereo width (mid/side), constant-power pan, then gain."""
    gain = 0.0 if gain_db <= GAIN_MIN_DB else 10.0 ** (gain_db / 20.0)
    a, b = (1.0 + width) / 2.0, (1.0 - width) / 2.0
    spread = np.array([[a, b], [b, a]])  # rows: input L/R, columns: output L/R
    theta = (pan + 1.0) * math.pi / 4.0
    # sqrt(2) keeps a centred pan at unity gain per side.
    pan_lr = np.diag([math.cos(theta), math.sin(theta)]) * math.sqrt(2.0)
    return (spread @ pan_lr * gain).astype(np.float32)


@dataclass(frozen=True)
class MixParams:
    """Everything the callback needs about the mix, precomputed.

    Attributes
    ----------
    matrices : float32 (4, 2, 2), one per track in :data:`KINDS` order; zeros when silent.
    ducking : 0..1, how far the background dips under the voice (up to -18 dB).
    voice_gate : 0..1 noise suppression between words on the voice.
    music_gain : background factor for music suppression, by :func:`stemline.core.mixer.
        suppression_gain` (the law the export uses), precomputed so the callback only multiplies.
    stamp : ``time.perf_counter()`` when the snapshot was made (for latency measurement).
    """

    matrices: np.ndarray
    ducking: float = 0.0
    voice_gate: float = 0.0
    music_gain: float = 1.0
    stamp: float = field(default_factory=time.perf_counter)

    @classmethod
    def silent(cls) -> MixParams:
        return cls(np.zeros((len(KINDS), 2, 2), np.float32))

    @classmethod
    def from_project(cls, project: Project, has_stems: bool) -> MixParams:
        """Mute/solo/gain/pan/width of every track. Once stems exist the Original lane is a
        reference you hear only when soloed (otherwise it would double the voice)."""
        tracks = {t.kind: t for t in project.tracks}
        soloed = {k for k, t in tracks.items() if t.solo}
        mats = np.zeros((len(KINDS), 2, 2), np.float32)
        for i, kind in enumerate(KINDS):
            t = tracks[kind]
            audible = (kind in soloed) if soloed else not t.mute
            if kind == "original" and has_stems and kind not in soloed:
                audible = False
            if audible:
                mats[i] = _pan_matrix(t.gain_db, t.pan, t.width)
        bg, voice = tracks["background"], tracks["voice"]
        return cls(mats, ducking=bg.ducking, voice_gate=voice.suppression,
                   music_gain=suppression_gain(bg.suppression))
