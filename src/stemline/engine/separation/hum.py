"""Mains hum: the steady partials at multiples of the mains frequency, which belong to the room.

A fridge, a transformer, a light's ballast or a badly earthed cable hum at 50 or 60 Hz and its
multiples. To the splitter (``ambience.py``) such a hum looks like music: partials that hold
their frequency. Two things tell it apart, the ones a de-hum tool relies on too:

* it sits at whole multiples of 50 or 60 Hz (within the grid's wander, a few tenths of a percent),
  two or more of them at once;
* it never stops: over ``WINDOW_S`` its bin never falls to the level of the room around it, where
  a note starts, decays or gives way to the next chord within a few seconds. So the spectrum of
  each bin's floor over the window (a low percentile of its power) has a peak there.

A bin that passes both is hum, and so is the main lobe around it. Everything is judged over a window
centred on each frame, so a file split in chunks (``jobs/ambience.py``) is split as a whole.
"""
from __future__ import annotations

import warnings

import numpy as np

#: The mains frequencies of the world's grids.
MAINS_HZ = (50.0, 60.0)
#: Harmonics are looked for up to this frequency (a light's buzz reaches a few kHz).
MAX_HZ = 4000.0
#: How far the grid's frequency wanders, as a share of each harmonic (0.2 Hz at 50 Hz is more
#: than any grid strays).
WANDER = 0.004
#: The window a hum's steadiness and peak are judged over (centred: 2.5 s either side, inside
#: the 3 s of context that ``jobs/ambience.py`` gives every chunk).
WINDOW_S = 5.0
#: The floor of a bin is this percentile of its power over the window, taken every FLOOR_STEP
#: frames.
FLOOR_PERCENTILE, FLOOR_STEP = 20.0, 2
#: The floor must stand this many times above the floor either side (as for partials); at twice
#: that, the whole bin is hum (in between: a share).
PEAK_RATIO = 3.0
#: A hum's power in its bin, in units of the bin's floor.
FLOOR_GAIN = 2.0
#: Bins either side of a hum's centre that carry its main lobe (a Hann window's is +-2 bins).
LOBE = 2
#: A mains frequency counts as present where at least this many of its first LOW harmonics hum
#: at once (within the grid's wander); its exact fundamental is then measured on them.
MIN_HARMONICS, LOW = 2, 8
#: How far a peak's place between bins may be off, in bins (a parabola through the log floor).
PEAK_ERROR = 0.2
#: How far that measurement may be off (Hz; harmonic k is looked for k times as far around).
F0_ERROR = 0.03


def _fundamental(centre: np.ndarray, log_floor: np.ndarray, freqs: np.ndarray, base: float) -> np.ndarray:
    """Per frame, the exact fundamental of mains hum near ``base`` Hz (nan where it doesn't hum):
    the median of ``f_k / k`` over the first :data:`LOW` harmonics that are found (``centre``
    at least 0.5 at the floor's peak within the grid's wander of ``k * base``), each placed
    between bins by the parabola through the log floor around its peak."""
    bins, frames = centre.shape
    df = float(freqs[1] - freqs[0])
    cols = np.arange(frames)
    peaks = np.full((LOW, frames), np.nan)  # each harmonic's frequency, Hz
    for k in range(1, LOW + 1):
        tol = WANDER * k * base + PEAK_ERROR * df
        lo, hi = np.searchsorted(freqs, [k * base - tol - df, k * base + tol + df])
        lo, hi = max(lo, 1), min(hi, bins - 1)
        if hi <= lo:
            break
        peak = lo + np.argmax(log_floor[lo:hi], axis=0)
        a, b, c = log_floor[peak - 1, cols], log_floor[peak, cols], log_floor[peak + 1, cols]
        den = a - 2.0 * b + c
        shift = np.where(den < 0, 0.5 * (a - c) / np.where(den < 0, den, -1.0), 0.0)
        f = (peak + np.clip(shift, -0.5, 0.5)) * df
        found = (centre[peak, cols] >= 0.5) & (np.abs(f - k * base) <= tol)
        peaks[k - 1] = np.where(found, f, np.nan)
    k = np.arange(1, LOW + 1)[:, None]
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-nan frames: no hum there
        f0 = np.nanmedian(peaks / k, axis=0)
        # harmonics of one hum agree on the fundamental (as closely as a peak's place can be
        # measured); notes that happen to lie near mains multiples don't
        agree = (np.abs(peaks - k * f0) <= PEAK_ERROR * df).sum(axis=0)
    return np.where(agree >= MIN_HARMONICS, f0, np.nan)


def hum_share(power: np.ndarray, sample_rate: float, n_fft: int, hop: int) -> np.ndarray:
    """(bins, frames) power of an STFT with ``n_fft``-sample frames every ``hop`` samples ->
    the share of each bin that is mains hum, 0..1."""
    from scipy.ndimage import maximum_filter1d

    from stemline.engine.separation.ambience import side_level, stepped_percentile

    full = np.zeros(power.shape, np.float32)  # a share: float32 is plenty, and half the memory
    if power.shape[0] != n_fft // 2 + 1:
        return full  # shorter than one frame (the STFT took a shorter one): too short to hold a hum
    # only the bins up to the highest harmonic matter (and a few above, for the peak test's sides)
    limit = int(np.ceil(MAX_HZ * (1.0 + WANDER) * n_fft / sample_rate)) + 2 * LOBE + 8
    power = power[:limit]
    bins, frames = power.shape
    if frames == 0:
        return full
    share = np.zeros(power.shape, np.float64)
    freqs = np.arange(bins) * sample_rate / n_fft
    width = max(3, int(round(WINDOW_S * sample_rate / hop)) | 1)
    # The bin's floor over the window (a low percentile of its power): music on top of a hum
    # only adds to it and noise only flickers around it, but a note that stops, or comes in the
    # middle of the window, leaves the floor at the level of the room.
    # (mirrored at the ends: repeating the edge frame would make it the floor of half a window).
    # Worked out on every FLOOR_STEP-th frame and held between (the same floor, half the work;
    # chunks start on even frames, so a chunk's floor is the whole file's).
    floor = stepped_percentile(power, FLOOR_PERCENTILE, (width // FLOOR_STEP) | 1, FLOOR_STEP, "mirror")
    ratio = floor / side_level(floor)
    centre = np.clip((ratio - PEAK_RATIO) / PEAK_RATIO, 0.0, 1.0)
    df = sample_rate / n_fft
    log_floor = np.log(floor + 1e-30)
    for base in MAINS_HZ:
        f0 = _fundamental(centre, log_floor, freqs, base)
        humming = np.flatnonzero(np.isfinite(f0))
        if len(humming) == 0:
            continue
        # every harmonic of the fundamental found, where it is (the higher, the less exactly)
        for k in range(1, int(MAX_HZ // base) + 1):
            at = k * f0[humming] / df  # in bins
            nearest = np.rint(at).astype(int)
            tol = 1.0 + k * F0_ERROR / df
            for off in range(-int(tol) - 1, int(tol) + 2):
                b = nearest + off
                ok = (np.abs(b - at) <= tol) & (b >= 0) & (b < bins)
                b, t = b[ok], humming[ok]
                share[b, t] = np.maximum(share[b, t], centre[b, t])
    # Of a hum's bins, the hum's own part: the floor is about its level there (the noise under
    # it flickers: a low percentile lies under the mean, hence FLOOR_GAIN); what stands well above
    # it at a moment (a note on the same frequency) stays with the rest.
    lobe = maximum_filter1d(share, 2 * LOBE + 1, axis=0, mode="constant")
    full[:bins] = lobe * np.minimum(1.0, FLOOR_GAIN * floor / np.maximum(power, 1e-30))
    return full
