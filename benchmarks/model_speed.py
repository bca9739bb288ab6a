"""Separation speed per backend: seconds of compute per second of audio, and peak memory, each
backend in its own process (its own ru_maxrss, not a high-water mark shared with others).

    .venv/bin/python benchmarks/model_speed.py [--seconds 30] [--device cpu|cuda]

Backends:
- spleeter: the built-in model (real weights).
- roformer: a BS-Roformer with the published ep_317 checkpoint's architecture (dim 512, depth 12,
  62 bands, 8 s segments, 2 overlapping) and random weights: the same arithmetic as the real
  checkpoint, so the same time.
- mdx: the MDX-Net pipeline (STFT n_fft 7680, dim_f 3072, 256-frame segments, 25 % overlap,
  onnxruntime) around a two-layer stand-in network. UVR's real TFC-TDF networks cost more per
  segment; their weights can't be made here, so this row is the pipeline's own share only.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RATE = 44100

EP317 = {
    "audio": {"chunk_size": 352800, "dim_f": 1024, "dim_t": 801, "hop_length": 441,
              "n_fft": 2048, "num_channels": 2, "sample_rate": 44100},
    "model": {"dim": 512, "depth": 12, "stereo": True, "num_stems": 1,
              "time_transformer_depth": 1, "freq_transformer_depth": 1,
              "freqs_per_bands": (2,) * 24 + (4,) * 12 + (12,) * 8 + (24,) * 8 + (48,) * 8
              + (128, 129), "dim_head": 64, "heads": 8, "attn_dropout": 0.1,
              "ff_dropout": 0.1, "flash_attn": True, "dim_freqs_in": 1025, "stft_n_fft": 2048,
              "stft_hop_length": 441, "stft_win_length": 2048, "stft_normalized": False,
              "mask_estimator_depth": 2},
    "training": {"instruments": ["vocals", "other"], "target_instrument": "vocals"},
    "inference": {"batch_size": 1, "dim_t": 801, "num_overlap": 2},
}


def _one(backend: str, seconds: float, device: str, work: Path) -> dict:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "engine")]
    from stemline.engine.separation.registry import load_separator

    rng = np.random.default_rng(0)
    mix = (0.2 * rng.standard_normal((int(seconds * RATE), 2))).astype(np.float32)
    params: dict[str, str] = {}
    if backend == "spleeter":
        spec = "spleeter"
    elif backend == "mdx":
        from model_files import make_mdx_onnx

        spec = str(make_mdx_onnx(work / "mdx.onnx", dim_f=3072, dim_t=256))
        params = {"n_fft": "7680", "compensate": "1.035"}
    else:
        import torch
        import yaml
        from bs_roformer import BSRoformer

        torch.manual_seed(0)
        model = BSRoformer(**EP317["model"])
        torch.save(model.state_dict(), work / "ep317_like.ckpt")
        (work / "ep317_like.yaml").write_text(yaml.dump(EP317, Dumper=yaml.Dumper))
        del model
        spec = str(work / "ep317_like.ckpt")
    t0 = time.perf_counter()
    sep = load_separator(spec, device=device, params=params)
    load = time.perf_counter() - t0
    sep.separate(mix[:RATE], RATE)   # warm-up: first-call allocations and kernel choice
    t0 = time.perf_counter()
    sep.separate(mix, RATE)
    took = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gpu = None
    if str(getattr(sep, "device", "cpu")).startswith("cuda"):
        import torch
        gpu = torch.cuda.max_memory_allocated() / 2 ** 20
    return {"backend": backend, "device": str(sep.device), "load_s": round(load, 2),
            "s_per_s": round(took / seconds, 3), "peak_rss_mb": round(peak),
            "peak_gpu_mb": round(gpu) if gpu else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--backends", default="spleeter,mdx,roformer")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory() as work:
            print(json.dumps(_one(args.one, args.seconds, args.device, Path(work))))
        return 0
    print(f"{args.seconds:.0f} s of stereo 44.1 kHz on {args.device}")
    print(f"{'backend':<10} {'device':<7} {'load s':>7} {'s per s':>8} {'peak RSS MB':>12} "
          f"{'peak GPU MB':>12}")
    for backend in args.backends.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", backend, "--seconds",
                              str(args.seconds), "--device", args.device],
                             capture_output=True, text=True)
        if out.returncode:
            print(f"{backend:<10} failed: {out.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['backend']:<10} {r['device']:<7} {r['load_s']:>7} {r['s_per_s']:>8} "
              f"{r['peak_rss_mb']:>12} {r['peak_gpu_mb'] or '-':>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
