"""A damaged project file (issue 10): the editor offers the copy kept at the last save (or a
crash's autosave of it), opens it unsaved, and leaves the damaged file untouched until the user
saves."""
from __future__ import annotations

from pathlib import Path

from stemline.core.serialization import load_project


def test_a_damaged_project_opens_from_its_kept_copy(window, tmp_path: Path) -> None:
    project_file = tmp_path / "scene.stemline"
    window.project.track("voice").gain_db = -6.0
    assert window.save_to(project_file)
    good = project_file.read_bytes()
    damaged = good[: len(good) // 2]  # a cut write: not JSON any more
    project_file.write_bytes(damaged)

    asked: list[str] = []
    window.ask_recover = lambda path, copy, error: asked.append(error) or False
    assert not window.open_project(project_file)          # declined: nothing opened, nothing written
    assert len(asked) == 1 and str(project_file) in asked[0]
    assert project_file.read_bytes() == damaged

    window.project.track("voice").gain_db = 0.0
    window.ask_recover = lambda path, copy, error: True
    assert window.open_project(project_file)
    assert window.project.track("voice").gain_db == -6.0  # the copy's state
    assert window.project_path == project_file
    assert not window.history.is_clean                    # unsaved: saving is the user's choice
    assert project_file.read_bytes() == damaged           # untouched until then
    assert window.save()
    assert load_project(project_file).track("voice").gain_db == -6.0


def test_no_copy_no_offer(window, tmp_path: Path) -> None:
    broken = tmp_path / "never saved here.stemline"
    broken.write_text("{not json", encoding="utf-8")
    window.ask_recover = lambda *a: (_ for _ in ()).throw(AssertionError("offered a copy that doesn't exist"))
    assert not window.open_project(broken)
