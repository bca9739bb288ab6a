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

import bisect
from dataclasses import dataclass, replace

import numpy as np

from stemline.engine.foley.impacts import CX, CY, LEFT, RIGHT, Impact, no_gaps

#: Shortest and longest forward pulse of a walk's front edge, seconds. Where the two feet are one
#: blob its front edge moves only while the swinging foot is ahead of the standing one: a brisk
#: step's pulse can be three frames at 30 fps. On the 148 seen scenes of 7 December: 0.12 s
#: (four frames at 30 fps) as before; 0.09 s +12 steps found, 2 false fewer, none lost (blind34's
#: grey shoes 0 -> 8 of 9); 0.06 s (two frames) +8, 4 false more.
SWING = (0.09, 1.0)
#: Frames of stillness that must follow a pulse (the foot stands).
STAND = 2


@dataclass(frozen=True)
class Pulse:
    """One forward pulse of a trajectory's front edge that ended in a stop: a candidate step.

    Attributes
    ----------
    time : when the heel came down, seconds.
    x, y : where (picture pixels).
    dist : how far the front edge went, pixels.
    speed : its speed over the pulse's last two frames, pixels per frame.
    direction : +1 walking right, -1 left.
    area : mean blob area over the pulse.
    index : absolute sample index of the last moving sample.
    cut : the pulse ran into the end of its trajectory. Feet that swing past each other are one
        blob; when the swinging foot lands ahead, the two come apart and the trajectory ends
        with it: the landing is the split, seen from the trajectory's end, and the frame after
        its last sample is the first one with the feet apart.
    whole : the pulse was seen from its start (its length is known).
    start : where (picture x) the pulse began.
    """

    time: float
    x: float
    y: float
    dist: float
    speed: float
    direction: int
    area: float
    index: int
    cut: bool = False
    whole: bool = True
    track: int = -1
    start: float = float("nan")


def pulses(times: np.ndarray, feats: np.ndarray, areas: np.ndarray, fps: float, min_speed: float,
           direction: int, *, offset: int = 0, screen: np.ndarray | None = None,
           border: np.ndarray | None = None, frame_steps: np.ndarray | None = None, track: int = -1
           ) -> tuple[list[Pulse], float]:
    """Forward pulses of the front edge along ``direction`` that end standing (or, with
    ``cut``, in the trajectory's end), and how far the edge went back.
    """
    n = len(times)
    if n < STAND + 3:
        return [], 0.0
    tf = (times - times[0]) * fps
    front = feats[:, RIGHT] if direction > 0 else feats[:, LEFT]
    d = np.diff(front) * direction
    gaps_ok = no_gaps(tf, fps, frame_steps)
    peak = float(np.quantile(d, 0.9))
    if peak < 2.0 * min_speed:
        return [], 0.0
    swing = max(min_speed, 0.25 * peak)
    # a foot eases into its stop: the pulse goes on while it still moves at all
    tail = max(min_speed, 0.15 * peak)
    moving = (d >= swing) & gaps_ok
    runs: list[tuple[int, int]] = []  # (first moving diff, last moving diff)
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
        runs.append((i, k))
        i = k + 1
    pos = screen if screen is not None else feats[:, :2]
    out: list[Pulse] = []
    for s, e in runs:
        length = (e - s + 1) / fps
        if length > SWING[1] or (s > 0 and length < SWING[0]):
            continue
        after = d[e + 1:e + 1 + STAND]
        cut = e == len(d) - 1
        if border is not None and border[max(0, s - 1):min(n, e + 2 + STAND)].any():
            continue
        if cut:
            # into the trajectory's end: the frame after the last sample is the first at rest
            k = n - 1
            t_end = float(times[-1]) + 1.0 / fps
        else:
            # a pulse into a gap or cut short before it stood is no step
            if not gaps_ok[e:e + 1 + STAND].all():
                continue
            if not _stands(d, e, swing, gaps_ok, float(d[s:e + 1].max())):
                continue
            k = e + 1  # the first sample at rest
            if len(after) == STAND:
                k = _arrived(front, k, direction)
                t_end = float(times[k])
            else:
                # stopped, and the piece ended before it stood long enough to show it: a foot
                # that fades into the background where it stops (a dim, low-contrast shoe). It
                # came to rest between its first slow sample and the frame after its last: half
                # way, as near as anything says
                cut = True
                t_end = 0.5 * (float(times[k]) + float(times[-1]) + 1.0 / fps)
        # the heel came down during the last frame that moved: a quarter frame before its end
        out.append(Pulse(t_end - 0.25 / fps, float(pos[k, 0]), float(pos[k, 1]), float(d[s:e + 1].sum()),
                         float(d[max(s, e - 1):e + 1].mean()), direction, float(areas[s:k + 1].mean()),
                         offset + k - 1, cut, s > 0, track, float(pos[s, 0])))
    back = float(-d[d < -tail].sum())
    return out, back


#: How far (analysis pixels) a front edge may still be short of where it comes to stand and
#: count as arrived: about its noise.
ARRIVED_PX = 1.0


def _arrived(front: np.ndarray, k: int, direction: int) -> int:
    """The first sample from ``k`` on where the front edge has reached the place it stands at
    (the median of the samples after ``k``), at most :data:`STAND` samples on.

    A foot slows down as its heel comes down, and the pulse ends when its edge moves less than
    a share of its peak speed; the last pixels of the approach take a frame or two more, and the
    heel strikes when they are done. Only a shortfall counts: an edge that stopped ahead of where
    it stands (the motion blur that goes, see :func:`_stands`) has arrived."""
    rest = float(np.median(front[k + 1:k + 2 + STAND]))
    j = k
    while j < k + STAND and j + 1 < len(front) and (rest - float(front[j])) * direction > ARRIVED_PX:
        j += 1
    return j


def _standing(after: np.ndarray, swing: float) -> bool:
    """No progress over these frames, whatever one edge pixel's noise does: on average less
    than ``swing`` (a quarter of the pulse's peak speed) a frame, never 1.5 times it. A foot
    still creeping on at a pixel a frame (its blob's front edge settling as the sole comes
    flat) stands; the pulse already ended below the lower ``tail`` speed."""
    return abs(float(after.mean())) < swing and float(np.abs(after).max()) < 1.5 * swing


def _stands(d: np.ndarray, e: int, swing: float, gaps_ok: np.ndarray, peak: float) -> bool:
    """Does the front edge stand after the pulse whose last moving step is ``d[e]``?

    Motion blur smears a moving foot over what it crosses while the shutter is open, so its blob
    reaches ahead of the foot by up to a frame's travel; when the foot stops, the smear goes and
    the front edge falls back once, by up to the pulse's fastest step, over a frame or two, and
    then stands. A pendulum or a lamp at its turn comes back and keeps coming back."""
    after = d[e + 1:e + 1 + STAND]
    if len(after) == 0 or _standing(after, swing):
        return True
    r, back = 0, 0.0
    while r < 2 and e + 1 + r < len(d) and d[e + 1 + r] < -0.5 * swing:
        back -= float(d[e + 1 + r])
        r += 1
    then = d[e + 1 + r:e + 1 + r + STAND]
    return (r > 0 and back <= peak and len(then) == STAND and gaps_ok[e + 1 + r:e + 1 + r + STAND].all()
            and _standing(then, swing))


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
    cx = feats[:, CX]
    direction = 1 if cx[-1] >= cx[0] else -1
    found, back = pulses(times, feats, areas, fps, min_speed, direction, offset=offset, screen=screen,
                         border=border, frame_steps=frame_steps)
    steps = [p for p in found if not p.cut]
    if len(steps) < 3:
        return []
    # A walk only goes forward: a swing (a pendulum, a lamp, an arm) comes back as far as it went,
    # pausing at each turn the way a foot pauses between steps.
    if back > 0.25 * sum(p.dist for p in steps):
        return []
    ends = np.array([p.time for p in steps])
    whole = np.array([p.dist for p in steps if p.whole])  # pulses seen from their start
    if not regular_beats(np.diff(ends), 1.0 / fps) or len(whole) == 0 or whole.max() > 2.5 * np.median(whole):
        return []
    last = n if last is None else last
    out = []
    for p in steps:
        k = p.index - offset + 1
        if not first <= k < last:
            continue
        out.append(heel(p, feats, k))
    return out


def heel(p: Pulse, feats: np.ndarray | None = None, k: int = 0) -> Impact:
    """A step as a contact (the front edge's stop; a score above any corner's)."""
    dy = float(feats[k, CY] - feats[k - 1, CY]) if feats is not None and k >= 1 else 0.0
    return Impact(p.time, p.index, p.x, p.y, -p.direction * p.speed, dy, LEFT if p.direction < 0 else RIGHT,
                  False, 1e3 + p.dist, p.area, p.time)


def walks_from_pulses(candidates: list[Pulse], fps: float, width: float, height: float,
                      min_steps: int = 4) -> list[list[Pulse]]:
    """Walks that no single trajectory shows: chains of pulses from any trajectories, going one
    way, at a regular beat, along one line of the picture.

    A brisk walk's feet can break into a new trajectory at nearly every step (they part as a step
    lands, merge as the next swings past), so no piece holds the three steps
    :func:`walking_steps` needs; the pieces' pulses still keep the walk's rhythm. A chain needs
    ``min_steps`` pulses (one more than a single trajectory's walk: the pieces come from anything
    that moves), each a whole number of beats (one or two) from the one before within 15 % of a
    beat and a frame and a half, each ahead of the one before along the walk (never more than
    a sixth of the picture's width per beat) and all within a band of the picture's height, and
    at least two of them seen to stand after their pulse."""
    out: list[list[Pulse]] = []
    for direction in (1, -1):
        pts = sorted((c for c in candidates if c.direction == direction), key=lambda c: c.time)
        # one walk after another: the longest chain, then the longest of what is left
        while True:
            chain = _longest_chain(pts, direction, 1.0 / fps, width, height, min_steps)
            if not chain:
                break
            out.append(chain)
            taken = {id(p) for p in chain}
            pts = [p for p in pts if id(p) not in taken]
    return out


def _longest_chain(pts: list[Pulse], direction: int, frame: float, width: float, height: float,
                   min_steps: int) -> list[Pulse]:
    """The longest chain of ``pts`` (in time order) that makes a walk, or []."""
    best: list[Pulse] = []
    for i, a in enumerate(pts):
        for j in range(i + 1, len(pts)):
            b = pts[j]
            beat = b.time - a.time
            if beat < 0.25:
                continue
            if beat > 1.5:
                break
            if not _along(a, b, direction, 1, width, height):
                continue
            chain = [a, b]
            for k in range(j + 1, len(pts)):
                c = pts[k]
                gap = c.time - chain[-1].time
                beats = round(gap / beat)
                if beats > 2:
                    break
                if beats < 1 or abs(gap - beats * beat) > beat_slack(beat, frame):
                    continue
                if _along(chain[-1], c, direction, beats, width, height):
                    chain.append(c)
            # some pieces must show a foot standing after its pulse: a steady mover (a ball
            # rolling through) breaks into pieces too, but never stands
            if len(chain) >= min_steps and _stood(chain, direction) and len(chain) > len(best):
                best = chain
    return best


def _stood(chain: list[Pulse], direction: int) -> bool:
    """Do at least two pulses of ``chain`` show a foot that stood after it: seen standing, or,
    where the foot faded into the background as it stopped (a dim, low-contrast shoe: every
    pulse ends its piece), the next pulse setting off from behind where it landed, as the other
    foot does, and the chain going forward as a walk does. A mover broken into pieces goes on
    from where each piece ended; a swinging thing sets off from behind but gets nowhere."""
    if sum(not p.cut for p in chain) >= 2:
        return True
    dist = float(np.median([p.dist for p in chain]))
    behind = sum((a.x - b.start) * direction >= 0.3 * dist for a, b in zip(chain, chain[1:]))
    advance = (chain[-1].x - chain[0].x) * direction
    return behind >= 2 and advance >= 0.25 * dist * (len(chain) - 1)


def _along(a: Pulse, b: Pulse, direction: int, beats: int, width: float, height: float) -> bool:
    """Is ``b`` a step of the walk ``a`` is on, ``beats`` beats later?"""
    ahead = (b.x - a.x) * direction
    return -0.02 * width <= ahead <= beats * width / 6.0 and abs(b.y - a.y) <= 0.06 * height


def extend_walks(walks: list[list[Impact]], candidates: list[Pulse], fps: float, width: float,
                 height: float) -> list[Pulse]:
    """Steps of known walks that their own trajectory couldn't show.

    A walk's blob breaks up: the feet come apart as a step lands, a foot stands still long enough
    to be taken into the background, the camera loses them for a frame. A pulse seen on a piece
    of the walk (``candidates``, from any trajectory) is a step of it when it goes the walk's way,
    falls on its beat (within 15 % of a beat and a frame and a half of the rhythm fitted to the
    steps so far, at most three beats from the nearest: two steps hidden between) and where the
    walk is at that moment (its steps' positions, fitted over time). Pulses that stopped standing come first;
    a pulse cut off by the split of the feet lands no earlier than the split, and no earlier than
    the walk's rhythm says (the feet may come apart a frame or two before the heel is down).
    """
    out: list[Pulse] = []
    frame = 1.0 / fps
    for steps in walks:
        # one contact per step (a walk's corner and its heel strike may both be there)
        ordered: list[Impact] = []
        for st in sorted(steps, key=lambda st: st.time):
            if not ordered or st.time - ordered[-1].time >= 0.25:
                ordered.append(st)
        if len(ordered) < 3:
            continue
        times = np.array([st.time for st in ordered])
        beat = _beat(np.diff(times))
        direction = -1 if ordered[0].feature == LEFT else 1
        xs = np.array([st.cx for st in ordered])
        ys = np.array([st.cy for st in ordered])
        px = np.polyfit(times, xs, 1)
        y_mid, y_tol = float(np.median(ys)), max(0.06 * height, 2.0 * float(np.ptp(ys)))
        taken = {int(round((t - times[0]) / beat)): float(t) for t in times}
        near = [c for c in candidates if c.direction == direction
                and abs(c.x - float(np.polyval(px, c.time))) <= 0.12 * width and abs(c.y - y_mid) <= y_tol]
        near.sort(key=lambda c: (c.cut, c.time))
        while True:
            # the rhythm so far: step k at t0 + k * beat, fitted to every step taken
            ks = np.array(sorted(taken), float)
            slope, t0 = np.polyfit(ks, np.array([taken[int(k)] for k in ks]), 1)
            hit = _on_the_rhythm(near, list(taken), t0, slope, frame)
            if hit is None:
                break
            k, halves, c, t = hit
            taken = {j * halves: tj for j, tj in taken.items()}
            taken[k] = t
            out.append(replace(c, time=float(t)))
    return out


def _on_the_rhythm(near: list[Pulse], taken: list[int], t0: float, beat: float, frame: float
                   ) -> tuple[int, int, Pulse, float] | None:
    """The first pulse of ``near`` that is the walk's next step (steps ``taken`` at ``t0 + k *
    beat``): on the beat within its slack, at most three beats from a step taken, on a beat not
    taken yet. Where the beat is :data:`ONE_FOOT_BEAT` or slower and none is, also half way
    between beats (the other foot). Returns (its index on the beat it is on, 1 or 2 for that
    beat's halving of ``beat``, the pulse, its time: no earlier than the beat for a pulse cut off
    by the feet's split), or None."""
    for halves in (1, 2) if beat >= ONE_FOOT_BEAT else (1,):
        now = beat / halves
        have = {j * halves for j in taken}
        for c in near:
            k = int(round((c.time - t0) / now))
            if (halves == 2 and k % 2 == 0) or k in have or min(abs(k - j) for j in have) > 3:
                continue
            on_beat = t0 + k * now
            if abs(c.time - on_beat) <= beat_slack(now, frame):
                return k, halves, c, (max(c.time, on_beat) if c.cut else c.time)
    return None


#: A walk's beat from which the steps found are one foot's (the other foot's hidden): a step
#: takes 0.4-0.75 s at any pace from a stroll to a brisk walk, so a beat of 0.8 s or more is two
#: steps. A pulse seen half way between two of them, on the walk's path, is the other foot.
ONE_FOOT_BEAT = 0.8


def regular_beats(gaps: np.ndarray, frame: float) -> bool:
    """A walking rhythm: steps 0.25-1.5 s apart, each gap a whole number of beats (a step the
    picture didn't show leaves a gap of two or three), to within a frame and a half of timing and
    15 % of tempo. The beat is the median of the gaps that are single beats."""
    if len(gaps) == 0:
        return False
    beat = _beat(gaps)
    if not 0.25 <= beat <= 1.5:
        return False
    beats = np.round(gaps / beat)
    return bool(np.all(beats >= 1) and beats.max() <= 3
                and np.all(np.abs(gaps - beats * beat) <= beat_slack(beat, frame)))


def _beat(gaps: np.ndarray) -> float:
    """A walk's beat from the gaps between its steps: the median of those that are single beats
    (a step the picture didn't show leaves one of two or three)."""
    return float(np.median(gaps[gaps <= 1.5 * gaps.min()]))


def beat_slack(beat: float, frame: float) -> float:
    """How far off its beat a step may land: 15 % of the tempo and a frame and a half of timing."""
    return 0.15 * beat + 1.5 * frame


def feet_trading_places(impacts: list[tuple[Impact, int]], walks: list[tuple[float, int]],
                        steps: set[tuple[int, int]]) -> list[tuple[Impact, int]]:
    """``impacts`` (contact, track) without the sideways turns of a walking track between its
    first and last step.

    Two feet close together make one blob, and as they trade places (one planted, the other
    swinging past it) its centroid and edges swing back and forth: each turn looks like a
    sideways bounce, off the walk's beat. Feet don't bounce sideways off anything mid-walk; a
    heel strike is a step (``steps``: (track, index) pairs), and a sideways stop is kept (a ball
    that lands in the same blob stops too). ``walks`` are the (time, track) of every step. A
    track with three or more is inside its own walk between its first and last; a track with
    one or two (a walk broken into pieces, each holding a step or two) is inside the walk
    where the turn falls between two of the walk's steps from any track, at most two beats and
    a half apart (a walk of four steps or more; blind35's slow walk put an impact on the
    back foot's lift between two steps of other pieces).
    """
    spans = _by_track(walks)
    every = sorted(t for t, _ in walks)
    beat = walk_beat(every)

    def inside_the_walk(t: float) -> bool:
        # between two of the walk's steps (any track's) no more than two beats and a half apart
        if beat is None:
            return False
        k = bisect.bisect_left(every, t)
        return 0 < k < len(every) and every[k] - every[k - 1] <= 2.5 * beat

    def trading(imp: Impact, tid: int) -> bool:
        span = spans.get(tid, ())
        if (tid, imp.index) in steps or not imp.reversal or imp.feature not in (CX, LEFT, RIGHT):
            return False
        if len(span) >= 3:
            return min(span) < imp.time < max(span)
        return len(span) >= 1 and inside_the_walk(imp.time)

    return [(imp, tid) for imp, tid in impacts if not trading(imp, tid)]


def on_the_beat(impacts: list[tuple[Impact, int]], walks: list[tuple[float, int]],
                steps: set[tuple[int, int]], frame: float) -> list[tuple[Impact, int]]:
    """``impacts`` with the set-downs of a walking track one beat before its first step or after
    its last made steps too (their (track, index) added to ``steps``, timed at the corner).

    A walk's first and last steps on a track are where its rhythm is least sure (the pulses
    there are cut off by the track's ends), so they are found as plain stops; a stop that falls
    on the walk's beat (within :func:`_slack` of it; ``frame``: seconds per frame) is the next
    step. Timed at the corner, as the heel strike that ends the foot's fall, not when the rest of
    the foot has settled."""
    # the plain median, not _beat: a track's list can hold one step twice (its corner and its
    # heel strike, ms apart), and _beat takes the smallest gap for a single beat
    beats = {tid: (min(ts), max(ts), float(np.median(np.diff(sorted(ts)))))
             for tid, ts in _by_track(walks).items() if len(ts) >= 3}
    out = []
    for imp, tid in impacts:
        if tid in beats and (tid, imp.index) not in steps and not imp.reversal:
            first, last, beat = beats[tid]
            slack = beat_slack(beat, frame)
            if abs(imp.time - (last + beat)) <= slack or abs(imp.time - (first - beat)) <= slack:
                steps.add((tid, imp.index))
                imp = replace(imp, settled=imp.time)
        out.append((imp, tid))
    return out


def walk_beat(steps: list[float]) -> float | None:
    """The beat of a walk's steps (times in order, every track's): their median gap; None under
    four steps (three gaps). Not :func:`_beat`, whose smallest-gap test one step found twice
    would break."""
    if len(steps) < 4:
        return None
    return float(np.median(np.diff(np.asarray(steps, np.float64))))


def missed_beats(steps: list[float], others: list[float], cuts: list[float]) -> list[tuple[int, float]]:
    """Where a steady walk skipped beats: (k, time) for each beat missing between ``steps[k]``
    and ``steps[k + 1]`` (times in order) in a gap of two or three beats (within a quarter
    beat), with nothing else heard (``others``: every contact's time) within a quarter beat of
    it and no cut between the two steps around it (a cut outside that gap leaves both steps and
    the beat in one shot).

    A step the picture hid (a foot behind the other, under a moving shadow, its blob merged with
    something for a moment) still sounds: a walker at a steady pace doesn't skip one, and a
    Foley artist walking along puts it in. Needs four steps (three gaps) for the beat."""
    beat = walk_beat(steps)
    if beat is None:
        return []
    times = np.asarray(steps, np.float64)
    gaps = np.diff(times)
    out = []
    for k, g in enumerate(gaps):
        n = int(round(g / beat))
        if n not in (2, 3) or abs(g - n * beat) > 0.25 * beat:
            continue
        for i in range(1, n):
            at = float(times[k] + i * g / n)
            cut = any(times[k] < c < times[k + 1] for c in cuts)
            if not cut and not any(abs(t - at) < 0.25 * beat for t in others):
                out.append((k, at))
    return out


def _by_track(walks: list[tuple[float, int]]) -> dict[int, list[float]]:
    """The step times of ``walks`` ((time, track) pairs) per track."""
    out: dict[int, list[float]] = {}
    for t, tid in walks:
        out.setdefault(tid, []).append(t)
    return out


#: How far off the midpoint of its neighbours (in frames) a steady walk's step must be before it
#: is re-timed there, and how far at most (in beats): a walker at a steady pace varies a step by
#: a few percent of it (a frame or less at 25-30 fps); a step found 1.5-2.5 frames off its beat
#: is timed by a blob that merged or broke (the other foot, a ball passing), not by the foot.
OFF_BEAT_FRAMES, OFF_BEAT_MAX = 1.5, 0.25


def steady_times(steps: list[float], frame: float, cuts: list[float]) -> list[float]:
    """``steps`` (a walk's step times in order, every track's) with each step that sits off the
    beat between two neighbours on it moved to their midpoint.

    A step is moved when: its neighbours are two beats apart (within a tenth of a beat; the beat
    is the median gap, needing four steps) with no cut between them; it lies at least
    :data:`OFF_BEAT_FRAMES` frames and at most :data:`OFF_BEAT_MAX` beats off their midpoint; and
    it is further off than either neighbour is off its own (of a late step and the early one
    beside it, the one that is off moves, not the one it pulled)."""
    beat = walk_beat(steps)
    if beat is None:
        return list(steps)
    t = np.asarray(steps, np.float64)
    off = np.zeros(len(t))
    steady = np.zeros(len(t), bool)
    off[1:-1] = t[1:-1] - 0.5 * (t[:-2] + t[2:])
    steady[1:-1] = np.abs(t[2:] - t[:-2] - 2.0 * beat) <= 0.1 * beat
    out = t.copy()
    for k in range(1, len(t) - 1):
        neighbours = max(abs(off[k - 1]), abs(off[k + 1]))
        if any(t[k - 1] < c < t[k + 1] for c in cuts):
            continue
        if (steady[k] and OFF_BEAT_FRAMES * frame <= abs(off[k]) <= OFF_BEAT_MAX * beat
                and abs(off[k]) > neighbours):
            out[k] = t[k] - off[k]
    return [float(x) for x in out]
