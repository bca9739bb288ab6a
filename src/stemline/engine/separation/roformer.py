"""BS-Roformer and Mel-Band-Roformer checkpoints (``.ckpt`` + ``.yaml``, the layout of the community's
training repository) run with the ``bs-roformer`` package.

``bs-roformer`` is pinned to 0.3.10: its modules have exactly the parameter names and shapes of
the published checkpoints (checked against audio-separator's copy of the training code: equal
state-dict keys, identical outputs). From 0.4 (Mel-Band) and 0.6 (BS) on, the package reorganised
its layers (hyper-connections, gated attention), so later versions can't load these files.

The checkpoint is read with ``torch.load(weights_only=True)``: tensors and plain containers only,
nothing in the file can run code. The YAML is read with a safe loader that also accepts the
``!!python/tuple`` tag these configs use for band lists, and nothing else from Python.

Segmenting follows the training repository's inference (as audio-separator runs it): segments of
``stft_hop_length * (dim_t - 1)`` samples stepped by a ``num_overlap``-th of that, the last one
aligned to the end, weighted by a Hamming window and normalised by the summed weights.
"""
from __future__ import annotations

import inspect
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken
from stemline.engine.separation.stem_model import SegmentDone, StemModel, voice_is_primary

#: The package version whose layer names match the published checkpoints.
LAYOUT_VERSION = "0.3.10"
_RUN_OPTIONS = ("config", "overlap", "dim_t", "batch", "half")
#: Every --model-param a Roformer model takes.
ACCEPTS = frozenset(_RUN_OPTIONS)


def load_config(path: Path) -> dict[str, Any]:
    """A training-repository YAML as plain dicts and lists, tuples allowed, nothing executable."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("tag:yaml.org,2002:python/tuple",
                            lambda loader, node: tuple(loader.construct_sequence(node)))
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except OSError as exc:
        raise ModelUnavailable(f"{path}: can't read the model's config ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise ModelUnavailable(f"{path}: not a config Stemline can read safely "
                               f"({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("model"), dict):
        raise ModelUnavailable(f"{path}: no 'model' section, so not a Roformer config")
    return data


def find_config(checkpoint: Path) -> Path | None:
    """The YAML next to a checkpoint: same name, or ``config_<name>.yaml``."""
    for candidate in (checkpoint.with_suffix(".yaml"), checkpoint.with_suffix(".yml"),
                      checkpoint.with_name(f"config_{checkpoint.stem}.yaml")):
        if candidate.is_file():
            return candidate
    return None


def load_state(path: Path) -> dict[str, Any]:
    """Tensors of a checkpoint, without running anything from it."""
    import pickle

    import torch

    try:
        state = torch.load(str(path), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise ModelUnavailable(
            f"{path}: holds Python objects beyond tensors, which Stemline won't unpickle "
            f"(they could run code); re-save the state_dict alone") from exc
    except (OSError, RuntimeError, EOFError) as exc:
        raise ModelUnavailable(f"{path}: not a readable checkpoint "
                               f"({str(exc).splitlines()[0][:160]})") from exc
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    if not isinstance(state, dict) or not state:
        raise ModelUnavailable(f"{path}: no weights in the checkpoint")
    # Saved from a DataParallel wrapper: names carry a "module." prefix.
    if all(k.startswith("module.") for k in state):
        state = {k[len("module."):]: v for k, v in state.items()}
    return state


def build_model(config: dict[str, Any], source: Path) -> Any:
    """The BS- or Mel-Band-Roformer a config describes, from the pinned package."""
    try:
        from bs_roformer import BSRoformer, MelBandRoformer
    except ImportError as exc:
        raise ModelUnavailable(
            f"{source}: Roformer models need the bs-roformer package ({LAYOUT_VERSION}): "
            f"pip install 'stemline[models]'") from exc
    kwargs = dict(config["model"])
    cls = MelBandRoformer if "num_bands" in kwargs else BSRoformer
    accepted = set(inspect.signature(cls.__init__).parameters) - {"self"}
    for key in sorted(set(kwargs) - accepted):
        # Newer training code added switches; left at their off value they change nothing.
        if kwargs[key] in (0, False, None):
            del kwargs[key]
        else:
            raise ModelUnavailable(
                f"{source}: the config sets {key}={kwargs[key]!r}, an architecture variant the "
                f"{cls.__name__} of bs-roformer {LAYOUT_VERSION} doesn't have")
    for key in ("freqs_per_bands", "multi_stft_resolutions_window_sizes"):
        if isinstance(kwargs.get(key), list):
            kwargs[key] = tuple(kwargs[key])
    try:
        with warnings.catch_warnings():
            # The constructor sizes its bands with a window-less torch.stft.
            warnings.filterwarnings("ignore", message="A window was not provided")
            return cls(**kwargs)
    except Exception as exc:  # beartype and the constructor reject bad values their own way
        raise ModelUnavailable(f"{source}: the config doesn't build a {cls.__name__} "
                               f"({str(exc).splitlines()[0][:160]})") from exc


class RoformerSeparator(StemModel):
    """A BS-/Mel-Band-Roformer checkpoint splitting voice from background.

    Parameters
    ----------
    path : the ``.ckpt`` (or ``.pth``) file; its YAML is found next to it unless ``config`` is
        given in ``params``.
    device : "auto", "cpu", "cuda", "cuda:N" or "mps".
    params : ``--model-param`` values: config (a YAML path), overlap (segments over one
        position, default the config's num_overlap), dim_t, batch, half (1: float16 on CUDA).
    """

    backend = "roformer"

    def __init__(self, path: Path, *, device: str = "auto",
                 params: dict[str, str] | None = None, name: str | None = None) -> None:
        import torch

        from stemline.engine.device import pick_device

        path = Path(path)
        given = {k: str(v) for k, v in (params or {}).items()}
        unknown = set(given) - set(_RUN_OPTIONS)
        if unknown:
            raise ModelUnavailable(f"{path}: unknown --model-param {', '.join(sorted(unknown))} "
                                   f"(a Roformer model takes {', '.join(_RUN_OPTIONS)})")
        config_path = Path(given["config"]) if "config" in given else find_config(path)
        if config_path is None:
            raise ModelUnavailable(f"{path}: no config beside it; put its .yaml next to it with "
                                   f"the same name, or give --model-param config=FILE.yaml")
        config = load_config(config_path)
        self.name = name or path.stem
        self.config_path = config_path
        model = build_model(config, config_path)
        state = load_state(path)
        try:
            missing, unexpected = model.load_state_dict(state, strict=False)
            problem = (f"{len(missing)} missing, {len(unexpected)} unexpected, e.g. "
                       f"{(list(missing) + list(unexpected))[0]}" if missing or unexpected else "")
        except RuntimeError as exc:  # same names, other shapes
            problem = next((line.strip() for line in str(exc).splitlines()
                            if "size mismatch" in line), str(exc).splitlines()[0])[:160]
        if problem:
            raise ModelUnavailable(
                f"{path}: its weights don't fit the config's {type(model).__name__} ({problem}); "
                f"check that the .yaml is this checkpoint's")
        self.device = pick_device(device)
        self._model = model.to(self.device).eval()
        audio = config.get("audio", {}) or {}
        inference = config.get("inference", {}) or {}
        training = config.get("training", {}) or {}
        self.sample_rate = int(audio.get("sample_rate", 44100))
        if not model.stereo:
            raise ModelUnavailable(f"{path}: a mono Roformer; Stemline runs stereo ones")
        target = training.get("target_instrument")
        instruments = list(training.get("instruments") or [])
        if target:
            self._index = None
            stem = str(target)
        else:
            voices = [i for i, s in enumerate(instruments) if str(s).lower() in ("vocals", "vocal")]
            if not voices:
                raise ModelUnavailable(f"{path}: separates {instruments}, none of them vocals")
            self._index, stem = voices[0], "vocals"
        self.primary_is_voice = voice_is_primary(stem, str(path))
        hop = int(config["model"].get("stft_hop_length", audio.get("hop_length", 512)))
        dim_t = int(given.get("dim_t", inference.get("dim_t", audio.get("dim_t", 256))))
        self.segment = hop * (dim_t - 1)
        overlap = int(given.get("overlap", inference.get("num_overlap", 4)))
        if overlap < 1 or self.segment < overlap:
            raise ModelUnavailable(f"{path}: overlap must be a whole number of segments >= 1")
        self.step = self.segment // overlap
        on_gpu = self.device.startswith("cuda")
        self.batch = max(1, int(given.get("batch", 4 if on_gpu else 1)))
        self.half = on_gpu and given.get("half", "0").strip().lower() in {"1", "true", "yes"}
        self.context_seconds = max(1.0, self.segment / self.sample_rate / 2)
        from scipy.signal import windows

        self._window = torch.tensor(windows.hamming(self.segment), dtype=torch.float32)

    def _starts(self, length: int) -> list[int]:
        starts: list[int] = []
        for offset in range(0, length, self.step):
            if offset + self.segment >= length:
                tail = max(length - self.segment, 0)
                if not starts or starts[-1] != tail:
                    starts.append(tail)
                break
            starts.append(offset)
        return starts

    def _stem(self, pair: np.ndarray, segment_done: SegmentDone,
              cancel: CancelToken | None) -> np.ndarray:
        import torch

        n = pair.shape[1]
        mix = torch.from_numpy(np.ascontiguousarray(pair))
        result = torch.zeros((2, n), dtype=torch.float32)
        counter = torch.zeros((2, n), dtype=torch.float32)
        starts = self._starts(n)
        for first in range(0, len(starts), self.batch):
            if cancel is not None:
                cancel.check()
            group = starts[first:first + self.batch]
            parts = [mix[:, a:a + self.segment] for a in group]
            # Segments of one length run as one batch; the short one (audio under a segment) alone.
            outs: list[Any] = []
            for same in _runs_of_equal_length(parts):
                outs.extend(self._forward(torch.stack(same)))
            for a, part, out in zip(group, parts, outs):
                take = min(part.shape[-1], out.shape[-1], self.segment)
                result[:, a:a + take] += out[:, :take] * self._window[:take]
                counter[:, a:a + take] += self._window[:take]
            segment_done(min(first + self.batch, len(starts)), len(starts))
        counter.clamp_(min=1e-10)
        return (result / counter).numpy()

    def _forward(self, batch: Any) -> list[Any]:
        import torch

        with torch.inference_mode(), warnings.catch_warnings():
            # bs-roformer calls torch.stft without a window on a path it doesn't use for output.
            warnings.filterwarnings("ignore", message="A window was not provided")
            x = batch.to(self.device)
            if self.half:
                with torch.autocast("cuda", dtype=torch.float16):
                    y = self._model(x)
            else:
                y = self._model(x)
            y = y.float().cpu()
        if self._index is not None:  # (b, stems, 2, t): keep the vocals
            y = y[:, self._index]
        return list(y)


def _runs_of_equal_length(parts: list[Any]) -> list[list[Any]]:
    runs: list[list[Any]] = []
    for part in parts:
        if runs and runs[-1][0].shape[-1] == part.shape[-1]:
            runs[-1].append(part)
        else:
            runs.append([part])
    return runs
