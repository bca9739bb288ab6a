"""Media I/O: probe files, stream their audio out as float32 blocks, write audio files atomically.

No Qt and no torch here: this layer only knows PyAV (FFmpeg) and numpy.
"""
from __future__ import annotations

from stemline.media.decode import iter_audio, read_audio
from stemline.media.encode import AUDIO_FORMATS, AudioWriter, ensure_not_source
from stemline.media.probe import (
    AudioStreamInfo,
    MediaInfo,
    VideoStreamInfo,
    probe,
    require_audio,
    require_audio_stream,
)

__all__ = [
    "AUDIO_FORMATS",
    "AudioStreamInfo",
    "AudioWriter",
    "MediaInfo",
    "VideoStreamInfo",
    "ensure_not_source",
    "iter_audio",
    "probe",
    "read_audio",
    "require_audio",
    "require_audio_stream",
]
