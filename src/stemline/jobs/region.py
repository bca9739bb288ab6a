"""Re-separating one stretch of a file with another model: the stretch is decoded from the source
(with the model's context on both sides), separated, and written into copies of the voice and
background stems with short raised-cosine cross-fades at both ends. The old stem files stay as
they are, so the edit can be undone by pointing the tracks back at them.

The copies are written into a folder the caller owns (the editor's stems cache), never next to
the old stems: a project file names those paths, and a project from elsewhere could name any
folder on the disk.
"""
from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np
import soundfile as sf

from stemline.core.atomic import Staging
from stemline.core.errors import MediaError, OutputError
from stemline.core.progress import CancelToken, ProgressCallback
from stemline.engine.separation.base import Separator
from stemline.media.decode import iter_audio

#: Length of the blend into and out of the re-separated stretch.
FADE_SECONDS = 0.02
_BLOCK = 1 << 16


def _decode_span(media: Path, a: int, b: int, rate: int, channels: int,
                 cancel: CancelToken | None) -> np.ndarray:
    """Frames [a, b) of the source's audio at ``rate``; only the span is kept in memory."""
    parts, pos = [], 0
    for block in iter_audio(media, sample_rate=rate, channels=channels, cancel=cancel):
        end = pos + len(block)
        if end > a:
            parts.append(block[max(0, a - pos):max(0, b - pos)])
        pos = end
        if pos >= b:
            break
    if not parts:
        raise MediaError(f"{media}: no audio between {a / rate:.2f} and {b / rate:.2f} s")
    span = np.concatenate(parts)
    if len(span) < b - a:  # the stems run a little past the decoded audio: pad, don't shift
        span = np.concatenate([span, np.zeros((b - a - len(span), channels), np.float32)])
    return span


def blend_weights(n: int, fade: int) -> np.ndarray:
    """1 inside the stretch, raised-cosine ramps of ``fade`` frames at both ends."""
    w = np.ones(n, np.float32)
    fade = min(fade, n // 2)
    if fade:
        ramp = np.sin(0.5 * np.pi * (np.arange(fade) + 0.5) / fade).astype(np.float32) ** 2
        w[:fade], w[n - fade:] = ramp, ramp[::-1]
    return w


def reseparate_range(media: Path, stems: dict[str, Path], start: float, end: float,
                     separator: Separator, out_dir: Path, *, fade_seconds: float = FADE_SECONDS,
                     progress: ProgressCallback | None = None,
                     cancel: CancelToken | None = None) -> dict[str, Path]:
    """New voice and background files equal to ``stems`` outside [start, end) and to
    ``separator``'s stems inside it, cross-faded over ``fade_seconds`` at both ends.

    Returns {"voice": path, "background": path}: new files in ``out_dir`` (created if needed).
    """
    info = sf.info(str(stems["voice"]))
    rate, channels, frames = info.samplerate, info.channels, info.frames
    a, b = max(0, int(round(start * rate))), min(frames, int(round(end * rate)))
    fade = int(round(fade_seconds * rate))
    if b - a < max(2 * fade, 1):
        raise ValueError(f"select more than {2 * fade_seconds * 1000:.0f} ms to re-separate")
    context = int(round(separator.context_seconds * rate))
    lo, hi = max(0, a - context), min(frames, b + context)
    span = _decode_span(Path(media), lo, hi, rate, channels, cancel)
    fresh = separator.separate(span, rate, progress=progress, cancel=cancel)
    weights = blend_weights(b - a, fade)[:, None]
    tag = f"{uuid.uuid4().hex[:8]}"
    out: dict[str, Path] = {}
    with Staging() as staging:
        try:
            staging.folder(out_dir)
        except OSError as exc:
            raise OutputError(f"{out_dir}: can't write the re-separated stems ({exc})") from exc
        for stem in ("voice", "background"):
            old = Path(stems[stem])
            target = out_dir / f"{old.stem.split('.')[0]}.{tag}.wav"
            new = fresh[stem][a - lo:b - lo]
            try:
                _copy_with_span(old, staging.path(target), a, new, weights, cancel)
            except (OSError, sf.LibsndfileError) as exc:
                raise OutputError(f"{target}: can't write the re-separated stem ({exc})") from exc
            out[stem] = target
        staging.commit()
    return out


def _copy_with_span(old: Path, tmp: Path, a: int, new: np.ndarray, weights: np.ndarray,
                    cancel: CancelToken | None) -> None:
    """Stream ``old`` into ``tmp``, blending ``new`` in from frame ``a``."""
    b = a + len(new)
    with sf.SoundFile(str(old)) as src, \
            sf.SoundFile(str(tmp), "w", samplerate=src.samplerate, channels=src.channels,
                         subtype=src.subtype, format="WAV") as dst:
        pos = 0
        while True:
            if cancel is not None:
                cancel.check()
            block = src.read(_BLOCK, dtype="float32", always_2d=True)
            if not len(block):
                break
            lo, hi = max(a, pos), min(b, pos + len(block))
            if lo < hi:
                seg = slice(lo - pos, hi - pos)
                w = weights[lo - a:hi - a]
                block[seg] = block[seg] * (1 - w) + new[lo - a:hi - a] * w
            dst.write(block)
            pos += len(block)
