"""The whole pipeline for one file: separate voice and background, spot and place Foley, then
render and write through the one exporter.

The command-line flags only build a :class:`~stemline.core.project.Project` (tracks from
:class:`MixOptions`, stems as sources, Foley placements as events); that project is rendered
exactly as the editor would render it, so ``process --save-project`` followed by an export in
the editor gives the same file. Everything streams in blocks: memory doesn't grow with length.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from stemline.core.atomic import Staging, work_dir
from stemline.core.errors import MediaError, OutputError
from stemline.core.progress import CancelToken, Progress, ProgressCallback, sub_progress
from stemline.core.project import Project
from stemline.core.serialization import save_project as save
from stemline.engine.foley.library import SAMPLE_RATE
from stemline.engine.separation.base import Separator
from stemline.jobs.export import ExportRequest, LoudnessReport, export_project, kind_of
from stemline.jobs.foley import FoleyOptions, FoleyPlan, add_plan, attach_generated, plan_foley
from stemline.media.encode import ensure_not_source
from stemline.media.probe import probe


@dataclass(frozen=True)
class MixOptions:
    """The mix settings ``stemline process`` takes as flags; they only build the project's tracks
    (:meth:`apply`), which are the one description of the mix.

    Attributes
    ----------
    voice_gain_db, background_gain_db, foley_gain_db : per-track gain (-60..+12 dB).
    music_suppression : background amplitude x (1 - s), s in 0..1.
    ducking : 0..1, how far the background dips under the voice (1 = 18 dB).
    voice_gate : 0..1, how far the voice drops between words.
    voice_pan, background_pan, foley_pan : per-track pan, -1..1 (Foley events keep their
        own pans inside the track).
    width : stereo width of voice and background, 0 (mono) .. 1.
    foley_surround : in a 5.1 mix, the Foley's share in the surrounds (0..1; 0 keeps it in front).
    ambience_db : split the background into music and ambience (rain, traffic, room tone) and
        keep the ambience at this level (dB) while ``music_suppression`` acts on the music
        alone; None: no split, suppression scales the whole background.
    """

    voice_gain_db: float = 0.0
    background_gain_db: float = 0.0
    foley_gain_db: float = 0.0
    music_suppression: float = 0.0
    ducking: float = 0.0
    voice_pan: float = 0.0
    background_pan: float = 0.0
    foley_pan: float = 0.0
    voice_gate: float = 0.0
    width: float = 1.0
    ambience_db: float | None = None
    foley_surround: float = 0.0

    def apply(self, project: Project) -> Project:
        """Set ``project``'s tracks (validated by the model: a bad value raises ValueError)."""
        voice, bg, fol = (project.track(k) for k in ("voice", "background", "foley"))
        voice.gain_db, voice.pan, voice.suppression = self.voice_gain_db, self.voice_pan, self.voice_gate
        bg.gain_db, bg.pan = self.background_gain_db, self.background_pan
        bg.suppression, bg.ducking = self.music_suppression, self.ducking
        voice.width = bg.width = self.width
        fol.gain_db, fol.pan = self.foley_gain_db, self.foley_pan
        if self.ambience_db is not None:
            bg.ambience_db = self.ambience_db
        fol.surround = self.foley_surround
        return project

    def validate(self) -> None:
        self.apply(Project())


@dataclass
class ProcessResult:
    """What ``process`` made."""

    output: Path
    duration: float
    foley: FoleyPlan | None = None
    stems: dict[str, Path] = field(default_factory=dict)
    project: Path | None = None
    outputs: list[Path] = field(default_factory=list)
    loudness: list[LoudnessReport] = field(default_factory=list)


def run_process(input_path: str | Path, output: str | Path, *, foley: bool = False,
                foley_options: FoleyOptions = FoleyOptions(), mix: MixOptions = MixOptions(),
                separator: Separator | None = None, separator_name: str = "spleeter",
                device: str = "auto", model_dir: Path | None = None,
                model_params: dict[str, str] | None = None,
                save_project: Path | None = None, foley_plan: FoleyPlan | None = None,
                export: ExportRequest = ExportRequest(),
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None) -> ProcessResult:
    """Separate, spot, place, mix and write ``output``.

    Parameters
    ----------
    input_path : video or audio file (never modified).
    output : a video container (.mp4, .mov, .mkv ...) whose video is copied from the input, or
        an audio file (.wav, .flac, .m4a, .mp3, .aac): the only choice for audio-only inputs.
    foley : add the Foley track (videos only).
    foley_plan : an already spotted and placed Foley plan (skips the analysis).
    separator : a loaded separator; else ``separator_name`` is loaded on ``device``.
    save_project : also write a .stemline project referencing kept stems and the Foley events.
    export : further deliverables (stems, karaoke, timeline, loudness...), as ``stemline export``.

    Raises
    ------
    MediaError, OutputError, ModelUnavailable, Cancelled
    """
    src, dst = Path(input_path), Path(output)
    ensure_not_source(dst, [src])
    info = probe(src)
    if not info.has_audio and not info.has_video:
        raise MediaError(f"{src}: no audio or video stream")
    is_video = info.has_video
    if not is_video and kind_of(dst) == "video":
        raise OutputError(f"{dst}: {src.name} has no video; write an audio file")
    duration = info.video[0].duration if is_video and info.video[0].duration else info.duration
    if not duration:
        raise MediaError(f"{src}: duration unknown")
    result = ProcessResult(dst, duration)
    # The output's folder is made when missing (as ``separate`` does) and removed again if the
    # run fails; scratch space goes next to the output, and a killed run's is cleared next time.
    folders = Staging()
    try:
        folders.folder(dst.parent)
        work = work_dir(dst.parent, "stemline-process")
    except OSError as exc:
        folders.abort()
        raise OutputError(f"{dst}: can't write in {dst.parent} ({exc.strerror or exc})") from exc
    try:
        stems: dict[str, Path] = {}
        if info.has_audio:
            if separator is None:
                from stemline.engine.separation.registry import load_separator

                separator = load_separator(separator_name, device=device, model_dir=model_dir,
                                           params=model_params)
            from stemline.jobs.extract import separate_to_files

            done = separate_to_files(src, work, separator, fmt="wav", bit_depth=32,
                                     progress=sub_progress(progress, "separate", 0.0, 0.6),
                                     cancel=cancel)
            stems = {"voice": done["voice"], "background": done["background"]}
            if mix.ambience_db is not None:  # music out, the room kept: split the background
                from stemline.jobs.ambience import ambience_file

                stems["ambience"] = ambience_file(done["background"], work / "ambience.wav",
                                                  progress=sub_progress(progress, "ambience", 0.6, 0.65),
                                                  cancel=cancel)
        if foley_plan is not None:
            result.foley = foley_plan
        elif foley and is_video:
            result.foley = plan_foley(src, foley_options, voice=stems.get("voice"),
                                      progress=sub_progress(progress, "analyse", 0.6, 0.7), cancel=cancel)
            if foley_options.generator:
                attach_generated(result.foley, foley_options, work,
                                 progress=sub_progress(progress, "generate", 0.7, 0.8), cancel=cancel)
        project = build_project(src, duration, stems, result.foley, foley_options, mix)
        if stems and separator is not None:
            project.separation_model = str(getattr(separator, "name", separator_name))
        outcome = export_project(project, replace(export, output=dst),
                                 progress=sub_progress(progress, "mix", 0.8, 1.0), cancel=cancel)
        result.loudness, result.outputs = outcome.loudness, outcome.outputs
        if save_project is not None:
            # the project keeps its own copies of the stems: the work folder goes away
            project, result.stems = keep_stems(project, Path(save_project), work)
            result.project = save(project, Path(save_project))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)  # before the folders it sits in
        folders.abort()
        raise
    shutil.rmtree(work, ignore_errors=True)
    if progress is not None:
        progress(Progress("done", 1.0, 1.0, ""))
    return result


def build_project(src: Path, duration: float, stems: dict[str, Path], plan: FoleyPlan | None,
                  fo: FoleyOptions, mix: MixOptions) -> Project:
    """The project ``process`` renders: the flags as track settings, the stems as sources, the
    Foley placements as events (or a generator's track as the Foley source)."""
    proj = Project(media_path=str(src.resolve()), duration=duration, sample_rate=float(SAMPLE_RATE))
    proj.track("original").mute = True
    for name, p in stems.items():
        if name == "ambience":
            proj.track("background").ambience_source = str(p)
        else:
            proj.track(name).source = str(p)
    mix.apply(proj)
    if plan is not None:
        add_plan(proj, plan, fo.spatial)
    return proj


def keep_stems(project: Project, project_path: Path, work: Path) -> tuple[Project, dict[str, Path]]:
    """Copy the work folder's track files next to the project file (``<name>_stems/``)."""
    keep = project_path.parent / f"{project_path.stem}_stems"
    keep.mkdir(parents=True, exist_ok=True)
    kept: dict[str, Path] = {}
    for track in project.tracks:
        for field, name in (("source", track.kind), ("ambience_source", "ambience")):
            path = getattr(track, field)
            if path and Path(path).is_relative_to(work):
                target = keep / f"{name}{Path(path).suffix}"
                shutil.copyfile(path, target)
                setattr(track, field, str(target))
                kept[name] = target
    return project, kept
