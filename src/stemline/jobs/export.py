"""Every deliverable of a project, rendered through the one renderer.

``stemline export``, ``stemline process``, the editor's Export dialog and ``result.export(...)``
all call :func:`export_project`: the mix as a video (picture copied packet for packet) or an
audio file, the stems, karaoke backing and guide tracks, loudness-normalised versions and an
OpenTimelineIO hand-off, in any combination. Every file is written under a temporary name and
renamed only when all of them are complete; Cancel or an error leaves none behind.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from stemline.core.atomic import Staging
from stemline.core.errors import OutputError
from stemline.core.loudness import LoudnessMeter, TruePeakMeter
from stemline.core.mixer import MixParams, db_to_amp, track_matrix
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.core.project import Project
from stemline.core.surround import LAYOUTS, LOUDNESS_WEIGHTS, channel_count
from stemline.engine.foley.library import SAMPLE_RATE
from stemline.jobs.render import has_audio, has_stems, project_frames, render_project
from stemline.media.encode import AUDIO_FORMATS, AUDIO_SUFFIXES, AudioWriter, ensure_not_source

VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm")
STEM_KINDS = ("voice", "background", "foley")
#: Common loudness targets (LUFS) the dialog offers.
LOUDNESS_TARGETS = {"Streaming (-14 LUFS)": -14.0, "Podcast (-16 LUFS)": -16.0,
                    "Broadcast EBU R128 (-23 LUFS)": -23.0}
#: The limiter aims this far under the true-peak ceiling: meters' interpolators differ slightly.
TP_MARGIN_DB = 0.1
#: Loudness within this of the target needs no further pass (the promise is ±0.5 LU; FFmpeg's
#: meter and ours agree within 0.1).
LU_TOLERANCE = 0.3
#: Render passes a loudness deliverable may take to land on target and under the ceiling
#: (one, or two when heavy limiting or a lossy encoder's overshoot needs a correction).
MAX_PASSES = 6
#: Frames read back per true-peak measurement of a lossy file (where it went over), and how far
#: beyond such a stretch its trim reaches (an encoder's frame, so the overshoot's cause is in it).
OVERSHOOT_WINDOW, OVERSHOOT_PAD = 4096, 2048


@dataclass(frozen=True)
class ExportRequest:
    """What to write (any combination; at least one).

    Attributes
    ----------
    output : the mix: a video (.mp4 .mov .mkv .webm: picture copied, mix as audio) or audio
        (.wav .flac .m4a .mp3 .aac .opus).
    bit_depth : of WAV (16, 24, 32 = float) and FLAC (16, 24) outputs.
    keep_original_audio : video output: the source's audio as a second, non-default track.
    stems : folder for voice, background and Foley, each after its own gain/pan/suppression
        (mute and solo are listening choices and are ignored), sample-aligned, same length.
    stems_bit_depth : WAV depth of the stems (24 by default; 32 = float never clips).
    karaoke : folder for the backing track (the full background, with the Foley when
        ``karaoke_foley``) and a guide with the voice ``guide_db`` under its usual level.
    karaoke_format : audio format of the karaoke files (default: the output's, else wav).
    timeline : an OpenTimelineIO file with the video, the stems and every Foley event; its stems
        go to ``stems`` or, without it, to ``<timeline name>_stems/`` next to it.
    loudness : integrated loudness target in LUFS for the mix and karaoke files (None: as mixed).
    true_peak : ceiling in dBTP with ``loudness``.
    channels : the mix's layout: "stereo", or "5.1" (FL FR FC LFE BL BR, tagged as such in the
        file: voice in the centre, background in front with a delayed share in the surrounds,
        Foley across left-centre-right and a low-passed share in the LFE). Stems and karaoke
        tracks stay stereo.
    with_stereo : with 5.1, also the stereo mix: a second, non-default audio track of a video,
        or ``<name>_stereo.<ext>`` beside an audio file.
    """

    output: Path | None = None
    bit_depth: int = 24
    keep_original_audio: bool = False
    stems: Path | None = None
    stems_bit_depth: int = 24
    karaoke: Path | None = None
    karaoke_format: str | None = None
    karaoke_foley: bool = False
    guide_db: float = -15.0
    timeline: Path | None = None
    loudness: float | None = None
    true_peak: float = -1.0
    channels: str = "stereo"
    with_stereo: bool = False

    def validate(self) -> None:
        if not (self.output or self.stems or self.karaoke or self.timeline):
            raise OutputError("nothing to export: give an output and/or --stems, --karaoke, --timeline")
        if self.output is not None:
            kind_of(self.output)
        if self.channels not in LAYOUTS:
            raise OutputError(f"channels {self.channels!r}: choose one of {', '.join(LAYOUTS)}")
        if self.channels != "stereo":
            if self.output is None:
                raise OutputError(f"--channels {self.channels} is a layout of the mix: give an output")
            if kind_of(self.output) == "mp3":
                raise OutputError(f"{self.output}: mp3 holds at most 2 channels; for "
                                  f"{self.channels} choose .m4a, .opus, .flac, .wav or a video")
        if self.with_stereo and self.channels == "stereo":
            raise OutputError("a stereo companion goes with a surround mix: add --channels 5.1")
        if self.loudness is not None and not -70.0 <= self.loudness <= 0.0:
            raise OutputError(f"loudness target {self.loudness} LUFS is outside -70..0")
        if not -20.0 <= self.true_peak <= 0.0:
            raise OutputError(f"true-peak ceiling {self.true_peak} dBTP is outside -20..0")
        if self.karaoke_format is not None and self.karaoke_format not in AUDIO_FORMATS:
            raise OutputError(f"karaoke format {self.karaoke_format!r}: choose one of "
                              f"{', '.join(sorted(AUDIO_FORMATS))}")
        if not -60.0 <= self.guide_db <= 0.0:
            raise OutputError(f"guide voice level {self.guide_db} dB is outside -60..0")


@dataclass(frozen=True)
class LoudnessReport:
    """Integrated loudness (LUFS) of a file as mixed and as written, and its true peak (dBTP)."""

    path: Path
    before: float
    after: float
    true_peak: float


@dataclass
class ExportResult:
    outputs: list[Path] = field(default_factory=list)
    loudness: list[LoudnessReport] = field(default_factory=list)


def kind_of(path: Path) -> str:
    """"video" or the audio format a file name asks for."""
    suffix = path.suffix.lower()
    if suffix in VIDEO_SUFFIXES:
        return "video"
    if suffix in AUDIO_SUFFIXES:
        return AUDIO_SUFFIXES[suffix]
    raise OutputError(f"{path}: choose a video ({' '.join(VIDEO_SUFFIXES)}) or audio "
                      f"({' '.join(sorted(AUDIO_SUFFIXES))}) file name")


def karaoke_params(project: Project, guide_db: float | None, with_foley: bool) -> MixParams:
    """The backing track (guide_db None) or the guide: the whole background (no suppression, no
    ducking: there is no voice to make room for), Foley if asked, and for the guide the voice
    ``guide_db`` under its fader, with its pan and width."""
    base = MixParams.from_project(project, monitor=False)
    kinds = ("background", "foley") if with_foley else ("background",)
    p = replace(base.only(*kinds), ducking=0.0, music_gain=1.0)
    if guide_db is None:
        return replace(p, voice_gate=0.0)
    voice = project.track("voice")
    mats = p.matrices.copy()
    mats[1] = track_matrix(min(12.0, voice.gain_db + guide_db), voice.pan, voice.width)
    return replace(p, matrices=mats)


class _Meters:
    """Integrated loudness and true peak of the blocks passing through."""

    def __init__(self, layout: str = "stereo") -> None:
        n = channel_count(layout)
        self.loudness = LoudnessMeter(SAMPLE_RATE, n, LOUDNESS_WEIGHTS[layout])
        self.peak = TruePeakMeter(n)

    def through(self, blocks: Iterator[np.ndarray]) -> Iterator[np.ndarray]:
        for b in blocks:
            self.loudness.push(b)
            self.peak.push(b)
            yield b

    @property
    def values(self) -> tuple[float, float]:
        return self.loudness.integrated, self.peak.peak_db


class _Exporter:
    def __init__(self, project: Project, request: ExportRequest, staging: Staging,
                 progress: ProgressCallback | None, cancel: CancelToken | None,
                 arrays: dict[str, np.ndarray] | None) -> None:
        self.project, self.req, self.staging = project, request, staging
        self.progress, self.cancel, self.arrays = progress, cancel, arrays
        self.result = ExportResult()
        self.media = Path(project.media_path) if project.media_path else None
        self.frames = project_frames(project)

    # -- rendering ---------------------------------------------------------------------------
    def blocks(self, params: MixParams, stage: str) -> Iterator[np.ndarray]:
        return render_project(self.project, params, arrays=self.arrays, cancel=self.cancel,
                              progress=self.progress, stage=stage)

    def measure(self, params: MixParams, stage: str) -> float:
        meter = _Meters(params.layout).loudness
        for b in self.blocks(params, stage):
            meter.push(b)
        return meter.integrated

    def write_audio(self, final: Path, fmt: str, params: MixParams, stage: str,
                    bit_depth: int = 24, meters: _Meters | None = None) -> None:
        """Render ``params`` into ``final`` (staged), through ``meters`` when given."""
        ensure_not_source(final, [self.media] if self.media else [])
        blocks = self.blocks(params, stage)
        surround = params.layout != "stereo"
        with AudioWriter(self.staging.path(final), SAMPLE_RATE, channel_count(params.layout), fmt,
                         bit_depth=bit_depth, sources=[self.media] if self.media else [],
                         label=final, layout=params.layout if surround else None) as w:
            for b in meters.through(blocks) if meters else blocks:
                w.write(b)

    def write_video(self, final: Path, params: MixParams, stage: str,
                    meters: _Meters | None = None) -> None:
        from stemline.media.mux import mux_audio

        if self.media is None:
            raise OutputError(f"{final}: the project has no video to put the mix on")
        blocks = self.blocks(params, stage)
        extra = []
        if self.req.with_stereo:  # rendered alongside, block for block: memory stays bounded
            extra.append(("Stereo mix", self.blocks(replace(params, layout="stereo"), stage),
                          "stereo"))
        mux_audio(self.media, final, meters.through(blocks) if meters else blocks,
                  sample_rate=SAMPLE_RATE, duration=self.frames / SAMPLE_RATE,
                  channels=channel_count(params.layout), layout=params.layout,
                  keep_original_audio=self.req.keep_original_audio,
                  tmp_path=self.staging.path(final), cancel=self.cancel, extra=extra)

    def deliver(self, final: Path, fmt: str, params: MixParams, stage: str,
                bit_depth: int = 24) -> None:
        """One mix-type file, loudness-normalised when asked."""
        def write(p: MixParams, meters: _Meters | None = None) -> None:
            if fmt == "video":
                self.write_video(final, p, stage, meters)
                return
            self.write_audio(final, fmt, p, stage, bit_depth, meters)
            if self.req.with_stereo and p.layout != "stereo":
                self.write_audio(stereo_companion(final), fmt, replace(p, layout="stereo"),
                                 f"{stage} (stereo)", bit_depth)

        def written() -> None:
            self.result.outputs.append(final)
            if self.req.with_stereo and fmt != "video":
                self.result.outputs.append(stereo_companion(final))

        target = self.req.loudness
        if target is None:
            write(params)
            written()
            return
        before = self.measure(params, f"{stage}: measuring loudness")
        if not math.isfinite(before):
            raise OutputError(f"{final}: the mix is silent; there is no loudness to normalise")
        ceiling = self.req.true_peak - TP_MARGIN_DB
        gain = target - before
        trims: list[tuple[int, int, float]] = []
        lossy = fmt not in ("wav", "flac")
        for _attempt in range(MAX_PASSES):
            meters = None if lossy else _Meters(params.layout)
            write(replace(params, master_gain_db=gain, ceiling_db=ceiling, true_peak=True,
                          trims=tuple(trims)), meters)
            if lossy:  # the encoder adds its own overshoot: judge the file as a player decodes it
                after, true_peak, overs = measure_file(self.staging.path(final), self.req.true_peak,
                                                       params.layout)
            else:
                (after, true_peak), overs = meters.values, []
            if true_peak > self.req.true_peak:
                if overs:  # lower just the stretches the encoder pushed over, by what it added
                    # (twice that where a trim already failed: an encoder's overshoot, at an
                    # onset from silence say, shrinks less than the level under it)
                    trimmed = {t[0] for t in trims}
                    trims += [(a - OVERSHOOT_PAD, b + OVERSHOOT_PAD,
                               excess * (2 if a - OVERSHOOT_PAD in trimmed else 1) + TP_MARGIN_DB)
                              for a, b, excess in overs]
                else:
                    ceiling -= true_peak - self.req.true_peak + TP_MARGIN_DB
            elif abs(after - target) > LU_TOLERANCE:
                gain += target - after  # the limiter took some level: ask for that much more
            else:
                break
        written()
        self.result.loudness.append(LoudnessReport(final, before, after, true_peak))

    # -- deliverables ------------------------------------------------------------------------
    def run(self) -> ExportResult:
        req, project = self.req, self.project
        if req.output is not None:
            self.staging.folder(req.output.parent)  # made when missing, removed on failure
            kind = kind_of(req.output)
            if kind == "video" and (self.media is None or not _has_video(self.media)):
                raise OutputError(f"{req.output}: {self.media.name if self.media else 'the project'} "
                                  "has no video; export an audio file instead")
            self.deliver(req.output, kind,
                         replace(MixParams.from_project(project, has_stems(project, self.arrays)),
                                 layout=req.channels),
                         "mix", req.bit_depth)
        stems_dir = req.stems
        if stems_dir is None and req.timeline is not None:
            stems_dir = req.timeline.with_name(f"{req.timeline.stem}_stems")
        stems: dict[str, Path] = {}
        if stems_dir is not None:
            stems = self.write_stems(stems_dir)
        if req.karaoke is not None:
            self.write_karaoke(req.karaoke)
        if req.timeline is not None:
            from stemline.jobs.timeline import write_timeline

            self.staging.folder(req.timeline.parent)
            write_timeline(project, req.timeline, stems, self.staging.path(req.timeline))
            self.result.outputs.append(req.timeline)
        return self.result

    def available(self, kind: str) -> bool:
        return has_audio(self.project, kind, self.arrays)

    def write_stems(self, folder: Path) -> dict[str, Path]:
        self.staging.folder(folder)
        base = replace(MixParams.from_project(self.project, monitor=False), ceiling_db=None)
        out = {}
        for kind in STEM_KINDS:
            if not self.available(kind):
                continue
            final = folder / f"{kind}.wav"
            self.write_audio(final, "wav", base.only(kind), f"stem: {kind}",
                             self.req.stems_bit_depth)
            self.result.outputs.append(final)
            out[kind] = final
        if not out:
            raise OutputError(f"{folder}: no stems to write (separate the file first)")
        return out

    def write_karaoke(self, folder: Path) -> None:
        if not self.available("background"):
            raise OutputError(f"{folder}: karaoke needs the background stem (separate the file first)")
        self.staging.folder(folder)
        fmt = self.req.karaoke_format
        if fmt is None:
            out_kind = kind_of(self.req.output) if self.req.output else "video"
            fmt = out_kind if out_kind != "video" else "wav"
        ext = AUDIO_FORMATS[fmt][0]
        stem = self.media.stem if self.media else "project"
        with_foley = self.req.karaoke_foley and self.available("foley")
        self.deliver(folder / f"{stem}_backing{ext}", fmt,
                     karaoke_params(self.project, None, with_foley), "karaoke backing",
                     self.req.bit_depth)
        if self.available("voice"):
            self.deliver(folder / f"{stem}_guide{ext}", fmt,
                         karaoke_params(self.project, self.req.guide_db, with_foley),
                         "karaoke guide", self.req.bit_depth)


def stereo_companion(path: Path) -> Path:
    """Where the stereo mix goes beside a surround audio file."""
    return path.with_name(f"{path.stem}_stereo{path.suffix}")


def measure_file(path: Path, ceiling_db: float = 0.0, layout: str = "stereo"
                 ) -> tuple[float, float, list[tuple[int, int, float]]]:
    """(integrated LUFS, true peak dBTP, stretches over ``ceiling_db``) of a written file,
    decoded as a player would; each stretch is (first frame, end frame, dB over)."""
    from stemline.media.decode import iter_audio

    meters, overs, pos = _Meters(layout), [], 0
    limit = db_to_amp(ceiling_db)
    for block in meters.through(iter_audio(path, sample_rate=SAMPLE_RATE,
                                           channels=channel_count(layout),
                                           block_frames=OVERSHOOT_WINDOW)):
        if meters.peak.last > limit:
            overs.append((pos, pos + len(block), 20 * math.log10(meters.peak.last / limit)))
        pos += len(block)
    return (*meters.values, overs)


def _has_video(path: Path) -> bool:
    from stemline.media.probe import probe

    return probe(path).has_video


def export_project(project: Project, request: ExportRequest, *,
                   arrays: dict[str, np.ndarray] | None = None,
                   progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> ExportResult:
    """Write every deliverable ``request`` asks for; all appear together or none does.

    ``arrays`` replaces track files by buffers in memory (the editor's Foley render).

    Raises
    ------
    OutputError, MediaError, Cancelled
    """
    request.validate()
    if project.duration <= 0 and project.media_path:
        # a project that didn't record its length (written by hand, or by another tool): the
        # media says it, as the editor reads it when it opens one
        from stemline.media.probe import probe

        project.duration = float(probe(project.media_path).duration or 0.0)
    with Staging() as staging:
        result = _Exporter(project, request, staging, progress, cancel, arrays).run()
        staging.commit()
    if progress is not None:
        progress(Progress("done", 1.0, 1.0, ""))
    return result


__all__ = ["ExportRequest", "ExportResult", "LoudnessReport", "LOUDNESS_TARGETS", "export_project",
           "karaoke_params", "kind_of", "measure_file"]
