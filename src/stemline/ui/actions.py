"""The window's actions (with their shortcuts), menus and toolbar, in one table each."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

if TYPE_CHECKING:
    from stemline.ui.main_window import MainWindow

MENUS: dict[str, list[str | None]] = {
    "&File": ["open", "open_project", None, "save", "save_as", None, "export_video",
              "export_audio", "export_stems", None, "settings", None, "quit"],
    "&Edit": ["undo", "redo", None, "add_event", "delete_event", "audition", "assign"],
    "&View": ["zoom_in", "zoom_out", "zoom_fit", "zoom_sel", None, "show_frames", "snap", None,
              "shortcuts"],
    "&Playback": ["play", "play_selection", "loop", "stop", "back", "forward", None,
                  "frame_back", "frame_forward", "home", "end"],
    "P&rocess": ["separate", "reseparate", "foley", None, "cancel"],
}
TOOLBAR = ("open", "save", None, "undo", "redo", None, "home", "back", "play", "forward", None,
           "zoom_out", "zoom_in", "zoom_fit", None, "separate", "foley", "cancel")
#: Tool buttons show these short texts; menus the full, changing ones ("Undo Move event").
SHORT = {"undo": "Undo", "redo": "Redo", "back": "Reverse", "forward": "Forward",
         "home": "Start", "separate": "Separate", "foley": "Foley", "cancel": "Cancel",
         "zoom_fit": "Fit", "open": "Open", "save": "Save", "zoom_in": "Zoom in",
         "zoom_out": "Zoom out"}


def _act(win: MainWindow, text: str, slot: Any, shortcut: Any = None, icon: Any = None,
         tip: str = "") -> QAction:
    action = QAction(text, win)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(win.style().standardIcon(icon))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(lambda *_: slot())
    win.addAction(action)  # shortcuts work wherever the focus is
    return action


def build_actions(win: MainWindow) -> dict[str, QAction]:
    """Every command of the window, by name."""
    sp = QStyle.StandardPixmap
    tl, ev, player = win.timeline, win.panel.events, win.player

    def act(*args: Any) -> QAction:
        return _act(win, *args)

    return {
        "open": act("&Open media\u2026", win.open_dialog, QKeySequence.StandardKey.Open,
                    sp.SP_DialogOpenButton, "Open a video or audio file"),
        "open_project": act("Open &project\u2026", win.open_project_dialog, "Ctrl+Shift+O"),
        "save": act("&Save project", win.save, QKeySequence.StandardKey.Save,
                    sp.SP_DialogSaveButton, "Save the project"),
        "save_as": act("Save project &as\u2026", win.save_as, "Ctrl+Shift+S"),
        "export_video": act("&Export video with new soundtrack\u2026",
                            lambda: win.export_dialog("video"), "Ctrl+E"),
        "export_audio": act("Export &audio mix\u2026", lambda: win.export_dialog("audio"),
                            "Ctrl+Shift+E"),
        "export_stems": act("Export s&tems\u2026", lambda: win.export_dialog("stems")),
        "quit": act("&Quit", win.close, QKeySequence.StandardKey.Quit),
        "undo": act("&Undo", win.history.undo, "Ctrl+Z", sp.SP_ArrowBack),
        "redo": act("&Redo", win.history.redo, ["Ctrl+Shift+Z", "Ctrl+Y"], sp.SP_ArrowForward),
        "add_event": act("&Add Foley event at playhead", lambda: ev.add_event_at(tl.playhead),
                         "E"),
        "delete_event": act("&Delete event", ev.delete_selected,
                            [QKeySequence.StandardKey.Delete, "Backspace"]),
        "audition": act("Aud&ition event", win.audition_selected, "Ctrl+Return"),
        "assign": act("Assign &sound\u2026", win.assign_selected, "Ctrl+Shift+A"),
        "play": act("Play", player.toggle, "Space", sp.SP_MediaPlay, "Play / pause (Space)"),
        "back": act("Shuttle back", player.shuttle_backward, "J", sp.SP_MediaSeekBackward,
                    "Reverse; again for faster (J)"),
        "stop": act("Pause", player.pause, "K", sp.SP_MediaPause, "Pause (K)"),
        "forward": act("Shuttle forward", player.shuttle_forward, "L", sp.SP_MediaSeekForward,
                       "Play; again for faster (L)"),
        "home": act("Go to start", lambda: tl.request_seek(0.0), "Home", sp.SP_MediaSkipBackward),
        "end": act("Go to end", lambda: tl.request_seek(tl.duration), "End",
                   sp.SP_MediaSkipForward),
        "zoom_in": act("Zoom &in", lambda: tl.zoom(0.5), ["Ctrl+=", "="], None,
                       "Zoom in (=, Ctrl+wheel)"),
        "zoom_out": act("Zoom &out", lambda: tl.zoom(2.0), ["Ctrl+-", "-"], None,
                        "Zoom out (-, Ctrl+wheel)"),
        "zoom_fit": act("Zoom to &fit", tl.zoom_to_fit, ["Ctrl+0", "0"]),
        "zoom_sel": act("Zoom to &selection", tl.zoom_to_selection, "Z"),
        "separate": act("&Separate voice", win.run_separation, "Ctrl+R", None,
                        "Separate voice and background"),
        "reseparate": act("&Re-separate selection with\u2026", win.reseparate_selection,
                          "Ctrl+Shift+R", None,
                          "Separate the selected stretch again with another model"),
        "foley": act("Spot &Foley", win.run_foley, "Ctrl+F", None,
                     "Spot contacts in the video and render Foley"),
        "cancel": act("&Cancel work", win.cancel_work, "Esc", sp.SP_BrowserStop,
                      "Cancel background work"),
        "settings": act("Se&ttings\u2026", win.open_settings, "Ctrl+,"),
        "play_selection": act("Play &selection", player.play_selection, "Shift+Space", None,
                              "Play the selection (loops when Loop is on)"),
        "loop": _checkable(act("&Loop selection", lambda: None, "Ctrl+L"), player.set_loop),
        "frame_back": act("Previous &frame", lambda: win.step_frames(-1), "Left"),
        "frame_forward": act("&Next frame", lambda: win.step_frames(1), "Right"),
        "show_frames": _checkable(act("Timecode in &frames (HH:MM:SS:FF)", lambda: None,
                                      "Ctrl+T"), tl.set_show_frames),
        "snap": _checkable(act("S&nap to events and frames", lambda: None, "Ctrl+Shift+N"),
                           lambda on: setattr(ev, "snapping", on), checked=True),
        "shortcuts": act("&Keyboard shortcuts", win.show_shortcuts, ["?", "F1"]),
    }


def _checkable(action: QAction, on_toggled: Any, checked: bool = False) -> QAction:
    action.setCheckable(True)
    action.setChecked(checked)
    action.toggled.connect(on_toggled)
    return action


def build_menus_and_toolbar(win: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    for title, names in MENUS.items():
        menu = win.menuBar().addMenu(title)
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[name])
            if name == "open_project":
                win.recent_menu = menu.addMenu("Open &recent")
                win.recent_menu.aboutToShow.connect(win.fill_recent_menu)
    tb = QToolBar("Main")
    tb.setMovable(False)
    tb.setIconSize(QSize(18, 18))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in TOOLBAR:
        if name is None:
            tb.addSeparator()
        else:
            tb.addAction(actions[name])
    # The level meter sits beside the transport, at the toolbar's right end.
    from PySide6.QtWidgets import QSizePolicy, QWidget

    from stemline.ui.level_meter import LevelMeter

    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tb.addWidget(spacer)
    win.level_meter = LevelMeter(win.player.engine)
    tb.addWidget(win.level_meter)
    win.addToolBar(tb)
    for key, short in SHORT.items():
        actions[key].setIconText(short)
    return tb
