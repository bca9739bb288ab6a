"""Put new audio into a copy of a video without touching its picture.

The video stream(s) are copied packet for packet (no decode, no re-encode: the bytes and
timestamps stay identical); the audio is encoded from float32 blocks as they arrive, interleaved
with the video by time so memory stays bounded. The output appears under its final name only
when complete.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import av
import numpy as np

from stemline.core.atomic import publish, temp_name
from stemline.core.errors import Cancelled, MediaError, OutputError
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.media.encode import ENCODER_OPTIONS, ensure_not_source, float_frame
from stemline.media.source import open_input

#: container suffix → audio encoder that container takes
_AUDIO_CODEC = {".webm": "libopus", ".ogv": "libopus"}
_FRAME = 1024  # AAC frame size; also a fine chunk for Opus' resampling FIFO


def _chunks(blocks: Iterable[np.ndarray], frames: int, channels: int) -> Iterator[np.ndarray]:
    """Re-block to exactly ``frames`` in total, padded with silence or cut."""
    done = 0
    for b in blocks:
        if done >= frames:
            break
        b = np.asarray(b, np.float32)
        if b.ndim == 1:
            b = b[:, None]
        if b.shape[1] != channels:
            b = np.repeat(b[:, :1], channels, axis=1) if b.shape[1] == 1 else b[:, :channels]
        b = b[: frames - done]
        done += len(b)
        yield b
    while done < frames:
        n = min(65536, frames - done)
        done += n
        yield np.zeros((n, channels), np.float32)


@dataclass
class _Track:
    """One audio stream being encoded from blocks, fed up to a frame count at a time."""

    stream: Any
    audio: Iterator[np.ndarray]
    layout: str
    pending: np.ndarray
    written: int = 0  # audio frames handed to the encoder


def mux_audio(video_path: str | Path, out_path: str | Path, blocks: Iterable[np.ndarray], *,
              sample_rate: int, channels: int = 2, duration: float, bitrate: int = 192000,
              keep_original_audio: bool = False, tmp_path: str | Path | None = None,
              progress: ProgressCallback | None = None,
              cancel: CancelToken | None = None, layout: str | None = None,
              extra: Iterable[tuple[str, Iterable[np.ndarray], str]] = ()) -> Path:
    """Write ``out_path``: the video stream(s) of ``video_path`` copied, plus one new audio stream.

    Parameters
    ----------
    video_path : source video (never modified).
    out_path : result; its suffix picks the container (.mp4, .mov, .mkv, .webm ...).
    blocks : float32 (frames, channels) audio at ``sample_rate``, starting at the video's time 0.
    duration : seconds of audio to write (padded or cut to exactly this).
    bitrate : audio bits per second (per stereo pair: a 5.1 stream gets three times as much).
    layout : the new stream's channel layout ("5.1"); default stereo or mono by ``channels``.
    extra : more new audio streams after the first, not default: (title, blocks, layout) each
        (a stereo mix beside a 5.1 one).
    keep_original_audio : also copy the source's first audio stream, packet for packet, as a
        second track titled "Original audio" that is not the default (the new mix is).
    tmp_path : where to write before renaming (an export staging several files passes its own;
        then the caller renames it and ``out_path`` only names the result in messages).

    Raises
    ------
    MediaError
        The source can't be read or has no video.
    OutputError
        The output is the source, its folder is missing, or the container refuses the streams.
    Cancelled
        When ``cancel`` is set; no output is left.
    """
    src, dst = Path(video_path), Path(out_path)
    ensure_not_source(dst, [src])
    if not dst.parent.is_dir():
        raise OutputError(f"{dst}: folder {dst.parent} does not exist")
    tmp = Path(tmp_path) if tmp_path else temp_name(dst)
    total = int(round(duration * sample_rate))
    inp = open_input(src)[1]
    try:
        vin = [s for s in inp.streams.video
               if not (s.disposition & av.stream.Disposition.attached_pic)]
        if not vin:
            raise MediaError(f"{src}: no video stream to copy")
        ain = None
        if keep_original_audio:
            if not inp.streams.audio:
                raise MediaError(f"{src}: has no audio to keep as a second track")
            ain = inp.streams.audio[0]
        try:
            out = av.open(str(tmp), "w", format=_muxer_for(dst))
        except (av.error.FFmpegError, OSError) as exc:
            raise OutputError(f"{dst}: cannot write ({exc})") from exc
        try:
            vmap = {s.index: out.add_stream_from_template(s) for s in vin}
            codec = _AUDIO_CODEC.get(dst.suffix.lower(), "aac")
            # the mix (default) first, then the extra streams (not default)
            first = layout or ("stereo" if channels == 2 else "mono")
            tracks = []
            for k, (title, audio, lay) in enumerate([("Stemline mix", blocks, first), *extra]):
                n = channels if k == 0 else av.AudioLayout(lay).nb_channels
                st = _new_stream(out, codec, sample_rate, lay, bitrate, title)
                st.disposition = av.stream.Disposition.default if k == 0 else av.stream.Disposition(0)
                tracks.append(_Track(st, _chunks(audio, total, n), lay, np.zeros((0, n), np.float32)))
            aorig = None
            if ain is not None:
                try:
                    aorig = out.add_stream_from_template(ain)
                except (av.error.FFmpegError, ValueError) as exc:
                    raise OutputError(f"{dst}: the source's {ain.codec_context.name} audio can't be "
                                      f"copied into {dst.suffix} ({exc}); use .mkv") from exc
                aorig.metadata["title"] = aorig.metadata["handler_name"] = "Original audio"
                aorig.disposition = av.stream.Disposition(0)
            def feed(upto: int) -> None:
                """Encode every new stream until ``upto`` frames are written (or its audio ends)."""
                for tr in tracks:
                    while tr.written < upto:
                        while len(tr.pending) < _FRAME:
                            nxt = next(tr.audio, None)
                            if nxt is None:
                                break
                            tr.pending = np.concatenate([tr.pending, nxt])
                        if len(tr.pending) == 0:
                            break
                        chunk, tr.pending = tr.pending[:_FRAME], tr.pending[_FRAME:]
                        for pkt in tr.stream.encode(float_frame(chunk, tr.layout, sample_rate,
                                                                tr.written)):
                            out.mux(pkt)
                        tr.written += len(chunk)

            last_report = -1.0
            for packet in inp.demux(vin + ([ain] if ain is not None else [])):
                if cancel is not None:
                    cancel.check()
                if packet.dts is None:
                    continue  # demuxer flush marker, not data
                if ain is not None and packet.stream.index == ain.index:
                    packet.stream = aorig
                    out.mux(packet)
                    continue
                t = float(packet.dts * packet.time_base) if packet.time_base else 0.0
                # keep audio about half a second ahead of the video being copied
                feed(min(total, int((t + 0.5) * sample_rate)))
                packet.stream = vmap[packet.stream.index]
                out.mux(packet)
                if progress is not None and t - last_report >= 1.0:
                    last_report = t
                    progress(Progress("mux", t, duration, "s"))
            feed(total)
            for tr in tracks:
                for pkt in tr.stream.encode(None):
                    out.mux(pkt)
        finally:
            out.close()
        if not tmp_path:
            publish(tmp, dst)
    except Cancelled:
        raise
    except av.error.FFmpegError as exc:
        raise OutputError(f"{dst}: muxing failed ({exc})") from exc
    finally:
        inp.close()
        if not tmp_path:
            tmp.unlink(missing_ok=True)
    if progress is not None:
        progress(Progress("mux", duration, duration, "s"))
    return dst


def _new_stream(out: Any, codec: str, sample_rate: int, layout: str, bitrate: int, title: str) -> Any:
    stream = out.add_stream(codec, rate=sample_rate, layout=layout)
    pairs = max(1, av.AudioLayout(layout).nb_channels // 2)
    stream.bit_rate = bitrate * pairs
    if codec in ENCODER_OPTIONS:
        stream.codec_context.options = dict(ENCODER_OPTIONS[codec])
    stream.metadata["title"] = stream.metadata["handler_name"] = title
    return stream


def _muxer_for(path: Path) -> str | None:
    """The muxer a suffix asks for (temporary names keep the suffix, so FFmpeg's guess works;
    .mov is named because its guess is the generic MP4 one)."""
    return {".mov": "mov", ".mkv": "matroska", ".webm": "webm"}.get(path.suffix.lower())


def video_packets(path: str | Path, *, raw: bool = True) -> list[tuple[object, object, bytes]]:
    """Every packet of the first video stream, for identity checks.

    ``raw``: (pts, dts, bytes) in the stream's own time base (same-container copies must match
    exactly); else (pts in ms, keyframe flag, bytes), comparable across containers whose time
    bases differ (MP4 to MKV).
    """
    with av.open(str(path)) as c:
        st = c.streams.video[0]
        if raw:
            return [(p.pts, p.dts, bytes(p)) for p in c.demux(st) if p.size]
        return [(round(float(p.pts * p.time_base) * 1000) if p.pts is not None else None,
                 bool(p.is_keyframe), bytes(p)) for p in c.demux(st) if p.size]
