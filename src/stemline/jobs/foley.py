"""The Foley job for one video: spot events, choose and place sounds (or run a generator),
render ``foley.wav`` (48 kHz stereo, effects only, as long as the video) and ``events.json``.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, Iterator

import cv2
import numpy as np

from stemline.core.atomic import Staging, write_json_atomic
from stemline.core.errors import MediaError
from stemline.core.mixer import MixParams
from stemline.core.progress import CancelToken, Progress, ProgressCallback, sub_progress
from stemline.engine.foley.analysis import EventSpotter, precision_settings
from stemline.engine.foley.events import SpottingResult
from stemline.engine.foley.motion import prepare as prepare_frame
from stemline.engine.foley.generators import generate_track, load_generator
from stemline.engine.foley.library import SAMPLE_RATE, SoundInfo, SoundLibrary
from stemline.engine.foley.make_library import builtin_library_dir
from stemline.engine.foley.matching import SoundMatcher
from stemline.core.project import FoleyEvent, Project
from stemline.engine.foley.placement import Placement, place_events
from stemline.engine.foley.room_voice import ROOM_RATE
from stemline.media.encode import AudioWriter
from stemline.media.video import GrayFrame, iter_gray_frames, video_info, write_clip

# OpenCV's own thread pool only costs in spotting: its images are 320x180 at most, and the
# decoder already has the other cores. With one thread, 20 s of 720p takes 0.15-0.25 CPU-s
# less (1.93-2.01 -> 1.78-1.89 s, benchmarks/foley_speed.py's clip) in the same wall time,
# which a batch running several files at once gets back.
cv2.setNumThreads(1)

BLOCK = 65536
DOUBLED_POLICIES = ("quieter", "skip", "add")
#: How much lower a sound goes on a hit the soundtrack already has ("quieter").
QUIETER_DB = 10.0


@dataclass(frozen=True)
class FoleyOptions:
    """What the user can choose (same names and defaults in the CLI and the Python API).

    Attributes
    ----------
    precision : "low", "medium" or "high" (analysis resolution: speed vs timing and recall).
    spatial : pan and distance cues from the picture; off: every sound centred.
    library : a folder of the user's effects, used together with the built-in library.
    prompt : text that steers sound choice ("footsteps on gravel").
    generator : name of a configured neural generator; None uses the libraries.
    generator_command : a command template overriding the generator's configured one.
    seed : variation choice seed (reproducible output).
    doubled : what to do where the source's audio already holds the hit: "quieter" (place the
        sound :data:`QUIETER_DB` lower), "skip" (place nothing) or "add" (place it anyway); the
        event is marked either way.
    room : the room the sounds are given: "dry", "estimated" (the scene's own RT60, estimated
        blind from the video's audio) or a preset of ``stemline.core.project.ROOMS``.
    """

    precision: str = "high"
    spatial: bool = True
    library: Path | None = None
    prompt: str | None = None
    generator: str | None = None
    generator_command: str | None = None
    seed: int = 0
    doubled: str = "quieter"
    room: str = "dry"


@dataclass
class FoleyPlan:
    """Events and the sounds placed on them, before rendering."""

    video: Path
    duration: float
    spotting: SpottingResult
    placements: list[Placement]
    prompt_used: bool = False
    notes: list[str] = field(default_factory=list)
    #: placements left out because the soundtrack already holds their hit (doubled="skip")
    skipped: list[Placement] = field(default_factory=list)
    #: a rendered track replacing the placements (a generator's output), 48 kHz stereo
    audio: Path | None = None
    #: the room the sounds are given, and the scene's estimated RT60 (when asked for)
    room: str = "dry"
    room_rt60_s: float | None = None


@dataclass(frozen=True)
class FoleyTrack:
    """A rendered Foley track.

    Attributes
    ----------
    audio : foley.wav path.
    events : events.json path.
    plan : what was placed where.
    """

    audio: Path
    events: Path
    plan: FoleyPlan


def spot_video(path: str | Path, *, precision: str = "high", progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> SpottingResult:
    """Decode ``path`` at the analysis resolution and find its contact events and cuts."""
    path = Path(path)
    info = video_info(path)
    settings = precision_settings(precision)
    frames = iter_gray_frames(path, max_width=settings.width_for(info.width), progress=progress,
                              cancel=cancel, colour=True, prepare=prepare_frame)
    result = spot_frames(frames, info.fps, precision)
    if result is None:
        raise MediaError(f"{path}: no decodable video frames")
    return result


#: Frames held at the start until their own spacing gives the frame rate (see :func:`_own_rate`).
HELD_FRAMES = 12


def spot_frames(frames: Iterator[GrayFrame], nominal_fps: float, precision: str = "high"
                ) -> SpottingResult | None:
    """Contact events and cuts of analysis frames in presentation order, or None without any.

    The first :data:`HELD_FRAMES` are kept (their arrays must stay valid) until their spacing
    gives the frame rate; the rest are analysed as they come."""
    pictures = NewPictures(frames)
    frames = iter(pictures)
    first = list(islice(frames, HELD_FRAMES))
    if not first:
        return None
    h, w = first[0].pixels.shape
    rate = _own_rate([f.time for f in first], nominal_fps)
    if pictures.uneven:
        # most pictures of such a cadence are shown once, at the faster clock's spacing
        rate *= (pictures.period - 1) / pictures.period
    spotter = EventSpotter(w, h, rate, precision)
    for fr in chain(first, frames):
        # what prepare_frame made of it in the decode thread, when it ran there
        spotter.push(fr.time, fr.ready if fr.ready is not None else fr.pixels, fr.chroma)
    return spotter.finish()


#: A frame whose picture differs from the one before by under this mean (levels of 8-bit luma,
#: analysis size) and at most by REPEAT_MAX anywhere shows that picture again. On the rendered
#: scenes carried at twice their rate (``benchmarks/scenes3d/reformat.py --as double``), a
#: repeated frame differs by at most 0.05 on average and 9 anywhere after H.264; a new one by 1.9
#: and 16 at least (grain).
REPEAT_MEAN, REPEAT_MAX = 0.2, 12.0
#: Pictures over which the spans of a cadence are averaged: two cycles of every fourth twice.
CADENCE = 8


class NewPictures:
    """``frames`` without those that repeat a picture the frame before had moved to: material
    carried at a faster rate than its own (30 fps at 60, every frame twice; film on a faster
    rate, every fourth twice). Each repeat is a frame in which nothing moved and then everything
    moved twice as far, against the motion the spotter reads contacts from (F1 0.84 -> 0.14 on
    the rendered scenes at twice their rate). A picture that holds still after a frame that
    did not move is kept: a clean, still picture is not a repeat, and its frames keep the clip's
    rate; and after a frame left out the next is kept, so a slow or stopping thing loses at
    most every other frame.

    Where the repeats come at a steady period (:attr:`period`: the last two or three left out
    equally spaced, 2 to 6 frames apart, the last within :data:`CADENCE` frames), that is a
    cadence. A period over two (:attr:`uneven`) shows most pictures once and some twice, each
    first shown up to three quarters of its frame early: they are placed one mean span after the
    last as long as that falls within their own span (on the 40 seen scenes carried every fourth
    frame twice: F1 0.763 -> 0.834). A clean clip's stops are left out too, but never at a
    steady period: it keeps its times."""

    def __init__(self, frames: Iterator[GrayFrame]) -> None:
        self._frames = frames
        #: frames between repeats while a cadence holds, else None
        self.period: int | None = None

    @property
    def uneven(self) -> bool:
        """A cadence holds in which some pictures are shown once and some twice."""
        return self.period is not None and self.period > 2

    def __iter__(self) -> Iterator[GrayFrame]:
        prev: np.ndarray | None = None
        prev_moved = False  # the frame before was kept, and its picture had moved
        repeats: deque[int] = deque(maxlen=3)  # indices of the last repeats left out
        spans: deque[float] = deque(maxlen=CADENCE)
        shown_last = placed_last = None
        for fr in self._frames:
            still = False
            if prev is not None:
                d = cv2.absdiff(fr.pixels, prev)
                still = float(d.mean()) < REPEAT_MEAN and float(d.max()) <= REPEAT_MAX
            prev = fr.pixels
            if still and prev_moved:
                prev_moved = False
                repeats.append(fr.index)
                gaps = {b - a for a, b in zip(repeats, list(repeats)[1:])}
                self.period = gaps.pop() if len(gaps) == 1 and 2 <= min(gaps) <= 6 else None
                continue
            prev_moved = not still
            if self.period and fr.index - repeats[-1] > CADENCE - 1:
                self.period = None  # the cadence stopped
            if shown_last is not None:
                spans.append(fr.time - shown_last)
            at = fr.time
            if self.uneven and placed_last is not None:
                span = sum(spans) / len(spans)
                if span > 0.0 and fr.time - 1e-9 <= placed_last + span < fr.time + span:
                    at = placed_last + span
            shown_last, placed_last = fr.time, at
            yield fr if at == fr.time else replace(fr, time=at)


def _own_rate(times: list[float], nominal: float) -> float:
    """The rate a clip's first frames are spaced at, where it differs from the nominal rate by
    over 10 %. A variable-frame-rate file's average rate describes none of its frames (a phone
    clip at 50 fps, then 20): the spotter's frame is the spacing the clip starts with, and a
    slower stretch later is sampled more coarsely, not missing frames."""
    steps = np.diff(times)
    if len(steps) >= 4 and np.median(steps) > 0:
        own = 1.0 / float(np.median(steps))
        if abs(own - nominal) > 0.1 * nominal:
            return own
    return nominal


def video_duration(path: Path, spotting: SpottingResult | None = None) -> float:
    """Duration of the video stream (what the Foley track must match)."""
    info = video_info(path)
    if info.duration > 0:
        return info.duration
    if spotting is not None and spotting.duration > 0:
        return spotting.duration
    raise MediaError(f"{path}: video duration unknown")


def library_sounds(library: Path | None, *, cancel: CancelToken | None = None) -> list[SoundInfo]:
    """Built-in sounds plus the user's library (when given)."""
    sounds = list(SoundLibrary.open(builtin_library_dir(), cancel=cancel).sounds)
    if library is not None:
        sounds += SoundLibrary.open(library, cancel=cancel).sounds
    return sounds


def plan_foley(video: str | Path, options: FoleyOptions = FoleyOptions(), *,
               progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
               voice: Path | None = None) -> FoleyPlan:
    """Spot events in ``video`` and place a sound on each. ``voice``: the source's voice stem,
    when separated, for the room estimate."""
    video = Path(video)
    spotting = spot_video(video, precision=options.precision, progress=progress, cancel=cancel)
    duration = video_duration(video, spotting)
    sounds = library_sounds(options.library, cancel=cancel)
    matcher = SoundMatcher(sounds, options.prompt, seed=options.seed)
    placements = place_events(list(spotting.events), matcher, spatial=options.spatial)
    notes = []
    if options.prompt and not matcher.prompt_used:
        notes.append(f"prompt {options.prompt!r} matched no sound; chose by event type")
    placements, skipped = mark_doubled(video, placements, options.doubled, cancel=cancel)
    plan = FoleyPlan(video, duration, spotting, placements, matcher.prompt_used, notes, skipped,
                     room=options.room)
    if options.room == "estimated":
        plan.room_rt60_s = estimate_room(video, voice=voice, progress=progress, cancel=cancel)
        if plan.room_rt60_s is None:
            notes.append("too little audio to estimate the room; sounds left dry")
    return plan


#: The separated background's share of the source (dB) from which its voice is read rather
#: than the source itself: a music bed 12 dB under the voice or louder leaves -13.5 dB or more,
#: a voice with only its room and noise -22 to -28 dB (benchmarks/room_rt60_mixed.py's voices).
#: Without music the source reads better than its separated voice (195 against 182 of the 210
#: rooms of benchmarks/room_rt60.py, ``--separated``); under music the voice far better.
BED_DB = -16.0


def estimate_room(video: Path, *, voice: Path | None = None, seconds: float = 120.0,
                  separate: bool = True, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> float | None:
    """The scene's RT60 from the decays in its first ``seconds`` of audio: the voice stem's when
    there is one; without one (and ``separate``), the voice the bundled Spleeter separates from
    those seconds when they hold a music or effects bed (the separated background at
    ``BED_DB`` or more); else, or when the voice has too few decays, the source's own audio.
    None without audio or without enough decays.

    A voice first because music and effects fill the gaps the decays are read in: under a music
    bed as loud as the reverberant voice or 6 dB under it, the Spleeter voice stem reads 32 of
    32 rooms within 25 %, the mixture 26 (``benchmarks/room_rt60_mixed.py``, 7 December). The
    separation costs about a second per 30 s of audio on two CPU cores; ``progress`` hears it as
    stage "room" in seconds of audio."""
    from stemline.engine.foley.room import estimate_rt60

    def heard() -> Iterator[tuple[np.ndarray | None, bool]]:
        # one at a time: the source is decoded only when the voice gave no estimate
        if voice is not None:
            yield _opening(Path(voice), seconds), True
        elif separate:
            yield _voice_under_a_bed(Path(video), seconds, progress, cancel), True
        yield _opening(Path(video), seconds), False

    for audio, separated in heard():
        if audio is not None:
            rt60 = estimate_rt60(audio, ROOM_RATE, str(video), separated=separated).rt60_s
            if rt60 is not None:
                return rt60
    return None


def _opening(path: Path, seconds: float, rate: int = ROOM_RATE, channels: int = 1) -> np.ndarray | None:
    """The first ``seconds`` of ``path``'s audio, (frames, channels) float32 at ``rate`` (mono:
    frames only); None without audio."""
    from stemline.media.decode import iter_audio
    from stemline.media.probe import probe

    info = probe(path)
    if not info.has_audio:
        return None
    blocks, got = [], 0
    for block in iter_audio(path, info=info, sample_rate=rate, channels=channels):
        blocks.append(block.astype(np.float32))
        got += len(block)
        if got >= seconds * rate:
            break
    if not blocks:
        return None
    audio = np.concatenate(blocks)[: int(seconds * rate)]
    return audio[:, 0] if channels == 1 else audio


def _voice_under_a_bed(video: Path, seconds: float, progress: ProgressCallback | None,
                       cancel: CancelToken | None) -> np.ndarray | None:
    """The voice of ``video``'s first ``seconds``, separated by the bundled Spleeter as
    ``process`` separates it (the room model learnt what that separation does to the tails),
    mono at ``ROOM_RATE``; None without audio, or when the separated background holds less than
    ``BED_DB`` of the source (no bed to take away: the source reads better)."""
    from stemline.engine.foley.room_voice import separated_voice
    from stemline.engine.separation.registry import DEFAULT_MODEL, load_separator

    rate = 44100
    audio = _opening(video, seconds, rate, channels=2)
    if audio is None:
        return None
    heard_s = len(audio) / rate

    def report(p: Progress) -> None:
        progress(Progress("room", heard_s * p.fraction, heard_s, "s",
                          "separating the voice to hear the room"))
    found = separated_voice(audio, rate, load_separator(DEFAULT_MODEL),
                            progress=report if progress is not None else None, cancel=cancel)
    return found.voice if found.bed_db >= BED_DB else None


def mark_doubled(video: Path, placements: list[Placement], policy: str = "quieter", *,
                 cancel: CancelToken | None = None) -> tuple[list[Placement], list[Placement]]:
    """(placements to keep, placements skipped): each marked ``audible`` where the video's own
    audio already has a hit within ±30 ms at about the sound's level, and handled by ``policy``.
    A video without audio keeps everything as it is."""
    from dataclasses import replace

    from stemline.engine.foley.audible import heard_in_stream
    from stemline.media.decode import iter_audio
    from stemline.media.probe import probe

    if policy not in DOUBLED_POLICIES:
        raise ValueError(f"doubled must be one of {', '.join(DOUBLED_POLICIES)}, not {policy!r}")
    info = probe(video)
    if not placements or not info.has_audio:
        return placements, []
    rate = info.audio[0].sample_rate
    heard = heard_in_stream(iter_audio(video, info=info, cancel=cancel), rate,
                            [p.event.time for p in placements])
    keep, skipped = [], []
    for p, h in zip(placements, heard):
        if not h.audible_against(p.sound.peak_db + p.gain_db):
            keep.append(p)
        elif policy == "skip":
            skipped.append(replace(p, audible=True))
        else:
            keep.append(replace(p, audible=True,
                                gain_db=p.gain_db - (QUIETER_DB if policy == "quieter" else 0.0)))
    return keep, skipped


def add_plan(project: Project, plan: FoleyPlan, spatial: bool = True) -> Project:
    """Put ``plan`` on ``project``'s Foley track: its placements as events, or a generator's
    track as the Foley source."""
    fol = project.track("foley")
    fol.auto_pan = spatial
    fol.room, fol.room_rt60_s = plan.room, plan.room_rt60_s
    if plan.audio is not None:
        fol.source = str(plan.audio)
    for placement in plan.placements:
        project.insert_event(placement.to_event())
    return project


def iter_plan_blocks(plan: FoleyPlan, *, block_frames: int = BLOCK,
                     cancel: CancelToken | None = None) -> Iterator[np.ndarray]:
    """The planned Foley track alone, limited, as stereo 48 kHz blocks (what foley.wav holds):
    rendered like any project, through the one renderer."""
    from stemline.jobs.render import render_project

    project = add_plan(Project(duration=plan.duration, sample_rate=float(SAMPLE_RATE)), plan)
    params = MixParams.from_project(project, monitor=False).only("foley")
    return render_project(project, params, block=block_frames, cancel=cancel)


def events_document(plan: FoleyPlan, options: FoleyOptions) -> dict[str, Any]:
    """The events.json content."""
    sp = plan.spotting
    return {
        "version": 1,
        "video": str(plan.video),
        "duration": round(plan.duration, 4),
        "fps": sp.fps,
        "analysis_size": list(sp.size),
        "precision": options.precision,
        "spatial": options.spatial,
        "prompt": options.prompt,
        "prompt_used": plan.prompt_used,
        "generator": options.generator,
        "cuts": [round(c, 4) for c in sp.cuts],
        "notes": plan.notes,
        "doubled": options.doubled,
        "room": plan.room,
        "room_rt60_s": None if plan.room_rt60_s is None else round(plan.room_rt60_s, 3),
        "events": [p.to_dict() for p in plan.placements] if plan.placements
        else [e.to_dict() for e in sp.events],
        # hits the soundtrack already has, left without a sound (doubled="skip")
        "skipped_audible": [p.to_dict() for p in plan.skipped],
    }


def write_json(path: Path, doc: dict[str, Any]) -> None:
    """Write JSON atomically (the one helper every output uses)."""
    write_json_atomic(path, doc, indent=1)


def write_blocks(path: Path, blocks: Iterator[np.ndarray], *, sources: tuple[Path, ...] = (),
                 bit_depth: int = 24) -> Path:
    """Write stereo 48 kHz blocks to a WAV that appears only when complete."""
    with AudioWriter(path, SAMPLE_RATE, 2, "wav", bit_depth=bit_depth, sources=sources) as w:
        for b in blocks:
            w.write(b)
    return path


def generated_blocks(video: Path, duration: float, options: FoleyOptions, *,
                     progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> Iterator[np.ndarray]:
    """The Foley track from the configured neural generator as 48 kHz stereo blocks (not
    limited: the mix's limiter does that once, on the sum)."""
    spec = load_generator(options.generator or "", command=options.generator_command)

    def cut(start: float, end: float, path: Path) -> None:
        write_clip(video, path, start, end, cancel=cancel)

    yield from generate_track(spec, duration, cut, prompt=options.prompt or "",
                              progress=progress, cancel=cancel)


def attach_generated(plan: FoleyPlan, options: FoleyOptions, folder: Path, *,
                     progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> FoleyPlan:
    """Run the configured generator and make its track the plan's audio."""
    plan.placements = []
    plan.audio = write_blocks(folder / "foley-generated.wav",
                              generated_blocks(plan.video, plan.duration, options,
                                               progress=progress, cancel=cancel),
                              sources=(plan.video,), bit_depth=32)
    return plan


def render_foley(video: str | Path, out_dir: str | Path, options: FoleyOptions = FoleyOptions(), *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> FoleyTrack:
    """Make ``out_dir/foley.wav`` and ``out_dir/events.json`` for ``video``.

    Raises
    ------
    MediaError
        Unreadable or video-less input, an empty user library.
    OutputError
        When the outputs can't be written.
    Cancelled
        When ``cancel`` is set; nothing partial is left behind.
    """
    video = Path(video)
    # A folder this run makes is removed again if it fails (a broken or video-less input, a
    # cancel): nothing is left behind, not even an empty folder.
    with Staging() as staging:
        out_dir = staging.folder(out_dir)
        return _render_foley(video, out_dir, options, progress, cancel)


def _render_foley(video: Path, out_dir: Path, options: FoleyOptions,
                  progress: ProgressCallback | None, cancel: CancelToken | None) -> FoleyTrack:
    if options.generator:
        # events are still spotted (events.json documents them); the audio is the generator's
        plan = plan_foley(video, options, progress=sub_progress(progress, "analyse", 0.0, 0.2),
                          cancel=cancel)
        attach_generated(plan, options, out_dir,
                         progress=sub_progress(progress, "generate", 0.2, 0.95), cancel=cancel)
    else:
        # analysis is nearly all the work: report it as is (seconds of video)
        plan = plan_foley(video, options, progress=progress, cancel=cancel)
    generated = plan.audio
    try:
        audio = write_blocks(out_dir / "foley.wav", iter_plan_blocks(plan, cancel=cancel),
                             sources=(video,))
    finally:
        if generated is not None:
            Path(generated).unlink(missing_ok=True)  # rendered into foley.wav (or cancelled)
    if generated is not None:
        plan.audio = audio
    events = out_dir / "events.json"
    write_json(events, events_document(plan, options))
    if progress is not None:
        progress(Progress("done", plan.duration, plan.duration, "s"))
    return FoleyTrack(audio, events, plan)


def foley_for_editor(video: str | Path, out_dir: str | Path, library: str | None = None, *,
                     progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
                     voice: str | None = None) -> tuple[Path, tuple[FoleyEvent, ...], dict[str, Any]]:
    """What the editor's Foley lane takes from a run: the track, the events as project events
    (the placements, or the spotted contacts when nothing was placed) and the analysis figures,
    with the scene's estimated RT60 as ``room_rt60_s`` (None when its audio can't tell; read from
    the ``voice`` stem when there is one).
    Small on purpose: the editor runs this in a child process (:mod:`stemline.jobs.child`)."""
    from stemline.engine.foley.placement import contact_to_event

    options = FoleyOptions(library=Path(library) if library else None)

    def until_done(p: Progress) -> None:
        # the run is done once the room is heard too: "done" is said once, at the very end
        if progress is not None and p.stage != "done":
            progress(p)
    track = render_foley(video, out_dir, options, progress=until_done, cancel=cancel)
    events = [p.to_event() for p in track.plan.placements]
    if not events:  # nothing placed (e.g. a generator): show the spotted contacts
        events = [contact_to_event(e) for e in track.plan.spotting.events]
    stats = dict(getattr(track.plan.spotting, "stats", {}) or {})
    # the scene's room, heard in its audio: the Foley header offers it as "estimated"
    stats["room_rt60_s"] = estimate_room(Path(video), voice=Path(voice) if voice else None,
                                         progress=progress, cancel=cancel)
    if progress is not None:
        progress(Progress("done", track.plan.duration, track.plan.duration, "s"))
    return Path(track.audio), tuple(events), stats
