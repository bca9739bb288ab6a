"""Voice/background separation with Meta's demucs models.

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
import math
import os
import socket
import ssl
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from stemline.engine.device import pick_device

__all__ = [
    "DemucsSeparator",
    "KNOWN_MODELS",
    "MODEL_DIR_ENV",
    "OFFLINE_ENV",
    "required_files",
]

#: The models Stemline offers in its UI; any other demucs name or local signature works too.
KNOWN_MODELS = ("htdemucs", "htdemucs_ft", "mdx_extra")
#: Folder searched (like ``model_dir``) before the download caches.
MODEL_DIR_ENV = "STEMLINE_MODEL_DIR"
#: Set to 1 to never try a download (no connectivity probe either).
OFFLINE_ENV = "STEMLINE_OFFLINE"
#: Seconds the connectivity probe waits for any download host to accept a TCP connection.
PROBE_TIMEOUT_S = 0.8
#: Where demucs's legacy (non-HuggingFace) weights are published; same as demucs.pretrained.
AWS_ROOT_URL = "https://dl.fbaipublicfiles.com/demucs/"
#: (host, port) pairs the probe tries. A module constant so tests can aim it at a dead address.
PROBE_HOSTS: tuple[tuple[str, int], ...] = (("dl.fbaipublicfiles.com", 443),)
_HF_NAMESPACE = "adefossez"
_VOICE_SOURCE = "vocals"
_TRUTHY = {"1", "true", "yes", "on"}


class DemucsSeparator:
    """A demucs model that splits audio into voice and background.

    Parameters
    ----------
    model_name : str
        ``"htdemucs"``, ``"htdemucs_ft"``, ``"mdx_extra"``, any other demucs model name,
        or the signature of a model in ``model_dir``.
    device : str
        ``"auto"``, ``"cpu"``, ``"cuda"``, ``"cuda:N"`` or ``"mps"`` (see
        :func:`stemline.engine.device.pick_device`).
    model_dir : pathlib.Path or None
        Folder laid out as a demucs local repo. When given, nothing else is searched.
    shifts : int
        Number of random time shifts averaged by demucs (0 disables the shift trick;
        each one costs a full extra pass).
    overlap : float
        Overlap between demucs's internal segments, in ``[0, 1)``.

    Attributes
    ----------
    name : str
        The model name as given.
    device : str
        The torch device the model runs on.
    sample_rate : int
        The model's own rate; other rates are resampled on the way in and out.
    context_seconds : float
        Seconds of extra audio a caller should give a chunk on each side (and then drop)
        so that chunks separated one by one join without audible seams.
    sources : tuple of str
        The stems the model predicts; must contain ``"vocals"``.

    Raises
    ------
    ModelUnavailable
        If the weights aren't installed and can't be downloaded, or fail to load.
    stemline.engine.device.DeviceUnavailable
        If ``device`` names a device this machine lacks.
    """

    backend = "demucs"

    def __init__(self, model_name: str = "htdemucs", *, device: str = "auto",
                 model_dir: Path | None = None, shifts: int = 1,
                 overlap: float = 0.25) -> None:
        if shifts < 0:
            raise ValueError(f"shifts must be >= 0, got {shifts}")
        if not 0.0 <= overlap < 1.0:
            raise ValueError(f"overlap must be in [0, 1), got {overlap}")
        self.name = model_name
        self.shifts = int(shifts)
        self.overlap = float(overlap)

        # Weights first: offline without them is the common failure and must stay fast,
        # while resolving "auto" already imports torch.
        model = _load_model(model_name, Path(model_dir) if model_dir is not None else None)
        self.device = pick_device(device)
        if _VOICE_SOURCE not in model.sources:
            raise ModelUnavailable(
                f"Demucs model {model_name!r} predicts {list(model.sources)}, which has no "
                f"{_VOICE_SOURCE!r} stem: choose a model that separates vocals.")
        model.to(self.device)
        model.eval()
        self._model = model
        self.sources: tuple[str, ...] = tuple(model.sources)
        self.sample_rate = int(model.samplerate)
        self._audio_channels = int(model.audio_channels)
        self._voice_index = self.sources.index(_VOICE_SOURCE)
        # demucs fades each internal segment in and out and pads a chunk's ends with silence,
        # so output near a cut is guessed from too little audio. Half a segment of context
        # covers that for htdemucs (~3.9 s); longer-segment models are capped so chunks stay
        # cheap, and the floor keeps tiny-segment models from seaming.
        self.context_seconds = float(min(5.0, max(2.0, self._max_segment_seconds() / 2)))

    def separate(self, audio: np.ndarray, sample_rate: int, *,
                 progress: ProgressCallback | None = None,
                 cancel: CancelToken | None = None) -> dict[str, np.ndarray]:
        """Split a chunk of audio into voice and background.

        Parameters
        ----------
        audio : numpy.ndarray
            float audio shaped (frames, channels); a 1-D array is taken as mono.
            Any channel count works: channels are separated in pairs (a lone last channel
            is duplicated into a pair and folded back).
        sample_rate : int
            Rate of ``audio`` in Hz.
        progress : callable, optional
            Receives ``Progress(stage="separate", unit="s")`` reports, one per demucs
            segment, with ``done``/``total`` in seconds of this chunk.
        cancel : CancelToken, optional
            Checked before every demucs segment.

        Returns
        -------
        dict of str to numpy.ndarray
            ``{"voice": ..., "background": ...}``, float32, the input's exact shape and
            rate; ``background`` is ``audio - voice``, so the two add back to the input.

        Raises
        ------
        Cancelled
            If ``cancel`` was triggered; nothing partial is returned.
        ValueError
            If ``audio`` isn't 1-D or 2-D, or ``sample_rate`` isn't positive.
        """
        report = progress or no_progress
        mix = np.asarray(audio, dtype=np.float32)
        if mix.ndim not in (1, 2):
            raise ValueError(f"audio must be shaped (frames, channels), got {mix.shape}")
        if sample_rate <= 0:
            raise ValueError(f"sample_rate must be positive, got {sample_rate}")
        frames_2d = mix[:, None] if mix.ndim == 1 else mix
        n_frames, n_channels = frames_2d.shape
        duration = n_frames / sample_rate
        report(Progress("separate", 0.0, duration, "s", f"separating with {self.name}"))
        if cancel is not None:
            cancel.check()

        if n_frames == 0 or n_channels == 0:
            voice = np.zeros_like(frames_2d)
        else:
            voice = self._voice(frames_2d, int(sample_rate), duration, report, cancel)

        # Background as the exact residual (at the input rate) so that voice + background
        # gives back the input bit for bit up to float32 rounding, whatever the model did.
        background = frames_2d - voice
        report(Progress("separate", duration, duration, "s", "separated"))
        return {"voice": voice.reshape(mix.shape), "background": background.reshape(mix.shape)}

    # -- internals ---------------------------------------------------------------------

    def _voice(self, frames: np.ndarray, sample_rate: int, duration: float,
               report: ProgressCallback, cancel: CancelToken | None) -> np.ndarray:
        """Return the voice stem of ``frames`` (frames, channels) at the input rate."""
        import soxr
        import torch
        from demucs.apply import apply_model

        n_frames, n_channels = frames.shape
        resampled = sample_rate != self.sample_rate
        at_model_rate = (soxr.resample(frames, sample_rate, self.sample_rate, quality="HQ")
                         if resampled else frames)
        at_model_rate = np.ascontiguousarray(at_model_rate, dtype=np.float32)
        batch = _to_batch(at_model_rate, self._audio_channels)  # (groups, model_ch, length)

        mix = torch.from_numpy(batch)
        # Same normalisation as demucs.api.Separator, per channel group; population std so
        # that a one-frame chunk doesn't divide by NaN.
        ref = mix.mean(dim=1, keepdim=True)
        mean = ref.mean(dim=-1, keepdim=True)
        std = ref.std(dim=-1, keepdim=True, correction=0) + 1e-8

        total_passes = self._expected_passes(mix.shape[-1])
        done_passes = 0

        def on_event(event: dict[str, Any]) -> None:
            # demucs calls this around every model forward (each segment, shift and bag
            # member); raising here aborts apply_model and drops its pending segments.
            nonlocal done_passes
            state = event.get("state")
            if state == "start":
                if cancel is not None:
                    cancel.check()
            elif state == "end":
                done_passes += 1
                # The pass count is an upper bound (random shifts shorten some passes), so
                # hold back the last step for the final report.
                share = min(done_passes / total_passes, 0.99)
                report(Progress("separate", duration * share, duration, "s"))

        with torch.inference_mode():
            estimates = apply_model(
                self._model, (mix - mean) / std, shifts=self.shifts, split=True,
                overlap=self.overlap, progress=False, device=self.device,
                callback=on_event)
            vocals = estimates[:, self._voice_index] * std + mean
        voice_model_rate = _from_batch(vocals.cpu().numpy().astype(np.float32, copy=False),
                                       n_channels)

        if resampled:
            voice = soxr.resample(voice_model_rate, self.sample_rate, sample_rate,
                                  quality="HQ")
        else:
            voice = voice_model_rate
        return _fit_length(np.asarray(voice, dtype=np.float32), n_frames)

    def _sub_models(self) -> list[Any]:
        return list(getattr(self._model, "models", [self._model]))

    def _max_segment_seconds(self) -> float:
        return max(float(sub.segment) for sub in self._sub_models())

    def _expected_passes(self, length: int) -> int:
        """Upper bound on model forwards demucs makes for ``length`` model-rate frames."""
        passes = 0
        for sub in self._sub_models():
            # Mirrors apply_model's split loop: segment from the (bag-overridden) model,
            # stride from the overlap; with shifts each pass sees up to 0.5 s more audio.
            segment_length = int(sub.samplerate * float(sub.segment))
            stride = max(1, int((1 - self.overlap) * segment_length))
            if self.shifts:
                max_shift = int(0.5 * sub.samplerate)
                passes += self.shifts * math.ceil((length + max_shift) / stride)
            else:
                passes += math.ceil(length / stride)
        return max(1, passes)


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


# -- locating and loading weights ----------------------------------------------------------

def _load_model(name: str, model_dir: Path | None) -> Any:
    """Find ``name``'s weights as described in the module docstring and load them (on CPU)."""
    if model_dir is not None:
        return _load_from_folder(name, model_dir, strict=True)

    env_dir = os.environ.get(MODEL_DIR_ENV, "").strip()
    if env_dir:
        model = _load_from_folder(name, Path(env_dir).expanduser(), strict=False)
        if model is not None:
            return model

    hf_files = _hf_cached_files(name)
    if hf_files is not None:
        return _guarded(name, lambda: _load_hf_files(*hf_files))

    signatures = _remote_signatures(name)
    checkpoints = _torch_hub_checkpoints()
    if signatures and all((checkpoints / _remote_file_name(sig)).is_file()
                          for sig in signatures):
        return _guarded(name, lambda: _load_remote(name, use_hf=False))

    target = Path(env_dir).expanduser() if env_dir else checkpoints
    if _env_flag(OFFLINE_ENV):
        raise ModelUnavailable(_missing_message(
            f"Demucs model {name!r} isn't installed and {OFFLINE_ENV} forbids downloads",
            name, signatures, target, env_dir == ""))
    use_hf = not _env_flag("HF_HUB_OFFLINE")
    hf_host = _hf_host()
    hosts = [*PROBE_HOSTS, hf_host] if use_hf else list(PROBE_HOSTS)
    reachable = _reachable_hosts(hosts, PROBE_TIMEOUT_S)
    use_hf = use_hf and hf_host in reachable
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


def _torch_hub_checkpoints() -> Path:
    """torch.hub.get_dir()/checkpoints, where demucs's RemoteRepo caches downloads."""
    hub = sys.modules.get("torch.hub")
    if hub is not None:
        # Honours torch.hub.set_dir() if the app or a test called it.
        return Path(hub.get_dir()) / "checkpoints"
    # torch not loaded yet: apply torch.hub.get_dir's rule ourselves rather than import it.
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    torch_home = os.path.expanduser(os.environ.get("TORCH_HOME", os.path.join(cache, "torch")))
    return Path(torch_home) / "hub" / "checkpoints"


def _hf_repo_id(name: str) -> str:
    # Mirrors demucs.hf.hf_repo_name (importing that module would import torch).
    if name == "htdemucs":
        repo = "HTDemucs"
    elif name.startswith("htdemucs_"):
        repo = "HTDemucs-" + name[len("htdemucs_"):]
    else:
        repo = "Demucs-" + name
    return f"{_HF_NAMESPACE}/{repo}"


def _hf_cache_dir() -> Path:
    # Read at call time: huggingface_hub freezes its constants at import, which would
    # ignore a cache folder set later (by the app's settings or a test).
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    cache = os.environ.get("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    return Path(os.path.expanduser(cache)) / "huggingface" / "hub"


def _hf_cached_files(name: str) -> tuple[Path, list[Path]] | None:
    """(bag yaml, model files) if demucs's HuggingFace download of ``name`` is cached."""
    if "/" in name or name.startswith("hf:"):
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    repo_id, cache_dir = _hf_repo_id(name), _hf_cache_dir()
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


def _hf_host() -> tuple[str, int]:
    from urllib.parse import urlparse

    url = urlparse(os.environ.get("HF_ENDPOINT") or "https://huggingface.co")
    return url.hostname or "", url.port or (80 if url.scheme == "http" else 443)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in _TRUTHY


def _reachable_hosts(hosts: list[tuple[str, int]], timeout: float) -> set[tuple[str, int]]:
    """Hosts that complete a TCP (and, except on port 80, TLS) handshake in ``timeout`` s.

    Each try runs in a daemon thread because name resolution has no timeout of its own and
    can hang for many seconds on a machine without DNS; we stop waiting at the deadline.
    The TLS handshake, with the certificate checked against the host name, is what tells a
    real server from a sandbox or captive-portal proxy that accepts every TCP connection.
    """
    reachable: set[tuple[str, int]] = set()
    lock = threading.Lock()

    def attempt(host: str, port: int) -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout) as sock:
                if port != 80:
                    with _tls_context().wrap_socket(sock, server_hostname=host):
                        pass
                with lock:
                    reachable.add((host, port))
        except (OSError, ValueError):  # ssl.SSLError is an OSError
            pass

    threads = [threading.Thread(target=attempt, args=(host, port), daemon=True,
                                name=f"stemline-probe-{host}") for host, port in hosts]
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    with lock:
        return set(reachable)


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    try:
        # The bundle requests/httpx use, so a machine without system CA certificates isn't
        # mistaken for an offline one.
        import certifi

        context.load_verify_locations(certifi.where())
    except (ImportError, OSError):
        pass
    return context


# -- array plumbing ------------------------------------------------------------------------

def _to_batch(frames: np.ndarray, model_channels: int) -> np.ndarray:
    """(frames, channels) -> (groups, model_channels, frames), channels taken in groups.

    A short last group (mono input, the odd channel of 5.1) is filled by repeating its
    channels, which is how demucs.audio.convert_audio makes stereo from mono.
    """
    n_frames, n_channels = frames.shape
    groups = []
    for start in range(0, n_channels, model_channels):
        group = frames[:, start:start + model_channels]
        if group.shape[1] < model_channels:
            take = [i % group.shape[1] for i in range(model_channels)]
            group = group[:, take]
        groups.append(group.T)
    return np.ascontiguousarray(np.stack(groups), dtype=np.float32)


def _from_batch(batch: np.ndarray, n_channels: int) -> np.ndarray:
    """Inverse of :func:`_to_batch`: (groups, model_channels, frames) -> (frames, n_channels)."""
    groups, model_channels, n_frames = batch.shape
    out = np.empty((n_frames, n_channels), dtype=np.float32)
    for group in range(groups):
        start = group * model_channels
        real = min(model_channels, n_channels - start)
        if real == 1 and model_channels > 1:
            # Both halves of a duplicated channel estimate the same signal: average them.
            out[:, start] = batch[group].mean(axis=0)
        else:
            out[:, start:start + real] = batch[group, :real].T
    return out


def _fit_length(frames: np.ndarray, n_frames: int) -> np.ndarray:
    """Trim or zero-pad (frames, channels) to exactly ``n_frames`` after a resample."""
    if frames.shape[0] >= n_frames:
        return np.ascontiguousarray(frames[:n_frames])
    pad = np.zeros((n_frames - frames.shape[0], frames.shape[1]), dtype=frames.dtype)
    return np.concatenate([frames, pad])
