"""Every slider shows its value, takes a typed one on double-click (one undo step), follows
undo; lanes that aren't heard are dimmed, and the background lane shows music suppression."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from stemline.core.history import History
from stemline.core.mixer import GAIN_MIN_DB
from stemline.core.project import Project
from stemline.ui.app import make_app
from stemline.ui.slider_value import format_value, parse_value
from stemline.ui.track_header import TrackHeader


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("db", "-6", -60), ("db", "+3.5 dB", 35), ("db", "-12,5", -125), ("pan", "L20", -20),
    ("pan", "r 35", 35), ("pan", "C", 0), ("pan", "-40", -40), ("percent", "35 %", 35),
    ("percent", "x", None)])
def test_parse_typed_values(kind: str, text: str, value: int | None) -> None:
    assert parse_value(kind, text) == value
    if value is not None:
        assert parse_value(kind, format_value(kind, value)) == value


def test_header_sliders_show_values_and_take_typed_ones(qtbot) -> None:  # type: ignore[no-untyped-def]
    make_app()
    history, project = History(), Project()
    track = project.track("background")
    w = TrackHeader(track, history)
    qtbot.addWidget(w)
    w.show()
    assert {k: v.text() for k, v in w.values.items()} == {
        "gain": "+0.0 dB", "music": "0 %", "duck": "0 %", "ambient": "+0.0 dB", "pan": "C",
        "width": "100 %"}
    pan = w.values["pan"]
    qtbot.mouseDClick(pan, Qt.MouseButton.LeftButton)
    assert not pan.isReadOnly()
    pan.selectAll()
    qtbot.keyClicks(pan, "L25")
    qtbot.keyClick(pan, Qt.Key.Key_Return)
    assert track.pan == pytest.approx(-0.25) and pan.text() == "L25" and pan.isReadOnly()
    # double-click on the slider itself edits too
    qtbot.mouseDClick(w.suppression, Qt.MouseButton.LeftButton)
    music = w.values["music"]
    assert not music.isReadOnly()
    music.selectAll()
    qtbot.keyClicks(music, "60")
    qtbot.keyClick(music, Qt.Key.Key_Return)
    assert track.suppression == pytest.approx(0.6)
    history.undo()                                   # each typed value is one step ...
    assert track.suppression == 0.0 and music.text() == "0 %"     # ... and the text follows
    history.undo()
    assert track.pan == 0.0 and pan.text() == "C"
    history.redo()
    assert pan.text() == "L25"
    w.disconnect_model()


def test_lanes_dim_when_not_heard_and_background_shows_suppression(window, qtbot, clip) -> None:  # type: ignore[no-untyped-def]
    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(clip)
    lanes, tracks = win.panel.lanes, {t.kind: t for t in win.project.tracks}
    assert not any(lane.dimmed for lane in lanes.values())
    win.panel.headers["voice"].mute.click()
    assert lanes["voice"].dimmed and not lanes["background"].dimmed
    win.panel.headers["background"].solo.click()
    assert {k for k, lane in lanes.items() if lane.dimmed} == {"original", "voice", "foley"}
    win.history.undo()
    win.history.undo()
    assert not any(lane.dimmed for lane in lanes.values())
    bg = lanes["background"]
    full = bg.curve.yData.copy()
    win.history.set(tracks["background"], "suppression", 0.75)
    assert bg.display_gain == pytest.approx(0.25)
    # the music at a quarter, the split-off ambience kept whole: 0.25 x all + 0.75 x ambience
    qtbot.waitUntil(lambda: bg.part is not None, timeout=60_000)
    assert bg.part_gain == pytest.approx(0.75)
    start, end = win.timeline.visible
    ambience = bg.part.curve(start, end, max(int(bg.box.width()), 1)).y
    assert np.allclose(bg.curve.yData, 0.25 * full + 0.75 * ambience, atol=1e-6)
    # the ambience faded out at Music 0 %: the music alone, an envelope inside the whole one
    win.history.set(tracks["background"], "suppression", 0.0)
    win.history.set(tracks["background"], "ambience_db", GAIN_MIN_DB)
    assert bg.part_gain == pytest.approx(-1.0)
    y = bg.curve.yData
    assert (y[1::2] >= 0).all() and (y[0::2] <= 0).all()
    assert (y[1::2] <= full[1::2] + 1e-6).all() and (y[0::2] >= full[0::2] - 1e-6).all()
    assert np.abs(y).sum() < np.abs(full).sum()
    win.history.set(tracks["background"], "ambience_db", 0.0)
    win.history.set(tracks["background"], "suppression", 0.75)
    win.history.set(tracks["background"], "ambience_source", None)  # not split: all of it scaled
    assert np.allclose(bg.curve.yData, 0.25 * full, atol=1e-6)
