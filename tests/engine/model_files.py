"""Random-weight models in the real file formats users have: an MDX-Net-shaped ONNX graph
(spectrogram in, spectrogram out, 4 planes) and a BS-/Mel-Band-Roformer checkpoint with its YAML
in the training repository's layout. Used by the tests and by benchmarks/model_agreement.py.
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np


def make_mdx_onnx(path: Path, *, dim_f: int = 1024, dim_t: int = 64, seed: int = 0,
                  metadata: dict[str, str] | None = None, fixed_batch: int | None = None) -> Path:
    """A small conv net (4 -> 8 -> 4 planes) that returns input * tanh(net(input)) + a leak."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((8, 4, 3, 3)) * 0.3).astype(np.float32)
    b1 = (rng.standard_normal(8) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((4, 8, 3, 3)) * 0.3).astype(np.float32)
    b2 = (rng.standard_normal(4) * 0.1).astype(np.float32)
    batch = fixed_batch if fixed_batch else "batch"
    nodes = [
        helper.make_node("Conv", ["input", "w1", "b1"], ["h1"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["h1"], ["r1"]),
        helper.make_node("Conv", ["r1", "w2", "b2"], ["h2"], pads=[1, 1, 1, 1]),
        helper.make_node("Sigmoid", ["h2"], ["mask"]),
        helper.make_node("Mul", ["input", "mask"], ["output"]),
    ]
    graph = helper.make_graph(
        nodes, "mdx_random",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [batch, 4, dim_f, dim_t])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [batch, 4, dim_f, dim_t])],
        initializer=[numpy_helper.from_array(a, n) for a, n in
                     ((w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"))])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.checker.check_model(model)
    path.write_bytes(model.SerializeToString())
    return path


def roformer_config(kind: str = "bs", *, target: str = "vocals") -> dict:
    """A tiny config in the training repository's YAML layout."""
    model = {"dim": 32, "depth": 1, "stereo": True, "num_stems": 1,
             "time_transformer_depth": 1, "freq_transformer_depth": 1, "dim_head": 16,
             "heads": 2, "attn_dropout": 0.0, "ff_dropout": 0.0, "flash_attn": False,
             "dim_freqs_in": 1025, "stft_n_fft": 2048, "stft_hop_length": 441,
             "stft_win_length": 2048, "stft_normalized": False, "mask_estimator_depth": 1,
             "multi_stft_resolution_loss_weight": 1.0,
             "multi_stft_resolutions_window_sizes": (4096, 2048, 1024, 512, 256),
             "multi_stft_hop_size": 147, "multi_stft_normalized": False,
             "linear_transformer_depth": 0}
    if kind == "mel":
        model.update(num_bands=8, sample_rate=44100)
    else:
        model["freqs_per_bands"] = (2,) * 24 + (4,) * 12 + (12,) * 8 + (24,) * 8 + (48,) * 8 + (128, 129)
    return {"audio": {"chunk_size": 441 * 100, "dim_f": 1024, "dim_t": 101, "hop_length": 441,
                      "n_fft": 2048, "num_channels": 2, "sample_rate": 44100},
            "model": model,
            "training": {"instruments": ["vocals", "other"], "target_instrument": target},
            "inference": {"batch_size": 1, "dim_t": 101, "num_overlap": 2}}


def make_roformer(folder: Path, kind: str = "bs", *, seed: int = 0, name: str | None = None,
                  target: str = "vocals") -> tuple[Path, Path]:
    """Save a random-weight Roformer as ``<name>.ckpt`` + ``<name>.yaml``; returns both."""
    import torch
    import yaml
    from bs_roformer import BSRoformer, MelBandRoformer

    config = roformer_config(kind, target=target)
    cls = MelBandRoformer if kind == "mel" else BSRoformer
    kwargs = {k: v for k, v in config["model"].items() if k != "linear_transformer_depth"}
    torch.manual_seed(seed)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="A window was not provided")
        model = cls(**kwargs)
    with torch.no_grad():  # the masks start near identity; spread them so outputs differ
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    name = name or f"tiny_{kind}_roformer"
    ckpt, yml = folder / f"{name}.ckpt", folder / f"{name}.yaml"
    torch.save(model.state_dict(), ckpt)
    # Tuples written as the training repository writes them (!!python/tuple).
    yml.write_text(yaml.dump(config, Dumper=yaml.Dumper), encoding="utf-8")
    return ckpt, yml
