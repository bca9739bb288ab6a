"""The shared time axis: ruler, zoom from the whole file to single samples, scroll, seek."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from stemline.ui.app import make_app
from stemline.ui.lanes import WaveformLane
from stemline.ui.timeline import (MIN_VISIBLE_SAMPLES, Ruler, TimeAxis, TimelineScrollBar,
                                  TimelineView)


@pytest.fixture
def stack(qtbot):  # type: ignore[no-untyped-def]
    make_app()
    tl = TimelineView()
    box = QWidget()
    lay = QVBoxLayout(box)
    ruler = Ruler(tl)
    lane = WaveformLane(tl, "voice")
    bar = TimelineScrollBar(tl)
    for w in (ruler, lane, bar):
        lay.addWidget(w)
    box.resize(1000, 300)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    tl.set_media(7200.0, 48000)
    QApplication.processEvents()
    yield tl, ruler, lane, bar
    box.close()
    del box  # kept alive until here: its children are the widgets under test


def test_zoom_from_whole_file_to_samples(stack) -> None:  # type: ignore[no-untyped-def]
    tl, ruler, lane, _ = stack
    assert tl.visible == pytest.approx((0.0, 7200.0))
    for _ in range(40):
        tl.zoom(0.5, center=3600.0)
    start, end = tl.visible
    assert (end - start) * 48000 == pytest.approx(MIN_VISIBLE_SAMPLES, rel=0.01)
    assert start <= 3600.0 <= end
    # The lanes follow the ruler (x-linked).
    assert lane.box.viewRange()[0] == pytest.approx(list(tl.visible))
    tl.zoom_to_fit()
    assert tl.visible == pytest.approx((0.0, 7200.0))


def test_scroll_and_scrollbar_stay_in_step(stack) -> None:  # type: ignore[no-untyped-def]
    tl, _, _, bar = stack
    tl.set_visible(100.0, 200.0)
    tl.scroll(0.5)
    assert tl.visible == pytest.approx((150.0, 250.0))
    assert bar.value() * 1e-5 == pytest.approx(150.0, abs=1e-3)
    bar.setValue(round(1000.0 / 1e-5))
    assert tl.visible == pytest.approx((1000.0, 1100.0))
    tl.scroll(1e6)  # clamped at the end of the file
    assert tl.visible[1] == pytest.approx(7200.0)


def test_ctrl_wheel_zooms_and_wheel_scrolls(stack, qtbot) -> None:  # type: ignore[no-untyped-def]
    tl, _, lane, _ = stack
    tl.set_visible(0.0, 1000.0)
    view = lane.viewport()
    pos = QPointF(view.width() / 2, view.height() / 2)

    def wheel(mods: Qt.KeyboardModifier) -> None:
        ev = QWheelEvent(pos, view.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120),
                         Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view, ev)

    wheel(Qt.KeyboardModifier.ControlModifier)
    start, end = tl.visible
    assert end - start == pytest.approx(800.0, rel=0.01)
    wheel(Qt.KeyboardModifier.NoModifier)
    assert tl.visible[0] < start  # wheel up scrolls left


def test_click_on_ruler_seeks(stack, qtbot) -> None:  # type: ignore[no-untyped-def]
    tl, ruler, _, _ = stack
    tl.set_visible(0.0, 100.0)
    seeks: list[float] = []
    tl.seek_requested.connect(seeks.append)
    vb_rect = ruler.box.sceneBoundingRect()
    x = int(vb_rect.left() + vb_rect.width() * 0.25)
    qtbot.mouseClick(ruler.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, int(vb_rect.center().y())))
    assert seeks and seeks[-1] == pytest.approx(25.0, abs=0.5)
    assert tl.playhead == pytest.approx(seeks[-1])
    assert ruler.decor.playhead.value() == pytest.approx(seeks[-1])


def test_selection_and_time_code_labels(stack) -> None:  # type: ignore[no-untyped-def]
    tl, _, lane, _ = stack
    tl.set_selection((30.0, 10.0))
    assert tl.selection == (10.0, 30.0)
    assert lane.decor.region.isVisible()
    tl.zoom_to_selection()
    assert tl.visible == pytest.approx((10.0, 30.0))
    tl.set_selection(None)
    assert not lane.decor.region.isVisible()
    axis = TimeAxis("top")
    assert axis.tickStrings([3723.5], 1.0, 0.5) == ["1:02:03.5"]
    assert axis.tickStrings([0.25], 1.0, 0.001) == ["0:00.250"]
