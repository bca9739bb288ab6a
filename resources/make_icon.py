"""Render resources/icon.svg to the PNG sizes desktop launchers want.

    .venv/bin/python resources/make_icon.py
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).parent


def main() -> None:
    app = QGuiApplication([])  # noqa: F841  (QPainter needs an application)
    renderer = QSvgRenderer(str(HERE / "icon.svg"))
    for size in (256, 64):
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        renderer.render(painter)
        painter.end()
        img.save(str(HERE / f"icon-{size}.png"))
        print(HERE / f"icon-{size}.png")


if __name__ == "__main__":
    main()
