"""Workers that read media: probe + peaks + playback buffers for one lane, and stills."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QImage

from stemline.core.errors import MediaError
from stemline.media.lane_audio import load_lane_audio
from stemline.media.peaks import PeakPyramid
from stemline.workers.base import Worker


@dataclass(frozen=True)
class MediaSummary:
    """What the window needs to set a project up for a file."""

    path: Path
    duration: float
    sample_rate: int
    has_video: bool
    width: int
    height: int
    fps: float


class ProbeWorker(Worker):
    """Probe a file (fast, but on slow disks or network shares it can take a while)."""

    title = "Opening"

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def work(self) -> MediaSummary:
        from stemline.media.probe import probe

        info = probe(self.path)
        if not info.has_audio:
            raise MediaError(f"{self.path.name} has no audio stream")
        video = info.video[0] if info.video else None
        return MediaSummary(self.path, info.duration, info.audio[0].sample_rate, video is not None,
                            video.width if video else 0, video.height if video else 0,
                            video.fps if video else 0.0)


@dataclass(frozen=True)
class LaneData:
    """A lane's waveform pyramid and its playback buffer (int16 (frames, 2), memory-mapped)."""

    kind: str
    path: Path
    pyramid: PeakPyramid
    audio: np.ndarray


class LaneLoadWorker(Worker):
    """Decode one audio file once, feeding both the peaks pyramid (cached) and playback."""

    title = "Reading audio"

    def __init__(self, kind: str, path: str | Path, sample_rate: int,
                 cache: Path | None = None) -> None:
        super().__init__()
        self.kind, self.path, self.sample_rate, self.cache = kind, Path(path), sample_rate, cache

    def work(self) -> LaneData:
        audio, pyramid = load_lane_audio(self.path, self.sample_rate, cache=self.cache,
                                         progress=self.report, cancel=self.cancel_token)
        return LaneData(self.kind, self.path, pyramid, audio)


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """Copy an (h, w, 3) uint8 array into a QImage that owns its memory (safe across threads)."""
    h, w, _ = rgb.shape
    rgb = np.ascontiguousarray(rgb)
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class FrameWorker(Worker):
    """Serves video stills for the preview, always for the *latest* request.

    The UI calls :meth:`request` as often as it likes (every playhead move); requests that arrive
    while a frame is decoding replace each other, so the preview never lags behind a queue.

    Signals
    -------
    frame(float, QImage) : requested time and the picture, scaled to the asked size.
    """

    title = "Video"
    nice = 2  # the picture should keep up with the playhead
    frame = Signal(float, QImage)

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._cond = threading.Condition()
        self._request: tuple[float, int, int] | None = None
        self._stopped = False

    def request(self, t: float, width: int, height: int) -> None:
        with self._cond:
            self._request = (max(0.0, t), max(2, width), max(2, height))
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def cancel(self) -> None:
        super().cancel()
        self.stop()

    def work(self) -> None:
        from stemline.media.frames import FrameReader

        with FrameReader(self.path) as reader:
            while True:
                with self._cond:
                    while self._request is None and not self._stopped:
                        self._cond.wait(0.5)
                    if self._stopped:
                        return
                    t, w, h = self._request  # type: ignore[misc]
                    self._request = None
                # Keep the aspect ratio inside the asked box; even sizes suit libswscale.
                scale = min(w / reader.width, h / reader.height)
                sw = max(2, int(reader.width * scale) // 2 * 2)
                sh = max(2, int(reader.height * scale) // 2 * 2)
                got = reader.image_at(t, sw, sh)
                if got is not None:
                    self.frame.emit(t, rgb_to_qimage(got[1]))


class SpectrogramWorker(Worker):
    """A lane's spectrogram, computed from its playback buffer (cached by content)."""

    title = "Spectrogram"

    def __init__(self, kind: str, audio: np.ndarray, sample_rate: int, source: Path,
                 cache: Path) -> None:
        super().__init__()
        self.kind, self.audio, self.sample_rate = kind, audio, sample_rate
        self.source, self.cache = Path(source), cache

    def work(self) -> tuple[str, Any]:
        from stemline.media.peaks import content_hash
        from stemline.media.spectrogram import spectrogram_of

        key = f"{content_hash(self.source)}-{self.sample_rate}"
        return self.kind, spectrogram_of(self.audio, self.sample_rate, key, self.cache,
                                         progress=self.report, cancel=self.cancel_token)
