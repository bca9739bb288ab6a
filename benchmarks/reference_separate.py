"""The reference side of benchmarks/model_agreement.py: runs audio-separator's own MDX-Net and
Roformer code (its MDXSeparator / MDXCSeparator classes, built as its Separator builds them) on a
mixture and saves the model's stem and the other stem. Run with a Python that has
``audio-separator[cpu]`` installed (see model_agreement.py); it doesn't import Stemline.

    python reference_separate.py mdx|roformer MODEL MIX.npy OUT.npz [--param k=v ...]
"""
from __future__ import annotations

import argparse
import logging

import numpy as np
import torch
import yaml


def common(model_path: str, model_data: dict) -> dict:
    return {"logger": logging.getLogger("reference"), "log_level": logging.WARNING,
            "torch_device": torch.device("cpu"), "torch_device_cpu": torch.device("cpu"),
            "torch_device_mps": None, "onnx_execution_provider": ["CPUExecutionProvider"],
            "model_name": "reference", "model_path": model_path, "model_data": model_data,
            "output_format": "wav", "output_bitrate": None, "output_dir": "/tmp",
            "normalization_threshold": 0.9, "amplification_threshold": 0.0,
            "output_single_stem": None, "invert_using_spec": False, "sample_rate": 44100,
            "use_soundfile": True, "use_autocast": False, "use_native_fp16": False,
            "use_torch_compile": False}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("arch", choices=("mdx", "roformer"))
    ap.add_argument("model")
    ap.add_argument("mix")
    ap.add_argument("out")
    ap.add_argument("--param", action="append", default=[])
    a = ap.parse_args()
    p = dict(kv.split("=", 1) for kv in a.param)
    mix = np.load(a.mix).T.astype(np.float32)       # (2, n), as the reference holds it
    if a.arch == "mdx":
        import sys
        import types

        # onnx2torch (imported at the top of mdx_separator) is only used when the segment size
        # differs from the model's dim_t, never here; its torchvision import fails on a CPU-only
        # torch, so it is stood in for by an empty module.
        sys.modules.setdefault("onnx2torch", types.ModuleType("onnx2torch"))
        from audio_separator.separator.architectures.mdx_separator import MDXSeparator

        data = {"compensate": float(p.get("compensate", 1.0)),
                "mdx_dim_f_set": int(p["dim_f"]), "mdx_dim_t_set": int(np.log2(int(p["dim_t"]))),
                "mdx_n_fft_scale_set": int(p["n_fft"]), "primary_stem": p.get("stem", "Vocals")}
        arch = {"hop_length": 1024, "segment_size": int(p["dim_t"]),
                "overlap": float(p.get("overlap", 0.25)), "batch_size": 1,
                "enable_denoise": p.get("denoise", "0") == "1"}
        sep = MDXSeparator(common(a.model, data), arch)
        primary = sep.demix(mix)
        # What its separate() does next (invert_using_spec off): the other stem by subtraction.
        other = mix - primary * sep.compensate
    else:
        from audio_separator.separator.architectures.mdxc_separator import MDXCSeparator

        with open(p["config"], encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=yaml.FullLoader)
        data["is_roformer"] = True
        sep = MDXCSeparator(common(a.model, data), {"segment_size": 256, "overlap": None,
                                                    "batch_size": 1, "pitch_shift": 0,
                                                    "override_model_segment_size": False})
        sources = sep.demix(mix)
        target = data["training"]["target_instrument"]
        primary = sources[target] if isinstance(sources, dict) else sources
        other = mix - primary
    np.savez(a.out, primary=np.asarray(primary, np.float32).T, other=np.asarray(other, np.float32).T)


if __name__ == "__main__":
    main()
