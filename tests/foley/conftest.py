"""Clips rendered once per test session (PyAV, H.264): they take a second or two each."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.foley.scenes import Ball, Scene, Slider, render


@pytest.fixture(scope="session")
def contact_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[float, float]]]:
    """Two bouncing balls (left and right) and a block sliding into a wall, with an AAC track."""
    path = tmp_path_factory.mktemp("clips") / "contacts.mp4"
    scene = Scene(5.0, balls=[Ball(0.25, 0.2, 0.7, 0.6), Ball(0.8, 0.9, 0.5, 0.5)],
                  sliders=[Slider(0.25, 1.5, 0.7)], seed=3)
    truth = render(path, scene, audio_tone=330.0)
    return path, truth


@pytest.fixture(scope="session")
def quiet_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """No contacts: a camera pan, a fade, a slowly drifting block, then a shot cut."""
    path = tmp_path_factory.mktemp("clips") / "quiet.mp4"
    render(path, Scene(5.0, pan=0.12, fade=(1.0, 2.5), drifter=True, cut=3.52, seed=5))
    return path, 3.52


@pytest.fixture(autouse=True)
def private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Index caches and settings go to the test's own folders, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
