"""The read-ahead thread keeps only the stretch around the playhead of a mapped lane in memory,
and playing is unchanged by it."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from stemline.core.mixer import MixParams
from stemline.core.project import Project
from stemline.playback.engine import PlaybackEngine
from stemline.playback.prefetch import AHEAD_S, BEHIND_S, Prefetcher

SR = 48000


def mapped_kb(path: Path) -> int:
    """Resident kB of this process's mappings of ``path`` (from /proc/self/smaps)."""
    import re

    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")  # a mapping's first line (anonymous ones too)
    total, inside = 0, False
    with open("/proc/self/smaps", encoding="utf-8") as fh:
        for line in fh:
            if header.match(line):
                fields = line.split(maxsplit=5)
                inside = len(fields) == 6 and fields[5].strip() == str(path)
            elif line.startswith("Rss:") and inside:
                total += int(line.split()[1])
    return total


def lane(tmp_path: Path, seconds: float) -> tuple[Path, np.memmap]:
    path = tmp_path / "lane.pcm16"
    rng = np.random.default_rng(1)
    (rng.standard_normal((int(seconds * SR), 2)) * 3000).astype(np.int16).tofile(path)
    return path, np.memmap(path, dtype=np.int16, mode="r", shape=(int(seconds * SR), 2))


def engine_on(pcm: np.memmap) -> PlaybackEngine:
    project = Project()
    engine = PlaybackEngine(SR, 512)
    engine.set_sources({"original": pcm})
    engine.set_params(MixParams.from_project(project, has_stems=False))
    return engine


def play(engine: PlaybackEngine, frames: int) -> np.ndarray:
    """The next ``frames`` of the mix, in device-sized blocks."""
    out = np.zeros((frames, 2), np.float32)
    for a in range(0, frames, 4096):
        engine.render(out[a:a + 4096])
    return out


def test_only_the_stretch_around_the_playhead_stays_mapped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, pcm = lane(tmp_path, 180.0)
    assert int(np.abs(pcm).astype(np.int64).sum()) > 0  # every page mapped, as a long play leaves it
    whole = mapped_kb(path)
    assert whole >= 0.9 * pcm.nbytes / 1024
    engine = engine_on(pcm)
    pre = Prefetcher(engine)
    # the window, plus slack for the kernel mapping page cache in large folios (2 MB here)
    window_kb = (AHEAD_S + BEHIND_S) * SR * 4 / 1024 + 4096
    engine.speed, engine.position = 1, 90 * SR
    pre.step()
    assert mapped_kb(path) <= window_kb  # everything outside the window let go
    play(engine, SR // 2)  # plays from 90 s: maps only what it reads
    engine.position = 135 * SR  # 45 s on
    play(engine, SR // 2)
    pre.step()
    held = mapped_kb(path)
    assert 0 < held <= window_kb  # the stretch at 90 s, now behind, is let go
    # backwards, the window turns round: what lies ahead (earlier in time) is what is kept
    engine.speed = -1
    pre.step()
    play(engine, SR // 2)
    assert mapped_kb(path) <= window_kb


def test_playing_sounds_the_same_with_the_pages_let_go(tmp_path) -> None:  # type: ignore[no-untyped-def]
    _path, pcm = lane(tmp_path, 20.0)
    reference = engine_on(pcm)
    reference.speed, reference.position = 1, 10 * SR
    want = play(reference, SR)
    engine = engine_on(pcm)
    pre = Prefetcher(engine)
    engine.speed, engine.position = 1, 1 * SR
    pre.step()
    engine.position = 10 * SR  # past the window: its pages were let go by the step
    pre.step()
    got = play(engine, SR)
    assert np.array_equal(got, want) and np.abs(got).max() > 0.01


def test_the_thread_starts_and_stops(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import threading

    _path, pcm = lane(tmp_path, 2.0)
    pre = Prefetcher(engine_on(pcm))
    pre.start()
    assert any(t.name == "stemline-prefetch" for t in threading.enumerate())
    pre.stop()
    assert not any(t.name == "stemline-prefetch" for t in threading.enumerate())
