"""The whole editor: open -> workers -> lanes filled -> edit -> undo -> save -> reopen."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from stemline.core.serialization import load_project
from tests.ui.conftest import write_clip


def _wait_work(qtbot, win, timeout: int = 120_000) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not win.pipeline.busy and win.pipeline.media is not None,
                    timeout=timeout)


def test_open_edit_undo_save_reopen(window, qtbot, clip: Path, wav: Path,  # type: ignore[no-untyped-def]
                                    tmp_path: Path) -> None:
    sound = wav  # a tone burst stands in for a library sound
    win = window
    started: list = []
    win.runner.started.connect(started.append)
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(clip)
    assert win.pipeline.errors == []
    lanes = win.panel.lanes
    # the Foley run reads the room from the voice stem separation just wrote
    foley_runs = [w for w in started if type(w).__name__ == "FoleyWorker"]
    assert [w.voice for w in foley_runs] == [Path(win.project.track("voice").source)]
    # and the background was split: music suppression now keeps its ambience, at its own level
    bg = win.project.track("background")
    # (into the cache, named by the content of the stem it was split from)
    assert Path(bg.ambience_source).parent == win.pipeline.cache / "ambience"
    assert Path(bg.ambience_source).exists()
    assert win.player.engine.has("ambience") and win.player.engine.params.ambience_gain == 1.0
    assert win.panel.headers["background"].ambience.isEnabled()
    # ... and the background lane is drawn as heard: all of it at Music 0 %, its ambience alone
    # at Music 100 % (it was drawn flat there, though the room was still heard)
    bg_lane = lanes["background"]
    assert bg_lane.part is not None
    start, end = win.timeline.visible
    pixels = max(int(bg_lane.box.width()), 1)
    own = bg_lane.pyramid.curve(start, end, pixels).y
    ambience = bg_lane.part.curve(start, end, pixels).y
    assert abs(ambience).max() > 0.01 and not np.allclose(own, ambience, atol=1e-3)
    assert np.allclose(bg_lane.curve.getData()[1], own, atol=1e-6)
    win.history.set(bg, "suppression", 1.0)
    assert np.allclose(bg_lane.curve.getData()[1], ambience, atol=1e-6)
    win.history.set(bg, "ambience_db", -6.0)
    assert np.allclose(bg_lane.curve.getData()[1], 10 ** (-6 / 20) * ambience, atol=1e-6)
    win.history.undo()
    win.history.undo()
    assert np.allclose(bg_lane.curve.getData()[1], own, atol=1e-6)
    for kind in ("original", "voice", "background", "foley"):
        assert lanes[kind].pyramid is not None, kind
    assert lanes["original"].pyramid.peak > 0.3
    assert win.project.track("voice").source and Path(win.project.track("voice").source).exists()
    assert "Device:" in win.device_label.text() and "cpu" in win.device_label.text().lower()
    assert win.device_name == "cpu"
    assert win.video.image is not None  # a still is showing
    assert win.timeline.duration == pytest.approx(3.0, abs=0.05)

    header = win.panel.headers["voice"]
    header.gain.setSliderDown(True)
    for v in (-30, -60, -65):
        header.gain.setValue(v)
    header.gain.setSliderDown(False)
    header.gain.sliderReleased.emit()
    assert win.project.track("voice").gain_db == -6.5
    assert not win.history.is_clean and win.windowTitle().startswith("clip.mp4 \u2022")
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.project.track("voice").gain_db == 0.0
    qtbot.keyClick(win, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.project.track("voice").gain_db == -6.5
    win.history.set(win.project.track("background"), "ducking", 0.5)

    # Editing the events lane re-renders what the Foley lane plays.
    from stemline.core.history import AddEvent
    from stemline.core.project import FoleyEvent

    before = lanes["foley"].pyramid
    event = FoleyEvent(start=1.0, label="hit", sound=str(sound), gain_db=-6.0, pan=0.5)
    win.history.push(AddEvent(win.project, event))
    qtbot.waitUntil(lambda: lanes["foley"].pyramid is not before, timeout=30_000)
    assert lanes["foley"].pyramid.peak > 0.1
    foley_audio = win.player.sources["foley"]
    assert abs(foley_audio[:, 1]).max() > abs(foley_audio[:, 0]).max()  # panned right
    assert not foley_audio[: int(0.9 * 48000)].any()  # nothing before the event
    win.history.set(win.project.track("foley"), "auto_pan", False)  # every sound centred now
    qtbot.waitUntil(lambda: win.player.sources["foley"] is not foley_audio, timeout=30_000)
    centred = win.player.sources["foley"]
    assert abs(centred[:, 0]).max() == pytest.approx(abs(centred[:, 1]).max(), rel=1e-5)
    win.history.undo()

    saved = tmp_path / "proj" / "edit.stemline"
    assert win.save_to(saved)
    assert win.history.is_clean and load_project(saved).track("voice").gain_db == -6.5

    win.open_project(saved)
    _wait_work(qtbot, win)
    assert "Separating" not in win.pipeline.timings  # stems came from the project
    # so did the ambience: suppression keeps the room in a reopened project too
    qtbot.waitUntil(lambda: win.player.engine.has("ambience"), timeout=30_000)
    assert "Splitting ambience" not in win.pipeline.timings
    assert win.panel.lanes["background"].part is not None
    assert win.project.track("voice").gain_db == -6.5
    assert win.project.track("background").ducking == 0.5
    assert win.panel.headers["voice"].gain.value() == -65
    assert [e.sound for e in win.project.events] == [str(sound)]
    qtbot.waitUntil(lambda: all(lane.pyramid is not None for lane in lanes.values()),
                    timeout=30_000)
    qtbot.waitUntil(lambda: lanes["foley"].pyramid.peak > 0.1, timeout=30_000)  # re-rendered


def test_transport_keys_and_no_audio_device(window, qtbot, wav: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    with qtbot.waitSignal(win.work_finished, timeout=120_000):
        win.open_media(wav, separate=False, foley=False)
    assert "audio" in win.statusBar().currentMessage() or win.player.device_message
    assert win.video.image is None  # audio only: no picture, no error
    qtbot.keyClick(win, Qt.Key.Key_Space)
    assert win.player.speed == 1
    qtbot.waitUntil(lambda: win.timeline.playhead > 0.05, timeout=5000)  # the clock moves it
    qtbot.keyClick(win, Qt.Key.Key_K)
    assert win.player.speed == 0
    qtbot.keyClick(win, Qt.Key.Key_L)
    qtbot.keyClick(win, Qt.Key.Key_L)
    assert win.player.speed == 2
    qtbot.keyClick(win, Qt.Key.Key_J)
    assert win.player.speed == -1
    qtbot.keyClick(win, Qt.Key.Key_K)
    qtbot.keyClick(win, Qt.Key.Key_End)
    assert win.timeline.playhead == pytest.approx(3.0, abs=0.01)
    qtbot.keyClick(win, Qt.Key.Key_Home)
    assert win.timeline.playhead == 0.0
    span = win.timeline.visible
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    assert win.timeline.visible[1] - win.timeline.visible[0] == pytest.approx(
        (span[1] - span[0]) / 2, rel=0.01)


def test_drop_several_files_opens_first_and_queues_rest(window, qtbot, wav: Path,  # type: ignore[no-untyped-def]
                                                        media_dir: Path, tmp_path: Path) -> None:
    win = window
    win.batch.set_output_dir(tmp_path / "stems")
    second = write_clip(media_dir / "second.wav", seconds=1.0, video=False)
    third = write_clip(media_dir / "third.mp4", seconds=1.0)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(wav)), QUrl.fromLocalFile(str(second)),
                  QUrl.fromLocalFile(str(third))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(QPoint(200, 200), *args)  # Qt's own signature: a QPoint
    QApplication.sendEvent(win, enter)  # Qt delivers a drop only to the drag's current target
    assert enter.isAccepted()
    with qtbot.waitSignal(win.batch.notified, timeout=180_000) as note:
        QApplication.sendEvent(win, QDropEvent(QPointF(200, 200), *args))
    assert win.project.media_path == str(wav.resolve())
    assert note.args[0].startswith("Batch finished: 2 separated")
    # every queued file got its stems where the user chose, not only into the cache
    for name in ("second", "third"):
        assert (tmp_path / "stems" / name / "voice.aac").is_file(), name
        assert (tmp_path / "stems" / name / "result.json").is_file(), name
    table = win.jobs.table
    qtbot.waitUntil(lambda: table.rowCount() == 2 and "Success" in table.item(1, 2).text())
    assert {table.item(r, 0).text() for r in range(2)} == {"second.wav", "third.mp4"}
    _wait_work(qtbot, win)


def test_stems_from_a_job_folder_are_split_into_the_cache(window, qtbot, clip: Path,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    """A finished job's stems (its output folder, shared by other jobs and the user's) get
    their ambience split into the editor's cache, never written beside them."""
    import shutil

    import soundfile as sf

    win = window
    folder = tmp_path / "job_out"
    folder.mkdir()
    rng = np.random.default_rng(0)
    voice, background = folder / "clip_voice.wav", folder / "clip_background.wav"
    sf.write(voice, 0.1 * rng.standard_normal((3 * 48000, 2)), 48000)
    sf.write(background, 0.1 * rng.standard_normal((3 * 48000, 2)), 48000)
    shutil.copy(clip, folder / "clip.mp4")
    before = sorted(p.name for p in folder.iterdir())
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(folder / "clip.mp4", known={"voice": str(voice), "background": str(background)})
    qtbot.waitUntil(lambda: win.player.engine.has("ambience") or bool(win.pipeline.errors), timeout=60_000)
    assert win.pipeline.errors == []
    assert "Separating" not in win.pipeline.timings
    source = Path(win.project.track("background").ambience_source)
    assert source.exists() and source.parent == win.pipeline.cache / "ambience"
    assert sorted(p.name for p in folder.iterdir()) == before
