"""Things that run code if a loader unpickles them: model loaders must refuse them unrun."""
from __future__ import annotations

from pathlib import Path


class TouchOnUnpickle:
    """Unpickling this creates ``marker``: a test asserts the file is still absent."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))
