"""Settings dialog, video view and jobs panel."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from stemline.core.settings import Settings
from stemline.ui.app import make_app
from stemline.ui.jobs_panel import JobsPanel
from stemline.ui.settings_dialog import SettingsDialog
from stemline.ui.video_view import VideoView
from stemline.workers.base import Worker


def test_settings_dialog_offers_only_devices_that_exist(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_app()
    settings = Settings(device="auto", model_dir="/models", autosave_seconds=30)
    dialog = SettingsDialog(settings, available_devices=("auto", "cpu"))
    qtbot.addWidget(dialog)
    model = dialog.device.model()
    assert not model.item(2).isEnabled() and "not available" in dialog.device.itemText(2)
    dialog.device.setCurrentIndex(1)
    dialog.library_dir.setText(" /sounds ")
    dialog.autosave.setValue(120)
    result = dialog.result_settings()
    assert (result.device, result.library_dir, result.autosave_seconds) == ("cpu", "/sounds", 120)
    assert result.model_dir == "/models"
    path = result.save(tmp_path / "s.json")
    assert Settings.load(path) == result
    path.write_text("{broken")
    assert Settings.load(path) == Settings()  # a damaged file never blocks startup


def test_video_view_letterboxes_the_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_app()
    view = VideoView()
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    image = QImage(160, 90, QImage.Format.Format_RGB888)
    image.fill(QColor("#ff0000"))
    view.set_frame(1.5, image)
    rect = view.target_rect()
    assert rect.height() == pytest.approx(300) and rect.width() == pytest.approx(300 * 16 / 9)
    assert rect.center().x() == pytest.approx(400)
    shot = view.grab().toImage()
    assert shot.pixelColor(400, 150).red() > 200  # picture in the middle
    assert shot.pixelColor(5, 150).red() < 20  # black bars at the sides


def test_jobs_panel_rows_come_and_go(qtbot) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from stemline.core.progress import Progress

    make_app()
    panel = JobsPanel()
    qtbot.addWidget(panel)
    worker = Worker()
    row = panel.add_task(worker, "Separating")
    assert not panel.tasks_title.isHidden()
    worker.progress.emit(Progress("separate", 5.0, 10.0))
    assert row.bar.value() == 500
    row.cancel.click()
    assert worker.cancel_token.cancelled
    panel.remove_task(worker)
    assert not panel.rows and panel.tasks_title.isHidden()
    from stemline.workers.job_queue import JobRow

    def job(rid: str, status: str, voice: str | None = None) -> JobRow:
        return JobRow(rid, f"{rid}.mp4", f"/media/{rid}.mp4", "separate", status, "separate",
                      0.42, 3.0, "/nonexistent", "", voice, voice)
    panel.set_jobs([job("a", "Running"), job("b", "Failed"), job("c", "Success", "/x/voice.aac")])
    assert panel.table.rowCount() == 3 and panel.table.item(0, 3).text() == "42 %"
    asked: list = []
    panel.cancel_requested.connect(asked.append)
    panel.retry_requested.connect(asked.append)
    panel.open_result_requested.connect(asked.append)
    panel.table.selectRow(0)
    assert panel.cancel_job.isEnabled() and not panel.retry_job.isEnabled()
    panel.cancel_job.click()
    panel.table.selectRow(1)
    assert panel.retry_job.isEnabled() and not panel.cancel_job.isEnabled()
    assert not panel.open_job.isEnabled()
    panel.retry_job.click()
    panel.table.selectRow(2)
    assert panel.open_job.isEnabled() and not panel.show_job.isEnabled()  # folder is gone
    panel.open_job.click()
    assert asked[:2] == ["a", "b"] and asked[2].run_id == "c"
    # an update keeps the selected job selected, wherever it moved
    panel.set_jobs([job("d", "PendingStart"), job("a", "Running"), job("b", "Failed"),
                    job("c", "Success", "/x/voice.aac")])
    assert panel.selected().run_id == "c"


def test_status_glyphs_exist_in_the_ui_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    """No missing-glyph boxes in the jobs table (the hourglass emoji showed as one)."""
    from PySide6.QtGui import QFontMetrics

    from stemline.ui.app import make_app
    from stemline.ui.jobs_panel import JobsPanel

    make_app()
    panel = JobsPanel()
    qtbot.addWidget(panel)
    metrics = QFontMetrics(panel.table.font())
    for glyph in JobsPanel._ICONS.values():
        assert metrics.inFontUcs4(ord(glyph)), hex(ord(glyph))


def test_only_tasks_that_last_get_a_row_and_the_busy_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A cache hit that ends at once never gets a row (six did at every warm open, a good part of
    its first stall); one still running after DELAY_MS does, and the busy bar shows exactly while
    some row does."""
    from PySide6.QtWidgets import QProgressBar

    from stemline.ui.task_rows import DELAY_MS, TaskRows

    make_app()
    panel, busy = JobsPanel(), QProgressBar()
    qtbot.addWidget(panel)
    qtbot.addWidget(busy)
    busy.hide()
    rows = TaskRows(panel, busy)
    quick, slow = Worker(), Worker()
    rows.started(quick, "Reading voice")
    rows.started(slow, "Separating")
    assert not panel.rows and busy.isHidden()
    rows.ended(quick)
    qtbot.wait(DELAY_MS + 100)
    assert list(panel.rows) == [slow] and panel.rows[slow].label.text() == "Separating"
    assert not busy.isHidden()
    rows.ended(slow)
    assert not panel.rows and busy.isHidden()
    later = Worker()  # the timer starts again for the next burst
    rows.started(later, "Foley")
    qtbot.wait(DELAY_MS + 100)
    assert list(panel.rows) == [later] and not busy.isHidden()
