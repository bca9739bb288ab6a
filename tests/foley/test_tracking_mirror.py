"""On a polished floor a ball meets its own mirror image at every contact: the two blobs merge
for a frame or two. The ball's track goes on through the merge; only the image's ends (an
ordinary merge of two objects ends both, see tracking.py)."""
from __future__ import annotations

from stemline.engine.foley.motion import Blob, FrameObservation
from stemline.engine.foley.tracking import Tracker, _mirror

R = 6.0  # a ball 12 px across


def _blob(cx: float, cy: float, r: float = R, area: float | None = None) -> Blob:
    return Blob(cx, cy, cx - r, cx + r, cy - r, cy + r, area if area is not None else 3.1 * r * r, cx, cy)


def _run(floor_y: float, image_area: float) -> list[tuple[int, list[float]]]:
    """A ball falling onto a floor at ``floor_y`` and bouncing, with its image below the floor."""
    tracker = Tracker(join=3.56, first_gate=25.6)
    ended = []
    ys = [100.0, 110.0, 120.0, 130.0, 123.0, 117.0, 112.0, 108.0]  # touches the floor at 130+R
    for k, y in enumerate(ys):
        image_y = 2 * (floor_y - R) - y + 2 * R  # mirrored about the floor line
        if abs(image_y - y) <= 2 * R + 1:  # touching: one blob, ball and image
            top, bottom = y - R, image_y + R
            blobs = (Blob(100.0, (top + bottom) / 2, 100 - R, 100 + R, top, bottom, 3.1 * R * R + image_area),)
        else:
            blobs = (_blob(100.0, y), _blob(100.0, image_y, area=image_area))
        ended += tracker.update(FrameObservation(k / 25.0, blobs, False, (0.0, 0.0), 1.0))
    ended += tracker.end_all()
    return [(tr.id, [round(f[4], 1) for f in tr.feats]) for tr in ended]


def test_the_ball_keeps_its_track_through_its_mirror_image() -> None:
    tracks = _run(floor_y=136.0, image_area=0.6 * 3.1 * R * R)
    ball = [tops for _, tops in tracks if tops[0] == 100.0 - R]
    assert len(ball) == 1 and len(ball[0]) == 8, tracks  # every frame, the contact included
    # the ball's top edge falls to the floor and rises again in one track: a bounce to detect
    assert ball[0].index(max(ball[0])) == 3


def test_two_objects_merging_still_end_both_tracks() -> None:
    # something bigger than the ball coming up under it is another object, not its image
    tracks = _run(floor_y=136.0, image_area=1.2 * 3.1 * R * R)
    ball = [tops for _, tops in tracks if tops[0] == 100.0 - R]
    assert ball and len(ball[0]) < 8, tracks


def test_what_counts_as_a_mirror_image() -> None:
    up = (100.0, 100.0, 110.0)
    assert _mirror(up, (100.0, 120.0, 60.0))  # straight below, dimmer
    assert _mirror(up, (104.0, 120.0, 60.0))  # a little off: within 0.6 of sqrt(area)
    assert not _mirror(up, (100.0, 80.0, 60.0))  # above
    assert not _mirror(up, (100.0, 120.0, 130.0))  # bigger than the object
    assert not _mirror(up, (115.0, 120.0, 60.0))  # beside it: another object
