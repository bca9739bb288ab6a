"""Bounces across a broken track: a fall that ends where a rise begins.

At the moment of contact a small object's blob often stops being itself for a frame or two: on
a shiny floor it meets its own reflection (the blob doubles in height), on any floor its contact
shadow joins it, and motion blur smears the turn. The tracker rightly ends a trajectory whose
blob jumps in size, and starts another after it, so neither piece holds the corner the contact
detector looks for. Here the end of one trajectory (its *tail*) is set against the start of
another (its *head*): if the first was falling, the second rises from the same place a few
frames later, and their straight lines meet inside the gap, that is a bounce. The same holds
inside one trajectory across the samples where its blob was ball and reflection together
(:func:`within`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from stemline.engine.foley.fits import lines
from stemline.engine.foley.impacts import CY, Impact

#: Samples at each end of a trajectory that a bridge looks at.
ENDS = 3
#: Most frames between a tail's last sample and a head's first. A ball that lands beside another
#: (or a box, a foot) is one blob with it for up to a third of a second: 4.5 -> 8.5 frames found 9
#: more bounces on 129 rendered scenes, none false (drops-held2, read after: one more, and one
#: bounce that another track also found heard twice). Timing the meeting of two parabolas of one
#: shared gravity instead of straight lines across such gaps was tried: five unknowns from six
#: samples moved two of the bounces 30-70 ms off.
MAX_GAP = 8.5
#: Most times one end's blob may be the size of the other's and still be one object: across a
#: gap of up to SHORT_GAP frames, where one side may be the ball with its mirror image; across a
#: longer one (the ball merged with a neighbour, each side the ball alone), LONG_SAME_SIZE (the
#: true ones on the rendered scenes are within 1.7; the one false one, a ball's fall against the
#: rise of two balls together, 2.3).
SAME_SIZE, SHORT_GAP, LONG_SAME_SIZE = 3.5, 4.5, 2.0


@dataclass(frozen=True)
class End:
    """The first or last :data:`ENDS` samples of a trajectory.

    Attributes
    ----------
    track : the trajectory's id.
    index : absolute index of the sample next to the gap (a tail's last, a head's first).
    shot : how many cuts came before it (stabilised coordinates start again at each cut).
    times : (k,) seconds.
    feats : (k, 2) stabilised centroid.
    screen : (k, 2) centroid in the picture.
    areas : (k,) pixel areas.
    cut_short : a tail that ends before the trajectory did, at its lowest point
        (:func:`tails_of`).
    """

    track: int
    index: int
    shot: int
    times: np.ndarray
    feats: np.ndarray
    screen: np.ndarray
    areas: np.ndarray
    cut_short: bool = False


def end_of(track_id: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray, areas: np.ndarray,
           border: np.ndarray, offset: int, shot: int, *, head: bool) -> End | None:
    """The head or tail of a trajectory, or None when it is too short or touches the picture's
    edge there (a shape cut off by the frame has no trustworthy centroid)."""
    if len(times) < ENDS:
        return None
    start = 0 if head else len(times) - ENDS
    return _samples(track_id, start, offset + (0 if head else len(times) - 1), times, feats, screen, areas,
                    border, shot)


def tails_of(track_id: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray, areas: np.ndarray,
             border: np.ndarray, offset: int, shot: int) -> list[End]:
    """The tail of a trajectory that ended, and, when it ended a sample or two after its lowest
    point (a ball seen at the floor and once on the way up, then lost in its own motion blur),
    the tail ending at that point as well: a corner needs more samples after it than that, and
    the rise picked up by the next trajectory may belong to it."""
    out: list[End] = []
    tail = end_of(track_id, times, feats, screen, areas, border, offset, shot, head=False)
    if tail is not None:
        out.append(tail)
    n = len(times)
    y = feats[:, CY]
    for after in (1, 2):
        low = n - 1 - after
        if low + 1 < ENDS:
            break
        # the lowest sample, and everything after it higher up the picture
        if (y[low + 1:] < y[low]).all() and y[low] > y[low - 1]:
            end = _samples(track_id, low + 1 - ENDS, offset + low, times, feats, screen, areas, border, shot)
            if end is not None:
                out.append(replace(end, cut_short=True))
            break
    return out


#: Most samples a trajectory may go on for after a rise began, for its fall before that to be
#: set against the rise (:func:`tail_before`).
OVERLAP = 3


class LastSamples(NamedTuple):
    """The last samples of a trajectory that ended (:func:`tail_before`'s arguments but the
    rise's start): its id, sample times, features, picture positions, areas and border flags,
    the absolute index of the first of them, and the shot it was in."""

    track: int
    times: np.ndarray
    feats: np.ndarray
    screen: np.ndarray
    areas: np.ndarray
    border: np.ndarray
    offset: int
    shot: int


def tail_before(track_id: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray, areas: np.ndarray,
                border: np.ndarray, offset: int, shot: int, start: float) -> End | None:
    """The tail of a trajectory that ended, cut where another's rise began (``start``, seconds)
    while it still went on, or None.

    On a shiny floor a falling ball meets its mirror image at the contact; the blob of the two
    goes on down the picture with the image, the tracker keeps that trajectory, and the ball's
    rise becomes a trajectory of its own that starts before the first one ends: no gap between
    them for :func:`bridge` to look across. The fall up to the rise's first frame has one."""
    if not float(times[0]) < start <= float(times[-1]) + 1e-6:
        return None
    k = int(np.searchsorted(times, start - 1e-6))  # samples before the rise's first
    if k < ENDS or len(times) - k > OVERLAP:
        return None
    end = _samples(track_id, k - ENDS, offset + k - 1, times, feats, screen, areas, border, shot)
    return None if end is None else replace(end, cut_short=True)


def _samples(track_id: int, start: int, index: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray,
             areas: np.ndarray, border: np.ndarray, shot: int, count: int = ENDS) -> End | None:
    """Samples ``start .. start + count`` of a trajectory as an :class:`End` whose sample next to
    the gap is ``index``, or None where the object touched the picture's edge."""
    sl = slice(start, start + count)
    if border[sl].any():
        return None
    return End(track_id, index, shot, times[sl].copy(), feats[sl, :2].copy(), screen[sl].copy(),
               areas[sl].copy())


def bridge(tail: End, head: End, fps: float, min_speed: float, min_change: float,
           min_score: float, *, same_track: bool = False) -> Impact | None:
    """The bounce joining ``tail`` (a fall that ended) to ``head`` (a rise that began), or None.

    The two must be one object: about the same size, each moving in a straight line, the fall
    fast enough to hit anything, the rise a real rebound, and the two lines meeting (in height
    and across) inside the gap. A swing through its lowest point turns smoothly and sideways; a
    bounce reverses the vertical motion at a corner.
    """
    if tail.shot != head.shot or (tail.track == head.track) != same_track:
        return None
    t_end, t_start = float(tail.times[-1]), float(head.times[0])
    gap = (t_start - t_end) * fps
    if not 0.5 < gap <= MAX_GAP:
        return None
    a_tail, a_head = float(np.median(tail.areas)), float(np.median(head.areas))
    # one side may be the ball merged with its mirror image (twice its size) and blurred: up
    # to SAME_SIZE times the other (2.5 -> 3.5 found two bounces on the 68 rendered scenes and
    # added no false; the fifteenth blind set read the same either way)
    if max(a_tail, a_head) > (SAME_SIZE if gap <= SHORT_GAP else LONG_SAME_SIZE) * max(1.0, min(a_tail, a_head)):
        return None
    t0 = t_end
    tb, ta = (tail.times - t0) * fps, (head.times - t0) * fps
    A1, V1, R1 = lines(tb, tail.feats)
    A2, V2, R2 = lines(ta, head.feats)
    vy1, vy2 = float(V1[1]), float(V2[1])
    vx1, vx2 = float(V1[0]), float(V2[0])
    # falling (down the picture) into the gap, rising out of it
    if vy1 < min_speed or vy2 > -0.15 * vy1:
        return None
    # a lowest point inside a trajectory is also where a swinging lamp's blob turns: only a
    # fall steeper than sideways is taken for a bounce there
    if tail.cut_short and vy1 < abs(vx1):
        return None
    # every step of each side going that way, not a wobble that averages into a slope (the
    # blob of a foot planted on the floor jitters by pixels as its outline changes)
    if (np.diff(tail.feats[:, 1]) < 0.4 * vy1).any() or (np.diff(head.feats[:, 1]) > 0.4 * vy2).any():
        return None
    change = vy1 - vy2
    if change < min_change or change < 1.5 * abs(vx2 - vx1):
        return None
    # straight enough on each side to be one moving thing (gravity bends three samples by far
    # less than this)
    if max(float(R1[1]), float(R2[1])) > max(1.0, 0.25 * vy1):
        return None
    tau = (float(A2[1]) - float(A1[1])) / (vy1 - vy2)
    if not -0.5 <= tau <= gap + 0.5:
        return None
    # where each line is across at that moment: the same place, within the object's size
    radius = float(np.sqrt(min(a_tail, a_head) / np.pi))
    x1, x2 = float(A1[0]) + vx1 * tau, float(A2[0]) + vx2 * tau
    if abs(x1 - x2) > max(2.5, 1.5 * radius + abs(vx1) + abs(vx2)):
        return None
    # and the fall's own line must not run past where the rise starts by more than the object
    y_meet = float(A1[1]) + vy1 * tau
    if y_meet - float(head.feats[0, 1]) > 3.0 * radius + 2.0 * abs(vy2):
        return None
    # the same strength measure as a corner on one trajectory: the velocity change over the
    # noise, times how badly the gap's missing samples would have to bend a smooth curve
    noise = max(0.3, float(np.hypot(R1[1], R2[1])))
    score = change * min(change, 0.5 * gap * change) / noise
    if score < min_score:
        return None
    s1 = lines(tb, tail.screen)
    s2 = lines(ta, head.screen)
    sx = 0.5 * ((s1[0][0] + s1[1][0] * tau) + (s2[0][0] + s2[1][0] * tau))
    sy = 0.5 * ((s1[0][1] + s1[1][1] * tau) + (s2[0][1] + s2[1][1] * tau))
    return Impact(time=t0 + tau / fps, index=tail.index, cx=float(sx), cy=float(sy), dvx=vx2 - vx1,
                  dvy=vy2 - vy1, feature=CY, reversal=True, score=float(score),
                  area=0.5 * (a_tail + a_head), settled=t0 + tau / fps)


def fall_depth(tail: End, time: float, fps: float) -> float:
    """How far down the picture (stabilised y) the tail's fall had come at ``time`` (seconds),
    carried on along its straight line: where a ball bridged across a gap of a few frames
    met the floor, lower than either end saw it."""
    t0 = float(tail.times[-1])
    a, v, _ = lines((tail.times - t0) * fps, tail.feats)
    return float(a[1]) + float(v[1]) * (time - t0) * fps


def within(track_id: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray, areas: np.ndarray,
           border: np.ndarray, offset: int, shot: int, fps: float, min_speed: float, min_change: float,
           min_score: float, *, first: int = 0, last: int | None = None) -> list[Impact]:
    """Bounces inside one trajectory across a few samples that don't show the ball alone.

    When the ball and its reflection (or shadow) make one blob for a frame or two at the
    contact but the tracker kept the trajectory going (the blob grew by less than it allows),
    or the ball was not seen at all for a frame there (the tracker bridges one), those samples
    are the gap between a tail and a head of the same trajectory: runs of at most three samples
    whose area is over 1.5 times what the samples around them have, and missing frames. Only
    gaps whose last sample before lies in ``[first, last)`` are reported."""
    n = len(times)
    last = n if last is None else min(n, last)
    gaps: list[tuple[int, int]] = []  # (last sample before, first sample after)
    k = ENDS
    while k <= n - ENDS:
        if (times[k] - times[k - 1]) * fps > 1.5:
            gaps.append((k - 1, k))
        if k < n - ENDS:
            ref = float(np.median(np.concatenate([areas[k - ENDS:k], areas[k + 1:k + 1 + ENDS]])))
            if areas[k] > 1.5 * ref:
                run_end = k
                while run_end + 1 < n - ENDS and run_end - k < 2 and areas[run_end + 1] > 1.5 * ref:
                    run_end += 1
                gaps.append((k - 1, run_end + 1))
                k = run_end + 1
                continue
        k += 1
    out: list[Impact] = []
    for before_end, after_start in gaps:
        if not first <= before_end < last:
            continue
        tail = _samples(track_id, before_end + 1 - ENDS, offset + before_end, times, feats, screen, areas,
                        border, shot)
        head = _samples(track_id, after_start, offset + after_start, times, feats, screen, areas, border, shot)
        if tail is None or head is None:
            continue
        imp = bridge(tail, head, fps, min_speed, min_change, min_score, same_track=True)
        if imp is not None:
            out.append(imp)
    return out


#: Samples of a trajectory seen only around its contact: two falling, two rising.
GLIMPSE = 4
#: What four samples must show to be a ball and not a patch of flicker (a render's dark corner,
#: a sensor's shadows): each side at least this many times the slowest motion that can hit
#: anything (a ball seen only near the floor passes it fast), a rebound of at least this share
#: of the fall (a ball keeps a good part of its speed; a patch of flicker jumps any way), a size
#: that stays within this ratio (the tracker's own bound), and a sideways path this straight (rms
#: px about a line: a centroid of a ball is steady to a few tenths, a flickering patch's wanders).
GLIMPSE_SPEED, GLIMPSE_REBOUND, GLIMPSE_AREA, GLIMPSE_STRAIGHT = 4.0, 0.35, 2.5, 0.6


def glimpsed(track_id: int, times: np.ndarray, feats: np.ndarray, screen: np.ndarray, areas: np.ndarray,
             border: np.ndarray, offset: int, shot: int, fps: float, min_speed: float, min_change: float,
             min_score: float) -> Impact | None:
    """The bounce of a ball seen for :data:`GLIMPSE` frames only, or None.

    A pale ball against a pale wall is no moving region while it falls and rises; it stands out
    against the floor, and only there: for the two frames before its contact and the two after.
    That is too short a trajectory for a corner (``impacts.detect_impacts`` fits three samples a
    side), but its halves are a tail and a head with nothing between them, and :func:`bridge`
    asks of them what it asks of any: one object falling, then rising from where it fell, their
    lines meeting between the two middle samples. Four samples say little, so they must also
    look like a ball (``GLIMPSE_*``)."""
    if len(times) != GLIMPSE:
        return None
    steps = np.diff(feats[:, CY]) / np.maximum(np.diff(times) * fps, 1e-9)
    fall, rise = float(steps[0]), -float(steps[-1])
    if min(fall, rise) < GLIMPSE_SPEED * min_speed or rise < GLIMPSE_REBOUND * fall:
        return None
    if float(areas.max()) > GLIMPSE_AREA * max(1.0, float(areas.min())):
        return None
    if float(lines(times * fps, feats[:, :1])[2][0]) > GLIMPSE_STRAIGHT:
        return None
    half = GLIMPSE // 2
    tail = _samples(track_id, 0, offset + half - 1, times, feats, screen, areas, border, shot, half)
    head = _samples(track_id, half, offset + half, times, feats, screen, areas, border, shot, half)
    if tail is None or head is None:
        return None
    return bridge(tail, head, fps, min_speed, min_change, min_score, same_track=True)
