"""Stemline: take any video or audio file apart and put it back together better."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
