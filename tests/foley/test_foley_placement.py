"""Sync (attack onset on the event) and space (pan, distance) of placed sounds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SAMPLE_RATE, SoundLibrary
from stemline.engine.foley.matching import SoundMatcher
from stemline.core.mixer import pan_gains
from stemline.core.project import Project
from stemline.engine.foley.placement import distance_cue, place_events
from stemline.engine.foley.render import FoleyRenderer, event_sounds


def _one_sound_library(tmp_path: Path, lead_in: float) -> SoundMatcher:
    root = tmp_path / "sfx"
    root.mkdir()
    t = np.arange(int(0.3 * SAMPLE_RATE)) / SAMPLE_RATE
    hit = (0.8 * np.sin(2 * np.pi * 700 * t) * np.exp(-t / 0.03)).astype(np.float32)
    x = np.concatenate([np.zeros(int(lead_in * SAMPLE_RATE), np.float32), hit])
    sf.write(root / "IMPACT_Test_Hit_01.wav", x, SAMPLE_RATE, subtype="FLOAT")
    return SoundMatcher(SoundLibrary.open(root, cache_dir=tmp_path / "cache").sounds)


def _render(placements: list, seconds: float, block: int = 10000) -> np.ndarray:
    project = Project(duration=seconds)
    for p in placements:
        project.insert_event(p.to_event())
    frames = int(round(seconds * SAMPLE_RATE))
    r = FoleyRenderer(event_sounds(project), frames)
    return np.concatenate([r.read(min(block, frames - a)) for a in range(0, frames, block)])


def test_attack_onset_not_file_start_lands_on_the_event(tmp_path: Path) -> None:
    matcher = _one_sound_library(tmp_path, lead_in=0.150)
    events = [ContactEvent(0.5123, 0.0, 0.0, 0.06, 1.0, "impact"),
              ContactEvent(1.2071, 0.0, 0.0, 0.06, 0.5, "impact")]
    placed = place_events(events, matcher, spatial=False)
    y = _render(placed, 2.0)
    assert y.shape == (2 * SAMPLE_RATE, 2)
    env = np.abs(y[:, 0])
    for ev in events:
        i = int(round(ev.time * SAMPLE_RATE))
        seg = env[i - 480:i + 480]
        first = int(np.nonzero(seg > 1e-3)[0][0]) - 480
        assert abs(first) <= 2, (ev.time, first)  # within 2 samples of the event time
    # the weaker event is quieter
    a, b = (int(e.time * SAMPLE_RATE) for e in events)
    assert env[b:b + 2000].max() < env[a:a + 2000].max()


def test_block_size_does_not_change_the_track(tmp_path: Path) -> None:
    matcher = _one_sound_library(tmp_path, lead_in=0.0)
    events = [ContactEvent(t, 0.3, 0.0, 0.03, 0.7, "impact") for t in (0.1, 0.35, 0.36, 0.99)]
    placed = place_events(events, matcher)
    assert np.array_equal(_render(placed, 1.0, 4096), _render(placed, 1.0, 777))


def test_pan_follows_x_and_spatial_off_centres(tmp_path: Path) -> None:
    matcher = _one_sound_library(tmp_path, lead_in=0.0)
    ev_left = ContactEvent(0.2, -0.8, 0.0, 0.06, 1.0, "impact")
    ev_right = ContactEvent(0.8, 0.6, 0.0, 0.06, 1.0, "impact")
    y = _render(place_events([ev_left, ev_right], matcher, spatial=True), 1.4)
    left_part, right_part = y[: SAMPLE_RATE // 2], y[SAMPLE_RATE // 2:]
    assert np.abs(left_part[:, 0]).sum() > 3 * np.abs(left_part[:, 1]).sum()
    assert np.abs(right_part[:, 1]).sum() > 2 * np.abs(right_part[:, 0]).sum()
    flat = _render(place_events([ev_left, ev_right], matcher, spatial=False), 1.4)
    assert np.allclose(flat[:, 0], flat[:, 1])
    gl, gr = pan_gains(0.0)  # the mix's one law: constant power, unity at the centre
    assert abs(gl * gl + gr * gr - 2) < 1e-9 and abs(gl - gr) < 1e-12


def test_small_objects_sound_farther(tmp_path: Path) -> None:
    matcher = _one_sound_library(tmp_path, lead_in=0.0)
    near, far = (ContactEvent(0.1, 0.0, 0.0, size, 1.0, "impact") for size in (0.08, 0.015))
    p_near, p_far = place_events([near, far], matcher)
    assert p_far.gain_db < p_near.gain_db - 5
    assert p_near.lowpass_hz is None and p_far.lowpass_hz is not None and p_far.lowpass_hz < 3000
    assert distance_cue(0.06) == (0.0, None)


def test_unplaced_contacts_become_events_without_sounds() -> None:
    """A generator places no sounds: the spotted contacts still become events (the one
    conversion), at their times, with their surface and object guesses."""
    from stemline.engine.foley.placement import contact_to_event

    ev = ContactEvent(-0.01, 0.2, 0.0, 0.05, 0.7, "slam", surface="wall", object="box")
    event = contact_to_event(ev)
    assert (event.start, event.label, event.sound, event.surface, event.object) == \
        (0.0, "slam", None, "wall", "box")
    assert contact_to_event(ContactEvent(1.5, 0, 0, 0.05, 0.5, "step", surface="sand")).surface == ""
