"""Placing sounds on events (sync and space) and rendering the Foley track block by block.

Sync: a sound starts ``onset`` seconds before its event, so its attack, not its file start, lands
on the event. Space: equal-power pan from the event's x position, and a distance cue from the
object's size (smaller = farther: quieter and duller). Gain follows the event's strength.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np
from scipy import signal

from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SAMPLE_RATE, SoundInfo, read_sound
from stemline.engine.foley.matching import SoundMatcher

#: Object size (share of the picture width) heard at full level and brightness.
REFERENCE_SIZE = 0.06
#: Level of the loudest event's attack, dBFS (headroom for overlaps before the limiter).
TARGET_PEAK_DB = -4.0
#: Level range between the softest and the hardest contact.
STRENGTH_RANGE_DB = 18.0


@dataclass(frozen=True)
class Placement:
    """One sound on the Foley track.

    Attributes
    ----------
    event : what it sounds for.
    sound : the chosen file.
    start : seconds on the track where the file's first sample goes (may be negative).
    gain_db : total gain applied to the file.
    pan : -1 (left) .. +1 (right), equal-power.
    lowpass_hz : distance roll-off cutoff (None: full bandwidth).
    """

    event: ContactEvent
    sound: SoundInfo
    start: float
    gain_db: float
    pan: float
    lowpass_hz: float | None

    def to_dict(self) -> dict[str, object]:
        d = self.event.to_dict()
        d.update({"sound": self.sound.name, "sound_path": self.sound.path,
                  "category": self.sound.category, "start": round(self.start, 5),
                  "gain_db": round(self.gain_db, 2), "pan": round(self.pan, 3),
                  "lowpass_hz": None if self.lowpass_hz is None else round(self.lowpass_hz)})
        return d


def pan_gains(pan: float) -> tuple[float, float]:
    """Equal-power (left, right) gains for pan in -1..1 (0: both 0.707)."""
    angle = (float(np.clip(pan, -1.0, 1.0)) + 1.0) * np.pi / 4.0
    return float(np.cos(angle)), float(np.sin(angle))


def distance_cue(size: float) -> tuple[float, float | None]:
    """(gain dB, low-pass cutoff Hz or None) for an object of ``size`` (share of picture width).

    An object half the reference size is taken as twice as far: -3 dB (half the free-field
    6 dB, since pictures exaggerate distance) and a duller top end; capped at 4x the distance.
    """
    if size <= 0:
        return 0.0, None
    ratio = float(np.clip(REFERENCE_SIZE / size, 1.0, 4.0))
    if ratio <= 1.05:
        return 0.0, None
    return -3.0 * float(np.log2(ratio)), float(16000.0 / ratio ** 1.5)


def place_events(events: list[ContactEvent] | tuple[ContactEvent, ...], matcher: SoundMatcher, *,
                 spatial: bool = True) -> list[Placement]:
    """Choose a sound for every event and compute where and how loud it plays."""
    out = []
    for ev in events:
        s = matcher.choose(ev)
        level = TARGET_PEAK_DB - STRENGTH_RANGE_DB * (1.0 - float(np.clip(ev.strength, 0, 1)))
        gain = level - s.peak_db
        lp: float | None = None
        pan = 0.0
        if spatial:
            d_db, lp = distance_cue(ev.size)
            gain += d_db
            pan = float(np.clip(ev.x, -1.0, 1.0))
        out.append(Placement(ev, s, ev.time - s.onset, gain, pan, lp))
    return out


class _SoundCache:
    """Decoded effects, most recently used kept (a library may be large)."""

    def __init__(self, loader: Callable[[str], np.ndarray], capacity: int = 64) -> None:
        self._loader = loader
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cap = capacity

    def get(self, path: str) -> np.ndarray:
        if path in self._items:
            self._items.move_to_end(path)
            return self._items[path]
        x = self._loader(path)
        self._items[path] = x
        if len(self._items) > self._cap:
            self._items.popitem(last=False)
        return x


def render_sound(mono: np.ndarray, gain_db: float, pan: float, lowpass_hz: float | None,
                 sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """One sound as it sits in the mix: gain, distance roll-off, equal-power pan; (frames, 2) float32."""
    x = mono.astype(np.float64) * 10 ** (gain_db / 20)
    if lowpass_hz is not None and lowpass_hz < 0.45 * sample_rate:
        sos = signal.butter(1, lowpass_hz / (sample_rate / 2), "lowpass", output="sos")
        x = signal.sosfilt(sos, x)
    gl, gr = pan_gains(pan)
    return np.stack([x * gl, x * gr], axis=1).astype(np.float32)


def render_placement(p: Placement, mono: np.ndarray, sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """The stereo (frames, 2) float32 signal of one placed sound."""
    return render_sound(mono, p.gain_db, p.pan, p.lowpass_hz, sample_rate)


def iter_foley_blocks(placements: list[Placement], duration: float, *,
                      sample_rate: int = SAMPLE_RATE, block_frames: int = 65536,
                      loader: Callable[[str], np.ndarray] = read_sound) -> Iterator[np.ndarray]:
    """Yield the Foley track as stereo float32 blocks, exactly ``round(duration * rate)`` frames.

    Only the sounds overlapping the current block are held in memory.
    """
    total = int(round(duration * sample_rate))
    cache = _SoundCache(loader)
    order = sorted(placements, key=lambda p: p.start)
    nxt = 0
    active: list[tuple[int, np.ndarray]] = []  # (start sample, stereo signal)
    pos = 0
    while pos < total:
        end = min(total, pos + block_frames)
        block = np.zeros((end - pos, 2), np.float32)
        while nxt < len(order) and int(round(order[nxt].start * sample_rate)) < end:
            p = order[nxt]
            nxt += 1
            sig = render_placement(p, cache.get(p.sound.path), sample_rate)
            active.append((int(round(p.start * sample_rate)), sig))
        keep = []
        for start, sig in active:
            a, b = max(pos, start), min(end, start + len(sig))
            if a < b:
                block[a - pos:b - pos] += sig[a - start:b - start]
            if start + len(sig) > end:
                keep.append((start, sig))
        active = keep
        yield block
        pos = end
