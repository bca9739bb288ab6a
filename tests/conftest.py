"""Shared pytest setup: Qt (used by other test folders) must never need a display."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
