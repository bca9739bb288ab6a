"""Loading demucs ``.th`` checkpoints without running code from them.

demucs opens its checkpoints with ``torch.load(weights_only=False)``: a full pickle, so a crafted
file (demucs checks no more than a sha256 prefix in its name) runs whatever it asks for. Here the
file is read by torch's restricted unpickler (``weights_only=True``) that admits, besides
tensors and plain containers, only what a demucs package holds: the model class (one of
demucs's three architectures) and ``fractions.Fraction`` (a segment length). Anything else is
refused with a message naming the file. demucs's repositories are subclassed so every path that
reads a ``.th`` (local folder, torch-hub download cache) goes through :func:`load_package`.
"""
from __future__ import annotations

import fractions
import pickle
import re
from pathlib import Path
from typing import Any

from demucs.repo import LocalRepo, ModelLoadingError, RemoteRepo, check_checksum
from demucs.states import load_model

from stemline.core.errors import ModelUnavailable

_PACKAGE_KEYS = {"klass", "args", "kwargs", "state"}


def _architectures() -> tuple[type, ...]:
    from demucs.demucs import Demucs
    from demucs.hdemucs import HDemucs
    from demucs.htdemucs import HTDemucs

    return (Demucs, HDemucs, HTDemucs)


def load_package(path: Path) -> dict[str, Any]:
    """Read a demucs model package from ``path`` safely.

    Raises
    ------
    ModelUnavailable
        The file asks for anything beyond a demucs model (named in the message), or isn't a
        demucs package, or is damaged.
    """
    import torch

    classes = _architectures()
    try:
        with torch.serialization.safe_globals([*classes, fractions.Fraction]):
            package = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        found = re.search(r"(?:GLOBAL|global)\s+([\w.]+)", str(exc))
        what = f"'{found.group(1)}'" if found else "something other than a model"
        raise ModelUnavailable(
            f"{path}: refused to load: the file asks for {what}, which a demucs model never "
            "needs (it may be crafted to run code). Delete it and get the model from its "
            "official source.") from None
    except (OSError, RuntimeError, EOFError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ModelUnavailable(f"{path}: damaged or not a model file ({detail}); delete it and "
                               "download it again.") from None
    if not isinstance(package, dict) or not _PACKAGE_KEYS <= package.keys():
        raise ModelUnavailable(f"{path}: not a demucs model package (no klass/args/kwargs/state)")
    if package["klass"] not in classes:
        raise ModelUnavailable(f"{path}: refused to load: unknown model class "
                               f"{package['klass']!r}")
    return package


class SafeLocalRepo(LocalRepo):
    """demucs's local folder of ``<sig>[-<checksum>].th`` files, read with :func:`load_package`."""

    def get_model(self, sig: str) -> Any:
        try:
            file = self._models[sig]
        except KeyError:
            raise ModelLoadingError(f"Could not find pre-trained model with signature {sig}.") \
                from None
        if sig in self._checksums:
            check_checksum(file, self._checksums[sig])
        return load_model(load_package(file))


class SafeRemoteRepo(RemoteRepo):
    """demucs's download repository: the file goes to torch hub's cache (hash-checked, as
    demucs does), then is read with :func:`load_package`."""

    def get_model(self, sig: str) -> Any:
        import torch

        try:
            url = self._models[sig]
        except KeyError:
            raise ModelLoadingError(f"Could not find a pre-trained model with signature {sig}.") \
                from None
        target = Path(torch.hub.get_dir()) / "checkpoints" / Path(url).name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            match = torch.hub.HASH_REGEX.search(target.name)
            torch.hub.download_url_to_file(url, str(target),
                                           match.group(1) if match else None, progress=False)
        return load_model(load_package(target))


def load_safetensors(path: Path) -> Any:
    """A model from a HuggingFace-hub safetensors file, as ``demucs.hf`` stores them.

    The tensors can't hold code, but demucs resolves the class named in the file's metadata
    with ``importlib`` and calls it with the stored arguments: a crafted file could name
    ``os.system``. Only demucs's architectures are accepted.
    """
    from demucs.hf import load_safetensors_model
    from safetensors import safe_open

    try:
        with safe_open(str(path), framework="pt") as file:
            klass = (file.metadata() or {}).get("klass", "")
    except Exception as exc:  # safetensors raises its own error types
        raise ModelUnavailable(f"{path}: damaged or not a model file ({exc}); delete it and "
                               "download it again.") from None
    allowed = {f"{c.__module__}.{c.__qualname__}" for c in _architectures()}
    if klass not in allowed:
        raise ModelUnavailable(f"{path}: refused to load: the file names {klass!r} as its model "
                               "class, which is not a demucs architecture (it may be crafted to "
                               "run code).")
    return load_safetensors_model(path)


def get_hf_model(name: str) -> Any:
    """demucs.hf.get_hf_model, with each file checked by :func:`load_safetensors`."""
    import yaml
    from demucs.apply import BagOfModels
    from demucs.hf import DEFAULT_NAMESPACE, hf_repo_name
    from huggingface_hub import hf_hub_download

    namespace = DEFAULT_NAMESPACE
    if "/" in name:
        namespace, name = name.split("/", 1)
    repo_id = f"{namespace}/{hf_repo_name(name)}"
    with open(hf_hub_download(repo_id, f"{name}.yaml")) as file:
        bag = yaml.safe_load(file)
    models = [load_safetensors(Path(hf_hub_download(repo_id, f"{sig}.safetensors")))
              for sig in bag["models"]]
    return BagOfModels(models, bag.get("weights"), bag.get("segment"))
