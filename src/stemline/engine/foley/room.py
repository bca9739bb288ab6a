"""The scene's room: its reverberation time estimated blind from the source's own audio, and the
impulse response each Foley sound is given so it sounds like it happened in that room.

Estimation follows the free-decay idea of blind RT60 methods (Ratnam et al. 2003; Wen, Habets
and Naylor 2008): wherever the sound stops (the end of a phrase, a hit dying away) what is heard
next is the room's free decay. The level is followed in octave bands, every stretch where it
falls steadily above the noise floor gives one decay rate (a straight-line fit to the level in
dB, past its first fall), and the deepest decays decide (see :func:`estimate_rt60`).

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

#: Octave bands analysed (centre Hz): where speech has energy and rooms are usually quoted.
BANDS = (500.0, 1000.0, 2000.0, 4000.0)
#: The bands a room's RT60 is quoted in (their mean).
MID_BANDS = (500.0, 1000.0)
#: Analysis frames: 20 ms windows every 5 ms.
FRAME_S, HOP_S = 0.020, 0.005
#: A decay's fit needs at least this long, above the noise floor plus this margin.
MIN_DECAY_S, FLOOR_MARGIN_DB = 0.030, 3.0
#: Wobble allowed inside a decay, the first fall left out of its fit, and the least fall that
#: must be left to fit (dB): a shallow decay skips less, so a long room (whose decays the next
#: word cuts after 12-20 dB) still gives some.
RISE_DB, SKIP_DB, MIN_FIT_DB = 1.5, 14.0, 4.0
#: Decay depths tried, deepest first (dB).
DEPTHS = (28.0, 22.0, 18.0, 15.0, 12.0)
#: Decays needed in each mid band at a depth (fewer: the next depth; none: no estimate).
MIN_DECAYS = 3
#: Shortest and longest RT60 reported (below: "dry"; above: a cathedral, or a fit to noise).
RT60_MIN, RT60_MAX = 0.1, 4.0
#: The decays read short rooms long and long rooms short (a short room's decays end in the
#: noise, a long room's are cut by the next word): the estimate is mapped through
#: ``CAL_SCALE * rt ** CAL_POWER``, times ``CAL_SHALLOW`` when it rests on decays shallower
#: than ``SHALLOW_DB`` (a room whose decays the next word always cuts reads shorter still). A
#: least-squares fit in log time to the six room sets of benchmarks/room_rt60.py that had been
#: read (dev, dev-hard, blind 1-4); the shallow decays and this split were chosen by
#: leave-one-set-out cross-validation over them (106 of 138 rooms within 25 %, against 84).
CAL_SCALE, CAL_POWER, CAL_SHALLOW, SHALLOW_DB = 1.231, 1.121, 1.309, 22.0
#: The noise floor a decay must stay above: this percentile of the band's level. The 10th sat
#: inside a long room's tail (speech leaves it few quiet frames) and cut its decays short.
FLOOR_PERCENTILE = 5.0

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
    #: The decay depth the estimate rests on (deeper is surer), 0 without one.
    depth_db: float = 0.0


def _band_levels(x: np.ndarray, sr: int) -> list[np.ndarray]:
    hop, win = int(round(HOP_S * sr)), int(round(FRAME_S * sr))
    out = []
    for fc in BANDS:
        if fc * math.sqrt(2) >= sr / 2:
            continue
        sos = signal.butter(3, [fc / math.sqrt(2), fc * math.sqrt(2)], "bandpass", fs=sr,
                            output="sos")
        y = signal.sosfilt(sos, x)
        power = y * y
        # mean power over each window, one value per hop (a cumulative sum: O(n))
        c = np.concatenate(([0.0], np.cumsum(power)))
        starts = np.arange(0, len(y) - win, hop)
        if len(starts) == 0:
            continue
        mean = (c[starts + win] - c[starts]) / win
        out.append(10.0 * np.log10(mean + 1e-20))
    return out


def _decays(level: np.ndarray) -> list[tuple[float, float]]:
    """``(depth dB, RT60 s)`` of every free decay in one band's level (dB per hop).

    A decay runs from a peak for as long as the level stays within ``RISE_DB`` of the lowest it
    has reached (a reverberant tail measured in short windows wobbles) and above the noise floor,
    and ends at that lowest point. Like a Schroeder T20 it is fitted only after its first
    ``SKIP_DB`` (less in a shallow decay, which keeps ``MIN_FIT_DB`` to fit): that first fall is
    the direct sound and the early reflections stopping (a strong direct sound and nearby walls
    put them well above the tail), not the room's decay."""
    floor = float(np.percentile(level, FLOOR_PERCENTILE))
    smooth = np.convolve(level, np.ones(3) / 3.0, mode="same")
    out = []
    min_len = int(round(MIN_DECAY_S / HOP_S))
    n = len(smooth)
    i = 1
    while i < n - 1:
        if not (smooth[i] >= smooth[i - 1] and smooth[i] > smooth[i + 1]):
            i += 1
            continue
        low, at, j = smooth[i], i, i + 1
        while j < n and smooth[j] <= low + RISE_DB and smooth[j] > floor + FLOOR_MARGIN_DB:
            if smooth[j] < low:
                low, at = smooth[j], j
            j += 1
        depth = float(smooth[i] - smooth[at])
        if depth >= DEPTHS[-1]:
            skip = min(SKIP_DB, depth - MIN_FIT_DB)
            start = i + int(np.argmax(smooth[i:at + 1] <= smooth[i] - skip))
            if at - start >= min_len:
                t = np.arange(at - start + 1) * HOP_S
                slope = np.polyfit(t, smooth[start:at + 1], 1)[0]  # dB per second
                if slope < 0:
                    out.append((depth, -60.0 / slope))
        i = max(j, i + 1)
    return out


def estimate_rt60(audio: np.ndarray, sample_rate: int, source: str = "") -> RoomEstimate:
    """Blind RT60 of the room the (mono or (frames, channels)) ``audio`` was recorded in.

    The deepest decays decide: only a decay that runs a long way shows the room's tail rather
    than the early sound, and a shallow one is usually cut short by the next word (both read
    too short). The mid-band RT60 (mean of the 500 Hz and 1 kHz octaves, as rooms are quoted)
    is the median over the decays at least ``DEPTHS[0]`` deep, or, with fewer than
    ``MIN_DECAYS`` of those in each band, the next depth down."""
    x = np.asarray(audio, np.float64)
    if x.ndim == 2:
        x = x.mean(axis=1)
    per_band = dict(zip(BANDS, (_decays(level) for level in _band_levels(x, sample_rate))))
    total = sum(len(d) for d in per_band.values())
    for depth in DEPTHS:
        rts = [[rt for d, rt in per_band.get(fc, []) if d >= depth] for fc in MID_BANDS]
        if all(len(r) >= MIN_DECAYS for r in rts):
            rt = CAL_SCALE * float(np.mean([np.median(r) for r in rts])) ** CAL_POWER
            if depth < SHALLOW_DB:
                rt *= CAL_SHALLOW
            return RoomEstimate(min(RT60_MAX, max(RT60_MIN, rt)), total, source,
                                depth_db=depth)
    return RoomEstimate(None, total, source)


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
