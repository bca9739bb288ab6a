"""The one mix law and its block kernel, used by live playback and by every offline render.

A track's mix lives in :class:`~stemline.core.project.Track`; :meth:`MixParams.from_project` turns
a project into the numbers the kernel needs: one 2x2 matrix per track (width, constant-power pan,
gain), the music-suppression factor, the ducking amount, the voice gate, a master gain and the
limiter's ceiling. :class:`MixKernel` applies them block by block.

Block size never changes the result (a render at 512 frames equals one at 4096, bit for bit), so
what the editor plays is what an export writes. That takes three rules:

* control values (ducking, gate, limiter gain) change only at fixed 64-frame hops counted from
  the start of the render, never at block edges, and ramp linearly across each hop;
* a hop's statistics are computed only once the hop is complete, over a contiguous copy, so the
  floating-point summation order is the same however the hop arrived;
* per-sample arithmetic is elementwise ``+ - * /`` only (IEEE-exact at any alignment); powers
  and logarithms run per hop in Python floats.

numpy only (no scipy): the editor imports this at start-up.
"""
from __future__ import annotations

import functools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from stemline.core.project import GAIN_MIN_DB, Project
from stemline.core.surround import Upmix, channel_count

#: Track kinds in kernel order (the order of :attr:`MixParams.matrices` and of the inputs).
KINDS = ("original", "voice", "background", "foley")
VOICE, BACKGROUND = KINDS.index("voice"), KINDS.index("background")
FOLEY = KINDS.index("foley")
#: What the kernel reads, in order: the tracks, then the background's ambience part (when the
#: background has been split; see :attr:`MixParams.ambience_gain`).
SOURCES = KINDS + ("ambience",)
AMBIENCE = len(KINDS)
#: Control-rate hop in frames (1.3 ms at 48 kHz).
HOP = 64
#: The mix's sample-peak ceiling, dBFS (headroom for lossy encoders' overshoot).
CEILING_DB = -0.3
#: Most the background goes down under the voice, at ducking 1.0.
MAX_DUCK_DB = 18.0
#: ``--duck`` without an amount: 9 dB, the depth the command line always used.
DEFAULT_DUCKING = 0.5
#: Voice side-chain level (dBFS, mean square of the raw voice stem) where ducking and the gate
#: start to act, and where they act fully.
VOICE_ON_DB, VOICE_FULL_DB = -45.0, -33.0
#: Side-chain follower: rises within ~10 ms when the voice starts, falls over ~250 ms after it.
ATTACK_S, RELEASE_S = 0.010, 0.250
#: Limiter recovery time constant.
LIMITER_RELEASE_S = 0.080
#: Frames over which a level trim fades in and out (10 ms at 48 kHz).
TRIM_RAMP = 480


def db_to_amp(db: float) -> float:
    return 10.0 ** (db / 20.0)


def fader_amp(gain_db: float) -> float:
    """A fader's amplitude: ``GAIN_MIN_DB`` (the bottom of the fader) is silence."""
    return 0.0 if gain_db <= GAIN_MIN_DB else db_to_amp(gain_db)


def pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power (left, right) gains for ``pan`` in -1..1, scaled so the centre is unity on
    both sides (a centred stereo track keeps its level; hard left is +3 dB on the left)."""
    theta = (min(1.0, max(-1.0, float(pan))) + 1.0) * math.pi / 4.0
    return math.cos(theta) * math.sqrt(2.0), math.sin(theta) * math.sqrt(2.0)


def track_matrix(gain_db: float, pan: float, width: float) -> np.ndarray:
    """2x2 matrix ``out = in @ M``: stereo width (mid/side), constant-power pan, then gain."""
    a, b = (1.0 + width) / 2.0, (1.0 - width) / 2.0
    spread = np.array([[a, b], [b, a]])  # rows: input L/R, columns: output L/R
    return spread @ np.diag(pan_gains(pan)) * fader_amp(gain_db)


def matrix_gain(m: np.ndarray) -> float:
    """The fader amplitude inside a :func:`track_matrix` (its columns sum to the pan gains
    times it, and the pan gains' squares sum to 2)."""
    return math.sqrt(0.5 * (float(m[:, 0].sum()) ** 2 + float(m[:, 1].sum()) ** 2))


def suppression_gain(s: float) -> float:
    """Background amplitude factor for music suppression ``s`` in 0..1: ``1 - s``
    (0.3 gives 0.7, -3.1 dB; 1.0 removes the background)."""
    if not math.isfinite(s) or not 0.0 <= s <= 1.0:
        raise ValueError(f"music suppression must be within 0..1, not {s}")
    return 1.0 - float(s)


def suppression_db(s: float) -> float:
    """``suppression_gain`` in dB (-inf for 1.0)."""
    g = suppression_gain(s)
    return 20.0 * math.log10(g) if g > 0 else -math.inf


@dataclass(frozen=True)
class MixParams:
    """The whole mix as numbers: an immutable snapshot the audio callback reads without locks
    (assigning a reference is atomic, so it sees the old or the new one, never half of each).

    Attributes
    ----------
    matrices : float64 (4, 2, 2), one per track in :data:`KINDS` order; zeros when silent.
    ducking : 0..1, how far the background dips under the voice (up to ``MAX_DUCK_DB``).
    voice_gate : 0..1, how far the voice drops between words.
    music_gain : background factor, :func:`suppression_gain` of the background's suppression.
    master_gain_db : gain on the sum before the limiter (loudness normalisation).
    ceiling_db : limiter ceiling in dBFS, or None for no limiter (stems, which must add up).
    true_peak : the ceiling is in dBTP (4x oversampled peaks) instead of sample peaks.
    trims : ``(first frame, end frame, dB)`` stretches of the render lowered by dB after the
        limiter, with :data:`TRIM_RAMP` ramps (where a lossy encoder overshot the ceiling).
    ambience_gain : with the background split (an "ambience" source given), the ambience's level:
        ``music_gain`` then acts on the rest (the music) alone. None: not split, suppression
        scales the whole background.
    foley_surround : in 5.1, the share of the Foley's left and right also sent (delayed) to the
        surrounds; 0, the default, keeps it in front.
    layout : "stereo", or "5.1" (FL FR FC LFE BL BR): voice in the centre, background in front
        with a delayed share in the surrounds, Foley across left-centre-right and a low-passed
        share in the LFE (:mod:`stemline.core.surround`).
    stamp : ``time.perf_counter()`` when made (for latency measurement).
    """

    matrices: np.ndarray
    ducking: float = 0.0
    voice_gate: float = 0.0
    music_gain: float = 1.0
    master_gain_db: float = 0.0
    ceiling_db: float | None = CEILING_DB
    true_peak: bool = False
    trims: tuple[tuple[int, int, float], ...] = ()
    layout: str = "stereo"
    ambience_gain: float | None = None
    foley_surround: float = 0.0
    stamp: float = field(default_factory=time.perf_counter, compare=False)

    @classmethod
    def silent(cls) -> MixParams:
        return cls(np.zeros((len(KINDS), 2, 2)))

    @classmethod
    def from_project(cls, project: Project, has_stems: bool = True, *,
                     monitor: bool = True) -> MixParams:
        """Mute/solo/gain/pan/width of every track, music suppression, ducking and gate.

        Once stems exist the Original lane is a reference heard only when soloed (otherwise it
        would double the voice). ``monitor=False`` ignores mute and solo (listening choices):
        what stems and hand-offs are built from.
        """
        tracks = {t.kind: t for t in project.tracks}
        soloed = {k for k, t in tracks.items() if t.solo} if monitor else set()
        mats = np.zeros((len(KINDS), 2, 2))
        for i, kind in enumerate(KINDS):
            t = tracks[kind]
            audible = (kind in soloed) if soloed else not (t.mute and monitor)
            if kind == "original" and has_stems and kind not in soloed:
                audible = False
            if audible:
                mats[i] = track_matrix(t.gain_db, t.pan, t.width)
        bg, voice = tracks["background"], tracks["voice"]
        # ducking under a voice nobody hears would only pump the background
        ducking = bg.ducking if mats[VOICE].any() else 0.0
        return cls(mats, ducking=ducking, voice_gate=voice.suppression,
                   music_gain=suppression_gain(bg.suppression),
                   ambience_gain=fader_amp(bg.ambience_db) if bg.ambience_source else None,
                   foley_surround=tracks["foley"].surround)

    def audible(self, kind: str) -> bool:
        return bool(self.matrices[KINDS.index(kind)].any())

    def only(self, *kinds: str) -> MixParams:
        """The same mix with only ``kinds`` audible (a post-fader stem, a backing track)."""
        mats = np.zeros_like(self.matrices)
        for kind in kinds:
            i = KINDS.index(kind)
            mats[i] = self.matrices[i]
        return replace(self, matrices=mats)


def trim_gain(trims: Sequence[tuple[int, int, float]], pos: int, n: int) -> np.ndarray:
    """Per-sample factor of frames ``pos .. pos + n`` under ``trims``: each lowers its stretch
    by its dB, reached linearly over :data:`TRIM_RAMP` frames either side (elementwise
    arithmetic only, so any block size gives the same factors)."""
    t = np.arange(pos, pos + n, dtype=np.float64)
    g = np.ones(n)
    for a, b, db in trims:
        if b + TRIM_RAMP <= pos or a - TRIM_RAMP >= pos + n:
            continue
        depth = 1.0 - db_to_amp(-abs(db))
        inside = np.clip(np.minimum(t - (a - TRIM_RAMP), (b + TRIM_RAMP) - t) / TRIM_RAMP, 0.0, 1.0)
        g *= 1.0 - depth * inside
    return g


class SideChain:
    """The voice's talking amount per hop, turned into per-sample ducking and gate gains.

    The level of hop ``k`` (mean square of the raw voice stem, before its fader, so riding the
    voice fader doesn't pump the background) drives a follower; the gains ramp across hop ``k+2``
    from hop ``k``'s value to hop ``k+1``'s, so every gain is known before its samples arrive
    (a 1.3 ms control delay, far below the 10 ms attack).
    """

    def __init__(self, sample_rate: int) -> None:
        self._attack = 1.0 - math.exp(-HOP / (ATTACK_S * sample_rate))
        self._release = 1.0 - math.exp(-HOP / (RELEASE_S * sample_rate))
        self._frac = (np.arange(HOP, dtype=np.float64) + 1.0) / HOP
        self.reset()

    def reset(self) -> None:
        self._pos = 0
        self._partial = np.zeros(0)
        self._level = -120.0
        self._talk = [0.0, 0.0]  # talking amount of hops k0-2 and k0-1

    def _talking(self, mean_square: float) -> float:
        level = 10.0 * math.log10(mean_square + 1e-12)
        a = self._attack if level > self._level else self._release
        self._level += a * (level - self._level)
        return min(1.0, max(0.0, (self._level - VOICE_ON_DB) / (VOICE_FULL_DB - VOICE_ON_DB)))

    def talking(self, voice: np.ndarray | None, n: int) -> tuple[list[float], np.ndarray, np.ndarray]:
        """Advance by ``n`` frames of raw voice (None: silence).

        Returns the talking amounts of the hops this block spans (starting two hops before its
        first) and, per sample, the index of its ramp's start in that list and the ramp fraction.
        """
        pos0 = self._pos
        k0 = pos0 // HOP
        if voice is None:
            sq = np.zeros(n)
        else:
            v = np.asarray(voice, np.float64)
            sq = (v[:, 0] * v[:, 0] + v[:, 1] * v[:, 1]) * 0.5
        buf = np.concatenate([self._partial, sq]) if len(self._partial) else sq
        m = len(buf) // HOP
        talk = list(self._talk)
        # each hop summed as one contiguous row: the same summation order however it arrived
        sums = np.ascontiguousarray(buf[:m * HOP]).reshape(m, HOP).sum(axis=1)
        for total in sums.tolist():
            talk.append(self._talking(total / HOP))
        self._partial = np.array(buf[m * HOP:])
        self._talk = talk[-2:]
        self._pos = pos0 + n
        p = np.arange(pos0, pos0 + n)
        return talk, p // HOP - k0, self._frac[p % HOP]


def _through(x: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) of (n, 2) ``x`` through a track's 2x2 matrix ``m`` (``x @ m``, by column)."""
    return x[:, 0] * m[0, 0] + x[:, 1] * m[1, 0], x[:, 0] * m[0, 1] + x[:, 1] * m[1, 1]


def _ramp(values: Sequence[float], index: np.ndarray, frac: np.ndarray) -> np.ndarray:
    v = np.asarray(values, np.float64)
    start = v[index]
    return start + (v[index + 1] - start) * frac


#: True-peak interpolation: 4x, windowed-sinc taps either side of each gap.
TP_FACTOR, TP_TAPS = 4, 16


@functools.lru_cache(maxsize=1)
def true_peak_filters() -> np.ndarray:
    """(3, 2*taps) filters giving the signal at 1/4, 2/4, 3/4 between two samples."""
    q = np.arange(2 * TP_TAPS)
    out = []
    for phase in range(1, TP_FACTOR):
        t = q - (TP_TAPS - 1) - phase / TP_FACTOR  # distance from each tap to the point
        h = np.sinc(t) * np.kaiser(2 * TP_TAPS, 8.0)
        out.append(h / h.sum())
    return np.array(out)


def inter_sample_peaks(ctx: np.ndarray) -> np.ndarray:
    """For each run of ``2 * TP_TAPS`` consecutive frames of ``ctx`` ((n, channels)), the largest
    magnitude, over channels, of the signal at 1/4, 2/4 and 3/4 of the way between the run's two
    middle frames: ``n - 2 * TP_TAPS + 1`` values. The true-peak limiter and
    :class:`~stemline.core.loudness.TruePeakMeter` both read peaks through this."""
    out = np.zeros(max(0, len(ctx) - 2 * TP_TAPS + 1))
    if not len(out):
        return out
    for ch in range(ctx.shape[1]):
        for h in true_peak_filters():
            np.maximum(out, np.abs(np.correlate(ctx[:, ch], h, "valid")), out=out)
    return out


class Limiter:
    """Peak limiter with one hop of look-ahead that never lets a peak past ``ceiling_db``.

    Each hop's need is ``ceiling / peak``; the gain at a hop boundary is the smaller of the needs
    of the hops either side and the recovering previous gain, and it ramps linearly between
    boundaries, so it is already down when a peak arrives (no clicks, no overs) and recovers
    over ``LIMITER_RELEASE_S``. With ``true_peak`` the peaks are those of the 4x oversampled
    signal (ITU-R BS.1770 true peak), for loudness deliverables with a dBTP ceiling.

    Output lags input by :attr:`latency` frames (2 hops, plus the interpolator's reach).
    """

    def __init__(self, sample_rate: int, ceiling_db: float = CEILING_DB, *,
                 true_peak: bool = False, channels: int = 2) -> None:
        self.ceiling = db_to_amp(ceiling_db)
        self.channels = channels
        self.true_peak = true_peak
        self._r = math.exp(-HOP / (LIMITER_RELEASE_S * sample_rate))
        self._frac = (np.arange(HOP, dtype=np.float64) + 1.0) / HOP
        self.reach = TP_TAPS if true_peak else 0
        self.latency = 2 * HOP + self.reach
        self.reset()

    def reset(self) -> None:
        c = self.channels
        self._pending = np.zeros((0, c))  # the held hop (waiting for the next one) and a partial one
        self._history = np.zeros((self.reach, c))  # frames before _pending, for interpolation
        self._out = np.zeros((self.latency, c))
        self._gain = 1.0

    def _peaks(self, buf: np.ndarray, frames: int) -> np.ndarray:
        """Per frame of ``buf[:frames]``: the largest magnitude of the frame and, with true peak,
        of the interpolated points up to the next frame."""
        peak = np.abs(buf[:frames]).max(axis=1)
        if not self.true_peak:
            return peak
        ctx = np.concatenate([self._history, buf])
        # the points between frame i and i+1 use frames i-taps+1 .. i+taps (ctx rows i+1 ..)
        return np.maximum(peak, inter_sample_peaks(ctx[1:frames + 2 * self.reach]))

    def process(self, x: np.ndarray) -> np.ndarray:
        """Limit (n, channels) audio; returns (n, channels) float64, ``latency`` frames late."""
        n = len(x)
        buf = np.concatenate([self._pending, np.asarray(x, np.float64)])
        complete = max(0, (len(buf) - self.reach) // HOP)
        if complete >= 2:
            frames = complete * HOP
            peaks = self._peaks(buf, frames).reshape(complete, HOP).max(axis=1)
            need = [min(1.0, self.ceiling / p) if p > 0 else 1.0 for p in peaks.tolist()]
            bounds = [min(self._gain, need[0])]
            for j in range(complete - 1):
                recovered = 1.0 - (1.0 - bounds[-1]) * self._r
                bounds.append(min(need[j], need[j + 1], recovered))
            done = (complete - 1) * HOP
            b = np.asarray(bounds)
            gain = np.repeat(b[:-1], HOP) + np.repeat(b[1:] - b[:-1], HOP) * np.tile(self._frac, complete - 1)
            y = buf[:done] * gain[:, None]
            np.clip(y, -self.ceiling, self.ceiling, out=y)
            self._gain = bounds[-1]
            if self.reach:
                self._history = np.concatenate([self._history, buf[:done]])[-self.reach:]
            self._pending = buf[done:]
            self._out = np.concatenate([self._out, y])
        else:
            self._pending = buf
        y, self._out = self._out[:n], self._out[n:]
        return y


class MixKernel:
    """Mixes one block of every track into stereo: matrices, music suppression, ducking and
    voice gate, master gain, limiter. State carries across blocks; :meth:`reset` after a seek.

    Output lags input by :attr:`latency` frames (the limiter's look-ahead; 128 frames, 2.7 ms
    at 48 kHz). Offline renders drop that many frames at the start and flush them at the end.
    """

    def __init__(self, sample_rate: int, params: MixParams | None = None) -> None:
        self.sample_rate = int(sample_rate)
        self.sidechain = SideChain(self.sample_rate)
        self.params = params or MixParams.silent()
        self._limiter: Limiter | None = None
        self._limiter_key: tuple[float | None, bool, str] | None = None
        self._pos = 0  # frames taken since the start (or the last reset): where trims apply
        self._configure(self.params)

    def _configure(self, params: MixParams) -> None:
        key = (params.ceiling_db, params.true_peak, params.layout)
        if key != self._limiter_key:
            self._limiter_key = key
            self.channels = channel_count(params.layout)
            self._upmix = Upmix(self.sample_rate) if params.layout == "5.1" else None
            self._limiter = (None if params.ceiling_db is None else
                             Limiter(self.sample_rate, params.ceiling_db, true_peak=params.true_peak,
                                     channels=self.channels))
            self._delay = np.zeros((self.latency, self.channels))

    @property
    def latency(self) -> int:
        return self._limiter.latency if self._limiter is not None else 2 * HOP

    def reset(self) -> None:
        self._pos = 0
        self.sidechain.reset()
        if self._limiter is not None:
            self._limiter.reset()
        if self._upmix is not None:
            self._upmix.reset()
        self._delay = np.zeros((self.latency, self.channels))

    def process(self, inputs: Sequence[np.ndarray | None], out: np.ndarray,
                params: MixParams | None = None) -> None:
        """Mix ``inputs`` (one (n, 2) float block or None per :data:`SOURCES` entry, the last,
        the background's ambience part, optional; in 5.1 the Foley's may be (n, 3),
        left-centre-right) into ``out`` ((n, channels) float32, overwritten)."""
        if params is not None and params is not self.params:
            self.params = params
            self._configure(params)
        p = self.params
        n = out.shape[0]
        pos, self._pos = self._pos, self._pos + n
        talk, index, frac = self.sidechain.talking(inputs[VOICE], n)
        acc = np.zeros((n, self.channels))
        up = self._upmix
        ambience = inputs[AMBIENCE] if len(inputs) > AMBIENCE and p.ambience_gain is not None else None
        for i, x in enumerate(inputs[:len(KINDS)]):
            if x is None:
                continue
            m = p.matrices[i]
            if not m.any():
                continue
            x = np.asarray(x[:n], np.float64)
            if up is not None and i == FOLEY:  # placed per event by the renderer
                up.foley(x, matrix_gain(m), acc, p.foley_surround)
                continue
            left, right = _through(x, m)
            if i == VOICE and p.voice_gate > 0:
                g = _ramp([1.0 - p.voice_gate * (1.0 - t) for t in talk], index, frac)
                left, right = left * g, right * g
            elif i == BACKGROUND and (ambience is not None or p.ducking > 0 or p.music_gain != 1.0):
                depth = -MAX_DUCK_DB * p.ducking / 20.0
                g = _ramp([p.music_gain * 10.0 ** (depth * t) for t in talk], index, frac)
                if ambience is None:
                    left, right = left * g, right * g
                else:
                    # split background: suppression on the music (all but the ambience) alone,
                    # the ambience at its own level, both ducked alike
                    al, ar = _through(np.asarray(ambience[:n], np.float64), m)
                    ga = _ramp([p.ambience_gain * 10.0 ** (depth * t) for t in talk], index, frac)  # type: ignore[operator]
                    left, right = (left - al) * g + al * ga, (right - ar) * g + ar * ga
            if up is None:
                acc[:, 0] += left
                acc[:, 1] += right
            elif i == VOICE:
                up.centre(left, right, acc)
            elif i == BACKGROUND:
                up.surround(i, left, right, acc)
            else:
                up.front(left, right, acc)
        if p.master_gain_db:
            acc *= db_to_amp(p.master_gain_db)
        if self._limiter is not None:
            y = self._limiter.process(acc)
        else:  # same delay as the limiter, so stems line up with the mix
            buf = np.concatenate([self._delay, acc])
            y, self._delay = buf[:n], buf[n:]
        if p.trims:  # after the limiter, which would otherwise undo them; on its output's clock
            y = y * trim_gain(p.trims, pos - self.latency, n)[:, None]
        out[:] = y
