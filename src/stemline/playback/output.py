"""Where the engine's blocks go: a sounddevice stream, or a silent clock when there is no device.

:class:`ClockOutput` calls the *same* callback from a thread at the real block rate. It keeps the
playhead moving on machines without audio (and in CI), and it is what the latency measurement
uses when no sound card exists: the callback path under test is the real one.
"""
from __future__ import annotations

import threading
import time
from typing import Protocol

import numpy as np

from stemline.core.errors import StemlineError
from stemline.playback.engine import PlaybackEngine


class PlaybackUnavailable(StemlineError):
    """No usable audio output; the message says why in words a user can act on."""

    code = "NoAudioDevice"


class Output(Protocol):
    name: str

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


class SoundDeviceOutput:
    """PortAudio output through sounddevice (opened on construction, so failures show early)."""

    def __init__(self, engine: PlaybackEngine, device: int | str | None = None) -> None:
        try:
            import sounddevice as sd
        except OSError as exc:  # PortAudio library missing
            raise PlaybackUnavailable(f"audio playback unavailable: {exc}") from exc
        try:
            self._stream = sd.OutputStream(samplerate=engine.sample_rate, channels=2,
                                           dtype="float32", blocksize=engine.blocksize,
                                           latency="low", device=device, callback=engine.callback)
        except Exception as exc:  # sd.PortAudioError, ValueError for "no default device"
            raise PlaybackUnavailable(
                f"no audio output device ({exc}); playback runs silently") from exc
        self.name = "sounddevice"
        #: Output latency PortAudio reports, in seconds.
        self.latency = float(self._stream.latency)

    def start(self) -> None:
        if not self._stream.active:
            self._stream.start()

    def stop(self) -> None:
        if self._stream.active:
            self._stream.stop()

    def close(self) -> None:
        self._stream.close()


class ClockOutput:
    """A thread that pulls blocks from the engine in real time and throws them away."""

    def __init__(self, engine: PlaybackEngine) -> None:
        self.name = "silent clock"
        self.latency = 0.0
        self._engine = engine
        self._buffer = np.zeros((engine.blocksize, 2), np.float32)
        self._running = threading.Event()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stemline-clock", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        period = self._engine.blocksize / self._engine.sample_rate
        next_t = time.perf_counter()
        while not self._closed.is_set():
            if not self._running.wait(0.05):
                next_t = time.perf_counter()
                continue
            self._engine.callback(self._buffer, self._buffer.shape[0], None, None)
            next_t += period
            delay = next_t - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            else:
                next_t = time.perf_counter()  # fell behind (busy machine): don't burst

    def start(self) -> None:
        self._running.set()

    def stop(self) -> None:
        self._running.clear()

    def close(self) -> None:
        self._closed.set()
        self._running.clear()
        self._thread.join(timeout=1.0)


def open_output(engine: PlaybackEngine) -> tuple[Output, str | None]:
    """The best output available: (output, None) or (silent clock, message for the status bar)."""
    try:
        return SoundDeviceOutput(engine), None
    except PlaybackUnavailable as exc:
        return ClockOutput(engine), str(exc)
