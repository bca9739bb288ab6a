"""The layering of ARCHITECTURE.md, checked mechanically."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):
            raise ImportError(f'{name} is blocked: this layer must not need Qt')
sys.meta_path.insert(0, NoQt())
import pkgutil, importlib
import stemline
for pkg in ('core', 'media', 'engine', 'jobs', 'playback', 'demo'):
    mod = importlib.import_module('stemline.' + pkg)
    for info in pkgutil.walk_packages(mod.__path__, mod.__name__ + '.'):
        importlib.import_module(info.name)
import stemline.cli
stemline.cli.build_parser()
print('ok')
"""


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "broken" not in r.stdout.split("Contracts:")[-1].lower() or " 0 broken" in r.stdout


def test_core_media_engine_jobs_import_without_qt():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    r = subprocess.run([sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-3000:]


def test_help_is_instant_and_loads_no_torch():
    code = ("import sys, stemline.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('torch' in sys.modules, 'PySide6' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert r.stdout.strip().splitlines()[-1] == "False False", r.stdout + r.stderr
