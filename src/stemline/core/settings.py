"""User settings (device, model and library folders) and the per-user folders Stemline uses."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value else Path.home() / fallback


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/stemline`` (settings)."""
    return _xdg("XDG_CONFIG_HOME", ".config") / "stemline"


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/stemline`` (peaks, stems: anything that can be recomputed)."""
    return _xdg("XDG_CACHE_HOME", ".cache") / "stemline"


def state_dir() -> Path:
    """``$XDG_STATE_HOME/stemline`` (autosaves, recent files)."""
    return _xdg("XDG_STATE_HOME", ".local/state") / "stemline"


def data_dir() -> Path:
    """``$XDG_DATA_HOME/stemline`` (the job database, the server's outputs: what must persist)."""
    return _xdg("XDG_DATA_HOME", ".local/share") / "stemline"


DEVICES = ("auto", "cpu", "cuda")


@dataclass
class Settings:
    """What the settings dialog edits. Unknown keys in the file are ignored, bad ones reset."""

    device: str = "auto"
    separator: str = "spleeter"
    model_dir: str = ""
    library_dir: str = ""
    batch_output_dir: str = ""
    #: The window's last geometry (Qt's saveGeometry, base64), restored when it fits the screen.
    window_geometry: str = ""
    autosave_seconds: int = 60
    recent: list[str] = field(default_factory=list)

    def validate(self) -> Settings:
        if self.device not in DEVICES:
            raise ValueError(f"device must be one of {', '.join(DEVICES)}, got {self.device!r}")
        if not isinstance(self.autosave_seconds, int) or not 5 <= self.autosave_seconds <= 3600:
            raise ValueError("autosave_seconds must be an integer between 5 and 3600")
        return self

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; a missing or damaged file gives the defaults (never blocks startup)."""
        path = path or config_dir() / "settings.json"
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in raw.items() if k in known}).validate()
        except (TypeError, ValueError, AttributeError):
            return cls()

    def save(self, path: Path | None = None) -> Path:
        path = path or config_dir() / "settings.json"
        self.validate()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
        return path

    def add_recent(self, item: str, keep: int = 10) -> None:
        self.recent = [item, *[r for r in self.recent if r != item]][:keep]
