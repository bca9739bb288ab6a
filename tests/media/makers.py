"""Writers of small, real test media (PyAV only), and signal-analysis helpers for the media tests.

The test signal is a stereo pair of chirps (up on the left, down on the right) with short clicks at
known sample positions, so a cross-correlation has one sharp peak and a channel swap is visible.
Deliberately independent of ``stemline.media.encode`` so encoder bugs can't hide decoder bugs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

CLICK_SECONDS = (0.25, 0.6, 1.1)


def make_signal(n_frames: int, sample_rate: int, channels: int = 2) -> np.ndarray:
    """Return a float32 (n_frames, channels) chirp + clicks signal with peak 0.5.

    The band is kept under 3.4 kHz (and inside Nyquist) so speech codecs (AMR, RealAudio 14.4) can
    carry it too.
    """
    t = np.arange(n_frames, dtype=np.float64) / sample_rate
    dur = max(n_frames / sample_rate, 1e-9)
    f0, f1 = 300.0, min(3200.0, 0.4 * sample_rate)
    up = np.sin(2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * dur)))
    down = np.sin(2 * np.pi * (f1 * t - (f1 - f0) * t * t / (2 * dur)))
    clicks = np.zeros(n_frames)
    width = max(8, sample_rate // 1000)
    win = np.hanning(width)
    for s in CLICK_SECONDS:
        i = int(round(s * sample_rate))
        if i + width <= n_frames:
            clicks[i : i + width] += win
    cols = [0.35 * up + 0.15 * clicks, 0.35 * down - 0.15 * clicks]
    if channels == 1:
        cols = [0.5 * (cols[0] + cols[1]) + 0.15 * clicks]
    while len(cols) < channels:  # extra channels for surround layouts: scaled copies
        cols.append(0.5 * cols[len(cols) % 2])
    return np.stack(cols[:channels], axis=1).astype(np.float32)


@dataclass(frozen=True)
class Spec:
    """How to write one test file: container + audio codec (+ optional tiny video)."""

    name: str
    ext: str
    container: str
    audio_codec: str
    sample_rate: int = 48000
    channels: int = 2
    video_codec: str | None = None
    bit_rate: int | None = None
    audio_options: dict[str, str] = field(default_factory=dict)
    pix_fmt: str = "yuv420p"
    fps: int = 25


LAYOUTS = {1: "mono", 2: "stereo", 6: "5.1"}


#: Files this writer made with a PyAV that had their encoder, for one that has not: PyAV 18.1.1's
#: FFmpeg dropped opencore-amr (pyav-ffmpeg #254), so AMR can be decoded but no longer written.
KEPT = Path(__file__).resolve().parent / "kept"


def _can_encode(codec: str) -> bool:
    try:
        av.Codec(codec, "w")
    except (av.codec.codec.UnknownCodecError, ValueError):
        return False
    return True


def kept_file(spec: Spec, seconds: float) -> Path:
    """Where :func:`write_media` keeps ``spec``'s file of ``seconds`` (the plain signal, no offset)."""
    return KEPT / f"{spec.name}_{seconds:g}s.{spec.ext}"


def write_media(
    path: Path, spec: Spec, seconds: float = 1.5, *, signal: np.ndarray | None = None, audio_offset: float = 0.0
) -> np.ndarray:
    """Write ``spec`` to ``path`` and return the exact float32 signal that was fed to the encoder.

    ``audio_offset`` seconds delays the audio timestamps relative to the video (which starts at 0).
    Where this PyAV can't encode ``spec``'s audio codec, the file this writer made of the plain
    signal with one that could (:data:`KEPT`, ``python -m tests.media.makers``) is copied instead.
    """
    n = int(round(seconds * spec.sample_rate))
    sig = make_signal(n, spec.sample_rate, spec.channels) if signal is None else signal
    if not _can_encode(spec.audio_codec):
        kept = kept_file(spec, seconds)
        if signal is not None or audio_offset or not kept.exists():
            raise av.codec.codec.UnknownCodecError(spec.audio_codec)
        path.write_bytes(kept.read_bytes())
        return sig
    out = av.open(str(path), "w", format=spec.container)
    try:
        vstream = None
        if spec.video_codec:
            vstream = out.add_stream(spec.video_codec, rate=spec.fps)
            vstream.width = vstream.height = 64
            vstream.pix_fmt = spec.pix_fmt
            if spec.video_codec == "libx264":
                vstream.options = {"preset": "ultrafast"}
        astream = out.add_stream(spec.audio_codec, rate=spec.sample_rate)
        astream.layout = LAYOUTS[spec.channels]
        astream.format = astream.codec_context.codec.audio_formats[0].name
        if spec.bit_rate:
            astream.bit_rate = spec.bit_rate
        if spec.audio_options:
            astream.options = dict(spec.audio_options)
        out.start_encoding()
        frame_size = astream.codec_context.frame_size or 1024
        fifo = av.AudioFifo()
        resampler = av.AudioResampler(format=astream.format.name, layout=LAYOUTS[spec.channels], rate=spec.sample_rate)
        src = av.AudioFrame.from_ndarray(np.ascontiguousarray(sig).reshape(1, -1), format="flt", layout=LAYOUTS[spec.channels])
        src.sample_rate = spec.sample_rate
        src.pts = 0
        src.time_base = Fraction(1, spec.sample_rate)
        for f in resampler.resample(src) + resampler.resample(None):
            fifo.write(f)
        pos = int(round(audio_offset * spec.sample_rate))
        while fifo.samples:
            f = fifo.read(min(frame_size, fifo.samples))
            f.pts = pos
            f.time_base = Fraction(1, spec.sample_rate)
            pos += f.samples
            out.mux(astream.encode(f))
        out.mux(astream.encode(None))
        if vstream is not None:
            for i in range(int(seconds * spec.fps)):
                img = np.full((64, 64, 3), (i * 9) % 256, dtype=np.uint8)
                vf = av.VideoFrame.from_ndarray(img, format="rgb24").reformat(format=spec.pix_fmt)
                vf.pts = i
                vf.time_base = Fraction(1, spec.fps)
                out.mux(vstream.encode(vf))
            out.mux(vstream.encode(None))
    finally:
        out.close()
    return sig


def full_lag(got: np.ndarray, ref: np.ndarray) -> int:
    """Lag of ``got`` against ``ref`` (first channels) in samples, over the whole length (FFT
    cross-correlation): + late, - early."""
    n = min(len(got), len(ref))
    a, b = got[:n, 0], ref[:n, 0]
    c = np.fft.irfft(np.fft.rfft(a, 2 * n) * np.conj(np.fft.rfft(b, 2 * n)))
    k = int(np.argmax(c))
    return k if k < n else k - 2 * n


def xcorr_lag(ref: np.ndarray, got: np.ndarray, max_lag: int = 6000) -> tuple[int, float]:
    """Return (lag, normalised peak) of ``got`` against ``ref``; lag > 0 means ``got`` is late.

    Both are mixed down to mono (so any channel layout compares) and cut to a common length.
    """
    a = ref.mean(axis=1) if ref.ndim == 2 else ref
    b = got.mean(axis=1) if got.ndim == 2 else got
    n = len(a) + len(b)
    size = 1 << (n - 1).bit_length()
    c = np.fft.irfft(np.fft.rfft(b, size) * np.conj(np.fft.rfft(a, size)), size)
    lags = np.concatenate([np.arange(0, max_lag + 1), np.arange(-max_lag, 0)])
    vals = c[lags]
    k = int(np.argmax(np.abs(vals)))
    norm = float(np.sqrt(np.dot(a, a) * np.dot(b, b))) or 1.0
    return int(lags[k]), float(vals[k] / norm)


def correlation(ref: np.ndarray, got: np.ndarray) -> float:
    """Pearson correlation of the overlapping part of two (frames, channels) signals at lag 0."""
    m = min(len(ref), len(got))
    a, b = ref[:m].ravel().astype(np.float64), got[:m].ravel().astype(np.float64)
    return float(np.corrcoef(a, b)[0, 1])


def write_video_only(path: Path, container: str = "mp4", seconds: float = 1.0) -> None:
    """Write a tiny H.264 file with no audio stream."""
    out = av.open(str(path), "w", format=container)
    try:
        v = out.add_stream("libx264", rate=25)
        v.width = v.height = 64
        v.pix_fmt = "yuv420p"
        v.options = {"preset": "ultrafast"}
        for i in range(int(seconds * 25)):
            vf = av.VideoFrame.from_ndarray(np.full((64, 64, 3), i * 9 % 256, np.uint8), format="rgb24")
            vf = vf.reformat(format="yuv420p")
            vf.pts = i
            vf.time_base = Fraction(1, 25)
            out.mux(v.encode(vf))
        out.mux(v.encode(None))
    finally:
        out.close()


if __name__ == "__main__":
    # (Re)make the kept files (the AMR cases), where this PyAV can still encode them.
    from tests.media.test_containers import CASES, SECONDS

    KEPT.mkdir(exist_ok=True)
    for case in CASES:
        if case.spec.audio_codec == "libopencore_amrnb" and _can_encode(case.spec.audio_codec):
            write_media(kept_file(case.spec, SECONDS), case.spec, SECONDS)
            print(kept_file(case.spec, SECONDS))
