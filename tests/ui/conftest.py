"""Fixtures for the editor tests: small real media files (PyAV) and a main window that must
close without leaking threads."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Iterator

import av
import numpy as np
import pytest
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QImage

SR = 48000


def write_clip(path: Path, seconds: float = 3.0, *, video: bool = True, fps: int = 25,
               size: tuple[int, int] = (160, 90)) -> Path:
    """A clip with a tone burst every 0.5 s over noise, and (optionally) a frame counter picture:
    frame ``i`` is filled with gray level ``(i * 7) % 200 + 20`` so tests can tell frames apart."""
    n = int(seconds * SR)
    t = np.arange(n) / SR
    rng = np.random.default_rng(3)
    tone = 0.4 * np.sin(2 * np.pi * 440 * t) * ((t % 0.5) < 0.2)
    audio = np.stack([tone + 0.03 * rng.standard_normal(n)] * 2, axis=1).astype(np.float32)
    out = av.open(str(path), "w")
    try:
        vs = None
        if video:
            vs = out.add_stream("libx264", rate=fps)
            vs.width, vs.height = size
            vs.pix_fmt = "yuv420p"
            vs.options = {"preset": "ultrafast", "g": str(fps)}
        codec = "aac" if path.suffix in (".mp4", ".mov", ".m4a") else "pcm_s16le"
        ast = out.add_stream(codec, rate=SR)
        ast.layout = "stereo"
        if video:
            assert vs is not None
            for i in range(int(seconds * fps)):
                img = np.full((size[1], size[0], 3), (i * 7) % 200 + 20, np.uint8)
                frame = av.VideoFrame.from_ndarray(img, format="rgb24")
                frame.pts = i
                frame.time_base = Fraction(1, fps)
                for packet in vs.encode(frame):
                    out.mux(packet)
            for packet in vs.encode():
                out.mux(packet)
        fmt = ast.codec_context.codec.audio_formats[0].name
        block = 1024
        for i in range(0, n, block):
            chunk = audio[i:i + block]
            data = chunk.T.copy() if fmt.endswith("p") else chunk.reshape(1, -1)
            if fmt.startswith("s16"):
                data = (np.clip(data, -1, 1) * 32767).astype(np.int16)
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=fmt,
                                               layout="stereo")
            frame.sample_rate = SR
            frame.pts = i
            frame.time_base = Fraction(1, SR)
            for packet in ast.encode(frame):
                out.mux(packet)
        for packet in ast.encode():
            out.mux(packet)
    finally:
        out.close()
    return path


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session")
def clip(media_dir: Path) -> Path:
    """3 s, 160x90 at 25 fps, H.264 + AAC."""
    return write_clip(media_dir / "clip.mp4")


@pytest.fixture(scope="session")
def wav(media_dir: Path) -> Path:
    """3 s stereo WAV, no video."""
    return write_clip(media_dir / "tone.wav", video=False)


@pytest.fixture
def window(qtbot) -> Iterator:  # type: ignore[no-untyped-def]
    """A main window with no audio device and no dialogs; checks its threads end on close."""
    from PySide6.QtCore import QThread

    from stemline.ui.app import make_app
    from stemline.ui.main_window import MainWindow

    make_app()
    win = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.device_known, timeout=60_000)
    yield win
    win.close()
    leftover = [w for w in (*win.runner.workers, *win.video_runner.workers)]
    assert leftover == [], f"workers still running after close: {leftover}"
    assert not win.runner._orphans
    del QThread


def events_lane(qtbot, duration: float):  # type: ignore[no-untyped-def]
    """A shown events lane under its ruler on a ``duration``-second timeline (zoomed to fit):
    ``(timeline, history, project, lane, ruler)``; hold the ruler (it owns the master view box)
    and call ``lane.close_lane()`` when done."""
    from stemline.core.history import History
    from stemline.core.project import Project
    from stemline.ui.app import make_app
    from stemline.ui.events_lane import EventsLane
    from stemline.ui.timeline import Ruler, TimelineView

    make_app()
    tl, history, project = TimelineView(), History(), Project(duration=duration)
    ruler = Ruler(tl)
    w = EventsLane(tl, history)
    w.set_project(project)
    w.resize(1000, 64)
    qtbot.addWidget(ruler)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    tl.set_media(duration, 48000)
    return tl, history, project, w, ruler


class Catcher(QObject):
    """Collects a signal's emissions *in the UI thread*.

    ``qtbot.waitSignal`` connects a plain Python callable, which Qt runs in the emitting thread;
    with a worker's signal that races with the test's event loop (a quit before ``exec`` is lost
    and its timeout timer is stopped from the wrong thread). A QObject slot is queued instead.
    """

    def __init__(self, signal: Any) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []
        signal.connect(self._on_signal)

    @Slot()
    @Slot(object)
    @Slot(str)
    @Slot(float, QImage)
    def _on_signal(self, *args: Any) -> None:
        self.calls.append(args)

    def wait(self, qtbot: Any, count: int = 1, timeout: int = 20_000) -> tuple[Any, ...]:
        """Wait for the ``count``-th emission and return its arguments."""
        qtbot.waitUntil(lambda: len(self.calls) >= count, timeout=timeout)
        return self.calls[count - 1]
