"""Playing a selection: forward play stops at its end, or loops back to its start with a
sample-exact seam, whatever the block size."""
from __future__ import annotations

import numpy as np
import pytest

from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.core.mixer import MixParams

SR = 48000


def engine_with_ramp(blocksize: int) -> tuple[PlaybackEngine, np.ndarray]:
    e = PlaybackEngine(SR, blocksize)
    ramp = (np.arange(SR * 3, dtype=np.float32) / (SR * 3))[:, None].repeat(2, axis=1)
    e.set_sources({"original": ramp})
    project = Project()
    e.set_params(MixParams.from_project(project, has_stems=False))
    return e, ramp


def render(e: PlaybackEngine, frames: int, block: int) -> np.ndarray:
    out = np.zeros((frames, 2), np.float32)
    for i in range(0, frames, block):
        e.render(out[i:i + block])
    return out


@pytest.mark.parametrize("block", [256, 512, 1000])
def test_loop_seam_is_sample_exact(block: int) -> None:
    e, ramp = engine_with_ramp(block)
    e.set_range(1.0, 1.25, loop=True)
    e.seek(1.0)
    e.speed = 1
    lag = e.kernel.latency                          # heard this many frames later
    got = render(e, SR + lag, block)[lag:]          # 1 s = four passes of 0.25 s
    one = ramp[SR:SR + SR // 4, 0]
    gain = got[: SR // 4, 0].max() / one.max()      # the original track's own gain law
    expected = np.tile(one, 4) * gain
    assert np.abs(got[:, 0] - expected).max() < 1e-6


def test_play_selection_stops_at_its_end() -> None:
    e, _ = engine_with_ramp(512)
    e.set_range(0.5, 0.6, loop=False)
    e.seek(0.5)
    e.speed = 1
    got = render(e, SR // 2, 512)
    assert e.speed == 0 and e.position == int(0.6 * SR)
    # all of it is heard, the last frames too (the kernel's look-ahead plays out after the stop)
    assert np.count_nonzero(got[:, 0]) == int(0.1 * SR)


def test_outside_the_range_plays_normally() -> None:
    e, _ = engine_with_ramp(512)
    e.set_range(0.5, 0.6, loop=True)
    e.seek(2.0)
    e.speed = 1
    render(e, 4800, 512)
    assert e.position == 2 * SR + 4800
