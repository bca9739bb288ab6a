"""MDX-Net ONNX files through the real loader: where the STFT settings come from, the spectrogram
layout the graph sees (channel-major, real then imaginary), UVR's compensation on the subtracted
stem, and the refusals. Agreement with audio-separator itself: benchmarks/model_agreement.py."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from stemline.core.errors import ModelUnavailable  # noqa: E402
from stemline.engine.separation import mdx_known  # noqa: E402
from stemline.engine.separation.chunked import separate_stream  # noqa: E402
from stemline.engine.separation.mdx import MdxSeparator, uvr_hash  # noqa: E402
from tests.engine.model_files import make_mdx_onnx  # noqa: E402

RATE = 44100


def _plane_gain_graph(path: Path, gains: list[float], dim_f: int = 1025, dim_t: int = 32) -> Path:
    """output[:, k] = gains[k] * input[:, k]: a graph that keeps chosen spectrogram planes."""
    g = np.array(gains, np.float32).reshape(1, 4, 1, 1)
    graph = helper.make_graph(
        [helper.make_node("Mul", ["input", "g"], ["output"])], "planes",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["b", 4, dim_f, dim_t])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["b", 4, dim_f, dim_t])],
        initializer=[numpy_helper.from_array(g, "g")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    path.write_bytes(model.SerializeToString())
    return path


def _tones(seconds: float = 3.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return np.stack([0.4 * np.sin(2 * np.pi * 1000 * t), 0.3 * np.sin(2 * np.pi * 1500 * t)],
                    1).astype(np.float32)


def _snr(ref: np.ndarray, est: np.ndarray) -> float:
    return 10 * np.log10((ref ** 2).sum() / max(((ref - est) ** 2).sum(), 1e-30))


def test_planes_are_channel_major_real_then_imaginary(tmp_path):
    """Keeping planes 0-1 must keep the left channel whole and silence the right: only the
    layout [L.re, L.im, R.re, R.im] does that (an [L.re, R.re, L.im, R.im] one would not)."""
    graph = _plane_gain_graph(tmp_path / "left.onnx", [1, 1, 0, 0])
    sep = MdxSeparator(graph, device="cpu", params={"n_fft": "2048", "stem": "vocals"})
    mix = _tones()
    out = sep.separate(mix, RATE)
    core = slice(RATE // 2, -RATE // 2)  # away from the file's edges
    assert _snr(mix[core, 0], out["voice"][core, 0]) > 60
    assert np.abs(out["voice"][core, 1]).max() < 1e-4
    # compensate 1.0: the background is the rest of the mix
    assert np.allclose(out["voice"] + out["background"], mix, atol=1e-6)


def test_compensation_scales_the_subtracted_stem_only(tmp_path):
    graph = _plane_gain_graph(tmp_path / "all.onnx", [1, 1, 1, 1])
    sep = MdxSeparator(graph, device="cpu",
                       params={"n_fft": "2048", "compensate": "1.05", "stem": "instrumental"})
    mix = _tones()
    out = sep.separate(mix, RATE)
    core = slice(RATE // 2, -RATE // 2)
    # The model's own stem is the background, as it came out of the model (about the mix) ...
    assert _snr(mix[core], out["background"][core]) > 60
    # ... and the voice is mix - 1.05 * that, as UVR computes the other stem.
    assert np.allclose(out["voice"], mix - 1.05 * out["background"], atol=1e-5)
    assert abs(np.abs(out["voice"][core]).max() - 0.05 * 0.4) < 2e-3
    # UVR zeroes the three lowest bins (0-43 Hz at n_fft 2048) before the network: a 20 Hz hum
    # never reaches the model's stem.
    t = np.arange(3 * RATE) / RATE
    hum = np.repeat((0.4 * np.sin(2 * np.pi * 20 * t))[:, None], 2, 1).astype(np.float32)
    kept = sep.separate(hum, RATE)["background"][core]
    assert 10 * np.log10((kept ** 2).sum() / (hum[core] ** 2).sum()) < -20


def test_settings_from_metadata_table_and_graph(tmp_path, monkeypatch):
    meta = make_mdx_onnx(tmp_path / "meta.onnx", dim_f=1024, dim_t=64,
                         metadata={"n_fft": "2048", "compensate": "1.02", "stem": "Vocals"})
    sep = MdxSeparator(meta, device="cpu")
    assert (sep.params.n_fft, sep.params.dim_f, sep.params.dim_t) == (2048, 1024, 64)
    assert sep.compensate == 1.02 and sep.primary_is_voice
    assert sep.params.source.startswith("metadata")

    uvr_named = make_mdx_onnx(tmp_path / "uvr.onnx", dim_f=1024, dim_t=64, seed=5,
                              metadata={"mdx_n_fft_scale_set": "2048", "mdx_dim_t_set": "6"})
    assert MdxSeparator(uvr_named, device="cpu").params.dim_t == 64   # 2**6

    plain = make_mdx_onnx(tmp_path / "plain.onnx", dim_f=1024, dim_t=64, seed=6)
    with pytest.raises(ModelUnavailable, match=r"--model-param n_fft="):
        MdxSeparator(plain, device="cpu")
    # A file UVR's table knows needs nothing from the user.
    monkeypatch.setitem(mdx_known.UVR_MDX, uvr_hash(plain), (2048, 1024, 6, 1.035, "instrumental"))
    known = MdxSeparator(plain, device="cpu")
    assert known.params.source == "table" and known.compensate == 1.035
    assert not known.primary_is_voice
    # What the user types wins over the table.
    assert MdxSeparator(plain, device="cpu", params={"compensate": "1.0"}).compensate == 1.0


def test_refusals_name_the_file(tmp_path):
    graph = make_mdx_onnx(tmp_path / "m.onnx", dim_f=1024, dim_t=64)
    with pytest.raises(ModelUnavailable, match="m.onnx.*dim_f=1024.*2048"):
        MdxSeparator(graph, device="cpu", params={"n_fft": "4096", "dim_f": "2048"})
    with pytest.raises(ModelUnavailable, match="unknown --model-param hop_size"):
        MdxSeparator(graph, device="cpu", params={"n_fft": "2048", "hop_size": "512"})
    with pytest.raises(ModelUnavailable, match="not vocals or an instrumental"):
        MdxSeparator(graph, device="cpu", params={"n_fft": "2048", "stem": "Drums"})
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a graph at all" * 10)
    with pytest.raises(ModelUnavailable, match="junk.onnx: not a readable ONNX model"):
        MdxSeparator(junk, device="cpu")


def test_any_layout_rate_and_chunked_stream(tmp_path):
    graph = make_mdx_onnx(tmp_path / "m.onnx", dim_f=1024, dim_t=64,
                          metadata={"n_fft": "2048", "compensate": "1.03"})
    sep = MdxSeparator(graph, device="cpu")
    rng = np.random.default_rng(0)
    mono = (0.2 * rng.standard_normal(RATE * 2)).astype(np.float32)
    out = sep.separate(mono, RATE)
    assert out["voice"].shape == mono.shape and np.isfinite(out["voice"]).all()
    three = (0.2 * rng.standard_normal((48000 * 2, 3))).astype(np.float32)
    out3 = sep.separate(three, 48000)
    assert out3["voice"].shape == three.shape
    assert np.allclose(out3["background"], three - 1.03 * out3["voice"], atol=1e-5)

    # Streamed in chunks with cross-fades: the compensated background is cross-faded too, so the
    # stems keep the relation everywhere, seams included, and follow the whole-file result. (A
    # shift-invariant graph: a random mask net answers differently to every STFT frame grid.)
    sep = MdxSeparator(_plane_gain_graph(tmp_path / "half.onnx", [1, 1, 0.5, 0.5], dim_t=64),
                       device="cpu", params={"n_fft": "2048", "compensate": "1.03"})
    mix = (0.2 * rng.standard_normal((RATE * 9, 2))).astype(np.float32)
    blocks = [mix[i:i + 10000] for i in range(0, len(mix), 10000)]
    parts = list(separate_stream(blocks, RATE, sep, chunk_seconds=3.0, crossfade_seconds=0.5))
    voice = np.concatenate([p["voice"] for p in parts])
    background = np.concatenate([p["background"] for p in parts])
    assert voice.shape == mix.shape
    assert np.allclose(background, mix - 1.03 * voice, atol=1e-5)
    whole = sep.separate(mix, RATE)["voice"]
    assert _snr(whole, voice) > 40


def test_progress_and_cancel(tmp_path):
    from stemline.core.errors import Cancelled
    from stemline.core.progress import CancelToken

    graph = make_mdx_onnx(tmp_path / "m.onnx", dim_f=1024, dim_t=64, metadata={"n_fft": "2048"})
    sep = MdxSeparator(graph, device="cpu")
    mix = np.zeros((RATE * 6, 2), np.float32)
    seen = []
    sep.separate(mix, RATE, progress=seen.append)
    fractions = [p.fraction for p in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) > 4
    token = CancelToken()

    def cancel_midway(p):
        if p.fraction > 0.3:
            token.cancel()
    with pytest.raises(Cancelled):
        sep.separate(mix, RATE, progress=cancel_midway, cancel=token)
