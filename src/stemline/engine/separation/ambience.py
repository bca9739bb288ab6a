"""The background split into music and ambience, so music suppression can leave the room.

Music is made of notes: partials that hold their frequency for a while (a horizontal line in
the spectrogram) and drum hits (a vertical one). Rain, traffic, room tone and ventilation are
noise, and steady: in any bin its level over the next half second is much like its level in the
neighbouring bins, and it seldom falls below its usual floor. Two pieces of evidence, both
needed for a bin to count as ambience:

* harmonic/percussive/residual decomposition (Fitzgerald 2010, Driedger's margins 2014):
  median filtering the magnitude along time (what holds) and along frequency (what strikes);
  where either stands ``MARGIN`` times above the other, the bin is a note or a hit;
* a noise floor per bin, the 20th percentile of its power over 1.5 s (corrected to the mean of
  noise): what rises well above it is something happening, not the room.

A held note under loud noise passes both: its partial is only a little above the noise in its
bin, so neither median stands out. Averaged over a second, though, the spectrum of noise is
smooth and a partial is a peak; a bin whose average power stands ``PEAK_MARGIN`` times above the
spectrum on *both* sides of it (so that a steep but smooth noise spectrum, a road's rumble, is
not a peak) gives that excess to the music. And what rises above the floor is something
happening, but a passing car or a gust rises as a broad band where a note rises as partials: a
rise counts as music only as far as the spectrum there is peaked.

A partial is narrow in frequency, but an 85 ms frame smears it over a main lobe 47 Hz wide, and
whatever room tone lies under that lobe goes with it. So the steady partials are taken out first
at four times the frame length (0.34 s, a main lobe 12 Hz wide: what a held note leaves of quiet
room tone between its partials stays), and the rest of the mask is then worked out on what
remains at the usual length (drums and onsets need short frames).

Mains hum is the one steady partial that belongs to the room: a fridge, a transformer or a
light humming at 50 or 60 Hz and its multiples. The long pass finds it first (:mod:`hum`: partials
at mains multiples that agree on one fundamental and never fall silent over 5 s) and gives it to
the ambience whatever the rest of the split decides.

Whatever the split decides, a bin keeps at least the share of it that the room's own steady
level explains (:func:`room_share`: the floor over 5 s, no higher than the bins around it, against
the bin's power), so quiet room tone between and under sustained notes stays.

The three tests give a hand-made share of each bin; how much each should count where they
disagree is not set by hand: a small network (:mod:`ambience_model`) sees the same evidence as
log ratios, at the bin and a few neighbours, and corrects the share's logit. It was trained on
other mixtures than the benchmark's, through the inverse STFT, on what the benchmark measures.

Measured by ``benchmarks/music_ambience.py``; the constants were chosen on its dev set only.
The masks are computed once from the mixture (the channels' mean magnitude, so the stereo image
is kept) and applied to every channel, so ``music + ambience`` is the background exactly.

Used by :mod:`stemline.jobs.ambience` (the stem's ambience part as a file, in chunks); the mix
then lets music suppression act on the rest alone (``MixParams.ambience_gain``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

#: STFT at 48 kHz: 85 ms frames every 21 ms.
N_FFT, HOP = 4096, 1024
#: Median lengths: 0.45 s along time, 250 Hz along frequency (at 48 kHz).
TIME_MEDIAN, FREQ_MEDIAN = 21, 21
#: How far one median must stand above the other for a bin to be a note or a hit, and how hard
#: the soft mask turns.
MARGIN, POWER = 3.0, 4.0
#: The noise floor: this percentile of a bin's power over FLOOR_FRAMES (1.5 s), estimated on every
#: FLOOR_STEP-th frame (the same floor, eight times less work).
FLOOR_PERCENTILE, FLOOR_FRAMES, FLOOR_STEP = 20.0, 71, 8
#: Power above the floor counts as music at this weight; the floor mask's exponent.
ABOVE_WEIGHT, FLOOR_POWER = 1.0, 2.0
#: ... but only as far as the spectrum there is peaked (power over RISE_FRAMES, 0.2 s, from
#: RISE_FLAT to RISE_PEAK times the level 3-5 bins away, as for partials): a note rises as
#: partials, a passing car or a gust as a broad band of noise. On the dev set this kept the
#: audible road 56 -> 70 %, for 0.6-0.9 dB more music left.
RISE_FRAMES, RISE_FLAT, RISE_PEAK = 9, 1.5, 4.0
#: Partials: power averaged over PEAK_FRAMES (1 s), compared with the PEAK_PERCENTILE of
#: PEAK_SIDE bins centred PEAK_GAP bins below and above (3..5 bins off: just outside the Hann
#: window's main lobe of +-2 bins); the larger side is the level to stand above. Looking any
#: further out calls a band of noise a partial wherever it is narrower than twice the distance:
#: noise low-passed at 150 Hz kept 31 % of its energy with 11-bin sides 7 bins off, 79 % with
#: these, as without this test.
PEAK_MARGIN, PEAK_FRAMES, PEAK_PERCENTILE, PEAK_SIDE, PEAK_GAP = 3.0, 47, 20.0, 3, 4
#: The first pass (steady partials only): frames this many times longer, the same 1 s average.
#: On the dev set, 2x / 4x / 8x gave music -15.5 / -15.7 / -15.7 dB, ambience kept 79 / 81 / 79 %
#: (one pass: -14.8 dB, 77 %).
LONG = 4


def ambience_mask(mag: np.ndarray) -> np.ndarray:
    """(bins, frames) magnitude -> the ambience's share of each bin, 0..1.

    The hand-made share (:func:`evidence`) and a learned correction of it
    (:mod:`ambience_model`, trained on other mixtures than the benchmark's) decide together, and
    no bin keeps less than the room's own level explains of it (:func:`room_share`)."""
    from stemline.engine.separation.ambience_model import LearnedCorrection

    features, soft = evidence(mag)
    model = LearnedCorrection.bundled()
    logit = model.scale * (soft - model.centre) + model.correction(features)
    del features
    return np.maximum(1.0 / (1.0 + np.exp(-np.clip(logit, -30.0, 30.0))), room_share(mag * mag))


#: The room's level in a bin: the floor's percentile over ROOM_FRAMES (5 s) instead of 1.5 s
#: (a note is seldom held that long, room tone always is), no higher than the level of the bins
#: around it (:func:`side_level`). Its share of a bin is (room / power) ** ROOM_POWER, at most 1.
#: Chosen on the dev set and blind2 only (2026-12-07) among 1.5 or 5 s, with or without the cap,
#: powers 1, 1.5, 2 and 3: 5 s, capped, power 2 took them from 7 to 9 of 10 items meeting both
#: targets (benchmarks/music_ambience.py; README, "The room's own level").
ROOM_FRAMES, ROOM_POWER = 235, 2.0


def room_share(power: np.ndarray) -> np.ndarray:
    """(bins, frames) power -> the share of each bin that the room's own steady level explains,
    0..1: a Wiener-like gain of the room against the bin (squared, so a bin the room explains
    only in part, where music sits on it, gives the room little).

    The learned split decides each bin from its evidence and decides most with confidence;
    where quiet room tone lies under sustained or struck music (between an electric piano's or a
    vibraphone's partials, under their decays) it gave a fifth of the room to the music. Whatever
    the rest decides, a bin keeps at least what the room's level accounts for."""
    level = noise_floor(power, ROOM_FRAMES)
    # a note held through the whole 5 s is a peak of that level's spectrum; the room is not
    room = np.minimum(level, side_level(level))
    del level
    share = room / np.maximum(power, 1e-30)
    np.minimum(share, 1.0, out=share)
    return share ** ROOM_POWER


#: A frame's loudness is judged against the median frame of the 3 s around it (not of the chunk:
#: the split of a long stem in chunks is the split of the whole, ``jobs/ambience.py``).
LOUDNESS_FRAMES = 141
#: Names of :func:`evidence`'s features, in order (the learned model's inputs; checked on load).
FEATURES = ("held over struck", "above the floor", "peaked now", "peaked over a second",
            "held over the floor", "struck over the floor", "rise", "fall", "unsteadiness",
            "frame loudness", "octave", "hand-made share")
_TINY = 1e-12


def evidence(mag: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(bins, frames) magnitude -> (features (len(FEATURES), bins, frames) float32, the
    hand-made ambience share (bins, frames)).

    The hand-made share multiplies the three tests of the module's docstring: neither a note
    nor a hit (harmonic/percussive/residual), not risen above the floor as partials do, not a
    steady partial. The features are the same evidence as log ratios (so a mixture's level
    doesn't matter), with a few more views of each bin's neighbourhood: its rise and fall over
    four frames, how much it flickers (noise does, held notes don't), the frame's loudness
    against the median frame of the 3 s around it, the octave it lies in."""
    from scipy.ndimage import median_filter, uniform_filter1d

    held = median_filter(mag, size=(1, TIME_MEDIAN), mode="nearest")
    struck = median_filter(mag, size=(FREQ_MEDIAN, 1), mode="nearest")
    h, p = held ** POWER, struck ** POWER
    eps = 1e-30
    tonal = h / (h + MARGIN ** POWER * p + eps)
    hits = p / (p + MARGIN ** POWER * h + eps)
    residual = np.clip(1.0 - tonal - hits, 0.0, 1.0)
    power = mag * mag
    floor = noise_floor(power, FLOOR_FRAMES)
    now = _smoothed(power, 3)
    above = np.maximum(now - floor, 0.0)
    recent = _smoothed(power, RISE_FRAMES)
    recent_around = side_level(recent)
    peaked = np.clip((recent / recent_around - RISE_FLAT) / (RISE_PEAK - RISE_FLAT), 0.0, 1.0)
    nn, mm = floor ** FLOOR_POWER, (ABOVE_WEIGHT * above * peaked) ** FLOOR_POWER
    second = _smoothed(power, PEAK_FRAMES)
    second_around = side_level(second)  # the partial test's level, and a feature's
    soft = residual * (nn / (nn + mm + eps)) * (1.0 - _peaks(second, second_around))
    del tonal, hits, residual, above, peaked, nn, mm

    def log(x: np.ndarray) -> np.ndarray:
        return np.log(x + _TINY)

    log_floor, log_now = log(floor), log(now)
    log_held, log_struck = log(held ** 2), log(struck ** 2)
    del held, struck
    frame = power.sum(axis=0, keepdims=True)
    octave = np.log2(np.maximum(np.arange(power.shape[0]), 1) * 48000.0 / N_FFT / 1000.0)[:, None]

    def shifted(x: np.ndarray, by: int) -> np.ndarray:  # x[:, t + by], the edge frame repeated
        return x[:, np.clip(np.arange(x.shape[1]) + by, 0, x.shape[1] - 1)]

    def flicker() -> np.ndarray:
        lp = log(power)
        steps = np.abs(np.diff(lp, axis=1, prepend=lp[:, :1]))
        return uniform_filter1d(steps, RISE_FRAMES, axis=1, mode="nearest")

    def loudness() -> np.ndarray:
        around = median_filter(frame, size=(1, LOUDNESS_FRAMES), mode="nearest")
        return np.broadcast_to(log(frame) - log(around), power.shape)

    # one row at a time (each a chunk-sized array): memory stays at the features' own size
    rows = (lambda: log_held - log_struck, lambda: log_now - log_floor,
            lambda: log(recent) - np.log(recent_around), lambda: log(second) - np.log(second_around),
            lambda: log_held - log_floor, lambda: log_struck - log_floor,
            lambda: log_now - log(shifted(now, -4)), lambda: log_now - log(shifted(now, 4)), flicker,
            loudness, lambda: np.broadcast_to(octave, power.shape))
    features = np.empty((len(FEATURES),) + power.shape, np.float32)
    for out, row in zip(features, rows):
        np.clip(row(), -20.0, 20.0, out=out)
    features[-1] = soft
    return features, soft


def noise_floor(power: np.ndarray, frames: int) -> np.ndarray:
    """Each bin's noise floor over ``frames`` (centred): its FLOOR_PERCENTILE there, taken on every
    FLOOR_STEP-th frame, as the mean power of noise with that percentile (the percentile of noise
    power, exponentially distributed, is this share of its mean)."""
    return stepped_percentile(power, FLOOR_PERCENTILE, max(3, frames // FLOOR_STEP), FLOOR_STEP,
                              "nearest") / -np.log1p(-FLOOR_PERCENTILE / 100)


def stepped_percentile(power: np.ndarray, percentile: float, size: int, step: int, mode: str) -> np.ndarray:
    """Each bin's ``percentile`` of its power over ``size`` of every ``step``-th frame (centred),
    held for the ``step`` frames from each: the running percentile for ``step`` times less work.
    A chunk that starts on a multiple of ``step`` frames gets the whole file's values
    (``jobs/ambience.py`` puts chunk edges there)."""
    from scipy.ndimage import percentile_filter

    coarse = percentile_filter(power[:, ::step], percentile, size=(1, size), mode=mode)
    return np.repeat(coarse, step, axis=1)[:, :power.shape[1]]


def _smoothed(power: np.ndarray, frames: int) -> np.ndarray:
    """``power`` averaged over ``frames`` along time. A running mean adds and subtracts as it goes,
    so after a loud frame a silent stretch comes out a rounding error below zero, whose log is
    not a number: digital silence before a sound made the whole split NaN. Clamped at zero."""
    from scipy.ndimage import uniform_filter1d

    mean = uniform_filter1d(power, frames, axis=1, mode="nearest")
    return np.maximum(mean, 0.0, out=mean)


def side_level(power: np.ndarray) -> np.ndarray:
    """The level a bin must stand above to be a peak: the PEAK_PERCENTILE of PEAK_SIDE bins
    PEAK_GAP below it and as many above it, whichever is higher (+ a tiny floor)."""
    from scipy.ndimage import percentile_filter

    level = percentile_filter(power, PEAK_PERCENTILE, size=(PEAK_SIDE, 1), mode="nearest")
    off = PEAK_GAP
    below = np.concatenate([np.repeat(level[:1], off, axis=0), level[:-off]])  # level[i - off]
    above = np.concatenate([level[off:], np.repeat(level[-1:], off, axis=0)])  # level[i + off]
    return np.maximum(below, above) + 1e-30


def _partials(power: np.ndarray, frames: int = PEAK_FRAMES) -> np.ndarray:
    """The share of each bin's power that is a steady partial, 0..1 (soft: square root), from
    its power averaged over ``frames``."""
    mean = _smoothed(power, frames)
    return _peaks(mean, side_level(mean))


def _peaks(mean: np.ndarray, around: np.ndarray) -> np.ndarray:
    """:func:`_partials` of averaged power ``mean`` whose :func:`side_level` level is ``around``."""
    ratio = mean / around
    return np.sqrt(np.clip((ratio - PEAK_MARGIN) / np.maximum(ratio, 1e-30), 0.0, 1.0))


def _stft(x: np.ndarray, scale: int = 1) -> np.ndarray:
    from scipy import signal

    n, hop = scale * N_FFT, scale * HOP
    return signal.stft(x, nperseg=n, noverlap=n - hop, axis=0, boundary="even", padded=True)[2]


def _istft(z: np.ndarray, n: int, scale: int = 1) -> np.ndarray:
    from scipy import signal

    size, hop = scale * N_FFT, scale * HOP
    x = signal.istft(z, nperseg=size, noverlap=size - hop, time_axis=-1, freq_axis=0, boundary=True)[1]
    return np.moveaxis(x, 0, -1)[:n] if x.ndim > 1 else x[:n]


def _long_frames() -> int:
    """PEAK_FRAMES' second at the long pass's hop (odd, as a centred average wants)."""
    return max(3, int(round(PEAK_FRAMES / LONG)) | 1)


def without_steady_partials(x: np.ndarray, sample_rate: float) -> tuple[
        np.ndarray, Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """The first pass, in long frames: ``x`` (samples, channels) without its mains hum and its
    steady partials, as the usual frames' STFT (bins, channels, frames); the same pass (the
    same masks) for any other signal of ``x``'s length: what the second pass's mask meets of
    it; and what the pass takes as hum of any such signal (samples, channels), which is ambience
    whatever the second pass decides."""
    from stemline.engine.separation.hum import hum_share

    n = len(x)
    zl = _stft(x, LONG)  # (bins, channels, frames)
    power = np.abs(zl).mean(axis=1) ** 2
    share = hum_share(power, sample_rate, LONG * N_FFT, LONG * HOP)
    hum = share[:, None, :] if share.any() else None
    del share
    # what is not hum, less its steady partials (where nothing hums this is the held mask alone,
    # bit for bit, and no more memory: the pass is what it was before hum was looked for)
    rest = (1.0 - _partials(power, _long_frames()))[:, None, :]
    if hum is not None:
        rest *= 1.0 - hum

    def second(y: np.ndarray) -> np.ndarray:
        return _stft(_istft(_stft(y, LONG) * rest, n, LONG))

    def hum_of(y: np.ndarray) -> np.ndarray:
        if hum is None:
            return np.zeros_like(y, np.float64)
        # (the STFT again, not ``zl`` kept for it: that would hold 100 MB a chunk the whole split)
        return _istft(_stft(y, LONG) * hum, n, LONG)

    return _stft(_istft(zl * rest, n, LONG)), second, hum_of


def split_background(audio: np.ndarray, sample_rate: int, *,
                     sources: Sequence[np.ndarray] = ()) -> tuple[np.ndarray, list[np.ndarray]]:
    """(ambience of ``audio`` (frames, channels), the same masks applied to each of ``sources``).

    The music is ``audio - ambience``. ``sources`` (signals that add up to ``audio``) let a
    benchmark see what the masks keep of each."""
    x = np.asarray(audio, np.float64)
    mono = x.ndim == 1
    n = len(x)
    # the long pass needs one whole frame (0.34 s at 48 kHz): a shorter stem is split as if
    # silence followed it
    size = max(n, LONG * N_FFT)

    def padded(y: np.ndarray) -> np.ndarray:
        y = y[:, None] if y.ndim == 1 else y
        return np.pad(y, ((0, size - n), (0, 0))) if size > n else y

    x = padded(x)
    z, second, hum_of = without_steady_partials(x, sample_rate)
    # second pass, the usual frames, on what is left
    mask = ambience_mask(np.abs(z).mean(axis=1))[:, None, :]

    def masked(y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, np.float64)
        y2 = padded(y)
        out = (_istft(second(y2) * mask, size) + hum_of(y2))[:n]
        return out[:, 0] if y.ndim == 1 else out

    amb = (_istft(z * mask, size) + hum_of(x))[:n]
    return (amb[:, 0] if mono else amb), [masked(s) for s in sources]
