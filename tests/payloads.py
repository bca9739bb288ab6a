"""Things that run code if a loader unpickles them, and the arrays of a model file to build
altered copies from: model loaders must refuse the one unrun and check the other."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def model_arrays(path: Path) -> dict[str, np.ndarray]:
    """The arrays of a model file (read with pickling off), to make altered copies of it."""
    with np.load(path, allow_pickle=False) as z:
        return {k: np.asarray(z[k]) for k in z.files}


class TouchOnUnpickle:
    """Unpickling this creates ``marker``: a test asserts the file is still absent."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))
