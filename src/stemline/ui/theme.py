"""Colours and the dark palette (video editors are dark so the picture stands out)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

BACKGROUND = "#1e1f22"
PANEL = "#26282c"
LANE = "#17181b"
GRID = "#3a3d42"
TEXT = "#d7dae0"
DIM = "#8b9099"
ACCENT = "#4da3ff"
PLAYHEAD = "#ff5252"
SELECTION = (77, 163, 255, 40)
LANE_COLORS = {"original": "#a0a7b4", "voice": "#4fc3f7", "background": "#81c784",
               "foley": "#ffb74d", "events": "#ff8a65"}


def apply_dark_theme(app: QApplication) -> None:
    """Fusion style with a dark palette, the same on every platform (and in screenshots)."""
    app.setStyle("Fusion")
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: BACKGROUND, QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: LANE, QPalette.ColorRole.AlternateBase: PANEL,
        QPalette.ColorRole.ToolTipBase: PANEL, QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.Text: TEXT, QPalette.ColorRole.Button: PANEL,
        QPalette.ColorRole.ButtonText: TEXT, QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.PlaceholderText: DIM,
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(DIM))
    app.setPalette(pal)
    app.setStyleSheet(
        "QToolTip { color: #d7dae0; background: #26282c; border: 1px solid #3a3d42; }"
        "QStatusBar { background: #191a1d; } QToolBar { border: none; spacing: 4px; }"
        "QSlider::groove:horizontal { height: 4px; background: #3a3d42; border-radius: 2px; }"
        "QSlider::handle:horizontal { width: 10px; margin: -5px 0; border-radius: 5px;"
        " background: #d7dae0; }"
        "QSlider::sub-page:horizontal { background: #4da3ff; border-radius: 2px; }")
