"""Is a spotted hit already in the soundtrack? A Foley sound on a slam the recording already holds
doubles it (a flam, or a hit twice as loud). For each event this looks in the source's own audio
for a transient within ±30 ms of the event and compares its level with the level the Foley sound
would be placed at.

A transient is a jump of short-time energy in one of three bands (the attack above a first-order
high-pass, the broadband body, the thump below 300 Hz): the level in the event's window rises at
least :data:`RISE_DB` over the level just before, and the window starts quieter than its peak (a
sound already going on is not a hit). The audio streams past in blocks; only a
quarter of a second around each event is kept.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

#: Half-width of the window around the event in which a transient counts as the same hit.
WINDOW_S = 0.03
#: How far back the level before the hit is measured (ending where the window starts).
BEFORE_S = 0.12
#: Rise of the high-passed energy that makes a transient.
RISE_DB = 9.0
#: ... and this much over the loudest moment of the level before.
ABOVE_PEAKS_DB = 4.0
#: A transient this close to (or above) the Foley sound's level already sounds like the hit.
MARGIN_DB = 6.0
_FRAME_S, _HOP_S = 0.004, 0.001
#: After the event: how much is read to find the transient's peak.
_AFTER_S = WINDOW_S + 0.03


@dataclass(frozen=True)
class Heard:
    """What the soundtrack holds at one event.

    transient : a hit-like onset within the window.
    level_db : its sample peak, dBFS (-120 when there is none).
    offset : seconds from the event to the onset (0 when there is none).
    """

    transient: bool
    level_db: float = -120.0
    offset: float = 0.0

    def audible_against(self, foley_peak_db: float, margin_db: float = MARGIN_DB) -> bool:
        """True when this hit is within ``margin_db`` of (or louder than) the Foley sound."""
        return self.transient and self.level_db >= foley_peak_db - margin_db


def _band_levels(x: np.ndarray, rate: int, frame: int, hop: int) -> list[np.ndarray]:
    """Short-time energy (dB) per frame of: the attack (first-order high-pass), the body
    (broadband) and the thump (below 300 Hz). A knock in rain shows in the thump band, a tap
    under music in the attack band."""
    from scipy.signal import butter, sosfilt

    hp = np.empty_like(x)
    hp[0] = 0.0
    hp[1:] = x[1:] - 0.97 * x[:-1]
    low = sosfilt(butter(2, 300.0, btype="low", fs=rate, output="sos"), x).astype(np.float32)
    starts = np.arange(0, len(x) - frame, hop)
    out = []
    for sig in (hp, x, low):
        sq = np.concatenate([[0.0], np.cumsum(sig.astype(np.float64) ** 2)])
        energy = (sq[starts + frame] - sq[starts]) / frame + 1e-12
        out.append(10 * np.log10(energy))
    return out


def heard_at(audio: np.ndarray, rate: int, t0: float, event_time: float) -> Heard:
    """Look for the hit at ``event_time`` in ``audio`` ((frames,) or (frames, channels),
    starting at ``t0`` seconds): found on the channels' mean, measured on the loudest one."""
    audio = np.asarray(audio, dtype=np.float32)
    x = audio.mean(axis=1) if audio.ndim == 2 else audio
    loudest = np.abs(audio).max(axis=1) if audio.ndim == 2 else np.abs(audio)
    frame, hop = max(1, int(_FRAME_S * rate)), max(1, int(_HOP_S * rate))
    if len(x) < frame * 4:
        return Heard(False)
    starts = np.arange(0, len(x) - frame, hop)
    times = t0 + (starts + frame / 2) / rate
    before = (times >= event_time - WINDOW_S - BEFORE_S) & (times < event_time - WINDOW_S)
    inside = (times >= event_time - WINDOW_S) & (times <= event_time + WINDOW_S)
    if not before.any() or not inside.any():
        return Heard(False)
    idx = np.flatnonzero(inside)
    onset: int | None = None
    for db in _band_levels(x, rate, frame, hop):
        floor = float(np.median(db[before]))
        peak_i = idx[int(np.argmax(db[idx]))]
        # The onset: the first frame in the window within 3 dB of the window's peak.
        onset_i = idx[int(np.argmax(db[idx] >= db[peak_i] - 3.0))]
        starts_quiet = db[idx[0]] <= db[peak_i] - 6.0 or onset_i > idx[0]
        # Above the typical level before, and above the loudest moment before too: a ripple
        # (beating partials of a chord in the thump band) rises over the median, never over
        # its own peaks.
        above_all = db[peak_i] - float(db[before].max()) >= ABOVE_PEAKS_DB
        if db[peak_i] - floor >= RISE_DB and above_all and starts_quiet:
            onset = onset_i if onset is None else min(onset, onset_i)
    if onset is None:
        return Heard(False)
    a = max(0, int((times[onset] - t0 - _FRAME_S) * rate))
    b = min(len(x), a + int(0.03 * rate))
    level = float(20 * np.log10(loudest[a:b].max() + 1e-12))
    return Heard(True, level, float(times[onset] - event_time))


def heard_in_stream(blocks: Iterable[np.ndarray], rate: int, times: list[float]) -> list[Heard]:
    """:func:`heard_at` for every time in ``times``, from audio arriving in (frames, channels)
    blocks."""
    order = sorted(range(len(times)), key=lambda i: times[i])
    out: list[Heard | None] = [None] * len(times)
    lead = int((WINDOW_S + BEFORE_S) * rate)
    tail = int(_AFTER_S * rate)
    buf: np.ndarray | None = None
    buf_start = 0                      # absolute frame of buf[0]
    k = 0
    blocks_iter = iter(blocks)
    ended = False
    while k < len(order):
        i = order[k]
        centre = int(times[i] * rate)
        need_end = centre + tail
        while (buf is None or buf_start + len(buf) < need_end) and not ended:
            try:
                block = np.asarray(next(blocks_iter), dtype=np.float32)
            except StopIteration:
                ended = True
                break
            block = block[:, None] if block.ndim == 1 else block
            buf = block if buf is None else np.concatenate([buf, block])
            # Audio before this event's window is never needed again: an hour between two
            # events must not pile up.
            cut = min(len(buf), max(0, centre - lead - buf_start))
            buf, buf_start = buf[cut:], buf_start + cut
        if buf is None:
            break
        a = max(buf_start, centre - lead)
        seg = buf[a - buf_start:need_end - buf_start]
        out[i] = heard_at(seg, rate, a / rate, times[i]) if len(seg) else Heard(False)
        k += 1
        if k < len(order):  # keep only what the next event can still need (never drop
            # audio not yet read: the buffer's start must stay where its data starts)
            keep_from = min(max(buf_start, int(times[order[k]] * rate) - lead),
                            buf_start + len(buf))
            buf = buf[keep_from - buf_start:]
            buf_start = keep_from
    return [h if h is not None else Heard(False) for h in out]
