"""The free decays a recording holds: the level in octave bands, and every stretch where it falls
steadily above the noise floor after the sound stops (the end of a phrase, a hit dying away),
which is the room's own decay (Ratnam et al. 2003; Wen, Habets and Naylor 2008). Both room
estimators read them: the hand-made one in ``room.py`` and the learned one in ``room_model.py``.
"""
from __future__ import annotations

import math

import numpy as np
from scipy import signal

#: Octave bands analysed (centre Hz): where speech has energy and rooms are usually quoted.
BANDS = (500.0, 1000.0, 2000.0, 4000.0)
#: The bands a room's RT60 is quoted in (their mean).
MID_BANDS = (500.0, 1000.0)
#: Analysis frames: 20 ms windows every 5 ms.
FRAME_S, HOP_S = 0.020, 0.005
#: A decay's fit needs at least this long, above the noise floor plus this margin.
MIN_DECAY_S, FLOOR_MARGIN_DB = 0.030, 3.0
#: Wobble allowed inside a decay, the first fall left out of its fit, and the least fall that
#: must be left to fit (dB): a shallow decay skips less, so a long room (whose decays the next
#: word cuts after 12-20 dB) still gives some.
RISE_DB, SKIP_DB, MIN_FIT_DB = 1.5, 14.0, 4.0
#: The noise floor a decay must stay above: this percentile of the band's level. The 10th sat
#: inside a long room's tail (speech leaves it few quiet frames) and cut its decays short.
FLOOR_PERCENTILE = 5.0
#: The least fall (dB) a decay must show to be kept: a long room's decays are cut by the next
#: word after 12-20 dB.
MIN_DEPTH_DB = 12.0
#: A band's level this far under its loud frames (the 95th percentile) is silence, not sound:
#: digital silence before and after a clip, a noise gate's closed stretches, 16-bit rounding to
#: zero. Such frames are left out (NaN): they are no noise floor, and a decay is not followed
#: into them. Counted in, a second of digital silence put the floor at -200 dB and read dry
#: rooms as 2-3 s (room_rt60.py's dev-clean: 5 of 24 within 25 %; 23 of 24 at 60 or 70 dB, 22
#: at 80-100). 70: a recording with a noise floor (the training items', 20-45 dB under the
#: speech) loses no frame, and the noisy sets read the same to the item.
SILENT_DB = 70.0


def band_levels(x: np.ndarray, sr: int) -> list[np.ndarray]:
    """The level (dB) of each of :data:`BANDS` below Nyquist, a value per ``HOP_S``; NaN where
    the band is silent (:data:`SILENT_DB`)."""
    hop, win = int(round(HOP_S * sr)), int(round(FRAME_S * sr))
    out = []
    for fc in BANDS:
        if fc * math.sqrt(2) >= sr / 2:
            continue
        sos = signal.butter(3, [fc / math.sqrt(2), fc * math.sqrt(2)], "bandpass", fs=sr,
                            output="sos")
        y = signal.sosfilt(sos, x)
        power = y * y
        # mean power over each window, one value per hop (a cumulative sum: O(n))
        c = np.concatenate(([0.0], np.cumsum(power)))
        starts = np.arange(0, len(y) - win, hop)
        if len(starts) == 0:
            continue
        mean = (c[starts + win] - c[starts]) / win
        level = 10.0 * np.log10(mean + 1e-20)
        level[level < np.percentile(level, 95.0) - SILENT_DB] = np.nan
        out.append(level)
    return out


def free_decays(level: np.ndarray) -> list[tuple[float, float]]:
    """``(depth dB, RT60 s)`` of every free decay in one band's level (dB per hop; NaN frames
    are silence, where a decay ends).

    A decay runs from a peak for as long as the level stays within ``RISE_DB`` of the lowest it
    has reached (a reverberant tail measured in short windows wobbles) and above the noise floor,
    and ends at that lowest point. Like a Schroeder T20 it is fitted only after its first
    ``SKIP_DB`` (less in a shallow decay, which keeps ``MIN_FIT_DB`` to fit): that first fall is
    the direct sound and the early reflections stopping (a strong direct sound and nearby walls
    put them well above the tail), not the room's decay."""
    floor = float(np.nanpercentile(level, FLOOR_PERCENTILE))
    smooth = np.convolve(level, np.ones(3) / 3.0, mode="same")
    out = []
    min_len = int(round(MIN_DECAY_S / HOP_S))
    n = len(smooth)
    i = 1
    while i < n - 1:
        if not (smooth[i] >= smooth[i - 1] and smooth[i] > smooth[i + 1]):
            i += 1
            continue
        low, at, j = smooth[i], i, i + 1
        while j < n and smooth[j] <= low + RISE_DB and smooth[j] > floor + FLOOR_MARGIN_DB:
            if smooth[j] < low:
                low, at = smooth[j], j
            j += 1
        depth = float(smooth[i] - smooth[at])
        if depth >= MIN_DEPTH_DB:
            skip = min(SKIP_DB, depth - MIN_FIT_DB)
            start = i + int(np.argmax(smooth[i:at + 1] <= smooth[i] - skip))
            if at - start >= min_len:
                t = np.arange(at - start + 1) * HOP_S
                slope = np.polyfit(t, smooth[start:at + 1], 1)[0]  # dB per second
                if slope < 0:
                    out.append((depth, -60.0 / slope))
        i = max(j, i + 1)
    return out
