"""Stemline: take any video or audio file apart and put it back together better."""
from __future__ import annotations

import os
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "load"]


def load(path: str | os.PathLike[str]) -> Any:
    """Open a media file for the Python API; returns a :class:`stemline.api.MediaProject`
    (see :func:`stemline.api.load`)."""
    # Imported by name at call time: ``import stemline`` stays instant, and the package root
    # (which every layer imports for ``__version__``) doesn't make them all depend on the API.
    import importlib

    return importlib.import_module("stemline.api").load(path)
