"""The keyboard shortcuts overlay (? or F1): every action that has a key, by menu."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QWidget

from stemline.ui import theme


def shortcut_rows(actions: dict[str, QAction], menus: dict[str, list[str | None]]
                  ) -> list[tuple[str, str, str]]:
    """(menu, action text, keys) for every action with a shortcut, in menu order."""
    rows = []
    for menu, names in menus.items():
        for name in names:
            if name is None:
                continue
            action = actions[name]
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                             for k in action.shortcuts() if not k.isEmpty())
            if keys:
                # Undo/Redo texts name the last edit ("Undo Move event"): list them plainly.
                text = name.title() if name in ("undo", "redo") else action.text()
                rows.append((menu.replace("&", ""), text.replace("&", "").rstrip("\u2026"),
                             keys))
    return rows


class ShortcutsOverlay(QDialog):
    """A non-modal sheet of the shortcuts; any key or click closes it."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.rows = rows
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        per_column = (len(rows) + 1) // 2
        last_menu: dict[int, str] = {}
        for i, (menu, text, keys) in enumerate(rows):
            col, r = divmod(i, per_column)
            if last_menu.get(col) != menu:
                last_menu[col] = menu
            head = QLabel(f"<span style='color:{theme.DIM}'>{menu}</span>")
            name = QLabel(text)
            key = QLabel(f"<b>{keys}</b>")
            key.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(head, r, 3 * col)
            grid.addWidget(name, r, 3 * col + 1)
            grid.addWidget(key, r, 3 * col + 2)

    def keyPressEvent(self, ev: object) -> None:  # noqa: N802
        self.close()

    def mousePressEvent(self, ev: object) -> None:  # noqa: N802
        self.close()
