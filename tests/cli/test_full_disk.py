"""An output folder on a full file system (issue 10): a clear one-line error naming the file, no
partial files, the source untouched, and the next run (with room) works. The file systems are
small tmpfs mounts the test makes, so it needs root (as CI runs); elsewhere it is skipped."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import soundfile as sf

from stemline.demo.synth import mixture


def _mount(where: Path, size: str) -> Path:
    where.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"can't mount a tmpfs here ({proc.stderr.strip() or 'not root'})")
    return where


@pytest.fixture
def mounts(tmp_path: Path) -> Iterator[dict[str, Path]]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    made: list[Path] = []
    try:
        made.append(_mount(tmp_path / "small", "160k"))
        made.append(_mount(tmp_path / "full", "8k"))
        (made[1] / "filler").write_bytes(b"\0" * 8192)
        made.append(_mount(tmp_path / "roomy", "16m"))
        yield {p.name: p for p in made}
    finally:
        for p in made:
            subprocess.run(["umount", str(p)], capture_output=True)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "clip.wav"
    sf.write(path, mixture(4.0, seed=5)[0], 44100, subtype="PCM_16")
    return path


def _separate(source: Path, out: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stemline", "separate", str(source), "-o",
                           str(out), "--format", fmt], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("fmt", ["aac", "wav"])
def test_full_disk_is_one_clear_line_and_leaves_no_partial_file(mounts, source, fmt) -> None:  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    for name in ("small", "full"):
        out = mounts[name] / "out"
        r = _separate(source, out, fmt)
        errors = [ln for ln in r.stderr.splitlines() if ln.startswith("stemline:")]
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr[-2000:]
        assert len(errors) == 1 and "No space left on device" in errors[0], r.stderr[-2000:]
        assert f"{out}/clip/" in errors[0] and f".{fmt}" in errors[0], errors  # names the output
        left = _files(mounts[name])
        if name == "small":
            # Room for the record of the failure, never for one stem without the other.
            assert left == ["out/clip/result.json"], left
            record = json.loads((out / "clip" / "result.json").read_text())
            assert record["Status"] == "Failed" and record["Error"]["Code"] == "OutputError"
        else:
            assert left == ["filler"], left
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    # With room, the same command works.
    r = _separate(source, mounts["roomy"] / "out", fmt)
    assert r.returncode == 0, r.stderr[-2000:]
    assert _files(mounts["roomy"]) == sorted(
        ["out/clip/result.json", f"out/clip/voice.{fmt}", f"out/clip/background.{fmt}"])
