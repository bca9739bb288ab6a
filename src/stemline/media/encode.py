"""Writing audio files atomically (``AudioWriter``) in the formats Stemline exports.

Length and alignment of what a decoder gets back (``stemline.media.decode``), measured with FFmpeg 8
as bundled with PyAV 18, for ``n`` frames written:

* wav, flac: exactly ``n``, lag 0 (no codec delay).
* m4a: exactly ``n``, lag 0 — the MP4 edit list carries the 1024-frame AAC priming and the end.
* mp3: exactly ``n``, lag 0 — the LAME/Xing header carries encoder delay and end padding.
* aac (raw ADTS): ADTS can't signal priming, so decoders return the encoder's 1024 priming frames
  before the audio. Left alone, every ``.aac`` stem would play 23 ms (at 44.1 kHz) late against its
  video: a lip-sync error in any editor. The writer therefore drops the first 1024 frames it is
  given, so the decoded audio sits at lag **0** on the source's timeline, its first 1024 frames being
  the encoder's near-silent priming instead of the source's first 23 ms. Decoded length is
  ``ceil(n / 1024) * 1024`` (the last frame's padding can't be signalled either). Use m4a where the
  first 23 ms matter too.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType, TracebackType

import av
import numpy as np

from stemline.core.atomic import publish, temp_name
from stemline.core.errors import OutputError
from stemline.media.source import one_line

#: format name → (file extension, FFmpeg muxer, FFmpeg encoder). WAV/FLAC encoder depends on bit depth.
AUDIO_FORMATS: Mapping[str, tuple[str, str, str]] = MappingProxyType({
    "aac": (".aac", "adts", "aac"),
    "m4a": (".m4a", "ipod", "aac"),
    "wav": (".wav", "wav", "pcm_s16le"),
    "flac": (".flac", "flac", "flac"),
    "mp3": (".mp3", "mp3", "libmp3lame"),
    "opus": (".opus", "opus", "libopus"),
})
#: The format an output file's suffix asks for (".m4a" -> "m4a").
AUDIO_SUFFIXES: Mapping[str, str] = MappingProxyType(
    {ext: fmt for fmt, (ext, _, _) in AUDIO_FORMATS.items()})

_WAV_CODECS = {16: "pcm_s16le", 24: "pcm_s24le", 32: "pcm_f32le"}
# Chunk size for encoders that take any frame size (PCM): big enough to keep Python overhead low.
_VARIABLE_FRAME = 4096
# FFmpeg's native AAC encoder always primes 1024 frames (its initial_padding, not exposed by PyAV).
_AAC_PRIMING = 1024


def ensure_not_source(out_path: str | os.PathLike[str], sources: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse to write over any of ``sources``.

    Compares resolved paths (symlinks followed, case folded where the OS folds it) and, when both
    exist, file identity, so hard links and ``a/../b`` spellings are caught too.

    Raises
    ------
    OutputError
        ``"<out_path>: is the source file ..."`` when they are the same file.
    """
    out = Path(out_path)
    out_key = os.path.normcase(str(out.resolve()))
    for src in sources:
        s = Path(src)
        same = os.path.normcase(str(s.resolve())) == out_key
        if not same and out.exists() and s.exists():
            try:
                same = os.path.samefile(out, s)
            except OSError:
                same = False
        if same:
            raise OutputError(f"{out}: is the source file {s}; choose another output name")


def float_frame(block: np.ndarray, layout: str, sample_rate: int, pts: int) -> av.AudioFrame:
    """A planar-float AudioFrame from (frames, channels) float32, stamped on a 1/sample_rate clock."""
    frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(np.asarray(block, np.float32).T),
                                       format="fltp", layout=layout)
    frame.sample_rate = sample_rate
    frame.pts = pts
    frame.time_base = Fraction(1, sample_rate)
    return frame


#: Encoder settings beyond the bit rate, by encoder. FFmpeg's AAC encoder defaults to its
#: "twoloop" coder, which on dense music runs at ~8x real time on one core here and was most of
#: a separation's time with the default AAC stems (0.10-0.13 s per s of a music stem against
#: 0.09 s per s for the whole separation). Its "fast" coder: 0.022 s per s on the same stem, at
#: the same rate (263 against 260 kb/s for 256k asked) and closer to the source (SNR 41.2 dB
#: against 36.9), measured on a separated background stem (benchmarks/scale.py's material).
#: twoloop's perceptual tuning matters at low rates; stems are written at 128k per channel.
ENCODER_OPTIONS: dict[str, dict[str, str]] = {"aac": {"aac_coder": "fast"}}


def _default_bitrate(fmt: str, channels: int) -> int | None:
    if fmt in ("aac", "m4a"):
        return 128_000 * channels  # 256k for stereo
    if fmt == "mp3":
        return 320_000 if channels > 1 else 160_000
    if fmt == "opus":
        return 96_000 * channels  # 192k stereo: transparent for music
    return None


class AudioWriter:
    """Encode float32 blocks to ``path``, which appears only once the file is complete.

    Data goes to a hidden :func:`~stemline.core.atomic.temp_name` in the same folder (same file
    system, so the final rename is atomic); :meth:`close` renames it, :meth:`abort` deletes it.
    Used as a context manager it closes on success and aborts on an exception.

    Parameters
    ----------
    path : the final file name.
    sample_rate, channels : of the blocks that will be written.
    fmt : a key of :data:`AUDIO_FORMATS` ("aac", "m4a", "wav", "flac", "mp3", "opus").
    bit_depth : wav 16/24/32 (32 = float), flac 16/24; ignored by lossy formats.
    bitrate : bits per second for lossy formats; default aac/m4a 128k per channel, mp3 320k.
    sources : input files that must not be overwritten (see :func:`ensure_not_source`).
    label : the file's name in messages when ``path`` is a staging name.
    layout : an FFmpeg channel layout to tag the file with ("5.1"); default: ``channels``
        channels in the order given.

    Raises
    ------
    OutputError
        Unknown format, unsupported rate/channels/depth, folder missing or unwritable, output is a source.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        sample_rate: int,
        channels: int,
        fmt: str = "aac",
        *,
        bit_depth: int = 16,
        bitrate: int | None = None,
        sources: Iterable[str | os.PathLike[str]] = (),
        label: str | os.PathLike[str] | None = None,
        layout: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.label = Path(label) if label else self.path  # the name messages give (staged files)
        if fmt not in AUDIO_FORMATS:
            raise OutputError(f"{self.label}: unknown audio format {fmt!r} (use one of {', '.join(AUDIO_FORMATS)})")
        ensure_not_source(self.path, sources)
        if sample_rate <= 0 or channels <= 0:
            raise OutputError(f"{self.label}: invalid sample rate {sample_rate} or channel count {channels}")
        if fmt == "mp3" and channels > 2:
            raise OutputError(f"{self.label}: mp3 holds at most 2 channels, got {channels}")
        if not self.path.parent.is_dir():
            raise OutputError(f"{self.label}: folder {self.path.parent} does not exist")
        _, muxer, codec = AUDIO_FORMATS[fmt]
        # Numpy does the float→integer conversion so clipping and rounding are ours, not swresample's.
        if fmt == "wav":
            if bit_depth not in _WAV_CODECS:
                raise OutputError(f"{self.label}: wav bit depth must be 16, 24 or 32, got {bit_depth}")
            codec = _WAV_CODECS[bit_depth]
            sample_fmt = {16: "s16", 24: "s32", 32: "flt"}[bit_depth]
        elif fmt == "flac":
            if bit_depth not in (16, 24):
                raise OutputError(f"{self.label}: flac bit depth must be 16 or 24, got {bit_depth}")
            sample_fmt = "s16" if bit_depth == 16 else "s32"
        elif fmt == "opus":
            sample_fmt = "flt"  # libopus takes interleaved samples only
        else:
            sample_fmt = "fltp"
        self.fmt = fmt
        self._skip = _AAC_PRIMING if fmt == "aac" else 0
        self._held: list[np.ndarray] = []
        self.sample_rate = int(sample_rate)
        self.channels = int(channels)
        self.bit_depth = bit_depth
        self.frames_written = 0
        self._sample_fmt = sample_fmt
        self._tmp = temp_name(self.path)
        self._container: av.container.OutputContainer | None = None
        self._closed = False
        self._fifo = av.AudioFifo()
        self._pts = 0
        # A named layout ("5.1") is tagged in the file for players to route; otherwise the
        # channels are written as they come.
        self._layout_text = layout or f"{channels}c"
        try:
            layout = av.AudioLayout(self._layout_text)
        except (ValueError, TypeError) as exc:
            raise OutputError(f"{self.label}: unknown channel layout {layout!r}") from exc
        if layout.nb_channels != channels:
            raise OutputError(f"{self.label}: layout {self._layout_text} has {layout.nb_channels} "
                              f"channels, not {channels}")
        try:
            options: dict[str, str] = {}
            if fmt == "wav":
                options["rf64"] = "auto"  # >4 GiB becomes RF64 instead of a corrupt RIFF
            elif fmt == "m4a":
                # The edit list's end is in movie-timescale units (default 1 ms): at the sample rate
                # the decoded length is exact instead of rounded up to the next millisecond.
                options["movie_timescale"] = str(self.sample_rate)
            self._container = av.open(str(self._tmp), mode="w", format=muxer, options=options)
            stream = self._container.add_stream(codec, rate=self.sample_rate)
            stream.layout = layout
            stream.format = sample_fmt
            rate = bitrate or _default_bitrate(fmt, channels)
            if rate:
                stream.bit_rate = rate
            codec_options = dict(ENCODER_OPTIONS.get(codec, {}))
            if fmt == "flac" and bit_depth == 24:
                codec_options["bits_per_raw_sample"] = "24"
            if codec_options:
                stream.codec_context.options = codec_options
            self._stream = stream
            self._container.start_encoding()
            self._frame_size = stream.codec_context.frame_size or _VARIABLE_FRAME
        except (av.FFmpegError, OSError, ValueError, TypeError) as exc:
            self.abort()
            raise OutputError(f"{self.label}: can't write {fmt} at {sample_rate} Hz, {channels} ch ({one_line(exc)})") from exc
        self._layout = layout

    # -- writing -------------------------------------------------------------------------------
    def write(self, block: np.ndarray) -> None:
        """Append ``block``: float (frames, channels) in [-1, 1] (mono may be 1-D).

        Raises
        ------
        OutputError
            Wrong shape, writer closed, or the encoder/disk failed (the partial file is removed).
        """
        if self._closed or self._container is None:
            raise OutputError(f"{self.label}: writer is already closed")
        data = np.asarray(block)
        if data.ndim == 1 and self.channels == 1:
            data = data[:, None]
        if data.ndim != 2 or data.shape[1] != self.channels:
            raise OutputError(f"{self.label}: expected blocks of shape (frames, {self.channels}), got {data.shape}")
        if not len(data):
            return
        self.frames_written += len(data)
        if self._skip:
            # ADTS: the priming the decoder will insert replaces these frames (module docstring).
            cut = min(self._skip, len(data))
            self._held.append(data[:cut].copy())
            data, self._skip = data[cut:], self._skip - cut
            if not len(data):
                return
            self._held = []
        try:
            self._fifo.write(self._to_frame(data))
            while self._fifo.samples >= self._frame_size:
                self._encode(self._fifo.read(self._frame_size))
        except (av.FFmpegError, OSError, ValueError) as exc:
            self.abort()
            raise OutputError(f"{self.label}: encoding failed ({one_line(exc)})") from exc

    def _to_frame(self, data: np.ndarray) -> av.AudioFrame:
        x = np.asarray(data, dtype=np.float32)
        fmt = self._sample_fmt
        if fmt == "fltp":
            arr = np.ascontiguousarray(x.T)
        elif fmt == "flt":
            arr = np.ascontiguousarray(x).reshape(1, -1)
        else:
            x = np.clip(x, -1.0, 1.0)
            if fmt == "s16":
                arr = np.clip(np.rint(x * 32768.0), -32768, 32767).astype(np.int16).reshape(1, -1)
            else:
                # 24-bit in the top bits of s32: both pcm_s24le and flac take the high 24 bits.
                q = np.clip(np.rint(x.astype(np.float64) * 8388608.0), -8388608, 8388607).astype(np.int32)
                arr = (q << 8).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(arr, format=fmt, layout=self._layout_name())
        frame.sample_rate = self.sample_rate
        return frame

    def _layout_name(self) -> str:
        return self._layout_text

    def _encode(self, frame: av.AudioFrame | None) -> None:
        assert self._container is not None
        if frame is not None:
            # Our own sample clock: the encoder derives priming/padding (edit list, LAME tag) from it.
            frame.pts = self._pts
            frame.time_base = Fraction(1, self.sample_rate)
            self._pts += frame.samples
        self._container.mux(self._stream.encode(frame))

    # -- finishing -----------------------------------------------------------------------------
    def close(self) -> Path:
        """Flush the encoder, finalise the file and move it to :attr:`path`.

        Returns
        -------
        Path
            The final path.

        Raises
        ------
        OutputError
            Nothing was written, or finishing failed (the partial file is removed).
        """
        if self._closed:
            return self.path
        if self._container is None:
            raise OutputError(f"{self.label}: writer was aborted")
        if self.frames_written == 0:
            self.abort()
            raise OutputError(f"{self.label}: no audio was written")
        try:
            if self._held:
                # All of it fit inside the priming: keep the audio (late) rather than write nothing.
                self._fifo.write(self._to_frame(np.concatenate(self._held)))
                self._held = []
            if self._fifo.samples:
                self._encode(self._fifo.read())  # short last frame: the encoders here accept it
            self._encode(None)
            self._container.close()
            self._container = None
            publish(self._tmp, self.path)
        except (av.FFmpegError, OSError, ValueError) as exc:
            self.abort()
            raise OutputError(f"{self.label}: can't finish the file ({one_line(exc)})") from exc
        self._closed = True
        return self.path

    def abort(self) -> None:
        """Stop and delete the partial file; the final path is left untouched. Safe to call twice."""
        self._closed = True
        container, self._container = self._container, None
        if container is not None:
            try:
                container.close()
            except (av.FFmpegError, OSError, ValueError):
                pass  # we're throwing the file away anyway
        try:
            self._tmp.unlink()
        except FileNotFoundError:
            pass

    def __enter__(self) -> AudioWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


__all__ = ["AUDIO_FORMATS", "AUDIO_SUFFIXES", "AudioWriter", "ensure_not_source"]
