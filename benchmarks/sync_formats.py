"""Sync per format: how late (+) or early (-) the decoded audio is against the content, for
Stemline's decode and for FFmpeg's own, in samples at 44.1 kHz; for video files also where the
muxer put the first picture, and so how far the sound is from the picture (what an editor hears).

    .venv/bin/python benchmarks/sync_formats.py          # needs FFmpeg's command line

Encodes a chirp-and-click signal (tests/media/makers.make_signal) with FFmpeg's encoders into
each container/codec pair (video ones get a plain test picture) and cross-correlates.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import soundfile as sf

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from stemline.media.decode import read_audio  # noqa: E402
from stemline.media.probe import probe  # noqa: E402
from tests.media.makers import full_lag, make_signal  # noqa: E402

SR = 44100
PICTURE = ["-f", "lavfi", "-i", "color=s=64x64:r=25:d=3"]
CASES = {
    "mkv vorbis": ("clip.mkv", ["-c:a", "libvorbis"], []),
    "webm vorbis": ("clip.webm", ["-c:a", "libvorbis"], []),
    "ogg vorbis": ("clip.ogg", ["-c:a", "libvorbis"], []),
    "avi mp3": ("clip.avi", ["-c:a", "libmp3lame"], PICTURE + ["-c:v", "mpeg4"]),
    "ts mp2": ("clip.ts", ["-c:a", "mp2"], PICTURE + ["-c:v", "mpeg2video"]),
    "mpg mp2": ("clip.mpg", ["-c:a", "mp2"], PICTURE + ["-c:v", "mpeg2video"]),
    "rm ac3": ("clip.rm", ["-c:a", "ac3"], []),
    "aac (ADTS)": ("clip.aac", ["-c:a", "aac"], []),
    "flv aac": ("clip.flv", ["-c:a", "aac"], PICTURE + ["-c:v", "flv"]),
    "mp3": ("clip.mp3", ["-c:a", "libmp3lame"], []),
    "webm opus": ("clip2.webm", ["-c:a", "libopus"], []),
    "mkv opus": ("clip2.mkv", ["-c:a", "libopus"], []),
    "m4a aac": ("clip.m4a", ["-c:a", "aac"], []),
    "3gp aac": ("clip.3gp", ["-c:a", "aac"], PICTURE + ["-c:v", "h263", "-s", "176x144"]),
    "wma": ("clip.wma", ["-c:a", "wmav2"], []),
    "flac": ("clip.flac", ["-c:a", "flac"], []),
}


def main() -> None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        sys.exit("sync_formats: needs FFmpeg's command line (apt-get install ffmpeg)")
    sig = make_signal(SR * 3, SR)
    print("| format | Stemline | FFmpeg's decode | picture starts at | Stemline against the picture |\n"
          "| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src.wav"
        sf.write(src, sig, SR, subtype="FLOAT")
        for name, (file, audio, video) in CASES.items():
            out = Path(tmp) / file
            r = subprocess.run([ffmpeg, "-y", "-v", "error", "-i", str(src), *video, *audio,
                                *(["-shortest"] if video else []), str(out)],
                               capture_output=True, text=True)
            if r.returncode:
                print(f"| {name} | (FFmpeg can't encode it here) | |")
                continue
            got, _ = read_audio(out, sample_rate=SR)
            ref = np.frombuffer(subprocess.run(
                [ffmpeg, "-v", "error", "-i", str(out), "-map", "0:a", "-f", "f32le", "-ac", "2",
                 "-ar", str(SR), "-"], capture_output=True).stdout, np.float32).reshape(-1, 2)
            lag = full_lag(got, sig)
            info = probe(out)
            if info.video:
                # where the muxer put the first picture, on the decoded audio's clock (sample 0 of
                # the output is the earlier of the two starts)
                origin = max(0.0, min(info.audio[0].start, info.video[0].start))
                pic = round((info.video[0].start - origin) * SR)
                print(f"| {name} | {lag} | {full_lag(ref, sig)} | {pic} | {lag - pic} |")
            else:
                print(f"| {name} | {lag} | {full_lag(ref, sig)} | (audio only) | |")


if __name__ == "__main__":
    main()
