"""A small project made from scratch for render and export tests: a video, voice and background
stems written with PyAV, and Foley events on built-in sounds."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from stemline.core.project import FoleyEvent, Project
from stemline.engine.foley.make_library import builtin_library_dir
from stemline.media.encode import AudioWriter
from stemline.media.render import write_video

SR = 48000


def voice_signal(seconds: float, seed: int = 1) -> np.ndarray:
    """Speech-like bursts (harmonic, syllable-rate envelope) with pauses."""
    t = np.arange(int(seconds * SR)) / SR
    f0 = 140 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / SR
    x = sum(np.sin(k * phase) / k for k in range(1, 8))
    env = (np.sin(2 * np.pi * 3.0 * t) > -0.2) * ((t % 2.0) < 1.3)
    mono = 0.25 * x * env
    return np.stack([mono, mono * 0.9], axis=1).astype(np.float32)


def background_signal(seconds: float, seed: int = 2) -> np.ndarray:
    """Chords and noise, louder in its second half (so loudness normalisation has work)."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * SR)) / SR
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 277.2, 329.6)) / 3
    x = 0.15 * chord[:, None] + 0.03 * rng.standard_normal((len(t), 2))
    x *= np.where(t < seconds / 2, 0.5, 1.0)[:, None]
    return x.astype(np.float32)


def write_wav(path: Path, audio: np.ndarray, bit_depth: int = 32) -> Path:
    with AudioWriter(path, SR, 2, "wav", bit_depth=bit_depth) as w:
        w.write(audio)
    return path


def make_project(folder: Path, seconds: float = 6.0, *, fps: int = 25) -> Project:
    """A project on ``folder/clip.mp4`` with stems and four Foley events."""
    folder.mkdir(parents=True, exist_ok=True)
    n = int(seconds * fps)
    frames = (np.full((n, 72, 128, 3), 40, np.uint8) + np.arange(n)[:, None, None, None] % 200
              ).astype(np.uint8)
    voice, bg = voice_signal(seconds), background_signal(seconds)
    clip = write_video(folder / "clip.mp4", iter(frames), fps, voice + bg, SR)
    project = Project(media_path=str(clip), duration=seconds, sample_rate=float(SR))
    project.track("voice").source = str(write_wav(folder / "voice.wav", voice))
    project.track("background").source = str(write_wav(folder / "background.wav", bg))
    sounds = sorted(builtin_library_dir().glob("IMPACT_*.flac"))
    for i, t in enumerate((0.5, 1.7, 3.2, 4.9)):
        project.insert_event(FoleyEvent(start=t, duration=0.3, label="impact",
                                        sound=str(sounds[i % len(sounds)]), gain_db=-6.0,
                                        pan=(-0.6, 0.6, 0.0, 0.3)[i]))
    return project
