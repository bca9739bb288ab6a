"""The real-time mix: prepared buffers in, one stereo block out per callback.

Friture's rule: the PortAudio callback only reads buffers prepared elsewhere and parameters
swapped in atomically. The mixing itself is :class:`~stemline.core.mixer.MixKernel`, the same
kernel every export runs, so what plays is what is written (it makes a few block-sized numpy
temporaries per callback: microseconds, never a lock or a file).
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np

from stemline.core.mixer import SOURCES, MixKernel, MixParams

MAX_BLOCK = 8192
_I16 = np.float32(1.0 / 32767.0)


class PlaybackEngine:
    """Mixes up to four stereo sources (Original, Voice, Background, Foley) at one sample rate.

    Parameters
    ----------
    sample_rate : of every source and of the output.
    blocksize : frames per callback the output is asked to use (smaller: lower latency).

    What is heard lags :attr:`position` by the kernel's look-ahead (``kernel.latency`` frames,
    2.7 ms at 48 kHz): far below what an eye can match to the picture.
    """

    def __init__(self, sample_rate: int = 48000, blocksize: int = 512) -> None:
        self.sample_rate = int(sample_rate)
        self.blocksize = int(blocksize)
        self.kernel = MixKernel(self.sample_rate)
        self._sources: tuple[np.ndarray | None, ...] = (None,) * len(SOURCES)
        self._frames = 0
        self._params = MixParams.silent()
        self._seen_stamp = self._params.stamp
        self._convert = np.zeros((len(SOURCES), MAX_BLOCK, 2), np.float32)  # int16 sources, as float
        self.position = 0  # next frame to play; written only by the callback (and seek)
        self._seek_to: int | None = None
        self._tail = 0  # kernel frames still to play out after stopping at an end
        #: Play range (start, end frame, loop): forward play stops at its end, or wraps to its
        #: start when looping, sample for sample. One tuple, swapped atomically.
        self._range: tuple[int, int, bool] | None = None
        self.speed = 0  # frames advanced per output frame: 0 paused, 1 play, -1 reverse, 2, 4...
        #: What was played, for the level meter: a ring of the last second, written by the
        #: callback (no allocation), read by the GUI with :meth:`read_tap`.
        self._tap = np.zeros((self.sample_rate, 2), np.float32)
        self.tap_written = 0
        #: Seconds between the last parameter swap and the first callback that used it.
        self.last_param_latency = 0.0
        self.callbacks = 0
        self._audition: np.ndarray | None = None  # one-shot preview, plays even when paused
        self._audition_pos = 0

    # -- control side (any thread) -----------------------------------------------------------
    def set_sources(self, sources: dict[str, np.ndarray]) -> None:
        """Install prepared buffers by track kind, and the background's "ambience" part when it
        was split (missing kinds: silent).

        float32 (frames, 2) arrays, or int16 (frames, 2) ones (memory-mapped playback files,
        scaled by 1/32767 block by block, never converted as a whole).
        """
        arrays: list[np.ndarray | None] = []
        for kind in SOURCES:
            a = sources.get(kind)
            if a is not None and a.dtype == np.int16 and a.ndim == 2 and a.shape[1] == 2:
                arrays.append(a)
                continue
            if a is not None:
                a = np.ascontiguousarray(a, dtype=np.float32)
                if a.ndim == 1:
                    a = np.repeat(a[:, None], 2, axis=1)
                elif a.shape[1] == 1:
                    a = np.repeat(a, 2, axis=1)
                elif a.shape[1] > 2:
                    a = np.ascontiguousarray(a[:, :2])
            arrays.append(a)
        self._frames = max((a.shape[0] for a in arrays if a is not None), default=0)
        self._sources = tuple(arrays)  # one atomic swap

    @property
    def sources(self) -> tuple[np.ndarray | None, ...]:
        """The installed buffers in :data:`~stemline.core.mixer.SOURCES` order (None: silent)."""
        return self._sources

    def has(self, kind: str) -> bool:
        return self._sources[SOURCES.index(kind)] is not None

    @property
    def frames(self) -> int:
        return self._frames

    def set_params(self, params: MixParams) -> None:
        self._params = params

    @property
    def params(self) -> MixParams:
        """The snapshot in use (immutable: safe to hand to another thread)."""
        return self._params

    def audition(self, buffer: np.ndarray | None) -> None:
        """Play ``buffer`` (float32 (frames, 2), prepared by the caller) once, over the mix."""
        if buffer is not None:
            scale = _I16 if buffer.dtype == np.int16 else np.float32(1.0)
            buffer = np.ascontiguousarray(buffer, dtype=np.float32) * scale
            if buffer.ndim == 1:
                buffer = np.repeat(buffer[:, None], 2, axis=1)
        self._audition_pos = 0
        self._audition = buffer

    @property
    def auditioning(self) -> bool:
        return self._audition is not None

    def set_range(self, start: float, end: float, loop: bool) -> None:
        """Play ``start``..``end`` seconds: stop at the end, or loop back to ``start``."""
        a = max(0, int(round(start * self.sample_rate)))
        b = int(round(end * self.sample_rate))
        self._range = (a, b, bool(loop)) if b > a else None

    def clear_range(self) -> None:
        self._range = None

    @property
    def play_range(self) -> tuple[int, int, bool] | None:
        return self._range

    def seek(self, seconds: float) -> None:
        self._seek_to = max(0, min(int(round(seconds * self.sample_rate)), self._frames))
        self.position = self._seek_to

    @property
    def time(self) -> float:
        return self.position / self.sample_rate

    # -- audio side --------------------------------------------------------------------------
    def callback(self, outdata: np.ndarray, frames: int, time_info: Any = None,
                 status: Any = None) -> None:
        """sounddevice's callback signature; also driven by :class:`ClockOutput`."""
        self.render(outdata[:frames])

    def render(self, out: np.ndarray) -> None:
        """Fill ``out`` (frames, 2) float32 with the next block of the mix."""
        params = self._params
        if params.stamp != self._seen_stamp:
            self._seen_stamp = params.stamp
            self.last_param_latency = time.perf_counter() - params.stamp
        self.callbacks += 1
        out.fill(0.0)
        if out.shape[0] <= MAX_BLOCK:
            playing = self.speed != 0 or self._tail > 0
            # (before mixing it in: the block an audition ends in still reaches the meter)
            auditioning = self._audition is not None
            if self.speed != 0:
                self._mix(out, params)
            elif self._tail > 0:
                self._flush(out, params)
            if auditioning:
                self._add_audition(out)
            if playing or auditioning:
                self._write_tap(out)

    def _flush(self, out: np.ndarray, params: MixParams) -> None:
        """After stopping at an end, let the kernel's last ``latency`` frames play out."""
        k = min(out.shape[0], self._tail)
        self.kernel.process([None] * len(SOURCES), out[:k], params)
        self._tail -= k

    def _write_tap(self, out: np.ndarray) -> None:
        n, size = out.shape[0], self._tap.shape[0]
        at = self.tap_written % size
        first = min(n, size - at)
        self._tap[at:at + first] = out[:first]
        if first < n:
            self._tap[:n - first] = out[first:]
        self.tap_written += n

    def read_tap(self, since: int) -> tuple[np.ndarray, int]:
        """What was played after frame count ``since`` (at most the last second), and the
        count to pass next time."""
        end, size = self.tap_written, self._tap.shape[0]
        start = max(since, end - size)
        if end <= start:
            return self._tap[:0].copy(), end
        a, b = start % size, end % size
        data = self._tap[a:b].copy() if a < b else np.concatenate([self._tap[a:], self._tap[:b]])
        return data, end

    def _add_audition(self, out: np.ndarray) -> None:
        buf, pos = self._audition, self._audition_pos
        assert buf is not None
        k = min(out.shape[0], buf.shape[0] - pos)
        if k > 0:
            np.add(out[:k], buf[pos:pos + k, :2], out=out[:k])
            np.clip(out[:k], -1.0, 1.0, out=out[:k])
        self._audition_pos = pos + max(k, 0)
        if self._audition_pos >= buf.shape[0]:
            self._audition = None

    def _mix(self, out: np.ndarray, params: MixParams) -> None:
        rng = self._range
        if self._seek_to is not None:
            self.position, self._seek_to = self._seek_to, None
            self.kernel.reset()  # a new place in the timeline: nothing carries over
            self._tail = 0
        n, written = out.shape[0], 0
        while written < n:
            inside = rng is not None and rng[0] <= self.position < rng[1]
            written += self._mix_segment(out[written:], params, rng if inside else None)
            if not (inside and self.speed > 0 and self.position >= rng[1]):  # type: ignore[index]
                break
            if not rng[2]:  # type: ignore[index]
                self.speed = 0  # the end of the played selection: stop there
                break
            # Loop: wrap to the start and fill the rest of this block, so the seam is
            # sample-exact (no gap of a block's length).
            self.position = rng[0]  # type: ignore[index]
        if self.speed > 0 and self.position >= self._frames:
            self.speed = 0  # the end of the timeline: stop like a tape, in this very block
        elif self.speed < 0 and self.position < 0:
            # the start, in reverse: the same (a block later, the look-ahead's frames came
            # after a gap, and the playhead read -1 frame)
            self.position, self.speed = 0, 0
        if self.speed == 0:  # stopped at an end: the look-ahead still holds the last frames
            self._tail = self.kernel.latency
            if written < n:
                self._flush(out[written:], params)

    def _mix_segment(self, out: np.ndarray, params: MixParams,
                     rng: tuple[int, int, bool] | None) -> int:
        """Mix into ``out`` from the current position; returns the frames written."""
        n = out.shape[0]
        speed = self.speed
        pos = self.position
        sources = self._sources
        end = self._frames if rng is None else min(self._frames, rng[1])
        if speed > 0:
            stop = min(pos + n * speed, end)
            count = max(0, -(-(stop - pos) // speed))
            sl = slice(pos, pos + count * speed, speed)
        else:
            stop = max(pos + n * speed, -1)
            count = max(0, -(-(pos - stop) // -speed))
            sl = slice(pos, pos + count * speed if pos + count * speed >= 0 else None, speed)
        if count == 0:
            return 0  # at the end already: _mix stops there
        inputs = [None if src is None else self._as_float(src[sl][:count], i)
                  for i, src in enumerate(sources)]
        # a source shorter than the timeline ends in silence
        inputs = [x if x is None or x.shape[0] == count else
                  np.concatenate([x, np.zeros((count - x.shape[0], 2), np.float32)])
                  for x in inputs]
        self.kernel.process(inputs, out[:count], params)
        self.position = pos + count * speed
        return count

    def _as_float(self, block: np.ndarray, slot: int) -> np.ndarray:
        """``block`` as float32: itself, or int16 scaled into the preallocated buffer."""
        if block.dtype != np.int16:
            return block
        out = self._convert[slot, :block.shape[0]]
        np.multiply(block, _I16, out=out)
        return out
