"""Placing sounds on events (sync and space); :mod:`stemline.engine.foley.render` renders them.

Sync: a sound starts ``onset`` seconds before its event, so its attack, not its file start, lands
on the event. Space: pan from the event's x position (the mix's one pan law), and a distance cue
from the object's size (smaller = farther: quieter and duller). Gain follows the event's strength.
A placement becomes a project event with :meth:`Placement.to_event` (the only conversion).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stemline.core.project import (GAIN_MAX_DB, GAIN_MIN_DB, OBJECTS, SURFACES, FoleyEvent,
                                   known_or_blank)
from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SoundInfo
from stemline.engine.foley.matching import SoundMatcher

#: Object size (share of the picture width) heard at full level and brightness.
REFERENCE_SIZE = 0.06
#: Level of the loudest event's attack per channel when centred, dBFS (headroom for overlaps
#: before the limiter; the pan law is unity at the centre).
TARGET_PEAK_DB = -7.0
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
    audible : the source's own audio already holds this hit (see engine.foley.audible).
    """

    event: ContactEvent
    sound: SoundInfo
    start: float
    gain_db: float
    pan: float
    lowpass_hz: float | None
    audible: bool = False

    def to_dict(self) -> dict[str, object]:
        d = self.event.to_dict()
        d.update({"sound": self.sound.name, "sound_path": self.sound.path,
                  "category": self.sound.category, "start": round(self.start, 5),
                  "gain_db": round(self.gain_db, 2), "pan": round(self.pan, 3),
                  "lowpass_hz": None if self.lowpass_hz is None else round(self.lowpass_hz),
                  "already_audible": self.audible})
        return d

    def to_event(self) -> FoleyEvent:
        """This placement as a project event, values held to the model's ranges (the sound's
        attack is on the event's time; the renderer finds the file start from its onset)."""
        return contact_to_event(
            self.event, duration=float(min(60.0, max(0.05, self.sound.duration))),
            sound=str(self.sound.path), lowpass_hz=self.lowpass_hz,
            gain_db=float(np.clip(self.gain_db, GAIN_MIN_DB, GAIN_MAX_DB)),
            pan=float(np.clip(self.pan, -1.0, 1.0)), audible=self.audible)


def contact_to_event(ev: ContactEvent, **sound: object) -> FoleyEvent:
    """A spotted contact as a project event (no sound yet unless ``sound`` fields are given):
    the one conversion from analysis to the project."""
    return FoleyEvent(start=max(0.0, float(ev.time)), label=ev.kind,
                      surface=known_or_blank(ev.surface, SURFACES),
                      object=known_or_blank(ev.object, OBJECTS), **sound)


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
