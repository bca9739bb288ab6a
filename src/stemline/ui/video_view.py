"""The video preview: paints the latest decoded still, scaled to fit, with the time code on top.

Frames come from :class:`~stemline.workers.media.FrameWorker` (PyAV in a thread); this widget only
asks for "the frame at t, this size" and paints what arrives.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from stemline.core.timebase import format_timecode


class VideoView(QWidget):
    """Letterboxed video still.

    Signals
    -------
    size_changed(QSize) : the drawable size changed; ask for a frame at the new size.
    """

    size_changed = Signal(QSize)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.frame_time = 0.0
        self.placeholder = "Drop a video or audio file here"
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_frame(self, t: float, image: QImage) -> None:
        self.frame_time, self.image = t, image
        self.update()

    def clear(self, placeholder: str = "") -> None:
        self.image = None
        self.placeholder = placeholder
        self.update()

    def target_rect(self) -> QRectF:
        """Where the picture goes: as large as fits, aspect ratio kept, centred."""
        if self.image is None or self.image.isNull():
            return QRectF(self.rect())
        iw, ih = self.image.width(), self.image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, ev: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        if self.image is not None and not self.image.isNull():
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(self.target_rect(), self.image)
            font = QFont(self.font())
            font.setPointSize(10)
            font.setFamily("monospace")
            p.setFont(font)
            text = format_timecode(self.frame_time, 0.001)
            box = p.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3)
            box.moveTopRight(self.rect().topRight() + QPoint(-8, 8))
            p.fillRect(box, QColor(0, 0, 0, 160))
            p.setPen(QColor("#e8e8e8"))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        elif self.placeholder:
            p.setPen(QColor("#6b7079"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
        p.end()

    def resizeEvent(self, ev: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(ev)
        self.size_changed.emit(ev.size())
