"""Re-separating a selection with another model in the editor: the stems change inside the
selection only (with short cross-fades), the lanes and the player follow, and it is one undo
step that brings the old stems back, sample for sample."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

pytest.importorskip("onnxruntime")

from stemline.engine.separation.catalog import register  # noqa: E402
from stemline.jobs.region import blend_weights  # noqa: E402
from tests.engine.model_files import make_mdx_onnx  # noqa: E402
from tests.ui.conftest import Catcher  # noqa: E402


def _heard(win, kind: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(win.player.sources[kind], dtype=np.float32)


def test_reseparate_selection_is_one_undoable_edit(window, qtbot, wav: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    models = tmp_path / "models"
    register(models, make_mdx_onnx(tmp_path / "alt.onnx", dim_f=1024, dim_t=64), name="alt",
             params={"n_fft": "2048", "compensate": "1.0"})
    win.settings.model_dir = str(models)
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(wav)
    voice_track, bg_track = win.project.track("voice"), win.project.track("background")
    old_voice, old_bg = voice_track.source, bg_track.source
    before_voice, _ = sf.read(old_voice, dtype="float32", always_2d=True)
    heard_before = _heard(win, "voice").copy()
    assert win.project.separation_model == "spleeter"

    first_amb = bg_track.ambience_source
    assert first_amb is not None and win.player.engine.has("ambience")

    win.timeline.selection = (1.0, 2.0)
    worker = win.reseparate_selection("alt")
    applied = Catcher(win.region.applied)
    assert worker is not None
    result = applied.wait(qtbot, timeout=120_000)[0]
    assert voice_track.source == str(result.voice) != old_voice
    assert "alt 1.00-2.00 s" in win.project.separation_model
    new_voice, rate = sf.read(result.voice, dtype="float32", always_2d=True)
    new_bg, _ = sf.read(result.background, dtype="float32", always_2d=True)
    a, b = int(1.0 * rate), int(2.0 * rate)
    # Outside the selection nothing changed; inside, the other model's voice took over.
    assert np.array_equal(new_voice[:a], before_voice[:a])
    assert np.array_equal(new_voice[b:], before_voice[b:])
    inside = slice(a + int(0.05 * rate), b - int(0.05 * rate))
    assert np.abs(new_voice[inside] - before_voice[inside]).max() > 1e-3
    # The seams are the raised-cosine blend, not a jump.
    w = blend_weights(b - a, int(0.02 * rate))
    assert w[0] < 0.01 and w[len(w) // 2] == 1.0
    # compensate 1.0: inside, voice + background is the mix, as outside.
    mix_old = before_voice + sf.read(old_bg, dtype="float32", always_2d=True)[0]
    assert np.abs((new_voice + new_bg) - mix_old).max() < 2e-3
    # The lane and the player follow the edit ...
    qtbot.waitUntil(lambda: not np.array_equal(_heard(win, "voice"), heard_before), timeout=30_000)
    # ... and so does the background's ambience part: split again from the new stem (the old
    # split, subtracted from the new background, would leave the difference as "music")
    qtbot.waitUntil(lambda: bg_track.ambience_source not in (None, first_amb)
                    and win.player.engine.has("ambience"), timeout=60_000)
    new_amb = bg_track.ambience_source
    assert Path(new_amb).parent == win.pipeline.cache / "ambience" and Path(new_amb).exists()

    # ... and one undo brings the old stems back, in the project and in the player.
    assert win.history.undo_text.startswith("Re-separate 1.00-2.00 s with alt")
    win.history.undo()
    assert (voice_track.source, bg_track.source) == (old_voice, old_bg)
    assert win.project.separation_model == "spleeter"
    qtbot.waitUntil(lambda: np.array_equal(_heard(win, "voice"), heard_before), timeout=30_000)
    qtbot.waitUntil(lambda: bg_track.ambience_source == first_amb, timeout=60_000)
    win.history.redo()
    assert voice_track.source == str(result.voice)
    qtbot.waitUntil(lambda: not np.array_equal(_heard(win, "voice"), heard_before), timeout=30_000)


def test_without_a_selection_it_says_what_to_do(window, qtbot, wav: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(wav)
    win.timeline.selection = None
    assert win.reseparate_selection("spleeter") is None
    assert "Select a stretch" in win.statusBar().currentMessage()


def test_new_stems_go_to_the_cache_not_the_folder_the_project_names(window, qtbot, wav: Path,
                                                                     tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A project from elsewhere can point its stems at any folder; re-separating must not write
    # there (new files in someone's folder), only into Stemline's own stems cache.
    import shutil

    win = window
    with qtbot.waitSignal(win.work_finished, timeout=180_000):
        win.open_media(wav)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for kind in ("voice", "background"):
        track = win.project.track(kind)
        track.source = str(shutil.copy(track.source, elsewhere / f"{kind}.wav"))
    win.timeline.selection = (1.0, 2.0)
    applied = Catcher(win.region.applied)
    assert win.reseparate_selection("spleeter") is not None
    result = applied.wait(qtbot, timeout=120_000)[0]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["background.wav", "voice.wav"]
    regions = (Path(win.cache) / "stems" / "regions").resolve()
    for made in (result.voice, result.background):
        assert Path(made).resolve().parent == regions and Path(made).exists()
    assert win.project.track("voice").source == str(result.voice)
