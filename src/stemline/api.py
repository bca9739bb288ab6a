"""The Python API.

    import stemline
    project = stemline.load("input_video.mp4")
    result = project.generate_foley(enable_spatial_audio=True, match_precision="high",
                                    background_music_suppression=0.3)
    result.export("output_with_foley.mp4")

Parameters and defaults are those of ``stemline foley`` / ``stemline process``.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stemline.core.errors import MediaError
from stemline.core.progress import CancelToken, ProgressCallback
from stemline.core.settings import Settings
from stemline.jobs.foley import (FoleyOptions, FoleyPlan, attach_generated, events_document,
                                 iter_plan_blocks, plan_foley, write_blocks, write_json)
from stemline.core.mixer import DEFAULT_DUCKING
from stemline.jobs.export import ExportRequest
from stemline.jobs.process import MixOptions, ProcessResult, run_process
from stemline.media.probe import MediaInfo, probe


@dataclass
class FoleyResult:
    """Spotted events with their placed sounds, ready to export.

    Attributes
    ----------
    project : the media it belongs to.
    plan : events, cuts and placements (``plan.placements[i].event.time`` etc.).
    options, mix : the settings it was made with (used by :meth:`export`).
    """

    project: MediaProject
    plan: FoleyPlan
    options: FoleyOptions
    mix: MixOptions
    separator: Any = None

    def __repr__(self) -> str:
        spatial = "spatial" if self.options.spatial else "centred"
        return (f"FoleyResult({self.project.path.name!r}: {len(self.plan.placements)} sounds on "
                f"{len(self.plan.spotting.events)} events, {len(self.plan.spotting.cuts)} cuts, "
                f"precision={self.options.precision!r}, {spatial}, "
                f"music_suppression={self.mix.music_suppression}, ducking={self.mix.ducking})")

    @property
    def events(self) -> list[dict[str, Any]]:
        """Per event: time, position, strength, chosen sound, gain, pan (as in events.json)."""
        return list(events_document(self.plan, self.options)["events"])

    def export(self, path: str | Path | None = None, *, stems: str | Path | None = None,
               karaoke: str | Path | None = None, timeline: str | Path | None = None,
               loudness: float | None = None, true_peak: float = -1.0,
               keep_original_audio: bool = False, bit_depth: int = 24,
               karaoke_format: str | None = None, karaoke_foley: bool = False,
               guide_db: float = -15.0, save_project: str | Path | None = None,
               channels: str = "stereo", with_stereo: bool = False,
               progress: ProgressCallback | None = None,
               cancel: CancelToken | None = None) -> ProcessResult:
        """Separate, mix voice + background + Foley, and write every deliverable asked for
        (the options of ``stemline export``; they combine).

        ``path``: a video suffix (.mp4, .mov, .mkv) gives a copy of the video with its picture
        stream copied and the new audio; an audio suffix (.wav, .flac, .m4a, .mp3, .aac, .opus)
        gives the mix as audio. ``stems``/``karaoke`` are folders, ``timeline`` an .otio file,
        ``loudness`` a target in LUFS (with a ``true_peak`` ceiling in dBTP), ``channels`` the
        mix's layout ("stereo" or "5.1", ``with_stereo`` adding the stereo mix beside a 5.1 one).
        Returns what was written (``.outputs``) and measured (``.loudness``).
        """
        request = ExportRequest(
            bit_depth=bit_depth, keep_original_audio=keep_original_audio,
            stems=Path(stems) if stems else None, karaoke=Path(karaoke) if karaoke else None,
            karaoke_format=karaoke_format, karaoke_foley=karaoke_foley, guide_db=guide_db,
            timeline=Path(timeline) if timeline else None, loudness=loudness, true_peak=true_peak,
            channels=channels, with_stereo=with_stereo)
        out = Path(path) if path else None
        if out is None:  # deliverables only: the mix goes to a scratch file that is removed
            out = Path(tempfile.mkdtemp(prefix="stemline-")) / "mix.wav"
        try:
            return run_process(
                self.project.path, out, foley=True, foley_options=self.options, mix=self.mix,
                separator=self.separator, foley_plan=self.plan, export=request,
                save_project=Path(save_project) if save_project else None,
                progress=progress, cancel=cancel)
        finally:
            if path is None:
                out.unlink(missing_ok=True)
                out.parent.rmdir()

    def export_foley(self, folder: str | Path) -> tuple[Path, Path]:
        """Write ``folder/foley.wav`` (effects only, 48 kHz stereo) and ``folder/events.json``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        audio = write_blocks(folder / "foley.wav", iter_plan_blocks(self.plan),
                             sources=(self.project.path,))
        events = folder / "events.json"
        write_json(events, events_document(self.plan, self.options))
        return audio, events


@dataclass
class MediaProject:
    """A loaded media file (see :func:`load`)."""

    def __repr__(self) -> str:
        kind = "video" if self.info.has_video else "audio"
        return f"MediaProject({str(self.path)!r}, {kind}, {self.info.duration:.2f} s)"

    path: Path
    info: MediaInfo
    separator: Any = field(default=None, repr=False)

    def generate_foley(self, *, enable_spatial_audio: bool = True, match_precision: str = "high",
                       background_music_suppression: float = 0.0, library: str | Path | None = None,
                       prompt: str | None = None, generator: str | None = None,
                       voice_gain_db: float = 0.0, background_gain_db: float = 0.0,
                       foley_gain_db: float = 0.0, duck: bool = False,
                       ducking: float | None = None, seed: int = 0,
                       progress: ProgressCallback | None = None,
                       cancel: CancelToken | None = None) -> FoleyResult:
        """Spot the actions in the video and place a sound on each.

        Parameters
        ----------
        enable_spatial_audio : pan and distance from the picture (``--no-spatial`` turns it off).
        match_precision : "low", "medium" or "high" (``--precision``).
        background_music_suppression : background amplitude x (1 - s) on export
            (``--music-suppression``).
        library, prompt, generator : as ``--library`` (default: the ``library_dir`` setting),
            ``--prompt``, ``--generator``.
        voice_gain_db, background_gain_db, foley_gain_db : mix settings used by export.
        ducking : 0..1, how far the background dips under the voice; ``duck=True`` is 0.5.

        Raises
        ------
        MediaError
            When the file has no video.
        ValueError
            For an unknown precision or a suppression outside 0..1.
        """
        if not self.info.has_video:
            raise MediaError(f"{self.path}: Foley needs a video; this file has none")
        if library is None:
            # same default as the CLI's --library: the library folder from the settings
            configured = Settings.load().library_dir
            library = configured or None
        options = FoleyOptions(precision=match_precision, spatial=enable_spatial_audio,
                               library=Path(library) if library else None, prompt=prompt,
                               generator=generator, seed=seed)
        mix = MixOptions(voice_gain_db, background_gain_db, foley_gain_db,
                         background_music_suppression,
                         ducking if ducking is not None else (DEFAULT_DUCKING if duck else 0.0))
        mix.validate()  # gains and suppression are checked before the long analysis
        plan = plan_foley(self.path, options, progress=progress, cancel=cancel)
        if generator:
            # the generated track lives as long as this process (like any temporary render)
            attach_generated(plan, options, Path(tempfile.mkdtemp(prefix="stemline-foley-")),
                             cancel=cancel)
        return FoleyResult(self, plan, options, mix, self.separator)


def load(path: str | Path, *, separator: Any = None) -> MediaProject:
    """Open a video or audio file.

    Parameters
    ----------
    path : the media file (never modified).
    separator : an already loaded separation model to use on export (default: Spleeter,
        loaded when needed).

    Raises
    ------
    MediaError
        When the file can't be opened.
    """
    p = Path(path)
    return MediaProject(p, probe(p), separator)
