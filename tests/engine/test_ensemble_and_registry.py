"""Loading models by name, file or ``a+b`` ensemble, and what an ensemble computes."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")
pytest.importorskip("bs_roformer")

from stemline.core.errors import ModelUnavailable  # noqa: E402
from stemline.engine.separation.catalog import register  # noqa: E402
from stemline.engine.separation.ensemble import EnsembleSeparator, parse_spec  # noqa: E402
from stemline.engine.separation.mdx import MdxSeparator  # noqa: E402
from stemline.engine.separation.registry import load_separator  # noqa: E402
from stemline.engine.separation.roformer import RoformerSeparator  # noqa: E402
from tests.engine.model_files import make_mdx_onnx, make_roformer  # noqa: E402

RATE = 44100


@pytest.fixture()
def models(tmp_path, monkeypatch):
    monkeypatch.delenv("STEMLINE_MODEL_DIR", raising=False)
    src = tmp_path / "downloads"
    src.mkdir()
    onnx = make_mdx_onnx(src / "my_mdx.onnx", dim_f=1024, dim_t=64)
    ckpt, _ = make_roformer(src, "bs")
    return tmp_path / "models", onnx, ckpt


def test_names_files_and_registrations(models):
    folder, onnx, ckpt = models
    assert isinstance(load_separator(str(ckpt), device="cpu", model_dir=folder), RoformerSeparator)
    mdx = load_separator(str(onnx), device="cpu", model_dir=folder, params={"n_fft": "2048"})
    assert isinstance(mdx, MdxSeparator) and mdx.name == "my_mdx"
    # Registered with its settings, it loads by name with nothing more to say.
    register(folder, onnx, name="karaoke", params={"n_fft": "2048", "compensate": "1.02"})
    by_name = load_separator("karaoke", device="cpu", model_dir=folder)
    assert by_name.compensate == 1.02 and (folder / "my_mdx.onnx").is_file()
    register(folder, ckpt, link=True)
    assert (folder / ckpt.name).is_symlink() and (folder / "tiny_bs_roformer.yaml").is_file()
    assert isinstance(load_separator("tiny_bs_roformer", device="cpu", model_dir=folder),
                      RoformerSeparator)
    with pytest.raises(ModelUnavailable, match=r"Kim_Vocal_2 isn't on this machine: "
                                                r"`stemline models pull Kim_Vocal_2`"):
        load_separator("Kim_Vocal_2", device="cpu", model_dir=folder)
    with pytest.raises(ModelUnavailable, match="unknown model 'nope'"):
        load_separator("nope", device="cpu")


def test_parse_spec():
    assert parse_spec("a+b@2") == [("a", 1.0), ("b", 2.0)]
    for bad in ("a+", "a+b@x", "a+b@-1"):
        with pytest.raises(ValueError):
            parse_spec(bad)


def test_wave_ensemble_is_the_weighted_mean(models):
    folder, onnx, ckpt = models
    sep = load_separator(f"{onnx}+{ckpt}@3", device="cpu", model_dir=folder,
                         params={"n_fft": "2048"})
    assert isinstance(sep, EnsembleSeparator) and sep.name == "my_mdx+tiny_bs_roformer@3"
    mix = (0.2 * np.random.default_rng(0).standard_normal((RATE * 3, 2))).astype(np.float32)
    a = sep.members[0][0].separate(mix, RATE)["voice"]
    b = sep.members[1][0].separate(mix, RATE)["voice"]
    out = sep.separate(mix, RATE)
    assert np.allclose(out["voice"], 0.25 * a + 0.75 * b, atol=1e-6)
    assert np.allclose(out["voice"] + out["background"], mix, atol=1e-6)


def test_magnitude_ensemble_keeps_agreeing_members(models):
    """Two members that agree give their common estimate back; magnitudes are averaged."""
    folder, onnx, _ = models
    one = MdxSeparator(onnx, device="cpu", params={"n_fft": "2048"})
    sep = EnsembleSeparator([(one, 1.0), (one, 1.0)], mode="magnitude")
    mix = (0.2 * np.random.default_rng(1).standard_normal((RATE * 2, 2))).astype(np.float32)
    alone = one.separate(mix, RATE)["voice"]
    both = sep.separate(mix, RATE)["voice"]
    core = slice(4096, -4096)
    err = ((both[core] - alone[core]) ** 2).sum() / (alone[core] ** 2).sum()
    assert err < 1e-8
