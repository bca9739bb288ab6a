"""The one mix law and its kernel: block-size independence, live = export, the laws themselves."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from stemline.core.mixer import (CEILING_DB, KINDS, Limiter, MixKernel, MixParams, db_to_amp,
                                 pan_gains, suppression_db, suppression_gain, track_matrix)
from stemline.core.project import Project
from stemline.jobs.render import ArraySource, render_blocks
from stemline.playback.engine import PlaybackEngine

SR = 48000


def _sources(seconds: float = 4.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    n = int(seconds * SR)
    bg = (rng.standard_normal((n, 2)) * 0.25).astype(np.float32)
    voice = np.zeros((n, 2), np.float32)
    voice[SR:int(2.5 * SR)] = rng.standard_normal((int(1.5 * SR), 2)) * 0.3
    foley = np.zeros((n, 2), np.float32)
    foley[::7919] = 0.95  # clicks that make the limiter work
    return {"voice": voice, "background": bg, "foley": foley}


def _params() -> MixParams:
    p = Project(duration=4.0)
    p.track("voice").gain_db = 6.0
    p.track("voice").suppression = 0.5   # gate
    p.track("background").ducking = 0.7
    p.track("background").suppression = 0.2
    p.track("background").pan = -0.3
    p.track("foley").pan = 0.4
    p.track("foley").width = 0.5
    # and two level trims (what a lossy loudness export adds), one across a block edge
    return replace(MixParams.from_project(p), trims=((4000, 9000, 1.5), (60_000, 61_000, 6.0)))


def _render(params: MixParams, src: dict[str, np.ndarray], block: int) -> np.ndarray:
    n = len(next(iter(src.values())))
    sources = {k: ArraySource(v) for k, v in src.items()}
    return np.concatenate(list(render_blocks(params, sources, n, block=block)))


def test_block_size_never_changes_a_sample() -> None:
    src, params = _sources(), _params()
    ref = _render(params, src, 512)
    assert ref.shape == (4 * SR, 2)
    for block in (4096, 1000, 77):
        assert np.array_equal(_render(params, src, block), ref), block


def test_live_playback_is_the_export_bit_for_bit() -> None:
    src, params = _sources(), _params()
    exported = _render(params, src, 4096)
    engine = PlaybackEngine(SR, 512)
    engine.set_sources(src)
    engine.set_params(params)
    engine.seek(0.0)
    engine.speed = 1
    out, heard = np.zeros((512, 2), np.float32), []
    while engine.speed:
        engine.render(out)
        heard.append(out.copy())
    heard_all = np.concatenate(heard)
    lag = engine.kernel.latency
    assert lag == 128
    assert np.array_equal(heard_all[lag:len(exported)], exported[:len(exported) - lag])


def test_limiter_holds_the_ceiling_and_leaves_quiet_audio_alone() -> None:
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2 * SR, 2)) * np.linspace(0.2, 3.0, 2 * SR)[:, None]
    lim = Limiter(SR)
    y = np.concatenate([lim.process(x[i:i + 1000]) for i in range(0, len(x), 1000)])
    assert np.abs(y).max() <= db_to_amp(CEILING_DB) + 1e-9
    quiet = rng.standard_normal((SR, 2)) * 0.05
    lim = Limiter(SR)
    out = np.concatenate([lim.process(quiet), lim.process(np.zeros((lim.latency, 2)))])
    assert np.allclose(out[lim.latency:], quiet)  # only delayed


def test_true_peak_limiter_holds_inter_sample_peaks() -> None:
    from stemline.core.loudness import TruePeakMeter

    t = np.arange(SR) / SR
    # a tone at a quarter of the rate, phased so samples miss its crests by 45 degrees
    x = np.sin(2 * np.pi * (SR / 4) * t + np.pi / 4)[:, None].repeat(2, axis=1) * 1.2
    lim = Limiter(SR, -1.0, true_peak=True)
    y = lim.process(np.concatenate([x, np.zeros((lim.latency, 2))]))[lim.latency:]
    meter = TruePeakMeter()
    meter.push(y)
    assert meter.peak_db <= -1.0 + 0.01  # the gain ramps inside a hop: a hair, hence TP_MARGIN_DB
    assert np.abs(y).max() < db_to_amp(-1.0)


def test_the_laws() -> None:
    assert suppression_gain(0.3) == pytest.approx(0.7)
    assert suppression_db(0.3) == pytest.approx(-3.098, abs=0.01)
    with pytest.raises(ValueError):
        suppression_gain(1.5)
    assert pan_gains(0.0) == pytest.approx((1.0, 1.0))          # centre: unity
    left, right = pan_gains(-1.0)
    assert right == pytest.approx(0.0, abs=1e-12) and left == pytest.approx(2 ** 0.5)
    a, b = pan_gains(0.37)
    assert a * a + b * b == pytest.approx(2.0)                      # constant power
    mono = track_matrix(-6.0, 0.0, 0.0)
    assert np.allclose(mono, db_to_amp(-6.0) * 0.5)                 # width 0 folds to mono
    assert not track_matrix(-60.0, 0.0, 1.0).any()                  # fader bottom is silence


def test_ducking_and_gate_follow_the_voice_only_when_it_is_heard() -> None:
    src = _sources()
    src["foley"][:] = 0
    p = Project(duration=4.0)
    p.track("background").ducking = 1.0
    bg_only = replace(MixParams.from_project(p).only("background"), ceiling_db=None)
    out = _render(bg_only, src, 4096)
    rms = lambda x: float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))  # noqa: E731
    before = rms(out[int(0.3 * SR):int(0.9 * SR)]) / rms(src["background"][int(0.3 * SR):int(0.9 * SR)])
    during = rms(out[int(1.3 * SR):int(2.3 * SR)]) / rms(src["background"][int(1.3 * SR):int(2.3 * SR)])
    after = rms(out[int(3.5 * SR):]) / rms(src["background"][int(3.5 * SR):])
    assert before == pytest.approx(1.0, abs=0.01)
    assert 20 * np.log10(during) == pytest.approx(-18.0, abs=0.5)
    assert after == pytest.approx(1.0, abs=0.02)
    p.track("voice").mute = True  # nobody hears the voice: nothing to make room for
    assert MixParams.from_project(p).ducking == 0.0
    # the gate: voice between words drops by the gate amount
    p.track("voice").mute = False
    p.track("voice").suppression = 1.0
    gated = _render(replace(MixParams.from_project(p).only("voice"), ceiling_db=None), {**src, "voice": src["voice"] + 0.001}, 4096)
    assert rms(gated[int(3.2 * SR):]) < 1e-6
    assert rms(gated[int(1.5 * SR):int(2.0 * SR)]) > 0.2


def test_stems_add_up_to_the_mix_without_the_limiter() -> None:
    src, params = _sources(), _params()
    unlimited = MixParams(params.matrices, ducking=params.ducking, voice_gate=params.voice_gate,
                          music_gain=params.music_gain, ceiling_db=None)
    whole = _render(unlimited, src, 4096)
    parts = sum(_render(unlimited.only(k), src, 4096).astype(np.float64) for k in KINDS[1:])
    assert np.allclose(parts, whole, atol=1e-6)


def test_kernel_reset_forgets_the_past() -> None:
    src, params = _sources(), _params()
    k = MixKernel(SR, params)
    out = np.zeros((4096, 2), np.float32)
    inputs = [None, src["voice"][:4096], src["background"][:4096], None]
    k.process(inputs, out)
    first = out.copy()
    k.process(inputs, out)
    k.reset()
    k.process(inputs, out)
    assert np.array_equal(out, first)


def test_trims_lower_their_stretch_after_the_limiter() -> None:
    from stemline.core.mixer import TRIM_RAMP, trim_gain

    g = trim_gain(((10_000, 20_000, 6.0),), 0, 30_000)
    assert g[:10_000 - TRIM_RAMP].min() == 1.0 and g[20_000 + TRIM_RAMP:].min() == 1.0
    assert np.allclose(g[10_000:20_000], db_to_amp(-6.0))
    assert np.all(np.diff(g[10_000 - TRIM_RAMP:10_000]) < 0)          # a ramp, not a step
    src = _sources()
    plain = replace(_params(), trims=())
    base = _render(plain, src, 4096)
    trimmed = _render(replace(plain, trims=((SR, 2 * SR, 3.0),)), src, 4096)
    assert np.allclose(trimmed[SR:2 * SR], base[SR:2 * SR] * db_to_amp(-3.0), atol=1e-6)
    assert np.array_equal(trimmed[:SR - TRIM_RAMP], base[:SR - TRIM_RAMP])
