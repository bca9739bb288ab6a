"""Test clips with known contact times, rendered and encoded with PyAV (H.264 + optional AAC).

Objects move with exact physics sampled at the frame times, so every impact happens at a known
continuous time, usually between two frames.
"""
from __future__ import annotations

from fractions import Fraction

from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

G = 2.0  # gravity in picture heights per second squared


@dataclass
class Ball:
    """A ball dropped at ``t0`` from height ``h`` (share of the picture) at ``x`` (0..1)."""

    x: float
    t0: float
    h: float
    e: float = 0.6
    radius: float = 0.05  # share of the picture height

    def impacts(self, seconds: float) -> list[float]:
        t = self.t0 + np.sqrt(2 * self.h / G)
        v = G * np.sqrt(2 * self.h / G)
        out = []
        while v > 0.3 and t < seconds:
            out.append(float(t))
            v *= self.e
            t += 2 * v / G
        return out

    def height(self, t: float) -> float | None:
        """Height of the ball's bottom above the floor (share of the picture), None before t0."""
        if t < self.t0:
            return None
        t_fall = np.sqrt(2 * self.h / G)
        if t < self.t0 + t_fall:
            return self.h - 0.5 * G * (t - self.t0) ** 2
        hits = self.impacts(1e9)
        v = G * t_fall
        for i, ti in enumerate(hits[:-1]):
            vi = v * self.e ** (i + 1)
            if ti <= t < hits[i + 1]:
                dt = t - ti
                return max(0.0, vi * dt - 0.5 * G * dt * dt)
        return 0.0


@dataclass
class Slider:
    """A block sliding from the left (or right) at ``v`` (picture widths per second) into a wall."""

    y: float
    t0: float
    v: float
    direction: int = 1

    def stop_x(self) -> float:
        return 0.85

    def impact(self) -> float:
        return self.t0 + (self.stop_x() - 0.1) / self.v

    def left(self, t: float) -> float:
        x = 0.1 + max(0.0, t - self.t0) * self.v
        x = min(x, self.stop_x())
        return x if self.direction > 0 else 1.0 - x


@dataclass
class Scene:
    """What a clip shows. Times in seconds; positions as shares of the picture."""

    seconds: float
    balls: list[Ball] = field(default_factory=list)
    sliders: list[Slider] = field(default_factory=list)
    pan: float = 0.0            # background scroll, picture widths per second
    fade: tuple[float, float] | None = None
    cut: float | None = None
    drifter: bool = False       # a block drifting slowly and steadily across (never hits)
    spinner: bool = False       # a rotating bar (continuous motion, no contact)
    seed: int = 0

    def truth(self) -> list[tuple[float, float]]:
        """(time, x in -1..1) of every contact."""
        ev = [(t, b.x * 2 - 1) for b in self.balls for t in b.impacts(self.seconds)]
        for s in self.sliders:
            if s.impact() < self.seconds:
                x = s.left(1e9) + 0.04 * s.direction
                ev.append((s.impact(), x * 2 - 1))
        return sorted(ev)


def _texture(rng: np.random.Generator, h: int, w: int, lo: float, span: float) -> np.ndarray:
    tex = rng.random((h, w)) * span + lo
    return (tex + np.roll(tex, 1, 0) + np.roll(tex, 1, 1) + np.roll(tex, 2, 1)) / 4


def render(path: Path, scene: Scene, *, fps: float = 25, size: tuple[int, int] = (320, 180),
           audio_tone: float | None = None, sample_rate: int = 48000,
           frame_times: list[float] | None = None,
           audio: np.ndarray | None = None) -> list[tuple[float, float]]:
    """Write ``scene`` to ``path`` (H.264 gray picture, optional AAC tone, or ``audio``: a
    (frames, 2) float32 soundtrack at ``sample_rate``) and return its truth.

    ``frame_times`` (seconds) makes a variable-frame-rate file: one frame at each of those times,
    stamped on a millisecond clock (``fps`` is then only the nominal rate)."""
    w, h = size
    rng = np.random.default_rng(scene.seed)
    tex_a = _texture(rng, h, 3 * w, 60, 40)
    tex_b = _texture(rng, h, 3 * w, 130, 60)
    floor = int(h * 0.85)
    yy, xx = np.mgrid[0:h, 0:w]
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=int(fps) if float(fps).is_integer() else fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        vs.options = {"preset": "veryfast", "crf": "20"}
        ast = None
        if audio_tone is not None or audio is not None:
            ast = out.add_stream("aac", rate=sample_rate, layout="stereo")
        if frame_times is not None:
            vs.codec_context.time_base = Fraction(1, 1000)
        times = frame_times if frame_times is not None else [k / fps for k in range(int(round(scene.seconds * fps)))]
        for t in times:
            off = int(round(scene.pan * w * t)) % (2 * w)
            base = tex_b if (scene.cut is not None and t >= scene.cut) else tex_a
            img = base[:, off:off + w].copy()
            img[floor:, :] = 30
            for b in scene.balls:
                z = b.height(t)
                if z is None:
                    continue
                r = b.radius * h
                cy = floor - r - z * (floor - 2 * r)
                img[(xx - b.x * w) ** 2 + (yy - cy) ** 2 < r * r] = 235
            for s in scene.sliders:
                x0 = s.left(t) * w
                y0 = int(s.y * h)
                bw = int(0.08 * w)
                x0 = x0 if s.direction > 0 else x0 - bw
                img[y0:y0 + int(0.12 * h), int(x0):int(x0) + bw] = 215
            if scene.drifter:
                x0 = int(w * (0.1 + 0.05 * t))
                img[int(0.2 * h):int(0.32 * h), x0:x0 + int(0.06 * w)] = 200
            if scene.spinner:
                ang = 3.0 * t
                for r in range(int(0.2 * h)):
                    px, py = int(w * 0.5 + r * np.cos(ang)), int(h * 0.4 + r * np.sin(ang))
                    img[max(0, py - 2):py + 2, max(0, px - 2):px + 2] = 250
            if scene.fade and t >= scene.fade[0]:
                a = min(1.0, (t - scene.fade[0]) / (scene.fade[1] - scene.fade[0]))
                img = img * (1 - 0.6 * a)
            frame = av.VideoFrame.from_ndarray(np.clip(img, 0, 255).astype(np.uint8), format="gray")
            frame = frame.reformat(format="yuv420p")
            if frame_times is not None:
                frame.pts, frame.time_base = int(round(t * 1000)), Fraction(1, 1000)
            for p in vs.encode(frame):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)
        if ast is not None:
            total = int(round(scene.seconds * sample_rate))
            if audio is not None:
                track = np.ascontiguousarray(np.asarray(audio, np.float32)[:total].T)
                total = track.shape[1]
            else:
                tt = np.arange(total) / sample_rate
                sig = (0.2 * np.sin(2 * np.pi * audio_tone * tt)).astype(np.float32)
                track = np.stack([sig, sig])
            pos = 0
            while pos < total:
                blk = track[:, pos:pos + 1024]
                fr = av.AudioFrame.from_ndarray(np.ascontiguousarray(blk), format="fltp",
                                                layout="stereo")
                fr.sample_rate = sample_rate
                fr.pts = pos
                for p in ast.encode(fr):
                    out.mux(p)
                pos += blk.shape[1]
            for p in ast.encode():
                out.mux(p)
    return scene.truth()


def panned_wall(path: Path, pan_px: float, gain, *, jump: float = 0.0, other: bool = False,
                fps: int = 25, seconds: float = 4.0) -> Path:
    """A grainy textured wall (640x360, H.264) panned across at ``pan_px`` pixels a frame, its
    light scaled by ``gain(t)``; from 2.0 s the camera is ``jump`` pixels further along, on
    another wall if ``other`` (a cut). Changes of light over a moving camera, and cuts with one
    (``benchmarks/scenes3d/light_steps.py``, ``tests/foley/test_delivered_footage.py``)."""
    import cv2

    w, h = 640, 360
    width = w + int(jump + pan_px * fps * seconds) + 8

    def wall(seed: int) -> np.ndarray:
        coarse = np.random.default_rng(seed).random((h // 4, width // 4 + 2)) * 120 + 60
        return cv2.resize(coarse.astype(np.float32), (coarse.shape[1] * 4, h), interpolation=cv2.INTER_CUBIC)

    walls = (wall(0), wall(5))
    rng = np.random.default_rng(1)
    with av.open(str(path), "w") as out:
        vs = out.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        for k in range(int(seconds * fps)):
            t = k / fps
            x = pan_px * k + (jump if t >= 2.0 else 0.0)
            i, frac = int(x), x - int(x)
            seen = walls[1] if other and t >= 2.0 else walls[0]
            img = (1 - frac) * seen[:, i:i + w] + frac * seen[:, i + 1:i + 1 + w]
            img = img * gain(t) + rng.normal(0, 2, img.shape)
            frame = av.VideoFrame.from_ndarray(np.clip(img, 0, 255).astype(np.uint8), format="gray")
            for p in vs.encode(frame.reformat(format="yuv420p")):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)
    return path


def match_times(truth: list[float], found: list[float], tol: float = 0.05) -> list[tuple[int, int]]:
    """(truth index, found index) pairs, one found event per true contact: for each contact in
    turn, the nearest event not yet taken, when it is within ``tol`` seconds."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for i, t in enumerate(truth):
        best = min((j for j in range(len(found)) if j not in used), key=lambda j: abs(found[j] - t),
                   default=None)
        if best is not None and abs(found[best] - t) <= tol:
            pairs.append((i, best))
            used.add(best)
    return pairs
