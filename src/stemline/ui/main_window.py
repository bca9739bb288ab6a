"""The editor window: video on top, timeline below, menus, toolbar, status bar, drag and drop.

The window owns the project, its history and the workers; widgets edit the project only through
the history. Heavy work (decode, separation, Foley) runs in :mod:`stemline.workers`; this module
only wires signals.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (QCloseEvent, QDragEnterEvent, QDropEvent, QImage)
from PySide6.QtWidgets import (QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox,
                               QProgressBar, QScrollArea, QSplitter, QStyle, QTabWidget,
                               QVBoxLayout, QWidget)

from stemline.core.autosave import Autosaver, Recoverable, find_copy, find_recoverable
from stemline.core.history import History
from stemline.core.project import FoleyEvent, Project
from stemline.core.serialization import SUFFIX, ProjectFileError, load_project, save_project
from stemline.core.settings import Settings, cache_dir
from stemline.ui.batch import BatchController
from stemline.ui.actions import build_actions, build_menus_and_toolbar
from stemline.ui.foley_sync import FoleySync
from stemline.ui.inspector import EventInspector
from stemline.ui.jobs_panel import JobsPanel
from stemline.ui.region_separation import RegionSeparation
from stemline.ui.respot import SpottedMemory, ask_policy, plan_respot
from stemline.ui.pipeline import FoleyResult, LaneData, MediaSummary, Pipeline, StemFiles
from stemline.ui.player import SAMPLE_RATE, Player
from stemline.ui.settings_dialog import SettingsDialog
from stemline.ui.task_rows import TaskRows
from stemline.ui.timeline import TimelineView
from stemline.ui.timeline_panel import TimelinePanel
from stemline.ui.video_view import VideoView
from stemline.workers.base import WorkerRunner
from stemline.workers.separation import DeviceInfo, DeviceWorker
from stemline.workers.foley import pick_sound
from stemline.workers.media import FrameWorker

MEDIA_FILTER = ("Media (*.mp4 *.mov *.mkv *.webm *.avi *.m4v *.mp3 *.wav *.flac *.m4a *.aac "
                "*.ogg *.opus);;All files (*)")


class MainWindow(QMainWindow):
    """Stemline's editor.

    Parameters
    ----------
    settings : user settings (loaded from disk when None).
    cache : cache root (peaks, stems, Foley renders); default ``cache_dir()``.
    use_audio_device : False keeps playback on the silent clock (tests, self-check).
    confirm : ask before discarding unsaved changes / offer crash recovery (off in tests).

    Signals
    -------
    work_finished() : the background work for the open file has ended.
    device_ready() : compute device detection ended (torch is imported by then).
    """

    work_finished = Signal()

    #: An export wrote these paths / failed with this one-line message.

    exported = Signal(object)

    export_failed = Signal(str)
    device_ready = Signal()
    #: A lane's spectrogram was computed (track kind).
    spectrogram_ready = Signal(str)

    def __init__(self, settings: Settings | None = None, *, cache: Path | None = None,
                 use_audio_device: bool = True, confirm: bool = True,
                 autosave_dir: Path | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.cache = cache or cache_dir()
        self.confirm = confirm
        self.project = Project()
        self.history = History()
        self.project_path: Path | None = None
        self.device_text = "detecting\u2026"
        self.device_name = ""
        self.available_devices: tuple[str, ...] = ("auto", "cpu")
        self.models: tuple[str, ...] = ("spleeter",)
        self.absent_models: tuple[str, ...] = ()
        self.timeline = TimelineView(self)
        # Threads started now, before any work, so that opening a file starts none (see
        # WorkerRunner): as many as an open runs at once (probe, separation, four lanes,
        # Foley, ambience).
        self.runner = WorkerRunner(self, spare=8)
        # The preview isn't cancelled with the jobs. Two threads: a new file's frame worker starts
        # while the last one is still stopping.
        self.video_runner = WorkerRunner(self, spare=2)
        self.frame_worker: FrameWorker | None = None
        self.pipeline = Pipeline(self.runner, self.settings, self.cache, SAMPLE_RATE, self)
        self.region = RegionSeparation(self)
        self.player = Player(self.timeline, use_device=use_audio_device, parent=self)
        self.autosaver = Autosaver(autosave_dir)
        self.spotted = SpottedMemory()
        #: How re-spotting merges when dialogs are off (tests, self-check): see ui.respot.
        self.respot_policy = "keep_edited"
        self._closed = False
        self.setWindowTitle("Stemline")
        self.setAcceptDrops(True)
        self.setMinimumSize(720, 480)
        self._build_ui()
        self._build_actions()
        self._wire()
        self._fit_to_screen()
        self._export: Any = None
        self._set_project(Project(), None)
        self.device_known = False
        device_worker = DeviceWorker(self.settings.device, preload=self.settings.separator,
                                     model_dir=self.settings.model_dir)
        device_worker.finished.connect(self._on_device_info)
        device_worker.failed.connect(self._on_device_failed)
        device_worker.done.connect(self._on_device_done)
        self.runner.start(device_worker)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(self.settings.autosave_seconds * 1000)
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._autosave_timer.start()
        if self.player.device_message:
            self.status(self.player.device_message, 0)
        self.audio_label.setText(f"Audio: {self.player.output.name}")

    # -- construction --------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.video = VideoView()
        self.jobs = JobsPanel()
        self.inspector = EventInspector(self.history)
        # The event inspector and the jobs share the side as tabs: each gets the whole height,
        # which is short on a 1366x768 screen.
        side = QTabWidget()
        side.setDocumentMode(True)
        side.addTab(self.inspector, "Event")
        side.addTab(self.jobs, "Jobs")
        self.side_tabs = side
        # In a scroll area: the inspector's form appearing on selection must not push the
        # splitter (it used to grow the top by ~90 px, shrinking the video's neighbours and
        # every lane, and jump back on deselect).
        side_scroll = QScrollArea()
        side_scroll.setWidgetResizable(True)
        side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        side_scroll.setWidget(side)
        side_scroll.setMinimumWidth(300)
        # The video is short (the lanes take most of the height), so width spent on the side
        # panel costs it little and lets the jobs table show file names.
        side_scroll.setMaximumWidth(560)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.video)
        top.addWidget(side_scroll)
        top.setStretchFactor(0, 1)
        top.setSizes([1120, 480])
        self.panel = TimelinePanel(self.timeline, self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 1)
        split.setSizes([330, 570])
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.setCentralWidget(central)
        sb = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        self.progress.setFixedHeight(14)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.device_label = QLabel("Device: detecting\u2026")
        self.audio_label = QLabel("Audio: \u2014")
        for w in (self.progress, self.audio_label, self.device_label):
            sb.addPermanentWidget(w)
        self.task_rows = TaskRows(self.jobs, self.progress, self)
        self._lane_texts: dict[str, str] = {}
        self._lane_text_timer = QTimer(self)
        self._lane_text_timer.setSingleShot(True)
        self._lane_text_timer.setInterval(100)
        self._lane_text_timer.timeout.connect(self._show_lane_texts)
        self.batch = BatchController(self, self.jobs, self.settings, self.open_job_result,
                                     self.status)
        self.foley_sync = FoleySync(self.runner, self.panel.lanes["foley"], self.player,
                                    SAMPLE_RATE, self)
        self.foley_sync.failed.connect(lambda m: self.status(m, 0))

    def _build_actions(self) -> None:
        self.actions_by_name = build_actions(self)
        self.toolbar = build_menus_and_toolbar(self, self.actions_by_name)

    def _wire(self) -> None:
        self.history.changed.connect(self._on_history_changed)
        p = self.pipeline
        p.media_ready.connect(self._on_media_ready)
        p.lane_ready.connect(self._on_lane_ready)
        p.stems_ready.connect(self._on_stems_ready)
        p.foley_ready.connect(self._on_foley_ready)
        p.open_failed.connect(self._on_open_failed)
        p.device_known.connect(self._on_model_device)
        p.lane_status.connect(self._on_lane_status)
        p.task_started.connect(self._on_task_started)
        p.failed.connect(lambda m: self.status(m, 0))
        p.finished.connect(self._on_work_finished)
        self.runner.ended.connect(self.task_rows.ended)
        self.timeline.playhead_changed.connect(self._request_frame)
        self.video.size_changed.connect(lambda _s: self._request_frame(self.timeline.playhead))
        self.player.state_changed.connect(self._on_play_state)
        self.player.message.connect(lambda m: self.status(m, 0))
        self.panel.events.audition_requested.connect(self.audition)
        self.panel.events.selection_changed.connect(self._on_event_selected)
        self.inspector.audition_requested.connect(self.audition)
        self.inspector.assign_requested.connect(self.assign_sound)
        self.inspector.material_changed.connect(self.set_material)
        self.panel.spectrogram_toggled.connect(self.toggle_spectrogram)
        self.panel.events.assign_requested.connect(self.assign_sound)
        self.panel.events.sound_for = lambda label: pick_sound(
            label, "", "", self.settings.library_dir or None)

    def toggle_spectrogram(self, kind: str, on: bool) -> None:
        """Show a lane as a spectrogram, computing it in a worker the first time (cached)."""
        from stemline.workers.media import SpectrogramWorker

        lane = self.panel.lanes[kind]
        lane.show_spectrogram(on)
        audio = self.player.sources.get(kind)
        source = self.project.track(kind).source if kind != "original" else self.project.media_path
        if on and lane.spectrogram is None and audio is not None and source:
            worker = SpectrogramWorker(kind, audio, SAMPLE_RATE, Path(source),
                                       self.cache / "spectrograms")
            worker.finished.connect(self._on_spectrogram)
            worker.failed.connect(lambda m: self.status(f"Spectrogram failed: {m}", 0))
            self.runner.start(worker)

    def _on_spectrogram(self, result: tuple[str, Any]) -> None:
        kind, spectrogram = result
        self.panel.lanes[kind].set_spectrogram(spectrogram)
        self.spectrogram_ready.emit(kind)

    # -- navigation and help -----------------------------------------------------------------
    def step_frames(self, n: int) -> None:
        """Left/Right: pause and move the playhead by ``n`` video frames (to frame starts)."""
        self.player.pause()
        fps = self.timeline.frame_rate
        t = (round(self.timeline.playhead * fps) + n) / fps
        self.player.seek(min(max(0.0, t), self.timeline.duration))

    def show_shortcuts(self) -> None:
        from stemline.ui.actions import MENUS
        from stemline.ui.shortcuts import ShortcutsOverlay, shortcut_rows

        self.shortcuts_overlay = ShortcutsOverlay(shortcut_rows(self.actions_by_name, MENUS), self)
        self.shortcuts_overlay.show()

    def fill_recent_menu(self) -> None:
        """File > Open recent: the files and projects opened last that still exist."""
        menu = self.recent_menu
        menu.clear()
        for item in self.settings.recent:
            path = Path(item)
            if path.exists():
                menu.addAction(path.name, lambda p=path: self.open_files([p])).setToolTip(item)
        if menu.isEmpty():
            menu.addAction("(none yet)").setEnabled(False)

    def _on_event_selected(self, _id: object) -> None:
        event = self.panel.events.selected_event()
        self.inspector.set_event(event)
        if event is not None:
            self.side_tabs.setCurrentWidget(self.inspector)

    # -- status --------------------------------------------------------------------------------
    def status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _set_device_text(self, device: str) -> None:
        self.device_text = device
        self.device_label.setText(f"Device: {device}")

    def _on_device_info(self, info: DeviceInfo) -> None:
        self.available_devices, self.models = info.available, info.models
        self.absent_models = info.absent
        self.device_name = info.device
        self._set_device_text(info.description or info.device)

    def _on_model_device(self, device: str) -> None:
        if device != self.device_name:
            self.device_name = device
            self._set_device_text(device)

    def _on_device_failed(self, message: str) -> None:
        self._set_device_text(f"unavailable ({message})")

    def _on_device_done(self) -> None:
        self.device_known = True
        self.device_ready.emit()

    def _on_history_changed(self) -> None:
        a = self.actions_by_name
        a["undo"].setToolTip(f"Undo {self.history.undo_text} (Ctrl+Z)")
        a["undo"].setEnabled(self.history.can_undo)
        a["redo"].setEnabled(self.history.can_redo)
        a["undo"].setText(f"&Undo {self.history.undo_text}".rstrip())
        a["redo"].setText(f"&Redo {self.history.redo_text}".rstrip())
        a["undo"].setIconText("Undo")
        a["redo"].setIconText("Redo")
        self._update_title()

    def _update_title(self) -> None:
        name = (self.project_path.name if self.project_path else
                Path(self.project.media_path).name if self.project.media_path else "Untitled")
        dirty = "" if self.history.is_clean else " \u2022"
        self.setWindowTitle(f"{name}{dirty} \u2014 Stemline")

    # -- project lifecycle ---------------------------------------------------------------------
    def _set_project(self, project: Project, path: Path | None) -> None:
        self.project, self.project_path = project, path
        # lane texts still waiting to be shown are the previous file's work: not this one's
        self._lane_texts = {}
        self._lane_text_timer.stop()
        self.spotted.forget()
        self.region.shown = dict.fromkeys(self.region.shown)
        if hasattr(self, "level_meter"):
            self.level_meter.reset()
        self.foley_sync.set_project(project)
        self.history.clear()
        self.inspector.set_event(None)
        self.panel.set_project(project)
        self.player.set_project(project)
        self.video.clear("Drop a video or audio file here" if project.media_path is None else "")
        self._stop_frames()
        if project.media_path is None:
            self.timeline.set_media(1.0, SAMPLE_RATE)  # the empty window's ruler, not the old file's
        self._update_title()
        self._on_history_changed()
        self._update_actions()

    def _maybe_discard(self) -> bool:
        """True when it's fine to replace the current project (asks if unsaved)."""
        if not self.confirm or self.history.is_clean:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "Save the changes to this project first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def open_media(self, path: str | Path, *, separate: bool = True, foley: bool = True,
                   known: dict[str, str | None] | None = None) -> None:
        """Open a media file as a new project and start the background work; ``known`` stems
        (a finished job's) are used instead of separating again."""
        path = Path(path).resolve()
        if not self._maybe_discard():
            return
        self.pipeline.cancel()
        self._set_project(Project(media_path=str(path)), None)
        self.video.clear(f"Opening {path.name}\u2026")
        self.status(f"Opening {path.name}\u2026")
        self.pipeline.open(path, separate=separate, foley=foley, known=known)
        self.settings.add_recent(str(path))

    def open_job_result(self, job: Any) -> None:
        """A finished queue job: its source in the editor, with the stems it wrote."""
        self.open_media(job.input, known={"voice": job.voice, "background": job.background})

    def open_project(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            project = load_project(path)
        except ProjectFileError as exc:
            self.status(str(exc), 0)
            copy = find_copy(path, self.autosaver.directory)
            if copy is not None and self.ask_recover(path, copy, str(exc)):
                return self._open_copy(copy, path)
            if self.confirm and copy is None:
                QMessageBox.warning(self, "Can't open project", str(exc))
            return False
        self._adopt(project, path)
        self.settings.add_recent(str(Path(path).resolve()))
        self.status(f"Opened {path.name}")
        return True

    def ask_recover(self, path: Path, copy: Recoverable, error: str) -> bool:
        """Offer ``copy`` in place of the damaged project at ``path`` (no dialog without confirm)."""
        if not self.confirm:
            return False
        answer = QMessageBox.question(
            self, "Project file damaged",
            f"{error}\n\nOpen the copy kept from {copy.saved_text} instead? The damaged file is "
            "left as it is until you save.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open_copy(self, copy: Recoverable, path: Path) -> bool:
        """Open a kept copy as the project at ``path``; unsaved, so nothing overwrites the damaged
        file until the user saves."""
        try:
            project = load_project(copy.project_file)
        except ProjectFileError as exc:
            self.status(str(exc), 0)
            return False
        self._adopt(project, path)
        self.history.mark_modified()
        self._update_title()
        self.status(f"Opened the copy of {path.name} kept {copy.saved_text}")
        return True

    def _adopt(self, project: Project, path: Path | None) -> None:
        """Make ``project`` (from ``path``) the one being edited, and open its media."""
        self.pipeline.cancel()
        self._set_project(project, path)
        if project.media_path:
            known = {t.kind: t.source for t in project.tracks}
            known["ambience"] = project.track("background").ambience_source
            if project.events:
                # The saved Foley file is the job's render; the events may have been edited
                # since, so the track is re-rendered from them instead.
                known.pop("foley", None)
                self.foley_sync.render()
            self.pipeline.open(Path(project.media_path), foley=not project.events, known=known)

    def open_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open media", "", MEDIA_FILTER)
        if paths:
            self.open_files([Path(p) for p in paths])

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "",
                                              f"Stemline projects (*{SUFFIX})")
        if path and self._maybe_discard():
            self.open_project(path)

    # -- export --------------------------------------------------------------------------------
    def export_dialog(self, kind: str) -> None:
        """The Export dialog, with ``kind`` ("video", "audio", "stems") ticked."""
        from stemline.ui.export_dialog import ExportDialog

        if not self.project.media_path:
            self.status("Open a file first", 5000)
            return
        has_video = bool(self.pipeline.media and self.pipeline.media.has_video)
        dialog = ExportDialog(Path(self.project.media_path), has_video, kind, self)
        if dialog.exec():
            self.export_request(dialog.request())

    def export(self, kind: str, target: Path) -> Any:
        """Export one thing: "video" or "audio" (the mix in ``target``) or "stems" (a folder)."""
        from stemline.workers.export import request

        has_video = bool(self.pipeline.media and self.pipeline.media.has_video)
        if kind == "video" and not has_video:
            self.status("This file has no video: export the audio mix instead", 0)
            return None
        if kind == "stems":
            return self.export_request(request(stems=Path(target)))
        return self.export_request(request(output=Path(target)))

    def export_request(self, req: Any) -> Any:
        """Render the project as the player plays it (the one renderer ``stemline export``
        uses) into every deliverable of ``req``, in a worker with progress and Cancel; returns
        the worker (tests wait on it)."""
        from stemline.workers.export import ExportWorker

        worker = ExportWorker(self.project, req)
        self._export = worker
        worker.finished.connect(lambda result: self._on_exported(list(result.outputs)))
        worker.failed.connect(self._on_export_failed)
        worker.cancelled.connect(lambda: self.status("Export cancelled", 5000))
        self._on_task_started(worker, worker.title)
        worker.done.connect(self._on_export_done)
        return self.runner.start(worker)

    def _on_exported(self, paths: list[Path]) -> None:
        self.status(f"Exported {', '.join(p.name for p in paths)}", 8000)
        self.exported.emit(paths)

    def _on_export_failed(self, message: str) -> None:
        self.status(f"Export failed: {message}", 0)
        self.export_failed.emit(message)

    def _on_export_done(self) -> None:
        self._export = None
        self._update_actions()

    def save(self) -> bool:
        if self.project_path is None:
            return self.save_as()
        return self.save_to(self.project_path)

    def save_as(self) -> bool:
        start = str(Path(self.project.media_path).with_suffix(SUFFIX)) \
            if self.project.media_path else ""
        path, _ = QFileDialog.getSaveFileName(self, "Save project", start,
                                              f"Stemline projects (*{SUFFIX})")
        return bool(path) and self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            self.project_path = save_project(self.project, path)
        except OSError as exc:
            self.status(f"Can't save {path}: {exc.strerror or exc}", 0)
            return False
        self.history.mark_clean()
        self.autosaver.discard()
        try:
            self.autosaver.keep_copy(self.project, self.project_path)
        except OSError:
            pass  # the project itself is saved; only the spare copy is missing
        self.status(f"Saved {self.project_path.name}")
        self._update_title()
        return True

    def autosave_now(self) -> bool:
        try:
            return self.autosaver.maybe_save(
                self.project, self.history,
                str(self.project_path) if self.project_path else None)
        except OSError as exc:
            self.status(f"Autosave failed: {exc}", 0)
            return False

    def offer_recovery(self) -> None:
        """After a crash: offer the newest autosave left behind (called once at startup)."""
        found = find_recoverable(self.autosaver.directory)
        if not found:
            return
        entry = found[0]
        name = Path(entry.original_path or entry.media_path or "untitled").name
        answer = QMessageBox.question(
            self, "Recover unsaved work?",
            f"Stemline closed unexpectedly while editing {name}. Recover the autosaved version?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            # Opened as the project it was (not as the autosave file, which is discarded below
            # and must not land in File > Open recent); unsaved until the user saves it.
            try:
                project = load_project(entry.project_file)
            except ProjectFileError as exc:
                self.status(str(exc), 0)
            else:
                self._adopt(project, Path(entry.original_path) if entry.original_path else None)
                self.history.mark_modified()
                self._update_title()
        for item in found:
            item.discard()

    # -- work ----------------------------------------------------------------------------------
    def run_separation(self) -> None:
        if self.project.media_path and not self.pipeline.busy:
            self.pipeline.open(Path(self.project.media_path), foley=False,
                               known={"foley": self.project.track("foley").source})

    def run_foley(self) -> None:
        if self.project.media_path and not self.pipeline.busy:
            known = {t.kind: t.source for t in self.project.tracks if t.kind != "foley"}
            self.pipeline.open(Path(self.project.media_path), separate=False, known=known)

    def reseparate_selection(self, model: str | None = None) -> Any:
        """Process > Re-separate selection: the selected stretch of the stems made again with
        another model (asked for unless given), as one undoable edit; returns the worker."""
        if model is None:
            from PySide6.QtWidgets import QInputDialog

            choices = [m for m in self.models if m != self.project.separation_model]
            model, ok = QInputDialog.getItem(self, "Re-separate selection",
                                             "Separate the selection again with:", choices, 0,
                                             False)
            if not ok:
                return None
        return self.region.start(model)

    def cancel_work(self) -> None:
        if self._export is not None:
            self._export.cancel()
        if self.region.worker is not None:
            self.region.worker.cancel()
        if self.pipeline.busy or self.runner.is_busy():
            self.pipeline.cancel()
            self.status("Cancelled")

    def _on_task_started(self, worker: Any, title: str) -> None:
        self.task_rows.started(worker, title)
        self._update_actions()

    def _update_actions(self) -> None:
        """Actions that can't work now are disabled, not failing after a dialog."""
        a = self.actions_by_name
        media = self.pipeline.media if self.project.media_path else None
        a["export_video"].setEnabled(bool(media and media.has_video))
        a["export_audio"].setEnabled(media is not None)
        a["export_stems"].setEnabled(media is not None)
        a["separate"].setEnabled(media is not None)
        a["foley"].setEnabled(bool(media and media.has_video))
        a["save"].setEnabled(self.project.media_path is not None)
        a["save_as"].setEnabled(self.project.media_path is not None)
        a["reseparate"].setEnabled(media is not None and not self.pipeline.busy)
        a["cancel"].setEnabled(self.pipeline.busy or self._export is not None
                               or self.region.worker is not None)

    def _on_open_failed(self, path: Path, message: str) -> None:
        """The file couldn't be opened: say so where the picture would be, and start clean."""
        self._set_project(Project(), None)
        reason = message.split(": ", 1)[1] if message.startswith(f"{path}: ") else message
        self.video.clear(f"Can't open {path.name}\n{reason}")
        for lane in self.panel.lanes.values():
            lane.set_message(f"{path.name} couldn't be opened")
        self.status(message, 0)

    def _fit_to_screen(self) -> None:
        """Restore the last geometry if it fits this screen; otherwise fill most of it (the
        default 1600x900 doesn't fit a 1366x768 laptop)."""
        from PySide6.QtCore import QByteArray
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry()
        saved = self.settings.window_geometry
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode())) \
                and avail.contains(self.geometry()):
            return
        w = min(1600, int(avail.width() * 0.96))
        h = min(900, int(avail.height() * 0.92))
        self.resize(max(w, self.minimumWidth()), max(h, self.minimumHeight()))
        self.move(avail.x() + (avail.width() - self.width()) // 2,
                  avail.y() + (avail.height() - self.height()) // 2)

    def _on_work_finished(self) -> None:
        self._update_actions()
        errors = self.pipeline.errors
        self.status("Ready" if not errors else f"Done with problems: {errors[-1]}",
                    0 if errors else 5000)
        self.work_finished.emit()

    def _on_media_ready(self, summary: MediaSummary) -> None:
        unknown = self.project.duration <= 0
        self.project.duration = summary.duration  # facts about the file, not edits
        if unknown and self.project.events:
            # a project that didn't record its length (written by hand, or by another tool):
            # its events could not be rendered until now
            self.foley_sync.render()
        self.project.sample_rate = float(summary.sample_rate)
        self.timeline.set_media(summary.duration, SAMPLE_RATE)
        if summary.has_video and summary.fps > 0:
            self.timeline.frame_rate = summary.fps
        self._update_actions()
        if summary.has_video:
            self._start_frames(summary.path)
        else:
            self.video.clear(f"{summary.path.name} \u2014 audio only")
        self._update_title()

    def forget_ambience(self) -> None:
        """Drop the background's ambience part (its stem was replaced): a result, not an edit."""
        self.player.set_source("ambience", None)
        self.panel.lanes["background"].set_part(None)
        self.project.track("background").ambience_source = None

    def _on_lane_ready(self, data: LaneData) -> None:
        if data.kind == "ambience":
            # A result, not an edit (like the room's RT60): the background has been split, so
            # music suppression now leaves the ambience, at the header's Ambient level.
            self.player.set_source("ambience", data.audio)
            self.panel.lanes["background"].set_part(data.pyramid)  # drawn as heard
            self.project.track("background").ambience_source = str(data.path)
            return
        lane = self.panel.lanes[data.kind]
        lane.set_pyramid(data.pyramid)
        self.player.set_source(data.kind, data.audio)
        track = self.project.track(data.kind)
        if data.kind != "original" and track.source != str(data.path):
            track.source = str(data.path)

    def _on_lane_status(self, kind: str, text: str) -> None:
        # Lane texts come in bursts (six workers start and end within 150 ms of a warm open;
        # a running one reports every 50 ms) and each one repaints its lane: show the latest
        # per lane, at most ten times a second.
        self._lane_texts[kind] = text
        if not self._lane_text_timer.isActive():
            self._lane_text_timer.start()

    def _show_lane_texts(self) -> None:
        texts, self._lane_texts = self._lane_texts, {}
        for kind, text in texts.items():
            lane = self.panel.lanes.get(kind)
            if lane is not None and lane.pyramid is None:
                lane.set_message(text)

    def _on_stems_ready(self, stems: StemFiles) -> None:
        # A result, not an edit (like the spotted events): the project records which model
        # made its stems, and saving says so.
        if stems.model:
            self.project.separation_model = stems.model
        if stems.device != self.device_name:  # keep the fuller description when it's the same
            self.device_name = stems.device
            self._set_device_text(stems.device)

    def _on_foley_ready(self, result: FoleyResult) -> None:
        from stemline.core.history import AddEvent, RemoveEvent

        spotted = list(result.events)
        # A result, not an edit (like the stems' model): what the room sounded like. The Foley
        # header shows it, and a Foley track set to "estimated" uses it.
        rt60 = result.stats.get("room_rt60_s")
        self.project.track("foley").room_rt60_s = float(rt60) if rt60 else None
        if not self.project.events:
            if spotted:
                # The job rendered exactly these events: its track is their render.
                with self.foley_sync.quiet(), \
                        self.history.macro(f"Spot {len(spotted)} Foley events"):
                    for event in spotted:
                        self.history.push(AddEvent(self.project, event))
                self.history.mark_clean()  # results, not edits: the project isn't "modified"
                self.spotted.remember(spotted)
            if result.track is not None:
                self.pipeline.load_lane("foley", result.track)
            return
        # Re-spotting over events the user may have edited: they are the truth, so merge as
        # asked (one undo step) and let FoleySync render the track from the events.
        existing = list(self.project.events)
        n_edited = sum(self.spotted.edited(e) for e in existing)
        policy = ask_policy(self, len(existing), n_edited) if self.confirm else self.respot_policy
        if policy is None:
            self.status("Re-spotting cancelled: the events are unchanged")
            return
        remove, add = plan_respot(existing, spotted, policy, self.spotted)
        if not remove and not add:
            self.status("Re-spotting found no new hits")
            return
        with self.history.macro(f"Re-spot Foley: {len(add)} added, {len(remove)} removed"):
            for event in remove:
                self.history.push(RemoveEvent(self.project, event))
            for event in add:
                self.history.push(AddEvent(self.project, event))
        self.spotted.remember(add)
        self.status(f"Re-spotted: {len(add)} events added, {len(remove)} removed")

    # -- video ---------------------------------------------------------------------------------
    def _start_frames(self, path: Path) -> None:
        self._stop_frames()
        worker = FrameWorker(path)
        worker.frame.connect(self._on_frame)
        worker.failed.connect(self.video.clear)
        self.frame_worker = worker
        self.video_runner.start(worker)
        self._request_frame(self.timeline.playhead)

    def _stop_frames(self) -> None:
        if self.frame_worker is not None:
            self.frame_worker.stop()
            self.frame_worker = None

    def _request_frame(self, t: float) -> None:
        if self.frame_worker is not None:
            ratio = self.devicePixelRatioF()
            self.frame_worker.request(t, int(self.video.width() * ratio),
                                      int(self.video.height() * ratio))

    def _on_frame(self, t: float, image: QImage) -> None:
        self.video.set_frame(t, image)

    # -- playback & events ---------------------------------------------------------------------
    def _on_play_state(self, speed: int) -> None:
        a = self.actions_by_name["play"]
        playing = speed != 0
        a.setText("Pause" if playing else "Play")
        a.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause if playing
                                            else QStyle.StandardPixmap.SP_MediaPlay))

    def audition_selected(self) -> None:
        event = self.panel.events.selected_event()
        if event is not None:
            self.audition(event)

    def audition(self, event: FoleyEvent) -> None:
        """Play the event's slice of the Foley track (or of the mix) over whatever plays."""
        source = self.player.sources.get("foley")
        if source is None:
            source = self.player.sources.get("original")
        if source is None:
            self.status("Nothing to audition yet: the audio is still loading")
            return
        i0 = int(event.start * SAMPLE_RATE)
        i1 = min(int((event.end + 0.15) * SAMPLE_RATE), source.shape[0])
        if i1 <= i0:
            return
        self.player.audition(source[i0:i1])
        self.status(f"Auditioning {event.label or 'event'} at {event.start:.3f} s")

    def assign_selected(self) -> None:
        event = self.panel.events.selected_event()
        if event is not None:
            self.assign_sound(event)

    def assign_sound(self, event: FoleyEvent, path: str | None = None) -> None:
        """Re-assign the sound an event plays (one undoable step); without ``path``, the
        sound browser picks it."""
        if path is None:
            from stemline.ui.sound_browser import SoundBrowser

            browser = SoundBrowser(self.runner, self.settings.library_dir or None,
                                   event.label or "event", self)
            browser.chosen.connect(lambda p: self.assign_sound(event, p))
            browser.preview_requested.connect(self.preview_sound)
            self.sound_browser = browser
            browser.show()
            return
        self.history.set(event, "sound", str(path), "Assign sound")
        self.history.seal()

    def preview_sound(self, path: str) -> None:
        """Hear a sound over whatever plays (decoded in a worker)."""
        from stemline.workers.foley import PreviewWorker

        worker = PreviewWorker(path, SAMPLE_RATE)
        worker.finished.connect(self.player.audition)
        worker.failed.connect(lambda m: self.status(f"Can't preview: {m}", 0))
        self.runner.start(worker)

    def set_material(self, event: FoleyEvent, name: str, value: str) -> None:
        """Correct an event's surface or object and re-pick its sound to fit (one undo step)."""
        with self.history.macro(f"Set {name} to {value or 'unknown'}"):
            self.history.set(event, name, value)
            path = pick_sound(event.label, event.surface, event.object, self.settings.library_dir or None)
            if path:
                self.history.set(event, "sound", path)
        self.history.seal()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.available_devices, self.models, self,
                                absent=self.absent_models)
        if dialog.exec():
            new = dialog.result_settings()
            device_changed = new.device != self.settings.device
            self.settings.__dict__.update(new.__dict__)
            self._autosave_timer.setInterval(self.settings.autosave_seconds * 1000)
            try:
                self.settings.save()
            except OSError as exc:
                self.status(f"Can't save settings: {exc}", 0)
            if device_changed:
                self.runner.start(DeviceWorker(self.settings.device)).finished.connect(
                    self._on_device_info)

    # -- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:  # noqa: N802
        if ev.mimeData().hasUrls() and any(u.isLocalFile() for u in ev.mimeData().urls()):
            ev.acceptProposedAction()

    def dropEvent(self, ev: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in ev.mimeData().urls() if u.isLocalFile()]
        if paths:
            ev.acceptProposedAction()
            self.open_files(paths)

    def open_files(self, paths: list[Path]) -> None:
        """One file opens it; more: open the first, queue the rest as jobs. Folders are
        always queued (searched for media), never opened."""
        first, rest = paths[0], paths[1:]
        if first.is_dir():
            rest = paths
        elif first.suffix == SUFFIX:
            self.open_project(first)
        else:
            self.open_media(first)
        if rest:
            self.batch.add(rest)
            self.side_tabs.setCurrentWidget(self.jobs)

    # -- closing -------------------------------------------------------------------------------
    def closeEvent(self, ev: QCloseEvent) -> None:  # noqa: N802
        if not self._maybe_discard():
            ev.ignore()
            return
        self.shutdown()
        ev.accept()

    def shutdown(self) -> None:
        """Stop everything the window started (threads, audio, timers); idempotent."""
        if self._closed:
            return
        self._closed = True
        self._autosave_timer.stop()
        self.foley_sync.stop()
        self._stop_frames()
        self.pipeline.cancel()
        self.runner.shutdown()
        self.batch.close()
        self.video_runner.shutdown()
        self.player.close()
        self.panel.close_panel()
        self.autosaver.discard()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        try:
            self.settings.save()
        except OSError:
            pass

