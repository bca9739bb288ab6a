"""Start-up choices that keep the event loop free: no shiboken import hook, torch before the loop."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.strip()


def test_importing_the_ui_leaves_the_plain_import_in_place():
    out = run("import builtins, stemline.ui.main_window, PySide6.QtWidgets\n"
              "print(builtins.__import__.__name__)")
    assert out == "__import__"


def test_preload_engine_loads_torch_and_nothing_else_heavy():
    out = run("import sys\nfrom stemline.workers.startup import preload_engine\n"
              "assert 'torch' not in sys.modules\npreload_engine()\n"
              "print('torch' in sys.modules, 'scipy' in sys.modules)")
    assert out == "True False"
