"""Long files, stage by stage: seconds per second of media and peak memory at several lengths, so
growth is visibly linear in time and flat in memory (issue 10; the table in docs/benchmarks.md).

    .venv/bin/python benchmarks/scale.py [--minutes 10 30 120] [--video-minutes 10 30 60]
                                         [--stages separate lanes playback export window foley]

Audio: a WAV of speech-like voice over music (``sep_speed.write_long``), 44.1 kHz stereo. Each
stage runs in a child process of its own (``sep_speed.run_child``), so the peak RSS (the child's
VmHWM, read while it runs) is that stage's alone:

  separate  ``stemline separate SRC -o DIR`` as a user runs it (default model, AAC stems)
  lanes     the editor's lane audio for the source and both stems, from an empty cache: decode,
            waveform pyramid and the memory-mapped int16 playback file (``load_lane_audio``)
  playback  the whole length through ``PlaybackEngine.render`` in 512-frame device blocks, from
            those memory-mapped files (the audio callback's own path; no sound card here). Its
            RSS counts the pages of the mapped files it has read; the private part (RssAnon)
            is given too
  export    ``stemline export`` of a project on the source and both stems, mix to .m4a (AAC)
  window    the editor (offscreen) opened on that source with the stems known, as a finished
            job opens: seconds until the window is shown, until its start-up (torch, the model)
            is done, until every lane is filled (from an empty cache), the longest event-loop
            stall while they fill, peak RSS

Video: 1920x1080 30 fps H.264 made by looping a rendered 20 s clip (balls bouncing on a
textured, panning floor) packet for packet, so an hour costs seconds to make.

  foley     ``stemline foley VIDEO -o DIR`` (analysis at ``high``, sounds placed, foley.wav
            written), against a bare PyAV decode (every frame) of the first length's file as the limit

Prints one JSON line per stage and length; ``--markdown FILE`` also writes the tables.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sep_speed import run_child, write_long  # noqa: E402  (benchmarks/, this script's folder)

EXE = Path(sys.executable).with_name("stemline")
STAGES = ("separate", "lanes", "playback", "export", "window", "foley")


LANES = """
import sys, time
from pathlib import Path
from stemline.media.lane_audio import load_lane_audio
cache = Path(sys.argv[1])
for path in sys.argv[2:]:
    load_lane_audio(path, 48000, cache=cache)
"""

PLAYBACK = """
import json, sys, time
from pathlib import Path
import numpy as np
from stemline.core.mixer import MixParams
from stemline.core.project import Project
from stemline.media.lane_audio import load_lane_audio
from stemline.playback.engine import PlaybackEngine
cache = Path(sys.argv[1])
sources = {kind: load_lane_audio(p, 48000, cache=cache)[0]
           for kind, p in zip(("original", "voice", "background"), sys.argv[2:5])}
project = Project(media_path=sys.argv[2])
engine = PlaybackEngine(48000, 512)
engine.set_sources(sources)
engine.set_params(MixParams.from_project(project))
engine.speed = 1  # playing, as the transport's Play sets it
out = np.zeros((512, 2), np.float32)
worst = energy = 0.0
t0 = time.perf_counter()
for _ in range(engine.frames // 512):
    t = time.perf_counter()
    engine.render(out)
    worst = max(worst, time.perf_counter() - t)
    energy += float(np.square(out[::64]).sum())
assert engine.position >= engine.frames - 512 and energy > 0, (engine.position, energy)
print(json.dumps({"render_s": time.perf_counter() - t0, "worst_block_ms": worst * 1e3}))
"""

PROJECT = """
import sys
from stemline.core.project import Project
from stemline.core.serialization import save_project
from stemline.media.probe import probe
project = Project(media_path=sys.argv[2], duration=probe(sys.argv[2]).duration, sample_rate=48000.0)
project.track("voice").source = sys.argv[3]
project.track("background").source = sys.argv[4]
save_project(project, sys.argv[1])
"""

WINDOW = """
import json, sys, time
t_start = time.perf_counter()
from pathlib import Path
from stemline.ui.app import make_app
from stemline.ui.main_window import MainWindow
from stemline.ui.stall_probe import StallProbe
app = make_app()
win = MainWindow(use_audio_device=False, confirm=False)
win.show()
app.processEvents()
shown = time.perf_counter() - t_start
while not win.device_known:  # torch and the model load in the background first (start-up,
    app.processEvents()      # whose stalls the self-check reports apart)
    time.sleep(0.01)
ready = time.perf_counter() - t_start
probe = StallProbe(5)  # from the open on: what the user waits through with the window up
probe.start()
t0 = time.perf_counter()
win.open_media(sys.argv[1], separate=False, foley=False,
               known={"voice": sys.argv[2], "background": sys.argv[3]})
while win.pipeline.busy or win.pipeline.media is None:
    app.processEvents()
    time.sleep(0.005)
filled = time.perf_counter() - t0
for _ in range(50):
    app.processEvents()
    time.sleep(0.01)
probe.stop()
lanes = sorted(k for k, lane in win.panel.lanes.items() if lane.pyramid is not None)
print(json.dumps({"shown_s": shown, "ready_s": ready, "filled_s": filled, "max_stall_ms": probe.max_stall_ms,
                  "lanes": lanes}))
win.close()
"""


def audio_stages(minutes: float, stages: list[str], tmp: Path) -> list[dict]:
    rows = []
    src = tmp / f"long{minutes:g}.wav"
    seconds = write_long(src, minutes)
    out = tmp / f"out{minutes:g}"
    stems = out / src.stem
    voice, background = stems / "voice.aac", stems / "background.aac"

    def report(stage: str, row: dict, **extra: object) -> None:
        item = {"stage": stage, "minutes": minutes,
                "wall_s_per_s": round(row["wall_s"] / seconds, 4),
                "cpu_s_per_s": round(row["cpu_s"] / seconds, 4),
                "peak_rss_mb": round(row["peak_rss_mb"]), "peak_anon_mb": round(row["peak_anon_mb"])}
        item.update(extra)
        rows.append(item)
        print(json.dumps(item), flush=True)

    if "separate" in stages or not voice.exists():
        row = run_child([str(EXE), "separate", str(src), "-o", str(out), "--quiet"])
        report("separate", row)
    cache = tmp / f"cache{minutes:g}"
    if "lanes" in stages or "playback" in stages:
        row = run_child([sys.executable, "-c", LANES, str(cache), str(src), str(voice), str(background)])
        report("lanes", row, files=3)
    if "playback" in stages:
        row = run_child([sys.executable, "-c", PLAYBACK, str(cache), str(src), str(voice), str(background)])
        report("playback", row, render_s_per_s=round(row["render_s"] / seconds, 5),
               worst_block_ms=round(row["worst_block_ms"], 2))
    if "export" in stages:
        proj = tmp / f"p{minutes:g}.stemline"
        subprocess.run([sys.executable, "-c", PROJECT, str(proj), str(src), str(voice), str(background)],
                       check=True)
        mix = tmp / f"mix{minutes:g}.m4a"
        row = run_child([str(EXE), "export", str(proj), "-o", str(mix), "--quiet"])
        report("export", row, mb_written=round(mix.stat().st_size / 1e6, 1))
        mix.unlink()
    if "window" in stages:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp / f"xdg{minutes:g}"))
        row = run_child([sys.executable, "-c", WINDOW, str(src), str(voice), str(background)], env=env)
        report("window", row, shown_s=round(row["shown_s"], 2), ready_s=round(row["ready_s"], 1),
               filled_s=round(row["filled_s"], 1),
               max_stall_ms=round(row["max_stall_ms"], 1), lanes=row["lanes"])
        subprocess.run(["rm", "-rf", str(tmp / f"xdg{minutes:g}")], check=True)
    subprocess.run(["rm", "-rf", str(src), str(out), str(cache)], check=True)
    return rows


def render_clip(path: Path, seconds: float) -> None:
    """A 1080p30 clip: three balls bouncing on a textured floor under a slow pan, AAC audio."""
    w, h, fps, rate = 1920, 1080, 30, 48000
    rng = np.random.default_rng(0)
    tex = (rng.random((h, 2 * w)) * 50 + 60).astype(np.uint8)
    floor = int(h * 0.85)
    g = 2.0 * (floor - 120)
    r = 30
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1]
    disc = xx ** 2 + yy ** 2 <= r * r
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        vs.options = {"preset": "veryfast", "crf": "23", "g": str(int(seconds * fps))}
        a = out.add_stream("aac", rate=rate)
        a.layout = "stereo"
        for k in range(int(seconds * fps)):
            t = k / fps
            off = int(30 * t) % w
            img = np.repeat(tex[:, off:off + w, None], 3, axis=2)
            img[floor:] = 30
            for j, x0 in enumerate((0.25, 0.55, 0.8)):
                period = 1.1 + 0.35 * j
                ph = (t + 0.3 * j) % period - period / 2
                y = int(floor - r - (g / 2) * ((period / 2) ** 2 - ph ** 2))
                x = int(x0 * w)
                if r <= y < h - r:
                    img[y - r:y + r + 1, x - r:x + r + 1][disc] = 235
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = k
            out.mux(vs.encode(frame))
        out.mux(vs.encode(None))
        tone = (0.1 * np.sin(2 * np.pi * 220 * np.arange(int(seconds * rate)) / rate)).astype(np.float32)
        for i in range(0, len(tone), 1024):
            part = np.repeat(tone[i:i + 1024], 2)[None]
            af = av.AudioFrame.from_ndarray(part, format="flt", layout="stereo")
            af.sample_rate, af.pts, af.time_base = rate, i, Fraction(1, rate)
            out.mux(a.encode(af))
        out.mux(a.encode(None))


def loop_clip(clip: Path, path: Path, minutes: float) -> None:
    """``clip`` repeated packet for packet (timestamps moved on) until ``minutes`` long."""
    with av.open(str(clip)) as src:
        packets = [(p.stream.index, p.pts, p.dts, p.duration, bytes(p), p.is_keyframe)
                   for p in src.demux() if p.size]
        streams = list(src.streams)
        # each stream moves on by its own span (first dts to last dts + duration), so its
        # timestamps keep increasing across the joins (the AAC priming packet starts below 0)
        spans = {}
        for s in streams:
            mine = [(dts, duration) for index, _, dts, duration, _, _ in packets if index == s.index]
            spans[s.index] = max(d + n for d, n in mine) - min(d for d, _ in mine)
        clip_s = max(float(spans[s.index] * s.time_base) for s in streams)
        with av.open(str(path), "w") as out:
            made = {s.index: out.add_stream_from_template(s) for s in streams}
            for rep in range(int(np.ceil(minutes * 60 / clip_s))):
                for index, pts, dts, duration, data, key in packets:
                    q = av.Packet(data)
                    q.stream = made[index]
                    q.time_base = streams[index].time_base
                    shift = rep * spans[index]
                    q.pts = None if pts is None else pts + shift
                    q.dts = None if dts is None else dts + shift
                    q.duration = duration
                    q.is_keyframe = key
                    out.mux(q)


DECODE = """
import json, sys, time, av
t = time.perf_counter()
with av.open(sys.argv[1]) as c:
    s = c.streams.video[0]
    s.thread_type = "AUTO"
    n = sum(1 for _ in c.decode(s))
print(json.dumps({"frames": n, "decode_s": time.perf_counter() - t}))
"""


def foley_stages(video_minutes: list[float], tmp: Path) -> list[dict]:
    rows = []
    clip = tmp / "clip20.mp4"
    t = time.perf_counter()
    render_clip(clip, 20.0)
    print(f"# rendered the 20 s 1080p clip in {time.perf_counter() - t:.0f} s", flush=True)
    for minutes in video_minutes:
        video = tmp / f"video{minutes:g}.mp4"
        loop_clip(clip, video, minutes)
        seconds = minutes * 60
        if minutes == video_minutes[0]:  # (a decode's speed doesn't depend on the length)
            dec = run_child([sys.executable, "-c", DECODE, str(video)])
            decode_s_per_s = dec["wall_s"] / seconds
        row = run_child([str(EXE), "foley", str(video), "-o", str(tmp / "foley"), "--quiet", "--json"])
        item = {"stage": "foley", "minutes": minutes, "video": "1920x1080 30 fps H.264",
                "wall_s_per_s": round(row["wall_s"] / seconds, 4),
                "cpu_s_per_s": round(row["cpu_s"] / seconds, 4),
                "peak_rss_mb": round(row["peak_rss_mb"]), "peak_anon_mb": round(row["peak_anon_mb"]),
                "decode_wall_s_per_s": round(decode_s_per_s, 4),
                "share_of_decode_speed": round(decode_s_per_s * seconds / row["wall_s"], 3),
                "events": row.get("count")}
        rows.append(item)
        print(json.dumps(item), flush=True)
        subprocess.run(["rm", "-rf", str(video), str(tmp / "foley")], check=True)
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| stage | length | wall s per s | CPU s per s | peak RSS | of it private | notes |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        notes = {k: v for k, v in r.items() if k not in
                 ("stage", "minutes", "wall_s_per_s", "cpu_s_per_s", "peak_rss_mb", "peak_anon_mb")}
        length = f"{r['minutes']:g} min" if r["minutes"] < 60 else f"{r['minutes'] / 60:g} h"
        lines.append(f"| {r['stage']} | {length} | {r['wall_s_per_s']} | {r['cpu_s_per_s']} | "
                     f"{r['peak_rss_mb']} MB | {r['peak_anon_mb']} MB | "
                     + ", ".join(f"{k} {v}" for k, v in notes.items()) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="*", default=[10, 30, 120])
    ap.add_argument("--video-minutes", type=float, nargs="*", default=[10, 30, 60])
    ap.add_argument("--stages", nargs="+", default=list(STAGES), choices=STAGES)
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        audio = [s for s in args.stages if s != "foley"]
        if audio:
            for minutes in args.minutes:
                rows += audio_stages(minutes, audio, tmp)
        if "foley" in args.stages and args.video_minutes:
            rows += foley_stages(args.video_minutes, tmp)
    rows.sort(key=lambda r: (STAGES.index(r["stage"]), r["minutes"]))
    table = markdown(rows)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)


if __name__ == "__main__":
    main()
