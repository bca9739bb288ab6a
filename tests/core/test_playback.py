"""The real-time mix and its outputs (no Qt; the machine has no sound card)."""
from __future__ import annotations

import time

import numpy as np
import pytest

from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.core.mixer import MixParams
from stemline.playback.output import ClockOutput, open_output


def _engine() -> tuple[PlaybackEngine, Project]:
    eng = PlaybackEngine(8000, blocksize=256)
    ones = np.ones((8000, 2), np.float32) * 0.25
    eng.set_sources({"original": ones, "voice": ones, "background": ones * 0.5})
    return eng, Project(sample_rate=8000)


def test_mix_follows_gain_mute_solo_pan() -> None:
    # what a block carries shows at its end: the kernel's look-ahead delays it by 128 frames
    eng, project = _engine()
    out = np.zeros((256, 2), np.float32)
    eng.speed = 1
    eng.set_params(MixParams.from_project(project, has_stems=True))
    eng.render(out)
    # Original is a reference once stems exist: voice 0.25 + background 0.125.
    np.testing.assert_allclose(out[-1], [0.375, 0.375], rtol=1e-5)
    assert not out[:eng.kernel.latency].any()
    project.track("voice").mute = True
    eng.set_params(MixParams.from_project(project, has_stems=True))
    eng.render(out)
    np.testing.assert_allclose(out[-1], [0.125, 0.125], rtol=1e-5)
    project.track("original").solo = True
    eng.set_params(MixParams.from_project(project, has_stems=True))
    eng.render(out)
    np.testing.assert_allclose(out[-1], [0.25, 0.25], rtol=1e-5)
    project.track("original").pan = -1.0
    project.track("original").gain_db = -6.0
    eng.set_params(MixParams.from_project(project, has_stems=True))
    eng.render(out)
    assert out[-1, 1] == pytest.approx(0.0, abs=1e-6)
    assert out[-1, 0] == pytest.approx(0.25 * 10 ** (-6 / 20) * np.sqrt(2), rel=1e-4)
    assert eng.position == 4 * 256


def test_paused_is_silent_and_end_stops() -> None:
    eng, project = _engine()
    eng.set_params(MixParams.from_project(project, has_stems=False))
    out = np.ones((256, 2), np.float32)
    eng.render(out)
    assert not out.any() and eng.position == 0
    eng.seek(8000 / 8000 - 100 / 8000)
    eng.speed = 1
    eng.render(out)
    lag = eng.kernel.latency  # the last 100 frames, then silence: none of them lost at the end
    assert not out[:lag].any() and out[lag:lag + 100].all() and not out[lag + 100:].any()
    assert eng.position == 8000 and eng.speed == 0
    eng.render(out)
    assert not out.any()


def test_reverse_and_fast_shuttle() -> None:
    eng = PlaybackEngine(8000, blocksize=512)
    ramp = np.repeat((np.arange(8000, dtype=np.float32) / 8000)[:, None], 2, axis=1)
    eng.set_sources({"voice": ramp})
    p = Project(sample_rate=8000)
    eng.set_params(MixParams.from_project(p, has_stems=True))
    out = np.zeros((512, 2), np.float32)
    lag = eng.kernel.latency
    eng.seek(0.5)
    eng.speed = -1
    eng.render(out)
    np.testing.assert_allclose(out[lag:, 0], ramp[4000:4000 - (512 - lag):-1, 0])
    eng.speed = 4
    eng.render(out)  # the look-ahead still holds the last reverse frames, then 4x forward
    np.testing.assert_allclose(out[:lag, 0], ramp[4000 - (512 - lag):4000 - 512:-1, 0])
    np.testing.assert_allclose(out[lag:, 0], ramp[3488:3488 + 4 * (512 - lag):4, 0])


def test_no_device_falls_back_to_a_silent_clock_with_a_message() -> None:
    eng, _ = _engine()
    output, message = open_output(eng)
    try:
        if message is None:
            pytest.skip("this machine has an audio device")
        assert isinstance(output, ClockOutput) and "audio" in message
        eng.speed = 1
        output.start()
        time.sleep(0.2)
        assert eng.position > 0  # the playhead moves even without sound
    finally:
        output.close()


def test_parameter_change_reaches_the_callback_within_100ms() -> None:
    eng, project = _engine()
    eng.speed = 1
    output = ClockOutput(eng)
    try:
        output.start()
        latencies = []
        for gain in (-3.0, -6.0, -9.0, -12.0, -1.0):
            project.track("voice").gain_db = gain
            params = MixParams.from_project(project, has_stems=True)
            eng.set_params(params)
            deadline = time.perf_counter() + 0.5
            while eng._seen_stamp != params.stamp and time.perf_counter() < deadline:
                time.sleep(0.001)
            latencies.append(eng.last_param_latency)
            eng.seek(0.0)
    finally:
        output.close()
    assert max(latencies) < 0.1, latencies


def test_background_suppression_and_ducking_follow_the_voice() -> None:
    eng = PlaybackEngine(8000, blocksize=256)
    quiet = np.zeros((8000, 2), np.float32)
    talk = np.full((8000, 2), 0.2, np.float32)
    bed = np.full((8000, 2), 0.1, np.float32)
    project = Project(sample_rate=8000)
    out = np.zeros((256, 2), np.float32)
    project.track("background").suppression = 0.5
    eng.set_sources({"voice": quiet, "background": bed})
    eng.set_params(MixParams.from_project(project, has_stems=True))
    eng.speed = 1
    eng.render(out)
    assert out[-1, 0] == pytest.approx(0.05, rel=1e-4)  # the one law: 1 - s
    project.track("background").ducking = 1.0
    eng.set_sources({"voice": talk, "background": bed})
    eng.set_params(MixParams.from_project(project, has_stems=True))
    for _ in range(20):  # the side-chain settles within a few blocks
        eng.render(out)
    background = out[-1, 0] - 0.2
    assert background == pytest.approx(0.05 * 10 ** (-18 / 20), rel=0.02)
