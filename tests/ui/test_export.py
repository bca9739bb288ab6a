"""File > Export: the video with its new soundtrack, the audio mix, the stems, as the player plays
them, through the same exporter as `stemline export` (same file for the same project)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stemline.media import probe, read_audio
from stemline.media.mux import video_packets
from tests.ui.conftest import Catcher


@pytest.fixture
def loaded(window, qtbot, clip):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.work_finished, timeout=180_000):
        window.open_media(clip)
    qtbot.waitUntil(lambda: window.player.has_stems, timeout=30_000)
    return window


def run_export(window, qtbot, kind: str, target: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    finished, failed = Catcher(window.exported), Catcher(window.export_failed)
    window.export(kind, target)
    qtbot.waitUntil(lambda: bool(finished.calls or failed.calls), timeout=120_000)
    assert not failed.calls, failed.calls
    return finished.calls[0][0]


def test_export_video_copies_the_picture_and_carries_the_mix(loaded, qtbot, clip, tmp_path):
    out = run_export(loaded, qtbot, "video", tmp_path / "out.mp4")[0]
    info = probe(out)
    assert info.has_video and abs(info.duration - probe(clip).duration) < 0.05
    assert video_packets(out) == video_packets(clip)          # stream copy, not a re-encode
    audio, rate = read_audio(out)
    assert rate == 48000 and float(np.abs(audio).max()) > 0.01


def test_audio_export_follows_the_track_controls(loaded, qtbot, tmp_path):
    full = read_audio(run_export(loaded, qtbot, "audio", tmp_path / "mix.wav")[0])[0]
    loaded.project.track("background").mute = True            # an edit, as the header makes it
    loaded.project.track("voice").gain_db = -6.0
    qtbot.waitUntil(lambda: not loaded.player.engine.params.matrices[2].any(), timeout=5_000)
    edited = read_audio(run_export(loaded, qtbot, "audio", tmp_path / "mix2.flac")[0])[0]
    assert edited.shape == full.shape
    rms = lambda x: float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))  # noqa: E731
    assert rms(edited) < 0.8 * rms(full)
    voice = read_audio(run_export(loaded, qtbot, "stems", tmp_path / "stems")[0])[0]
    names = sorted(p.name for p in (tmp_path / "stems").iterdir())
    # stems carry every track after its own gain/pan/suppression; mute is a listening choice
    assert {"background.wav", "voice.wav"} <= set(names)
    assert voice.shape == full.shape


def test_audio_export_with_an_unknown_suffix_fails_cleanly(loaded, qtbot, tmp_path):
    failed = Catcher(loaded.export_failed)
    loaded.export("audio", tmp_path / "mix.xyz")
    msg = failed.wait(qtbot, timeout=60_000)[0]
    assert "mix.xyz" in msg and "\n" not in msg
    assert list(tmp_path.iterdir()) == []


def test_editor_export_equals_stemline_export_of_the_saved_project(loaded, qtbot, tmp_path):
    from stemline.cli import main

    loaded.project.track("background").ducking = 0.6
    loaded.project.track("voice").gain_db = 2.0
    from_editor = run_export(loaded, qtbot, "audio", tmp_path / "editor.wav")[0]
    assert loaded.save_to(tmp_path / "p.stemline")
    assert main(["export", str(tmp_path / "p.stemline"), "-o", str(tmp_path / "cli.wav"),
                 "--quiet"]) == 0
    a, b = read_audio(from_editor)[0], read_audio(tmp_path / "cli.wav")[0]
    assert a.shape == b.shape and np.array_equal(a, b)
