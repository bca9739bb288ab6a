"""Footage that fades in from black and out to black: the fade is not a cut, and what happens
while the picture brightens or darkens is still heard. Made from the rendered clips kept in the
repository by scaling each frame's RGB (as an editor's fade does) and encoding again."""
from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest

from stemline.jobs.foley import spot_video
from tests.foley.scenes import match_times

DATA = Path(__file__).resolve().parents[1] / "data" / "rendered"


def _faded(name: str, out: Path, fade_s: float) -> tuple[Path, dict]:
    """``name``'s clip with ``fade_s`` from black at its start and to black at its end."""
    with av.open(str(DATA / f"{name}.mp4")) as inp:
        stream = inp.streams.video[0]
        rate = stream.average_rate
        frames = [f.to_ndarray(format="rgb24") for f in inp.decode(stream)]
    n = len(frames)
    with av.open(str(out), "w") as dst:
        vs = dst.add_stream("libx264", rate=rate)
        vs.width, vs.height, vs.pix_fmt = frames[0].shape[1], frames[0].shape[0], "yuv420p"
        vs.options = {"crf": "20"}
        for k, img in enumerate(frames):
            g = max(0.0, min(1.0, k / (fade_s * float(rate)), (n - 1 - k) / (fade_s * float(rate))))
            frame = av.VideoFrame.from_ndarray((img * g).astype(np.uint8), format="rgb24")
            for p in vs.encode(frame):
                dst.mux(p)
        for p in vs.encode():
            dst.mux(p)
    return out, json.loads((DATA / f"{name}.json").read_text())


@pytest.mark.parametrize(("name", "fade_s"), [("dev_box_tile", 0.8), ("dev_steps_carpet", 0.5)])
def test_a_fade_is_not_a_cut_and_hides_nothing(name: str, fade_s: float, tmp_path: Path) -> None:
    """Fades in and out on the panning room (a box lands, another is slammed into a wall; 0.8 s)
    and on the walk the camera dollies in on (0.5 s): no cut, and the contacts found as without
    the fades. Before fades were told from cuts, the pan read as eight cuts and gave no
    contact, the walk as a cut at 0.2 s and one false impact instead of its five steps. (A
    fade-out of 0.4 s over the pan still reads as a cut at its first step: a 10 % step while
    the camera moves loses its tracked features.)"""
    plain = spot_video(DATA / f"{name}.mp4", precision="high")
    path, truth = _faded(name, tmp_path / "faded.mp4", fade_s)
    faded = spot_video(path, precision="high")
    tt = [e["t"] for e in truth["events"]]
    assert not faded.cuts, faded.cuts
    got = match_times(tt, [e.time for e in faded.events])
    want = match_times(tt, [e.time for e in plain.events])
    assert len(got) >= len(want) and len(faded.events) - len(got) <= len(plain.events) - len(want), (
        tt, [e.time for e in plain.events], [e.time for e in faded.events])
