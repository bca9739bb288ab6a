"""What a walking track's other contacts are (issue 7; both seen on blind7_walk_tile_lamp):
two feet in one blob trade places at every step, and the blob's sideways swing is no contact (it
put two 'ball impacts' between the steps); a stop one beat beyond the walk's last step is the
next step (it was a 'slam', timed 60 ms late)."""
from __future__ import annotations

from dataclasses import replace

from stemline.engine.foley.impacts import CX, CY, LEFT, RIGHT, Impact
from stemline.engine.foley.walking import feet_trading_places


def _imp(t: float, index: int, feature: int, reversal: bool) -> Impact:
    return Impact(t, index, 100.0, 120.0, 1.0, 0.0, feature, reversal, 12.0, 150.0, t)


WALK = 7  # the walking track: steps at 0.71, 1.19, 1.67, 2.19
STEPS = {(WALK, 6), (WALK, 18), (WALK, 30), (WALK, 43)}
WALKS = [(0.71, WALK), (1.19, WALK), (1.67, WALK), (2.19, WALK)]


def _kept(impacts: list[tuple[Impact, int]]) -> list[float]:
    return [imp.time for imp, _ in feet_trading_places(impacts, WALKS, STEPS)]


def test_sideways_turns_of_a_walking_track_between_its_steps_are_dropped() -> None:
    steps = [(_imp(t, i, LEFT, False), WALK) for (t, _), (_, i) in zip(WALKS, sorted(STEPS, key=lambda s: s[1]))]
    turns = [(_imp(1.447, 25, CX, True), WALK), (_imp(1.941, 37, RIGHT, True), WALK),
             (_imp(1.3, 21, LEFT, True), WALK)]
    assert _kept(steps + turns) == [0.71, 1.19, 1.67, 2.19]


def test_what_else_a_walking_track_shows_is_kept() -> None:
    kept = [(_imp(1.45, 25, CY, True), WALK),     # a vertical bounce (a ball landing in the blob)
            (_imp(1.50, 26, CX, False), WALK),    # a sideways stop
            (_imp(0.60, 3, CX, True), WALK),      # before the first step
            (_imp(2.40, 50, CX, True), WALK),     # after the last
            (_imp(1.45, 25, CX, True), 9)]        # another track's turn
    assert _kept(kept) == [1.45, 1.50, 0.60, 2.40, 1.45]


def test_a_track_with_fewer_than_three_steps_is_no_walk() -> None:
    walks = [(0.71, WALK), (1.19, WALK)]
    turn = [(_imp(0.9, 12, CX, True), WALK)]
    assert [i.time for i, _ in feet_trading_places(turn, walks, STEPS)] == [0.9]
    # the step itself, though sideways and a turn, is never dropped
    step = [(_imp(1.19, 18, LEFT, True), WALK)]
    assert [i.time for i, _ in feet_trading_places(step, WALKS, STEPS)] == [1.19]


# -- on_the_beat: a stop one beat beyond a walk's ends is a step -------------------------------

def test_a_stop_on_the_beat_after_the_last_step_or_before_the_first_is_a_step() -> None:
    from dataclasses import replace

    from stemline.engine.foley.walking import on_the_beat

    steps = set(STEPS)  # beat 0.48 s (median of 0.48, 0.48, 0.52); slack 0.132 s at 25 fps
    late = replace(_imp(2.687, 56, LEFT, False), settled=2.76)    # 0.497 after the last step
    early = replace(_imp(0.25, 1, CY, False), settled=0.3)        # 0.46 before the first
    off = replace(_imp(2.84, 63, LEFT, False), settled=3.0)       # 0.65 after: off the beat
    bounce = _imp(2.67, 55, CY, True)                             # a rebound is no step
    other = replace(_imp(2.687, 56, LEFT, False), settled=2.76)   # on the beat, another track
    out = on_the_beat([(late, WALK), (early, WALK), (off, WALK), (bounce, WALK), (other, 9)],
                      WALKS, steps, 0.04)
    assert steps - STEPS == {(WALK, 56), (WALK, 1)}
    # timed at the corner (the heel strike), not when the whole foot had settled
    assert [(i.time, i.settled) for i, _ in out] == [(2.687, 2.687), (0.25, 0.25), (2.84, 3.0),
                                                     (2.67, 2.67), (2.687, 2.76)]


def test_the_beat_allows_a_walks_own_slack() -> None:
    from stemline.engine.foley.walking import on_the_beat

    # 0.12 s off the beat: within the slack steps of a walk may have (15 % of 0.48 s and a frame
    # and a half of 40 ms, 0.132 s), so a step; 0.14 s off is not
    steps = set(STEPS)
    near, far = _imp(2.79, 58, LEFT, False), _imp(0.09, 0, LEFT, False)
    on_the_beat([(near, WALK), (far, WALK)], WALKS, steps, 0.04)
    assert steps - STEPS == {(WALK, 58)}


# -- missed_beats: a steady walk that skipped a beat ------------------------------------------

def test_a_skipped_beat_of_a_steady_walk_is_found_half_way() -> None:
    from stemline.engine.foley.walking import missed_beats

    steps = [0.5, 1.0, 1.5, 2.5, 3.0]  # beat 0.5, one missing at 2.0
    assert missed_beats(steps, steps, []) == [(2, 2.0)]
    # something already heard there (a step found as a slam), or a cut near: nothing added
    assert missed_beats(steps, steps + [2.1], []) == []
    assert missed_beats(steps, steps, [2.4]) == []
    # two steps hidden (blind11_walk_ball_stone: the foot merged with a bouncing ball): a gap of
    # three beats gets both, each unless something was heard on it
    assert missed_beats([0.5, 1.0, 1.5, 3.0, 3.5], [], []) == [(2, 2.0), (2, 2.5)]
    assert missed_beats([0.5, 1.0, 1.5, 3.0, 3.5], [2.55], []) == [(2, 2.0)]
    # a gap of four beats is a pause, not steps the picture hid; a walk of three steps is none
    assert missed_beats([0.5, 1.0, 1.5, 3.5, 4.0], [], []) == []
    assert missed_beats([0.5, 1.5, 2.0], [], []) == []
    # two beats within a quarter of the beat either way
    assert missed_beats([0.5, 1.0, 1.5, 2.6, 3.1], [], []) == [(2, 2.05)]
    assert missed_beats([0.5, 1.0, 1.5, 2.65, 3.15], [], []) == []


def test_a_ball_bouncing_by_the_feet_on_a_skipped_beat_does_not_hide_the_step() -> None:
    # blind12_walk_fast_tile_ball: a ball bounced 40 ms before a step whose foot merged with it;
    # the skipped beat was left empty because something was heard near it. A bounce of a known
    # ball is not the step found as something else: the step is put in as well
    from stemline.engine.foley.analysis import EventSpotter

    spotter = EventSpotter(320, 180, 25.0)
    walk = [(_imp(t, 10 * k, LEFT, False), WALK) for k, t in enumerate((0.5, 1.0, 1.5, 2.5, 3.0))]
    spotter._steps = {(WALK, imp.index) for imp, _ in walk}
    ball = (_imp(1.97, 3, CY, True), 12)
    spotter._ball_tracks.add(12)
    times = [imp.time for imp, _ in spotter._fill_missed_beats(walk + [ball])]
    assert times == [0.5, 1.0, 1.5, 1.97, 2.0, 2.5, 3.0]
    # the same contact on a track not known as a ball may be the step itself: nothing added
    spotter._ball_tracks.clear()
    assert [imp.time for imp, _ in spotter._fill_missed_beats(walk + [ball])] == [0.5, 1.0, 1.5, 1.97, 2.5, 3.0]


def test_a_walk_running_out_of_the_picture_has_no_step_at_its_last_frame() -> None:
    # blind15_walk_ball_wood_low: the feet's trajectory ran to the clip's last frame in mid-swing;
    # the pulse into its end was taken for a step landing in the frame after (there is none)
    import numpy as np

    from stemline.engine.foley.analysis import EventSpotter
    from stemline.engine.foley.motion import Blob, FrameObservation

    fps = 25.0
    xs: list[float] = []
    x = 250.0
    s = np.linspace(0.0, 1.0, 7)[1:]
    for _ in range(4):  # four steps of 30 px to the left, each followed by 8 frames standing
        xs += list(x - 30.0 * (3 * s ** 2 - 2 * s ** 3))
        x -= 30.0
        xs += [x] * 8
    xs += list(x - 30.0 * (3 * s[:4] ** 2 - 2 * s[:4] ** 3))  # a fifth swing cut off by the clip's end
    times = [0.2 + k / fps for k in range(len(xs))]
    spotter = EventSpotter(320, 180, fps)
    blobs = {round(t, 6): Blob(x, 120.0, x - 8.0, x + 8.0, 116.0, 124.0, 90.0, x, 120.0) for t, x in zip(times, xs)}

    def observe(time: float, pixels: object, chroma: object = None, hints: tuple = ()) -> FrameObservation:
        return FrameObservation(time, (blobs[round(time, 6)],), False, (0.0, 0.0), 1.0)

    spotter.segmenter.push = observe  # type: ignore[method-assign]
    picture = np.zeros((180, 320), np.float32)
    for t in times:
        spotter.push(t, picture)
    events = spotter.finish().events
    steps = [e.time for e in events if e.kind == "step"]
    assert len(steps) >= 3  # the walk is found
    assert all(t < times[-1] - 0.1 for t in steps), (steps, times[-1])
    # and the pulse into the trajectory's end is no candidate step for a walk pieced together
    # from several trajectories (walks_from_pulses, extend_walks), as it was on blind15
    assert not any(p.cut for p in spotter._pulses.values())


def test_a_steady_walks_step_off_its_beat_is_timed_on_it() -> None:
    # eval_steps_tile, blind7_walk_tile_lamp, blind12_walk_stone_dolly, blind24_carpet_slow_walk_
    # lamp: one step 1.5-2.3 frames early or late between two on the beat (the foot's blob merged
    # with the other foot or broke as it landed), 70-95 ms off the true step
    from stemline.engine.foley.walking import steady_times

    frame = 1 / 30
    walk = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    early = [0.5, 1.0, 1.5, 1.92, 2.5, 3.0]
    assert steady_times(early, frame, []) == walk
    # the neighbour the early step pulled is less off than it: it stays
    assert steady_times(early, frame, [])[2] == 1.5
    # a frame off is a walker's own unevenness: kept
    assert steady_times([0.5, 1.0, 1.5, 1.97, 2.5, 3.0], frame, []) == [0.5, 1.0, 1.5, 1.97, 2.5, 3.0]
    # further off than a quarter beat, neighbours not two beats apart, a cut between them, or
    # fewer than four steps: nothing says where the beat is
    for steps, cuts in (([0.5, 1.0, 1.5, 1.8, 2.5, 3.0], []), ([0.5, 1.0, 1.5, 1.92, 2.7, 3.2], []),
                        (early, [2.2]), ([1.0, 1.42, 2.0], [])):
        assert steady_times(steps, frame, cuts) == steps


def test_a_set_down_on_the_walks_path_at_a_skipped_beat_is_that_step_one_elsewhere_is_not() -> None:
    # blind14_walk_dim_tile: the step on a skipped beat was found 80 ms early as a 'slam' on the
    # walk's path; blind9_walk_stone_warm, blind12_walk_stone_dolly: a walking track's 'slam'
    # 60-110 ms from one of its own steps (the same foot, twice)
    from stemline.engine.foley.analysis import EventSpotter

    spotter = EventSpotter(320, 180, 25.0)
    walk = [(replace(_imp(t, 10 * k, LEFT, False), cx=60.0 + 40 * k), WALK)
            for k, t in enumerate((0.5, 1.0, 1.5, 2.5, 3.0))]
    spotter._steps = {(WALK, imp.index) for imp, _ in walk}
    on_path = (replace(_imp(1.92, 3, RIGHT, False), cx=145.0), 15)
    times = [imp.time for imp, _ in spotter._fill_missed_beats(walk + [on_path])]
    assert times == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    # a box set down across the room near the beat is something else heard then: it stays, and
    # the walk's step is put in beside it (blind36's slow walk: a ball landing behind the walker)
    far = (replace(_imp(1.92, 3, RIGHT, False), cx=300.0, cy=20.0), 15)
    assert [imp.time for imp, _ in spotter._fill_missed_beats(walk + [far])] == [0.5, 1.0, 1.5, 1.92, 2.0, 2.5,
                                                                                  3.0]
    # the walking track's own stop 80 ms after its step is that step; another track's is not
    twice = (_imp(1.08, 12, RIGHT, False), WALK)
    other = (_imp(1.08, 12, RIGHT, False), 15)
    assert 1.08 not in [imp.time for imp, _ in spotter._fill_missed_beats(walk + [twice])]
    assert 1.08 in [imp.time for imp, _ in spotter._fill_missed_beats(walk + [other])]


def test_the_spotter_times_an_off_beat_step_of_its_walk_on_the_beat() -> None:
    from stemline.engine.foley.analysis import EventSpotter

    spotter = EventSpotter(320, 180, 30.0)
    walk = [(_imp(t, 10 * k, LEFT, False), WALK) for k, t in enumerate((0.5, 1.0, 1.5, 1.92, 2.5, 3.0))]
    ball = (_imp(1.9, 3, CY, True), 12)  # no step: keeps its time
    spotter._steps = {(WALK, imp.index) for imp, _ in walk}
    out = spotter._on_the_walks_beat(walk + [ball])
    assert [(round(imp.time, 3), round(imp.settled, 3)) for imp, _ in out] == [
        (0.5, 0.5), (1.0, 1.0), (1.5, 1.5), (1.9, 1.9), (2.0, 2.0), (2.5, 2.5), (3.0, 3.0)]


def test_a_walk_that_goes_on_gets_its_next_step_one_that_stops_does_not() -> None:
    # blind11_walk_ball_stone, blind12_walk_fast_tile_ball: the last step before the clip ends
    # (its pulse ran into the end of the foot's piece) was missing; the feet went on
    from stemline.engine.foley.analysis import EventSpotter
    from stemline.engine.foley.motion import Blob

    def spotter(front_moves: bool, end: float = 3.0) -> EventSpotter:
        sp = EventSpotter(320, 180, 25.0)
        sp._last_time = end
        for k in range(int(round(end * 25)) + 1):
            t = k / 25.0
            # the feet: standing at 220 until the last step at 2.0, then one swings on
            front = 230.0 + (max(0.0, t - 2.0) * 60.0 if front_moves else 0.0)
            sp._blob_history.append((t, (Blob(front - 12.0, 120.0, front - 25.0, front, 112.0, 128.0, 150.0),)))
        return sp

    walk = [(replace(_imp(t, 10 * k, RIGHT, False), cx=100.0 + 40.0 * k), WALK)
            for k, t in enumerate((0.5, 1.0, 1.5, 2.0))]
    steps = {(WALK, imp.index) for imp, _ in walk}
    sp = spotter(True)
    sp._steps = set(steps)
    assert [round(imp.time, 3) for imp, _ in sp._walked_on(walk)] == [0.5, 1.0, 1.5, 2.0, 2.5]
    for sp, found in ((spotter(False), walk),                        # stood still after it
                      (spotter(True, end=2.4), walk),                # the clip ended first
                      (spotter(True), walk + [(_imp(2.45, 3, CY, True), 12)])):  # already heard
        sp._steps = set(steps)
        assert [round(imp.time, 3) for imp, _ in sp._walked_on(found)] == [round(imp.time, 3) for imp, _ in
                                                                           sorted(found, key=lambda p: p[0].time)]


def test_a_cut_outside_the_skipped_beats_gap_does_not_hide_the_step() -> None:
    # blind2_box_carpet_cut: the cut came 0.16 s before the step ahead of the gap; the gap and
    # its beat lie in one shot
    from stemline.engine.foley.walking import missed_beats

    steps = [0.5, 1.0, 1.5, 2.5, 3.0]
    assert missed_beats(steps, steps, [1.34]) == [(2, 2.0)]
    assert missed_beats(steps, steps, [2.6]) == [(2, 2.0)]
    assert missed_beats(steps, steps, [1.6]) == []


def test_a_piece_of_a_walk_broken_into_pieces_trades_places_between_the_walk_s_steps() -> None:
    """A slow walk broken into pieces, each holding one step (blind35_tile_slow_walk_ball_shake):
    the back foot's lift on a piece between two steps of other pieces is a turn of the feet,
    no contact; the piece's own step, a vertical bounce on it and a turn outside the walk stay."""
    walks = [(0.70, 8), (1.34, 12), (1.99, 24), (3.28, 36), (3.95, 52)]
    steps = {(8, 5), (12, 20), (24, 7), (36, 17), (52, 9)}
    lift = _imp(2.20, 12, LEFT, True)                 # track 24, between 1.99 and 3.28 (2 beats)
    own = _imp(1.99, 7, RIGHT, True)                  # its own step, sideways and a turn
    bounce = _imp(2.25, 13, CY, True)                 # a ball landing in its blob
    after = _imp(4.90, 30, LEFT, True)                # after the walk's last step
    elsewhere = _imp(2.20, 3, LEFT, True)             # a track with no step of the walk
    kept = feet_trading_places([(lift, 24), (own, 24), (bounce, 24), (after, 52), (elsewhere, 9)],
                               walks, steps)
    assert [(i.time, t) for i, t in kept] == [(1.99, 24), (2.25, 24), (4.90, 52), (2.20, 9)]
    # three steps are no walk of pieces yet: nothing to be inside of
    kept = feet_trading_places([(lift, 24)], walks[:3], steps)
    assert [(i.time, t) for i, t in kept] == [(2.20, 24)]
