"""Streaming decode of a file's first audio stream to float32 blocks, aligned to the container clock.

Alignment rules (why the output lines up sample-for-sample with the source timeline):

* Encoder priming is removed where the file says how much there is: FFmpeg applies MP4/M4A edit
  lists, the MP3 LAME/Xing delay, Opus pre-skip and Matroska CodecDelay itself (the decoder drops
  the samples and moves the frame pts). We check the result against the timestamps rather than trust it.
* Sample 0 of the output is the *container start*: the earliest start of the audio and video
  streams (never below 0, because FFmpeg marks pre-roll with negative timestamps). Audio that starts
  later than that (an MPEG-PS whose video leads, a stream muxed with an offset) is preceded by
  silence, so a stem laid back at the file's start stays in sync with the picture. Audio before the
  origin (negative timestamps) is dropped.
* A first decoded frame stamped later than its stream's start by less than its own length begins
  the stream: the decoder swallowed the first packet (Vorbis primes on it), not the audio.
* Mid-stream gaps in the timestamps larger than a few milliseconds (a corrupt packet that had to be
  skipped, a capture that lost data) are filled with silence, so later audio stays in place.
  Timestamps that go backwards are ignored and the samples kept: some muxers (FFmpeg's RealMedia one)
  stamp every packet 0, and dropping audio on such evidence would be worse than a tiny overlap.
* MP4-family files also announce where the audio ends (edit list); the decoder still outputs the
  encoder's padding of the last frame, so the output is cut at the announced end. Other containers'
  durations are estimates (size/bitrate) and are not used to cut.
* Delay the file can't record is taken out where nothing else accounts for it
  (:data:`UNSIGNALLED_DELAY`): the filter-bank delay of MP2 (481 samples) and AC-3 (256), RealAudio
  1.0's 160 and AMR-NB's 40 are the decoders' own; MP3 in AVI (1105: LAME's 576 plus the decoder's
  529) is assumed, as no header says; WMA v2 stamps its frames one frame (2048 samples) late. A
  video stream that starts that much after the audio shows the muxer already kept picture and
  sound together (MPEG-PS does), and then nothing is taken out: the stems must stay in sync with
  the picture. Raw ADTS AAC is left as every other decoder plays
  it (1024 samples late from most encoders): Stemline's own ``.aac`` files are written for those
  decoders, already shifted by the priming (``encode.py``), and must read back in place here too.
* Sample-rate and layout conversion use libswresample (``av.AudioResampler``), which neither delays
  nor loses samples once flushed; the output length is ``round(n * out_rate / in_rate)``.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

import av
import numpy as np

from stemline.core.errors import MediaError
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.media.probe import MediaInfo, probe, require_audio_stream
from stemline.media.source import open_input

# Containers whose stream duration is exact (edit list / sample tables), so it is safe to cut to it.
_EXACT_END_FORMATS = ("mov,mp4,m4a,3gp,3g2,mj2",)
#: Samples of delay (at the codec's own rate) that the container can't record, by decoder name:
#: (the containers it applies to, or None for any; samples). See the module notes.
UNSIGNALLED_DELAY: dict[str, tuple[frozenset[str] | None, int]] = {
    "mp2": (None, 481),
    "mp2float": (None, 481),
    "ac3": (None, 256),
    "real_144": (None, 160),
    "amrnb": (frozenset({"amr"}), 40),
    # WMA v2 outputs nothing for the first packet, then stamps each frame one frame (2048
    # samples) after the audio it holds (measured: 46 ms late; FFmpeg's own decode is as early)
    "wmav2": (frozenset({"asf"}), 2048),
    "mp3float": (frozenset({"avi"}), 1105),
    "mp3": (frozenset({"avi"}), 1105),
}


def unsignalled_delay(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float:
    """Seconds of delay at the start of ``stream`` that nothing in the file accounts for."""
    rule = UNSIGNALLED_DELAY.get(stream.codec_context.name)
    rate = stream.codec_context.sample_rate
    if rule is None or not rate or (rule[0] is not None and container.format.name not in rule[0]):
        return 0.0
    delay = rule[1] / rate
    a_start = (float(stream.start_time * stream.time_base)
               if stream.start_time is not None and stream.time_base is not None else 0.0)
    for v in container.streams.video:
        if v.start_time is None or v.time_base is None or v.disposition & av.stream.Disposition.attached_pic:
            continue
        offset = float(v.start_time * v.time_base) - a_start
        # (closer to the delay than to none: a coarse video time base, AVI's 1/25 s, can't say
        # more, and a picture not moved at all starts at the audio's own start)
        if abs(offset - delay) < 0.5 * delay:
            return 0.0  # the muxer moved the picture by it: sound and picture already agree
    return delay


# Give up on a file after this many undecodable packets in a row: it is noise, not audio.
_MAX_BAD_PACKETS_IN_A_ROW = 200
_MAX_DEMUX_RESTARTS = 32


def iter_audio(
    path: str | os.PathLike[str],
    *,
    sample_rate: int | None = None,
    channels: int | None = None,
    block_frames: int = 65536,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    info: MediaInfo | None = None,
) -> Iterator[np.ndarray]:
    """Stream the first audio stream of ``path`` as float32 blocks.

    Parameters
    ----------
    path : the media file (any container FFmpeg reads); never modified.
    sample_rate : output rate in Hz; None keeps the source rate.
    channels : output channel count (down/up-mixed by libswresample); None keeps the source's.
    block_frames : frames per yielded block; every block has exactly this many except the last.
    progress : called with ``Progress("decode", done=seconds, total=duration)`` after each block.
    cancel : checked between packets.
    info : what :func:`~stemline.media.probe.probe` already said about ``path``; saves probing
        (and its truncation check's seek to the end) a second time.

    Yields
    ------
    numpy.ndarray
        float32, shape ``(frames, channels)``, C-contiguous, a fresh array each time.

    Raises
    ------
    MediaError
        The file is missing, not media, truncated, has no audio stream, or yields no audio.
    Cancelled
        ``cancel`` was triggered.
    """
    if block_frames <= 0:
        raise ValueError("block_frames must be positive")
    if sample_rate is not None and sample_rate <= 0:
        raise ValueError("sample_rate must be positive")
    if channels is not None and channels <= 0:
        raise ValueError("channels must be positive")
    info = info or probe(path)
    audio_info = require_audio_stream(info)
    p, container = open_input(path)
    try:
        yield from _decode(p, container, info.duration, audio_info.index, sample_rate, channels,
                           block_frames, progress, cancel)
    finally:
        container.close()


def read_audio(
    path: str | os.PathLike[str],
    *,
    sample_rate: int | None = None,
    channels: int | None = None,
    block_frames: int = 65536,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> tuple[np.ndarray, int]:
    """Decode the whole first audio stream into memory; for short files only (tests, clips).

    Parameters are those of :func:`iter_audio`.

    Returns
    -------
    (audio, sample_rate)
        float32 ``(frames, channels)`` and its rate in Hz.
    """
    rate = sample_rate
    if rate is None:
        rate = require_audio_stream(probe(path)).sample_rate
    blocks = list(iter_audio(path, sample_rate=rate, channels=channels, block_frames=block_frames,
                             progress=progress, cancel=cancel))
    return np.concatenate(blocks, axis=0), rate


def _default_layout(n: int) -> av.AudioLayout:
    """FFmpeg's default layout for ``n`` channels ("2c" → stereo, "6c" → 5.1)."""
    return av.AudioLayout(f"{n}c")


def _is_unspecified(layout: av.AudioLayout) -> bool:
    # WAV without a channel mask, MXF, ...: FFmpeg knows the count but not which speaker is which.
    return all(c.name == "NONE" for c in layout.channels)


class _Blocker:
    """Cuts a stream of arrays into fixed-size blocks, holding at most one block plus one frame."""

    def __init__(self, block_frames: int, channels: int) -> None:
        self.block_frames = block_frames
        self.channels = channels
        self.parts: list[np.ndarray] = []
        self.count = 0
        self.emitted = 0  # frames pushed so far (not yet necessarily yielded)

    def push(self, data: np.ndarray) -> Iterator[np.ndarray]:
        if not len(data):
            return
        self.parts.append(data)
        self.count += len(data)
        self.emitted += len(data)
        while self.count >= self.block_frames:
            yield self._take(self.block_frames)

    def silence(self, frames: int) -> Iterator[np.ndarray]:
        # In slices, so a bogus multi-hour gap can't allocate hours of zeros at once.
        while frames > 0:
            n = min(frames, self.block_frames)
            yield from self.push(np.zeros((n, self.channels), dtype=np.float32))
            frames -= n

    def flush(self) -> Iterator[np.ndarray]:
        if self.count:
            yield self._take(self.count)

    def _take(self, n: int) -> np.ndarray:
        joined = self.parts[0] if len(self.parts) == 1 else np.concatenate(self.parts, axis=0)
        # A copy: the slice may be a read-only view of a PyAV frame, and callers scale blocks in place.
        block = np.array(joined[:n], dtype=np.float32, order="C", copy=True)
        rest = joined[n:]
        self.parts = [rest] if len(rest) else []
        self.count = len(rest)
        return block


def _frame_array(frame: av.AudioFrame, channels: int) -> np.ndarray:
    """Packed 'flt' frame → (samples, channels) float32 view."""
    return frame.to_ndarray().reshape(-1, channels)[: frame.samples]


def _decode(
    p: os.PathLike[str],
    container: av.container.InputContainer,
    duration: float,
    index: int,
    sample_rate: int | None,
    channels: int | None,
    block_frames: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> Iterator[np.ndarray]:
    stream = container.streams[index]
    cc = stream.codec_context
    if cc is None or not cc.is_decoder:
        raise MediaError(f"{p}: audio codec not supported")
    out_rate = int(sample_rate or cc.sample_rate)
    out_channels = int(channels or cc.channels)
    source_layout = cc.layout
    if out_channels == len(source_layout.channels) and not _is_unspecified(source_layout):
        out_layout = source_layout  # same speakers: no remix at all
    else:
        out_layout = _default_layout(out_channels)

    starts = [float(s.start_time * s.time_base) for s in (*container.streams.audio, *container.streams.video)
              if s.start_time is not None and s.time_base is not None
              and not s.disposition & av.stream.Disposition.attached_pic]
    origin = max(0.0, min(starts)) if starts else 0.0
    stream_start = (float(stream.start_time * stream.time_base) - origin
                    if stream.start_time is not None and stream.time_base is not None else None)
    end_frames: int | None = None
    if container.format.name in _EXACT_END_FORMATS and stream.duration and stream.time_base:
        audio_start = float((stream.start_time or 0) * stream.time_base)
        end_frames = int(round((audio_start + float(stream.duration * stream.time_base) - origin) * out_rate))
    delay = unsignalled_delay(container, stream)
    # Timestamps are quantised to the time base (1 ms in Matroska/FLV): jitter below this is not a gap.
    tb_seconds = float(stream.time_base) if stream.time_base else 0.0
    gap_tolerance = max(1.5 * tb_seconds, 0.004)

    blocker = _Blocker(block_frames, out_channels)
    resampler: av.AudioResampler | None = None
    resampler_key: tuple[str, str, int] | None = None
    t_next: float | None = None  # where the next decoded frame should start, seconds after origin
    drop = 0  # output frames still to discard (audio before the origin)
    decoded_any = False
    bad_in_a_row = 0
    last_report = -1

    def emit(arrays: list[np.ndarray]) -> Iterator[np.ndarray]:
        nonlocal drop
        for a in arrays:
            if drop:
                cut = min(drop, len(a))
                a = a[cut:]
                drop -= cut
            if end_frames is not None:
                a = a[: max(0, end_frames - blocker.emitted)]
            yield from blocker.push(a)

    def run_resampler(frame: av.AudioFrame | None) -> list[np.ndarray]:
        assert resampler is not None
        return [_frame_array(f, out_channels) for f in resampler.resample(frame)]

    def report() -> None:
        nonlocal last_report
        if progress is not None and blocker.emitted // block_frames != last_report:
            last_report = blocker.emitted // block_frames
            progress(Progress(stage="decode", done=min(duration, blocker.emitted / out_rate), total=duration))

    restarts = 0
    demuxer = container.demux(stream)
    while True:
        if cancel is not None:
            cancel.check()
        try:
            packet = next(demuxer)
        except StopIteration:
            break
        except av.FFmpegError:
            # A damaged stretch the demuxer couldn't parse: try to carry on from where it stopped.
            restarts += 1
            if restarts > _MAX_DEMUX_RESTARTS:
                break
            demuxer = container.demux(stream)
            continue
        try:
            frames = packet.decode()
            bad_in_a_row = 0
        except av.FFmpegError:
            # Corrupt packet: skip it; the next frame's pts opens a gap that is filled with silence.
            bad_in_a_row += 1
            if bad_in_a_row > _MAX_BAD_PACKETS_IN_A_ROW:
                break
            continue
        for frame in frames:
            if not frame.samples:
                continue
            key = (frame.format.name, frame.layout.name, frame.sample_rate)
            if key != resampler_key:
                # First frame, or the stream changed rate/layout mid-way: start a new converter
                # after draining the old one so its buffered tail isn't lost.
                if resampler is not None:
                    yield from emit(run_resampler(None))
                resampler = av.AudioResampler(format="flt", layout=out_layout, rate=out_rate)
                resampler_key = key
            start = None
            if frame.pts is not None and frame.time_base is not None:
                start = float(frame.pts * frame.time_base) - origin
            length = frame.samples / frame.sample_rate
            if t_next is None:
                t_first = start if start is not None else 0.0
                if (stream_start is not None and start is not None
                        and 0.0 < start - stream_start < length):
                    # The first packet decoded to nothing (Vorbis needs two blocks before it
                    # outputs any), so the first frame carries the second packet's time; its
                    # samples still begin the stream. Matroska shows it: libvorbis audio came
                    # out 3 ms (132 samples) late, while Ogg's granule times agree with this.
                    t_first = stream_start
                # The decoder's (or the encoder's) delay: its samples belong before the start.
                # Only the output moves; t_next stays on the file's clock, for the gap checks.
                t_out = t_first - delay
                if t_out > 0:
                    yield from blocker.silence(int(round(t_out * out_rate)))
                elif t_out < 0:
                    drop = int(round(-t_out * out_rate))
                t_next = t_first
            elif start is not None and start - t_next > gap_tolerance:
                # Drain first so the converter's buffered samples land before the silence.
                yield from emit(run_resampler(None))
                resampler = av.AudioResampler(format="flt", layout=out_layout, rate=out_rate)
                yield from blocker.silence(int(round((start - t_next) * out_rate)))
                t_next = start
            t_next += length
            decoded_any = True
            frame.pts = None  # the resampler's own clock is irrelevant; ours is t_next
            yield from emit(run_resampler(frame))
            report()
        if end_frames is not None and blocker.emitted >= end_frames:
            break
    if resampler is not None:
        yield from emit(run_resampler(None))
    if not decoded_any:
        raise MediaError(f"{p}: no decodable audio")
    yield from blocker.flush()
    if progress is not None:
        progress(Progress(stage="decode", done=duration, total=duration))


__all__ = ["iter_audio", "read_audio"]
