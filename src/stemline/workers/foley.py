"""Foley workers: spot and render with the Foley job, and re-render the track from edited events."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemline.core.project import FoleyEvent
from stemline.workers.base import Worker


@dataclass(frozen=True)
class FoleyResult:
    """The rendered Foley track and the spotted events as project events (made by the one
    conversion, :meth:`~stemline.engine.foley.placement.Placement.to_event`)."""

    track: Path | None
    events: tuple[FoleyEvent, ...]
    stats: dict[str, Any] = field(default_factory=dict)


class FoleyWorker(Worker):
    """Spot contacts in the video and render the Foley track into ``out_dir``."""

    title = "Foley"

    def __init__(self, media_path: str | Path, foley_root: Path, *,
                 library_dir: str | None = None, device: str = "auto",
                 voice: Path | None = None) -> None:
        super().__init__()
        self.media_path, self.foley_root = Path(media_path), Path(foley_root)
        self.voice = voice  # the voice stem, when separated: the room is read from its decays
        self.out_dir = self.foley_root
        self.library_dir, self.requested_device = library_dir or None, device

    def work(self) -> FoleyResult:
        from stemline.jobs.child import call_in_child
        from stemline.media.peaks import content_hash

        self.out_dir = self.foley_root / content_hash(self.media_path)
        # In a child process: the analysis is a Python loop over every frame, and in this
        # process it held the GIL the UI thread needs (50-70 ms stalls; see jobs/child.py).
        track, events, stats = call_in_child(
            "stemline.jobs.foley:foley_for_editor",
            dict(video=self.media_path, out_dir=self.out_dir, library=self.library_dir,
                 voice=str(self.voice) if self.voice else None),
            progress=self.report, cancel=self.cancel_token)
        return FoleyResult(track, events, stats)


@dataclass(frozen=True)
class FoleyRender:
    audio: Any  # float32 (frames, 2)
    pyramid: Any  # PeakPyramid
    generation: int = 0  # which request this answers (see FoleySync)


class FoleyRenderWorker(Worker):
    """Re-render the Foley track from the (edited) events with the one Foley renderer (the one
    every export uses). Runs after every edit of the events lane, so what you see in the lane
    is what you hear and what is exported."""

    title = "Rendering Foley"

    def __init__(self, events: list[Any], duration: float, sample_rate: int = 48000,
                 generation: int = 0) -> None:
        super().__init__()
        self.events, self.duration, self.sample_rate = events, duration, sample_rate
        self.generation = generation

    def work(self) -> FoleyRender:
        from stemline.engine.foley.render import FoleyRenderer
        from stemline.media.peaks import PyramidBuilder

        sr = self.sample_rate
        renderer = FoleyRenderer(self.events, int(round(self.duration * sr)), sample_rate=sr)
        out = renderer.render(check=self.cancel_token.check)
        # Build the pyramid block by block and let its sample-level zoom read the same buffer.
        builder = PyramidBuilder(sr, keep_samples=False)
        for i in range(0, out.shape[0], 1 << 20):
            builder.add(out[i:i + (1 << 20)])
        pyramid = builder.finish()
        pyramid.samples = out
        return FoleyRender(out, pyramid, self.generation)


def event_sounds(project: Any) -> list[Any]:
    """The project's events as the Foley renderer takes them."""
    from stemline.engine.foley.render import event_sounds as sounds

    return sounds(project)


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
