"""Music out, ambience kept (issue 12), through the real renderer and `stemline process`: with the
background split, music suppression 1.0 leaves the rain, at the level the user chose."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import signal

from stemline.core.serialization import load_project
from stemline.jobs.ambience import ambience_file
from stemline.jobs.export import ExportRequest, export_project
from stemline.media.decode import read_audio
from tests.engine.test_ambience import _notes
from tests.jobs.projects import SR, make_project, write_wav


def _rain(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(5)
    sos = signal.butter(2, 400, "highpass", fs=SR, output="sos")
    return signal.sosfilt(sos, rng.standard_normal((int(seconds * SR), 2)), axis=0) * 0.04


def test_suppression_removes_the_music_and_leaves_the_rain(project, tmp_path: Path) -> None:
    music, rain = _notes(6.0), _rain(6.0)
    bg = project.track("background")
    bg.source = str(write_wav(tmp_path / "background.wav", (music + rain).astype(np.float32)))
    bg.ambience_source = str(ambience_file(bg.source, tmp_path / "ambience.wav"))
    bg.suppression = 1.0
    project.track("voice").mute = project.track("foley").mute = True  # the background alone

    def background_out(name: str) -> np.ndarray:
        export_project(project, ExportRequest(output=tmp_path / name, bit_depth=32))
        return read_audio(tmp_path / name)[0].astype(np.float64)

    kept = background_out("kept.wav")
    # what is left is rain: most of its energy, and little of the music (projections)
    def share(x: np.ndarray, ref: np.ndarray) -> float:
        return float((x * ref).sum() / (ref * ref).sum())
    assert share(kept, rain) > 0.8
    assert abs(share(kept, music)) < 0.1
    bg.ambience_db = -6.0  # the ambience's own control
    assert share(background_out("quieter.wav"), rain) == pytest.approx(0.5 * share(kept, rain), rel=0.01)
    bg.ambience_source = None  # no split: suppression 1.0 takes everything, as before
    assert np.abs(background_out("gone.wav")).max() < 1e-6


def test_process_keeps_the_ambience_and_saves_it_with_the_project(tmp_path: Path) -> None:
    from stemline.cli import main

    made = make_project(tmp_path / "src", seconds=4.0)
    out, saved = tmp_path / "out.wav", tmp_path / "film.stemline"
    assert main(["process", made.media_path, "-o", str(out), "--music-suppression", "1",
                 "--keep-ambience", "--ambience", "-3", "--foley-surround", "0.4",
                 "--save-project", str(saved), "--quiet"]) == 0
    project = load_project(saved)
    bg = project.track("background")
    assert bg.ambience_db == -3.0 and bg.suppression == 1.0
    assert project.track("foley").surround == 0.4  # (kept for a 5.1 export of the project)
    assert Path(bg.ambience_source) == tmp_path / "film_stems" / "ambience.wav"
    amb, rate = read_audio(bg.ambience_source)
    assert rate == SR and len(amb) == len(read_audio(bg.source)[0])
    assert not list(tmp_path.glob("*stemline-process*"))  # no work folder left
