"""Stemline's MDX-Net and Roformer backends against the reference implementation (audio-separator),
on the same random-weight models and the same 20 s mixture: SNR of each stem in dB.

The reference lives in its own virtual environment (its dependencies are heavy and not
Stemline's); make it once:

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install -c packaging/constraints.txt 'audio-separator[cpu]==0.47.1'
    .venv/bin/python benchmarks/model_agreement.py --reference-python /tmp/refvenv/bin/python

Each case runs the reference's own MDXSeparator / MDXCSeparator (benchmarks/reference_separate.py)
and Stemline's separator on the whole mixture (one chunk on both sides, so the segmenting is the
same). Agreement >= 40 dB shows the STFT layout, the zeroed bins, the segment windows, the
compensation and the stem bookkeeping match.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "engine")]

from model_files import make_mdx_onnx, make_roformer  # noqa: E402

from stemline.engine.separation.registry import load_separator  # noqa: E402

RATE = 44100


def mixture(seconds: float = 20.0, seed: int = 7) -> np.ndarray:
    """A sung line with vibrato over chords and noise-burst drums, stereo, peak ~0.8."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    f0 = 220 * 2 ** (np.floor(t / 0.5) % 5 / 12) * (1 + 0.01 * np.sin(2 * np.pi * 5.5 * t))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 12)) * (0.5 + 0.5 * np.sin(np.pi * t / 2) ** 2)
    chords = sum(np.sin(2 * np.pi * f * t) for f in (110, 138.6, 164.8, 220)) * 0.15
    beat = (np.mod(t, 0.5) < 0.05) * rng.standard_normal(len(t)) * 0.4
    left = 0.35 * voice + chords + beat
    right = 0.35 * voice + 0.8 * chords + 0.7 * beat
    mix = np.stack([left, right], 1)
    return (0.8 * mix / np.abs(mix).max()).astype(np.float32)


def snr(ref: np.ndarray, est: np.ndarray) -> float:
    err = float(((ref - est) ** 2).sum())
    return float("inf") if err == 0 else 10 * np.log10(float((ref ** 2).sum()) / err)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference-python", required=True,
                    help="a Python with audio-separator[cpu] installed")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stemline-agree-"))
    mix = mixture()
    np.save(work / "mix.npy", mix)
    cases = []
    onnx_vocal = make_mdx_onnx(work / "mdx_vocal.onnx", dim_f=3072, dim_t=256, seed=1)
    cases.append(("MDX-Net vocals, n_fft 7680, dim_f 3072, dim_t 256, compensate 1.009",
                  "mdx", onnx_vocal, {"n_fft": "7680", "dim_f": "3072", "dim_t": "256",
                                      "compensate": "1.009", "stem": "Vocals"}))
    onnx_inst = make_mdx_onnx(work / "mdx_inst.onnx", dim_f=2048, dim_t=256, seed=2)
    cases.append(("MDX-Net instrumental, n_fft 6144, dim_f 2048, compensate 1.035, denoise",
                  "mdx", onnx_inst, {"n_fft": "6144", "dim_f": "2048", "dim_t": "256",
                                     "compensate": "1.035", "stem": "Instrumental",
                                     "denoise": "1"}))
    cases.append(("MDX-Net vocals, overlap 0.5", "mdx", onnx_vocal,
                  {"n_fft": "7680", "dim_f": "3072", "dim_t": "256", "compensate": "1.03",
                   "stem": "Vocals", "overlap": "0.5"}))
    for kind in ("bs", "mel"):
        ckpt, yml = make_roformer(work, kind, seed=3)
        cases.append((f"{'BS' if kind == 'bs' else 'Mel-Band'}-Roformer (tiny, random)",
                      "roformer", ckpt, {"config": str(yml)}))
    print(f"{'case':<75} {'voice SNR':>10} {'backgr. SNR':>12} {'Stemline s':>11}")
    worst = float("inf")
    for label, arch, model, params in cases:
        out = work / f"ref_{model.stem}.npz"
        cmd = [args.reference_python, str(ROOT / "benchmarks" / "reference_separate.py"), arch,
               str(model), str(work / "mix.npy"), str(out)]
        cmd += [f"--param={k}={v}" for k, v in params.items()]
        subprocess.run(cmd, check=True, capture_output=True)
        ref = np.load(out)
        ours_params = {k: v for k, v in params.items()}
        t0 = time.perf_counter()
        sep = load_separator(str(model), device="cpu", params=ours_params)
        stems = sep.separate(mix, RATE)
        took = time.perf_counter() - t0
        voice_is_primary = getattr(sep, "primary_is_voice", True)
        ref_voice = ref["primary"] if voice_is_primary else ref["other"]
        ref_back = ref["other"] if voice_is_primary else ref["primary"]
        v, b = snr(ref_voice, stems["voice"]), snr(ref_back, stems["background"])
        worst = min(worst, v, b)
        print(f"{label:<75} {v:>10.1f} {b:>12.1f} {took:>11.2f}")
    print(f"worst agreement: {worst:.1f} dB ({'PASS' if worst >= 40 else 'FAIL'} at 40 dB)")
    return 0 if worst >= 40 else 1


if __name__ == "__main__":
    raise SystemExit(main())
