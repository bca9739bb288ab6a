"""Blob tracking across frames: each moving object becomes a trajectory of centroids and edges.

Association is a minimum-cost assignment on the distance to each track's predicted position.
Where blobs split or merge, the tracks involved end and new ones start: a trajectory that jumps
from one object to another would show a velocity change that no contact caused. One merge is
not two objects: on a polished floor an object meets its own mirror image, straight below it
and no bigger, at every contact; there the object's track goes on through the merged blob (its
top edge is the object's own) and only the image's ends. Nor is every split: a thing that stood
still long enough to be learnt drags the ghost of where it stood as it moves off, and when the
two part, the thing goes on (:func:`_left_behind`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from stemline.engine.foley.impacts import BOTTOM, CX, CY, LEFT, RIGHT, TOP
from stemline.engine.foley.motion import AREA_RATIO, Blob, FrameObservation


@dataclass
class Track:
    """One object's trajectory.

    Attributes
    ----------
    id : unique id in this analysis.
    times : sample times (seconds), one per frame it was seen.
    feats : per sample (cx, cy, left, right, top, bottom) in analysis pixels.
    areas : per sample pixel count.
    screen : per sample (x, y) centroid in the picture (feats are stabilised coordinates).
    border : per sample, whether the blob touched the picture edge.
    steps : per sample, seconds since the file's previous frame (0: not known).
    offset : samples dropped from the front (long tracks are processed in pieces).
    """

    id: int
    times: list[float] = field(default_factory=list)
    feats: list[tuple[float, ...]] = field(default_factory=list)
    areas: list[float] = field(default_factory=list)
    screen: list[tuple[float, float]] = field(default_factory=list)
    border: list[bool] = field(default_factory=list)
    steps: list[float] = field(default_factory=list)
    missed: int = 0
    offset: int = 0

    def add(self, t: float, blob: Blob, step: float = 0.0) -> None:
        self.steps.append(step)
        self.times.append(t)
        self.feats.append(blob.features())
        self.areas.append(blob.area)
        self.screen.append((blob.sx, blob.sy))
        self.border.append(blob.border)
        self.missed = 0

    def velocity(self) -> tuple[float, float]:
        """Last centroid step (pixels per frame)."""
        if len(self.feats) < 2:
            return 0.0, 0.0
        a, b = self.feats[-2], self.feats[-1]
        return b[0] - a[0], b[1] - a[1]

    def predicted(self) -> tuple[float, float, float, float, float, float]:
        """Predicted (cx, cy, left, right, top, bottom) in the next frame."""
        vx, vy = self.velocity()
        cx, cy, left, right, top, bottom = self.feats[-1]
        return cx + vx, cy + vy, left + vx, right + vx, top + vy, bottom + vy

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.asarray(self.times, np.float64), np.asarray(self.feats, np.float64),
                np.asarray(self.areas, np.float64))

    def picture(self) -> tuple[np.ndarray, np.ndarray]:
        """Per sample: (x, y) in the picture, and whether the blob touched its edge."""
        return np.asarray(self.screen, np.float64).reshape(-1, 2), np.asarray(self.border, bool)

    def trim(self, keep: int) -> None:
        """Forget all but the last ``keep`` samples (bounded memory on long shots)."""
        drop = len(self.times) - keep
        if drop > 0:
            del self.times[:drop], self.feats[:drop], self.areas[:drop]
            del self.screen[:drop], self.border[:drop], self.steps[:drop]
            self.offset += drop


def _mirror(upper: tuple[float, float, float], lower: tuple[float, float, float]) -> bool:
    """Is ``lower`` (cx, cy, area) ``upper``'s mirror image in the floor: below it, straight
    below (within a little more than half its width), and no bigger (a reflection is dimmer)?"""
    ux, uy, ua = upper
    lx, ly, la = lower
    return ly > uy and la <= ua and abs(lx - ux) <= max(3.0, 0.6 * float(np.sqrt(max(ua, 1.0))))


def _left_behind(tr: Track, a: Blob, b: Blob, tol: float) -> int | None:
    """Which of two blobs that ``tr``'s region split into is the ghost it leaves behind (0 or
    1), or None.

    A thing that stood still long enough (a box hanging before it is dropped) is part of the
    background model; when it moves, the place it left differs from the model as much as the
    thing itself, and its blob stretches: the trailing edge stays where the thing stood while
    the leading edge moves on. When that stretched blob parts, the thing is the part ahead;
    the part whose trailing edge is still where the blob's was is the ghost (the background
    model takes it in soon: ``regions.explain_regions``).
    """
    if len(tr.feats) < 3:
        return None
    f = np.asarray(tr.feats[-3:], np.float64)
    vx, vy = f[-1, CX] - f[0, CX], f[-1, CY] - f[0, CY]
    if abs(vy) >= abs(vx):
        lead, trail, axis = (BOTTOM, TOP, CY) if vy > 0 else (TOP, BOTTOM, CY)
    else:
        lead, trail, axis = (RIGHT, LEFT, CX) if vx > 0 else (LEFT, RIGHT, CX)
    moved = abs(f[-1, lead] - f[0, lead])
    # the leading edge moved on, the trailing one stayed put
    if moved < 3.0 * tol or abs(f[-1, trail] - f[0, trail]) > 0.3 * moved:
        return None
    parts = (a.features(), b.features())
    ahead = 1.0 if f[-1, axis] > f[0, axis] else -1.0
    behind = 0 if ahead * (parts[0][axis] - parts[1][axis]) < 0 else 1
    # the part behind still has the trailing edge where the blob had it
    if abs(parts[behind][trail] - f[-1, trail]) > 2.0 * tol:
        return None
    return behind


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
             margin: float) -> bool:
    """Do boxes (left, right, top, bottom) overlap when grown by ``margin``?"""
    return not (a[1] + margin < b[0] or b[1] + margin < a[0]
                or a[3] + margin < b[2] or b[3] + margin < a[2])


def _same_shape(feats: tuple[float, ...], blob: Blob) -> bool:
    """Could ``blob`` be the object whose only sample so far had these edges: its outline no
    more than 2.5 times as tall for its width, or as wide for its height (blur stretches a fast
    ball by half)."""
    w0, h0 = feats[3] - feats[2] + 1.0, feats[5] - feats[4] + 1.0
    w1, h1 = blob.right - blob.left + 1.0, blob.bottom - blob.top + 1.0
    return 0.4 <= (h1 / w1) / (h0 / w0) <= 2.5


class Tracker:
    """Links blobs frame to frame; returns tracks as they end.

    Parameters
    ----------
    join : pixel distance under which boxes count as touching (split / merge detection).
    max_missed : frames a track may go unseen before it ends.
    first_gate : how far (pixels) a blob may be from a track's only sample to continue it.
    """

    def __init__(self, join: float = 2.0, max_missed: int = 1, first_gate: float = 8.0) -> None:
        self.join = join
        self.first_gate = first_gate
        self.max_missed = max_missed
        self.active: list[Track] = []
        self._next_id = 0

    def _new(self, t: float, blob: Blob, step: float = 0.0) -> Track:
        tr = Track(self._next_id)
        self._next_id += 1
        tr.add(t, blob, step)
        return tr

    def end_all(self) -> list[Track]:
        """End every track (at a cut or at the end of the stream)."""
        done, self.active = self.active, []
        return done

    def update(self, obs: FrameObservation) -> list[Track]:
        """Feed one frame; returns the tracks that ended with it."""
        if obs.cut:
            return self.end_all()
        # the parts of a region the segmenter parted between two tracks go to them directly
        ids = {tr.id: tr for tr in self.active}
        owned = [b for b in obs.blobs if b.owner in ids]
        for b in owned:
            ids[b.owner].add(obs.time, b, obs.step)
        taken = {b.owner for b in owned}
        kept, ended = self._match([tr for tr in self.active if tr.id not in taken],
                                  [b for b in obs.blobs if b.owner not in ids], obs)
        self.active = [tr for tr in self.active if tr.id in taken] + kept
        return ended

    def _match(self, tracks: list[Track], blobs: list[Blob], obs: FrameObservation
               ) -> tuple[list[Track], list[Track]]:
        """Link ``blobs`` to ``tracks``: (the tracks that go on or begin, those that ended)."""
        ended: list[Track] = []
        if not tracks:
            return [self._new(obs.time, b, obs.step) for b in blobs], ended
        # split / merge: a predicted box touching several blobs, or a blob touching several tracks
        preds = [tr.predicted() for tr in tracks]
        pboxes = [(p[2], p[3], p[4], p[5]) for p in preds]
        bboxes = [(b.left, b.right, b.top, b.bottom) for b in blobs]
        touch = np.array([[_overlap(pb, bb, self.join) for bb in bboxes] for pb in pboxes], bool)
        touch = touch.reshape(len(tracks), len(blobs))
        bad_track = np.zeros(len(tracks), bool)
        bad_blob = np.zeros(len(blobs), bool)
        barred: set[tuple[int, int]] = set()  # (track, blob) pairs that must not be matched
        for i in range(len(tracks)):
            hits = np.nonzero(touch[i])[0]
            big = [j for j in hits if blobs[j].area >= 0.2 * tracks[i].areas[-1]]
            if len(big) == 2:
                up, low = sorted(big, key=lambda j: blobs[j].cy)
                if _mirror((blobs[up].cx, blobs[up].cy, blobs[up].area),
                           (blobs[low].cx, blobs[low].cy, blobs[low].area)):
                    barred.add((i, low))  # the object leaving its image: it keeps the upper one
                    continue
            if len(big) == 2:
                ghost = _left_behind(tracks[i], blobs[big[0]], blobs[big[1]], self.join)
                if ghost is not None:
                    barred.add((i, big[ghost]))  # the object leaving its ghost: it keeps the other
                    continue
            if len(big) >= 2:
                bad_track[i] = True
                bad_blob[big] = True
        for j in range(len(blobs)):
            hits = np.nonzero(touch[:, j])[0]
            big = [i for i in hits if tracks[i].areas[-1] >= 0.2 * blobs[j].area]
            if len(big) == 2:
                up, low = sorted(big, key=lambda i: preds[i][1])
                if _mirror((preds[up][0], preds[up][1], tracks[up].areas[-1]),
                           (preds[low][0], preds[low][1], tracks[low].areas[-1])):
                    bad_track[low] = True  # the object met its image: the image's track ends
                    barred.add((low, j))
                    continue
            if len(big) >= 2:
                bad_blob[j] = True
                bad_track[big] = True
        cost = np.full((len(tracks), len(blobs)), 1e6)
        for i, tr in enumerate(tracks):
            if bad_track[i]:
                continue
            px, py = preds[i][0], preds[i][1]
            vx, vy = tr.velocity()
            size = float(np.sqrt(tr.areas[-1]))
            gate = 2.0 + 0.5 * size + 2.0 * float(np.hypot(vx, vy))
            if len(tr.times) < 2:
                # no velocity yet: a ball that appears falling fast is many pixels on already
                gate = max(gate, self.first_gate)
            for j, b in enumerate(blobs):
                if bad_blob[j] or (i, j) in barred:
                    continue
                ratio = b.area / max(1.0, tr.areas[-1])
                if not AREA_RATIO[0] <= ratio <= AREA_RATIO[1]:
                    continue
                if len(tr.times) < 2 and not _same_shape(tr.feats[-1], b):
                    continue  # a one-frame sliver (an edge the camera's move let through)
                d = float(np.hypot(b.cx - px, b.cy - py))
                if d <= gate:
                    cost[i, j] = d / gate
        rows, cols = linear_sum_assignment(cost)
        matched_t, matched_b = set(), set()
        for i, j in zip(rows, cols):
            if cost[i, j] < 1e5:
                tracks[i].add(obs.time, blobs[j], obs.step)
                matched_t.add(i)
                matched_b.add(j)
        keep: list[Track] = []
        for i, tr in enumerate(tracks):
            if i in matched_t:
                keep.append(tr)
            elif bad_track[i]:
                ended.append(tr)
            else:
                tr.missed += 1
                (ended if tr.missed > self.max_missed else keep).append(tr)
        for j, b in enumerate(blobs):
            if j not in matched_b:
                keep.append(self._new(obs.time, b, obs.step))
        return keep, ended
