"""Measure each Spleeter refinement on the bench corpus, in-process (no encode/decode in the loop).

  CORPUS=/tmp/stemline-corpus .venv/bin/python benchmarks/sep_ablation.py [name ...]

Prints SI-SDRi of voice and background per configuration, scored by the bench's own metrics, and
compute seconds per second of audio. The shipped defaults should be the best row.
"""
from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
sys.path.insert(0, str(BENCH))
import metrics  # noqa: E402

from stemline.engine.separation.spleeter import SpleeterOptions, SpleeterSeparator  # noqa: E402

CORPUS = Path(os.environ.get("CORPUS", "/tmp/stemline-corpus"))
PUBLISHED = SpleeterOptions(patch_overlap=0, high_band="zero", wiener_iterations=0)
CONFIGS = {
    "published": PUBLISHED,
    "+high-band": replace(PUBLISHED, high_band="extend"),
    "+high-band+overlap": replace(PUBLISHED, high_band="extend", patch_overlap=128),
    "+high-band+wiener(ratio init)": replace(PUBLISHED, high_band="extend", wiener_iterations=1,
                                             wiener_init="ratio"),
    "+high-band+overlap+wiener(ratio init)": replace(SpleeterOptions(), wiener_init="ratio"),
    "default (+wiener magnitude init)": SpleeterOptions(),
    "default, no patch overlap": replace(SpleeterOptions(), patch_overlap=0),
    "default, patch overlap 64": replace(SpleeterOptions(), patch_overlap=64),
    "default, 2 EM passes": replace(SpleeterOptions(), wiener_iterations=2),
    "default + channel-swap TTA": replace(SpleeterOptions(), swap_channels=True),
    "default, input gain x2": replace(SpleeterOptions(), input_gain=2.0),
    "default, input gain x0.5": replace(SpleeterOptions(), input_gain=0.5),
}


def score(sep: SpleeterSeparator) -> tuple[float, float, float]:
    vi, bi, secs, audio_s = [], [], 0.0, 0.0
    for d in sorted((CORPUS / "sep").iterdir()):
        mix, sr = sf.read(d / "mix.wav", dtype="float32", always_2d=True)
        rv, _ = sf.read(d / "voice.wav", dtype="float32", always_2d=True)
        rb, _ = sf.read(d / "background.wav", dtype="float32", always_2d=True)
        t = time.process_time()
        out = sep.separate(mix, sr)
        secs += time.process_time() - t
        audio_s += len(mix) / sr
        vi.append(metrics.si_sdr(out["voice"], rv) - metrics.si_sdr(mix, rv))
        bi.append(metrics.si_sdr(out["background"], rb) - metrics.si_sdr(mix, rb))
    return float(np.mean(vi)), float(np.mean(bi)), secs / audio_s


def main() -> None:
    names = sys.argv[1:] or list(CONFIGS)
    base = SpleeterSeparator("cpu", CONFIGS[names[0]])
    for name in names:
        base.options = CONFIGS[name]
        v, b, rt = score(base)
        print(json.dumps({"config": name, "voice_si_sdri": round(v, 2),
                          "background_si_sdri": round(b, 2), "cpu_s_per_audio_s": round(rt, 4)}),
              flush=True)


if __name__ == "__main__":
    main()
