"""The editor offers the models `stemline models list` shows as here (the others greyed out with
how to get them), separates with a user's own model through the real worker, and the project
records which model made its stems."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

pytest.importorskip("onnxruntime")

from stemline.core.serialization import load_project, save_project  # noqa: E402
from stemline.core.project import Project  # noqa: E402
from stemline.core.settings import Settings  # noqa: E402
from stemline.engine.separation.catalog import register  # noqa: E402
from stemline.ui.app import make_app  # noqa: E402
from stemline.ui.settings_dialog import SettingsDialog  # noqa: E402
from stemline.workers.base import WorkerRunner  # noqa: E402
from stemline.workers.separation import DeviceWorker, SeparationWorker  # noqa: E402
from tests.engine.model_files import make_mdx_onnx  # noqa: E402
from tests.ui.conftest import Catcher  # noqa: E402


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    onnx = make_mdx_onnx(tmp_path / "mine.onnx", dim_f=1024, dim_t=64)
    register(tmp_path / "models", onnx, name="karaoke", params={"n_fft": "2048"})
    return tmp_path / "models"


def test_settings_offer_present_models_and_grey_out_the_rest(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    make_app()
    runner = WorkerRunner()
    worker = DeviceWorker("cpu", model_dir=str(folder))
    done = Catcher(worker.finished)
    runner.start(worker)
    info = done.wait(qtbot, timeout=60000)[0]
    runner.shutdown()
    assert {"spleeter", "htdemucs", "karaoke"} <= set(info.models)
    assert "Kim_Vocal_2" in info.absent and "Kim_Vocal_2" not in info.models
    dialog = SettingsDialog(Settings(model_dir=str(folder)), ("auto", "cpu"), info.models,
                            absent=info.absent)
    qtbot.addWidget(dialog)
    combo = dialog.separator
    texts = [combo.itemText(i) for i in range(combo.count())]
    kim = next(i for i, t in enumerate(texts) if t.startswith("Kim_Vocal_2"))
    assert not combo.model().item(kim).isEnabled()
    assert "stemline models pull Kim_Vocal_2" in texts[kim]
    combo.setCurrentText("karaoke")
    assert dialog.result_settings().separator == "karaoke"


def test_own_model_separates_in_the_worker_and_the_project_records_it(qtbot, folder: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    make_app()
    t = np.arange(44100 * 2) / 44100
    sf.write(tmp_path / "clip.wav", np.stack([np.sin(2 * np.pi * 440 * t)] * 2, 1) * 0.3, 44100)
    runner = WorkerRunner()
    worker = SeparationWorker(tmp_path / "clip.wav", tmp_path / "stems", separator="karaoke",
                              device="cpu", model_dir=str(folder))
    done = Catcher(worker.finished)
    runner.start(worker)
    stems = done.wait(qtbot, timeout=60000)[0]
    runner.shutdown()
    assert stems.model == "karaoke" and stems.voice.exists()
    # A file path as the model still gives a folder name that is one safe component.
    assert stems.voice.parent.parent == tmp_path / "stems"
    project = Project(media_path=str(tmp_path / "clip.wav"), duration=2.0)
    project.separation_model = stems.model
    path = save_project(project, tmp_path / "p.stemline")
    assert load_project(path).separation_model == "karaoke"
