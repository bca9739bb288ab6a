"""Variable frame rate (issue 10): a phone clip that records at 50 fps and then drops to 20 fps.
Events are timed by each frame's own timestamp, so they stay on the picture after the rate
changes (an index / nominal-rate clock would be hundreds of ms off by then), and separation
gives stems exactly as long as the audio."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from stemline.jobs.foley import spot_video
from stemline.media.decode import read_audio
from tests.foley.scenes import Ball, Scene, match_times, render

TIMES = [round(0.02 * k, 3) for k in range(125)] + [round(2.5 + 0.05 * k, 3) for k in range(50)]


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> tuple[Path, list[float]]:
    path = tmp_path_factory.mktemp("vfr") / "phone vfr.mp4"
    truth = render(path, Scene(5.0, balls=[Ball(0.3, 0.2, 0.7, 0.6), Ball(0.75, 0.9, 0.5, 0.5)], seed=4),
                   audio_tone=330.0, frame_times=TIMES)
    return path, [t for t, _ in truth]


def test_the_clip_really_changes_rate(clip) -> None:  # type: ignore[no-untyped-def]
    with av.open(str(clip[0])) as c:
        times = [f.time for f in c.decode(video=0)]
    steps = np.round(np.diff(times), 3)
    assert set(steps[:100]) == {0.02} and set(steps[-40:]) == {0.05}


def test_events_follow_each_frames_own_time(clip) -> None:  # type: ignore[no-untyped-def]
    path, truth = clip
    found = [e.time for e in spot_video(path, precision="high").events]
    late = [t for t in truth if t > 2.6]
    assert late, truth  # contacts after the rate dropped
    pairs = [(truth[i], found[j]) for i, j in match_times(truth, found, 0.025)]
    # every contact but one (two fall 25 ms apart), after the change too, within half a slow
    # frame; nothing extra. Measured before the fix: 4 of 7, two false landings at the tops of
    # arcs (the average rate, 35.5 fps, fits neither part) and nothing after 2.5 s.
    assert len(pairs) >= len(truth) - 1, (truth, found)
    assert any(t > 2.6 for t, _ in pairs), (truth, found)
    assert len(found) <= len(truth), (truth, found)


def test_separation_keeps_the_audio_length(clip, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _ = clip
    r = subprocess.run([sys.executable, "-m", "stemline", "separate", str(path), "-o", str(tmp_path),
                        "--format", "wav", "--quiet"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    source, rate = read_audio(path)
    folder = tmp_path / path.stem
    for stem in ("voice", "background"):
        audio, stem_rate = read_audio(folder / f"{stem}.wav")
        assert stem_rate == rate and len(audio) == len(source)
    assert json.loads((folder / "result.json").read_text())["Status"] == "Success"
