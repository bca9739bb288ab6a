"""The Jobs panel fed by the persistent queue: jobs survive a restart of the window, a job left
running by a dead window comes back Terminated with Retry, pending ones resume, and a finished
job opens in the editor with the stems it wrote."""
from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from stemline.jobs import store as st
from stemline.jobs.result import new_run_id
from stemline.jobs.runner import default_db
from tests.ui.conftest import write_clip


def dead_owner() -> str:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return f"{socket.gethostname()}:{proc.stdout.strip()}"


def rows_by_name(win) -> dict[str, str]:  # type: ignore[no-untyped-def]
    t = win.jobs.table
    return {t.item(r, 0).text(): t.item(r, 2).text() for r in range(t.rowCount())}


def test_queue_survives_restart_resumes_pending_and_retries_the_interrupted(
        qtbot, media_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stemline.ui.app import make_app
    from stemline.ui.main_window import MainWindow

    a = write_clip(media_dir / "left_running.wav", seconds=1.0, video=False)
    b = write_clip(media_dir / "left_pending.wav", seconds=1.0, video=False)
    store = st.JobStore(default_db())
    opts = {"model": "spleeter", "device": "cpu", "format": "aac"}
    interrupted = store.submit("separate", a, tmp_path / "out" / "a", run_id=new_run_id(),
                               options=opts, trigger="Window").run_id
    store.submit("separate", b, tmp_path / "out" / "b", run_id=new_run_id(), options=opts,
                 trigger="Window")
    store.claim_next(owner=dead_owner(), run_ids=[interrupted])   # a window that crashed
    (tmp_path / "out" / "a").mkdir(parents=True)
    (tmp_path / "out" / "a" / ".voice.aac.part-1-1").write_bytes(b"half")

    make_app()
    win = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: rows_by_name(win).get("left_pending.wav", "").endswith("Success"),
                        timeout=120_000)
        assert rows_by_name(win)["left_running.wav"].endswith("Terminated")
        assert not list((tmp_path / "out" / "a").iterdir())         # its partial file is gone
        row = next(r for r in range(2) if win.jobs.table.item(r, 0).text() == "left_running.wav")
        win.jobs.table.selectRow(row)
        assert win.jobs.retry_job.isEnabled()
        with qtbot.waitSignal(win.batch.notified, timeout=120_000) as note:
            win.jobs.retry_job.click()
        assert note.args[0].startswith("Batch finished: 1 separated")
        assert store.get(interrupted).status == "Success" and store.get(interrupted).attempts == 2
    finally:
        win.close()

    # A new window shows the same jobs, and opens a result with the stems the job wrote.
    win = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.jobs.table.rowCount() == 2, timeout=30_000)
        assert set(rows_by_name(win).values()) == {"\u2714 Success"}
        row = next(r for r in range(2) if win.jobs.table.item(r, 0).text() == "left_pending.wav")
        win.jobs.table.selectRow(row)
        with qtbot.waitSignal(win.work_finished, timeout=120_000):
            win.jobs.open_job.click()
        assert win.project.media_path == str(b.resolve())
        assert win.project.track("voice").source == str(tmp_path / "out" / "b" / "voice.aac")
        assert win.panel.lanes["voice"].pyramid is not None
    finally:
        win.close()


def test_a_dropped_folder_is_queued_not_opened_and_skips_are_shown(
        window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    folder = tmp_path / "shoot"
    (folder / "b").mkdir(parents=True)
    write_clip(folder / "a.wav", seconds=1.0, video=False)
    write_clip(folder / "b" / "c.mp4", seconds=1.0)
    (folder / "b" / "notes.txt").write_text("not media")
    win.batch.set_output_dir(tmp_path / "stems")
    shown: list[str] = []
    win.statusBar().messageChanged.connect(shown.append)
    with qtbot.waitSignal(win.batch.notified, timeout=120_000) as note:
        win.open_files([folder])
    assert any(m.startswith("Skipped notes.txt: not a readable media file") for m in shown), shown
    assert note.args[0].startswith("Batch finished: 2 separated")
    assert win.project.media_path is None                  # nothing opened in the editor
    assert (tmp_path / "stems" / "a" / "voice.aac").is_file()
    assert (tmp_path / "stems" / "c" / "background.aac").is_file()
    assert win.settings.batch_output_dir == str(tmp_path / "stems")


def test_file_open_with_several_files_opens_one_and_queues_the_rest(
        window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """File > Open used to drop all but the first file silently."""
    from PySide6.QtWidgets import QFileDialog

    win = window
    files = [write_clip(tmp_path / f"take{i}.wav", seconds=1.0, video=False) for i in range(3)]
    # The platform's file dialog can't be driven offscreen: it answers as if three were picked.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(f) for f in files], "")))
    win.batch.set_output_dir(tmp_path / "stems")
    with qtbot.waitSignal(win.batch.notified, timeout=120_000) as note:
        win.actions_by_name["open"].trigger()
    assert note.args[0].startswith("Batch finished: 2 separated")
    assert win.project.media_path == str(files[0].resolve())
    assert sorted(p.name for p in (tmp_path / "stems").iterdir()) == ["take1", "take2"]
    assert win.side_tabs.currentWidget() is win.jobs


def test_a_damaged_job_database_leaves_the_editor_working(qtbot, clip: Path) -> None:  # type: ignore[no-untyped-def]
    from stemline.ui.app import make_app
    from stemline.ui.main_window import MainWindow

    db = default_db()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"not a database" * 100)
    make_app()
    win = MainWindow(use_audio_device=False, confirm=False)
    qtbot.addWidget(win)
    win.show()
    try:
        assert "job queue unavailable" in win.jobs.out_label.text() and str(db) in \
            win.jobs.out_label.text()
        with qtbot.waitSignal(win.work_finished, timeout=120_000):
            win.open_media(clip)                          # the editor itself still works
        assert win.panel.lanes["voice"].pyramid is not None
        win.open_files([clip, clip])                      # a batch says why it can't run
        qtbot.waitUntil(lambda: "job queue unavailable" in win.statusBar().currentMessage())
        assert db.read_bytes().startswith(b"not a database")   # nothing overwritten
    finally:
        win.close()
