"""The rendered corpus as footage arrives from other hands: letterboxed, with burnt-in timecode or
subtitles, faded from and to black, squeezed by a low bit rate. Writes a derived corpus that
``eval.py`` scores unchanged (its truth moved where the picture moved).

    .venv/bin/python benchmarks/scenes3d/reformat.py CORPUS OUT --as KIND [--set SET[,SET...]]

Kinds:

* ``reencode``: the same picture encoded once more (CRF 23), the control for the others.
* ``letterbox``: the picture scaled to 640x268 (2.39:1, as a film is delivered in a 16:9 frame)
  between black bars; contact points move with it.
* ``timecode``: burnt-in timecode (HH:MM:SS:FF, white on a black box at the bottom), a review
  copy's, changing every frame.
* ``subtitles``: a line of white text with a dark outline at the bottom, a new line every 1.7 s
  with 0.3 s between lines.
* ``fade``: 0.6 s fade from black at the start and to black at the end.
* ``lowrate``: 300 kbit/s (a web preview): blocks, smeared grain.
* ``double``: every frame shown twice at twice the rate (30 fps material exported at 60, as an
  editor's timeline at 60 fps does).
* ``pulldown`` (written before the spotter was changed for ``double``): every fourth frame shown
  twice, at 5/4 of the rate (a film rate carried on a faster one, as 24 fps on 30).
* ``exposure2``: written later (before the fifth fade change), for reading once: a 0.7 s fade in,
  a 1.2 s fade out, the brightness drifting by +-12 % over 3.1 s and back, dips to 75 % at 1.5
  and 3.3 s.
* ``exposure``: a camera's own exposure at work (written as a held-out set before the spotter
  was changed for ``fade``): a 1.0 s fade from black, a 0.8 s fade to black, and in between the
  picture's brightness drifting by up to +-18 % over a second and back (auto exposure), with
  one 0.4 s dip to 70 %.

Each scene's ``clip.mp4`` is decoded with PyAV, changed, and encoded with libx264 (yuv420p); its
``truth.json`` is copied with the contact points and tracks mapped (``letterbox`` only moves
them). Then ``eval.py OUT --set ...`` scores it as it scores the corpus.
"""
from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scenes import SETS  # noqa: E402

KINDS = ("reencode", "letterbox", "timecode", "subtitles", "fade", "lowrate", "exposure", "exposure2", "double", "pulldown")
#: Letterbox: picture height inside the 360-line frame.
LETTERBOX_H = 268
LINES = ("I told you to leave it where it was.", "Nobody's been down here in years.",
         "Careful, the floor's wet.", "Did you hear that?", "It came from the other room.",
         "We should go back.", "Just a minute longer.", "There, by the window!")


def _text(img: np.ndarray, text: str, y: int, scale: float, box: bool) -> None:
    font = cv2.FONT_HERSHEY_SIMPLEX
    (tw, th), base = cv2.getTextSize(text, font, scale, 1)
    x = (img.shape[1] - tw) // 2
    if box:
        cv2.rectangle(img, (x - 4, y - th - 4), (x + tw + 4, y + base + 2), (0, 0, 0), -1)
    else:
        cv2.putText(img, text, (x, y), font, scale, (20, 20, 20), 3, cv2.LINE_AA)
    cv2.putText(img, text, (x, y), font, scale, (235, 235, 235), 1, cv2.LINE_AA)


def changed(img: np.ndarray, kind: str, k: int, fps: float, frames: int) -> np.ndarray:
    """Frame ``k`` (RGB, 360 lines) as ``kind`` makes it."""
    h, w = img.shape[:2]
    if kind == "letterbox":
        out = np.zeros_like(img)
        top = (h - LETTERBOX_H) // 2
        out[top:top + LETTERBOX_H] = cv2.resize(img, (w, LETTERBOX_H), interpolation=cv2.INTER_AREA)
        return out
    if kind == "timecode":
        out = img.copy()
        s, f = divmod(k, int(round(fps)))
        _text(out, f"01:{s // 60:02d}:{s % 60:02d}:{f:02d}", h - 14, 0.6, box=True)
        return out
    if kind == "subtitles":
        t = k / fps
        slot, into = divmod(t, 2.0)
        if into >= 1.7:
            return img
        out = img.copy()
        _text(out, LINES[int(slot) % len(LINES)], h - 22, 0.55, box=False)
        return out
    if kind == "fade":
        n = 0.6 * fps
        g = min(1.0, k / n, (frames - 1 - k) / n)
        return (img.astype(np.float32) * max(0.0, g)).astype(np.uint8)
    if kind == "exposure":
        t, end = k / fps, (frames - 1) / fps
        g = min(1.0, t / 1.0, (end - t) / 0.8)
        g *= 1.0 + 0.18 * np.sin(2 * np.pi * t / 2.4) * min(1.0, t / 1.0)
        if 2.0 <= t % 5.0 < 2.4:  # a dip: something bright leaves the metering zone
            g *= 0.7 + 0.3 * abs(t % 5.0 - 2.2) / 0.2
        return np.clip(img.astype(np.float32) * max(0.0, g), 0, 255).astype(np.uint8)
    if kind == "exposure2":
        t, end = k / fps, (frames - 1) / fps
        g = min(1.0, t / 0.7, (end - t) / 1.2)
        g *= 1.0 - 0.12 * np.sin(2 * np.pi * t / 3.1) * min(1.0, t / 0.7)
        for dip in (1.5, 3.3):
            if abs(t - dip) < 0.15:
                g *= 0.75 + 0.25 * abs(t - dip) / 0.15
        return np.clip(img.astype(np.float32) * max(0.0, g), 0, 255).astype(np.uint8)
    return img


def _map_y(y: float) -> float:
    """A truth y (-1 top .. 1 bottom) in the letterboxed frame."""
    top = (360 - LETTERBOX_H) / 2
    sy = (y + 1) / 2
    return round(2 * (top + sy * LETTERBOX_H) / 360 - 1, 4)


def mapped_truth(truth: dict, kind: str) -> dict:
    out = json.loads(json.dumps(truth))
    out["reformat"] = kind
    if kind == "letterbox":
        for e in out["events"] + out.get("hidden", []):
            if "y" in e:
                e["y"] = _map_y(e["y"])
        for track in out["tracks"].values():
            for p in track:
                p[1] = _map_y(p[1])
    return out


def reformat(src: Path, dst: Path, kind: str) -> None:
    truth = json.loads((src / "truth.json").read_text())
    dst.mkdir(parents=True, exist_ok=True)
    with av.open(str(src / "clip.mp4")) as inp:
        vin = inp.streams.video[0]
        rate = Fraction(vin.average_rate)  # read while open: a closed container's stream is gone
        fps = float(rate)
        frames = [f.to_ndarray(format="rgb24") for f in inp.decode(vin)]
    tmp = dst / "clip.part.mp4"
    with av.open(str(tmp), "w", format="mp4") as out:
        vs = out.add_stream("libx264", rate=rate * {"double": 2, "pulldown": Fraction(5, 4)}.get(kind, 1))
        vs.width, vs.height, vs.pix_fmt = frames[0].shape[1], frames[0].shape[0], "yuv420p"
        if kind == "lowrate":
            vs.bit_rate = 300_000
            vs.options = {"preset": "medium"}
        else:
            vs.options = {"preset": "medium", "crf": "23"}
        for k, img in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(changed(img, kind, k, fps, len(frames))),
                                               format="rgb24")
            for _ in range(2 if kind == "double" or (kind == "pulldown" and k % 4 == 3) else 1):
                for p in vs.encode(frame):
                    out.mux(p)
        for p in vs.encode():
            out.mux(p)
    tmp.replace(dst / "clip.mp4")
    (dst / "truth.json").write_text(json.dumps(mapped_truth(truth, kind)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--as", dest="kind", choices=KINDS, required=True)
    ap.add_argument("--set", default="all", help="all, or comma-separated sets (" + ",".join(SETS) + ")")
    args = ap.parse_args()
    for d in sorted((args.corpus / "foley").iterdir()):
        if not (d / "truth.json").exists():
            continue
        scene = json.loads((d / "truth.json").read_text())["scene"]
        if args.set != "all" and scene.split("_", 1)[0] not in args.set.split(","):
            continue
        reformat(d, args.out / "foley" / d.name, args.kind)
        print(d.name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
