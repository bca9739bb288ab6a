"""The scene's room: its reverberation time estimated blind from the source's own audio, and the
impulse response each Foley sound is given so it sounds like it happened in that room.

Estimation follows the free-decay idea of blind RT60 methods (Ratnam et al. 2003; Wen, Habets
and Naylor 2008): wherever the sound stops (the end of a phrase, a hit dying away) what is heard
next is the room's free decay. The level is followed in octave bands, every stretch where it
falls steadily above the noise floor gives one decay rate (``room_decays``), and a small learned
model weighs those decays with the level's steepest falls (``room_model``, see
:func:`estimate_rt60`).

Reverb is convolution with a synthetic impulse response whose energy decays 60 dB in the room's
RT60 (exponentially decaying noise, decorrelated left and right, the treble dying a little
sooner as air and furnishings absorb it). Each sound is convolved on its own, so the track's
samples don't depend on the block size it is read in, and its wet level follows its distance
cue (the same low-pass that makes a far object duller makes it more reverberant).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import signal

from stemline.engine.foley.room_decays import band_levels, free_decays
from stemline.engine.foley.room_model import LearnedRoom, room_features

#: Free decays needed over all bands for an estimate (half a second of speech holds two or three,
#: two seconds about ten).
MIN_DECAYS = 6
#: Shortest and longest RT60 reported (below: "dry"; above: a cathedral, or a fit to noise).
RT60_MIN, RT60_MAX = 0.1, 4.0
#: Presets the editor offers besides the estimate (seconds).
PRESETS: dict[str, float] = {"small room": 0.3, "living room": 0.5, "hall": 1.2, "church": 2.5}
#: Wet level (dB, energy of the reverberant tail against the dry sound) of a near sound, and how
#: much wetter the farthest (most low-passed) one is.
WET_NEAR_DB, WET_FAR_EXTRA_DB = -12.0, 9.0
#: Distance cue range: low-pass at or above NEAR_HZ is near, at or below FAR_HZ is far.
NEAR_HZ, FAR_HZ = 12000.0, 1500.0


@dataclass(frozen=True)
class RoomEstimate:
    """An RT60 estimate (None when the audio gave too few decays) and what it rests on."""

    rt60_s: float | None
    decays: int
    source: str = ""


def estimate_rt60(audio: np.ndarray, sample_rate: int, source: str = "", *,
                  separated: bool = False, model: LearnedRoom | None = None) -> RoomEstimate:
    """Blind RT60 of the room the (mono or (frames, channels)) ``audio`` was recorded in.

    The free decays are found in octave bands (``room_decays``); the audio must hold at least
    ``MIN_DECAYS`` of them, or there is no estimate (too little sound, or none that stops).
    The RT60 is the learned estimator's (``room_model``, the bundled one unless ``model``),
    which weighs the decays, the level's steepest falls and its range in four bands.
    ``separated``: ``audio`` is a voice stem separated from music (its tails read shorter)."""
    x = np.asarray(audio, np.float64)
    if x.ndim == 2:
        x = x.mean(axis=1)
    levels = band_levels(x, sample_rate)
    decays = [free_decays(level) for level in levels]
    total = sum(len(d) for d in decays)
    if total < MIN_DECAYS:
        return RoomEstimate(None, total, source)
    rt = (model or LearnedRoom.bundled()).rt60(room_features(levels, decays, separated=separated))
    return RoomEstimate(min(RT60_MAX, max(RT60_MIN, rt)), total, source)


def synthetic_ir(rt60_s: float, sample_rate: int, *, seed: int = 0,
                 treble_damping: float = 0.0) -> np.ndarray:
    """A stereo (frames, 2) impulse response of the reverberant tail alone (no direct sound),
    each channel normalised to unit energy; its energy decays 60 dB in ``rt60_s``.

    ``treble_damping`` 0..1 shortens the decay above 4 kHz by up to half (air absorption)."""
    n = int(round(rt60_s * sample_rate))
    t = np.arange(n) / sample_rate
    rng = np.random.default_rng(seed)
    env = np.exp(-3.0 * math.log(10.0) * t / rt60_s)  # amplitude: energy -60 dB at rt60
    # a 5 ms fade-in: the tail builds up after the direct sound instead of clicking on
    env *= np.minimum(1.0, t / 0.005)
    out = np.empty((n, 2))
    for ch in range(2):
        noise = rng.standard_normal(n) * env
        if treble_damping > 0.0:
            sos = signal.butter(2, 4000.0, "highpass", fs=sample_rate, output="sos")
            high = signal.sosfilt(sos, noise)
            faster = np.exp(-3.0 * math.log(10.0) * t / rt60_s * treble_damping)
            noise = noise - high + high * faster
        out[:, ch] = noise / math.sqrt(float(np.sum(noise * noise)) + 1e-20)
    return out


@lru_cache(maxsize=8)
def foley_ir(rt60_s: float, sample_rate: int) -> np.ndarray:
    """The impulse response Foley sounds get in a room of ``rt60_s`` (cached: one per room)."""
    ir = synthetic_ir(rt60_s, sample_rate, seed=7, treble_damping=0.5).astype(np.float32)
    ir.setflags(write=False)
    return ir


def wet_gain(lowpass_hz: float | None) -> float:
    """Amplitude of the tail (unit-energy IR) for a sound with this distance cue."""
    if lowpass_hz is None or lowpass_hz >= NEAR_HZ:
        far = 0.0
    else:
        far = min(1.0, math.log(NEAR_HZ / max(lowpass_hz, FAR_HZ)) / math.log(NEAR_HZ / FAR_HZ))
    return 10.0 ** ((WET_NEAR_DB + WET_FAR_EXTRA_DB * far) / 20.0)


def add_room(dry: np.ndarray, mono: np.ndarray, rt60_s: float, lowpass_hz: float | None,
             sample_rate: int) -> np.ndarray:
    """``dry`` (frames, 2), the sound as placed, followed by its room: the (gain-scaled, filtered)
    ``mono`` sound convolved with the room's stereo IR at the distance's wet level, added on
    top. The result is longer than ``dry`` by the tail. A three-channel ``dry`` (left, centre,
    right) gets the tail in left and right: a room is heard around the screen, not from it."""
    ir = foley_ir(float(rt60_s), sample_rate)
    g = wet_gain(lowpass_hz)
    wet = np.stack([signal.oaconvolve(mono, ir[:, ch]) for ch in range(2)], axis=1) * g
    out = np.zeros((max(len(dry), len(wet)), dry.shape[1]), np.float32)
    out[:len(dry)] += dry
    out[:len(wet), [0, dry.shape[1] - 1]] += wet.astype(np.float32)
    return out


def room_rt60(room: str, estimate_s: float | None) -> float | None:
    """The RT60 a project's room choice means: a preset's, the estimate's, or None (dry)."""
    if room in PRESETS:
        return PRESETS[room]
    if room == "estimated":
        return estimate_s
    return None
