"""The neural-generator adapter, run against a stand-in honouring the same command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.core.errors import ModelUnavailable
from stemline.engine.foley.generators import (MAX_WINDOW, GeneratorError, GeneratorSpec,
                                              load_generator, plan_windows)
from stemline.jobs.foley import FoleyOptions, render_foley
from tests.foley.scenes import Ball, Scene, render

STANDIN = Path(__file__).with_name("standin_generator.py")
COMMAND = "{python} " + str(STANDIN) + " --video {video} --prompt {prompt} --output {output} " \
          "--duration {duration}"


@pytest.mark.parametrize("duration", [3.0, 8.0, 10.5, 23.0, 61.3])
def test_windows_are_short_overlapping_and_cover_everything(duration: float) -> None:
    wins = plan_windows(duration, 8.0, 1.0)
    assert wins[0][0] == 0.0 and wins[-1][1] == pytest.approx(duration)
    assert all(b - a <= 8.0 + 1e-9 for a, b in wins)
    for (a0, b0), (a1, _) in zip(wins, wins[1:]):
        assert b0 - a1 == pytest.approx(1.0)


def test_window_limit_is_enforced() -> None:
    with pytest.raises(ValueError):
        GeneratorSpec("x", "true", window=MAX_WINDOW + 1)


def test_standin_generator_track_is_stitched_to_the_video_length(tmp_path: Path) -> None:
    video = tmp_path / "long.mp4"
    render(video, Scene(21.0, balls=[Ball(0.5, 0.5, 0.6)]), size=(128, 72))
    track = render_foley(video, tmp_path / "out",
                         FoleyOptions(generator="standin", generator_command=COMMAND,
                                      prompt="ball bouncing"))
    x, sr = sf.read(track.audio)
    assert sr == 48000 and x.shape == (21 * 48000, 2)
    # the stand-in refuses clips over 10 s, so this ran on windows; crossfades leave no gap or bump
    seg = x.reshape(-1, 24000, 2)[:, :, 0]
    rms = np.sqrt((seg ** 2).mean(axis=1))
    assert rms.min() > 0.7 * np.median(rms) and rms.max() < 1.3 * np.median(rms)
    doc = json.loads(track.events.read_text())
    assert doc["generator"] == "standin"


def test_failing_generator_reports_its_output(tmp_path: Path) -> None:
    video = tmp_path / "short.mp4"
    render(video, Scene(2.0), size=(64, 64))
    bad = f"{sys.executable} -c \"import sys; print('CUDA out of memory'); sys.exit(3)\""
    with pytest.raises(GeneratorError, match="CUDA out of memory"):
        render_foley(video, tmp_path / "out", FoleyOptions(generator="bad", generator_command=bad))
    assert not (tmp_path / "out" / "foley.wav").exists()


def test_unconfigured_generator_says_how_to_set_it_up(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"foley_generators": {"mine": {"command": "gen {video} {output}",
                                                                   "window": 6}}}))
    assert load_generator("mine", settings_path=settings).window == 6
    with pytest.raises(ModelUnavailable, match="foley_generators"):
        load_generator("nothing", settings_path=settings)
    with pytest.raises(ModelUnavailable, match="hunyuan"):
        load_generator("hunyuan", settings_path=settings)
