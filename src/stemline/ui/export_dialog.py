"""File > Export: one dialog for every deliverable (the choices of ``stemline export``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
                               QWidget)

from stemline.media.encode import AUDIO_FORMATS
from stemline.workers.export import loudness_targets, request


class _PathRow(QWidget):
    """An optional path: the path and Browse, enabled by :attr:`check` (the row's label)."""

    def __init__(self, label: str, path: Path, folder: bool, filt: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label, self)
        self.edit = QLineEdit(str(path))
        self.edit.setMinimumWidth(320)
        browse = QPushButton("Browse\u2026")
        browse.clicked.connect(lambda: self._browse(folder, filt))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(browse)
        self.check.toggled.connect(self.edit.setEnabled)
        self.edit.setEnabled(False)

    def _browse(self, folder: bool, filt: str) -> None:
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.check.text(), self.edit.text())
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.check.text(), self.edit.text(), filt)
        if path:
            self.edit.setText(path)
            self.check.setChecked(True)

    def value(self) -> Path | None:
        return Path(self.edit.text()) if self.check.isChecked() and self.edit.text() else None


class ExportDialog(QDialog):
    """Builds an export request; ``preset`` ("video", "audio", "stems") ticks the first choice."""

    def __init__(self, media: Path, has_video: bool, preset: str = "video",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        stem, folder = media.stem, media.parent
        form = QFormLayout(self)
        self.video = _PathRow("Video with the new mix", folder / f"{stem}_stemline.mp4", False,
                              "Video (*.mp4 *.mov *.mkv *.webm)")
        self.keep_original = QCheckBox("Keep the original audio as a second track")
        self.audio = _PathRow("Audio mix", folder / f"{stem}_mix.wav", False,
                              "Audio (*.wav *.flac *.m4a *.mp3 *.aac *.opus)")
        self.bit_depth = QComboBox()
        self.bit_depth.addItems(["24-bit", "16-bit", "32-bit float"])
        self.channels = QComboBox()
        self.channels.addItem("Stereo", "stereo")
        self.channels.addItem("5.1 surround", "5.1")
        self.with_stereo = QCheckBox("And the stereo mix (a second track, or NAME_stereo beside it)")
        self.with_stereo.setEnabled(False)
        self.channels.currentIndexChanged.connect(
            lambda _i: self.with_stereo.setEnabled(self.channels.currentData() == "5.1"))
        self.stems = _PathRow("Stems folder", folder / f"{stem}_stems", True)
        self.karaoke = _PathRow("Karaoke folder", folder / f"{stem}_karaoke", True)
        self.karaoke_format = QComboBox()
        self.karaoke_format.addItems(sorted(AUDIO_FORMATS))
        self.karaoke_format.setCurrentText("wav")
        self.karaoke_foley = QCheckBox("Foley in the backing track")
        self.guide = QDoubleSpinBox()
        self.guide.setRange(-60.0, 0.0)
        self.guide.setValue(-15.0)
        self.guide.setSuffix(" dB")
        self.timeline = _PathRow("Timeline (OpenTimelineIO)", folder / f"{stem}.otio", False,
                                 "OpenTimelineIO (*.otio)")
        self.loudness = QComboBox()
        self.loudness.addItem("As mixed", None)
        for name, lufs in loudness_targets().items():
            self.loudness.addItem(name, lufs)
        self.true_peak = QDoubleSpinBox()
        self.true_peak.setRange(-9.0, 0.0)
        self.true_peak.setSingleStep(0.1)
        self.true_peak.setValue(-1.0)
        self.true_peak.setSuffix(" dBTP")
        if has_video:
            form.addRow(self.video.check, self.video)
            form.addRow("", self.keep_original)
        form.addRow(self.audio.check, self.audio)
        form.addRow("WAV/FLAC depth", self.bit_depth)
        form.addRow("Channels", self.channels)
        form.addRow("", self.with_stereo)
        form.addRow(self.stems.check, self.stems)
        form.addRow(self.karaoke.check, self.karaoke)
        form.addRow("Karaoke format", self.karaoke_format)
        form.addRow("Guide voice level", self.guide)
        form.addRow("", self.karaoke_foley)
        form.addRow(self.timeline.check, self.timeline)
        form.addRow("Loudness", self.loudness)
        form.addRow("True-peak ceiling", self.true_peak)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        # one mix per export: the video carries it, or the audio file is it
        self.video.check.toggled.connect(lambda on: on and self.audio.check.setChecked(False))
        self.audio.check.toggled.connect(lambda on: on and self.video.check.setChecked(False))
        {"video": self.video, "audio": self.audio, "stems": self.stems}.get(
            preset, self.audio).check.setChecked(True)

    def request(self) -> Any:
        """The export request these choices make."""
        depth = {0: 24, 1: 16, 2: 32}[self.bit_depth.currentIndex()]
        return request(output=self.video.value() or self.audio.value(), bit_depth=depth,
                       keep_original_audio=self.keep_original.isChecked(),
                       stems=self.stems.value(), karaoke=self.karaoke.value(),
                       karaoke_format=self.karaoke_format.currentText(),
                       karaoke_foley=self.karaoke_foley.isChecked(), guide_db=self.guide.value(),
                       timeline=self.timeline.value(), loudness=self.loudness.currentData(),
                       true_peak=self.true_peak.value(), channels=self.channels.currentData(),
                       with_stereo=self.with_stereo.isEnabled() and self.with_stereo.isChecked())
