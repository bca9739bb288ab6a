"""A free swing makes no sound: the trajectory test (swing.py) and the spotter on a rendered
lamp swinging hard over a metal floor.

The clip is the first 3.5 s of a render of the corpus scene ``eval_balls_metal`` (its truth and
the lamp's projected path alongside). On it the spotter without the swing test put two events on
the lamp's turns (2.33 s, a sideways stop; 2.77 s, a "landing" in mid-air), besides one at
0.53 s on a first stretch of the lamp's track too short to show a full period.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stemline.engine.foley.swing import free_swing
from stemline.jobs.foley import spot_video
from tests.foley.scenes import match_times

DATA = Path(__file__).resolve().parents[1] / "data" / "rendered"
W = 320.0
T = np.arange(150) / 30.0


def _sine(period: float = 1.8, amp: float = 50.0, noise: float = 2.0, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 160.0 + amp * np.sin(2 * np.pi * T / period + 0.4) + 3.0 * T + rng.normal(0, noise, len(T))


def test_a_lamp_swinging_under_a_shaking_camera_is_a_free_swing() -> None:
    for period in (1.2, 1.8, 2.6):
        for seed in range(3):
            assert free_swing(T, _sine(period, noise=2.0, seed=seed), W), (period, seed)


def test_what_hits_things_is_no_free_swing() -> None:
    tri = 160.0 + 50.0 * (2 / np.pi) * np.arcsin(np.sin(2 * np.pi * T / 1.8))  # a ball between two walls
    assert not free_swing(T, tri, W)
    assert not free_swing(T, 100.0 + 25.0 * T, W)  # a walk, a roller
    assert not free_swing(T, 100.0 + 25.0 * T + 4.0 * np.abs(np.sin(2 * np.pi * T / 0.5)), W)  # a bouncing ball
    assert not free_swing(T, _sine(amp=0.05 * W, noise=0.5), W)  # a small wobble: not enough to judge
    assert not free_swing(T[:40], _sine()[:40], W)  # 1.3 s: too short to tell a swing from an arc
    assert not free_swing(T, np.full(len(T), 160.0), W)
    assert not free_swing(T[:8], _sine()[:8], W)


def test_the_fit_must_be_close() -> None:
    # the same swing with jitter the size of its own travel is no evidence of a swing
    assert not free_swing(T, _sine(noise=30.0), W)
    # nor is one that also wanders off as no pendulum does (a quadratic drift, a quarter of the motion)
    assert free_swing(T, _sine(noise=1.0) + 3.0 * (T - 2.5) ** 2, W)
    assert not free_swing(T, _sine(noise=1.0) + 12.0 * (T - 2.5) ** 2, W)


@pytest.fixture(scope="module")
def lamp() -> tuple[dict, object]:
    truth = json.loads((DATA / "eval_balls_metal_lamp.json").read_text())
    return truth, spot_video(DATA / "eval_balls_metal_lamp.mp4", precision="high")


def _on_lamp(truth: dict, ev) -> bool:  # type: ignore[no-untyped-def]
    k = min(len(truth["lamp"]) - 1, int(round(ev.time * truth["fps"])))
    lx, ly = truth["lamp"][k][:2]
    return bool(np.hypot(ev.x - lx, (ev.y - ly) * 9 / 16) < 0.25)


def test_no_events_on_a_lamp_once_it_has_swung_a_period(lamp) -> None:  # type: ignore[no-untyped-def]
    truth, result = lamp
    on_lamp = [round(e.time, 3) for e in result.events if _on_lamp(truth, e)]
    # the lamp's track is broken once, at 1.1-1.5 s; its first stretch is under a period long
    assert all(t < 1.2 for t in on_lamp), on_lamp
    assert len(on_lamp) <= 1, on_lamp


def test_the_balls_under_the_lamp_are_still_heard(lamp) -> None:  # type: ignore[no-untyped-def]
    truth, result = lamp
    tt = [e["t"] for e in truth["events"]]
    found = [e.time for e in result.events if not _on_lamp(truth, e)]
    pairs = match_times(tt, found)
    assert len(pairs) >= 6, (tt, found)
    # one rebound of a ball and its mirror image is doubled at 2.75 s (with or without the swing test)
    assert len(found) - len(pairs) <= 1, (tt, found)
