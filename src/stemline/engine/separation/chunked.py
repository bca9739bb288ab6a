"""Separate an unbounded stream of audio blocks in overlapping chunks, with bounded memory.

Each chunk is separated with ``margin`` frames of extra context on both sides (thrown away, so
chunk edges never reach the output) and neighbouring chunks are cross-faded over ``crossfade``
frames with complementary raised-cosine weights, so the result shows no seams. Memory holds one
chunk plus its context, whatever the length of the stream.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.engine.separation.base import Separator

DEFAULT_CHUNK_SECONDS = 40.0
DEFAULT_CROSSFADE_SECONDS = 1.0


class _Input:
    """Growable window onto the input stream, addressed in absolute frames."""

    def __init__(self, blocks: Iterable[np.ndarray]) -> None:
        self._blocks = iter(blocks)
        self._buf: np.ndarray | None = None
        self.start = 0          # absolute frame of self._buf[0]
        self.ended = False

    @property
    def end(self) -> int:
        return self.start + (0 if self._buf is None else len(self._buf))

    def fill_to(self, frame: int) -> None:
        parts = [] if self._buf is None else [self._buf]
        have = self.end
        while have < frame and not self.ended:
            try:
                block = np.asarray(next(self._blocks), dtype=np.float32)
            except StopIteration:
                self.ended = True
                break
            if block.ndim == 1:
                block = block[:, None]
            parts.append(block)
            have += len(block)
        if parts:
            self._buf = parts[0] if len(parts) == 1 else np.concatenate(parts)

    def slice(self, a: int, b: int) -> np.ndarray:
        assert self._buf is not None and a >= self.start
        return self._buf[a - self.start:b - self.start]

    def drop_before(self, frame: int) -> None:
        if self._buf is not None and frame > self.start:
            cut = min(frame - self.start, len(self._buf))
            self._buf = self._buf[cut:].copy()
            self.start += cut


def separate_stream(blocks: Iterable[np.ndarray], sample_rate: int, separator: Separator, *,
                    chunk_seconds: float = DEFAULT_CHUNK_SECONDS,
                    crossfade_seconds: float = DEFAULT_CROSSFADE_SECONDS,
                    total_frames: int | None = None,
                    progress: ProgressCallback | None = None,
                    cancel: CancelToken | None = None) -> Iterator[dict[str, np.ndarray]]:
    """Yield {"voice", "background"} blocks that, concatenated, cover the input exactly.

    Parameters
    ----------
    blocks : float32 (frames, channels) arrays, any sizes.
    sample_rate : rate of the blocks (kept in the output).
    separator : a loaded :class:`~stemline.engine.separation.base.Separator`.
    chunk_seconds : output frames each chunk owns.
    crossfade_seconds : length of the blend between neighbouring chunks.
    total_frames : length of the stream when known, for progress only.
    """
    hop = max(1, int(round(chunk_seconds * sample_rate)))
    fade = min(hop // 2, int(round(crossfade_seconds * sample_rate)))
    half = fade // 2
    fade = 2 * half
    margin = int(round(separator.context_seconds * sample_rate))
    ramp = np.sin(0.5 * np.pi * (np.arange(fade) + 0.5) / max(fade, 1)).astype(np.float32) ** 2
    if progress is not None:
        progress(Progress("separate", 0.0, (total_frames or 0) / sample_rate))
    src = _Input(blocks)
    tail: dict[str, np.ndarray] | None = None   # previous chunk's stems over the next crossfade
    emitted = 0
    k = 0
    while True:
        if cancel is not None:
            cancel.check()
        own_a, own_b = k * hop, (k + 1) * hop
        need_b = own_b + half + margin
        src.fill_to(need_b)
        total = src.end
        last = src.ended and total <= own_b + half
        if total <= own_a and k > 0:
            break
        out_a = max(0, own_a - half)
        out_b = total if last else own_b + half
        in_a, in_b = max(0, out_a - margin), min(total, out_b + margin)
        if in_b <= in_a:
            break
        seg = src.slice(in_a, in_b)
        out = separator.separate(seg, sample_rate, cancel=cancel)
        # Both stems are cross-faded: a model with a compensation gain (MDX-Net) makes its
        # background other than mix - voice, and the built-in ones give exactly that anyway.
        stems = {s: out[s][out_a - in_a:out_b - in_a] for s in ("voice", "background")}
        if tail is not None:
            for s in stems:
                stems[s] = stems[s].copy()
                stems[s][:fade] = tail[s] * ramp[::-1, None] + stems[s][:fade] * ramp[:, None]
        if last or not fade:
            body, tail = stems, None
        else:
            body = {s: v[:-fade] for s, v in stems.items()}
            tail = {s: v[-fade:] for s, v in stems.items()}
        n_body = len(body["voice"])
        if n_body:
            yield body
            emitted += n_body
        src.drop_before(max(src.start, emitted - margin - half))
        if progress is not None:
            progress(Progress("separate", emitted / sample_rate,
                              (total_frames or 0) / sample_rate))
        if last:
            break
        k += 1
