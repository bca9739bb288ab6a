"""Contact detection on trajectories: an abrupt stop or reversal of motion, timed to sub-frame
precision by intersecting the straight lines fitted just before and just after it.

"Abrupt" means a constant-acceleration curve through the samples on both sides fits much worse
than two lines meeting at a corner: the top of a thrown ball's arc (smooth) is no contact, the
ball hitting the floor (a corner) is.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from stemline.engine.foley.fits import lines, robust_spread
from stemline.engine.foley.hops import free_fall_corner, gravity

#: Feature columns of a trajectory: centroid then edges.
CX, CY, LEFT, RIGHT, TOP, BOTTOM = range(6)
#: Which sign of velocity makes an edge the leading one (it meets what the object hits).
_LEADING = {LEFT: -1, RIGHT: +1, TOP: -1, BOTTOM: +1}
#: Measurement noise floor per feature in pixels: centroids are averaged, edges are whole pixels.
_NOISE = (0.05, 0.05, 0.3, 0.3, 0.3, 0.3)


@dataclass(frozen=True)
class ImpactParams:
    """Detector settings.

    Speeds are in picture widths per second, so the same motion counts the same at any analysis
    resolution and frame rate; the ``*_px`` floors (pixels per frame) keep thresholds above
    what pixel quantisation alone can produce.

    Attributes
    ----------
    window : samples fitted on each side of a candidate contact.
    min_speed : incoming speed below which nothing counts as hitting anything.
    min_change : velocity change a contact must make.
    min_slam : incoming speed for a sideways stop: people and sliding things come to rest
        sideways all the time without a sound; only a fast stop is a slam.
    keep_ratio : outgoing speed along the incoming direction, as a share of the incoming speed,
        above which the motion merely slowed down.
    min_approach : speed over the last two frames before a contact, as a share of the speed
        over the two before those, under which the motion was easing to a halt by itself.
    min_score : corner strength (velocity change x misfit of a smooth curve / noise, in
        analysis pixels) below which a corner is the wobble of a measured shape, not a contact.
    max_area_ratio : how much the blob's area may vary around a contact (motion blur stretches
        a fast object; more than this is a merge, a split or an occlusion).
    corner : how many times the measurement noise a smooth curve must miss the samples by.
    """

    window: int = 3
    min_speed: float = 0.04
    min_change: float = 0.06
    min_slam: float = 0.2
    min_speed_px: float = 0.4
    min_change_px: float = 0.6
    keep_ratio: float = 0.4
    corner: float = 2.0
    max_area_ratio: float = 2.0
    min_score: float = 4.0
    min_approach: float = 0.6


@dataclass(frozen=True)
class Impact:
    """One detected contact on one trajectory.

    Attributes
    ----------
    time : seconds (sub-frame).
    index : sample index just before the contact (absolute, including the track's offset).
    cx, cy : centroid at the contact (analysis pixels).
    dvx, dvy : velocity change of the centroid (px/frame).
    feature : which coordinate showed it (see the CX..BOTTOM constants).
    reversal : True when the motion reversed (a bounce), False when it stopped.
    score : corner strength, for suppressing duplicates.
    area : mean pixel area around the contact.
    settled : for a stop, when the last of the object's leading edges and its centroid came to
        rest (seconds; ``time`` for a bounce). A foot is down when all of it is.
    """

    time: float
    index: int
    cx: float
    cy: float
    dvx: float
    dvy: float
    feature: int
    reversal: bool
    score: float
    area: float
    settled: float = 0.0


def no_gaps(tf: np.ndarray, fps: float, frame_steps: np.ndarray | None) -> np.ndarray:
    """Per step between samples (``tf`` in frames): no frame of the file is missing in it.

    ``frame_steps`` (seconds since the file's previous frame, per sample; 0 = unknown) lets a
    variable-frame-rate file (a phone dropping from 50 to 20 fps) be sampled more coarsely
    where it slows down without that looking like lost frames."""
    steps = np.diff(tf)
    expected = np.ones_like(steps)
    if frame_steps is not None and len(frame_steps) == len(tf):
        own = np.asarray(frame_steps[1:], np.float64) * fps
        expected = np.where(own > 0, np.maximum(own, 1.0), 1.0)
    return steps < 1.6 * expected


def min_speed_px(params: ImpactParams, fps: float, width: float) -> float:
    """The slowest motion (pixels per frame) that can hit anything, at this frame rate and width."""
    return max(params.min_speed_px, params.min_speed * width / fps)


def min_change_px(params: ImpactParams, fps: float, width: float) -> float:
    """The smallest velocity change (pixels per frame) a contact makes, at this rate and width."""
    return max(params.min_change_px, params.min_change * width / fps)


def _quad_rms(t: np.ndarray, y: np.ndarray) -> float:
    """RMS residual of the best constant-acceleration (quadratic) fit."""
    tt = t - t.mean()
    A = np.stack([np.ones_like(tt), tt, tt * tt], axis=1)
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    r = y - A @ coef
    return float(np.sqrt(np.mean(r * r)))


def _jitter(y: np.ndarray, j: int, reach: int = 8) -> float:
    """Robust spread of second differences around sample ``j``, the corner itself left out."""
    lo, hi = max(0, j - reach), min(len(y), j + reach + 2)
    d2 = np.diff(y[lo:hi], 2)
    idx = np.arange(lo, hi - 2)
    d2 = d2[(idx < j - 2) | (idx > j + 1)]
    if len(d2) < 4:
        return 0.4  # too short to tell: assume the wobble of a rasterised, turning shape
    return robust_spread(d2)


def _eased_stop(tf: np.ndarray, y: np.ndarray, j: int, hi: int, sign: float, rest: float,
                tau: float) -> float:
    """Time a motion that eased into its stop reached its rest position.

    Straight lines through a slowing approach meet the rest line too early (a foot set down
    slows before its heel lands). When the last step before the split is much shorter than the
    one before it, the contact is taken where the path itself comes within a small distance of
    rest instead.
    """
    step1 = (y[j] - y[j - 1]) * sign
    step2 = (y[j - 1] - y[j - 2]) * sign
    if step2 <= 0 or step1 > 0.8 * step2:
        return tau
    eps = max(0.3, 0.15 * step2)
    for k in range(j - 1, min(hi, len(y))):
        gap_now = (rest - y[k]) * sign
        if gap_now <= eps and k > 0:
            gap_before = (rest - y[k - 1]) * sign
            frac = (gap_before - eps) / max(gap_before - gap_now, 1e-9)
            return max(tau, float(tf[k - 1] + np.clip(frac, 0.0, 1.0) * (tf[k] - tf[k - 1])))
    return tau


def detect_impacts(times: np.ndarray, feats: np.ndarray, areas: np.ndarray, fps: float,
                   width: float, params: ImpactParams, *, offset: int = 0, first: int = 0,
                   last: int | None = None, screen: np.ndarray | None = None,
                   border: np.ndarray | None = None, frame_steps: np.ndarray | None = None,
                   gravity_hint: float | None = None) -> list[Impact]:
    """Find contacts on one trajectory.

    Parameters
    ----------
    times : (n,) sample times in seconds.
    feats : (n, 6) centroid and edges per sample (pixels).
    areas : (n,) pixel areas.
    fps : frame rate, to express velocities per frame.
    width : analysis picture width in pixels (speeds are relative to it).
    params : thresholds.
    offset : absolute index of sample 0 (reported in :attr:`Impact.index`).
    first, last : only report contacts whose "before" sample lies in [first, last) (used when a
        long track is processed in overlapping pieces).
    screen : (n, 2) centroid in the picture, when ``feats`` are stabilised coordinates: the
        contact's reported position comes from it.
    border : (n,) whether the object touched the picture edge; nothing is reported there (a
        shape cut off by the frame has a centroid that stops while the object doesn't).
    frame_steps : (n,) seconds since the file's previous frame at each sample (see
        :func:`no_gaps`); None: a constant frame rate.
    gravity_hint : the downward acceleration (px/frame²) of a bouncing ball whose track this one
        continues (see :func:`track_gravity`): the small hops are searched here too, though
        this piece shows no big bounce of its own, with this gravity where its own flights are
        too short to measure one.

    Returns
    -------
    Contacts in time order, at most one per ~2.5 frames.
    """
    n = len(times)
    m = params.window
    if n < 5:
        return []
    dt = 1.0 / fps
    px = width / fps  # pixels per frame for one picture width per second
    min_speed = min_speed_px(params, fps, width)
    min_change = min_change_px(params, fps, width)
    min_slam = max(min_speed, params.min_slam * px)
    # times in frames, so slopes are px/frame
    tf = (times - times[0]) * fps
    gaps_ok = no_gaps(tf, fps, frame_steps)
    # a step that lost one or two frames (it may hold the contact itself)
    short_gap = np.append(np.diff(tf) < 3.2, False)
    last = n if last is None else min(n, last)
    cands: list[Impact] = []
    tops: list[Impact] = []  # bounces only the top edge shows (see below)
    # Cheap vectorised pre-screen: velocity change between the two-point slopes just before and
    # just after each split, over all features. Smooth stretches (most of any trajectory) are
    # skipped before the least-squares fits below.
    jj = np.arange(n)
    lo_all = np.maximum(0, jj - m + 1)
    hi_all = np.minimum(n - 1, jj + m)
    nxt = np.minimum(n - 1, jj + 1)
    span_b = np.maximum(tf[jj] - tf[lo_all], 1e-9)[:, None]
    span_a = np.maximum(tf[hi_all] - tf[nxt], 1e-9)[:, None]
    vb = (feats[jj] - feats[lo_all]) / span_b
    va = (feats[hi_all] - feats[nxt]) / span_a
    maybe = np.max(np.abs(va - vb), axis=1) >= 0.5 * min_change
    for j in range(max(1, first), min(n - 2, last)):
        if not maybe[j]:
            continue
        lo, hi = max(0, j - m + 1), min(n, j + m + 1)
        if not _window_ok(areas, gaps_ok, border, lo, hi, params, j if short_gap[j] else -1):
            # A box that hung still leaves a ghost in the background model that its blob takes
            # in as it starts to fall, doubling its area: where the window's first samples are
            # that much bigger than the rest, the landing can still be measured on the last two
            # samples before it, as on a trajectory born there (_born_landing).
            if (j - 1 <= lo or float(areas[lo:j - 1].max()) < 1.5 * float(np.median(areas[j - 1:hi]))
                    or not _window_ok(areas, gaps_ok, border, j - 1, hi, params)):
                continue
            lo = j - 1
        a_before = float(areas[lo:j + 1].mean())
        a_after = float(areas[j + 1:hi].mean())
        tb, ta, tw = tf[lo:j + 1], tf[j + 1:hi], tf[lo:hi]
        # straight-line fits of all six coordinates at once, before and after the split
        A1, V1, R1 = lines(tb, feats[lo:j + 1])
        A2, V2, R2 = lines(ta, feats[j + 1:hi])
        # incoming centroid speed: a contact stops the main motion, not a sideways wobble of it
        total = float(np.hypot(V1[CX], V1[CY]))
        best: tuple[float, int, float, bool] | None = None
        trailing: list[tuple[float, float] | None] = [None, None]  # sideways, vertical
        down: tuple[float, int, float, bool] | None = None
        top_bounce: tuple[float, int, float, bool] | None = None
        edge_turned = False  # the leading sideways edge turned back here (see below)
        for f in range(6):
            a1, v1, r1 = float(A1[f]), float(V1[f]), float(R1[f])
            a2, v2, r2 = float(A2[f]), float(V2[f]), float(R2[f])
            sign = 1.0 if v1 > 0 else -1.0
            # the trailing edge (the top of a falling thing, the back of a sliding one) is
            # measured for timing only, see below
            is_trailing = f in _LEADING and _LEADING[f] != sign
            if is_trailing and f not in (TOP, LEFT, RIGHT):
                continue
            if is_trailing and f == TOP and sign < 0:
                continue
            speed = abs(v1)
            along = v2 * sign
            change = abs(v2 - v1)
            if speed < min_speed or along > params.keep_ratio * speed or change < min_change:
                continue
            # (a foot coming down while it still moves forward: its fall is the smaller part)
            if speed < (0.25 if f in (CY, TOP, BOTTOM) and sign > 0 else 0.5) * total:
                continue
            reversal = along < -0.15 * speed
            if reversal and f in (LEFT, RIGHT) and not is_trailing:
                edge_turned = True  # at the speed the whole object moved, whatever the corner
            if reversal and f in (CY, TOP, BOTTOM) and sign < 0:
                # Up turning into down is what gravity does at the top of every hop; what hits
                # something from below (a ceiling) is rare. (A ball coming back off a far wall
                # can look like this too: seen along the depth it is lost either way.)
                continue
            if j >= 4 and gaps_ok[j - 4:j].all():
                # Something that hits keeps its speed (or gains it, falling) up to the contact; a
                # pendulum turning, a lamp swinging, a box braked by friction, a foot easing
                # forward all slow down first.
                # An abrupt contact after a slowing approach (a ball rising into a wall) still
                # changes its velocity far more in one frame than the slowing did in two.
                late = 0.5 * (feats[j, f] - feats[j - 2, f]) * sign
                early = 0.5 * (feats[j - 2, f] - feats[j - 4, f]) * sign
                if early > 0 and late < params.min_approach * early and change < 2.5 * (early - late):
                    continue
            if not reversal:
                if f in (CY, TOP, BOTTOM) and sign < 0:
                    continue  # rising motion that ends is lifting or reaching, not a contact
                if f in (CX, LEFT, RIGHT) and speed < min_slam:
                    continue
            # a corner of size `change` leaves a smooth fit 0.08..0.14 x change off; demand part
            # of that, more than the measurement noise, and clearly more than the corner model
            fit = float(np.sqrt(0.5 * (r1 * r1 + r2 * r2)))
            noise = max(_NOISE[f], fit)
            if change < 3.0 * _jitter(feats[:, f], j):
                continue  # no bigger than the wobble this trajectory has anyway
            rq = _quad_rms(tw, feats[lo:hi, f])
            if rq < 0.04 * change or rq < params.corner * _NOISE[f] or rq < 1.3 * fit:
                continue
            if v1 == v2:
                continue
            if f not in (CX, CY):
                # an edge corner must move the whole object too: the edges of a turning or
                # deforming shape have corners of their own that no contact made
                c = CX if f in (LEFT, RIGHT) else CY
                w1, w2 = float(V1[c]), float(V2[c])
                if (w2 - w1) * (v2 - v1) <= 0 or abs(w2 - w1) < 0.25 * change:
                    continue
            tau = (a2 - a1) / (v1 - v2)
            if not tf[j] - 0.6 <= tau <= tf[j + 1] + 0.6:
                continue
            if not reversal and j >= 2:
                tau = _eased_stop(tf, feats[:, f], j, hi, sign, a2 + v2 * tf[j + 1], tau)
            score = change * rq / noise
            if is_trailing:
                axis = 1 if f == TOP else 0
                if trailing[axis] is None or score > trailing[axis][0]:
                    trailing[axis] = (score, float(tau))
                if f == TOP and reversal:
                    top_bounce = (score, f, float(tau), reversal)
                continue
            if f in (CY, BOTTOM) and sign > 0 and (down is None or score > down[0]):
                down = (score, f, float(tau), reversal)
            if best is None or score > best[0]:
                best = (score, f, float(tau), reversal)
        fallback = False
        if (best is None or best[0] < params.min_score) and top_bounce is not None \
                and top_bounce[0] >= params.min_score:
            # On a polished floor the blob takes in the ball's mirror image near each contact,
            # on and off from frame to frame: centroid and bottom edge jump by half the ball's
            # height, while the top edge, away from the floor, still draws the bounce. Only
            # where nothing else shows the contact, and a quarter as strong: it never displaces
            # a contact another feature (or the hop search) timed.
            best, fallback = (0.25 * top_bounce[0], *top_bounce[1:]), True
        elif best is None or best[0] < params.min_score:
            continue
        score, f, tau, rev = best
        if f in (CX, LEFT, RIGHT) and not rev and down is not None and down[0] >= 0.15 * score:
            # A sideways stop with a downward one at the same moment is a foot or an object set
            # down: the contact is the vertical one (the sideways motion may ease out earlier).
            score, f, tau, rev = down
        back = trailing[1] if f in (CY, TOP, BOTTOM) else trailing[0]
        if back is not None and back[0] >= 0.2 * score:
            # Meeting a floor or a wall, the object's contact shadow, its reflection, motion
            # blur and the surface's own edge pull its leading edge and centroid ahead of it;
            # the edge away from the contact moves with the object alone.
            tau = back[1]
        # centroid velocity change (px/frame) from the same windows, for strength and kind
        vx1, vx2, vy1, vy2 = float(V1[CX]), float(V2[CX]), float(V1[CY]), float(V2[CY])
        if not rev and j + 1 - lo < m and not _born_landing(feats, lo, j, hi, f, width):
            # A stop seen after only two samples of a trajectory just born: its first sample is
            # as often another blob it was linked to (the gate is wide before there is a
            # velocity) as the object coming in; a bounce's rebound says more, a stop doesn't
            # (unless it is a landing that looks like one, see _born_landing).
            continue
        if f in (CX, LEFT, RIGHT) and rev and score < 2.0 * params.min_score:
            continue  # a weak sideways turn in mid-air: a swing's end, far more often than a wall
        if f == CX and rev and not edge_turned:
            # A sideways turn of the centroid that the leading edge (the one that would meet a
            # wall) doesn't make: the blob's mass swung back and forth, as two feet in one blob
            # do when one swings past the other. A ball off a wall turns at that edge too.
            continue
        if f in (CY, TOP, BOTTOM) and not rev and abs(vy2 - vy1) < 0.7 * abs(vx2 - vx1):
            continue  # "landing" whose motion changed mostly sideways: a swing through its lowest point
        cx, cy = _at(screen if screen is not None else feats[:, :2], tf, j, tau)
        t_abs = float(times[0] + tau * dt)
        settled = tau if rev else _settled(tau, tf, feats, j, lo, hi, V1, min_speed)
        (tops if fallback else cands).append(
            Impact(t_abs, offset + j, cx, cy, vx2 - vx1, vy2 - vy1, f, rev, score,
                   0.5 * (a_before + a_after), float(times[0] + settled * dt)))
    kept = _suppress(cands, dt)
    tops = _suppress(tops, dt)
    if bounced(kept) or bounced(tops) or gravity_hint is not None:
        # it bounced (here, or as the track it continues): look for the hops too small for
        # straight lines (hops.py)
        hops = _hops(times, tf, feats, areas, gaps_ok, border, params, min_speed, min_change,
                     range(max(1, first), min(n - 2, last)), offset, screen, dt, gravity_hint)
        kept += [h for h in _suppress(hops, dt) if all(abs(h.time - k.time) > 2.5 * dt for k in kept)]
        kept.sort(key=lambda c: c.time)
    if tops:  # the top edge's bounces, last: where neither a corner nor a hop was found
        kept += [c for c in tops if all(abs(c.time - k.time) > 2.5 * dt for k in kept)]
        kept.sort(key=lambda c: c.time)
    return _airborne(kept, times, feats, width)


def _airborne(kept: list[Impact], times: np.ndarray, feats: np.ndarray, width: float) -> list[Impact]:
    """Drop a bounce that no hop led up to.

    Between two bounces a ball flies: it rises and falls back, by ``g dt^2 / 8`` for a hop of
    ``dt``. A ball that has come to rest (or rolls) only wobbles by a pixel as grain, its shadow
    and the light change its outline, and that wobble can have corners. So a bounce that follows
    another on the same trajectory must have risen in between by more than that wobble (half a
    percent of the picture's width: 1.6 pixels at 320), and by at least 0.3 of what the same
    gravity gave the hops before it (measured on the rendered corpus: real hops 0.41-1.0 of it
    and 3.4 pixels or more, wobbles of a ball at rest 0.12-0.23 of it and 1.1-1.6 pixels). A
    first bounce (or one over a second after the last) must have come down into it by as much
    within the 0.3 s before: a ball lying still in a shaking picture wobbles too."""
    out: list[Impact] = []
    prev: Impact | None = None
    k_max = 0.0
    for imp in kept:
        vertical_bounce = imp.reversal and imp.feature in (CY, TOP, BOTTOM)
        if not vertical_bounce:
            out.append(imp)
            continue
        if prev is None or imp.time - prev.time >= 1.0:
            # the first bounce (or one long after the last): it must have come down into it
            sel = (times > imp.time - 0.3) & (times < imp.time)
            if sel.any():
                y_contact = float(np.interp(imp.time, times, feats[:, CY]))
                if y_contact - float(feats[sel, CY].min()) < 0.005 * width:
                    continue
        else:
            sel = (times > prev.time) & (times < imp.time)
            span = (imp.time - prev.time) ** 2
            if sel.any() and span > 0:
                y_contact = max(float(np.interp(prev.time, times, feats[:, CY])),
                                float(np.interp(imp.time, times, feats[:, CY])))
                rise = y_contact - float(feats[sel, CY].min())
                if rise < 0.005 * width or rise < 0.3 * k_max * span:
                    continue
                k_max = max(k_max, rise / span)
        out.append(imp)
        prev = imp
    return out


def _born_landing(feats: np.ndarray, lo: int, j: int, hi: int, f: int, width: float) -> bool:
    """Can a downward stop two samples into a trajectory be trusted after all?

    A box that hung still until it fell was part of the background model: its blob appears
    only as it falls (at first in pieces, beside the ghost of where it hung), so a short drop
    lands two samples after its trajectory began. Such a landing is believed when the first
    step was a fall of one rigid thing (the top edge moved no more than about twice the
    bottom; where the first sample was another blob, the outline jumps; and it fell less than
    its own height in that frame, as a box does over a short drop) and everything stopped
    with it (centroid and the contact's edge still to within 1 % of the width afterwards; a
    thing still falling, or a fragment that merely stopped growing, keeps moving)."""
    fell = float(feats[j, f] - feats[lo, f])
    # (and fell fast: a blob's outline wobbles by a few pixels in the grain)
    if f not in (CY, BOTTOM) or fell < 0.015 * width:
        return False
    rest = feats[j + 1:hi]
    if max(float(np.ptp(rest[:, CY])), float(np.ptp(rest[:, f]))) > 0.01 * width:
        return False
    top = float(feats[j, TOP] - feats[lo, TOP])
    bottom = float(feats[j, BOTTOM] - feats[lo, BOTTOM])
    height = float(feats[j, BOTTOM] - feats[j, TOP])
    # a small ball falls further than its own size in a frame, and its first sample is
    # seldom itself: it is caught in flight and bounces, and its "stops" are the wobble of a
    # blob that size
    return top <= 2.0 * max(bottom, 0.0) + 0.005 * width and fell < height


def _settled(tau: float, tf: np.ndarray, feats: np.ndarray, j: int, lo: int, hi: int, V1: np.ndarray,
             min_speed: float) -> float:
    """When the centroid and the leading edges came to rest (frames): the end of the last frame
    in which any of them still moved a quarter of its approach speed, never before ``tau``.

    A foot eases into its stop, so straight lines through the approach meet the rest line a
    frame or more early, and the centroid of its blob (which holds the standing foot, the
    contact shadow or the ghost of where it stood) stops before its outline. The heel is down
    when all of the foot has stopped.
    """
    leading = [CX, CY, RIGHT if V1[CX] > 0 else LEFT]
    if V1[CY] > 0:
        leading.append(BOTTOM)
    out = tau
    for f in leading:
        steps = np.abs(np.diff(feats[lo:hi, f]))
        peak = float(steps[: j - lo].max()) if j > lo else 0.0
        if peak < min_speed:
            continue
        moving = np.nonzero(steps >= max(min_speed, 0.25 * peak))[0]
        # only an eased stop: already slower than the approach before its last moving frame (a
        # thing that hits at full speed stops within that frame, where the corner says)
        if len(moving) >= 2 and steps[moving[-1] - 1] < 0.75 * peak:
            last = lo + 1 + int(moving[-1])
            out = max(out, float(min(tf[last], tf[j + 1] + 1.0)))
    return out


def _suppress(cands: list[Impact], dt: float) -> list[Impact]:
    """Non-maximum suppression: one contact per corner, in time order."""
    kept: list[Impact] = []
    # Two windows around one corner can score the same up to the last bits, which differ with
    # the CPU's vector width (AVX-512 sums in another order than AVX2); compared to 9 digits,
    # with the earlier one first on a tie, the same contact wins on every machine.
    for c in sorted(cands, key=lambda c: (-float(f"{c.score:.9g}"), c.time)):
        if all(abs(c.time - k.time) > 2.5 * dt for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c.time)
    return kept


def _window_ok(areas: np.ndarray, gaps_ok: np.ndarray, border: np.ndarray | None, lo: int, hi: int,
               params: ImpactParams, split: int = -1) -> bool:
    """Can samples ``lo:hi`` show a contact? m samples each side (at the ends of a trajectory, a
    cut or the object leaving, two do), no missing frames (but for a frame or two at ``split``,
    the step the contact is looked for in: the blob at the moment of contact is the one most
    often lost), away from the picture's edge, and a shape that holds still."""
    ok = gaps_ok[lo:hi - 1].copy()
    if lo <= split < hi - 1:
        ok[split - lo] = True
    if hi - lo < 5 or not ok.all():
        return False
    if border is not None and border[lo:hi].any():
        return False
    # the shape changes (turning, occlusion, merging): its centroid wobbles
    return _steady(areas[lo:hi], params.max_area_ratio, 1.5)


def _steady(aw: np.ndarray, ratio: float, slack: float) -> bool:
    """Does a blob's area stay within ``ratio`` of its smallest, plus up to ``slack`` more for a
    small blob (under 100 px its measured area is noisy: grain, blur, a contact shadow)?"""
    small = float(aw.min())
    limit = ratio + slack * float(np.clip((100.0 - small) / 70.0, 0.0, 1.0))
    return float(aw.max()) <= limit * max(small, 1.0)


def _at(pos: np.ndarray, tf: np.ndarray, j: int, tau: float) -> tuple[float, float]:
    """Where a contact at ``tau`` (frames, between samples ``j`` and ``j + 1``) was seen."""
    frac = float(np.clip(tau - tf[j], 0.0, 1.0))
    return (float(pos[j, 0] + frac * (pos[j + 1, 0] - pos[j, 0])),
            float(pos[j, 1] + frac * (pos[j + 1, 1] - pos[j, 1])))


def bounced(contacts: list[Impact]) -> bool:
    """Whether any of ``contacts`` is a vertical reversal: a bounce, what a ball does."""
    return any(k.reversal and k.feature in (CY, TOP, BOTTOM) for k in contacts)


def _gravity(tf: np.ndarray, y: np.ndarray, min_speed: float) -> float | None:
    d2 = np.diff(y, 2)
    spread = robust_spread(d2) if len(d2) >= 4 else 0.4
    # a centroid's position noise is about a third of its second differences' spread
    return gravity(tf, y, min_speed=min_speed, noise=max(0.3, 0.6 * spread))


def track_gravity(times: np.ndarray, feats: np.ndarray, fps: float, width: float,
                  params: ImpactParams) -> float | None:
    """A track's downward acceleration in px/frame² (its free flights), or None."""
    if len(times) < 8:
        return None
    return _gravity((times - times[0]) * fps, feats[:, CY], min_speed_px(params, fps, width))


def _hops(times: np.ndarray, tf: np.ndarray, feats: np.ndarray, areas: np.ndarray, gaps_ok: np.ndarray,
          border: np.ndarray | None, params: ImpactParams, min_speed: float, min_change: float,
          splits: range, offset: int, screen: np.ndarray | None, dt: float,
          gravity_hint: float | None = None) -> list[Impact]:
    """Bounces of the centroid in the track's free-fall frame (see ``hops.py``)."""
    y = feats[:, CY]
    g = _gravity(tf, y, min_speed)
    if g is None:
        g = gravity_hint
    if g is None:
        return []
    m = params.window
    n = len(y)
    out: list[Impact] = []
    # Falling into the split and stopped by it in the picture itself, not just in the free-fall
    # frame: there, a ball lying still rises on both sides of any moment. Screened for all
    # splits at once; the fits below run only where it holds.
    jj = np.arange(n)
    lo_all, hi_all = np.maximum(0, jj - m + 1), np.minimum(n, jj + m + 1)
    nxt = np.minimum(n - 1, jj + 1)
    fall_all = (y - y[lo_all]) / np.maximum(tf - tf[lo_all], 1e-9)
    rise_all = (y[hi_all - 1] - y[nxt]) / np.maximum(tf[hi_all - 1] - tf[nxt], 1e-9)
    maybe = (fall_all >= min_speed) & (fall_all - rise_all >= min_change)
    for j in splits:
        if not maybe[j]:
            continue
        lo, hi = max(0, j - m + 1), min(n, j + m + 1)
        if not _window_ok(areas, gaps_ok, border, lo, hi, params):
            continue
        # a steadier shape than the main detector asks for: a blob that is being absorbed into
        # the background (a ball lying still) shrinks, and its centroid sinks
        if not _steady(areas[lo:hi], 1.5, 1.0):
            continue
        corner = free_fall_corner(tf, y, j, lo, hi, g, min_speed)
        if corner is None:
            continue
        v1, v2, tau, fit, one_arc = corner
        change = v1 - v2
        # It need not rise again: a ball coming towards the camera keeps moving down the
        # picture after each bounce, and the last hop lands in rest. It must lose most of its
        # fall at once.
        if v1 < min_speed or change < max(min_change, 0.6 * v1):
            continue
        # five standard deviations of a change measured from two 3-sample lines (the main
        # detector's 3 x spread is about seven: that track may be anything, this one bounced)
        if change < 2.0 * _jitter(y, j):
            continue
        noise = max(_NOISE[CY], fit)
        if one_arc < params.corner * _NOISE[CY] or one_arc < 1.3 * fit:
            continue
        score = change * one_arc / noise
        if score < params.min_score:
            continue
        cx, cy = _at(screen if screen is not None else feats[:, :2], tf, j, tau)
        dvx = (float(feats[min(n - 1, j + 2), CX] - feats[j + 1, CX])
               - float(feats[j, CX] - feats[max(0, j - 1), CX]))
        t_abs = float(times[0] + tau * dt)
        out.append(Impact(t_abs, offset + j, cx, cy, dvx, -change, CY, True, score,
                          float(areas[lo:hi].mean()), t_abs))
    return out
