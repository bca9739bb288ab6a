"""Adapter for neural video-to-audio generators installed separately (HunyuanVideo-Foley,
MMAudio, ...): each runs as its own process on short windows of the video, and the windows'
audio is crossfaded back into one Foley track.

Both models only take clips of a few seconds, so the video is cut into equal windows of at most
``window`` seconds that overlap by ``overlap`` seconds; the caller provides the clip cutter (the
engine doesn't open media files).

The command-line contract is a template with placeholders, configured in the settings file
(``foley_generators`` in settings.json) or given on the command line::

    {python}      the Python running Stemline
    {video}       the window's clip (MP4, H.264, no audio)
    {output}      where to write the audio (a .wav path); or write any audio/video file into
    {output_dir}  this empty folder
    {prompt}      the text prompt (shell-quoted; "" when none)
    {duration}    the clip's length in seconds
    {cwd}         the generator's installation folder (also the working directory)
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import soxr

from stemline.core.errors import Cancelled, ModelUnavailable, StemlineError
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.core.settings import config_dir
from stemline.engine.foley.library import SAMPLE_RATE, read_sound

#: Longest window any supported model accepts.
MAX_WINDOW = 10.0

#: Templates for the published command lines; the settings say where each is installed.
PRESETS: dict[str, dict[str, Any]] = {
    "hunyuan": {
        "command": "{python} infer.py --model_path {cwd}/pretrained --single_video {video} "
                   "--single_prompt {prompt} --output_dir {output_dir}",
        "window": 8.0, "overlap": 1.0,
    },
    "mmaudio": {
        "command": "{python} demo.py --duration={duration} --video={video} --prompt {prompt} "
                   "--output {output_dir}",
        "window": 8.0, "overlap": 1.0,
    },
}

_AUDIO_OUT = (".wav", ".flac", ".ogg", ".mp3", ".m4a", ".aac", ".mp4", ".mov", ".mkv")


class GeneratorError(StemlineError):
    """A generator process failed; the message carries the end of its output."""

    code = "GeneratorFailed"


@dataclass(frozen=True)
class GeneratorSpec:
    """How to run one generator.

    Attributes
    ----------
    name : as chosen by the user.
    command : template (see the module docstring).
    cwd : working directory (installation folder), or None.
    window, overlap : seconds per clip (<= MAX_WINDOW) and shared between neighbours.
    timeout : seconds one window may take.
    """

    name: str
    command: str
    cwd: str | None = None
    window: float = 8.0
    overlap: float = 1.0
    timeout: float = 1800.0

    def __post_init__(self) -> None:
        if not 0 < self.window <= MAX_WINDOW:
            raise ValueError(f"generator window must be within 0..{MAX_WINDOW} s, not {self.window}")
        if not 0 <= self.overlap < self.window / 2:
            raise ValueError(f"generator overlap must be within 0..window/2, not {self.overlap}")


def load_generator(name: str, *, command: str | None = None,
                   settings_path: Path | None = None) -> GeneratorSpec:
    """The generator ``name`` from the settings (``foley_generators``), a preset, or ``command``.

    Raises
    ------
    ModelUnavailable
        When no command is configured for ``name``.
    """
    conf: dict[str, Any] = dict(PRESETS.get(name, {}))
    path = settings_path or config_dir() / "settings.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8")).get("foley_generators", {})
        if isinstance(raw, dict) and isinstance(raw.get(name), dict):
            conf.update(raw[name])
    except (OSError, ValueError, AttributeError):
        pass
    if command:
        conf["command"] = command
    if not conf.get("command"):
        raise ModelUnavailable(
            f"no Foley generator named {name!r}: add its command template under "
            f"\"foley_generators\" in {path} or pass --generator-command")
    if name in PRESETS and not command and not conf.get("cwd"):
        raise ModelUnavailable(
            f"generator {name!r} is not installed here: set \"foley_generators\": "
            f"{{\"{name}\": {{\"cwd\": \"/path/to/its/checkout\"}}}} in {path}")
    return GeneratorSpec(name, str(conf["command"]), conf.get("cwd"),
                         float(conf.get("window", 8.0)), float(conf.get("overlap", 1.0)),
                         float(conf.get("timeout", 1800.0)))


def plan_windows(duration: float, window: float, overlap: float) -> list[tuple[float, float]]:
    """Equal windows of at most ``window`` s covering [0, duration], neighbours sharing
    ``overlap`` s."""
    if duration <= window:
        return [(0.0, duration)]
    n = int(np.ceil((duration - overlap) / (window - overlap) - 1e-9))
    step = (duration - overlap) / n
    return [(i * step, min(duration, i * step + step + overlap)) for i in range(n)]


def _format(template: str, values: dict[str, str]) -> list[str]:
    quoted = {k: shlex.quote(v) for k, v in values.items()}
    return shlex.split(template.format(**quoted))


def run_window(spec: GeneratorSpec, clip: Path, duration: float, prompt: str, work: Path, *,
               cancel: CancelToken | None = None) -> np.ndarray:
    """Run the generator on one clip; returns mono-or-stereo float32 (frames, 2) at 48 kHz.

    Raises
    ------
    GeneratorError
        Non-zero exit, timeout, or no audio written.
    Cancelled
        When ``cancel`` is set (the process is terminated).
    """
    out_dir = work / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    output = out_dir / "audio.wav"
    values = {"python": sys.executable, "video": str(clip), "output": str(output),
              "output_dir": str(out_dir), "prompt": prompt, "duration": f"{duration:.3f}",
              "cwd": spec.cwd or ""}
    try:
        argv = _format(spec.command, values)
    except (KeyError, ValueError) as exc:
        raise GeneratorError(f"generator {spec.name!r}: bad command template ({exc})") from exc
    log = work / "log.txt"
    with open(log, "wb") as logf:
        try:
            proc = subprocess.Popen(argv, cwd=spec.cwd or None, stdout=logf, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        except OSError as exc:
            raise GeneratorError(f"generator {spec.name!r}: cannot start {argv[0]} ({exc})") from exc
        t0 = time.monotonic()
        try:
            while proc.poll() is None:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled("cancelled by the user")
                if time.monotonic() - t0 > spec.timeout:
                    raise GeneratorError(f"generator {spec.name!r}: no result after {spec.timeout:.0f} s")
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] or [""]
        raise GeneratorError(f"generator {spec.name!r} failed on {clip.name} "
                             f"(exit {proc.returncode}): {tail[0][:300]}")
    found = [output] if output.is_file() else sorted(
        (p for p in out_dir.rglob("*") if p.suffix.lower() in _AUDIO_OUT and p.is_file()),
        key=lambda p: p.stat().st_mtime)
    if not found:
        raise GeneratorError(f"generator {spec.name!r} wrote no audio for {clip.name}")
    return _read_stereo(found[-1])


def _read_stereo(path: Path) -> np.ndarray:
    import soundfile as sf

    try:
        data, sr = sf.read(str(path), dtype="float32", always_2d=True)
        if sr != SAMPLE_RATE:
            data = soxr.resample(data, sr, SAMPLE_RATE)
    except (sf.LibsndfileError, RuntimeError, TypeError):
        mono = read_sound(path)  # video containers: decoded by PyAV, already 48 kHz
        data = mono[:, None]
    data = np.asarray(data, np.float32)
    if data.shape[1] == 1:
        data = np.repeat(data, 2, axis=1)
    return data[:, :2]


def _fit(x: np.ndarray, frames: int) -> np.ndarray:
    if len(x) >= frames:
        return x[:frames]
    return np.concatenate([x, np.zeros((frames - len(x), x.shape[1]), np.float32)])


def generate_track(spec: GeneratorSpec, duration: float, cut_clip: Callable[[float, float, Path], None],
                   *, prompt: str = "", progress: ProgressCallback | None = None,
                   cancel: CancelToken | None = None) -> Iterator[np.ndarray]:
    """Run the generator window by window and yield the crossfaded track as stereo 48 kHz
    blocks, exactly ``round(duration * 48000)`` frames in all.

    ``cut_clip(start, end, path)`` must write the video between ``start`` and ``end`` to ``path``.
    """
    windows = plan_windows(duration, spec.window, spec.overlap)
    total = int(round(duration * SAMPLE_RATE))
    emitted = 0
    tail: np.ndarray | None = None  # the previous window's audio over the shared overlap
    with tempfile.TemporaryDirectory(prefix="stemline-gen-") as tmp:
        for k, (a, b) in enumerate(windows):
            if cancel is not None:
                cancel.check()
            work = Path(tmp) / f"w{k:04d}"
            work.mkdir()
            clip = work / "clip.mp4"
            cut_clip(a, b, clip)
            start = int(round(a * SAMPLE_RATE))
            end = total if k == len(windows) - 1 else int(round(b * SAMPLE_RATE))
            audio = _fit(run_window(spec, clip, b - a, prompt, work, cancel=cancel), end - start)
            if tail is not None:
                n = len(tail)
                # equal-power crossfade: the windows' sounds are unrelated, so powers add
                ramp = np.sin(0.5 * np.pi * (np.arange(n) + 0.5) / n)[:, None].astype(np.float32)
                audio[:n] = audio[:n] * ramp + tail * np.sqrt(1.0 - ramp * ramp)
            if k < len(windows) - 1:
                next_start = int(round(windows[k + 1][0] * SAMPLE_RATE))
                keep = next_start - start
                tail = audio[keep:].copy()
                audio = audio[:keep]
            yield audio
            emitted += len(audio)
            if progress is not None:
                progress(Progress("generate", k + 1, len(windows), "items"))
    if emitted < total:
        yield np.zeros((total - emitted, 2), np.float32)

