"""Workers that run the engine: device detection (with startup warm-up) and separation.

These are the only modules on the Qt side that import ``stemline.engine`` / ``stemline.jobs``, and
they do it inside :meth:`work` so the window opens without loading torch.
"""
from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal

from stemline.core.progress import Progress
from stemline.workers.base import Worker


_models: dict[tuple[Any, ...], Any] = {}
_models_lock = threading.Lock()


def get_separator(name: str, device: str, model_dir: Path | None,
                  params: dict[str, str] | None = None, ensemble_mode: str = "wave") -> Any:
    """Load a separator once per (name, device, folder, settings) and reuse it for every file."""
    from stemline.engine.separation.registry import load_separator

    key = (name, device, str(model_dir or ""), tuple(sorted((params or {}).items())),
           ensemble_mode)
    with _models_lock:
        if key not in _models:
            _models[key] = load_separator(name, device=device, model_dir=model_dir,
                                          params=params, ensemble_mode=ensemble_mode)
            # Everything loaded so far lives as long as the app: keep the collector off it, so
            # a full collection later (which holds the GIL) stays short.
            gc.freeze()
        return _models[key]


def _warm_media() -> None:
    """Decode a tiny in-memory WAV once: FFmpeg's first open resolves thousands of symbols while
    holding the GIL, better at startup than when the user opens a file."""
    import io
    import wave

    import av

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(48000)
        w.writeframes(b"\0" * 4 * 4800)
    buf.seek(0)
    with av.open(buf, "r") as container:
        for _frame in container.decode(audio=0):
            pass


@dataclass(frozen=True)
class DeviceInfo:
    """What the settings dialog and status bar show: the device in use, the devices this
    machine has, and the separation models the engine knows."""

    requested: str
    device: str
    description: str
    available: tuple[str, ...]
    models: tuple[str, ...] = ("spleeter",)
    #: Known models whose files aren't here (`stemline models pull` fetches them).
    absent: tuple[str, ...] = ()


class DeviceWorker(Worker):
    """Startup work off the UI thread: resolve the compute device ("auto" -> cuda/mps/cpu),
    which imports torch, and optionally preload the separation model and warm up FFmpeg.

    The editor loads torch's native core under its splash screen first (workers.startup), so
    what is left here are ordinary imports that hand the GIL back every few milliseconds; when
    torch isn't loaded yet (tests, embedding), this worker loads it, with the stall that implies.
    """

    pooled = False  # runs torch (see Worker.pooled)

    title = "Starting"

    def __init__(self, requested: str = "auto", *, preload: str | None = None,
                 model_dir: str | None = None) -> None:
        super().__init__()
        self.requested = requested
        self.preload, self.model_dir = preload, Path(model_dir) if model_dir else None

    def work(self) -> DeviceInfo:
        # Importing torch creates about a million objects; a full collection in the middle of it
        # holds the GIL (and so the UI) for 100+ ms. Collect nothing until it is done, then
        # freeze the survivors out of every later collection.
        gc.disable()
        try:
            return self._work()
        finally:
            gc.freeze()
            gc.enable()

    def _work(self) -> DeviceInfo:
        from stemline.engine import device as dev

        _warm_media()
        chosen = dev.pick_device(self.requested)
        describe = getattr(dev, "describe_device", None)
        text = describe(chosen) if callable(describe) else chosen
        available = ["auto", "cpu"]
        for name in ("cuda", "mps"):
            try:
                dev.pick_device(name)
            except Exception:  # DeviceUnavailable: not on this machine
                continue
            available.append(name)
        if self.preload:
            try:
                get_separator(self.preload, self.requested, self.model_dir)
            except Exception:  # reported properly when the user runs a separation
                pass
        models, absent = _model_choices(self.model_dir)

        # The other workers' modules too: importing (and loading their C extensions) holds the
        # GIL, which on a warm cache would otherwise land in the middle of the first job. Where
        # no bytecode cache can be written (PYTHONDONTWRITEBYTECODE, a read-only install) an
        # import also compiles the source, GIL held: jobs.child, imported as Foley starts at
        # open, made a 55 ms stall that way. Some are imported on the UI thread itself
        # (foley.render, when spotted events arrive).
        _load_opencv_without_blas_threads()
        for name in PRELOADED:
            importlib.import_module(name)
        return DeviceInfo(self.requested, chosen, str(text), tuple(available), models, absent)


#: Modules the workers and the window import on first use, loaded by the startup worker instead.
#: (tests/ui/test_worker_pool.py checks that it covers every such import.)
PRELOADED = ("stemline.engine.separation.catalog", "stemline.engine.separation.registry",
             "stemline.jobs.extract", "stemline.jobs.foley", "stemline.jobs.child",
             "multiprocessing.popen_spawn_posix", "stemline.engine.foley.render",
             "stemline.jobs.export", "stemline.jobs.region", "stemline.jobs.inputs",
             "stemline.jobs.ambience", "stemline.engine.separation.ambience_model",
             "stemline.jobs.runner", "stemline.jobs.store", "stemline.media.lane_audio",
             "stemline.media.frames", "stemline.media.peaks", "stemline.media.spectrogram")


def _load_opencv_without_blas_threads() -> None:
    """Import OpenCV with its bundled OpenBLAS on one thread.

    That OpenBLAS starts a thread per further core when it loads, and the thread spins for about
    0.1 s before it sleeps: a whole core on a 2-core machine, just as a file opens (traced in
    stalls over 45 ms). The editor's process does no matrix work with OpenCV (Foley analysis runs
    in a child), so it needs no such thread. The variable is read once, when the library loads;
    it is put back at once, so that children and numpy's own OpenBLAS (loaded long before) keep
    theirs. A value the user set is left as it is.
    """
    if "cv2" in sys.modules or "OPENBLAS_NUM_THREADS" in os.environ:
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        importlib.import_module("cv2")
    finally:
        del os.environ["OPENBLAS_NUM_THREADS"]


@dataclass(frozen=True)
class StemFiles:
    voice: Path
    background: Path
    device: str
    cached: bool
    model: str = ""


def _model_choices(model_dir: Path | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(selectable, absent) model names: what `stemline models list` shows as here, plus the
    demucs models, which demucs fetches itself on first use."""
    from stemline.engine.separation.catalog import listing, model_folder

    try:
        rows = listing(model_folder(model_dir))
    except Exception:  # a damaged models.json: offer the built-in model, say why on use
        return ("spleeter",), ()
    here = tuple(r["name"] for r in rows if r["present"] or r["backend"] == "demucs")
    return here, tuple(r["name"] for r in rows if r["name"] not in here)


def _folder_key(model: str) -> str:
    """A folder-name-safe key for a model spec (a file path or an ensemble may be one)."""
    import hashlib
    import re

    safe = re.sub(r"[^A-Za-z0-9_.+@-]", "_", model)
    if safe == model and len(model) <= 60:
        return model
    return f"{safe[-40:]}-{hashlib.sha1(model.encode()).hexdigest()[:10]}"


class SeparationWorker(Worker):
    """Voice/background separation of a file into WAV stems under ``stems_root/<hash>-<model>``.

    A ``stems.json`` manifest written after success lets a second open of the same content reuse
    the stems.

    Signals
    -------
    device(str) : the device the model actually loaded on, as soon as it is known.
    """

    pooled = False  # runs torch (see Worker.pooled)

    title = "Separating"
    device = Signal(str)

    def __init__(self, media_path: str | Path, stems_root: Path, *, separator: str = "spleeter",
                 device: str = "auto", model_dir: str | None = None) -> None:
        super().__init__()
        self.media_path, self.stems_root = Path(media_path), Path(stems_root)
        self.out_dir = self.stems_root
        self.separator, self.requested_device = separator, device
        self.model_dir = Path(model_dir) if model_dir else None

    def _cached(self) -> StemFiles | None:
        manifest = self.out_dir / "stems.json"
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
            voice, background = Path(doc["voice"]), Path(doc["background"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if voice.exists() and background.exists():
            return StemFiles(voice, background, str(doc.get("device", "cpu")), True,
                             str(doc.get("model", self.separator)))
        return None

    def work(self) -> StemFiles:
        from stemline.media.peaks import content_hash

        # Keyed by content and model: reopening the same material reuses its stems.
        self.out_dir = self.stems_root / f"{content_hash(self.media_path)}-{_folder_key(self.separator)}"
        cached = self._cached()
        if cached is not None:
            self.device.emit(cached.device)
            return cached
        from stemline.jobs.extract import separate_to_files

        self.report(Progress("load", 0, 0, message="loading model"))
        separator = get_separator(self.separator, self.requested_device, self.model_dir)
        self.device.emit(str(getattr(separator, "device", self.requested_device)))
        self.cancel_token.check()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        result = separate_to_files(self.media_path, self.out_dir, separator, fmt="wav",
                                   progress=self.report, cancel=self.cancel_token)
        stems = StemFiles(Path(result["voice"]), Path(result["background"]),
                          str(getattr(separator, "device", "cpu")), False,
                          str(getattr(separator, "name", self.separator)))
        (self.out_dir / "stems.json").write_text(json.dumps(
            {"voice": str(stems.voice), "background": str(stems.background),
             "device": stems.device, "model": stems.model}), encoding="utf-8")
        return stems


@dataclass(frozen=True)
class RegionStems:
    """Stems with one stretch re-separated: new files, and what made them."""

    voice: Path
    background: Path
    model: str
    start: float
    end: float


class RegionSeparationWorker(Worker):
    """Re-separate [start, end) of ``media`` with ``model`` into new copies of the stems, written
    into ``out_dir`` (the editor's stems cache)."""

    pooled = False  # runs torch (see Worker.pooled)

    title = "Re-separating selection"

    def __init__(self, media_path: str | Path, voice: str | Path, background: str | Path,
                 start: float, end: float, *, model: str, out_dir: str | Path, device: str = "auto",
                 model_dir: str | None = None) -> None:
        super().__init__()
        self.media_path = Path(media_path)
        self.out_dir = Path(out_dir)
        self.stems = {"voice": Path(voice), "background": Path(background)}
        self.start_s, self.end_s = float(start), float(end)
        self.model, self.requested_device = model, device
        self.model_dir = Path(model_dir) if model_dir else None

    def work(self) -> RegionStems:
        from stemline.jobs.region import reseparate_range

        self.report(Progress("load", 0, 0, message="loading model"))
        separator = get_separator(self.model, self.requested_device, self.model_dir)
        self.cancel_token.check()
        out = reseparate_range(self.media_path, self.stems, self.start_s, self.end_s, separator,
                               self.out_dir, progress=self.report, cancel=self.cancel_token)
        return RegionStems(out["voice"], out["background"],
                           str(getattr(separator, "name", self.model)), self.start_s, self.end_s)
