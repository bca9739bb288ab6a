"""Event spotting: frames in, contact events and cuts out.

The caller decodes the video (``stemline.media.video.iter_gray_frames``) at
``precision_settings(p).max_width`` and pushes frames one at a time; memory stays bounded because
only the background model and the active trajectories are kept.
"""
from __future__ import annotations

import bisect
import math
from collections import deque
from dataclasses import dataclass, replace

import numpy as np

from stemline.engine.foley.bridges import (ENDS, OVERLAP, End, LastSamples, bridge, end_of, fall_depth, glimpsed,
                                           tail_before, tails_of, within)
from stemline.engine.foley.events import ContactEvent, SpottingResult
from stemline.engine.foley.impacts import (BOTTOM, CX, CY, LEFT, RIGHT, TOP, Impact, ImpactParams, bounced,
                                           detect_impacts, min_change_px, min_speed_px, track_gravity)
from stemline.engine.foley.landing import floor_at, hop_landings, tail_landing
from stemline.engine.foley.mirror import image_of_an_apex
from stemline.engine.foley.motion import Blob, Hint, MotionSegmenter, Prepared, prepare
from stemline.engine.foley.settling import landing_at_rest
from stemline.engine.foley.surface import (PatchLook, agree_on_floors, classify_surface, floor_look, floor_seams,
                                           guess_object)
from stemline.engine.foley.swing import SwingPath, free_swing
from stemline.engine.foley.tracking import Track, Tracker
from stemline.engine.foley.walking import (Pulse, extend_walks, feet_trading_places, heel, missed_beats,
                                            beat_slack, on_the_beat, pulses, regular_beats, steady_times,
                                            walk_beat, walking_steps, walks_from_pulses)

PRECISIONS = ("low", "medium", "high")


@dataclass(frozen=True)
class PrecisionSettings:
    """What ``match_precision`` changes.

    Attributes
    ----------
    max_width : largest analysis picture width; finer pictures resolve smaller, slower motion.
    impact : detector thresholds at that width.
    target_width : the width aimed at: pictures are reduced by the smallest whole factor that
        brings them to it, unless that leaves less than three quarters of it (then one factor
        less, within ``max_width``). The detector's pixel thresholds were made for pictures about
        this wide; much finer ones cost time (four times the pixels) without finding more.
    """

    max_width: int
    impact: ImpactParams
    target_width: int = 0

    def width_for(self, source_width: int) -> int:
        """The ``max_width`` to decode a ``source_width``-pixel video at (see ``target_width``)."""
        target = self.target_width or self.max_width
        factor = max(1, math.ceil(source_width / target))
        if factor > 1 and source_width // factor < 0.75 * target and source_width // (factor - 1) <= self.max_width:
            factor -= 1
        return min(self.max_width, math.ceil(source_width / factor))


def precision_settings(precision: str) -> PrecisionSettings:
    """Settings for "low", "medium" or "high".

    Raises
    ------
    ValueError
        For any other name.
    """
    if precision == "low":
        return PrecisionSettings(192, ImpactParams(min_speed=0.06, min_change=0.09))
    if precision == "medium":
        return PrecisionSettings(320, ImpactParams(), target_width=256)
    if precision == "high":
        return PrecisionSettings(480, ImpactParams(), target_width=400)
    raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")


#: Tracks longer than this many samples are processed in pieces (bounded memory).
_PIECE = 900


#: A track continues a bouncing ball's when it begins within this long after the ball's track
#: ended, and within this distance of where it ended (pixels, or radii of the ball).
CONTINUE_S, CONTINUE_PX, CONTINUE_RADII = 0.3, 12.0, 4.0
#: Seconds after a cut whose frames make the new shot's background (with the cut's own frame):
#: long enough for a ball near the top of its flight, slow there, to move off its own place in
#: most of them (on the rendered cuts: 4 frames +1 contact found, -1 lost; a third of a second
#: +5, none lost; half a second +5, -1 lost, +2 false).
SHOT_SEED_S = 0.35
#: Frames apart beyond which bounces of two ball tracks near each other are two sounds.
APART = 1.2
#: Slowest landing (m/s) of a ball's hop worth a sound: a hop of about a centimetre.
MIN_HOP = 0.5
#: Features whose return to a ball's floor makes a landing (landing.hop_landings).
FEATS = (CY, TOP)
#: A landing of a blob this many times a bouncing ball's area, beside its bounce, is another thing.
BIGGER = 3.0
#: Score (impacts.py: velocity change over noise) from which a rebound on a walking track, beside
#: one of its steps, is a ball bouncing in the walker's region, heard as well as the step. Chosen
#: on seen scenes (the 132 of 7 December): 20 finds two bounces of blind23's ball by the feet and
#: no false contact; 8 finds the same and one false.
REBOUND_SCORE = 20.0


@dataclass(frozen=True)
class _Ball:
    """Where a bouncing ball's track was last seen (stabilised picture), and its gravity."""

    time: float
    x: float
    y: float
    radius: float
    gravity: float
    shot: int


class EventSpotter:
    """Streaming contact-event detector.

    Parameters
    ----------
    width, height : analysis picture size (pixels).
    fps : frame rate.
    precision : "low", "medium" or "high".
    piece : trajectory samples kept before a long track is processed and trimmed.
    """

    def __init__(self, width: int, height: int, fps: float, precision: str = "high", *,
                 piece: int = _PIECE) -> None:
        self.width, self.height, self.fps = width, height, fps
        self.settings = precision_settings(precision)
        # the detector's floors in pixels per frame at this size and rate (bridges, walks)
        self._min_speed = min_speed_px(self.settings.impact, fps, width)
        self._min_change = min_change_px(self.settings.impact, fps, width)
        self.segmenter = MotionSegmenter(width, height, fps)
        self.tracker = Tracker(join=max(2.0, 0.008 * width + 1), first_gate=0.08 * width)
        self._impacts: list[tuple[Impact, int]] = []
        self._cuts: list[float] = []
        self._frames = 0
        self._last_time = 0.0
        self._done_upto: dict[int, int] = {}
        self._piece = max(4 * self.settings.impact.window + 8, piece)
        # Background snapshots twice a second, long enough back to cover a track processed a
        # piece at a time: the surface under a contact is looked at in the nearest one.
        self._snap_every = max(1, int(round(fps / 2)))
        self._snaps: deque[tuple[float, list[np.ndarray]]] = deque(
            maxlen=int(2 * (self._piece / max(fps, 1.0) + 4)))
        self._looks: dict[tuple[int, int], PatchLook | None] = {}
        # every frame's moving regions, as far back as the snapshots: how tall the object's blob
        # got at a contact (its mirror image in a polished floor, surface.py)
        self._blob_history: deque[tuple[float, tuple[Blob, ...]]] = deque(
            maxlen=int((self._piece / max(fps, 1.0) + 4) * max(fps, 1.0)))
        #: (track, index) of the contacts that walking.py found: heel strikes
        self._steps: set[tuple[int, int]] = set()
        #: tracks found to swing freely (swing.py): none of their turns is a contact, and where
        #: each went; per contact, where it was in the stabilised picture (x, y, shot)
        self._swings: set[int] = set()
        self._paths: dict[int, SwingPath] = {}
        self._stab: dict[tuple[int, int], tuple[float, float, int]] = {}
        #: bouncing balls: where and when each track was last seen, and its gravity, so that a
        #: track that starts where one of them broke off (a blob merged with a neighbour for a
        #: few frames) is searched for the small hops as well; and each track's inherited gravity
        self._balls: dict[int, _Ball] = {}
        self._hints: dict[int, float | None] = {}
        #: every track that bounced under gravity (``_balls`` forgets old ones; this only grows
        #: by one int per ball, like the contacts themselves)
        self._ball_tracks: set[int] = set()
        #: per ball track, its latest bounce and the height each of :data:`FEATS` had then
        #: (stabilised picture), for the hops and the landing after it (on this track or one
        #: that continues it)
        self._takeoffs: dict[int, tuple[float, dict[int, float]]] = {}
        #: bounces found across a broken track (bridges.py), by the track that rose from them:
        #: (time, heights as in ``_takeoffs``, the track that fell into them)
        self._bridged: dict[int, tuple[float, dict[int, float], int]] = {}
        #: those bounces as contacts (the falling track, the contact's index): a ball's, even
        #: where the fall into it was its first and nothing marked that track a ball
        self._bridge_bounces: set[tuple[int, int]] = set()
        # ends of recent trajectories, for bounces across a broken track (bridges.py)
        self._heads: deque[End] = deque()
        self._tails: deque[End] = deque()
        #: the last samples of recently ended trajectories (bridges.tail_before)
        self._lasts: deque[LastSamples] = deque()
        self._headed: set[int] = set()
        # pulses of any trajectory that may be steps of a walk seen elsewhere (walking.extend_walks);
        # kept to the end like the contacts themselves (a walk's pieces can be minutes apart from
        # the trajectory that shows its rhythm), a few per second of things moving at most
        self._pulses: dict[tuple[int, int, int], Pulse] = {}
        #: frames waiting to be analysed, and after a cut the frames held to seed the new shot's
        #: background (the cut's own first), or None
        self._queue: deque[tuple[float, Prepared]] = deque()
        self._seed: list[tuple[float, Prepared]] | None = None
        self._seed_frames = max(2, int(round(SHOT_SEED_S * fps)))
        #: the last sample index given to a step no sample of its own shows (_new_step)
        self._no_sample = 0

    def push(self, time: float, pixels: np.ndarray | Prepared, chroma: np.ndarray | None = None) -> None:
        """Analyse one frame (float32 luma of the analysis size, and its chroma when known; or
        what ``motion.prepare`` made of them, in another thread).

        After a cut the frames of the next :data:`SHOT_SEED_S` are held until the new shot's background
        can be made from them (MotionSegmenter.seed_after_cut), then analysed in order."""
        ready = pixels if isinstance(pixels, Prepared) else prepare(pixels, chroma)
        self._queue.append((time, ready))
        self._drain(final=False)

    def _drain(self, *, final: bool) -> None:
        """Analyse the queued frames, holding those after a cut until they seed the new shot
        (at the end of the stream, as many as there are)."""
        while self._queue or (final and self._seed is not None):
            if self._seed is not None:
                if self._queue and len(self._seed) <= self._seed_frames:
                    self._seed.append(self._queue.popleft())
                    continue
                if not self._queue and not final:
                    return
                self._sow()
                continue
            self._push_now(*self._queue.popleft())

    def _sow(self) -> None:
        """Seed the new shot's background with the frames held since its cut (the cut's own
        first), and queue the frames after the cut again for analysis."""
        held, self._seed = self._seed or [], None
        self.segmenter.seed_after_cut([ready for _, ready in held])
        self._queue.extendleft(reversed(held[1:]))

    def _push_now(self, time: float, ready: Prepared) -> None:
        obs = self.segmenter.push(time, ready, None, self._hints_now())
        self._blob_history.append((time, obs.blobs))
        if self._frames:
            obs = replace(obs, step=time - self._last_time)
        if self._frames % self._snap_every == 0 and not obs.cut:
            snap = self.segmenter.snapshot()
            if snap is not None:
                self._snaps.append((time, snap))
        self._frames += 1
        self._last_time = time
        if obs.cut:
            self._cuts.append(time)
            self._seed = [(time, ready)]
        for tr in self.tracker.update(obs):
            self._ends(tr, ended=True)
            self._process(tr, final=True)
            self._came_to_rest(tr)
        for tr in self.tracker.active:
            if tr.id not in self._headed and len(tr.times) >= 3:
                self._ends(tr, ended=False)
            if len(tr.times) >= self._piece:
                self._process(tr, final=False)

    def _hints_now(self) -> tuple[Hint, ...]:
        """Where the tracks seen in the last frame expect their objects (see MotionSegmenter._part):
        those followed for a few frames, that a region could join."""
        out = []
        for tr in self.tracker.active:
            if tr.missed == 0 and len(tr.times) >= 3:
                _, _, left, right, top, bottom = tr.predicted()
                out.append(Hint(tr.id, left, right, top, bottom, tr.areas[-1], *tr.screen[-1]))
        return tuple(out)

    def _ends(self, tr: Track, *, ended: bool) -> None:
        """Keep a trajectory's head (once it has one) and, when it ended, its tail and its last
        samples; a head and a tail that make one bounce across the gap between them add a
        contact, and so does a rise that began before a falling trajectory ended, with that
        fall up to the rise's start (bridges.py)."""
        t, f, a = tr.arrays()
        screen, border = tr.picture()
        new: list[tuple[End, bool]] = []
        if tr.id not in self._headed and tr.offset == 0:
            self._headed.add(tr.id)
            head = end_of(tr.id, t, f, screen, a, border, tr.offset, self._shot(float(t[0])), head=True)
            if head is not None:
                new.append((head, True))
        pairs: list[tuple[End, End]] = []
        if ended:
            self._headed.discard(tr.id)
            shot = self._shot(float(t[-1]))
            for tail in tails_of(tr.id, t, f, screen, a, border, tr.offset, shot):
                new.append((tail, False))
            # its last samples, for rises that began while it still went on (a ball's mirror
            # image carried it on down a shiny floor): its fall up to each of them
            keep = slice(max(0, len(t) - ENDS - OVERLAP), len(t))
            self._lasts.append(LastSamples(tr.id, t[keep], f[keep], screen[keep], a[keep], border[keep],
                                           tr.offset + keep.start, shot))
        for end, is_head in new:
            pairs += [(other, end) if is_head else (end, other)
                      for other in (self._tails if is_head else self._heads)]
            (self._heads if is_head else self._tails).append(end)
        # a trajectory that just ended against every rise kept; a rise that just began against
        # every trajectory that ended lately
        if ended:
            pairs += self._falls_cut_at(list(self._heads), [self._lasts[-1]])
        pairs += self._falls_cut_at([end for end, is_head in new if is_head], list(self._lasts))
        for tail, head in pairs:
            imp = bridge(tail, head, self.fps, self._min_speed, self._min_change, self.settings.impact.min_score)
            if imp is not None:
                self._impacts.append((imp, tail.track))
                if imp.reversal and _vertical(imp):
                    self._bridged[head.track] = (imp.time, self._bridge_floors(tail, head, imp), tail.track)
                    self._bridge_bounces.add((tail.track, imp.index))
                self._looks[(tail.track, imp.index)] = self._look_at(
                    imp, float(np.median(np.concatenate([tail.areas, head.areas]))))
        # a bridge spans a few frames: ends older than half a second can't take part in one
        horizon = self._last_time - 0.5
        for q in (self._heads, self._tails):
            while q and float(q[0].times[0]) < horizon:
                q.popleft()
        while self._lasts and float(self._lasts[0].times[-1]) < horizon:
            self._lasts.popleft()

    def _falls_cut_at(self, heads: list[End], lasts: list[LastSamples]) -> list[tuple[End, End]]:
        """(the fall of an ended trajectory up to where a rise began, that rise): for each pair
        of a rise in ``heads`` and the last samples in ``lasts`` of another trajectory that was
        still going when the rise began (``bridges.tail_before``)."""
        out = []
        for head in heads:
            for last in lasts:
                cut = tail_before(*last, float(head.times[0])) if last.track != head.track else None
                if cut is not None:
                    out.append((cut, head))
        return out

    def _shot(self, time: float) -> int:
        """How many cuts came before ``time`` (stabilised coordinates start again at each)."""
        return bisect.bisect_right(self._cuts, time + 1e-9)

    def _process(self, tr: Track, *, final: bool) -> None:
        """Find the contacts of ``tr`` (all of it when ``final``, else the part whose windows
        are complete, which is then trimmed away)."""
        t, f, a = tr.arrays()
        m = self.settings.impact.window
        if tr.id in self._swings or free_swing(t, f[:, 0], self.width):
            # a lamp or a pendulum swinging freely: its turns are no contacts (swing.py), nor
            # are those of the pieces its blob breaks into along its path
            self._swings.add(tr.id)
            path = self._paths.setdefault(tr.id, SwingPath(self._shot(float(t[0]))))
            path.add(t, f[:, 0], f[:, CY], float(np.median(f[:, RIGHT] - f[:, LEFT])))
        else:
            self._contacts(tr, t, f, a, final=final)
        if not final:
            self._done_upto[tr.id] = tr.offset + len(t) - m - 1
            tr.trim(4 * m)

    def _contacts(self, tr: Track, t: np.ndarray, f: np.ndarray, a: np.ndarray, *, final: bool) -> None:
        screen, border = tr.picture()
        steps = np.asarray(tr.steps, np.float64)
        m = self.settings.impact.window
        first = max(0, self._done_upto.get(tr.id, 0) - tr.offset)
        last = None if final else len(t) - m - 1
        where = dict(offset=tr.offset, first=first, last=last, screen=screen, border=border, frame_steps=steps)
        if tr.id not in self._hints:
            before = self._continued_ball(t, f) if tr.offset == 0 else None
            self._hints[tr.id] = None if before is None else self._balls[before].gravity
            if before in self._takeoffs:
                # the ball's floor goes on with it: this piece starts after that bounce
                self._takeoffs[tr.id] = self._takeoffs[before]
        bridged = self._bridged.pop(tr.id, None)
        if bridged is not None and bridged[0] > self._takeoffs.get(tr.id, (-math.inf,))[0]:
            self._takeoffs[tr.id] = bridged[:2]
        hint = self._hints[tr.id]
        corners = detect_impacts(t, f, a, self.fps, self.width, self.settings.impact,
                                 gravity_hint=hint, **where)
        # a ball's image in a polished floor turning under the top of the ball's hop
        corners = [k for k in corners if not (k.reversal and _vertical(k) and image_of_an_apex(
            k, t, f, self._blob_history, self.fps))]
        own_area = float(np.median(a))
        if bounced(corners) or (hint is not None and corners):
            g = track_gravity(t, f, self.fps, self.width, self.settings.impact) or hint
            if g is not None:
                self._mark_ball(tr, t, f, own_area, g)
        elif hint is not None:
            # the rest of a ball, whether it bounced here or not; and where it was last seen, for
            # the next piece of it (a ball lost for a few frames at the top of a hop)
            self._mark_ball(tr, t, f, own_area, hint)
        elif bridged is not None:
            # it rose from a bounce across a broken track: a ball, when it falls like one
            tail = self._balls.get(bridged[2])
            g = track_gravity(t, f, self.fps, self.width, self.settings.impact) or (
                tail.gravity if tail is not None else None)
            if g is not None:
                self._mark_ball(tr, t, f, own_area, g)
        shot = self._shot(float(t[0]))
        corners += within(tr.id, t, f, screen, a, border, tr.offset, shot, self.fps,
                          self._min_speed, self._min_change, self.settings.impact.min_score,
                          first=first, last=last)
        if final:
            seen = glimpsed(tr.id, t, f, screen, a, border, tr.offset, shot, self.fps,
                            self._min_speed, self._min_change, self.settings.impact.min_score)
            corners += [] if seen is None else [seen]
        if tr.id in self._ball_tracks:
            corners += self._landing(tr, t, f, screen, own_area, corners, final=final)
        heels = walking_steps(t, f, a, self.fps, self.width, self._min_speed, **where)
        self._steps.update((tr.id, imp.index) for imp in heels)
        # a trajectory that ran to the picture's last frame: a pulse into its end is no landing
        # (the foot goes on out of the clip; nothing says it stopped)
        to_the_end = final and self._ran_to_the_end(t)
        for direction in (1, -1):
            found, _ = pulses(t, f, a, self.fps, self._min_speed, direction, offset=tr.offset, screen=screen,
                              border=border, frame_steps=steps, track=tr.id)
            for pulse in found:
                key = (tr.id, pulse.index, direction)
                if key not in self._pulses and (final or not pulse.cut) and not (pulse.cut and to_the_end):
                    self._pulses[key] = pulse
                    if (tr.id, pulse.index) not in self._looks:
                        self._looks[(tr.id, pulse.index)] = self._look_at(heel(pulse), own_area)
        for imp in (*corners, *heels):
            self._keep(imp, tr.id, float(np.interp(imp.time, t, f[:, 0])), float(np.interp(imp.time, t, f[:, CY])),
                       own_area)

    def _ran_to_the_end(self, t: np.ndarray) -> bool:
        """Did a trajectory with sample times ``t`` end because the picture did (its last sample
        is the last frame so far), not because its object was lost?"""
        return float(t[-1]) >= self._last_time - 0.5 / self.fps

    def _keep(self, imp: Impact, track: int, x: float, y: float, own_area: float) -> None:
        """Add a contact of ``track``, with where it was in the stabilised picture (a swing's
        path is kept there) and what the floor under it looks like."""
        self._impacts.append((imp, track))
        self._stab[(track, imp.index)] = (x, y, self._shot(imp.time))
        self._looks[(track, imp.index)] = self._look_at(imp, own_area)

    def _came_to_rest(self, tr: Track) -> None:
        """The landing of a thing whose track ends lying still (settling.py)."""
        if tr.id in self._swings or tr.id in self._ball_tracks:
            return  # a ball's last landing is the ball's own (landing.py)
        t, f, a = tr.arrays()
        if any(0.0 <= float(t[0]) - c < 3.5 / self.fps for c in self._cuts):
            return  # born with its shot: nothing of how it got there was seen
        screen, border = tr.picture()
        found = landing_at_rest(t, f, a, border, self.fps, self._above)
        # (the contacts and pulses of the whole video are looked through only for the few
        # tracks that end lying still)
        if found is None or any(key[0] == tr.id for key in self._pulses):
            return  # or a foot that strode here: its steps are the walk's (walking.py)
        time, r, drop, area = found
        if any(tid == tr.id and abs(k.time - time) < 2.5 / self.fps for k, tid in self._impacts):
            return
        x, y = (float(c) for c in screen[r])
        imp = Impact(time=time, index=tr.offset + r, cx=x, cy=y, dvx=0.0, dvy=-drop, feature=TOP,
                     reversal=False, score=self.settings.impact.min_score, area=area, settled=time)
        self._keep(imp, tr.id, float(f[r, CX]), float(f[r, CY]), area)

    def _above(self, time: float, feats: np.ndarray) -> tuple[float, float | None, float | None, float]:
        """(time of the frame before ``time``, top edge, bottom edge and area of the highest
        region in it that overlaps across with ``feats``' (stabilised edges) and reaches down
        to its top), or (that time, None, None, 0)."""
        prev = next(((tm, blobs) for tm, blobs in reversed(self._blob_history) if tm < time - 1e-6), None)
        if prev is None:
            return -math.inf, None, None, 0.0
        tm, blobs = prev
        left, right, top = float(feats[LEFT]), float(feats[RIGHT]), float(feats[TOP])
        over = [b for b in blobs
                if min(b.right, right) - max(b.left, left) >= 0.5 * min(b.right - b.left, right - left)
                and b.bottom >= top]
        if not over:
            return tm, None, None, 0.0
        b = min(over, key=lambda b: b.top)
        return tm, b.top, b.bottom, b.area

    def _mark_ball(self, tr: Track, t: np.ndarray, f: np.ndarray, own_area: float, g: float) -> None:
        """``tr`` falls under gravity ``g``: a ball, and where it was last seen (for a track that
        continues it)."""
        self._ball_tracks.add(tr.id)
        self._balls[tr.id] = _Ball(float(t[-1]), float(f[-1, 0]), float(f[-1, CY]),
                                   math.sqrt(max(own_area, 1.0) / math.pi), g, self._shot(float(t[-1])))

    def _landing(self, tr: Track, t: np.ndarray, f: np.ndarray, screen: np.ndarray, own_area: float,
                 corners: list[Impact], *, final: bool) -> list[Impact]:
        """Note where a ball track bounced (its floor); the landings of the small hops after
        each bounce that no corner showed; and at the track's end, the landing its last fall
        makes on that floor where the contact itself left too few samples (landing.py)."""
        tf = (t - t[0]) * self.fps
        # a bounce before these samples (on the track this one continues, or in the piece of a
        # long track already processed) starts the first hop
        before = self._takeoffs.get(tr.id)
        bounces = [before] if before is not None and before[0] < float(t[0]) else []
        for imp in sorted(corners, key=lambda k: k.time):
            if imp.reversal and _vertical(imp):
                at = (imp.time - float(t[0])) * self.fps
                heights = {col: floor_at(tf, f[:, col], at) for col in FEATS}
                bounce = (imp.time, {col: v for col, v in heights.items() if v is not None})
                if bounce[1]:
                    bounces.append(bounce)
                    self._takeoffs[tr.id] = bounce
        ball = self._balls.get(tr.id)
        g = ball.gravity if ball is not None else self._hints.get(tr.id)
        if g is None:
            return []
        # a piece of a long track: only up to where its windows are complete (the rest is
        # looked at again with the next piece)
        upto = len(t) if final else len(t) - self.settings.impact.window - 1
        # contact times already on this track: a landing is not put within 2.5 frames of one
        known = [k.time for k in corners] + [k.time for k, tid in self._impacts if tid == tr.id]
        hops = self._hops(tr, t[:upto], f[:upto], screen, own_area, bounces, g, known)
        if not final or tr.id not in self._takeoffs:
            return hops
        since, floors = self._takeoffs[tr.id]
        after = t > since + 0.5 / self.fps
        # the centroid first; the top edge where the blob grew below at the end (its mirror
        # image or its contact shadow joined it)
        with_picture = self._ran_to_the_end(t)
        found = next((hit for col, floor in floors.items()
                      if (hit := tail_landing((t[after] - since) * self.fps, f[after, col], floor, g,
                                              self._min_speed, with_picture=with_picture)) is not None),
                     None)
        if found is None:
            return hops
        time = since + found[0] / self.fps
        if not self._new_landing(time, found[1], g, known):
            return hops
        return hops + [self._landed(tr, len(t) - 1, time, found[1], screen, own_area)]

    def _new_landing(self, time: float, speed: float, g: float, known: list[float]) -> bool:
        """Is a ball's landing at ``time`` (seconds), ``speed`` px/frame into the floor, one to
        put a sound to: before the picture ends, loud enough (:data:`MIN_HOP`), and not within
        2.5 frames of a contact ``known`` on the track already?"""
        return (time < self._last_time + 1.0 / self.fps and self._metres_per_second(speed, g) >= MIN_HOP
                and all(abs(k - time) >= 2.5 / self.fps for k in known))

    def _landed(self, tr: Track, k: int, time: float, speed: float, screen: np.ndarray,
                own_area: float) -> Impact:
        """A ball's landing found from its return to its floor, seen at sample ``k`` of ``tr``
        (the speed it came down with: what it kept, if it hopped again, is not known)."""
        x, y = (float(c) for c in screen[k])
        return Impact(time=time, index=tr.offset + k, cx=x, cy=y, dvx=0.0, dvy=-speed, feature=CY,
                      reversal=True, score=self.settings.impact.min_score, area=own_area, settled=time)

    def _hops(self, tr: Track, t: np.ndarray, f: np.ndarray, screen: np.ndarray, own_area: float,
              bounces: list[tuple[float, dict[int, float]]], g: float, known: list[float]) -> list[Impact]:
        """The landings of the hops after each bounce of a ball track that no corner showed
        (landing.hop_landings), up to the next bounce that one did; each is added to ``known``."""
        out: list[Impact] = []
        for j, (since, floors) in enumerate(bounces):
            until = bounces[j + 1][0] if j + 1 < len(bounces) else math.inf
            sel = (t > since) & (t < until - 0.5 / self.fps)
            if sel.sum() < 3:
                continue
            found = []
            for col, floor in floors.items():
                found += hop_landings((t[sel] - since) * self.fps, f[sel, col], floor, g)
            for tau, speed in sorted(found):
                time = since + tau / self.fps
                if self._new_landing(time, speed, g, known):
                    k = int(np.clip(np.searchsorted(t, time), 0, len(t) - 1))
                    out.append(self._landed(tr, k, time, speed, screen, own_area))
                    known.append(time)
        return out

    def _metres_per_second(self, speed: float, g: float) -> float:
        """A ball's speed in px/frame in metres per second: its gravity (px/frame²) is 9.81
        m/s² at its depth, which gives the picture's scale there."""
        return 9.81 * speed / (g * self.fps)

    def _bridge_floors(self, tail: End, head: End, imp: Impact) -> dict[int, float]:
        """Heights of a ball at a bounce found across its broken track.

        The centroid's: where the fall's line had come at the bounce, or the lower of the two
        ends' if lower still (the blob in between was ball and mirror image or shadow
        together, and the ends lie a frame or two from the contact: their own heights put the
        floor pixels too high, and the next landing early). The top edge's: the lowest top of
        the moving regions there within a frame of the bounce that reach above that centroid
        (the blob that swallowed the mirror image still has the ball's top; the mirror image
        alone, below the ball, has none of it)."""
        floors = {CY: max(float(tail.feats[-1, 1]), float(head.feats[0, 1]), fall_depth(tail, imp.time, self.fps))}
        r = float(np.sqrt(max(imp.area, 1.0) / np.pi))
        tops = [b.top for time, blobs in self._blob_history if abs(time - imp.time) <= 1.0 / self.fps
                for b in blobs if abs(b.sx - imp.cx) < 2.0 * r and abs(b.sy - imp.cy) < 4.0 * r
                and b.top < floors[CY]]
        if tops:
            floors[TOP] = float(max(tops))
        return floors

    def _continued_ball(self, t: np.ndarray, f: np.ndarray) -> int | None:
        """The track of the bouncing ball that broke off just before this one began, close to
        where this one begins (in the stabilised picture of the same shot), or None."""
        t0, x0, y0 = float(t[0]), float(f[0, 0]), float(f[0, CY])
        # a track is first looked at a piece after it began at the latest: older balls can't
        # be continued any more (an hour of video would otherwise keep every one)
        horizon = self._last_time - self._piece / max(self.fps, 1.0) - 1.0
        self._balls = {k: b for k, b in self._balls.items() if b.time >= horizon}
        shot = self._shot(t0)
        best: tuple[float, int] | None = None
        for key, ball in self._balls.items():
            gap = t0 - ball.time
            if not 0.0 < gap <= CONTINUE_S or ball.shot != shot:
                continue
            d = math.hypot(x0 - ball.x, y0 - ball.y)
            if d <= max(CONTINUE_PX, CONTINUE_RADII * ball.radius) and (best is None or d < best[0]):
                best = (d, key)
        return None if best is None else best[1]

    def _look_at(self, imp: Impact, own_area: float) -> PatchLook | None:
        """Measure the floor under a contact in the background snapshot nearest its time (the
        picture itself is not kept: a long video holds only the recent snapshots), and how tall
        the object's blob got there (``own_area``: its usual pixel area)."""
        snap = min(self._snaps, key=lambda sn: abs(sn[0] - imp.time), default=None)
        if snap is None or abs(snap[0] - imp.time) >= 1.0:
            return None
        planes = [p.astype(np.float32) for p in snap[1]]
        chroma = (planes[1] - 128.0, planes[2] - 128.0) if len(planes) == 3 else None
        look = floor_look(planes[0], chroma, imp.cx, imp.cy, float(np.sqrt(imp.area / np.pi)))
        if look is None:
            return None
        # the tallest moving region at the contact, in heights of the object alone
        own_r = float(np.sqrt(max(own_area, 1.0) / np.pi))
        tallest, reach = 0.0, 1.6 / self.fps
        for t, blobs in reversed(self._blob_history):  # newest first: contacts are recent
            if t < imp.time - reach:
                break
            if t <= imp.time + reach:
                for b in blobs:
                    if abs(b.sx - imp.cx) < 2.0 * own_r and abs(b.sy - imp.cy) < 4.0 * own_r:
                        tallest = max(tallest, (b.bottom - b.top) / (2.0 * own_r))
        return replace(look, mirror=tallest)

    def finish(self) -> SpottingResult:
        """End of stream: close the remaining tracks and return the events."""
        self._drain(final=True)  # frames held after a cut in the clip's last frames
        for tr in self.tracker.end_all():
            self._process(tr, final=True)
            self._came_to_rest(tr)
        dt = 1.0 / self.fps
        # one contact per corner, also where a long track was processed in two pieces, and one
        # per place: an object and its own shadow (or two halves of one blob) stop together
        near = 0.12 * self.width
        # A heel strike found from the walk's rhythm replaces the corners its own track showed
        # for the same step (steps are at least a quarter second apart).
        by_walk: dict[int, list[Impact]] = {}
        for imp, tid in self._impacts:
            if (tid, imp.index) in self._steps:
                by_walk.setdefault(tid, []).append(imp)
        # walks whose steps are spread over several trajectories: no one of them walked
        candidates = [p for p in self._pulses.values() if (p.track, p.index) not in self._steps]
        walks = list(by_walk.values())
        for chain in walks_from_pulses(candidates, self.fps, self.width, self.height):
            imps = [heel(p) for p in chain]
            for p, imp in zip(chain, imps):
                self._impacts.append((imp, p.track))
                self._steps.add((p.track, imp.index))
            walks.append(imps)
        for p in extend_walks(walks, candidates, self.fps, self.width, self.height):
            imp = heel(p)
            self._impacts.append((imp, p.track))
            self._steps.add((p.track, imp.index))
        walks = [(imp.time, tid) for imp, tid in self._impacts if (tid, imp.index) in self._steps]
        # a stop one beat beyond a walk's first or last step on its track is a step too
        self._impacts = on_the_beat(self._impacts, walks, self._steps, dt)
        walks = [(imp.time, tid) for imp, tid in self._impacts if (tid, imp.index) in self._steps]
        impacts = [(imp, tid) for imp, tid in self._impacts
                   if (tid, imp.index) in self._steps
                   or self._rebound((imp, tid))
                   or not any(w_tid == tid and abs(w_t - imp.time) < 0.12 for w_t, w_tid in walks)]
        impacts = feet_trading_places(impacts, walks, self._steps)
        impacts = [p for p in impacts if not self._on_a_swing(p)]
        kept: list[tuple[Impact, int]] = []
        for imp, tid in sorted(impacts, key=lambda p: -p[0].score):
            if all(abs(k.time - imp.time) > 2.5 * dt
                   or (k_tid != tid and (np.hypot(k.cx - imp.cx, k.cy - imp.cy) > near
                                         or self._two_things((imp, tid), (k, k_tid))))
                   or (k_tid == tid and self._step_and_rebound((imp, tid), (k, k_tid)))
                   for k, k_tid in kept):
                kept.append((imp, tid))
        found: list[tuple[Impact, int]] = []
        for imp, tid in sorted(kept, key=lambda p: p[0].time):
            # nothing sounds at a cut: trajectories don't cross one, and a contact timed right
            # at it is an artefact of the picture change; but a step timed before it is the
            # walk's (its heel strike comes from the walk's own rhythm): on the 128 seen scenes
            # four true steps 8-27 ms before a cut were lost, one false step came back
            if not any(abs(imp.time - c) < 1.5 * dt and not (self._is_step((imp, tid)) and imp.time < c)
                       for c in self._cuts):
                found.append((imp, tid))
        found = self._fill_missed_beats(found)
        found = self._on_the_walks_beat(found)
        found = self._walked_on(found)
        events = [self._event(imp, tid) for imp, tid in found]
        events = [replace(e, kind="step", object="foot") if (tid, imp.index) in self._steps else e
                  for e, (imp, tid) in zip(events, found)]
        events = _mark_steps(events, [imp.settled for imp, _ in found], dt)
        # the surface is judged last: a series of steps is on the floor, whichever way each
        # single step's motion ended
        looks = [self._looks.get((tid, imp.index)) for imp, tid in found]
        shots = [self._shot(imp.time) for imp, _ in found]
        looks = floor_seams(looks, shots)
        surfaces = [classify_surface(look, sideways=e.kind != "step" and not _vertical(imp))
                    for look, e, (imp, _) in zip(looks, events, found)]
        surfaces = agree_on_floors(looks, surfaces, shots)
        events = [replace(e, surface=surf) for e, surf in zip(events, surfaces)]
        duration = self._last_time + dt if self._frames else 0.0
        return SpottingResult(tuple(events), tuple(self._cuts), duration, self.fps,
                              (self.width, self.height), self._frames, looks=tuple(looks))

    def _on_a_swing(self, p: tuple[Impact, int]) -> bool:
        """Is this contact on the path of a free swing, at its time: a piece of the lamp?"""
        at = self._stab.get((p[1], p[0].index))
        sideways = not _vertical(p[0])
        return at is not None and any(path.covers(p[0].time, *at, sideways=sideways)
                                      for path in self._paths.values())

    def _two_things(self, a: tuple[Impact, int], b: tuple[Impact, int]) -> bool:
        """Are contacts of two tracks, close in time and place, two sounds? A bounce of a track
        that fell under gravity and either a heel strike of a walk or the landing of something
        :data:`BIGGER`: a ball bouncing by a walker's foot, or by a box that lands beside it, is
        heard as well as the step or the box (an object and its shadow, or two halves of one
        blob, make the same kind of contact, at about the same size)."""
        step, bounce = self._is_step, self._ball_bounce

        def dropped_on(p: tuple[Impact, int], ball: tuple[Impact, int]) -> bool:
            return (not p[0].reversal and _vertical(p[0]) and not step(p)
                    and p[0].area >= BIGGER * ball[0].area)

        # two balls bouncing side by side: a blob split in two bounces in the same frame
        apart = abs(a[0].time - b[0].time) > APART / self.fps
        return ((step(a) and bounce(b)) or (bounce(a) and step(b))
                or (bounce(a) and dropped_on(b, a)) or (bounce(b) and dropped_on(a, b))
                or (bounce(a) and bounce(b) and apart))

    def _is_step(self, p: tuple[Impact, int]) -> bool:
        """Is this contact a heel strike of a walk (walking.py)?"""
        return (p[1], p[0].index) in self._steps

    def _rebound(self, p: tuple[Impact, int]) -> bool:
        """A strong rebound up the picture that is no step: a ball bouncing where its region has
        joined a walker's feet. A heel strike stops the foot; it does not throw it back up."""
        imp = p[0]
        return imp.reversal and _vertical(imp) and imp.score >= REBOUND_SCORE and not self._is_step(p)

    def _step_and_rebound(self, a: tuple[Impact, int], b: tuple[Impact, int]) -> bool:
        """Two contacts of one track, close in time: a step and a rebound (:meth:`_rebound`),
        two sounds, the feet's and a ball's in one region."""
        return (self._is_step(a) and self._rebound(b)) or (self._is_step(b) and self._rebound(a))

    def _ball_bounce(self, p: tuple[Impact, int]) -> bool:
        """Is this contact a ball's bounce: a rebound of a track that fell under gravity, or one
        found across a broken track (a dropped ball's first bounce: the fall into it is the
        only thing its track showed, and the rise is another track's), and no step?"""
        imp, tid = p
        return (imp.reversal and (tid in self._ball_tracks or (tid, imp.index) in self._bridge_bounces)
                and not self._is_step(p))

    def _fill_missed_beats(self, found: list[tuple[Impact, int]]) -> list[tuple[Impact, int]]:
        """``found`` with a step wherever a steady walk skipped a beat (walking.missed_beats), on
        the beat between its neighbours in time and place, on the floor the step before it was on.

        A set-down (a stop without rebound that is no step) near the missing beat and on the
        walk's path between its neighbours is that step, timed off the beat by a blob that
        merged or broke: it gives way to the step. One elsewhere in the picture is something
        else heard at that moment (a ball landing behind the walker, a box dropped across the
        room): both sound. It used to leave the beat empty; on the 156 seen scenes putting the
        step in found 3 more steps (blind36's slow walk twice, blind25's) and nothing false. A
        set-down on a walking track within a quarter beat of one of that track's steps is the
        same foot's contact found twice: it goes."""
        steps = [found[k] for k in self._step_order(found)]
        setdowns = [p for p in found if not p[0].reversal and (p[1], p[0].index) not in self._steps]
        # when each is heard (_event: something set down sideways when it has settled)
        heard = {id(p): _heard_at(p[0]) for p in setdowns}
        added, gone = [], set()
        # a bounce of a known ball near the beat is no sign of the step: a ball bouncing by a
        # walker's feet is heard as well as them (see _two_things)
        setdown_ids = {id(p) for p in setdowns}
        others = [p[0].time for p in found if not self._ball_bounce(p) and id(p) not in setdown_ids]
        times = [imp.time for imp, _ in steps]
        quarter = 0.25 * (walk_beat(times) or 0.0)
        for k, mid in missed_beats(times, others, self._cuts):
            (a, tid), (b, _) = steps[k], steps[k + 1]
            w = (mid - a.time) / max(b.time - a.time, 1e-9)
            x, y = a.cx + w * (b.cx - a.cx), a.cy + w * (b.cy - a.cy)
            near = [p for p in setdowns if abs(heard[id(p)] - mid) < quarter]
            # only one on the walk's path is the step; one elsewhere is something else heard
            # at that moment, and stays beside it
            reach = 0.5 * math.hypot(b.cx - a.cx, b.cy - a.cy)
            gone.update(id(p) for p in near if math.hypot(p[0].cx - x, p[0].cy - y) <= reach)
            added.append(self._new_step(a, tid, mid, x, y))
        by_track: dict[int, list[float]] = {}
        for imp, tid in steps:  # in time order
            by_track.setdefault(tid, []).append(imp.time)

        def twice(p: tuple[Impact, int]) -> bool:
            ts, t = by_track.get(p[1], []), heard[id(p)]
            i = bisect.bisect_left(ts, t)
            return any(abs(ts[j] - t) < quarter for j in (i - 1, i) if 0 <= j < len(ts))
        gone.update(id(p) for p in setdowns if twice(p))
        return sorted([p for p in found if id(p) not in gone] + added, key=lambda p: p[0].time)

    def _walked_on(self, found: list[tuple[Impact, int]]) -> list[tuple[Impact, int]]:
        """``found`` with the step a steady walk makes one beat after its last one found, where
        the walk's front edge is seen going on towards it (by at least half a stride) before the
        clip or the shot ends.

        A walk's last step before the clip ends or the walker leaves the picture is the one its
        trajectories show worst: its pulse runs into the end of a piece (the feet part at the
        picture's edge, the clip stops while the foot settles). A walker who stops stands: the
        front edge stays where the last step put it."""
        steps = [found[k] for k in self._step_order(found)]
        times = np.array([imp.time for imp, _ in steps])
        beat = walk_beat(list(times))
        if beat is None or beat <= 0:
            return found
        slack = beat_slack(beat, 1.0 / self.fps)
        if np.abs(np.diff(times[-4:]) - beat).max() > slack:
            return found
        (prev, _), (last, tid) = steps[-2], steps[-1]
        at = last.time + beat
        if at > self._last_time or any(last.time < c <= at + slack for c in self._cuts):
            return found
        # something heard there already: the step, found as another kind of contact
        if any(abs(imp.time - at) < 0.25 * beat for imp, _ in found):
            return found
        stride = last.cx - prev.cx
        direction = 1.0 if stride > 0 else -1.0
        if abs(stride) < 1.0:
            return found
        # the walk's front edge in the frames since the last step: blobs where the walk is
        fronts = [(t, max((b.right if direction > 0 else -b.left) for b in near))
                  for t, blobs in self._blob_history if last.time - 0.5 / self.fps <= t <= at + slack
                  if (near := [b for b in blobs if abs(b.cy - last.cy) <= 0.06 * self.height
                               and -0.5 * abs(stride) <= (b.cx - last.cx) * direction <= 2.0 * abs(stride)])]
        if len(fronts) < 3 or fronts[-1][1] - fronts[0][1] < 0.5 * abs(stride):
            return found
        return sorted(found + [self._new_step(last, tid, at, last.cx + stride, last.cy)], key=lambda p: p[0].time)

    def _step_order(self, found: list[tuple[Impact, int]]) -> list[int]:
        """Indices into ``found`` of the walks' steps, in time order."""
        return sorted((k for k, (imp, tid) in enumerate(found) if (tid, imp.index) in self._steps),
                      key=lambda k: found[k][0].time)

    def _new_step(self, like: Impact, tid: int, time: float, x: float, y: float) -> tuple[Impact, int]:
        """A step of track ``tid`` that no sample of its own shows (a beat the walk skipped, the
        step after its last), made from the step ``like`` and heard on the floor it was on."""
        self._no_sample -= 1  # a key no trajectory has
        self._steps.add((tid, self._no_sample))
        self._looks[(tid, self._no_sample)] = self._looks.get((tid, like.index))
        return replace(like, time=time, index=self._no_sample, cx=x, cy=y, settled=time), tid

    def _on_the_walks_beat(self, found: list[tuple[Impact, int]]) -> list[tuple[Impact, int]]:
        """``found`` with the steps of a steady walk that sit off its beat timed on it
        (walking.steady_times)."""
        steps = self._step_order(found)
        out = list(found)
        for k, at in zip(steps, steady_times([found[k][0].time for k in steps], 1.0 / self.fps, self._cuts)):
            imp, tid = found[k]
            if at != imp.time:
                out[k] = (replace(imp, time=at, settled=at), tid)
        return sorted(out, key=lambda p: p[0].time)

    def _event(self, imp: Impact, tid: int) -> ContactEvent:
        w = float(self.width)
        speed = float(np.hypot(imp.dvx, imp.dvy)) * self.fps / w  # picture widths per second
        # log scale: 0.03 widths/s is a barely visible nudge, 2 widths/s a violent hit
        strength = float(np.clip(np.log(max(speed, 1e-6) / 0.03) / np.log(2.0 / 0.03), 0.05, 1.0))
        vertical = _vertical(imp)
        if imp.reversal:
            kind = "impact"
        elif vertical:
            kind = "landing"
        else:
            kind = "slam"
        size = float(np.sqrt(imp.area) / w)
        return ContactEvent(
            time=_heard_at(imp), x=float(np.clip(imp.cx / w * 2 - 1, -1, 1)),
            y=float(np.clip(imp.cy / self.height * 2 - 1, -1, 1)),
            size=size, strength=strength, kind=kind, track=tid, speed=speed,
            object=guess_object(kind, imp.reversal, size))


def _heard_at(imp: Impact) -> float:
    """When a contact is heard: something sliding or set down sideways when all of it has
    stopped (``Impact.settled``); a bounce or a fall at its corner, stopped at once."""
    return imp.time if imp.reversal or _vertical(imp) else imp.settled


def _vertical(imp: Impact) -> bool:
    """Did the contact stop or reverse up/down motion (a floor) rather than sideways (a wall)?"""
    return imp.feature in (CY, TOP, BOTTOM) or (
        imp.feature not in (LEFT, RIGHT) and abs(imp.dvy) >= abs(imp.dvx))


def _mark_steps(events: list[ContactEvent], settled: list[float], frame: float) -> list[ContactEvent]:
    """Regular series of set-down contacts (stops without a rebound) from one object are footsteps,
    timed when the foot has settled (``Impact.settled``): the heel strike ends its motion."""
    out = list(events)
    by_track: dict[int, list[int]] = {}
    for i, e in enumerate(events):
        # a foot is set down (it stops, down or forward); it doesn't rebound like a ball
        if e.kind in ("landing", "slam"):
            by_track.setdefault(e.track, []).append(i)
    for idx in by_track.values():
        if len(idx) < 3:
            continue
        times = np.array([events[i].time for i in idx])
        if regular_beats(np.diff(times), frame):
            for i in idx:
                e = events[i]
                out[i] = replace(e, kind="step", object="foot", time=settled[i])
    return out
