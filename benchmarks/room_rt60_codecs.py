"""Blind RT60 through the codecs users' files come in: the room estimate of a reverberant voice
after a lossy round trip, against the same voice uncompressed.

    .venv/bin/python benchmarks/room_rt60_codecs.py

The rooms, voices and noise of ``room_rt60.py``'s blind 3 (its first two voices) and blind 7
(furnished rooms of irregular plan; all four voices), each encoded and decoded by PyAV's FFmpeg at
44.1 kHz mono: AAC 96 kbit/s, MP3 64 kbit/s, Opus 32 kbit/s (48 kHz), and the band of a phone
call (resampled to 8 kHz and back, as AMR and 3GP audio arrive). Lossy coders drop quiet
spectral detail, and a reverberant tail is quiet detail: the question is whether the decays the
estimate reads survive. Reported item by item: within +-25 % of the truth, per condition.
Needs espeak-ng and pyroomacoustics (the ``bench`` extra).
"""
from __future__ import annotations

import io
import math
import sys
from pathlib import Path

import av
import numpy as np
from scipy import signal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import room_rt60 as sets  # noqa: E402

from stemline.engine.foley.room import estimate_rt60  # noqa: E402

CODECS = (("AAC 96k", "aac", "adts", 96000, 44100), ("MP3 64k", "libmp3lame", "mp3", 64000, 44100),
          ("Opus 32k", "libopus", "ogg", 32000, 48000))


def round_trip(x16: np.ndarray, codec: str, fmt: str, bit_rate: int, rate: int) -> np.ndarray:
    """``x16`` (16 kHz) encoded at ``rate`` and decoded back to 16 kHz."""
    from av.audio.resampler import AudioResampler

    x = signal.resample_poly(x16, rate // math.gcd(rate, 16000), 16000 // math.gcd(rate, 16000))
    x = (0.5 * x / np.max(np.abs(x))).astype(np.float32)
    buf = io.BytesIO()
    with av.open(buf, "w", format=fmt) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.bit_rate, stream.layout = bit_rate, "mono"
        frame = av.AudioFrame.from_ndarray(x[None, :], format="flt", layout="mono")
        frame.sample_rate = rate
        resampler = AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        for f in [*resampler.resample(frame), *resampler.resample(None), None]:
            for packet in stream.encode(f):
                out.mux(packet)
    buf.seek(0)
    with av.open(buf) as inp:
        y = np.concatenate([f.to_ndarray().reshape(-1) for f in inp.decode(audio=0)]).astype(np.float64)
    g = math.gcd(16000, rate)
    return signal.resample_poly(y, 16000 // g, rate // g)


def phone_band(x16: np.ndarray) -> np.ndarray:
    return signal.resample_poly(signal.resample_poly(x16, 1, 2), 2, 1)


def items():
    """(label, truth, reverberant voice at 16 kHz) of blind 3's first two voices and blind 7."""
    blind3 = sets.espeak_items(sets.BLIND3_VOICES[:2], sets.BLIND3_TEXT, sets.BLIND3_RT60S,
                               (4.0, -2.0, 8.0), sets.BLIND3_FACTORS, 20, 0.070, 3000, 90, 28.0)
    for label, truth, y in blind3:
        yield f"blind3 {label}", truth, y
    for label, truth, y in sets.blind7_items():
        yield f"blind7 {label}", truth, y


def main() -> None:
    names = ["uncompressed", *[c[0] for c in CODECS], "phone band"]
    within = {n: 0 for n in names}
    total = 0
    print(f"{'item':<44}{'true s':>7}" + "".join(f"{n:>16}" for n in names))
    for label, truth, y in items():
        versions = [y, *[round_trip(y, *c[1:]) for c in CODECS], phone_band(y)]
        line = f"{label:<44}{truth:>7.2f}"
        for n, z in zip(names, versions):
            est = estimate_rt60(z, sets.SR).rt60_s
            err = float("nan") if est is None else (est - truth) / truth
            within[n] += abs(err) <= 0.25
            line += f"{(est or float('nan')):>9.2f} ({100 * err:+4.0f}%)"
        total += 1
        print(line, flush=True)
    print("within +-25 %: " + ", ".join(f"{n} {within[n]} of {total}" for n in names))


if __name__ == "__main__":
    main()
