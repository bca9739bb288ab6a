"""Frame-accurate video stills for the editor's preview (PyAV, no QtMultimedia).

:class:`FrameReader` answers "the picture shown at time t": the last frame whose presentation time
is <= t. Playing forward it keeps decoding from where it is; a jump seeks to the keyframe before t
and decodes up to it, which is what makes a paused still exact.
"""
from __future__ import annotations

import os
from typing import Iterator

import av
import numpy as np

from stemline.core.errors import MediaError
from stemline.media.source import open_input

#: Forward jumps shorter than this decode through instead of seeking (seeking costs a GOP).
_SEEK_THRESHOLD = 2.0


class FrameReader:
    """Decode stills from the first video stream of ``path``.

    Parameters
    ----------
    path : a media file with video.

    Raises
    ------
    MediaError
        When the file has no video stream or can't be opened.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self._container = open_input(path)[1]
        streams = [s for s in self._container.streams.video
                   if not (s.disposition & av.stream.Disposition.attached_pic)]
        if not streams:
            self._container.close()
            raise MediaError(f"{path} has no video stream")
        self._stream = streams[0]
        self._stream.thread_type = "AUTO"
        self._tb = float(self._stream.time_base) if self._stream.time_base else 1 / 90000
        self._start = (self._stream.start_time or 0) * self._tb
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.fps = float(rate) if rate else 25.0
        self.width = self._stream.codec_context.width
        self.height = self._stream.codec_context.height
        self._iter: Iterator[av.VideoFrame] | None = None
        self._current: av.VideoFrame | None = None  # last frame handed out
        self._ahead: av.VideoFrame | None = None  # decoded, but later than the last request

    def _time(self, frame: av.VideoFrame) -> float:
        pts = frame.pts if frame.pts is not None else 0
        return pts * self._tb - self._start

    def _seek(self, t: float) -> None:
        target = int((t + self._start) / self._tb)
        self._container.seek(max(target, 0), stream=self._stream, backward=True, any_frame=False)
        self._iter = self._container.decode(self._stream)
        self._current = self._ahead = None

    def _next(self) -> av.VideoFrame | None:
        if self._ahead is not None:
            frame, self._ahead = self._ahead, None
            return frame
        if self._iter is None:
            self._iter = self._container.decode(self._stream)
        try:
            return next(self._iter)
        except (StopIteration, av.EOFError):
            return None
        except av.FFmpegError:
            return None  # a damaged packet near the end: show the last good frame

    def frame_at(self, t: float) -> av.VideoFrame | None:
        """The frame on screen at ``t`` seconds (None for an empty stream)."""
        cur = self._current
        cur_t = self._time(cur) if cur is not None else None
        if cur_t is None or t < cur_t or t > cur_t + _SEEK_THRESHOLD:
            self._seek(t)
            cur = None
        elif self._ahead is not None and self._time(self._ahead) > t:
            return cur  # still the same picture
        half = 0.1 / self.fps  # tolerate timestamps that are a hair late (rounded pts)
        while True:
            frame = self._next()
            if frame is None:
                break
            if cur is not None and self._time(frame) > t + half:
                self._ahead = frame
                break
            cur = frame
        self._current = cur
        return cur

    def image_at(self, t: float, width: int | None = None, height: int | None = None
                 ) -> tuple[float, np.ndarray] | None:
        """``(frame_time, rgb uint8 (h, w, 3))`` at ``t``, scaled by libswscale when asked."""
        frame = self.frame_at(t)
        if frame is None:
            return None
        kwargs = {}
        if width and height:
            kwargs = {"width": int(width), "height": int(height)}
        rgb = frame.reformat(format="rgb24", **kwargs).to_ndarray()
        return self._time(frame), rgb

    def close(self) -> None:
        self._iter = None
        self._current = self._ahead = None
        self._container.close()

    def __enter__(self) -> FrameReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
