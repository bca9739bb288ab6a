"""Assign sound: a browser of the built-in and the user's sounds, searched by words and
category, with a preview over the mix; any other file is one button away."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from stemline.ui import theme
from stemline.workers.base import WorkerRunner
from stemline.workers.foley import SoundEntry, SoundListWorker


def matches(entry: SoundEntry, query: str, category: str) -> bool:
    """Every word of ``query`` appears in the sound's name, words or category."""
    if category and entry.category != category:
        return False
    hay = " ".join((entry.name, entry.category, entry.subcategory, *entry.words)).lower()
    return all(word in hay for word in query.lower().split())


class SoundBrowser(QDialog):
    """Signals: chosen(str) the path to assign; preview_requested(str) a path to hear."""

    chosen = Signal(str)
    preview_requested = Signal(str)

    def __init__(self, runner: WorkerRunner, library: str | None, event_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Assign a sound to \u201c{event_label}\u201d")
        self.resize(520, 440)
        self.entries: list[SoundEntry] = []
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search: glass, door slam, wood step\u2026")
        self.search.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.addItem("All categories", "")
        row.addWidget(self.search, 1)
        row.addWidget(self.category)
        lay.addLayout(row)
        self.count = QLabel("Indexing sounds\u2026")
        self.count.setStyleSheet(f"color: {theme.DIM};")
        lay.addWidget(self.count)
        self.list = QListWidget()
        lay.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.preview = QPushButton("\u25b6 Preview")
        self.assign = QPushButton("Assign")
        self.other = QPushButton("Other file\u2026")
        cancel = QPushButton("Cancel")
        self.assign.setDefault(True)
        for b in (self.preview, self.assign, self.other):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        lay.addLayout(buttons)
        self.preview.clicked.connect(self._preview)
        self.assign.clicked.connect(self._assign)
        self.other.clicked.connect(self._other)
        cancel.clicked.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self._assign())
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.search.textChanged.connect(self._filter)
        self.category.currentIndexChanged.connect(self._filter)
        self.library = library
        self._update_buttons()
        worker = SoundListWorker(library)
        worker.finished.connect(self._on_listed)
        worker.failed.connect(lambda m: self.count.setText(f"Can't index the sounds: {m}"))
        runner.start(worker)

    def _on_listed(self, entries: list[SoundEntry]) -> None:
        self.entries = sorted(entries, key=lambda e: (e.category, e.name))
        for cat in sorted({e.category for e in self.entries}):
            self.category.addItem(cat.title(), cat)
        self._filter()

    def _filter(self, *_: object) -> None:
        query, cat = self.search.text(), self.category.currentData() or ""
        self.list.clear()
        shown = [e for e in self.entries if matches(e, query, cat)]
        for e in shown:
            item = QListWidgetItem(f"{e.name}   \u00b7 {e.category.lower()} \u00b7 "
                                   f"{e.duration:.2f} s \u00b7 {e.source}")
            item.setData(Qt.ItemDataRole.UserRole, e.path)
            item.setToolTip(e.path)
            self.list.addItem(item)
        if shown:
            self.list.setCurrentRow(0)
        self.count.setText(f"{len(shown)} of {len(self.entries)} sounds")
        self._update_buttons()

    def selected_path(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        has = self.selected_path() is not None
        self.preview.setEnabled(has)
        self.assign.setEnabled(has)

    def _preview(self) -> None:
        path = self.selected_path()
        if path:
            self.preview_requested.emit(path)

    def _assign(self) -> None:
        path = self.selected_path()
        if path:
            self.chosen.emit(path)
            self.accept()

    def _other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Assign a sound", self.library or "",
                                              "Sounds (*.wav *.flac *.ogg *.mp3);;All files (*)")
        if path:
            self.chosen.emit(path)
            self.accept()
