"""Every separation model Stemline knows: the built-in one, demucs's, the public UVR MDX-Net and
Roformer files, and the ones a user registered (``stemline models add``), with where each is on
this machine. One list serves ``stemline models``, the settings dialog and the model loader.

The model folder holds the files and ``models.json``, the user's registrations (name, backend,
file, sha256, settings). ``$STEMLINE_MODEL_CATALOG`` may name a JSON file of extra known models
(a studio's own mirror), in the same shape as :data:`KNOWN`'s entries.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from stemline.core.atomic import write_json_atomic
from stemline.core.errors import ModelUnavailable
from stemline.core.settings import data_dir

CATALOG_ENV = "STEMLINE_MODEL_CATALOG"
REGISTRY = "models.json"
UVR_RELEASE = "https://github.com/TRvlvr/model_repo/releases/download/all_public_uvr_models/"
UVR_CONFIGS = ("https://raw.githubusercontent.com/TRvlvr/application_data/main/mdx_model_data/"
               "mdx_c_configs/")
#: File suffix -> backend, for a file given by path or added.
SUFFIX_BACKEND = {".onnx": "mdx", ".ckpt": "roformer", ".pth": "roformer", ".pt": "roformer",
                  ".th": "demucs"}


@dataclass(frozen=True)
class ModelFile:
    name: str
    url: str = ""
    sha256: str = ""
    #: UVR's identity of the file (MD5 of its last 10,240,000 bytes), where no sha256 is known.
    uvr_md5: str = ""


@dataclass(frozen=True)
class KnownModel:
    """One model and what a user should know before choosing it."""

    name: str
    backend: str            # spleeter, demucs, mdx, roformer
    good_for: str
    score: str = ""          # published vocals SDR, where published
    size_mb: float = 0.0
    files: tuple[ModelFile, ...] = ()
    params: dict[str, str] = field(default_factory=dict)
    builtin: bool = False


def _uvr(name: str, file: str, backend: str, good_for: str, score: str = "",
         size_mb: float = 0.0, config: str = "", uvr_md5: str = "") -> KnownModel:
    files = [ModelFile(file, UVR_RELEASE + file, uvr_md5=uvr_md5)]
    if config:
        files.append(ModelFile(config, UVR_CONFIGS + config))
    return KnownModel(name, backend, good_for, score, size_mb, tuple(files))


KNOWN: tuple[KnownModel, ...] = (
    KnownModel("spleeter", "spleeter", "speech over music, fast, offline (built in)",
               builtin=True),
    KnownModel("htdemucs", "demucs", "music, 4 stems in one pass", size_mb=84),
    KnownModel("htdemucs_ft", "demucs", "music, best demucs vocals (4x slower)", size_mb=336),
    KnownModel("mdx_extra", "demucs", "music (MDX challenge model)", size_mb=336),
    _uvr("Kim_Vocal_2", "Kim_Vocal_2.onnx", "mdx", "karaoke: clean lead vocals", size_mb=67),
    _uvr("UVR-MDX-NET-Voc_FT", "UVR-MDX-NET-Voc_FT.onnx", "mdx", "vocals", size_mb=67),
    _uvr("UVR-MDX-NET-Inst_HQ_3", "UVR-MDX-NET-Inst_HQ_3.onnx", "mdx",
         "karaoke: instrumental backing tracks", size_mb=67),
    _uvr("BS-Roformer-ep317", "model_bs_roformer_ep_317_sdr_12.9755.ckpt", "roformer",
         "vocals, state of the art (slow on CPU)", "12.98 dB vocals (MUSDB18-HQ)", 639,
         "model_bs_roformer_ep_317_sdr_12.9755.yaml", "53f707017bfcbb56f5e1bfac420d6732"),
    _uvr("BS-Roformer-ep368", "model_bs_roformer_ep_368_sdr_12.9628.ckpt", "roformer",
         "vocals, state of the art (slow on CPU)", "12.96 dB vocals (MUSDB18-HQ)", 639,
         "model_bs_roformer_ep_368_sdr_12.9628.yaml", "d789065adfd747d6f585b27b495bcdae"),
    _uvr("MelBand-Roformer-ep3005", "model_mel_band_roformer_ep_3005_sdr_11.4360.ckpt",
         "roformer", "vocals", "11.44 dB vocals (MUSDB18-HQ)", 913,
         "model_mel_band_roformer_ep_3005_sdr_11.4360.yaml", "63e41acc264bf681a73aa9f7e5f606cc"),
)


def model_folder(given: Path | str | None = None) -> Path:
    """The folder models live in: the one given, else $STEMLINE_MODEL_DIR, else the data dir."""
    from stemline.engine.separation.weights import env_model_dir

    for value in (given, env_model_dir()):
        if value:
            return Path(value).expanduser()
    return data_dir() / "models"


def known_models() -> list[KnownModel]:
    models = list(KNOWN)
    extra = os.environ.get(CATALOG_ENV, "").strip()
    if extra:
        try:
            entries = json.loads(Path(extra).read_text(encoding="utf-8"))
            for e in entries:
                files = tuple(ModelFile(**f) for f in e.pop("files", []))
                models = [m for m in models if m.name != e["name"]]
                models.append(KnownModel(files=files, **e))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ModelUnavailable(f"{extra}: not a model catalog Stemline can read ({exc})") from exc
    return models


def find_known(name: str) -> KnownModel | None:
    return next((m for m in known_models() if m.name.lower() == name.lower()), None)


# -- the user's registrations -------------------------------------------------------------

def load_registry(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / REGISTRY
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"{path}: damaged model list ({exc}); fix or delete it") from exc
    return data if isinstance(data, dict) else {}


def register(folder: Path, source: Path, *, name: str | None = None, link: bool = False,
             params: dict[str, str] | None = None, config: Path | None = None) -> dict[str, Any]:
    """Copy (or link) a model file, and its config, into the folder and record it."""
    from stemline.engine.separation.download import file_sha256
    from stemline.engine.separation.mdx import uvr_hash

    source = Path(source)
    if not source.is_file():
        raise ModelUnavailable(f"{source}: no such model file")
    backend = SUFFIX_BACKEND.get(source.suffix.lower())
    if backend is None:
        raise ModelUnavailable(f"{source}: not a model Stemline runs (.onnx MDX-Net, "
                               f".ckpt/.pth Roformer, .th demucs)")
    if backend == "roformer" and config is None:
        from stemline.engine.separation.roformer import find_config

        config = find_config(source)
        if config is None:
            raise ModelUnavailable(f"{source}: a Roformer checkpoint needs its .yaml: put it next "
                                   f"to the file or give --config")
    folder.mkdir(parents=True, exist_ok=True)
    placed = []
    for src in [source] + ([Path(config)] if config else []):
        dst = folder / src.name
        if dst.resolve() != src.resolve():
            tmp = dst.with_name(dst.name + ".adding")
            tmp.unlink(missing_ok=True)
            if link:
                os.symlink(src.resolve(), tmp)
            else:
                shutil.copyfile(src, tmp)
            os.replace(tmp, dst)
        placed.append(dst)
    entry = {"name": name or source.stem, "backend": backend, "file": placed[0].name,
             "sha256": file_sha256(placed[0]), "uvr_hash": uvr_hash(placed[0]),
             "params": dict(params or {}), "linked": link}
    if config:
        entry["params"]["config"] = placed[1].name
    registry = load_registry(folder)
    registry[entry["name"]] = entry
    write_json_atomic(folder / REGISTRY, registry)
    return entry


# -- what is where ------------------------------------------------------------------------

@dataclass(frozen=True)
class Located:
    """A model resolved to something loadable."""

    name: str
    backend: str
    path: Path | None = None          # the weights file (None: built in or a demucs name)
    params: dict[str, str] = field(default_factory=dict)


def locate(name: str, folder: Path) -> Located | None:
    """Where a model name (or a file path) is here, or None if it isn't."""
    registry = load_registry(folder)
    entry = registry.get(name) or next((e for k, e in registry.items()
                                        if k.lower() == name.lower()), None)
    if entry is not None:
        params = dict(entry.get("params", {}))
        if "config" in params:
            params["config"] = str(folder / params["config"])
        return Located(entry["name"], entry["backend"], folder / entry["file"], params)
    known = find_known(name)
    if known is not None:
        return _known_here(known, folder)
    path = Path(name).expanduser()
    if path.suffix.lower() in SUFFIX_BACKEND and path.is_file():
        return Located(path.stem, SUFFIX_BACKEND[path.suffix.lower()], path, {})
    return None


def _known_here(known: KnownModel, folder: Path) -> Located | None:
    """A known model as found in ``folder`` (built-in and demucs names are always loadable by
    name), or None when its weights aren't there."""
    if known.backend in ("spleeter", "demucs"):
        return Located(known.name, known.backend, None, dict(known.params))
    weights = folder / known.files[0].name
    if not weights.is_file():
        return None
    params = dict(known.params)
    if len(known.files) > 1:
        params["config"] = str(folder / known.files[1].name)
    return Located(known.name, known.backend, weights, params)


def listing(folder: Path) -> list[dict[str, Any]]:
    """Rows for ``stemline models list``: known models first, then the user's own."""
    rows = []
    registry = load_registry(folder)
    for m in known_models():
        # The registry and the catalog are read once for the whole list, not once per row.
        where = _known_here(m, folder) if m.name not in registry else None
        present = m.builtin or (where is not None and where.path is not None) or \
            (m.backend == "demucs" and _demucs_present(m.name, folder))
        rows.append({**{k: v for k, v in asdict(m).items() if k not in ("files", "params")},
                     "present": bool(present),
                     "where": "built in" if m.builtin else
                     (str(where.path) if where and where.path else ""),
                     "files": [f.name for f in m.files]})
    for key, e in registry.items():
        path = folder / e["file"]
        rows.append({"name": key, "backend": e["backend"], "good_for": "your model",
                     "score": "", "size_mb": round(path.stat().st_size / 1e6, 1)
                     if path.exists() else 0.0, "builtin": False,
                     "present": path.is_file(), "where": str(path), "files": [e["file"]]})
    return rows


def _demucs_present(name: str, folder: Path) -> bool:
    from stemline.engine.separation.demucs_weights import required_files

    try:
        files = required_files(name)
    except Exception:  # noqa: BLE001 - an unknown name or a missing demucs index: not here
        return False
    return bool(files) and all((folder / f).is_file() for f, _ in files)
