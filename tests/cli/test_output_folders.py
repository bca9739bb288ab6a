"""``process`` and ``export`` make a missing output folder (as ``separate`` does), and a run that
fails removes the folders it made: nothing is left behind but what the user already had."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from stemline.demo.synth import mixture

STEMLINE = [sys.executable, "-m", "stemline"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*STEMLINE, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore", **env})


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "clip.wav"
    sf.write(path, mixture(3.0, seed=8)[0], 44100, subtype="PCM_16")
    return path


def test_process_and_export_make_missing_folders(clip: Path, tmp_path: Path) -> None:
    mix = tmp_path / "new" / "deeper" / "mix.wav"
    project = tmp_path / "projects" / "edit.stemline"
    r = run("process", str(clip), "-o", str(mix), "--save-project", str(project))
    assert r.returncode == 0, r.stderr[-2000:]
    assert mix.is_file() and project.is_file()
    assert [p.name for p in mix.parent.iterdir()] == ["mix.wav"]  # no scratch left
    out = tmp_path / "exports" / "a" / "mix.flac"
    cut = tmp_path / "exports" / "b" / "cut.otio"
    r = run("export", str(project), "-o", str(out), "--timeline", str(cut))
    assert r.returncode == 0, r.stderr[-2000:]
    assert out.is_file() and cut.is_file() and (cut.parent / "cut_stems" / "voice.wav").is_file()


def test_a_failed_run_removes_the_folders_it_made(clip: Path, tmp_path: Path,
                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    # A model that isn't installed, with downloads forbidden: process fails after it made the
    # output folder and its scratch (the model loads inside the run).
    caches = tmp_path_factory.mktemp("empty-caches")
    out = tmp_path / "out"
    r = run("process", str(clip), "-o", str(out / "made" / "here" / "mix.wav"), "--model",
            "htdemucs", STEMLINE_OFFLINE="1", TORCH_HOME=str(caches / "torch"),
            XDG_CACHE_HOME=str(caches), HF_HOME=str(caches / "hf"))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "isn't installed" in r.stderr, r.stderr[-2000:]
    assert list(tmp_path.iterdir()) == [], list(tmp_path.rglob("*"))
