"""Loudness deliverables on material the exporter was not tuned on (its constants, TP_MARGIN_DB
and LU_TOLERANCE, were set on tests/jobs/projects.py's synthetic stems): real separation output
(Spleeter) of other voices and music, in other containers and codecs, through the command line
as a user runs it. FFmpeg's ebur128 filter is the meter.

    .venv/bin/python benchmarks/export_heldout.py
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import av
import numpy as np

from stemline.demo.synth import music, speech
from stemline.media.encode import float_frame

from meters import ebur128  # benchmarks/, this script's folder

ITEMS = {  # name: (container, audio codec, rate, voice f0, bpm, voice level vs music dB, seed)
    "low voice under loud music, MKV/Opus": ("mkv", "libopus", 48000, 110.0, 128.0, -6.0, 7),
    "high voice over quiet music, MOV/AAC 44.1k": ("mov", "aac", 44100, 220.0, 84.0, 6.0, 11),
}
SECONDS = 30.0


def write_item(path: Path, container: str, codec: str, sr: int, f0: float, bpm: float,
               voice_db: float, seed: int) -> None:
    v = speech(SECONDS, sr, seed=seed, f0=f0)
    bg = music(SECONDS, sr, seed=seed, bpm=bpm)
    rms = lambda x: float(np.sqrt(np.mean(np.square(x))) + 1e-12)  # noqa: E731
    v = v * (rms(bg) / rms(v) * 10 ** (voice_db / 20))
    mix = (np.repeat(v[:, None], 2, axis=1) + bg).astype(np.float32)
    mix *= 0.5 / np.abs(mix).max()
    with av.open(str(path), "w", format={"mkv": "matroska", "mov": "mov"}[container]) as out:
        vs = out.add_stream("libx264", rate=25)
        vs.width, vs.height, vs.pix_fmt = 320, 180, "yuv420p"
        a = out.add_stream(codec, rate=sr)
        a.layout = "stereo"
        a.format = "flt" if codec == "libopus" else "fltp"
        for i in range(int(SECONDS * 25)):
            img = np.full((180, 320, 3), (i * 3) % 255, np.uint8)
            for p in vs.encode(av.VideoFrame.from_ndarray(img, format="rgb24")):
                out.mux(p)
        for p in vs.encode(None):
            out.mux(p)
        step = 960 if codec == "libopus" else 1024
        for s in range(0, len(mix), step):
            block = mix[s:s + step]
            frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(block).reshape(1, -1), format="flt",
                                               layout="stereo") if codec == "libopus" else \
                float_frame(block, "stereo", sr, s)
            frame.sample_rate, frame.pts = sr, s
            for p in a.encode(frame):
                out.mux(p)
        for p in a.encode(None):
            out.mux(p)


def stemline(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "stemline", *args, "--quiet"], check=True)


def main() -> None:
    print("| item | file | target | FFmpeg I | FFmpeg TP |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in ITEMS.items():
            d = Path(tmp) / str(spec[-1])
            d.mkdir()
            src = d / f"in.{spec[0]}"
            write_item(src, *spec)
            stemline("process", str(src), "-o", str(d / "final.mp4"), "--ducking", "0.4",
                     "--loudness", "-14", "--karaoke", str(d / "k"), "--karaoke-format", "m4a",
                     "--save-project", str(d / "p.stemline"))
            stemline("export", str(d / "p.stemline"), "-o", str(d / "broadcast.flac"),
                     "--loudness", "-23")
            stemline("export", str(d / "p.stemline"), "-o", str(d / "podcast.opus"),
                     "--loudness", "-16")
            stemline("export", str(d / "p.stemline"), "-o", str(d / "podcast.mp3"),
                     "--loudness", "-16")
            for f, target in (("final.mp4", -14), ("k/in_backing.m4a", -14), ("k/in_guide.m4a", -14),
                              ("broadcast.flac", -23), ("podcast.opus", -16), ("podcast.mp3", -16)):
                lufs, tp = ebur128(d / f)
                print(f"| {name} | {f} | {target} | {lufs:.1f} | {tp:.1f} |")


if __name__ == "__main__":
    main()
