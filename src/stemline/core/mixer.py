"""Block-based stereo mixer (pure numpy/scipy): per-track gain and pan, background-music
suppression, optional ducking, and a limiter that never lets a sample exceed the ceiling.

State (ducker envelope, limiter gain) carries across blocks, so offline rendering and live
playback give the same result for any block size. Nothing here allocates per sample in Python.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import signal
from scipy.ndimage import minimum_filter1d


@dataclass(frozen=True)
class TrackMix:
    """Mix settings of one track.

    Attributes
    ----------
    gain_db : level change in dB (finite, -120..+24).
    pan : -1 (left) .. +1 (right); equal-power, applied as a balance to stereo input.
    mute : silence the track.
    duck : lower this track while the ducking sources play (for background music).
    """

    gain_db: float = 0.0
    pan: float = 0.0
    mute: bool = False
    duck: bool = False

    def __post_init__(self) -> None:
        if not np.isfinite(self.gain_db) or not -120.0 <= self.gain_db <= 24.0:
            raise ValueError(f"gain_db must be within -120..24 dB, not {self.gain_db}")
        if not np.isfinite(self.pan) or not -1.0 <= self.pan <= 1.0:
            raise ValueError(f"pan must be within -1..1, not {self.pan}")


def suppression_gain(s: float) -> float:
    """Amplitude factor for background-music suppression ``s`` in [0, 1]: ``1 - s``.

    0.3 gives 0.7 (-3.1 dB); 1.0 removes the background.
    """
    if not np.isfinite(s) or not 0.0 <= s <= 1.0:
        raise ValueError(f"background suppression must be within 0..1, not {s}")
    return 1.0 - float(s)


def suppression_db(s: float) -> float:
    """``suppression_gain`` in dB (-inf for 1.0)."""
    g = suppression_gain(s)
    return float(20 * np.log10(g)) if g > 0 else float("-inf")


def _pan_matrix(pan: float) -> tuple[float, float]:
    angle = (pan + 1.0) * np.pi / 4.0
    # scaled so pan 0 is unity on both sides (a centred stereo track keeps its level)
    return float(np.cos(angle) * np.sqrt(2.0)), float(np.sin(angle) * np.sqrt(2.0))


def _to_stereo(x: np.ndarray) -> np.ndarray:
    if x.ndim == 1:
        x = x[:, None]
    if x.shape[1] == 1:
        return np.repeat(x, 2, axis=1)
    if x.shape[1] == 2:
        return x
    # more channels: fold to stereo by averaging the left-ish and right-ish halves
    half = x.shape[1] // 2
    return np.stack([x[:, :half].mean(axis=1), x[:, half:].mean(axis=1)], axis=1)


class Ducker:
    """Gain for a ducked track from a side-chain level: fast down, slow back up.

    Parameters
    ----------
    sample_rate : Hz.
    depth_db : most the ducked track goes down.
    threshold_db : side-chain level (dBFS RMS) where ducking starts; full depth 12 dB above.
    attack, release : time constants (s) of the side-chain power followers; the release one
        falls about 43 dB per second, so the background is back ~0.5 s after the voice stops.
    """

    def __init__(self, sample_rate: int, *, depth_db: float = 9.0, threshold_db: float = -40.0,
                 attack: float = 0.01, release: float = 0.1) -> None:
        self.depth_db = depth_db
        self.threshold_db = threshold_db
        self._fast = self._pole(attack, sample_rate)
        self._slow = self._pole(release, sample_rate)
        self._zf = np.zeros(1)
        self._zs = np.zeros(1)

    @staticmethod
    def _pole(tau: float, sr: int) -> tuple[np.ndarray, np.ndarray]:
        a = float(np.exp(-1.0 / (tau * sr)))
        return np.array([1.0 - a]), np.array([1.0, -a])

    def gain(self, sidechain: np.ndarray) -> np.ndarray:
        """Per-sample gain (frames,) for the ducked track, from a mono side-chain block."""
        power = sidechain.astype(np.float64) ** 2
        fast, self._zf = signal.lfilter(*self._fast, power, zi=self._zf)
        slow, self._zs = signal.lfilter(*self._slow, power, zi=self._zs)
        # the fast follower lets ducking start quickly; the slow one holds it through short gaps
        level_db = 10 * np.log10(np.maximum(fast, slow) + 1e-12)
        amount = np.clip((level_db - self.threshold_db) / 12.0, 0.0, 1.0)
        return 10 ** (-self.depth_db * amount / 20)


class Limiter:
    """Peak limiter without look-ahead (no added latency) that never exceeds ``ceiling``.

    The gain is the smaller of what each sample needs right now and a smoothed, held version of
    recent needs, so it clamps instantly and recovers smoothly over ``release`` seconds.
    """

    def __init__(self, sample_rate: int, *, ceiling: float = 0.966, release: float = 0.08,
                 hold: float = 0.005) -> None:
        self.ceiling = ceiling
        self._hold = max(1, int(hold * sample_rate))
        a = float(np.exp(-1.0 / (release * sample_rate)))
        self._b, self._a = np.array([1.0 - a]), np.array([1.0, -a])
        self._z = np.array([a])  # steady state at gain 1
        self._tail = np.ones(self._hold - 1)

    def process(self, x: np.ndarray) -> np.ndarray:
        """Limit a (frames, channels) block; returns a new float32 array."""
        if len(x) == 0:
            return x.astype(np.float32)
        peak = np.max(np.abs(x), axis=1).astype(np.float64)
        need = np.minimum(1.0, self.ceiling / np.maximum(peak, 1e-12))
        ext = np.concatenate([self._tail, need])
        # causal running minimum over the hold window (carried across blocks)
        held = minimum_filter1d(ext, self._hold, origin=(self._hold - 1) // 2)[len(self._tail):]
        if self._hold > 1:
            self._tail = ext[-(self._hold - 1):]
        smooth, self._z = signal.lfilter(self._b, self._a, held, zi=self._z)
        g = np.minimum(need, smooth)
        y = x * g[:, None]
        return np.clip(y, -self.ceiling, self.ceiling).astype(np.float32)


class Mixer:
    """Sum named tracks to stereo, block by block.

    Parameters
    ----------
    sample_rate : Hz of every block.
    tracks : name → :class:`TrackMix`.
    suppression : background-music suppression applied to the track named ``background``.
    duck_sources : tracks whose signal ducks the tracks with ``duck=True``.
    limit : run the limiter on the sum.
    """

    def __init__(self, sample_rate: int, tracks: dict[str, TrackMix] | None = None, *,
                 suppression: float = 0.0, duck_sources: tuple[str, ...] = ("voice", "foley"),
                 limit: bool = True, duck_depth_db: float = 9.0) -> None:
        self.sample_rate = sample_rate
        self.tracks: dict[str, TrackMix] = dict(tracks or {})
        self.suppression = suppression
        suppression_gain(suppression)  # validate early
        self.duck_sources = duck_sources
        self._ducker = Ducker(sample_rate, depth_db=duck_depth_db)
        self._limiter = Limiter(sample_rate) if limit else None

    def set_track(self, name: str, **changes: object) -> None:
        """Change one track's settings (validated); takes effect from the next block."""
        self.tracks[name] = replace(self.tracks.get(name, TrackMix()), **changes)  # type: ignore[arg-type]

    def process(self, blocks: dict[str, np.ndarray]) -> np.ndarray:
        """Mix one block per track (same length each; mono or multichannel) to stereo float32.

        Tracks missing from ``blocks`` are silent for this block; unknown names mix at unity.
        """
        if not blocks:
            return np.zeros((0, 2), np.float32)
        n = min(len(b) for b in blocks.values())
        out = np.zeros((n, 2), np.float64)
        side = np.zeros(n, np.float64)
        ducked: list[np.ndarray] = []
        for name, block in blocks.items():
            mix = self.tracks.get(name, TrackMix())
            x = _to_stereo(np.asarray(block[:n], np.float64))
            if name in self.duck_sources and not mix.mute:
                side += x.mean(axis=1) * 10 ** (mix.gain_db / 20)
            if mix.mute:
                continue
            g = 10 ** (mix.gain_db / 20)
            if name == "background":
                g *= suppression_gain(self.suppression)
            gl, gr = _pan_matrix(mix.pan)
            y = x * np.array([g * gl, g * gr])
            if mix.duck:
                ducked.append(y)
            else:
                out += y
        if ducked:
            dg = self._ducker.gain(side)
            for y in ducked:
                out += y * dg[:, None]
        else:
            self._ducker.gain(side)  # keep the envelope running so enabling it later is smooth
        if self._limiter is not None:
            return self._limiter.process(out)
        return out.astype(np.float32)
