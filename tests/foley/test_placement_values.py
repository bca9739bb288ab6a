"""Placement's numbers, exactly: where a sound starts, how loud, panned and dulled it is, and what
the project event and events.json say (killing the mutants of engine/foley/placement.py that the
end-to-end tests let live; see docs/testing.md)."""
from __future__ import annotations

import math

import pytest

from stemline.core.project import GAIN_MAX_DB, GAIN_MIN_DB
from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SoundInfo
from stemline.engine.foley.placement import (REFERENCE_SIZE, STRENGTH_RANGE_DB, TARGET_PEAK_DB,
                                             Placement, contact_to_event, distance_cue,
                                             place_events)


def sound(name: str = "IMPACT_Wood_Knock_01.flac", *, onset: float = 0.02, peak_db: float = -3.0,
          duration: float = 0.4) -> SoundInfo:
    return SoundInfo(f"/lib/{name}", "IMPACT", "Wood", ("knock",), duration, onset, peak_db,
                     -12.0, 4.0, 1000, 1)


class OneSound:
    """A matcher that always answers the same sound (placement is what is under test)."""

    def __init__(self, s: SoundInfo) -> None:
        self.s = s

    def choose(self, _ev: ContactEvent) -> SoundInfo:
        return self.s


def contact(**kw) -> ContactEvent:
    values = dict(time=2.0, x=0.5, y=0.2, size=REFERENCE_SIZE, strength=1.0, kind="impact",
                  surface="wood", object="ball")
    values.update(kw)
    return ContactEvent(**values)


def test_distance_cue_values():
    assert distance_cue(0.0) == (0.0, None) and distance_cue(-1.0) == (0.0, None)
    assert distance_cue(REFERENCE_SIZE) == (0.0, None)
    assert distance_cue(REFERENCE_SIZE * 2) == (0.0, None)          # nearer: no cue
    assert distance_cue(REFERENCE_SIZE / 1.04) == (0.0, None)       # within 5 %: none
    gain, cutoff = distance_cue(REFERENCE_SIZE / 2)                  # twice as far
    assert gain == pytest.approx(-3.0) and cutoff == pytest.approx(16000 / 2 ** 1.5)
    gain, cutoff = distance_cue(REFERENCE_SIZE / 10)                 # capped at 4x
    assert gain == pytest.approx(-6.0) and cutoff == pytest.approx(2000.0)
    gain, _ = distance_cue(REFERENCE_SIZE / 1.1)
    assert gain == pytest.approx(-3.0 * math.log2(1.1))


def test_gain_start_pan_and_distance():
    s = sound(onset=0.02, peak_db=-3.0)
    hard, soft, far = place_events(
        [contact(strength=1.0, x=0.5), contact(time=3.0, strength=0.0, x=-2.0),
         contact(time=4.0, size=REFERENCE_SIZE / 2, x=0.25, strength=0.5)],
        OneSound(s), spatial=True)
    assert hard.start == pytest.approx(2.0 - 0.02)                   # attack on the event
    assert hard.gain_db == pytest.approx(TARGET_PEAK_DB - (-3.0))
    assert hard.pan == pytest.approx(0.5) and hard.lowpass_hz is None
    assert soft.gain_db == pytest.approx(TARGET_PEAK_DB - STRENGTH_RANGE_DB + 3.0)
    assert soft.pan == -1.0                                          # held to the picture
    assert far.gain_db == pytest.approx(TARGET_PEAK_DB - STRENGTH_RANGE_DB / 2 + 3.0 - 3.0)
    assert far.lowpass_hz == pytest.approx(16000 / 2 ** 1.5) and far.pan == 0.25
    flat = place_events([contact(time=4.0, size=REFERENCE_SIZE / 2, x=0.25, strength=0.5)],
                        OneSound(s), spatial=False)[0]
    assert flat.pan == 0.0 and flat.lowpass_hz is None
    assert flat.gain_db == pytest.approx(TARGET_PEAK_DB - STRENGTH_RANGE_DB / 2 + 3.0)
    loud = place_events([contact(strength=7.0)], OneSound(s))[0]     # strength held to 0..1
    assert loud.gain_db == pytest.approx(hard.gain_db)


def test_what_the_project_and_events_json_get():
    s = sound(duration=0.4)
    p = Placement(contact(), s, 1.98, -4.0, 0.5, 3000.0, audible=True)
    d = p.to_dict()
    assert d["sound"] == "IMPACT_Wood_Knock_01.flac" and d["sound_path"] == s.path
    assert d["category"] == "IMPACT" and d["start"] == 1.98 and d["gain_db"] == -4.0
    assert d["pan"] == 0.5 and d["lowpass_hz"] == 3000 and d["already_audible"] is True
    assert d["time"] == 2.0 and d["kind"] == "impact"
    assert Placement(contact(), s, 1.98, -4.0, 0.5, None).to_dict()["lowpass_hz"] is None
    e = p.to_event()
    assert (e.start, e.duration, e.sound, e.gain_db, e.pan, e.lowpass_hz, e.audible) == \
        (2.0, 0.4, s.path, -4.0, 0.5, 3000.0, True)
    assert (e.label, e.surface, e.object) == ("impact", "wood", "ball")
    # Values held to the project's ranges.
    wild = Placement(contact(time=-0.5), sound(duration=100.0), 0.0, 99.0, 3.0, None).to_event()
    assert (wild.start, wild.duration, wild.gain_db, wild.pan) == (0.0, 60.0, GAIN_MAX_DB, 1.0)
    tiny = Placement(contact(), sound(duration=0.001), 0.0, -999.0, -3.0, None).to_event()
    assert (tiny.duration, tiny.gain_db, tiny.pan) == (0.05, GAIN_MIN_DB, -1.0)
    odd = contact_to_event(contact(surface="lava", object="cat"))
    assert (odd.surface, odd.object, odd.sound) == ("", "", None)
