"""Where each track sits in a 5.1 mix (the mix law's routing stage, used by :class:`MixKernel`).

Film practice, as a re-recording mixer would set it up:

* the **voice** in the centre speaker (dialogue stays on the screen wherever one sits);
* the **background** in the front left/right, with a share in the surrounds delayed by 12 and
  17 ms: different delays per side decorrelate the surrounds from the front and from each other,
  so the room opens up without the sound moving off the screen (the front arrives first);
* the **Foley** placed across left–centre–right by where it happens in the picture (the Foley
  renderer hands it over as three channels, :func:`lcr_gains`), and a low-passed share of it in
  the LFE, so a thud is felt; in the surrounds only when asked (``foley_share``: its left and
  right, delayed like the background's, so the room of the effects wraps around);
* the **original** (heard only when soloed) in the front left/right.

Levels follow the stereo mix's pan law (unity in each channel at the centre, so +3 dB of power
for a centred sound): the centre speaker gets the same power a phantom centre had, and an
ITU-R BS.775 fold-down (``L + 0.707 C + 0.707 Ls``) gives the stereo mix's centre back.
"""
from __future__ import annotations

import math

import numpy as np

#: Channel order of each layout (FFmpeg's names; "5.1" is its back-surround 5.1).
LAYOUTS = {"stereo": ("FL", "FR"), "5.1": ("FL", "FR", "FC", "LFE", "BL", "BR")}
FL, FR, FC, LFE, BL, BR = range(6)
#: BS.1770 channel weights for loudness: the LFE left out, the surrounds +1.5 dB.
LOUDNESS_WEIGHTS = {"stereo": (1.0, 1.0), "5.1": (1.0, 1.0, 1.0, 0.0, 1.41, 1.41)}
#: The background's share in the surrounds (-6 dB) and each side's delay.
SURROUND_SHARE = 0.5
SURROUND_DELAYS_S = (0.012, 0.017)
#: The Foley's low-passed share in the LFE (-6 dB; the LFE plays 10 dB hotter in a cinema).
LFE_SHARE = 0.5
LFE_HZ = 120.0
#: The Foley's own delay lines (track keys are the mixer's track indices, 0..3).
_FOLEY_KEY = -1


def channel_count(layout: str) -> int:
    if layout not in LAYOUTS:
        raise ValueError(f"channel layout {layout!r}: choose one of {', '.join(LAYOUTS)}")
    return len(LAYOUTS[layout])


def lcr_gains(pan: float) -> tuple[float, float, float]:
    """Constant-power (left, centre, right) gains for ``pan`` in -1..1: between left and centre
    for a pan left of the middle, between centre and right for one to the right; sqrt 2 at each
    speaker (the stereo pan law's power)."""
    p = min(1.0, max(-1.0, float(pan)))
    a = (p + 1.0 if p <= 0.0 else p) * math.pi / 2.0
    near, far = math.sqrt(2.0) * math.cos(a), math.sqrt(2.0) * math.sin(a)
    return (near, far, 0.0) if p <= 0.0 else (0.0, near, far)


class Upmix:
    """The 5.1 routing of every track's stereo (or the Foley's left-centre-right) output, with
    the delay lines and the LFE filter carried from block to block."""

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._delays = [int(round(d * sample_rate)) for d in SURROUND_DELAYS_S]
        from scipy import signal  # here, not at import: the mixer is loaded at start-up

        self._sos = signal.butter(4, LFE_HZ, "lowpass", fs=sample_rate, output="sos")
        self._sosfilt = signal.sosfilt  # kept: foley() runs on every audio block
        self.reset()

    def reset(self) -> None:
        # per source track: the last frames of its left and right, for the surrounds' delays
        self._tails: dict[int, list[np.ndarray]] = {}
        self._zi = np.zeros((self._sos.shape[0], 2))

    def front(self, left: np.ndarray, right: np.ndarray, acc: np.ndarray) -> None:
        acc[:, FL] += left
        acc[:, FR] += right

    def centre(self, left: np.ndarray, right: np.ndarray, acc: np.ndarray) -> None:
        acc[:, FC] += (left + right) * (1.0 / math.sqrt(2.0))

    def surround(self, track: int, left: np.ndarray, right: np.ndarray, acc: np.ndarray) -> None:
        """Front left/right, and the delayed share in the back pair."""
        self.front(left, right, acc)
        self._delayed(track, left, right, SURROUND_SHARE, acc)

    def _delayed(self, key: int, left: np.ndarray, right: np.ndarray, share: float,
                 acc: np.ndarray) -> None:
        """``share`` of left and right into the back pair, each side delayed by its own time."""
        n = len(left)
        tails = self._tails.setdefault(key, [np.zeros(d) for d in self._delays])
        for k, (x, ch) in enumerate(((left, BL), (right, BR))):
            buf = np.concatenate([tails[k], x])
            acc[:, ch] += share * buf[:n]
            tails[k] = buf[n:]

    def foley(self, lcr: np.ndarray, gain: float, acc: np.ndarray, surround: float = 0.0) -> None:
        """Three channels placed by the renderer, or a stereo file (a generator's) in front;
        ``surround`` of its left and right also in the back pair (0: none, the default)."""
        x = lcr * gain
        if x.shape[1] == 3:
            acc[:, FL] += x[:, 0]
            acc[:, FC] += x[:, 1]
            acc[:, FR] += x[:, 2]
        else:
            self.front(x[:, 0], x[:, -1], acc)
        if surround > 0:
            self._delayed(_FOLEY_KEY, x[:, 0], x[:, -1], surround, acc)
        low, self._zi = self._sosfilt(self._sos, x.sum(axis=1), zi=self._zi)
        acc[:, LFE] += LFE_SHARE * low
