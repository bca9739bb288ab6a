"""A file that can't be opened says so in the window (not only in a status bar that may be off
screen), resets the state, and leaves only the actions that can work; the window fits the
screen it opens on and remembers its geometry."""
from __future__ import annotations

from pathlib import Path

import pytest


def test_a_broken_file_is_shown_in_the_window_and_resets_the_state(window, qtbot, clip: Path,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path) -> None:
    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(clip)
    assert win.timeline.duration == pytest.approx(3.0, abs=0.05)
    a = win.actions_by_name
    assert a["export_audio"].isEnabled() and a["separate"].isEnabled()
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(clip.read_bytes()[:2000])
    with qtbot.waitSignal(win.pipeline.open_failed, timeout=60_000):
        win.open_media(bad)
    qtbot.waitUntil(lambda: not win.pipeline.busy)
    lines = win.video.placeholder.split("\n")
    assert lines[0] == "Can't open bad.mp4" and "damaged" in lines[1], win.video.placeholder
    assert all(lane.message.toPlainText() == "bad.mp4 couldn't be opened" and lane.message.isVisible()
               for lane in win.panel.lanes.values())
    assert win.project.media_path is None and win.timeline.duration == 1.0   # the old length is gone
    assert win.windowTitle().startswith("Untitled")
    for name in ("export_video", "export_audio", "export_stems", "separate", "foley", "save",
                 "cancel"):
        assert not a[name].isEnabled(), name
    assert str(bad) in win.statusBar().currentMessage()


def test_a_late_lane_text_of_the_previous_file_does_not_cover_the_failure(window, qtbot,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    """Lane texts are shown at most ten times a second; one still waiting when the next file
    fails to open belongs to the previous file and must not replace "couldn't be opened"."""
    win = window
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00" * 3000)
    win._on_lane_status("voice", "Separating\u2026 40%")  # the previous file's, not yet shown
    with qtbot.waitSignal(win.pipeline.open_failed, timeout=60_000):
        win.open_media(bad)
    qtbot.wait(300)  # past the lane-text interval
    assert win.panel.lanes["voice"].message.toPlainText() == "bad.mp4 couldn't be opened"


def test_the_window_fits_its_screen_and_remembers_its_geometry(qtbot) -> None:  # type: ignore[no-untyped-def]
    from stemline.ui.app import make_app
    from stemline.ui.main_window import MainWindow

    app = make_app()
    avail = app.primaryScreen().availableGeometry()     # 800x800 on the offscreen platform
    win = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(win)
    win.show()
    assert avail.contains(win.frameGeometry()), (avail, win.frameGeometry())
    assert not win.actions_by_name["cancel"].isEnabled()   # nothing runs yet
    win.resize(730, 500)
    win.move(avail.x() + 20, avail.y() + 30)
    win.close()
    again = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (730, 500)
    again.close()


def test_menu_names_fields_plainly_and_a_hand_placed_event_is_heard(window, qtbot,  # type: ignore[no-untyped-def]
                                                                    clip: Path) -> None:
    import numpy as np
    from PySide6.QtCore import Qt

    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(clip)
    header = win.panel.headers["voice"]
    header.gain.setValue(header.gain.value() - 30)
    win.history.seal()
    assert win.actions_by_name["undo"].text() == "&Undo Change gain"
    win.timeline.set_playhead(1.0)
    win.activateWindow()
    win.panel.events.setFocus()
    qtbot.keyClick(win, Qt.Key.Key_E)
    (event,) = win.project.events
    assert event.sound and Path(event.sound).is_file()
    def heard() -> bool:
        audio = win.player.sources.get("foley")
        return audio is not None and float(np.abs(audio[48000:60000]).max()) > 0.01
    qtbot.waitUntil(heard, timeout=30_000)


def test_selecting_an_event_resizes_nothing(window, qtbot, clip: Path) -> None:  # type: ignore[no-untyped-def]
    from stemline.core.history import AddEvent
    from stemline.core.project import FoleyEvent

    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(clip)
    event = FoleyEvent(start=1.0, duration=0.3, label="hit")
    win.history.push(AddEvent(win.project, event))
    qtbot.wait(50)

    def sizes() -> list[int]:
        return [win.video.height(), *(lane.height() for lane in win.panel.lanes.values())]
    before = sizes()
    win.panel.events.select(event.id)
    qtbot.waitUntil(lambda: win.inspector.form_box.isVisible())
    qtbot.wait(50)
    assert sizes() == before
    win.panel.events.select(None)
    qtbot.wait(50)
    assert sizes() == before
