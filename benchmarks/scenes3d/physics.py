"""Exact motion for the rendered Foley corpus: every contact happens at a time solved in closed form.

World coordinates are Blender's: metres, Z up, the floor at z = 0. Each moving thing is a
function of time (position, plus a rotation for feet and pendulums) that the scene script samples
several times per frame for keyframes, and a list of :class:`Contact` values that become the truth.
Nothing here knows Blender; it needs only numpy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

G = 9.81


@dataclass(frozen=True)
class Contact:
    """One true contact.

    Attributes
    ----------
    t : seconds (continuous time, between frames in general).
    point : world position of the contact point (where the sound comes from).
    surface : what was hit ("wood", "tile", "stone", "carpet", "metal", "wall").
    obj : what hit it ("ball", "box", "foot").
    kind : "impact" (rebound), "landing" (downward stop), "slam" (sideways stop), "step".
    speed : normal speed at the contact, m/s.
    """

    t: float
    point: tuple[float, float, float]
    surface: str
    obj: str
    kind: str
    speed: float


@dataclass(frozen=True)
class Wall:
    """An axis-aligned wall plane: ``axis`` 0 (x) or 1 (y) at ``value``; the room is on ``side``
    (-1: coordinates below ``value``)."""

    axis: int
    value: float
    side: int
    surface: str = "wall"


@dataclass
class _Segment:
    t0: float
    p0: np.ndarray
    v0: np.ndarray
    rolling: bool  # on the floor: no gravity, horizontal deceleration


@dataclass
class Ball:
    """A ball thrown or dropped at ``t0`` from ``p0`` with velocity ``v0``: it bounces on the floor
    and off walls with restitution, then rolls to rest.

    Attributes
    ----------
    radius : metres.
    restitution : normal speed kept by a bounce.
    min_bounce : rebound speed (m/s) under which the ball stops bouncing and rolls.
    roll_decel : rolling deceleration, m/s^2.
    """

    p0: tuple[float, float, float]
    v0: tuple[float, float, float]
    t0: float
    surface: str
    radius: float = 0.06
    restitution: float = 0.62
    wall_restitution: float = 0.7
    min_bounce: float = 1.0
    roll_decel: float = 0.25
    walls: tuple[Wall, ...] = ()
    obj: str = "ball"
    segments: list[_Segment] = field(default_factory=list, init=False)
    contacts: list[Contact] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._simulate(60.0)

    def _simulate(self, t_end: float) -> None:
        r = self.radius
        p, v, t = np.array(self.p0, float), np.array(self.v0, float), self.t0
        rolling = p[2] <= r + 1e-9 and abs(v[2]) < 1e-9
        for _ in range(200):
            self.segments.append(_Segment(t, p.copy(), v.copy(), rolling))
            hits: list[tuple[float, str, Wall | None]] = []
            if not rolling:
                disc = v[2] ** 2 + 2 * G * (p[2] - r)
                hits.append(((v[2] + math.sqrt(max(0.0, disc))) / G, "floor", None))
            for w in self.walls:
                vel = v[w.axis]
                if vel * w.side > 1e-9:
                    gap = w.value - w.side * r - p[w.axis]
                    if not rolling:
                        tau = gap / vel
                    else:
                        # rolling slows down: solve s t - a t^2 / 2 = distance along the path
                        speed = float(np.hypot(v[0], v[1]))
                        dist = gap * speed / vel
                        disc = speed * speed - 2 * self.roll_decel * dist
                        if disc < 0:
                            continue
                        tau = (speed - math.sqrt(disc)) / self.roll_decel
                    if tau > 1e-9:
                        hits.append((tau, "wall", w))
            if not hits:
                return
            tau, what, wall = min(hits, key=lambda h: h[0])
            if t + tau > t_end:
                return
            p, v = self._advance(p, v, tau, rolling)
            t += tau
            if what == "floor":
                speed = -v[2]
                point = (float(p[0]), float(p[1]), 0.0)
                self.contacts.append(Contact(t, point, self.surface, self.obj, "impact", float(speed)))
                v[2] = speed * self.restitution
                v[:2] *= 0.9
                # a hop lower than a couple of centimetres is no bounce anyone sees: it rolls on
                if v[2] < self.min_bounce:
                    v[2] = 0.0
                    p[2] = r
                    rolling = True
            else:
                assert wall is not None
                speed = abs(v[wall.axis])
                point = [float(p[0]), float(p[1]), float(p[2])]
                point[wall.axis] = wall.value
                self.contacts.append(Contact(t, tuple(point), wall.surface, self.obj, "impact",
                                             float(speed)))
                v[wall.axis] *= -self.wall_restitution

    def _stop_time(self, v: np.ndarray) -> float:
        s = float(np.hypot(v[0], v[1]))
        return s / self.roll_decel if self.roll_decel > 0 else math.inf

    def _advance(self, p: np.ndarray, v: np.ndarray, tau: float, rolling: bool
                 ) -> tuple[np.ndarray, np.ndarray]:
        if not rolling:
            p2 = p + v * tau
            p2[2] -= 0.5 * G * tau * tau
            v2 = v.copy()
            v2[2] -= G * tau
            return p2, v2
        s = float(np.hypot(v[0], v[1]))
        if s < 1e-9:
            return p.copy(), v.copy()
        tau = min(tau, s / self.roll_decel)
        d = v[:2] / s
        dist = s * tau - 0.5 * self.roll_decel * tau * tau
        p2 = p.copy()
        p2[:2] += d * dist
        v2 = v.copy()
        v2[:2] = d * (s - self.roll_decel * tau)
        return p2, v2

    def position(self, t: float) -> tuple[float, float, float] | None:
        """Centre at time ``t`` (None before the throw)."""
        if t < self.t0:
            return None
        seg = self.segments[0]
        for s in self.segments:
            if s.t0 <= t:
                seg = s
        p, _ = self._advance(seg.p0, seg.v0, t - seg.t0, seg.rolling)
        return float(p[0]), float(p[1]), float(p[2])


@dataclass
class Box:
    """A box that falls from ``drop`` height (landing, no bounce) and/or slides along x.

    The slide starts at ``t_slide`` with speed ``vx`` and decelerates by friction; if it reaches
    ``wall`` first it stops dead there (a slam), otherwise it comes to rest silently.
    """

    p0: tuple[float, float, float]  # centre at rest position before any motion (z = half size)
    size: float
    surface: str
    t_drop: float | None = None
    drop: float = 0.0
    t_slide: float | None = None
    vx: float = 0.0
    friction: float = 1.2  # m/s^2
    wall: Wall | None = None
    contacts: list[Contact] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        h = self.size / 2
        if self.t_drop is not None and self.drop > 0:
            tf = math.sqrt(2 * self.drop / G)
            self.contacts.append(Contact(self.t_drop + tf, (self.p0[0], self.p0[1], 0.0), self.surface,
                                         "box", "landing", G * tf))
        self._slam: float | None = None
        if self.t_slide is not None and self.vx:
            if self.wall is not None:
                dist = self.wall.value - self.wall.side * h - self.p0[0]
                # time to cover dist with v0 and deceleration a: v t - a t^2 / 2 = dist
                disc = self.vx ** 2 - 2 * self.friction * dist * np.sign(self.vx)
                if disc > 0:
                    tau = (abs(self.vx) - math.sqrt(disc)) / self.friction
                    self._slam = self.t_slide + tau
                    point = (self.wall.value, self.p0[1], h)
                    self.contacts.append(Contact(self._slam, point, "wall", "box", "slam",
                                                 abs(self.vx) - self.friction * tau))

    def position(self, t: float) -> tuple[float, float, float] | None:
        x, y, z = self.p0
        h = self.size / 2
        if self.t_drop is not None and self.drop > 0:
            tf = math.sqrt(2 * self.drop / G)
            if t < self.t_drop:
                z = h + self.drop
            elif t < self.t_drop + tf:
                z = h + self.drop - 0.5 * G * (t - self.t_drop) ** 2
        if self.t_slide is not None and t > self.t_slide and self.vx:
            tau = t - self.t_slide
            stop = abs(self.vx) / self.friction
            if self._slam is not None:
                tau = min(tau, self._slam - self.t_slide)
            tau = min(tau, stop)
            x += np.sign(self.vx) * (abs(self.vx) * tau - 0.5 * self.friction * tau * tau)
        return float(x), float(y), float(z)


@dataclass
class Feet:
    """Two feet walking along +x (or -x): each step lifts a foot, swings it forward and sets it down
    with a downward speed at the contact (heel strike), while the other stands.

    Attributes
    ----------
    start : (x, y) of the first foot; the second stands ``gap`` to the side.
    stride : forward distance per step, metres; ``direction`` +1 or -1 along x.
    t0, period : first lift time and time per step; ``swing`` is the share of it in the air.
    lift : top of the swing above the rest height, metres.
    """

    start: tuple[float, float]
    t0: float
    steps: int
    surface: str
    stride: float = 0.35
    period: float = 0.55
    swing: float = 0.6
    lift: float = 0.09
    gap: float = 0.18
    direction: int = 1
    size: tuple[float, float, float] = (0.26, 0.1, 0.08)
    contacts: list[Contact] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        for k in range(self.steps):
            foot = k % 2
            t_land = self.t0 + k * self.period + self.swing * self.period
            x, y = self._rest(foot, k + 1)
            speed = math.pi * self.lift / (self.swing * self.period)
            self.contacts.append(Contact(t_land, (x, y, 0.0), self.surface, "foot", "step", speed))

    def _rest(self, foot: int, done: int) -> tuple[float, float]:
        """Where ``foot`` rests once ``done`` steps (of both feet) are made: foot 1 starts one
        stride ahead, and each of a foot's own steps carries it two strides on, past the other."""
        moves = sum(1 for j in range(done) if j % 2 == foot)
        x = self.start[0] + self.direction * self.stride * (foot + 2 * moves)
        return x, self.start[1] + (self.gap if foot else 0.0)

    def position(self, foot: int, t: float) -> tuple[float, float, float]:
        """Centre of ``foot`` (0 or 1) at time ``t``."""
        hz = self.size[2] / 2
        for k in range(self.steps):
            if k % 2 != foot:
                continue
            ts = self.t0 + k * self.period
            te = ts + self.swing * self.period
            if t < ts:
                x, y = self._rest(foot, k)
                return x, y, hz
            if t < te:
                u = (t - ts) / (te - ts)
                xa, y = self._rest(foot, k)
                xb, _ = self._rest(foot, k + 1)
                # forward motion eases in but not fully out: at heel strike the foot still moves
                # forward, and the floor stops it together with its fall
                s = 0.75 * (1 - math.cos(math.pi * u)) / 2 + 0.25 * u
                return xa + (xb - xa) * s, y, hz + self.lift * math.sin(math.pi * u)
        x, y = self._rest(foot, self.steps)
        return x, y, hz

    def pitch(self, foot: int, t: float) -> float:
        """Toe-up angle during the swing (radians): a foot is not a sliding brick."""
        for k in range(foot, self.steps, 2):
            ts = self.t0 + k * self.period
            te = ts + self.swing * self.period
            if ts <= t < te:
                u = (t - ts) / (te - ts)
                return 0.25 * math.sin(math.pi * u) * (1 - u)
        return 0.0


@dataclass(frozen=True)
class Pendulum:
    """A bob on a string from ``pivot``: angle ``amp * cos(2 pi t / period + phase)`` in the plane
    given by ``axis`` (0: swings along x, 1: along y). Never touches anything."""

    pivot: tuple[float, float, float]
    length: float
    amp: float
    period: float
    axis: int = 0
    phase: float = 0.0

    def angle(self, t: float) -> float:
        return self.amp * math.cos(2 * math.pi * t / self.period + self.phase)

    def position(self, t: float) -> tuple[float, float, float]:
        a = self.angle(t)
        p = list(self.pivot)
        p[self.axis] += self.length * math.sin(a)
        p[2] -= self.length * math.cos(a)
        return p[0], p[1], p[2]


@dataclass(frozen=True)
class Roller:
    """A ball rolling along the floor at near-constant speed (it may enter and leave the frame):
    motion with no contact at all."""

    p0: tuple[float, float]
    v: tuple[float, float]
    radius: float = 0.07
    decel: float = 0.05

    def position(self, t: float) -> tuple[float, float, float]:
        s = math.hypot(*self.v)
        d = (self.v[0] / s, self.v[1] / s)
        dist = s * t - 0.5 * self.decel * t * t if t < s / self.decel else s * s / (2 * self.decel)
        return self.p0[0] + d[0] * dist, self.p0[1] + d[1] * dist, self.radius

    def spin(self, t: float) -> float:
        p = self.position(t)
        return math.hypot(p[0] - self.p0[0], p[1] - self.p0[1]) / self.radius
