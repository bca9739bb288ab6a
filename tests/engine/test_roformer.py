"""BS- and Mel-Band-Roformer checkpoints saved by the test in the training repository's layout
(state dict + YAML with !!python/tuple), loaded through the real code; a checkpoint that would
run code is refused without running it. Agreement with audio-separator:
benchmarks/model_agreement.py."""
from __future__ import annotations

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("bs_roformer")

from stemline.core.errors import ModelUnavailable  # noqa: E402
from stemline.engine.separation.roformer import RoformerSeparator, build_model, load_config  # noqa: E402
from tests.engine.model_files import make_roformer  # noqa: E402

RATE = 44100


class _Payload:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (self.command,))


@pytest.mark.parametrize("kind", ["bs", "mel"])
def test_one_segment_is_the_network_itself(tmp_path, kind):
    """Audio exactly one segment long: the Hamming weights cancel, so the voice must be the
    network's output bit for bit; the background is the rest of the mix."""
    ckpt, yml = make_roformer(tmp_path, kind)
    sep = RoformerSeparator(ckpt, device="cpu")
    assert "!!python/tuple" in yml.read_text()
    rng = np.random.default_rng(1)
    mix = (0.2 * rng.standard_normal((sep.segment, 2))).astype(np.float32)
    out = sep.separate(mix, RATE)
    net = build_model(load_config(yml), yml)
    net.load_state_dict(torch.load(ckpt, weights_only=True))
    with torch.no_grad():
        want = net.eval()(torch.from_numpy(mix.T.copy())[None])[0].numpy().T
    assert np.allclose(out["voice"], want, atol=1e-5)
    assert np.allclose(out["voice"] + out["background"], mix, atol=1e-6)


def test_long_audio_any_layout_and_progress(tmp_path):
    ckpt, _ = make_roformer(tmp_path, "bs")
    sep = RoformerSeparator(ckpt, device="cpu")
    rng = np.random.default_rng(2)
    mix = (0.2 * rng.standard_normal((int(RATE * 4.3), 3))).astype(np.float32)
    seen = []
    out = sep.separate(mix, RATE, progress=seen.append)
    assert out["voice"].shape == mix.shape and np.isfinite(out["voice"]).all()
    assert np.abs(out["voice"]).max() > 1e-3
    assert len(seen) > 4 and seen[-1].fraction == 1.0
    mono = sep.separate(mix[:, 0], 48000)["voice"]
    assert mono.shape == (len(mix),)


def test_instrumental_target_swaps_the_stems(tmp_path):
    ckpt, _ = make_roformer(tmp_path, "bs", target="other", name="inst")
    sep = RoformerSeparator(ckpt, device="cpu")
    assert not sep.primary_is_voice
    mix = (0.2 * np.random.default_rng(3).standard_normal((sep.segment, 2))).astype(np.float32)
    vocal_sep = RoformerSeparator(make_roformer(tmp_path, "bs", target="vocals", name="voc")[0],
                                  device="cpu")
    # Same weights (same seed): the network's stem is the background here, the voice there.
    a, b = sep.separate(mix, RATE), vocal_sep.separate(mix, RATE)
    assert np.allclose(a["background"], b["voice"], atol=1e-6)


def test_checkpoint_that_would_run_code_is_refused(tmp_path):
    ckpt, yml = make_roformer(tmp_path, "bs")
    marker = tmp_path / "ran"
    state = torch.load(ckpt, weights_only=True)
    torch.save({"state_dict": state, "hook": _Payload(f"touch {marker}")}, ckpt)
    with pytest.raises(ModelUnavailable, match=r"tiny_bs_roformer.ckpt: holds Python objects"):
        RoformerSeparator(ckpt, device="cpu")
    assert not marker.exists()


def test_yaml_that_would_run_code_is_refused(tmp_path):
    ckpt, yml = make_roformer(tmp_path, "bs")
    marker = tmp_path / "ran"
    yml.write_text(yml.read_text() + f"hook: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(ModelUnavailable, match="not a config Stemline can read safely"):
        RoformerSeparator(ckpt, device="cpu")
    assert not marker.exists()


def test_mismatches_are_explained(tmp_path):
    ckpt, yml = make_roformer(tmp_path, "bs")
    mel_ckpt, mel_yml = make_roformer(tmp_path, "mel")
    with pytest.raises(ModelUnavailable, match="don't fit the config's MelBandRoformer"):
        RoformerSeparator(ckpt, device="cpu", params={"config": str(mel_yml)})
    text = yml.read_text().replace("linear_transformer_depth: 0", "linear_transformer_depth: 2")
    yml.write_text(text)
    with pytest.raises(ModelUnavailable, match="linear_transformer_depth=2"):
        RoformerSeparator(ckpt, device="cpu")
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "m.ckpt").write_bytes(ckpt.read_bytes())
    with pytest.raises(ModelUnavailable, match="no config beside it"):
        RoformerSeparator(lone / "m.ckpt", device="cpu")
    torn = tmp_path / "torn.ckpt"
    torn.write_bytes(mel_ckpt.read_bytes()[:5000])
    (tmp_path / "torn.yaml").write_text(mel_yml.read_text())
    with pytest.raises(ModelUnavailable, match="torn.ckpt: not a readable checkpoint"):
        RoformerSeparator(torn, device="cpu")


def test_cancel_between_segments(tmp_path):
    from stemline.core.errors import Cancelled
    from stemline.core.progress import CancelToken

    ckpt, _ = make_roformer(tmp_path, "mel")
    sep = RoformerSeparator(ckpt, device="cpu")
    token = CancelToken()
    calls = []

    def on_progress(p):
        calls.append(p)
        if len(calls) == 3:
            token.cancel()
    with pytest.raises(Cancelled):
        sep.separate(np.zeros((RATE * 6, 2), np.float32), RATE, progress=on_progress,
                     cancel=token)
    assert len(calls) == 3
