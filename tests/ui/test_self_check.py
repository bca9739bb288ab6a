"""``stemline gui FILE --self-check REPORT --screenshot PNG``: what CI runs."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

#: Code that must only ever run in workers.
WORKER_CODE = ("stemline/engine/", "stemline/jobs/", "stemline/media/decode.py", "av/",
               "torch/", "onnxruntime/")


def test_self_check_report_and_screenshot(clip: Path, tmp_path: Path) -> None:
    report, shot = tmp_path / "report.json", tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "stemline", "gui", str(clip), "--self-check", str(report),
         "--screenshot", str(shot), "--timeout", "240"],
        env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(report.read_text())
    names = [lane["name"] for lane in doc["lanes"]]
    assert names == ["Original", "Voice", "Background", "Foley"]
    assert all(lane["loaded"] for lane in doc["lanes"]), doc["lanes"]
    # The test picture has no moving objects, so the Foley track is (correctly) silent.
    assert all(lane["peak"] > 0 for lane in doc["lanes"][:3]), doc["lanes"]
    assert doc["device"] == "cpu" and doc["errors"] == [] and not doc["timed_out"]
    # Stall lengths depend on how busy the machine is (benchmarks/editor_stalls.py measures
    # them); what must hold anywhere is their cause: the UI thread is never seen inside
    # decoding, inference, analysis or export code during a stall.
    assert doc["probe_ticks"] > 10 and doc["max_stall_ms"] >= 0
    assert doc["stalls_over_50ms"] == len(doc["stalls"])
    for stall in doc["stalls"]:
        assert stall["ms"] > 50 and isinstance(stall["stages"], list), stall
        for sample in stall.get("samples", []):
            frames = sample["stacks"].get("ui", [])
            assert not [f for f in frames if f.startswith(WORKER_CODE)], stall
    # Without a sound card (CI) playback runs on the silent clock and the report says why;
    # with one, the device is named and there is no complaint.
    if doc["audio"]["output"] == "silent clock":
        assert "no audio output device" in doc["audio"]["message"], doc["audio"]
    else:
        assert doc["audio"]["output"] and not doc["audio"]["message"], doc["audio"]
    for lane in doc["lanes"][:3]:
        assert set(lane["draw_ms"]) == {"fit", "10s", "1s", "0.01s"}, lane
    image = QImage(str(shot))
    assert image.width() >= 1280 and image.height() >= 720


def _self_check(target: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    report = tmp_path / "report.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "stemline", "gui", str(target), "--self-check", str(report),
         "--timeout", "240"], env=env, capture_output=True, text=True, timeout=300)
    return proc, json.loads(report.read_text())


def test_self_check_opens_a_project_as_a_project(clip: Path, tmp_path: Path) -> None:
    """A ``.stemline`` file is the project it holds (its own events, not a fresh spotting),
    not a media file to decode."""
    from stemline.core.project import FoleyEvent, Project
    from stemline.core.serialization import save_project

    # no duration: a project written by hand or by another tool; its events are rendered
    # once the media says how long it is
    project = Project(media_path=str(clip))
    for i, t in enumerate((0.5, 1.25, 2.0)):
        project.insert_event(FoleyEvent(id=f"ev-{i}", start=t, label="impact"))
    path = save_project(project, tmp_path / "edit.stemline")
    proc, doc = _self_check(path, tmp_path)
    assert proc.returncode == 0, (proc.stderr[-3000:], doc)
    # the clip's picture holds no moving thing: three events can only come from the project
    assert doc["events"] == 3 and doc["errors"] == [] and not doc["timed_out"]
    assert [lane["name"] for lane in doc["lanes"]] == ["Original", "Voice", "Background", "Foley"]


def test_self_check_on_a_damaged_project_reports_it_at_once(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.stemline"
    damaged.write_text('{"format": "stemline-project", "version": 1, "proj', encoding="utf-8")
    proc, doc = _self_check(damaged, tmp_path)
    assert proc.returncode == 1
    assert not doc["timed_out"] and doc["wall_s"] < 60, doc
    assert len(doc["errors"]) == 1 and "damaged.stemline" in doc["errors"][0], doc["errors"]
    assert damaged.read_text(encoding="utf-8").endswith('"proj')  # left as it was
