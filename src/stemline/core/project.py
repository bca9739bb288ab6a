"""The project model: one media file, its four audio tracks and the spotted Foley events.

Every attribute is a validating, evented :class:`~stemline.core.fields.Field`. Widgets listen to
``changed``; they never set attributes themselves but push commands onto
:class:`~stemline.core.history.History` (the only way a project is edited).
"""
from __future__ import annotations

import itertools
import uuid
from typing import Any, Iterator

from stemline.core.events import Signal
from stemline.core.fields import (Field, boolean, choice, float_range, min_float, optional,
                                  optional_text, text)

TRACK_KINDS = ("original", "voice", "background", "foley")
#: Gain range of a track fader; -60 dB is treated as silence by the mixer.
GAIN_MIN_DB, GAIN_MAX_DB = -60.0, 12.0


class Model:
    """Base of evented models: a ``changed(name, value)`` signal and field snapshots."""

    _fields: dict[str, Field[Any]] = {}

    def __init__(self, **values: Any) -> None:
        self.changed = Signal()
        for name, value in values.items():
            if name not in self._fields:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            setattr(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """Plain values of every field (what serialization stores)."""
        return {name: getattr(self, name) for name in self._fields}

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.to_dict().items())
        return f"{type(self).__name__}({inner})"


#: The room Foley sounds are given: none, the scene's own (estimated from its audio), or a preset
#: (RT60s in ``stemline.engine.foley.room.PRESETS``).
ROOMS = ("dry", "estimated", "small room", "living room", "hall", "church")


class Track(Model):
    """One audio lane with its live mix controls.

    ``suppression`` means music suppression on the background track and noise suppression between
    words on the voice track (0 = off, 1 = full); ``ducking`` is how far the background dips under
    the voice. ``auto_pan`` (Foley only) places each event where its source is in the picture;
    ``room`` (Foley only, see :data:`ROOMS`) is the room its sounds are given, and ``room_rt60_s``
    the scene's RT60 estimated from its own audio (None: not estimated, or too little audio to
    tell), used when ``room`` is "estimated". Older projects are dry.

    ``ambience_source`` (background only) is the ambience part of the background stem (rain,
    traffic, room tone: :mod:`stemline.engine.separation.ambience`); with it, music suppression
    acts on the rest (the music) alone and ``ambience_db`` sets the ambience's own level.
    ``surround`` (Foley only) is the share of the Foley also sent to the surrounds of a 5.1 mix.
    """

    name = Field("", text)
    kind = Field("original", choice(*TRACK_KINDS))
    source = Field[str | None](None, optional_text)
    gain_db = Field(0.0, float_range(GAIN_MIN_DB, GAIN_MAX_DB))
    mute = Field(False, boolean)
    solo = Field(False, boolean)
    suppression = Field(0.0, float_range(0.0, 1.0))
    ducking = Field(0.0, float_range(0.0, 1.0))
    pan = Field(0.0, float_range(-1.0, 1.0))
    width = Field(1.0, float_range(0.0, 1.0))
    auto_pan = Field(False, boolean)
    room = Field("dry", choice(*ROOMS))
    room_rt60_s = Field[float | None](None, optional(float_range(0.05, 10.0)))
    ambience_source = Field[str | None](None, optional_text)
    ambience_db = Field(0.0, float_range(GAIN_MIN_DB, GAIN_MAX_DB))
    surround = Field(0.0, float_range(0.0, 1.0))


_event_ids = itertools.count(1)


def new_event_id() -> str:
    """A short id unique within this process and across saved projects."""
    return f"ev-{next(_event_ids)}-{uuid.uuid4().hex[:6]}"


#: What a contact can be on ("" = not known), in the order the editor offers them.
SURFACES = ("wood", "tile", "stone", "carpet", "metal", "glass", "wall")
#: What can make one ("" = not known).
OBJECTS = ("ball", "box", "foot")


def known_or_blank(value: Any, options: tuple[str, ...]) -> str:
    """``value`` when it is one of ``options``, else "" (older files, other tools' labels)."""
    return value if isinstance(value, str) and value in options else ""


class FoleyEvent(Model):
    """A spotted (or hand-placed) Foley hit: when, how long, and which sound plays.

    ``surface`` and ``object`` are the analysis's guess of what was hit and what hit it (the
    user can correct them); the sound was chosen to fit them.
    """

    id = Field("", text)
    start = Field(0.0, min_float(0.0))
    duration = Field(0.25, float_range(0.001, 60.0))
    label = Field("", text)
    sound = Field[str | None](None, optional_text)
    gain_db = Field(0.0, float_range(GAIN_MIN_DB, GAIN_MAX_DB))
    pan = Field(0.0, float_range(-1.0, 1.0))
    #: Distance cue: a small, far object sounds duller (None: full bandwidth).
    lowpass_hz = Field[float | None](None, optional(float_range(20.0, 96000.0)))
    surface = Field("", choice("", *SURFACES))
    object = Field("", choice("", *OBJECTS))
    #: The source's own audio already has this hit (the sound was placed quieter, or by choice).
    audible = Field(False, boolean)

    def __init__(self, **values: Any) -> None:
        values.setdefault("id", new_event_id())
        super().__init__(**values)

    @property
    def end(self) -> float:
        return self.start + self.duration


class Project(Model):
    """The document the editor shows and saves.

    Attributes
    ----------
    media_path : absolute path of the source media (relative only inside the saved file).
    tracks : Original, Voice, Background, Foley, always in this order.
    events : Foley events in insertion order; ``events_changed(kind, event)`` says
        "added"/"removed".
    """

    media_path = Field[str | None](None, optional_text)
    duration = Field(0.0, min_float(0.0))
    #: The model that made the voice and background stems, as `stemline models list` names it.
    separation_model = Field[str | None](None, optional_text)
    sample_rate = Field(48000.0, min_float(1.0, inclusive=False))

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.tracks: list[Track] = [Track(name=k.capitalize(), kind=k) for k in TRACK_KINDS]
        self.tracks[3].auto_pan = True
        self._events: list[FoleyEvent] = []
        # id -> event, for the duplicate check and lookups: a spotting result is hundreds of
        # events added one by one, and a scan per insert made that quadratic (1000: 3.5 s)
        self._ids: dict[str, FoleyEvent] = {}
        self.events_changed = Signal()

    def track(self, kind: str) -> Track:
        """The track of ``kind`` ("original", "voice", "background" or "foley")."""
        for track in self.tracks:
            if track.kind == kind:
                return track
        raise KeyError(kind)

    @property
    def events(self) -> tuple[FoleyEvent, ...]:
        return tuple(self._events)

    @property
    def event_count(self) -> int:
        return len(self._events)

    def event(self, event_id: str) -> FoleyEvent:
        event = self._ids.get(event_id)
        if event is None or event.id != event_id:
            raise KeyError(event_id)
        return event

    def insert_event(self, event: FoleyEvent, index: int | None = None) -> None:
        """Add ``event`` (use :class:`~stemline.core.history.AddEvent` from the UI)."""
        if event.id in self._ids:
            raise ValueError(f"an event with id {event.id!r} is already in the project")
        self._events.insert(len(self._events) if index is None else index, event)
        self._ids[event.id] = event
        self.events_changed.emit("added", event)

    def remove_event(self, event: FoleyEvent) -> int:
        """Remove ``event``; returns its former index so undo can put it back in place."""
        index = self._events.index(event)
        del self._events[index]
        self._ids.pop(event.id, None)
        self.events_changed.emit("removed", event)
        return index

    def iter_models(self) -> Iterator[Model]:
        yield self
        yield from self.tracks
        yield from self._events
