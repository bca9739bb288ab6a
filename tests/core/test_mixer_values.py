"""The mix law's small functions, exactly (killing mutants of core/mixer.py that the kernel
tests let live; see docs/testing.md)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from stemline.core.mixer import (KINDS, TRIM_RAMP, MixParams, _ramp, db_to_amp, pan_gains,
                                 suppression_db, suppression_gain, trim_gain)


def test_pan_is_held_to_the_picture():
    assert pan_gains(2.0) == pan_gains(1.0) and pan_gains(-2.0) == pan_gains(-1.0)
    left, right = pan_gains(-1.0)
    assert left == pytest.approx(math.sqrt(2.0)) and right == pytest.approx(0.0, abs=1e-12)
    assert pan_gains(0.0) == pytest.approx((1.0, 1.0))


def test_suppression_law():
    assert suppression_gain(1.0) == 0.0 and suppression_gain(0.3) == pytest.approx(0.7)
    assert suppression_db(1.0) == -math.inf
    assert suppression_db(0.5) == pytest.approx(20 * math.log10(0.5))
    assert suppression_db(0.0) == 0.0
    for bad in (-0.1, 1.1, float("nan")):
        with pytest.raises(ValueError, match="music suppression must be within 0..1"):
            suppression_gain(bad)


def test_silent_and_audible():
    silent = MixParams.silent()
    assert silent.matrices.shape == (len(KINDS), 2, 2) and not silent.matrices.any()
    assert not any(silent.audible(k) for k in KINDS)
    mats = np.zeros((len(KINDS), 2, 2))
    mats[KINDS.index("voice")] = np.eye(2)
    params = MixParams(mats)
    assert [params.audible(k) for k in KINDS] == [k == "voice" for k in KINDS]


def test_trims_combine_and_skip_only_what_is_out_of_reach():
    far = (10_000_000, 10_000_100, 12.0)
    a = (1000, 2000, 6.0)
    b = (1500, 2500, 6.0)
    g = trim_gain([far, a, b], 0, 4000)          # one out of reach must not end the loop
    assert g[1750] == pytest.approx(db_to_amp(-6.0) ** 2)   # both trims multiply
    assert g[1010] == pytest.approx(db_to_amp(-6.0))       # only a (b ramps in from 1020)
    assert g[0] == 1.0 and g[-1] == 1.0
    assert g[1000 - TRIM_RAMP // 2] == pytest.approx(1 - (1 - db_to_amp(-6.0)) / 2, rel=1e-3)
    # A block just past a trim's ramp is untouched; any block size gives the same factors.
    assert (trim_gain([a], 2000 + TRIM_RAMP, 100) == 1.0).all()
    whole = trim_gain([a, b], 0, 4000)
    parts = np.concatenate([trim_gain([a, b], p, 333) for p in range(0, 4000, 333)])[:4000]
    assert np.array_equal(whole, parts)
    assert trim_gain([a], 0, 10).dtype == np.float64


def test_ramp_interpolates_between_control_points():
    got = _ramp([0.0, 10.0, 30.0], np.array([0, 1]), np.array([0.25, 0.5]))
    assert got == pytest.approx([2.5, 20.0])
    assert _ramp([1, 2], np.array([0]), np.array([0.0])).dtype == np.float64


def _mix(params: MixParams, inputs: list, n: int) -> np.ndarray:
    from stemline.core.mixer import MixKernel

    kernel = MixKernel(48000, params)
    out = np.zeros((n, 2), np.float32)
    kernel.process(inputs, out)
    return out[kernel.latency:].astype(np.float64)


def test_every_matrix_entry_and_the_master_gain_count():
    # Four tracks, each through a full 2x2 matrix (no two entries alike), and a master gain;
    # no limiter, so the output is the exact sum, delayed by the kernel's latency.
    rng = np.random.default_rng(7)
    n = 4096
    inputs = [rng.uniform(-0.2, 0.2, (n, 2)) for _ in KINDS]
    mats = rng.uniform(-0.5, 0.5, (len(KINDS), 2, 2))
    params = MixParams(mats, master_gain_db=-6.0, ceiling_db=None)
    got = _mix(params, inputs, n)
    want = sum(x @ m for x, m in zip(inputs, mats)) * db_to_amp(-6.0)
    np.testing.assert_allclose(got, want[:len(got)], atol=1e-6)


def test_the_voice_gate_acts_on_the_voice_only_and_opens_while_it_talks():
    n = 48000
    rng = np.random.default_rng(8)
    talk = rng.uniform(-0.5, 0.5, (n, 2))                      # loud: the side chain says "talking"
    music = rng.uniform(-0.2, 0.2, (n, 2))
    mats = np.zeros((len(KINDS), 2, 2))
    mats[KINDS.index("voice")] = mats[KINDS.index("background")] = np.eye(2)
    inputs: list = [None] * len(KINDS)
    inputs[KINDS.index("background")] = music
    # silent voice: the gate closes on the voice, never on the background
    gated = _mix(MixParams(mats, voice_gate=0.5, ceiling_db=None), inputs, n)
    np.testing.assert_allclose(gated, music[:len(gated)], atol=1e-6)
    # a talking voice passes at full level once the side chain has attacked
    inputs[KINDS.index("background")] = None
    inputs[KINDS.index("voice")] = talk
    out = _mix(MixParams(mats, voice_gate=0.5, ceiling_db=None), inputs, n)
    np.testing.assert_allclose(out[-4800:], talk[len(out) - 4800:len(out)], atol=1e-3)


def test_the_kernel_limits_at_its_ceiling_and_keeps_its_latency():
    n = 8192
    mats = np.zeros((len(KINDS), 2, 2))
    mats[KINDS.index("voice")] = np.eye(2)
    quiet = np.zeros((n, 2))
    quiet[1000] = 0.25                                   # an impulse far under the ceiling
    inputs: list = [None] * len(KINDS)
    inputs[KINDS.index("voice")] = quiet
    out = _mix(MixParams(mats, ceiling_db=-3.0), inputs, n)
    assert np.argmax(np.abs(out[:, 0])) == 1000 and out[1000, 0] == pytest.approx(0.25)
    t = np.arange(n) / 48000
    loud = np.stack([np.sin(2 * np.pi * 997 * t)] * 2, 1) * 2.0   # 6 dB over full scale
    inputs[KINDS.index("voice")] = loud
    for true_peak in (False, True):
        limited = _mix(MixParams(mats, ceiling_db=-3.0, true_peak=true_peak), inputs, n)
        assert np.abs(limited).max() <= db_to_amp(-3.0) + 1e-6
        assert np.abs(limited[-2000:]).max() > db_to_amp(-3.0) * 0.9  # limited, not muted


def _project():  # type: ignore[no-untyped-def]
    from stemline.core.project import Project

    p = Project(duration=4.0)
    for i, kind in enumerate(KINDS):  # every track its own gain, pan and width
        t = p.track(kind)
        t.gain_db, t.pan, t.width = -1.0 - i, 0.2 * i - 0.3, 1.0 - 0.1 * i
    return p


def test_mute_and_solo_are_heard_while_monitoring_and_ignored_by_what_is_rendered():
    from stemline.core.mixer import track_matrix

    p = _project()
    every = {k: track_matrix(p.track(k).gain_db, p.track(k).pan, p.track(k).width) for k in KINDS}

    def mats(**kw):  # type: ignore[no-untyped-def]
        return MixParams.from_project(p, **kw).matrices

    # no stems yet: the Original is what plays; with stems it plays only when soloed
    for i, k in enumerate(KINDS):
        np.testing.assert_array_equal(mats(has_stems=False)[i], every[k])
        want = np.zeros((2, 2)) if k == "original" else every[k]
        np.testing.assert_array_equal(mats()[i], want)
    p.track("voice").mute = True
    p.track("background").solo = True
    p.track("foley").solo = True
    monitored = mats()
    assert [bool(m.any()) for m in monitored] == [k in ("background", "foley") for k in KINDS]
    # an export, a stem or a hand-off: mute and solo are listening choices, not edits
    rendered = mats(monitor=False)
    for i, k in enumerate(KINDS):
        want = np.zeros((2, 2)) if k == "original" else every[k]
        np.testing.assert_array_equal(rendered[i], want)
    p.track("original").solo = True  # soloed, the Original is heard even with stems
    np.testing.assert_array_equal(mats()[KINDS.index("original")], every["original"])
    assert not mats(monitor=False)[KINDS.index("original")].any()
    # ducking follows a voice that is heard; suppression and the gate come from their tracks
    p.track("background").ducking, p.track("background").suppression = 0.6, 0.25
    p.track("voice").suppression = 0.4
    p.track("voice").solo = True
    heard = MixParams.from_project(p)
    assert (heard.ducking, heard.music_gain, heard.voice_gate) == (0.6, 0.75, 0.4)
    p.track("voice").solo = False
    assert MixParams.from_project(p).ducking == 0.0          # muted voice: no pumping
    assert MixParams.from_project(p, monitor=False).ducking == 0.6


def _reference_follower(sq: np.ndarray, rate: int) -> list[float]:
    """The side chain written out plainly: per 64-frame hop the mean square in dB, a one-pole
    follower with 10 ms attack and 250 ms release starting at -120 dB, mapped from -45 dB
    (silent) to -33 dB (fully talking)."""
    att = 1.0 - math.exp(-64 / (0.010 * rate))
    rel = 1.0 - math.exp(-64 / (0.250 * rate))
    level, out = -120.0, []
    for k in range(len(sq) // 64):
        db = 10.0 * math.log10(float(np.mean(sq[64 * k:64 * k + 64])) + 1e-12)
        level += (att if db > level else rel) * (db - level)
        out.append(min(1.0, max(0.0, (level + 45.0) / 12.0)))
    return out


@pytest.mark.parametrize("rate", [48000, 44100])
def test_the_side_chain_follows_the_voice_envelope_exactly(rate: int):
    from stemline.core.mixer import SideChain

    rng = np.random.default_rng(3)
    n = rate  # one second: a word from 0.1 s to 0.4 s, only in the left channel, then a breath
    voice = np.zeros((n, 2))
    w = slice(int(0.1 * rate), int(0.4 * rate))
    voice[w, 0] = rng.uniform(-0.3, 0.3, w.stop - w.start)
    b = slice(int(0.6 * rate), int(0.62 * rate))
    voice[b] = rng.uniform(-0.02, 0.02, (b.stop - b.start, 2))
    sq = (voice[:, 0] ** 2 + voice[:, 1] ** 2) / 2
    want = _reference_follower(sq, rate)
    assert max(want) == 1.0 and sum(0.0 < x < 1.0 for x in want) > 20  # rises, saturates, falls

    sc = SideChain(rate)
    got: list[float] = []
    pos = 0
    for size in [100, 1, 63, 64, 1000, 5000, 37] * 100:  # blocks across hop edges
        if pos >= n:
            break
        size = min(size, n - pos)
        talk, index, frac = sc.talking(voice[pos:pos + size], size)
        k0 = pos // 64
        # the list starts two hops before the block's first: what earlier blocks already gave
        hist = ([0.0, 0.0] + got)[k0:k0 + 2]
        assert talk[:2] == pytest.approx(hist, abs=1e-12)
        assert len(got) == k0  # every hop completed before this block was reported once
        got.extend(talk[2:])
        p = np.arange(pos, pos + size)
        np.testing.assert_array_equal(index, p // 64 - k0)
        np.testing.assert_allclose(frac, (p % 64 + 1) / 64, rtol=0, atol=1e-15)
        pos += size
    assert got == pytest.approx(want, abs=1e-9)
    # silence given as None is silence; reset starts the follower over
    sc.reset()
    talk, index, _ = sc.talking(None, 128)
    assert talk == [0.0, 0.0, 0.0, 0.0] and index.tolist() == [0] * 64 + [1] * 64


def test_the_5_1_routing_of_every_track_exactly():
    from stemline.core.mixer import matrix_gain, track_matrix
    from stemline.core.surround import (BL, BR, FC, FL, FR, LFE, LFE_SHARE, SURROUND_DELAYS_S,
                                        SURROUND_SHARE, lcr_gains)

    assert matrix_gain(track_matrix(-6.0, 0.4, 0.3)) == pytest.approx(db_to_amp(-6.0))
    assert lcr_gains(-1.0) == pytest.approx((math.sqrt(2), 0, 0), abs=1e-12)
    assert lcr_gains(0.0) == pytest.approx((0, math.sqrt(2), 0), abs=1e-12)
    assert lcr_gains(1.0) == pytest.approx((0, 0, math.sqrt(2)), abs=1e-12)
    assert sum(g * g for g in lcr_gains(-0.3)) == pytest.approx(2.0)
    rate, n = 48000, 6000
    rng = np.random.default_rng(11)
    x = {k: rng.uniform(-0.2, 0.2, (n, 2)) for k in ("original", "voice", "background")}
    lcr = rng.uniform(-0.2, 0.2, (n, 3))
    mats = np.stack([track_matrix(-3.0, -0.5, 1.0), track_matrix(-1.0, 0.2, 0.8),
                     track_matrix(-2.0, 0.0, 1.0), track_matrix(-4.0, 0.7, 0.5)])

    def only(i: int, inp) -> np.ndarray:  # type: ignore[no-untyped-def]
        m = np.zeros_like(mats)
        m[i] = mats[i]
        inputs: list = [None] * len(KINDS)
        inputs[i] = inp
        from stemline.core.mixer import MixKernel

        kernel = MixKernel(rate, MixParams(m, ceiling_db=None, layout="5.1"))
        out = np.zeros((n, 6), np.float32)
        for a in range(0, n, 1000):  # in blocks: the delays and the filter carry across
            kernel.process([None if v is None else v[a:a + 1000] for v in inputs], out[a:a + 1000])
        return out[kernel.latency:].astype(np.float64)

    k = n - 128
    stereo = {kind: x[kind] @ mats[KINDS.index(kind)] for kind in x}
    got = only(KINDS.index("voice"), x["voice"])
    np.testing.assert_allclose(got[:, FC], stereo["voice"].sum(axis=1)[:k] / math.sqrt(2), atol=1e-6)
    assert not np.delete(got, FC, axis=1).any()
    got = only(KINDS.index("original"), x["original"])
    np.testing.assert_allclose(got[:, [FL, FR]], stereo["original"][:k], atol=1e-6)
    assert not got[:, [FC, LFE, BL, BR]].any()
    got = only(KINDS.index("background"), x["background"])
    np.testing.assert_allclose(got[:, [FL, FR]], stereo["background"][:k], atol=1e-6)
    for ch, side, delay in ((BL, 0, SURROUND_DELAYS_S[0]), (BR, 1, SURROUND_DELAYS_S[1])):
        d = int(round(delay * rate))
        assert not got[:d, ch].any()
        np.testing.assert_allclose(got[d:, ch], SURROUND_SHARE * stereo["background"][:k - d, side],
                                   atol=1e-6)
    assert not got[:, [FC, LFE]].any()
    f = KINDS.index("foley")
    got = only(f, lcr)
    g = matrix_gain(mats[f])
    np.testing.assert_allclose(got[:, [FL, FC, FR]], g * lcr[:k], atol=1e-6)
    from scipy import signal

    sos = signal.butter(4, 120.0, "lowpass", fs=rate, output="sos")
    np.testing.assert_allclose(got[:, LFE], LFE_SHARE * signal.sosfilt(sos, g * lcr.sum(axis=1))[:k],
                               atol=1e-6)
    assert not got[:, [BL, BR]].any()
    # in the surrounds only when asked: a share of its left and right, delayed like the room's
    m = np.zeros_like(mats)
    m[f] = mats[f]
    inputs = [None] * len(KINDS)
    inputs[f] = lcr
    from stemline.core.mixer import MixKernel

    kernel = MixKernel(rate, MixParams(m, ceiling_db=None, layout="5.1", foley_surround=0.3))
    wide = np.zeros((n, 6), np.float32)
    kernel.process(inputs, wide)
    wide = wide[kernel.latency:].astype(np.float64)
    np.testing.assert_allclose(wide[:, [FL, FC, FR, LFE]], got[:, [FL, FC, FR, LFE]], atol=1e-6)
    for ch, side, delay in ((BL, 0, SURROUND_DELAYS_S[0]), (BR, 2, SURROUND_DELAYS_S[1])):
        d = int(round(delay * rate))
        np.testing.assert_allclose(wide[d:, ch], 0.3 * g * lcr[:k - d, side], atol=1e-6)
    from stemline.core.project import Project

    p = Project(duration=1.0)
    assert MixParams.from_project(p).foley_surround == 0.0
    p.track("foley").surround = 0.3
    assert MixParams.from_project(p).foley_surround == 0.3
    # a stereo Foley file (a generator's) plays in front left and right
    got = only(f, x["original"])
    np.testing.assert_allclose(got[:, [FL, FR]], g * x["original"][:k], atol=1e-6)
    assert not got[:, FC].any()


def test_the_limiter_holds_every_channel_of_a_5_1_mix():
    from stemline.core.mixer import CEILING_DB, MixKernel, track_matrix

    n = 9600
    loud = np.random.default_rng(4).uniform(-1.0, 1.0, (n, 2))
    mats = np.zeros((len(KINDS), 2, 2))
    mats[KINDS.index("voice")] = mats[KINDS.index("background")] = track_matrix(6.0, 0.0, 1.0)
    inputs: list = [None] * len(KINDS)
    inputs[KINDS.index("voice")] = inputs[KINDS.index("background")] = loud
    kernel = MixKernel(48000, MixParams(mats, layout="5.1"))
    out = np.zeros((n, 6), np.float32)
    kernel.process(inputs, out)
    assert kernel.channels == 6
    peaks = np.abs(out[kernel.latency:]).max(axis=0)
    assert (peaks <= db_to_amp(CEILING_DB) + 1e-6).all() and peaks[[0, 1, 2, 4, 5]].min() > 0.3


def test_a_split_background_suppresses_its_music_alone_and_keeps_the_ambience_at_its_level():
    from stemline.core.mixer import AMBIENCE, SOURCES, MixKernel, track_matrix

    n = 4800
    rng = np.random.default_rng(21)
    amb = rng.uniform(-0.1, 0.1, (n, 2))
    music = rng.uniform(-0.3, 0.3, (n, 2))
    bg = music + amb
    m = track_matrix(-2.0, 0.3, 0.7)
    mats = np.zeros((len(KINDS), 2, 2))
    mats[KINDS.index("background")] = m
    inputs: list = [None] * len(SOURCES)
    inputs[KINDS.index("background")], inputs[AMBIENCE] = bg, amb

    def mix(**kw):  # type: ignore[no-untyped-def]
        kernel = MixKernel(48000, MixParams(mats, ceiling_db=None, **kw))
        out = np.zeros((n, 2), np.float32)
        kernel.process(inputs, out)
        return out[kernel.latency:].astype(np.float64)

    k = n - 128
    np.testing.assert_allclose(mix(music_gain=0.0, ambience_gain=1.0), (amb @ m)[:k], atol=1e-6)
    np.testing.assert_allclose(mix(music_gain=0.25, ambience_gain=0.5),
                               (0.25 * music @ m + 0.5 * amb @ m)[:k], atol=1e-6)
    # ducked under a talking voice, both parts alike: the same as ducking the mix of the two
    talk = np.zeros((n, 2))
    talk[1000:] = rng.uniform(-0.5, 0.5, (n - 1000, 2))
    inputs[KINDS.index("voice")] = talk
    ducked = mix(music_gain=0.25, ambience_gain=0.5, ducking=1.0)
    inputs[KINDS.index("background")], inputs[AMBIENCE] = 0.25 * music + 0.5 * amb, None
    np.testing.assert_allclose(ducked, mix(ducking=1.0), atol=1e-6)
    assert np.abs(ducked[-1000:]).max() < 0.3 * np.abs(ducked[:800]).max()  # it did duck
    inputs[KINDS.index("background")], inputs[AMBIENCE] = bg, amb
    inputs[KINDS.index("voice")] = None
    # not split (no ambience level), or no ambience part to read: suppression scales it all
    np.testing.assert_allclose(mix(music_gain=0.25), (0.25 * bg @ m)[:k], atol=1e-6)
    inputs[AMBIENCE] = None
    np.testing.assert_allclose(mix(music_gain=0.25, ambience_gain=0.5), (0.25 * bg @ m)[:k], atol=1e-6)
    # the project says so: an ambience file on the background and its level
    from stemline.core.project import Project

    p = Project(duration=1.0)
    assert MixParams.from_project(p).ambience_gain is None
    p.track("background").ambience_source = "/x/ambience.wav"
    p.track("background").ambience_db = -6.0
    assert MixParams.from_project(p).ambience_gain == pytest.approx(db_to_amp(-6.0))
