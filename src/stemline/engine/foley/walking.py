"""Footsteps from the rhythm of a walk: each step ends one forward pulse of the feet's front edge.

A walking person's feet move in pulses: one foot swings forward while the other stands, and the
swing ends when its heel comes down. Whether the two feet are one blob or two, the edge at the
front of the walk moves only while a foot swings past it and stops at the heel strike. The
corner test of ``impacts.py`` often misses that stop: a foot eases into it (no corner), the blob
that holds the standing foot barely moves its centroid, and the ghost of where the foot stood
wobbles it. A regular series of forward pulses, each ending in stillness, is a walk whatever
the corners look like; a pendulum or a swinging lamp never stands still between swings, a ball
never stops forward between bounces, a box slides once.
"""
from __future__ import annotations

import numpy as np

from stemline.engine.foley.impacts import CX, CY, LEFT, RIGHT, Impact, no_gaps

#: Shortest and longest swing of one foot, seconds.
SWING = (0.12, 1.0)
#: Frames of stillness that must follow a pulse (the foot stands).
STAND = 2


def walking_steps(times: np.ndarray, feats: np.ndarray, areas: np.ndarray, fps: float, width: float,
                  min_speed: float, *, offset: int = 0, first: int = 0, last: int | None = None,
                  screen: np.ndarray | None = None, border: np.ndarray | None = None,
                  frame_steps: np.ndarray | None = None) -> list[Impact]:
    """Heel strikes on one trajectory when it walks: ends of a regular series of forward pulses.

    Parameters are those of :func:`stemline.engine.foley.impacts.detect_impacts`; ``min_speed``
    is in pixels per frame. Contacts are reported only for a last moving sample in
    ``[first, last)``.
    """
    n = len(times)
    if n < 3 * STAND + 6:
        return []
    tf = (times - times[0]) * fps
    cx = feats[:, CX]
    direction = 1.0 if cx[-1] >= cx[0] else -1.0
    front = feats[:, RIGHT] if direction > 0 else feats[:, LEFT]
    d = np.diff(front) * direction
    gaps_ok = no_gaps(tf, fps, frame_steps)
    peak = float(np.quantile(d, 0.9))
    if peak < 2.0 * min_speed:
        return []
    swing = max(min_speed, 0.25 * peak)
    # a foot eases into its stop: the pulse goes on while it still moves at all
    tail = max(min_speed, 0.15 * peak)
    moving = (d >= swing) & gaps_ok
    pulses: list[tuple[int, int]] = []  # (first moving diff, last moving diff)
    i = 0
    while i < len(d):
        if not moving[i]:
            i += 1
            continue
        k = i
        while k + 1 < len(d) and moving[k + 1]:
            k += 1
        while k + 1 < len(d) and d[k + 1] >= tail and gaps_ok[k + 1]:
            k += 1
        pulses.append((i, k))
        i = k + 1
    steps = []
    for s, e in pulses:
        length = (e - s + 1) / fps
        after = d[e + 1:e + 1 + STAND]
        # a pulse into the end of the track or the picture's edge is cut short; one from the
        # track's start has its true end (only its length is unknown)
        if len(after) < STAND or not gaps_ok[e:e + 1 + STAND].all():
            continue
        if border is not None and border[max(0, s - 1):e + 2 + STAND].any():
            continue
        if not (s == 0 or SWING[0] <= length) or length > SWING[1]:
            continue
        # standing: no progress over the next frames, whatever one edge pixel's noise does
        if abs(float(after.mean())) >= 0.5 * swing or float(np.abs(after).max()) >= 1.5 * swing:
            continue
        steps.append((s, e, float(d[s:e + 1].sum())))
    if len(steps) < 3:
        return []
    # A walk only goes forward: a swing (a pendulum, a lamp, an arm) comes back as far as it went,
    # pausing at each turn the way a foot pauses between steps.
    back = float(-d[d < -tail].sum())
    if back > 0.25 * sum(x for _, _, x in steps):
        return []
    ends = np.array([tf[e + 1] for _, e, _ in steps]) / fps
    dists = np.array([x for _, _, x in steps])
    whole = dists[[s > 0 for s, _, _ in steps]]  # pulses seen from their start
    if not regular_beats(np.diff(ends), 1.0 / fps) or len(whole) == 0 or whole.max() > 2.5 * np.median(whole):
        return []
    pos = screen if screen is not None else feats[:, :2]
    out = []
    last = n if last is None else last
    for (s, e, dist), t_end in zip(steps, ends):
        k = e + 1  # the first sample at rest
        if not first <= k < last:
            continue
        # the heel came down during the last frame that moved: a quarter frame before its end
        t = float(times[0] + t_end - 0.25 / fps)
        dv = float(d[max(s, e - 1):e + 1].mean())
        out.append(Impact(t, offset + k - 1, float(pos[k, 0]), float(pos[k, 1]), -direction * dv,
                          float(feats[k, CY] - feats[k - 1, CY]), LEFT if direction < 0 else RIGHT,
                          False, 1e3 + dist, float(areas[s:k + 1].mean()), t))
    return out


def regular_beats(gaps: np.ndarray, frame: float) -> bool:
    """A walking rhythm: steps 0.25-1.5 s apart, each gap a whole number of beats (a step the
    picture didn't show leaves a gap of two or three), to within a frame and a half of timing and
    15 % of tempo. The beat is the median of the gaps that are single beats."""
    if len(gaps) == 0:
        return False
    single = gaps[gaps <= 1.5 * gaps.min()]
    beat = float(np.median(single))
    if not 0.25 <= beat <= 1.5:
        return False
    beats = np.round(gaps / beat)
    return bool(np.all(beats >= 1) and beats.max() <= 3
                and np.all(np.abs(gaps - beats * beat) <= 0.15 * beat + 1.5 * frame))
