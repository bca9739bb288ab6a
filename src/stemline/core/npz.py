"""Model files of plain arrays (``.npz``), read so that loading one can run no code."""
from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from stemline.core.errors import ModelUnavailable


def read_arrays(path: Path, keys: Sequence[str], what: str) -> dict[str, np.ndarray]:
    """The arrays ``keys`` of the ``.npz`` file ``path``, read with pickling off: an object
    array (which would unpickle, and so could run code) is refused, not read.

    Raises
    ------
    ModelUnavailable
        Naming the file and ``what`` it should have been, when it is missing, damaged, lacks a
        key or holds objects.
    """
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: np.asarray(z[k]) for k in keys}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelUnavailable(f"{path}: not a usable {what} ({exc}); reinstall Stemline") from exc
