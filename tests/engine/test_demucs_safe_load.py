"""Model files never run code: a crafted demucs ``.th`` (a pickle that calls os.system) and a
crafted HuggingFace safetensors file (metadata naming os.system as the model class) are refused
with a message naming the file, while demucs's own loaders would run them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

torch = pytest.importorskip("torch")
pytest.importorskip("demucs")

from stemline.core.errors import ModelUnavailable  # noqa: E402
from stemline.engine.separation import demucs_safe  # noqa: E402
from stemline.engine.separation.demucs_backend import DemucsSeparator  # noqa: E402


class _Payload:
    """Pickles as a call to os.system: what a crafted checkpoint carries."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (self.command,))


def _crafted_th(folder: Path, sig: str, marker: Path) -> Path:
    path = folder / f"{sig}.th"
    torch.save({"klass": _Payload(f"touch {marker}"), "args": [], "kwargs": {}, "state": {}},
               path)
    return path


def _run_python(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def test_a_crafted_th_runs_code_in_demucs_but_is_refused_here(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    marker = tmp_path / "pwned"
    path = _crafted_th(folder, "evil01", marker)
    # The hole is real: demucs's own loader runs the payload.
    _run_python(f"from demucs.states import load_model; load_model({str(path)!r})")
    assert marker.exists()
    marker.unlink()

    with pytest.raises(ModelUnavailable) as exc:
        DemucsSeparator("evil01", model_dir=folder, device="cpu")
    message = str(exc.value)
    assert str(path) in message and "refused" in message and "posix.system" in message
    assert "\n" not in message
    assert not marker.exists()


def test_separate_refuses_a_crafted_model_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    marker = tmp_path / "pwned"
    path = _crafted_th(folder, "evil02", marker)
    song = tmp_path / "song.wav"
    sf.write(song, np.zeros((44100, 2), np.float32), 44100)
    r = subprocess.run([sys.executable, "-m", "stemline", "separate", str(song), "-o",
                        str(tmp_path / "out"), "--model", "evil02", "--model-dir", str(folder),
                        "--db", str(tmp_path / "jobs.db")],
                       capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(path) in r.stderr and "refused" in r.stderr
    assert not marker.exists()


def test_a_crafted_safetensors_class_is_refused(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    marker = tmp_path / "pwned"
    path = tmp_path / "evil.safetensors"
    save_file({"w": torch.zeros(1)}, str(path), metadata={
        "klass": "os.system", "args": json.dumps([f"touch {marker}"]), "kwargs": "{}"})
    _run_python(f"from demucs.hf import load_safetensors_model; "
                f"load_safetensors_model({str(path)!r})")
    assert marker.exists()                       # demucs's loader calls os.system(...)
    marker.unlink()
    with pytest.raises(ModelUnavailable, match="refused to load.*'os.system'"):
        demucs_safe.load_safetensors(path)
    assert not marker.exists()


def test_damaged_and_foreign_files_are_clear_errors(tmp_path: Path) -> None:
    bad = tmp_path / "cut.th"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(300))
    with pytest.raises(ModelUnavailable, match="damaged or not a model file"):
        demucs_safe.load_package(bad)
    plain = tmp_path / "plain.th"
    torch.save({"weights": torch.zeros(2)}, plain)
    with pytest.raises(ModelUnavailable, match="not a demucs model package"):
        demucs_safe.load_package(plain)
