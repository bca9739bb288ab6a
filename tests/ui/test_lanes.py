"""Waveform lanes draw any zoom of a two-hour file from the pyramid, fast."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from stemline.media.peaks import BASE, PeakPyramid, build_pyramid, pyramid_levels
from stemline.ui.app import make_app
from stemline.ui.lanes import WaveformLane
from stemline.ui.timeline import Ruler, TimelineView


def two_hour_pyramid() -> PeakPyramid:
    """Levels of 2 h at 48 kHz (level 0 from random bins) plus 2 h of raw int16 samples held as
    a zero-copy broadcast, so the test needs little memory."""
    sr, frames = 48000, 2 * 3600 * 48000
    rng = np.random.default_rng(0)
    lvl0 = np.sort(rng.uniform(-0.8, 0.8, (frames // BASE, 2)).astype(np.float32), axis=1)
    samples = np.broadcast_to(np.int16(1000), (frames,))
    return PeakPyramid(sr, frames, pyramid_levels(lvl0), samples)


@pytest.fixture(scope="module")
def big() -> PeakPyramid:
    return two_hour_pyramid()


@pytest.fixture
def lane(qtbot):  # type: ignore[no-untyped-def]
    make_app()
    tl = TimelineView()
    ruler = Ruler(tl)  # the master axis
    lane = WaveformLane(tl, "background")
    lane.resize(1600, 120)
    qtbot.addWidget(lane)
    qtbot.addWidget(ruler)
    lane.show()
    qtbot.waitExposed(lane)
    yield tl, lane
    lane.close_lane()


def test_two_hour_file_draws_a_column_per_pixel_at_any_zoom(lane, big) -> None:  # type: ignore[no-untyped-def]
    # The drawing cost is the curve handed to Qt: at most one (min, max) pair per pixel column
    # at every zoom of a two-hour file. (Draw times: benchmarks/editor_speed.py; a timing
    # assert here only measured how busy the machine was.)
    tl, w = lane
    tl.set_media(big.duration, big.sample_rate)
    w.set_pyramid(big)
    pixels = int(w.box.width())
    for span in (7200.0, 600.0, 10.0, 0.5, 0.002):
        tl.set_visible(3000.0, 3000.0 + span)
        QApplication.processEvents()
        w.redraw()
        QApplication.processEvents()  # include the repaint
        x, y = w.curve.getData()
        assert x is not None and len(x) > 0
        if w.last_level >= 0:
            assert len(x) <= 2 * (pixels + 3), (span, len(x), pixels)
            # The envelope is the pyramid's: nothing louder or quieter than the data drawn.
            assert y.max() <= big.peak + 1e-6
        else:
            assert len(x) <= span * big.sample_rate + 4
    assert w.last_level == -1  # 2 ms on 1600 px: raw samples


def test_sample_zoom_shows_dots_and_lane_fits_peak(lane) -> None:  # type: ignore[no-untyped-def]
    tl, w = lane
    sr = 48000
    sig = (0.25 * np.sin(np.arange(sr) / 10)).astype(np.float32)
    pyr = build_pyramid([sig], sr)
    tl.set_media(1.0, sr)
    w.set_pyramid(pyr)
    assert 0.25 < w.box.viewRange()[1][1] < 0.3  # y fits the loudest peak (plus padding)
    tl.set_visible(0.5, 0.5 + 40 / sr)
    w.redraw()
    assert w.last_level == -1
    assert w.curve.opts["symbol"] == "o"  # individual samples are visible
    x, y = w.curve.getData()
    np.testing.assert_allclose(y[1:-1], sig[int(0.5 * sr):int(0.5 * sr) + len(y) - 2], atol=1e-6)


def test_no_audio_message(lane) -> None:  # type: ignore[no-untyped-def]
    _tl, w = lane
    w.set_pyramid(None)
    w.set_message("Separating\u2026 40%")
    assert w.message.isVisible() and "40%" in w.message.toPlainText()
    assert w.redraw() == 0.0


def test_the_zero_line_is_painted_in_the_middle_of_every_lane_height(lane, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Drawn with the view's background (not a pyqtgraph item, issue 10): still there, at the
    lane's middle, after a resize moves it."""
    from PySide6.QtGui import QColor

    from stemline.ui import theme

    _tl, w = lane
    grid, back = QColor(theme.GRID), QColor(theme.LANE)
    for height in (120, 200):
        w.resize(1600, height)
        qtbot.wait(50)
        image = w.grab().toImage()
        y = round(w.mapFromScene(w.box.mapViewToScene(w.box.viewRect().center())).y())
        column = [image.pixelColor(800, r) for r in range(image.height())]
        rows = [r for r, c in enumerate(column) if c == grid]
        assert rows and all(abs(r - y) <= 1 for r in rows), (height, y, rows)
        assert column[y - 10] == back and column[y + 10] == back
