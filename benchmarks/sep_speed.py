"""Separation speed and memory on long files, through the real command line.

  .venv/bin/python benchmarks/sep_speed.py [--minutes 10 30] [--model spleeter]
  .venv/bin/python benchmarks/sep_speed.py --published-whole 185     # the README's whole-file memory

For each length it writes a WAV of that many minutes (speech-like voice over music, made in blocks
so this script stays small too), runs ``stemline separate`` on it, and reports wall seconds per
second of audio, CPU seconds per second of audio and the child's peak RSS. The same file also runs
through the network alone in Spleeter's published configuration, as the reference speed.
``--published-whole S`` instead runs that configuration the way Spleeter as published runs a file:
all S seconds in one piece, to show what not streaming costs in memory.
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

import soundfile as sf

from stemline.demo.synth import mixture

RATE = 44100


def write_long(path: Path, minutes: float) -> float:
    pieces = [mixture(30.0, RATE, seed=s)[0] for s in range(4)]
    total = int(minutes * 60 * RATE)
    with sf.SoundFile(path, "w", RATE, 2, subtype="PCM_16") as f:
        done, k = 0, 0
        while done < total:
            block = pieces[k % len(pieces)][: total - done]
            f.write(block)
            done += len(block)
            k += 1
    return total / RATE


def run_child(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """Wall time, CPU time, peak RSS and peak private RSS of this one child, plus the JSON
    object it printed on stdout (a command's ``--json``, or its last line starting with ``{``).

    Peak RSS is the child's own VmHWM, read from /proc while it runs (a high-water mark, so the
    last reading holds the peak). Neither RUSAGE_CHILDREN (the largest of all earlier children)
    nor wait4's ru_maxrss (which keeps the forking parent's size from before exec) measures it.
    Private RSS is the largest RssAnon seen: without the pages of files the child has mapped.
    Stdout goes to a temporary file, so a child that prints a lot can't block on a full pipe.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout:
        proc = subprocess.Popen(cmd, stdout=stdout, env=env, text=True)
        status_file = Path(f"/proc/{proc.pid}/status")
        hwm_kb = anon_kb = 0
        while proc.poll() is None:
            try:
                for line in status_file.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        hwm_kb = max(hwm_kb, int(line.split()[1]))
                    elif line.startswith("RssAnon:"):
                        anon_kb = max(anon_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        stdout.seek(0)
        out = stdout.read()
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # CPU times add up: a difference works
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    row = {"wall_s": wall, "cpu_s": cpu, "peak_rss_mb": hwm_kb / 1024, "peak_anon_mb": anon_kb / 1024}
    try:
        row.update(json.loads(out))
    except ValueError:
        lines = [ln for ln in out.splitlines() if ln.startswith("{")]
        if lines:
            row.update(json.loads(lines[-1]))
    return row

#: Spleeter's published configuration (no overlap, nothing above 11 kHz, ratio masks), for both
#: reference children below.
_PUBLISHED_SEPARATOR = """
import sys, soundfile as sf
from stemline.engine.separation.spleeter import SpleeterOptions, SpleeterSeparator
sep = SpleeterSeparator('cpu', SpleeterOptions(patch_overlap=0, high_band='zero', wiener_iterations=0))
"""

PUBLISHED = _PUBLISHED_SEPARATOR + """
from stemline.engine.separation.chunked import separate_stream
with sf.SoundFile(sys.argv[1]) as f:
    blocks = f.blocks(blocksize=65536, dtype='float32', always_2d=True)
    for _ in separate_stream(blocks, f.samplerate, sep):
        pass
"""

#: Spleeter as published holds the whole file and its spectrograms at once.
PUBLISHED_WHOLE = _PUBLISHED_SEPARATOR + """
audio, rate = sf.read(sys.argv[1], dtype='float32', always_2d=True)
sep.separate(audio, rate)
"""


def published_whole(seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "whole.wav"
        seconds = write_long(src, seconds / 60)
        ref = run_child([sys.executable, "-c", PUBLISHED_WHOLE, str(src)])
        print(json.dumps({"seconds": round(seconds, 1), "published_whole_wall_s_per_audio_s":
                          round(ref["wall_s"] / seconds, 4), "peak_rss_mb": round(ref["peak_rss_mb"])}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[10, 30])
    ap.add_argument("--model", default="spleeter")
    ap.add_argument("--skip-reference", action="store_true")
    ap.add_argument("--published-whole", type=float, metavar="SECONDS",
                    help="only: Spleeter as published on SECONDS of audio in one piece")
    args = ap.parse_args()
    if args.published_whole:
        published_whole(args.published_whole)
        return
    exe = Path(sys.executable).with_name("stemline")
    with tempfile.TemporaryDirectory() as tmp:
        for minutes in args.minutes:
            src = Path(tmp) / f"long{minutes:g}.wav"
            seconds = write_long(src, minutes)
            row = run_child([str(exe), "separate", str(src), "-o", str(Path(tmp) / "out"),
                             "--model", args.model, "--format", "wav", "--quiet"])
            report = {"minutes": minutes, "model": args.model,
                      "wall_s_per_audio_s": round(row["wall_s"] / seconds, 4),
                      "cpu_s_per_audio_s": round(row["cpu_s"] / seconds, 4),
                      "peak_rss_mb": round(row["peak_rss_mb"])}
            if not args.skip_reference:
                ref = run_child([sys.executable, "-c", PUBLISHED, str(src)])
                report["published_config_wall_s_per_audio_s"] = round(ref["wall_s"] / seconds, 4)
            print(json.dumps(report), flush=True)
            src.unlink()


if __name__ == "__main__":
    main()
