"""The whole pipeline for one file: separate voice and background, spot and place Foley, mix
with per-track gain, suppression and optional ducking, then mux into a copy of the video whose
picture stream is copied untouched (or write audio for audio-only inputs).

Everything streams in blocks: stems are decoded, Foley is rendered and the mix is encoded block
by block, so memory doesn't grow with the file's length.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from stemline.core.errors import MediaError, OutputError
from stemline.core.mixer import Mixer, TrackMix
from stemline.core.progress import CancelToken, Progress, ProgressCallback, sub_progress
from stemline.engine.foley.library import SAMPLE_RATE
from stemline.engine.foley.placement import iter_foley_blocks
from stemline.engine.separation.base import Separator
from stemline.jobs.foley import BLOCK, FoleyOptions, FoleyPlan, attach_generated, plan_foley
from stemline.media.decode import iter_audio
from stemline.media.encode import AUDIO_SUFFIXES, AudioWriter, ensure_not_source
from stemline.media.mux import mux_audio
from stemline.media.probe import probe



@dataclass(frozen=True)
class MixOptions:
    """Mix settings (same names and defaults as ``stemline process``).

    Attributes
    ----------
    voice_gain_db, background_gain_db, foley_gain_db : per-track gain.
    music_suppression : background amplitude is scaled by (1 - s), s in 0..1.
    duck : lower the background under voice and Foley.
    voice_pan, background_pan, foley_pan : per-track balance, -1..1 (Foley events keep their
        own pans inside the track).
    """

    voice_gain_db: float = 0.0
    background_gain_db: float = 0.0
    foley_gain_db: float = 0.0
    music_suppression: float = 0.0
    duck: bool = False
    voice_pan: float = 0.0
    background_pan: float = 0.0
    foley_pan: float = 0.0

    def mixer(self) -> Mixer:
        """A fresh mixer with these settings (validates them)."""
        return Mixer(SAMPLE_RATE, {
            "voice": TrackMix(self.voice_gain_db, self.voice_pan),
            "background": TrackMix(self.background_gain_db, self.background_pan, duck=self.duck),
            "foley": TrackMix(self.foley_gain_db, self.foley_pan),
        }, suppression=self.music_suppression)


@dataclass
class ProcessResult:
    """What ``process`` made."""

    output: Path
    duration: float
    foley: FoleyPlan | None = None
    stems: dict[str, Path] = field(default_factory=dict)
    project: Path | None = None


def _fit(blocks: Iterator[np.ndarray], total: int, block: int) -> Iterator[np.ndarray]:
    """Exactly ``total`` frames in blocks of ``block`` (stereo), padding or cutting."""
    pending = np.zeros((0, 2), np.float32)
    done = 0
    src = iter(blocks)
    while done < total:
        want = min(block, total - done)
        while len(pending) < want:
            nxt = next(src, None)
            if nxt is None:
                pending = np.concatenate([pending, np.zeros((want - len(pending), 2), np.float32)])
                break
            if nxt.ndim == 1 or nxt.shape[1] == 1:
                nxt = np.repeat(nxt.reshape(-1, 1), 2, axis=1)
            pending = np.concatenate([pending, nxt[:, :2].astype(np.float32)])
        out, pending = pending[:want], pending[want:]
        done += want
        yield out


def iter_mix(stems: dict[str, Path], foley: FoleyPlan | None, total: int, mix: MixOptions, *,
             cancel: CancelToken | None = None) -> Iterator[np.ndarray]:
    """The final mix at 48 kHz stereo, ``total`` frames, block by block."""
    sources: dict[str, Iterator[np.ndarray]] = {}
    for name, path in stems.items():
        sources[name] = _fit(iter_audio(path, sample_rate=SAMPLE_RATE, channels=2,
                                        block_frames=BLOCK, cancel=cancel), total, BLOCK)
    if foley is not None and foley.audio is not None:
        sources["foley"] = _fit(iter_audio(foley.audio, sample_rate=SAMPLE_RATE, channels=2,
                                           block_frames=BLOCK, cancel=cancel), total, BLOCK)
    elif foley is not None:
        sources["foley"] = _fit(iter_foley_blocks(foley.placements, total / SAMPLE_RATE,
                                                  block_frames=BLOCK), total, BLOCK)
    mixer = mix.mixer()
    done = 0
    while done < total:
        if cancel is not None:
            cancel.check()
        blocks = {name: next(it) for name, it in sources.items()}
        n = min(BLOCK, total - done)
        if not blocks:
            yield np.zeros((n, 2), np.float32)
        else:
            yield mixer.process(blocks)
        done += n


def run_process(input_path: str | Path, output: str | Path, *, foley: bool = False,
                foley_options: FoleyOptions = FoleyOptions(), mix: MixOptions = MixOptions(),
                separator: Separator | None = None, separator_name: str = "spleeter",
                device: str = "auto", model_dir: Path | None = None,
                save_project: Path | None = None, foley_plan: FoleyPlan | None = None,
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

    Raises
    ------
    MediaError, OutputError, ModelUnavailable, Cancelled
    """
    src, dst = Path(input_path), Path(output)
    ensure_not_source(dst, [src])
    if not dst.parent.is_dir():
        raise OutputError(f"{dst}: folder {dst.parent} does not exist")
    info = probe(src)
    if not info.has_audio and not info.has_video:
        raise MediaError(f"{src}: no audio or video stream")
    is_video = info.has_video
    to_video = is_video and dst.suffix.lower() not in AUDIO_SUFFIXES
    if not is_video and dst.suffix.lower() not in AUDIO_SUFFIXES:
        raise OutputError(f"{dst}: {src.name} has no video; write audio "
                          f"({', '.join(sorted(AUDIO_SUFFIXES))})")
    duration = info.video[0].duration if is_video and info.video[0].duration else info.duration
    if not duration:
        raise MediaError(f"{src}: duration unknown")
    total = int(round(duration * SAMPLE_RATE))
    result = ProcessResult(dst, duration)
    work = Path(tempfile.mkdtemp(prefix=".stemline-process-", dir=dst.parent))
    try:
        stems: dict[str, Path] = {}
        if info.has_audio:
            if separator is None:
                from stemline.engine.separation.registry import load_separator

                separator = load_separator(separator_name, device=device, model_dir=model_dir)
            from stemline.jobs.extract import separate_to_files

            done = separate_to_files(src, work, separator, fmt="wav", bit_depth=32,
                                     progress=sub_progress(progress, "separate", 0.0, 0.6),
                                     cancel=cancel)
            stems = {"voice": done["voice"], "background": done["background"]}
        if foley_plan is not None:
            result.foley = foley_plan
        elif foley and is_video:
            result.foley = plan_foley(src, foley_options,
                                      progress=sub_progress(progress, "analyse", 0.6, 0.7), cancel=cancel)
            if foley_options.generator:
                attach_generated(result.foley, foley_options, work,
                                 progress=sub_progress(progress, "generate", 0.7, 0.8), cancel=cancel)
        blocks = iter_mix(stems, result.foley, total, mix, cancel=cancel)
        encode_progress = sub_progress(progress, "mix", 0.8, 1.0)
        if to_video:
            mux_audio(src, dst, blocks, sample_rate=SAMPLE_RATE, duration=duration,
                      progress=encode_progress, cancel=cancel)
        else:
            fmt = AUDIO_SUFFIXES[dst.suffix.lower()]
            with AudioWriter(dst, SAMPLE_RATE, 2, fmt, bit_depth=24 if fmt in ("wav", "flac") else 16,
                             sources=[src]) as w:
                done_s = 0.0
                for b in blocks:
                    w.write(b)
                    done_s += len(b) / SAMPLE_RATE
                    if encode_progress is not None:
                        encode_progress(Progress("mix", done_s, duration, "s"))
        if save_project is not None:
            result.project, result.stems = _save_project(save_project, src, duration, stems,
                                                         result.foley, foley_options, mix)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if progress is not None:
        progress(Progress("done", 1.0, 1.0, ""))
    return result


def _save_project(path: Path, src: Path, duration: float, stems: dict[str, Path],
                  plan: FoleyPlan | None, fo: FoleyOptions,
                  mix: MixOptions) -> tuple[Path, dict[str, Path]]:
    """A .stemline project with the stems (and Foley track) kept next to it."""
    from stemline.core.project import GAIN_MAX_DB, GAIN_MIN_DB, FoleyEvent, Project
    from stemline.core.serialization import save_project as save
    from stemline.jobs.foley import iter_plan_blocks, write_blocks

    path = Path(path)
    keep = path.parent / f"{path.stem}_stems"
    keep.mkdir(parents=True, exist_ok=True)
    proj = Project(media_path=str(src.resolve()), duration=duration, sample_rate=float(SAMPLE_RATE))
    clamp = lambda g: float(np.clip(g, GAIN_MIN_DB, GAIN_MAX_DB))  # noqa: E731
    proj.track("original").mute = True
    kept: dict[str, Path] = {}
    for name, p in stems.items():
        target = keep / f"{name}.wav"
        shutil.copyfile(p, target)
        proj.track(name).source = str(target)
        kept[name] = target
    proj.track("voice").gain_db = clamp(mix.voice_gain_db)
    bg = proj.track("background")
    bg.gain_db = clamp(mix.background_gain_db)
    bg.suppression = float(mix.music_suppression)
    bg.ducking = 0.5 if mix.duck else 0.0
    fol = proj.track("foley")
    fol.gain_db = clamp(mix.foley_gain_db)
    fol.auto_pan = fo.spatial
    if plan is not None:
        target = keep / "foley.wav"
        write_blocks(target, iter_plan_blocks(plan))
        fol.source = str(target)
        kept["foley"] = target
        for p in plan.placements:
            proj.insert_event(FoleyEvent(
                start=max(0.0, p.event.time), duration=max(0.001, min(60.0, p.sound.duration)),
                label=p.event.kind, sound=p.sound.path, gain_db=clamp(p.gain_db),
                pan=float(np.clip(p.pan, -1, 1)), lowpass_hz=p.lowpass_hz,
                surface=p.event.surface, object=p.event.object))
    return save(proj, path), kept
