"""The hand-off to the editors users finish in: an OpenTimelineIO timeline.

Tracks: the source video; the voice, background and Foley stems as audio tracks (the Foley stem
carries a marker per event); and "Foley events" audio tracks with each event's sound as its own
clip, placed so its attack is on the event (overlapping sounds go to further tracks, since a
track can't overlap itself). Media references are relative to the .otio file, so the folder can
move. DaVinci Resolve reads .otio natively; Premiere and Kdenlive through their OTIO adapters.
"""
from __future__ import annotations

import os
from pathlib import Path

from stemline.core.project import Project
from stemline.engine.foley.library import SAMPLE_RATE
from stemline.engine.foley.render import SoundCache


def _ref(otio, target: Path, base: Path, frames: int, rate: float):  # noqa: ANN001, ANN202
    rel = Path(os.path.relpath(target.resolve(), base.resolve())).as_posix()
    rng = otio.opentime.TimeRange(otio.opentime.RationalTime(0, rate),
                                  otio.opentime.RationalTime(frames, rate))
    return otio.schema.ExternalReference(target_url=rel, available_range=rng), rng


def _event_lanes(events: list[tuple[float, float, object]]) -> list[list[tuple[float, float, object]]]:
    """Greedy lanes of non-overlapping (start, end, item), in time order."""
    lanes: list[list[tuple[float, float, object]]] = []
    for item in sorted(events, key=lambda e: e[0]):
        for lane in lanes:
            if lane[-1][1] <= item[0]:
                lane.append(item)
                break
        else:
            lanes.append([item])
    return lanes


def build_timeline(project: Project, otio_path: Path, stems: dict[str, Path], *,
                   fps: float | None = None):  # noqa: ANN201
    """The timeline as an ``opentimelineio.schema.Timeline``."""
    import opentimelineio as otio

    from stemline.media.probe import probe

    rt, tr = otio.opentime.RationalTime, otio.opentime.TimeRange
    base = otio_path.parent
    media = Path(project.media_path) if project.media_path else None
    name = media.stem if media else otio_path.stem
    info = probe(media) if media else None
    if fps is None:
        fps = float(info.video[0].fps) if info and info.has_video and info.video[0].fps else 25.0
    timeline = otio.schema.Timeline(name=name, global_start_time=rt(0, fps))
    duration = project.duration
    if media is not None and info is not None and info.has_video:
        track = otio.schema.Track(name="Video", kind=otio.schema.TrackKind.Video)
        ref, rng = _ref(otio, media, base, int(round(duration * fps)), fps)
        track.append(otio.schema.Clip(name=media.name, media_reference=ref, source_range=rng))
        timeline.tracks.append(track)
    frames = int(round(duration * SAMPLE_RATE))
    for kind in ("voice", "background", "foley"):
        if kind not in stems:
            continue
        track = otio.schema.Track(name=kind.capitalize(), kind=otio.schema.TrackKind.Audio)
        ref, rng = _ref(otio, stems[kind], base, frames, SAMPLE_RATE)
        clip = otio.schema.Clip(name=stems[kind].name, media_reference=ref, source_range=rng)
        if kind == "foley":
            for e in project.events:
                clip.markers.append(otio.schema.Marker(
                    name=e.label or "hit",
                    marked_range=tr(rt(round(e.start * SAMPLE_RATE), SAMPLE_RATE),
                                    rt(round(e.duration * SAMPLE_RATE), SAMPLE_RATE)),
                    metadata={"stemline": {"id": e.id, "sound": e.sound or "",
                                           "surface": e.surface, "object": e.object}}))
        track.append(clip)
        timeline.tracks.append(track)
    # each sound as a clip: its file starts ``onset`` before the event so the attack lands on it
    sounds = SoundCache()
    placed = []
    for e in project.events:
        if not e.sound:
            continue
        mono, onset = sounds.get(e.sound)
        length = len(mono)
        start = int(round((e.start - onset) * SAMPLE_RATE))
        cut = max(0, -start)  # a sound before time 0 loses its head
        end = min(frames, start + length)
        if end > start + cut:
            placed.append((start + cut, end, (e, cut, length)))
    for i, lane in enumerate(_event_lanes(placed)):
        track = otio.schema.Track(name=f"Foley events {i + 1}", kind=otio.schema.TrackKind.Audio)
        at = 0
        for start, end, (e, cut, length) in lane:
            if start > at:
                track.append(otio.schema.Gap(source_range=tr(rt(0, SAMPLE_RATE),
                                                            rt(start - at, SAMPLE_RATE))))
            ref, _ = _ref(otio, Path(e.sound), base, length, SAMPLE_RATE)
            track.append(otio.schema.Clip(
                name=e.label or Path(e.sound).stem, media_reference=ref,
                source_range=tr(rt(cut, SAMPLE_RATE), rt(end - start, SAMPLE_RATE)),
                metadata={"stemline": {"event": e.id, "event_time": e.start, "gain_db": e.gain_db,
                                       "pan": e.pan, "lowpass_hz": e.lowpass_hz}}))
            at = end
        timeline.tracks.append(track)
    return timeline


def write_timeline(project: Project, otio_path: Path, stems: dict[str, Path],
                   write_to: Path | None = None) -> Path:
    """Write the timeline to ``write_to`` (a staged name) or ``otio_path``; references are
    relative to ``otio_path``'s folder."""
    import opentimelineio as otio

    timeline = build_timeline(project, Path(otio_path), stems)
    target = Path(write_to or otio_path)
    otio.adapters.write_to_file(timeline, str(target), adapter_name="otio_json")
    return Path(otio_path)
