"""Encode a video from raw RGB frames plus an audio track (used to build the demo clip)."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import av
import numpy as np

from stemline.core.atomic import atomic_path
from stemline.core.errors import OutputError
from stemline.media.encode import float_frame

_AUDIO_FRAME = 1024


def write_video(path: Path, frames: Iterable[np.ndarray], fps: int, audio: np.ndarray,
                sample_rate: int, *, crf: int = 28, audio_bitrate: int = 192_000) -> Path:
    """Write H.264 + AAC MP4 from uint8 (H, W, 3) frames and float32 (frames, channels) audio.

    The file appears under ``path`` only once complete.
    """
    path = Path(path)
    audio = np.clip(np.asarray(audio, dtype=np.float32), -1, 1)
    if audio.ndim == 1:
        audio = audio[:, None]
    try:
        with atomic_path(path) as tmp, av.open(str(tmp), "w", format="mp4") as out:
            vs = None
            a_stream = out.add_stream("aac", rate=sample_rate)
            a_stream.layout = "stereo" if audio.shape[1] == 2 else "mono"
            a_stream.bit_rate = audio_bitrate
            for frame in frames:
                if vs is None:
                    vs = out.add_stream("libx264", rate=fps)
                    vs.height, vs.width = frame.shape[:2]
                    vs.pix_fmt = "yuv420p"
                    vs.options = {"crf": str(crf), "preset": "medium"}
                vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")
                for packet in vs.encode(vf):
                    out.mux(packet)
            if vs is not None:
                for packet in vs.encode(None):
                    out.mux(packet)
            layout = a_stream.layout.name
            for start in range(0, len(audio), _AUDIO_FRAME):
                block = audio[start:start + _AUDIO_FRAME]
                for packet in a_stream.encode(float_frame(block, layout, sample_rate, start)):
                    out.mux(packet)
            for packet in a_stream.encode(None):
                out.mux(packet)
    except (OSError, av.FFmpegError) as exc:
        raise OutputError(f"{path}: could not write video ({exc})") from exc
    return path
