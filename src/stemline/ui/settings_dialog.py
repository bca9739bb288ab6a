"""Settings: compute device, separation model, model and sound-library folders, autosave."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget)

from stemline.core.settings import DEVICES, Settings

#: Until the engine has been asked (in the background at startup), offer the built-in model.
SEPARATORS = ("spleeter",)


class SettingsDialog(QDialog):
    """Edits a copy of :class:`Settings`; :meth:`result_settings` returns it after OK."""

    def __init__(self, settings: Settings, available_devices: tuple[str, ...] = DEVICES,
                 models: tuple[str, ...] = SEPARATORS, parent: QWidget | None = None,
                 absent: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Stemline settings")
        form = QFormLayout(self)
        self.device = QComboBox()
        for name in DEVICES:
            self.device.addItem(name)
            if name not in available_devices:
                idx = self.device.count() - 1
                self.device.model().item(idx).setEnabled(False)  # type: ignore[attr-defined]
                self.device.setItemText(idx, f"{name} (not available here)")
        self.device.setCurrentIndex(DEVICES.index(settings.device))
        self.separator = QComboBox()
        self.separator.addItems(list(models))
        for name in absent:  # known, but its files aren't in the model folder
            self.separator.addItem(f"{name} (not here: stemline models pull {name})", name)
            item = self.separator.model().item(self.separator.count() - 1)  # type: ignore[attr-defined]
            item.setEnabled(False)
        if settings.separator not in models:  # keep a custom model name from the settings file
            self.separator.addItem(settings.separator)
        self.separator.setCurrentText(settings.separator)
        self.model_dir = QLineEdit(settings.model_dir)
        self.library_dir = QLineEdit(settings.library_dir)
        self.autosave = QSpinBox()
        self.autosave.setRange(5, 3600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(settings.autosave_seconds)
        form.addRow("Compute device", self.device)
        form.addRow("Separation model", self.separator)
        form.addRow("Model folder", self._with_browse(self.model_dir))
        form.addRow("Sound library", self._with_browse(self.library_dir))
        form.addRow("Autosave every", self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._base = settings

    def _with_browse(self, edit: QLineEdit) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = QPushButton("Browse\u2026")
        button.clicked.connect(lambda: self._browse(edit))
        row.addWidget(button)
        return box

    def _browse(self, edit: QLineEdit) -> None:
        path = QFileDialog.getExistingDirectory(self, "Choose a folder", edit.text())
        if path:
            edit.setText(path)

    def result_settings(self) -> Settings:
        return Settings(device=DEVICES[self.device.currentIndex()],
                        separator=self.separator.currentText(),
                        model_dir=self.model_dir.text().strip(),
                        library_dir=self.library_dir.text().strip(),
                        autosave_seconds=self.autosave.value(),
                        recent=list(self._base.recent)).validate()
