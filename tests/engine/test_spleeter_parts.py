"""Each step of the Spleeter separator against its own statement, on the real bundled networks.

The end-to-end tests judge the stems by SI-SDR, which a slip in the cross-fade weights, the
high-band share or the channel handling barely moves. Here each step is held to what its docstring
says, with the networks' own outputs (run directly on a patch) as the reference:
- overlapping 512-frame patches, raised-cosine cross-fades across each overlap, flat elsewhere;
- the band above 11 kHz masked by each stem's share of the top `extend_bins` modelled bins;
- the mask law (ratio masks of power p, or the Wiener filter) applied to the true mixture;
- mono, surround, empty and 1-D input.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from stemline.core.progress import Progress
from stemline.demo.synth import mixture
from stemline.engine.separation.spectral import istft, stft
from stemline.engine.separation.spleeter import (HOP, N_FFT, SpleeterOptions, SpleeterSeparator,
                                                 _patch_taper)
from stemline.engine.separation.spleeter_net import NET_BINS, NET_FRAMES
from stemline.engine.separation.wiener import wiener_refine

SR = 44100


@pytest.fixture(scope="module")
def separator() -> SpleeterSeparator:
    return SpleeterSeparator("cpu")


@pytest.fixture(scope="module")
def audio() -> np.ndarray:
    return mixture(25.0, seed=11)[0]                     # ~1077 STFT frames: three patches


@pytest.fixture(scope="module")
def spec(separator: SpleeterSeparator, audio: np.ndarray) -> torch.Tensor:
    return stft(torch.from_numpy(np.ascontiguousarray(audio.T)), N_FFT, HOP, separator._window)


def net_masks(separator: SpleeterSeparator, patch: torch.Tensor) -> list[torch.Tensor]:
    """Both networks run on one (2, 1024, 512) patch: (2, 1024, 512) masks each."""
    with torch.inference_mode():
        x = patch[None].transpose(2, 3).contiguous(memory_format=torch.channels_last)
        return [net(x).transpose(2, 3)[0] for net in separator._nets]


def raised_cosine(n: int) -> torch.Tensor:
    return torch.sin(0.5 * math.pi * (torch.arange(n) + 0.5) / n) ** 2


def test_patch_taper_is_a_raised_cosine_that_sums_to_one_across_an_overlap() -> None:
    for overlap in (128, 37):
        w = _patch_taper(overlap, "cpu")
        assert w.shape == (NET_FRAMES,)
        assert torch.allclose(w[:overlap], raised_cosine(overlap))
        assert torch.allclose(w[NET_FRAMES - overlap:], raised_cosine(overlap).flip(0))
        assert torch.all(w[overlap:NET_FRAMES - overlap] == 1.0)
        # the tail of one patch and the head of the next add up to exactly one
        assert torch.allclose(w[NET_FRAMES - overlap:] + w[:overlap], torch.ones(overlap))
    assert torch.all(_patch_taper(0, "cpu") == 1.0)


def test_patches_overlap_and_cross_fade_as_stated(separator, spec) -> None:  # type: ignore[no-untyped-def]
    mag = spec.abs()[:, :NET_BINS]
    length = mag.shape[-1]
    overlap = separator.options.patch_overlap
    hop = NET_FRAMES - overlap
    count = math.ceil((length - overlap) / hop)
    assert count == 3
    with torch.inference_mode():
        got = separator._network_masks(mag, None, None)
    assert got.shape == (2, 2, NET_BINS, length)
    padded = torch.nn.functional.pad(mag, (0, (count - 1) * hop + NET_FRAMES - length))
    each = [net_masks(separator, padded[:, :, i * hop:i * hop + NET_FRAMES]) for i in range(count)]
    fade_in = raised_cosine(overlap)
    for stem in range(2):
        m = [e[stem] for e in each]
        # the first patch alone up to where the second begins, with full weight from frame 0
        assert torch.allclose(got[stem][..., :hop], m[0][..., :hop], atol=1e-6)
        for i in (1, 2):
            s = i * hop
            blend = m[i - 1][..., hop:] * fade_in.flip(0) + m[i][..., :overlap] * fade_in
            assert torch.allclose(got[stem][..., s:s + overlap], blend, atol=1e-5), (stem, i)
        # then the second alone, and the last one to the end (full weight up to its last frame)
        assert torch.allclose(got[stem][..., hop + overlap:2 * hop], m[1][..., overlap:hop], atol=1e-6)
        tail = length - (2 * hop + overlap)
        assert torch.allclose(got[stem][..., 2 * hop + overlap:], m[2][..., overlap:overlap + tail],
                              atol=1e-6)


def test_batching_and_progress(separator, spec) -> None:  # type: ignore[no-untyped-def]
    mag = spec.abs()[:, :NET_BINS]
    reports: list[Progress] = []
    batched = SpleeterSeparator("cpu", SpleeterOptions(batch=2))
    with torch.inference_mode():
        one = separator._network_masks(mag, reports.append, None)
        two = batched._network_masks(mag, None, None)
    assert torch.allclose(one, two, atol=1e-5)
    assert [(r.stage, r.done, r.total, r.unit) for r in reports] == \
        [("separate", k, 3, "patches") for k in (1, 2, 3)]


def test_independent_patches_when_overlap_is_zero(spec) -> None:  # type: ignore[no-untyped-def]
    sep = SpleeterSeparator("cpu", SpleeterOptions(patch_overlap=0))
    mag = spec.abs()[:, :NET_BINS]
    with torch.inference_mode():
        got = sep._network_masks(mag, None, None)
    second = net_masks(sep, mag[:, :, NET_FRAMES:2 * NET_FRAMES])
    assert torch.allclose(got[0][..., NET_FRAMES:2 * NET_FRAMES], second[0], atol=1e-6)


def test_swapped_channel_pass_is_averaged_back(spec) -> None:  # type: ignore[no-untyped-def]
    sep = SpleeterSeparator("cpu", SpleeterOptions(swap_channels=True))
    mag = spec.abs()[:, :NET_BINS, :400]                 # one patch
    with torch.inference_mode():
        got = sep._network_masks(mag, None, None)
    patch = torch.nn.functional.pad(mag, (0, NET_FRAMES - 400))
    plain, swapped = net_masks(sep, patch), net_masks(sep, patch.flip(0))
    for stem in range(2):
        want = 0.5 * (plain[stem] + swapped[stem].flip(0))
        assert torch.allclose(got[stem], want[..., :400], atol=1e-6)
    assert not torch.allclose(plain[0], swapped[0].flip(0), atol=1e-3)   # the average matters


def test_high_band_takes_each_stems_share_of_the_top_bins(separator) -> None:  # type: ignore[no-untyped-def]
    g = torch.Generator().manual_seed(1)
    frames = 6
    mag = torch.rand(2, 2049, frames, generator=g) + 0.1
    top = separator.options.extend_bins
    share = torch.tensor([[0.3, 0.5, 0.9, 1.7, 0.0, 0.2], [0.6, 0.1, 0.4, 0.2, 0.8, 1.0]])  # (ch, frame)
    est = torch.stack([mag[:, :NET_BINS] * 0.95, mag[:, :NET_BINS] * 0.05])
    est[0, :, NET_BINS - top:] = mag[:, NET_BINS - top:NET_BINS] * share[:, None, :]
    # a bin just below the averaged band must not count
    est[0, :, NET_BINS - top - 1] = 50.0
    out = separator._extend_high_band(est, mag)
    assert out.shape == (2, 2, 2049, frames)
    assert torch.equal(out[:, :, :NET_BINS], est)
    want = share.clamp(0, 1)[:, None, :] * mag[:, NET_BINS:]
    assert torch.allclose(out[0, :, NET_BINS:], want, atol=1e-6)
    assert torch.allclose(out[1, :, NET_BINS:], 0.05 * mag[:, NET_BINS:], atol=1e-6)
    # a silent top band gives a silent share, not NaN
    quiet = mag.clone()
    quiet[:, NET_BINS - top:NET_BINS] = 0.0
    est_q = est.clone()
    est_q[:, :, NET_BINS - top:] = 0.0
    assert torch.all(separator._extend_high_band(est_q, quiet)[:, :, NET_BINS:] == 0.0)
    published = SpleeterSeparator("cpu", SpleeterOptions(high_band="zero"))
    assert torch.all(published._extend_high_band(est, mag)[:, :, NET_BINS:] == 0.0)


def estimates(sep: SpleeterSeparator, spec: torch.Tensor) -> torch.Tensor:
    mag = spec.abs()
    with torch.inference_mode():
        low = sep._network_masks(mag[:, :NET_BINS] * sep.options.input_gain, None, None)
        return sep._extend_high_band(low * mag[None, :, :NET_BINS], mag)


@pytest.mark.parametrize("options", [SpleeterOptions(), SpleeterOptions(wiener_iterations=0),
                                     SpleeterOptions(wiener_iterations=0, mask_power=1.0),
                                     SpleeterOptions(input_gain=0.5, wiener_iterations=2,
                                                     wiener_init="ratio")],
                         ids=["wiener", "ratio-p2", "ratio-p1", "gain-wiener2-ratio"])
def test_the_mask_law_applies_to_the_true_mixture(audio, options) -> None:  # type: ignore[no-untyped-def]
    sep = SpleeterSeparator("cpu", options)
    clip = audio[:SR * 8]
    s = stft(torch.from_numpy(np.ascontiguousarray(clip.T)), N_FFT, HOP, sep._window)
    est = estimates(sep, s)
    if options.wiener_iterations:
        voice_spec = wiener_refine(est, s, options.wiener_iterations, options.wiener_init)
    else:
        num = est[0] ** options.mask_power
        den = num + est[1] ** options.mask_power
        # where both estimates are silent the mixture is split evenly, never 0/0
        voice_spec = s * torch.where(den > 0, num / den.clamp_min(1e-30), 0.5)
        assert (den == 0).any()
    want = istft(voice_spec, N_FFT, HOP, sep._window, len(clip)).T.numpy()
    got = sep.separate(clip, SR)
    np.testing.assert_allclose(got["voice"], want, atol=2e-5)
    np.testing.assert_array_equal(got["background"], clip - got["voice"])


def test_channel_layouts(separator, audio) -> None:  # type: ignore[no-untyped-def]
    clip = audio[:SR * 3]
    stereo = separator.separate(clip, SR)
    # mono: the duplicated pair separated, then averaged back to one channel
    mono = clip[:, :1]
    pair = separator.separate(np.repeat(mono, 2, axis=1), SR)["voice"]
    got = separator.separate(mono, SR)
    assert got["voice"].shape == (len(clip), 1) and got["voice"].dtype == np.float32
    np.testing.assert_allclose(got["voice"][:, 0], pair.mean(axis=1), atol=1e-6)
    flat = separator.separate(mono[:, 0], SR)                # 1-D input is one channel
    np.testing.assert_allclose(flat["voice"], got["voice"], atol=1e-6)
    # more than two channels: the front pair is separated, the rest goes to the background
    # untouched (three channels: the smallest such layout)
    three = np.concatenate([clip, 0.25 * clip[:, :1]], axis=1)
    out = separator.separate(three, SR)
    assert out["voice"].shape == three.shape
    np.testing.assert_allclose(out["voice"][:, :2], stereo["voice"], atol=1e-6)
    assert np.all(out["voice"][:, 2:] == 0.0)
    np.testing.assert_array_equal(out["background"], three - out["voice"])
    # float64 in, float32 stems out (the writers and the mixer take float32)
    wide = separator.separate(clip.astype(np.float64), SR)
    assert wide["voice"].dtype == wide["background"].dtype == np.float32
    np.testing.assert_allclose(wide["voice"], stereo["voice"], atol=1e-6)


def test_default_device_and_the_weights_cache(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stemline.engine.device import pick_device

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sep = SpleeterSeparator()
    assert sep.device == pick_device("auto")            # "cpu" on a machine without a GPU
    assert sep._window.device.type == torch.device(sep.device).type
    # the converted weights are cached where the cache belongs, so the next start is quick
    assert len(list((tmp_path / "stemline" / "models").glob("spleeter-*.safetensors"))) == 2


def test_separate_reports_progress_per_patch(separator, audio) -> None:  # type: ignore[no-untyped-def]
    reports: list[Progress] = []
    separator.separate(audio[:SR * 14], SR, progress=reports.append)
    assert [(r.stage, r.done, r.total) for r in reports] == [("separate", 1, 2), ("separate", 2, 2)]


def test_empty_input_gives_two_separate_empty_stems(separator) -> None:  # type: ignore[no-untyped-def]
    out = separator.separate(np.zeros((0, 3), np.float32), SR)
    for stem in ("voice", "background"):
        assert out[stem].shape == (0, 3) and out[stem].dtype == np.float32
    assert out["voice"] is not out["background"]
