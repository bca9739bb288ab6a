"""The playback engine's own contract, sample by sample: what it accepts as sources, what each
callback writes, the audition preview, the level-meter tap, ranges, seeking, and the outputs.

The mix itself is the kernel's (tested in test_mix_kernel.py); here a voice track at unity gain
passes through it unchanged, ``latency`` frames late (the limiter's look-ahead), so every sample
an output block holds can be named.
"""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from stemline.core.mixer import KINDS, MixParams
from stemline.core.project import Project
from stemline.playback.engine import MAX_BLOCK, PlaybackEngine
from stemline.playback.output import ClockOutput, PlaybackUnavailable, SoundDeviceOutput, open_output

RATE = 8000


def ramp(n: int = RATE, scale: float = 0.5) -> np.ndarray:
    x = (np.arange(n, dtype=np.float32) / n) * scale
    return np.stack([x, -x], axis=1)


def engine(source: np.ndarray | None = None, blocksize: int = 256) -> PlaybackEngine:
    eng = PlaybackEngine(RATE, blocksize=blocksize)
    eng.set_sources({"voice": ramp() if source is None else source})
    eng.set_params(MixParams.from_project(Project(sample_rate=RATE), has_stems=True))
    return eng


def play(eng: PlaybackEngine, n: int) -> np.ndarray:
    out = np.full((n, 2), 7.0, np.float32)        # anything not written would show
    eng.render(out)
    return out


def test_sources_are_made_stereo_float32_or_kept_as_int16() -> None:
    eng = PlaybackEngine(RATE)
    mono = np.linspace(0, 1, 100, dtype=np.float64)
    pcm = (np.arange(300, dtype=np.int16)[:, None] * np.ones((1, 2), np.int16))
    eng.set_sources({"voice": mono, "background": mono[:50, None], "original": np.ones((80, 6)),
                     "foley": pcm})
    src = dict(zip(KINDS, eng._sources))
    assert src["voice"].dtype == np.float32 and src["voice"].shape == (100, 2)
    np.testing.assert_array_equal(src["voice"][:, 0], src["voice"][:, 1])
    np.testing.assert_allclose(src["voice"][:, 0], mono, rtol=1e-6)
    assert src["background"].shape == (50, 2) and src["background"].flags.c_contiguous
    assert src["original"].shape == (80, 2) and src["original"].flags.c_contiguous
    assert src["original"].dtype == np.float32
    assert src["foley"] is pcm                      # memory-mapped int16 is never converted whole
    assert eng.frames == 300
    assert all(eng.has(k) for k in KINDS)
    eng.set_sources({"voice": mono})
    assert eng.has("voice") and not eng.has("foley") and eng.frames == 100
    eng.set_sources({})
    assert eng.frames == 0 and not eng.has("voice")


def test_a_playing_block_is_the_source_after_the_look_ahead() -> None:
    eng = engine()
    lag = eng.kernel.latency
    eng.speed = 1
    first = play(eng, 256)
    assert not first[:lag].any()
    np.testing.assert_allclose(first[lag:], ramp()[:256 - lag], atol=1e-6)
    second = play(eng, 256)
    np.testing.assert_allclose(second, ramp()[256 - lag:512 - lag], atol=1e-6)
    assert eng.position == 512 and eng.time == pytest.approx(512 / RATE)
    assert eng.callbacks == 2


def test_int16_sources_are_scaled_to_full_scale_float() -> None:
    pcm = (ramp() * 32767).astype(np.int16)
    eng = engine(pcm)
    eng.speed = 1
    out = np.concatenate([play(eng, 256) for _ in range(2)])
    lag = eng.kernel.latency
    np.testing.assert_allclose(out[lag:], pcm[:512 - lag] / 32767.0, atol=1e-6)


def test_a_short_source_ends_in_silence_not_a_stop() -> None:
    eng = PlaybackEngine(RATE, blocksize=256)
    eng.set_sources({"voice": ramp(1000), "background": np.zeros((2000, 2), np.float32)})
    eng.set_params(MixParams.from_project(Project(sample_rate=RATE), has_stems=True))
    eng.seek(900 / RATE)
    eng.speed = 1
    out = np.concatenate([play(eng, 256) for _ in range(2)])
    lag = eng.kernel.latency
    np.testing.assert_allclose(out[lag:lag + 100], ramp(1000)[900:], atol=1e-6)
    assert not out[lag + 100:].any() and eng.speed == 1 and eng.position == 900 + 512


def test_paused_blocks_are_silent_and_oversized_ones_are_refused() -> None:
    eng = engine()
    assert not play(eng, 256).any() and eng.position == 0
    eng.speed = 1
    assert not play(eng, MAX_BLOCK + 1).any() and eng.position == 0   # no partial block
    assert play(eng, MAX_BLOCK).any() and eng.position == RATE      # the largest one plays


def test_stopping_at_the_end_plays_out_the_look_ahead() -> None:
    eng = engine(ramp(600))
    lag = eng.kernel.latency
    eng.speed = 1
    out = np.concatenate([play(eng, 256) for _ in range(3)])      # 768 frames: the end inside
    assert eng.speed == 0 and eng.position == 600
    np.testing.assert_allclose(out[lag:600 + lag], ramp(600), atol=1e-6)
    assert not out[600 + lag:].any()
    assert eng._tail == 0                          # nothing left to flush after that
    assert not play(eng, 256).any()


def test_the_look_ahead_plays_out_in_the_next_block_when_it_ends_a_block() -> None:
    eng = engine(ramp(512))
    lag = eng.kernel.latency
    eng.speed = 1
    play(eng, 256)
    last = play(eng, 256)                           # ends exactly at the end of the source
    assert eng.speed == 0 and eng._tail == lag
    np.testing.assert_allclose(last, ramp(512)[256 - lag:512 - lag], atol=1e-6)
    tail = play(eng, 256)
    np.testing.assert_allclose(tail[:lag], ramp(512)[512 - lag:], atol=1e-6)
    assert not tail[lag:].any() and eng._tail == 0
    partial = engine(ramp(512))
    partial.speed = 1
    partial.render(np.zeros((512, 2), np.float32))
    flushed = play(partial, lag // 2)               # a block shorter than the tail: the rest waits
    assert partial._tail == lag - lag // 2 and flushed.any()


def test_playing_from_the_very_end_stops_at_once() -> None:
    eng = engine()
    eng.seek(99.0)
    eng.speed = 1
    assert not play(eng, 256).any()
    assert eng.speed == 0 and eng.position == eng.frames


def test_seek_clamps_and_restarts_the_look_ahead() -> None:
    eng = engine()
    eng.seek(-1.0)
    assert eng.position == 0
    eng.seek(99.0)
    assert eng.position == eng.frames == RATE
    eng.seek(0.25)
    assert eng.position == 2000 and eng.time == 0.25
    eng.seek(2000.6 / RATE)
    assert eng.position == 2001                     # rounded, not truncated
    eng.speed = 1
    play(eng, 256)
    eng.seek(0.5)
    out = play(eng, 256)
    lag = eng.kernel.latency
    assert not out[:lag].any()                      # nothing of the old place carries over
    np.testing.assert_allclose(out[lag:], ramp()[4000:4256 - lag], atol=1e-6)


def test_ranges_round_and_an_empty_one_is_none() -> None:
    eng = engine()
    eng.set_range(0.10001, 0.2, True)
    assert eng.play_range == (800, 1600, True)
    eng.set_range(-1.0, 0.1, False)
    assert eng.play_range == (0, 800, False)
    eng.set_range(0.2, 0.2, True)
    assert eng.play_range is None
    eng.set_range(0.1, 0.2, 1)                     # type: ignore[arg-type]
    assert eng.play_range == (800, 1600, True)
    eng.clear_range()
    assert eng.play_range is None


def test_the_range_end_stops_play_and_the_look_ahead_follows() -> None:
    eng = engine()
    eng.set_range(0.0, 300 / RATE, False)
    eng.speed = 1
    out = np.concatenate([play(eng, 256) for _ in range(3)])
    lag = eng.kernel.latency
    assert eng.speed == 0 and eng.position == 300
    np.testing.assert_allclose(out[lag:300 + lag], ramp()[:300], atol=1e-6)
    assert not out[300 + lag:].any()


def test_reverse_play_stops_at_the_start() -> None:
    loud_first = ramp()[::-1].copy()                 # (the voice gate would close on a faint start)
    eng = engine(loud_first)
    eng.seek(100 / RATE)
    eng.speed = -1
    out = play(eng, 256)
    lag = eng.kernel.latency
    np.testing.assert_allclose(out[lag:lag + 101], loud_first[100::-1], atol=1e-6)
    assert eng.speed == 0 and eng.position == 0 and not out[lag + 101:].any()


def test_double_speed_takes_every_second_frame() -> None:
    eng = engine()
    eng.speed = 2
    out = play(eng, 256)
    lag = eng.kernel.latency
    np.testing.assert_allclose(out[lag:], ramp()[0:2 * (256 - lag):2], atol=1e-6)
    assert eng.position == 512


def test_audition_plays_over_a_paused_mix_once_and_clips() -> None:
    eng = engine()
    eng.audition(np.linspace(0.0, 0.5, 300, dtype=np.float32))     # mono: to both sides
    assert eng.auditioning
    first = play(eng, 256)
    np.testing.assert_allclose(first[:, 0], np.linspace(0.0, 0.5, 300)[:256], atol=1e-6)
    np.testing.assert_array_equal(first[:, 0], first[:, 1])
    second = play(eng, 256)
    np.testing.assert_allclose(second[:44, 0], np.linspace(0.0, 0.5, 300)[256:], atol=1e-6)
    assert not second[44:].any() and not eng.auditioning and eng.position == 0
    pcm = np.full((10, 2), 16384, np.int16)
    eng.audition(pcm)
    np.testing.assert_allclose(play(eng, 16)[:10], 16384 / 32767, atol=1e-6)
    eng.audition(np.full((10, 2), 3.0, np.float32))
    assert play(eng, 16)[:10].max() == 1.0                          # clipped to full scale
    eng.audition(np.full((10, 2), -3.0, np.float32))
    assert play(eng, 16)[:10].min() == -1.0
    eng.audition(np.full((1, 2), 0.3, np.float32))                  # a single frame plays too
    one = play(eng, 16)
    assert one[0, 0] == pytest.approx(0.3) and not one[1:].any() and not eng.auditioning
    eng.audition(np.full((500, 2), 0.1, np.float32))
    eng.audition(None)                                              # stopped
    assert not eng.auditioning and not play(eng, 16).any()


def test_the_tap_holds_what_was_played_for_the_meter() -> None:
    eng = engine()
    assert eng.read_tap(0)[0].shape == (0, 2)
    play(eng, 256)                                  # paused, nothing auditioned: nothing tapped
    assert eng.tap_written == 0
    eng.speed = 1
    blocks = [play(eng, 1000) for _ in range(6)] + [play(eng, 700) for _ in range(3)] + [play(eng, 900)]
    played = np.concatenate(blocks)                 # 9000 frames: the ring (1 s) wraps mid-block
    assert eng.tap_written == 9000
    data, upto = eng.read_tap(8500)
    np.testing.assert_array_equal(data, played[8500:])
    assert upto == 9000
    data, _ = eng.read_tap(0)                       # at most the last second
    np.testing.assert_array_equal(data, played[-RATE:])
    data, _ = eng.read_tap(7500)                    # across the ring's seam
    np.testing.assert_array_equal(data, played[7500:])
    assert eng.read_tap(9000)[0].shape == (0, 2)
    eng.speed = 0
    eng.audition(np.full((50, 2), 0.2, np.float32))
    play(eng, 64)
    assert eng.tap_written == 9064                  # an audition is heard, so it is metered


def test_a_parameter_swap_is_timed_once() -> None:
    eng = engine()
    params = MixParams.from_project(Project(sample_rate=RATE), has_stems=True)
    eng.set_params(params)
    assert eng.params is params
    time.sleep(0.02)
    play(eng, 64)
    first = eng.last_param_latency
    assert first >= 0.02
    play(eng, 64)
    assert eng.last_param_latency == first          # the same snapshot: not re-timed


def test_the_silent_clock_calls_back_at_the_block_rate() -> None:
    eng = engine(ramp(3 * RATE), blocksize=400)     # 20 blocks a second at 8 kHz
    clock = ClockOutput(eng)
    assert clock.name == "silent clock" and clock.latency == 0.0
    # a daemon: a clock left running must not keep the application from exiting
    assert clock._thread.daemon and clock._thread.name == "stemline-clock"
    time.sleep(0.15)
    assert eng.callbacks == 0                       # not started: no callbacks
    eng.speed = 1
    clock.start()
    time.sleep(1.0)
    clock.stop()
    n = eng.callbacks
    assert 15 <= n <= 23, n                          # real time, not as fast as it can
    assert eng.position == 400 * n
    time.sleep(0.2)
    assert eng.callbacks == n                       # stopped
    clock.close()
    assert not clock._thread.is_alive()
    assert not any(t.name == "stemline-clock" and t.is_alive() for t in threading.enumerate())


_CHILD = """
import json, time
import numpy as np
from stemline.core.mixer import MixParams
from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.playback.output import SoundDeviceOutput, open_output
import sounddevice as sd
eng = PlaybackEngine(48000, blocksize=256)    # not the null device's default rate (44100)
eng.set_sources({"voice": np.full((48000 * 30, 2), 0.1, np.float32)})
eng.set_params(MixParams.from_project(Project(sample_rate=48000), has_stems=True))
out = SoundDeviceOutput(eng)
s = out._stream
eng.speed = 1
out.start(); out.start()
time.sleep(0.2)
out.stop(); out.stop()
moved = eng.position
out.close()
best, message = open_output(eng)
print(json.dumps({"name": out.name, "latency": out.latency, "rate": s.samplerate, "channels": s.channels,
                  "dtype": s.dtype, "blocksize": s.blocksize, "device": s.device, "moved": moved,
                  "callbacks": eng.callbacks, "best": best.name, "message": message,
                  "low": sd.query_devices(s.device)["default_low_output_latency"],
                  "high": sd.query_devices(s.device)["default_high_output_latency"]}))
best.close()
"""


def test_outputs_with_and_without_a_device(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    import subprocess
    import sys

    eng = engine()
    try:
        SoundDeviceOutput(eng)
    except PlaybackUnavailable as exc:
        assert "audio" in str(exc) and exc.code == "NoAudioDevice"
    else:
        pytest.skip("this machine has an audio device")
    out, message = open_output(eng)
    try:
        assert isinstance(out, ClockOutput) and message and "audio" in message
    finally:
        out.close()
    # With a device: ALSA's own null sink (a real PortAudio stream that discards what it gets),
    # set up as the default device in a child's home; PortAudio reads ALSA's setup when imported.
    (tmp_path / ".asoundrc").write_text("pcm.!default {\n  type null\n}\n")
    env = dict(os.environ, HOME=str(tmp_path), PYTHONPATH=os.pathsep.join(sys.path))
    run = subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, timeout=60)
    if run.returncode and "PortAudio" in run.stderr:
        pytest.skip(f"no ALSA null device here: {run.stderr.strip().splitlines()[-1]}")
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout.strip().splitlines()[-1])
    assert got["name"] == "sounddevice" and got["best"] == "sounddevice" and got["message"] is None
    assert (got["rate"], got["channels"], got["dtype"], got["blocksize"]) == (48000, 2, "float32", 256)
    # the device's low latency setting, not its (safer, longer) default
    assert got["latency"] < got["high"] and got["latency"] == pytest.approx(got["low"], abs=0.006)
    # the null sink takes blocks faster than real time: the playhead moved by whole blocks
    assert got["callbacks"] > 0 and got["moved"] > 0 and got["moved"] % 256 == 0
