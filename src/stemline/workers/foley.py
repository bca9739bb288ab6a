"""Foley workers: spot and render with the Foley job, and re-render the track from edited events."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemline.workers.base import Worker


@dataclass(frozen=True)
class FoleyResult:
    """The rendered Foley track and the spotted events as plain dicts.

    Each event dict has at least ``time`` (s); optional ``duration``, ``kind``/``label``,
    ``sound``, ``x`` (-1..1, for auto-pan), ``strength``.
    """

    track: Path | None
    events: tuple[dict[str, Any], ...]
    stats: dict[str, Any] = field(default_factory=dict)


def _event_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return dict(item)
    to_dict = getattr(item, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    return {k: getattr(item, k) for k in ("time", "duration", "kind", "sound", "x")
            if hasattr(item, k)}


def _placement_dict(placement: Any) -> dict[str, Any]:
    """A placed sound as the window wants it: when, how long, which file, where."""
    event, sound = placement.event, placement.sound
    return {"time": float(event.time), "kind": event.kind, "x": float(event.x),
            "surface": event.surface, "object": event.object,
            "sound": str(sound.path), "duration": float(max(0.05, min(sound.duration, 5.0))),
            "pan": float(placement.pan), "gain_db": float(placement.gain_db),
            "lowpass_hz": placement.lowpass_hz}


class FoleyWorker(Worker):
    """Spot contacts in the video and render the Foley track into ``out_dir``."""

    title = "Foley"

    def __init__(self, media_path: str | Path, foley_root: Path, *,
                 library_dir: str | None = None, device: str = "auto") -> None:
        super().__init__()
        self.media_path, self.foley_root = Path(media_path), Path(foley_root)
        self.out_dir = self.foley_root
        self.library_dir, self.requested_device = library_dir or None, device

    def work(self) -> FoleyResult:
        from stemline.jobs.foley import FoleyOptions, render_foley
        from stemline.media.peaks import content_hash

        self.out_dir = self.foley_root / content_hash(self.media_path)
        options = FoleyOptions(library=Path(self.library_dir) if self.library_dir else None)
        track = render_foley(self.media_path, self.out_dir, options, progress=self.report,
                             cancel=self.cancel_token)
        events = [_placement_dict(p) for p in track.plan.placements]
        if not events:  # nothing placed (e.g. a generator): show the spotted contacts
            events = [_event_dict(e) for e in track.plan.spotting.events]
        return FoleyResult(Path(track.audio), tuple(events),
                           dict(getattr(track.plan.spotting, "stats", {}) or {}))

    @staticmethod
    def _normalise(result: Any) -> FoleyResult:
        get = result.get if isinstance(result, dict) else (lambda k, d=None: getattr(result, k, d))
        track = get("foley", None) or get("track", None) or get("path", None)
        events = get("events", ()) or ()
        stats = get("stats", {}) or {}
        return FoleyResult(Path(track) if track else None,
                           tuple(_event_dict(e) for e in events), dict(stats))


@dataclass(frozen=True)
class EventSound:
    """One event to render: the sound's attack lands on ``time``."""

    time: float
    sound: str
    gain_db: float
    pan: float
    lowpass_hz: float | None = None


@dataclass(frozen=True)
class FoleyRender:
    audio: Any  # float32 (frames, 2)
    pyramid: Any  # PeakPyramid


class FoleyRenderWorker(Worker):
    """Re-render the Foley track from the (edited) events: each sound's attack on its event time,
    equal-power panned, at its gain. Runs after every edit of the events lane, so what you see in
    the lane is what you hear."""

    title = "Rendering Foley"

    def __init__(self, events: list[EventSound], duration: float, sample_rate: int = 48000
                 ) -> None:
        super().__init__()
        self.events, self.duration, self.sample_rate = events, duration, sample_rate

    def work(self) -> FoleyRender:
        import numpy as np

        from stemline.engine.foley.library import SAMPLE_RATE, analyse_sound, read_sound
        from stemline.engine.foley.placement import render_sound
        from stemline.media.peaks import PyramidBuilder

        sr = self.sample_rate
        if sr != SAMPLE_RATE:
            raise ValueError(f"Foley renders at {SAMPLE_RATE} Hz, not {sr}")
        out = np.zeros((int(round(self.duration * sr)), 2), np.float32)
        sounds: dict[str, tuple[np.ndarray, float]] = {}
        for ev in self.events:
            self.cancel_token.check()
            if ev.sound not in sounds:
                mono = read_sound(ev.sound)
                sounds[ev.sound] = (mono, analyse_sound(mono)["onset"])
            mono, onset = sounds[ev.sound]
            start = int(round((ev.time - onset) * sr))
            a, b = max(0, start), min(out.shape[0], start + mono.shape[0])
            if a >= b:
                continue
            # The export path's renderer, so the editor plays exactly what `process` writes.
            out[a:b] += render_sound(mono, ev.gain_db, ev.pan, ev.lowpass_hz, sr)[a - start:b - start]
        # np.zeros pages cost no memory until written: a two-hour track with a few hundred
        # sounds stays small. Build the pyramid block by block and let its sample-level zoom
        # read the same buffer, so nothing touches the silent stretches.
        builder = PyramidBuilder(sr, keep_samples=False)
        for i in range(0, out.shape[0], 1 << 20):
            builder.add(out[i:i + (1 << 20)])
        pyramid = builder.finish()
        pyramid.samples = out
        return FoleyRender(out, pyramid)


@functools.lru_cache(maxsize=4)
def _sounds(library: str | None) -> tuple[Any, ...]:
    from stemline.jobs.foley import library_sounds

    return tuple(library_sounds(Path(library) if library else None))


def pick_sound(kind: str, surface: str, obj: str, library: str | None = None) -> str | None:
    """The sound the analysis would choose for an event of ``kind`` with this surface and object
    (built-in sounds plus the user's library, indexed once per session): how a correction of
    the surface or object in the inspector re-picks the sound. None when there are no sounds."""
    from stemline.engine.foley.events import ContactEvent
    from stemline.engine.foley.matching import SoundMatcher

    sounds = list(_sounds(library))
    if not sounds:
        return None
    ev = ContactEvent(0.0, 0.0, 0.0, 0.05, 0.8, kind if kind in ("impact", "landing", "slam", "step")
                      else "impact", surface=surface, object=obj)
    return SoundMatcher(sounds).choose(ev).path


@dataclass(frozen=True)
class SoundEntry:
    """One sound as the browser lists it."""

    path: str
    name: str
    category: str
    subcategory: str
    words: tuple[str, ...]
    duration: float
    source: str  # "built-in" or "library"


def list_sounds(library: str | None = None) -> list[SoundEntry]:
    """Built-in sounds and the user's library, for the sound browser (indexed once per
    session; the index is cached on disk by the library itself)."""
    from stemline.jobs.foley import builtin_library_dir

    builtin = str(builtin_library_dir())
    return [SoundEntry(s.path, Path(s.path).stem, s.category, s.subcategory, tuple(s.words),
                       s.duration, "built-in" if s.path.startswith(builtin) else "library")
            for s in _sounds(library)]


def preview_audio(path: str, sample_rate: int = 48000) -> Any:
    """A sound as float32 stereo at ``sample_rate``, for previewing it over the mix."""
    from stemline.media.decode import read_audio

    audio, _rate = read_audio(Path(path), sample_rate=sample_rate, channels=2)
    return audio


class SoundListWorker(Worker):
    """Index the built-in and user sounds for the sound browser (a second or two, once)."""

    title = "Indexing sounds"

    def __init__(self, library: str | None) -> None:
        super().__init__()
        self.library = library

    def work(self) -> list[SoundEntry]:
        return list_sounds(self.library)


class PreviewWorker(Worker):
    """Decode one sound for a preview."""

    title = "Preview"

    def __init__(self, path: str, sample_rate: int = 48000) -> None:
        super().__init__()
        self.path, self.sample_rate = path, sample_rate

    def work(self) -> Any:
        return preview_audio(self.path, self.sample_rate)
