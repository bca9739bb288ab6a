"""The one Foley renderer: project events to the Foley track's samples.

The editor (re-rendering after every edit), ``stemline process``, ``stemline foley`` and every
export render the track through :class:`FoleyRenderer`, so the same events always give the same
samples. Each sound's attack (its onset) lands on its event's time; the sound gets the event's
gain, its distance roll-off, the mix's one pan law and the project's room (``room.py``).
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable

import numpy as np
from scipy import signal

from stemline.core.mixer import db_to_amp, pan_gains
from stemline.core.surround import lcr_gains
from stemline.core.project import Project
from stemline.engine.foley.library import SAMPLE_RATE, analyse_sound, read_sound
from stemline.engine.foley.room import add_room, room_rt60


@dataclass(frozen=True)
class EventSound:
    """One sound on the Foley track: its attack lands on ``time`` (seconds)."""

    time: float
    sound: str
    gain_db: float
    pan: float
    lowpass_hz: float | None = None
    #: The room's RT60 (seconds) the sound is given a tail in; None: dry.
    room_rt60_s: float | None = None


def event_sounds(project: Project) -> list[EventSound]:
    """The project's events that have a sound, as the renderer takes them (centred unless the
    Foley track's auto-pan is on), in the project's room."""
    foley = project.track("foley")
    auto_pan = foley.auto_pan
    rt60 = room_rt60(foley.room, foley.room_rt60_s)
    return [EventSound(e.start, e.sound, e.gain_db, e.pan if auto_pan else 0.0, e.lowpass_hz,
                       rt60)
            for e in project.events if e.sound]


def render_sound(mono: np.ndarray, gain_db: float, pan: float, lowpass_hz: float | None,
                 sample_rate: int = SAMPLE_RATE, room_rt60_s: float | None = None,
                 channels: int = 2) -> np.ndarray:
    """One sound as it sits in the track: gain, distance roll-off, pan, then its room's tail
    (longer than the sound by the tail); (frames, 2) float32, or with ``channels=3`` placed
    across left-centre-right (a 5.1 mix's front; its tail in left and right)."""
    x = mono.astype(np.float64) * db_to_amp(gain_db)
    if lowpass_hz is not None and lowpass_hz < 0.45 * sample_rate:
        sos = signal.butter(1, lowpass_hz / (sample_rate / 2), "lowpass", output="sos")
        x = signal.sosfilt(sos, x)
    gains = lcr_gains(pan) if channels == 3 else pan_gains(pan)
    dry = np.stack([x * g for g in gains], axis=1).astype(np.float32)
    if room_rt60_s is None:
        return dry
    return add_room(dry, x, room_rt60_s, lowpass_hz, sample_rate)


class SoundCache:
    """Decoded effects with their attack onsets (seconds), most recently used kept (a library
    may be large): where a sound's file starts relative to its event is read here only."""

    def __init__(self, loader: Callable[[str], np.ndarray] = read_sound, capacity: int = 64) -> None:
        self._loader = loader
        self._items: OrderedDict[str, tuple[np.ndarray, float]] = OrderedDict()
        self._cap = capacity

    def get(self, path: str) -> tuple[np.ndarray, float]:
        if path in self._items:
            self._items.move_to_end(path)
            return self._items[path]
        mono = self._loader(path)
        item = (mono, float(analyse_sound(mono)["onset"]))
        self._items[path] = item
        if len(self._items) > self._cap:
            self._items.popitem(last=False)
        return item


class FoleyRenderer:
    """The Foley track, read front to back in blocks of any size: exactly ``frames`` frames.

    Only the sounds overlapping the current block are held, so memory doesn't grow with the
    length of the video. Works on 48 kHz (the library's rate).
    """

    def __init__(self, sounds: Iterable[EventSound], frames: int, *,
                 sample_rate: int = SAMPLE_RATE,
                 loader: Callable[[str], np.ndarray] = read_sound, channels: int = 2) -> None:
        if sample_rate != SAMPLE_RATE:
            raise ValueError(f"Foley renders at {SAMPLE_RATE} Hz, not {sample_rate}")
        self.frames, self.sample_rate = int(frames), sample_rate
        self.channels = channels  # 2, or 3: left-centre-right for a 5.1 mix
        self._sounds = SoundCache(loader)
        self._todo = sorted(sounds, key=lambda s: s.time)
        self._next = 0
        self._active: list[tuple[int, np.ndarray]] = []  # (first frame, stereo signal)
        self._pos = 0
        # every sound's start is known only after decoding it (its onset): look ahead this far
        self._reach = 0.0

    def _start(self, s: EventSound) -> tuple[int, np.ndarray]:
        mono, onset = self._sounds.get(s.sound)
        self._reach = max(self._reach, onset)
        return (int(round((s.time - onset) * self.sample_rate)),
                render_sound(mono, s.gain_db, s.pan, s.lowpass_hz, self.sample_rate,
                             s.room_rt60_s, self.channels))

    def read(self, n: int) -> np.ndarray:
        """The next ``n`` frames (zeros past the end)."""
        pos, end = self._pos, self._pos + n
        out = np.zeros((n, self.channels), np.float32)
        # a sound whose event is up to its onset after ``end`` may already start in this block
        while self._next < len(self._todo) and \
                self._todo[self._next].time - self._reach < end / self.sample_rate + 1.0:
            self._active.append(self._start(self._todo[self._next]))
            self._next += 1
        keep = []
        for start, sig in self._active:
            a, b = max(pos, start, 0), min(end, start + len(sig), self.frames)
            if a < b:
                out[a - pos:b - pos] += sig[a - start:b - start]
            if start + len(sig) > end:
                keep.append((start, sig))
        self._active = keep
        self._pos = end
        return out

    def render(self, block: int = 1 << 20,
               check: Callable[[], None] | None = None) -> np.ndarray:
        """The whole track as one (frames, channels) float32 array (``check`` runs between blocks)."""
        out = np.zeros((self.frames, self.channels), np.float32)
        for a in range(0, self.frames, block):
            if check is not None:
                check()
            b = min(self.frames, a + block)
            out[a:b] = self.read(b - a)
        return out
