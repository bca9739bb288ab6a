"""Finding and loading demucs weights (the separator in ``demucs_backend`` only separates).

Where weights come from, in order:

1. ``model_dir`` given: only that folder, read by demucs's own local-repo loader
   (``<sig>.th`` / ``<sig>-<checksum>.th`` files plus an optional ``<name>.yaml`` bag).
2. The folder in ``$STEMLINE_MODEL_DIR``, then the caches demucs itself downloads into:
   the HuggingFace hub cache (demucs >= 4.1 tries the hub first) and torch hub's
   ``checkpoints`` folder (the legacy download site). Found files load without network.
3. A download through demucs, only when a download host answers a TCP connect within
   :data:`PROBE_TIMEOUT_S`.

Offline without weights, construction fails with :class:`ModelUnavailable` in about a
second instead of waiting through demucs's and huggingface_hub's retry loops; the message
says which files to fetch and where to put them.

torch and demucs are imported inside functions: importing them takes over a second, and
neither the module import nor the offline failure should pay for that.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any, Callable

from stemline.core.errors import ModelUnavailable
from stemline.engine.separation.weights import (MODEL_DIR_ENV, OFFLINE_ENV, PROBE_TIMEOUT_S,
                                                env_flag, env_model_dir, hf_cache_dir, hf_host,
                                                reachable_hosts, torch_hub_checkpoints)

#: The models Stemline offers in its UI; any other demucs name or local signature works too.
KNOWN_MODELS = ("htdemucs", "htdemucs_ft", "mdx_extra")
#: Where demucs's legacy (non-HuggingFace) weights are published; same as demucs.pretrained.
AWS_ROOT_URL = "https://dl.fbaipublicfiles.com/demucs/"
#: (host, port) pairs the probe tries. A module constant so tests can aim it at a dead address.
PROBE_HOSTS: tuple[tuple[str, int], ...] = (("dl.fbaipublicfiles.com", 443),)
_HF_NAMESPACE = "adefossez"


def required_files(model_name: str) -> list[tuple[str, str]]:
    """Files a published demucs model needs, for download instructions.

    Parameters
    ----------
    model_name : str
        A demucs model name (``"htdemucs"``) or a single model signature.

    Returns
    -------
    list of (str, str)
        ``(file name, URL)`` pairs on demucs's download site, in bag order; empty if
        demucs doesn't publish a model by that name.
    """
    remote = _remote_files()
    return [(url.rsplit("/", 1)[1], url) for url in (remote[sig]
            for sig in (_remote_signatures(model_name) or []))]


def load_model(name: str, model_dir: Path | None) -> Any:
    """Find ``name``'s weights as described in the module docstring and load them (on CPU)."""
    if model_dir is not None:
        return _load_from_folder(name, model_dir, strict=True)

    env_dir = env_model_dir()
    if env_dir:
        model = _load_from_folder(name, Path(env_dir).expanduser(), strict=False)
        if model is not None:
            return model

    hf_files = _hf_cached_files(name)
    if hf_files is not None:
        return _guarded(name, lambda: _load_hf_files(*hf_files))

    signatures = _remote_signatures(name)
    checkpoints = torch_hub_checkpoints()
    if signatures and all((checkpoints / _remote_file_name(sig)).is_file()
                          for sig in signatures):
        return _guarded(name, lambda: _load_remote(name, use_hf=False))

    target = Path(env_dir).expanduser() if env_dir else checkpoints
    if env_flag(OFFLINE_ENV):
        raise ModelUnavailable(_missing_message(
            f"Demucs model {name!r} isn't installed and {OFFLINE_ENV} forbids downloads",
            name, signatures, target, env_dir == ""))
    use_hf = not env_flag("HF_HUB_OFFLINE")
    hub = hf_host()
    hosts = [*PROBE_HOSTS, hub] if use_hf else list(PROBE_HOSTS)
    reachable = reachable_hosts(hosts, PROBE_TIMEOUT_S)
    use_hf = use_hf and hub in reachable
    aws_ok = any(host in reachable for host in PROBE_HOSTS)
    if not use_hf and not (aws_ok and signatures):
        raise ModelUnavailable(_missing_message(
            f"Demucs model {name!r} isn't installed and no download server answered",
            name, signatures, target, env_dir == ""))
    # The probe can be fooled (a proxy that lets TLS through but filters later), so a
    # failed download still ends in the same actionable message.
    return _guarded(name, lambda: _load_remote(name, use_hf=use_hf),
                    on_error=_missing_message(
                        f"Demucs model {name!r} isn't installed and downloading it failed",
                        name, signatures, target, env_dir == ""))


def _load_from_folder(name: str, folder: Path, *, strict: bool) -> Any:
    """Load from a demucs local-repo folder; ``None`` if not there and not ``strict``."""
    if not folder.is_dir():
        if strict:
            raise ModelUnavailable(f"Model folder {folder} doesn't exist or isn't a folder.")
        return None
    local = _local_signatures(folder)
    bag_file = folder / f"{name}.yaml"
    if bag_file.is_file():
        wanted = _yaml_signatures(bag_file)
    elif name in local:
        wanted = [name]
    else:
        wanted = _remote_signatures(name) or []

    missing = [sig for sig in wanted if sig not in local]
    if not wanted or missing:
        if not strict:
            return None
        if wanted and _remote_signatures(name):
            raise ModelUnavailable(_missing_message(
                f"Demucs model {name!r} isn't complete in {folder}", name,
                _remote_signatures(name), folder, False))
        if wanted:
            raise ModelUnavailable(
                f"Demucs model {name!r} in {folder} lacks model file(s) for signature(s) "
                f"{', '.join(missing)}: put <signature>.th files for them into {folder}.")
        raise ModelUnavailable(
            f"Demucs model {name!r} isn't in {folder}: put {name}.th (or "
            f"{name}-<checksum>.th, or a {name}.yaml bag with its models) there.")

    if bag_file.is_file() or name in local:
        return _guarded(name, lambda: _get_model(name, folder))
    # A published bag whose .th files were downloaded by hand: the bag definition ships
    # inside the demucs package, so the user needn't fetch the yaml too.
    return _guarded(name, lambda: _load_local_with_packaged_bag(name, folder))


def _get_model(name: str, folder: Path) -> Any:
    """demucs.pretrained.get_model(name, repo=folder), with checkpoints read safely."""
    from demucs.repo import AnyModelRepo, BagOnlyRepo

    from stemline.engine.separation.demucs_safe import SafeLocalRepo

    model_repo = SafeLocalRepo(folder)
    model = AnyModelRepo(model_repo, BagOnlyRepo(folder, model_repo)).get_model(name)
    model.eval()
    return model


def _load_local_with_packaged_bag(name: str, folder: Path) -> Any:
    from demucs.repo import AnyModelRepo, BagOnlyRepo

    from stemline.engine.separation.demucs_safe import SafeLocalRepo

    model_repo = SafeLocalRepo(folder)
    model = AnyModelRepo(model_repo, BagOnlyRepo(_demucs_remote_dir(), model_repo)).get_model(name)
    model.eval()
    return model


def _load_remote(name: str, *, use_hf: bool) -> Any:
    """Load through demucs's download path (which also reads torch hub's cache)."""
    if use_hf:
        # The hub's files are safetensors (no code in them); demucs's own get_model would
        # fall back to its pickle-loading repository, so the fallback is ours.
        from stemline.engine.separation.demucs_safe import get_hf_model

        try:
            model = get_hf_model(name)
        except ModelUnavailable:
            raise
        except Exception:  # not on the hub, or the hub failed: the legacy repository below
            pass
        else:
            model.eval()
            return model
    from demucs.pretrained import REMOTE_ROOT, _parse_remote_files
    from demucs.repo import AnyModelRepo, BagOnlyRepo

    from stemline.engine.separation.demucs_safe import SafeRemoteRepo

    model_repo = SafeRemoteRepo(_parse_remote_files(REMOTE_ROOT / "files.txt"))
    model = AnyModelRepo(model_repo, BagOnlyRepo(REMOTE_ROOT, model_repo)).get_model(name)
    model.eval()
    return model


def _load_hf_files(bag_file: Path, model_files: list[Path]) -> Any:
    """Load a bag from HuggingFace-cache files, as demucs.hf.get_hf_model does after download."""
    import yaml
    from demucs.apply import BagOfModels

    from stemline.engine.separation.demucs_safe import load_safetensors

    bag = yaml.safe_load(bag_file.read_text())
    models = [load_safetensors(path) for path in model_files]
    model = BagOfModels(models, bag.get("weights"), bag.get("segment"))
    model.eval()
    return model


def _guarded(name: str, load: Callable[[], Any], on_error: str | None = None) -> Any:
    """Run ``load()``, turning demucs's many failure modes into one ModelUnavailable.

    ``on_error`` replaces the default "damaged file" advice (used for downloads).
    """
    try:
        return load()
    except ModelUnavailable:
        raise
    except SystemExit as exc:
        # demucs calls sys.exit() (utils.fatal) e.g. when a quantized model needs diffq;
        # an app must not exit because one model can't load.
        raise ModelUnavailable(
            f"Demucs model {name!r} can't be loaded here (demucs gave up: {exc}); for "
            "quantized models install diffq: pip install diffq.") from exc
    except Exception as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        if on_error is not None:
            raise ModelUnavailable(f"{on_error} ({detail})") from exc
        raise ModelUnavailable(
            f"Demucs model {name!r} couldn't be loaded: {detail}. Delete the damaged file "
            "and download it again.") from exc


def _missing_message(headline: str, name: str, signatures: list[str] | None,
                     target: Path, suggest_folder: bool) -> str:
    where = f"into {target}"
    if suggest_folder:
        where += f" (or into a folder given as --model-dir or ${MODEL_DIR_ENV})"
    if not signatures:
        return (f"{headline}, and demucs publishes no model by that name: put {name}.th "
                f"(or a {name}.yaml bag with its .th files) {where}.")
    remote = _remote_files()
    by_root: dict[str, list[str]] = {}
    for sig in signatures:
        root, file_name = remote[sig].rsplit("/", 1)
        by_root.setdefault(root + "/", []).append(file_name)
    what = "; ".join(f"{', '.join(files)} from {root}" for root, files in by_root.items())
    return f"{headline}: download {what} {where}."


def _demucs_remote_dir() -> Path:
    # find_spec locates the package without executing it (which would import torch).
    spec = importlib.util.find_spec("demucs")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("demucs isn't installed: pip install demucs.")
    return Path(next(iter(spec.submodule_search_locations))) / "remote"


_REMOTE_FILES: dict[str, str] | None = None


def _remote_files() -> dict[str, str]:
    """Signature -> download URL, parsed like demucs.pretrained._parse_remote_files.

    Re-implemented (a dozen lines) because importing demucs.pretrained imports torch,
    which alone would eat most of the offline-failure time budget.
    """
    global _REMOTE_FILES
    if _REMOTE_FILES is None:
        models: dict[str, str] = {}
        root = ""
        for line in (_demucs_remote_dir() / "files.txt").read_text().splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("root:"):
                root = line.split(":", 1)[1].strip()
            else:
                models[line.split("-", 1)[0]] = AWS_ROOT_URL + root + line
        _REMOTE_FILES = models
    return _REMOTE_FILES


def _remote_file_name(sig: str) -> str:
    return _remote_files()[sig].rsplit("/", 1)[1]


def _remote_signatures(name: str) -> list[str] | None:
    """Signatures of the published model ``name`` (a bag or a single signature), or None."""
    bag_file = _demucs_remote_dir() / f"{name}.yaml"
    if "/" not in name and bag_file.is_file():
        signatures = _yaml_signatures(bag_file)
        remote = _remote_files()
        return signatures if all(sig in remote for sig in signatures) else None
    return [name] if name in _remote_files() else None


def _yaml_signatures(path: Path) -> list[str]:
    import yaml

    try:
        bag = yaml.safe_load(path.read_text())
        return [str(sig) for sig in bag["models"]]
    except Exception as exc:  # a broken bag file is a broken install, not a crash
        raise ModelUnavailable(f"Model bag file {path} is unreadable ({exc}).") from exc


def _local_signatures(folder: Path) -> set[str]:
    # Same naming rule as demucs.repo.LocalRepo.scan.
    return {path.stem.rsplit("-", 1)[0] for path in folder.iterdir() if path.suffix == ".th"}


def _hf_repo_id(name: str) -> str:
    # Mirrors demucs.hf.hf_repo_name (importing that module would import torch).
    if name == "htdemucs":
        repo = "HTDemucs"
    elif name.startswith("htdemucs_"):
        repo = "HTDemucs-" + name[len("htdemucs_"):]
    else:
        repo = "Demucs-" + name
    return f"{_HF_NAMESPACE}/{repo}"


def _hf_cached_files(name: str) -> tuple[Path, list[Path]] | None:
    """(bag yaml, model files) if demucs's HuggingFace download of ``name`` is cached."""
    if "/" in name or name.startswith("hf:"):
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    repo_id, cache_dir = _hf_repo_id(name), hf_cache_dir()
    if not cache_dir.is_dir():
        return None

    def cached(file_name: str) -> Path | None:
        # Returns a str path when cached; None or a "known missing" sentinel otherwise.
        found = try_to_load_from_cache(repo_id, file_name, cache_dir=cache_dir)
        return Path(found) if isinstance(found, str) else None

    bag_file = cached(f"{name}.yaml")
    if bag_file is None:
        return None
    model_files = [cached(f"{sig}.safetensors") for sig in _yaml_signatures(bag_file)]
    if any(path is None for path in model_files):
        return None
    return bag_file, [path for path in model_files if path is not None]
