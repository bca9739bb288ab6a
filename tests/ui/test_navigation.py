"""What editors expect of a timeline: frame stepping (Left/Right), timecode in frames, play
selection and loop, snapping dragged events, recent files, and a shortcuts overlay."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from stemline.core.history import AddEvent
from stemline.core.project import FoleyEvent


@pytest.fixture
def opened(window, qtbot, clip: Path):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.work_finished, timeout=180_000):
        window.open_media(clip)
    return window


def test_frame_steps_and_timecode_in_frames(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened
    assert win.timeline.frame_rate == pytest.approx(25.0)
    win.activateWindow()
    for _ in range(3):
        qtbot.keyClick(win, Qt.Key.Key_Right)
    assert win.timeline.playhead == pytest.approx(0.12)
    qtbot.keyClick(win, Qt.Key.Key_Left)
    assert win.timeline.playhead == pytest.approx(0.08)
    assert win.panel.time_label.text() == "0:00.080"
    win.actions_by_name["show_frames"].trigger()
    assert win.panel.time_label.text() == "00:00:00:02"
    axis = win.panel.ruler.getPlotItem().getAxis("top")
    lo, hi = win.timeline.visible
    values = [v for _spacing, vals in axis.tickValues(lo, hi, axis.width()) for v in vals]
    labels = axis.tickStrings(values, 1.0, axis.tickSpacing(lo, hi, axis.width())[0][0])
    assert labels[0].count(":") == 3                       # the ruler reads HH:MM:SS:FF too


def test_play_selection_stops_or_loops(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened
    engine = win.player.engine
    win.timeline.set_selection((1.0, 1.5))
    win.actions_by_name["play_selection"].trigger()
    assert win.timeline.playhead == pytest.approx(1.0)
    assert engine.play_range == (48000, 72000, False) and engine.speed == 1
    win.actions_by_name["loop"].trigger()
    assert engine.play_range == (48000, 72000, True)
    qtbot.waitUntil(lambda: win.timeline.playhead > 1.2, timeout=5000)
    qtbot.wait(600)                                      # past the end: it came round again
    assert 1.0 <= engine.time < 1.5 and engine.speed == 1
    win.player.pause()


def test_a_dragged_event_snaps_to_its_neighbour(opened) -> None:  # type: ignore[no-untyped-def]
    win = opened
    a = FoleyEvent(start=1.0, duration=0.4, label="a")
    b = FoleyEvent(start=2.0, duration=0.3, label="b")
    for e in (a, b):
        win.history.push(AddEvent(win.project, e))
    lane = win.panel.events
    px = lane.box.viewPixelSize()[0]
    lane.commit_move(b, a.end + 3 * px, b.duration)          # dropped 3 px after a's end
    assert b.start == pytest.approx(a.end, abs=1e-12)
    win.actions_by_name["snap"].trigger()                    # off
    lane.commit_move(b, a.end + 3 * px, b.duration)
    assert b.start == pytest.approx(a.end + 3 * px)


def test_recent_files_and_shortcuts_overlay(opened, qtbot, clip: Path) -> None:  # type: ignore[no-untyped-def]
    win = opened
    win.fill_recent_menu()
    names = [a.text() for a in win.recent_menu.actions()]
    assert names == [clip.name]
    win.actions_by_name["shortcuts"].trigger()
    overlay = win.shortcuts_overlay
    assert overlay.isVisible()
    assert ("Playback", "Play", "Space") in overlay.rows
    assert ("Playback", "Next frame", "Right") in overlay.rows
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()


def test_assign_sound_browser_searches_previews_and_assigns(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened
    event = FoleyEvent(start=1.0, duration=0.3, label="hit")
    win.history.push(AddEvent(win.project, event))
    win.assign_sound(event)
    browser = win.sound_browser
    assert browser.isVisible()
    qtbot.waitUntil(lambda: browser.list.count() > 10, timeout=30_000)
    total = browser.list.count()
    qtbot.keyClicks(browser.search, "glass")
    assert 0 < browser.list.count() < total
    assert all("glass" in browser.list.item(i).text().lower() for i in range(browser.list.count()))
    path = browser.selected_path()
    browser.preview.click()
    qtbot.waitUntil(lambda: win.player.engine.auditioning, timeout=10_000)
    browser.assign.click()
    assert event.sound == path and win.history.undo_text == "Assign sound"
    assert not browser.isVisible()


def test_level_meter_shows_what_plays(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    import math

    import numpy as np
    import pyloudnorm

    win = opened
    meter = win.level_meter
    meter.reset()
    assert meter.text().startswith("M -inf")
    win.player.seek(0.0)
    win.player.play()
    qtbot.waitUntil(lambda: math.isfinite(meter.loudness.integrated), timeout=10_000)
    qtbot.waitUntil(lambda: win.player.speed == 0, timeout=10_000)   # the 3 s clip ends
    qtbot.wait(150)
    assert all(math.isfinite(v) and v < 0 for v in (meter.loudness.peak_db,))
    # what the meter integrated is what the engine played: compare with pyloudnorm on a
    # render of the same mix
    played = np.zeros((int(win.project.duration * 48000), 2), np.float32)
    engine = type(win.player.engine)(48000, 512)
    engine.set_sources(win.player.sources)
    engine.set_params(win.player.engine.params)
    engine.speed = 1
    for i in range(0, len(played), 512):
        engine.render(played[i:i + 512])
    expected = pyloudnorm.Meter(48000).integrated_loudness(played.astype(np.float64))
    assert meter.loudness.integrated == pytest.approx(expected, abs=0.5)
    assert "LUFS" in meter.text()


def test_spectrogram_view_per_lane(opened, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = opened
    lane = win.panel.lanes["voice"]
    with qtbot.waitSignal(win.spectrogram_ready, timeout=60_000):
        win.panel.headers["voice"].spectrum.click()
    assert lane.showing_spectrogram and lane.spectrogram is not None
    qtbot.wait(30)
    assert lane.spec_item.isVisible() and not lane.curve.isVisible()
    # Any zoom redraws from the mipmaps: the image is at most one column per pixel (draw
    # times: benchmarks/spectrogram_draw.py).
    for span in (3.0, 0.5, 0.02):
        win.timeline.set_visible(0.5, 0.5 + span)
        lane.redraw()
        lane.viewport().repaint()
        image = lane.spec_item.image
        assert image is not None and 0 < image.shape[0] <= int(lane.box.width()) + 2, span
    cached = list((win.cache / "spectrograms").iterdir())
    assert len(cached) == 1
    win.panel.headers["voice"].spectrum.click()            # back to the waveform
    assert not lane.spec_item.isVisible() and lane.curve.isVisible()


def test_opening_another_file_clears_spectrograms_and_the_meter(opened, qtbot, wav) -> None:  # type: ignore[no-untyped-def]
    win = opened
    lane = win.panel.lanes["voice"]
    with qtbot.waitSignal(win.spectrogram_ready, timeout=60_000):
        win.panel.headers["voice"].spectrum.click()
    win.level_meter.loudness.push(__import__("numpy").ones((48000, 2), "float32") * 0.5)
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(wav)
    assert lane.spectrogram is None and not lane.showing_spectrogram
    assert not lane.spec_item.isVisible() and not win.panel.headers["voice"].spectrum.isChecked()
    assert win.level_meter.loudness.peak == 0.0
