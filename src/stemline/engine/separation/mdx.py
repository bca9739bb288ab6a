"""Ultimate Vocal Remover's MDX-Net models (``*.onnx``) run with onnxruntime.

An MDX-Net graph maps a spectrogram to a spectrogram: input and output are (batch, 4, dim_f,
dim_t), the real and imaginary parts of both channels of an STFT with ``n_fft`` points and a hop
of 1024, cut to the lowest ``dim_f`` bins. The file doesn't say ``n_fft``, so the settings come
from, in order: what the user gives (``--model-param``), the file's own metadata, the table of
UVR's public files keyed by hash (:mod:`mdx_known`), and the graph's input shape for dim_f and
dim_t. A file none of these describe is refused with the line to type, rather than guessed.

The segmenting follows UVR (and audio-separator, the reference this is checked against): half an
FFT of silence before the audio, segments of ``hop * (dim_t - 1)`` samples stepped by
``(1 - overlap)`` of that, each weighted by a Hann window, the three lowest bins zeroed, and the
"denoise" option averaging f(x) with -f(-x).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.progress import CancelToken
from stemline.engine.separation.mdx_known import UVR_MDX
from stemline.engine.separation.stem_model import SegmentDone, StemModel, voice_is_primary

#: UVR hashes this many bytes at a file's end to recognise it.
UVR_HASH_BYTES = 10_000 * 1024
HOP = 1024
#: Spectrogram bins UVR zeroes at the bottom before the network sees them.
ZEROED_BINS = 3

#: Names a model's metadata or the user may give each setting under (ours first, then UVR's).
_ALIASES = {
    "n_fft": ("n_fft", "mdx_n_fft_scale_set"),
    "dim_f": ("dim_f", "mdx_dim_f_set"),
    "dim_t": ("dim_t", "mdx_dim_t_set"),
    "compensate": ("compensate",),
    "stem": ("stem", "primary_stem"),
}
_RUN_OPTIONS = ("overlap", "denoise", "batch")
#: Every --model-param an MDX-Net model takes.
ACCEPTS = frozenset({n for names in _ALIASES.values() for n in names} | set(_RUN_OPTIONS))


def uvr_hash(path: Path) -> str:
    """UVR's identity of a model file: MD5 of its last 10,240,000 bytes (all of a smaller one)."""
    size = path.stat().st_size
    digest = hashlib.md5()
    with path.open("rb") as fh:
        fh.seek(max(0, size - UVR_HASH_BYTES))
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class MdxParams:
    """How a file's spectrograms are shaped, and which stem it predicts."""

    n_fft: int
    dim_f: int
    dim_t: int
    compensate: float = 1.0
    stem: str = "vocals"
    #: Where the numbers came from: "given", "metadata", "table", "graph" (for the record).
    source: str = "given"


def _dim_t(value: Any) -> int:
    # UVR stores dim_t as a power of two (8 -> 256 frames); a real frame count is far larger.
    n = int(float(value))
    return 2 ** n if n <= 16 else n


def resolve_params(path: Path, metadata: dict[str, str], graph_shape: list[Any],
                   given: dict[str, str]) -> MdxParams:
    """Settle an MDX file's STFT settings (see the module's docstring for the order)."""
    found: dict[str, Any] = {}
    sources: list[str] = []
    for origin, values in (("given", given), ("metadata", metadata)):
        for key, names in _ALIASES.items():
            if key in found:
                continue
            for name in names:
                if name in values and str(values[name]).strip():
                    found[key] = values[name]
                    sources.append(origin)
                    break
    digest = uvr_hash(path)
    if not {"n_fft", "dim_f", "dim_t"} <= found.keys():
        known = UVR_MDX.get(digest)
        if known is not None:
            n_fft, dim_f, dim_t, compensate, stem = known
            for key, value in (("n_fft", n_fft), ("dim_f", dim_f), ("dim_t", dim_t),
                               ("compensate", compensate), ("stem", stem)):
                found.setdefault(key, value)
            sources.append("table")
    # A graph with fixed sizes says dim_f and dim_t itself.
    if len(graph_shape) == 4:
        for key, dim in (("dim_f", graph_shape[2]), ("dim_t", graph_shape[3])):
            if isinstance(dim, int) and dim > 0 and key not in found:
                found[key] = dim
                sources.append("graph")
    missing = [k for k in ("n_fft", "dim_f", "dim_t") if k not in found]
    if missing:
        raise ModelUnavailable(
            f"{path}: an MDX-Net file Stemline doesn't know (hash {digest}), and it doesn't "
            f"say its {', '.join(missing)}; give them, e.g. --model-param n_fft=7680 dim_f=3072 "
            f"dim_t=256 compensate=1.035 stem=vocals (UVR's settings for the file)")
    try:
        params = MdxParams(n_fft=int(float(found["n_fft"])), dim_f=int(float(found["dim_f"])),
                           dim_t=_dim_t(found["dim_t"]),
                           compensate=float(found.get("compensate", 1.0)),
                           stem=str(found.get("stem", "vocals")),
                           source="+".join(dict.fromkeys(sources)))
    except (TypeError, ValueError) as exc:
        raise ModelUnavailable(f"{path}: a model setting isn't a number ({exc})") from exc
    if params.n_fft % 2 or not 0 < params.dim_f <= params.n_fft // 2 + 1 or params.dim_t < 2:
        raise ModelUnavailable(f"{path}: n_fft={params.n_fft}, dim_f={params.dim_f}, "
                               f"dim_t={params.dim_t} don't fit together")
    for key, want in (("dim_f", params.dim_f), ("dim_t", params.dim_t)):
        dim = graph_shape[2 if key == "dim_f" else 3] if len(graph_shape) == 4 else None
        if isinstance(dim, int) and dim > 0 and dim != want:
            raise ModelUnavailable(f"{path}: the graph takes {key}={dim}, the settings say {want}")
    return params


class MdxSeparator(StemModel):
    """An MDX-Net ONNX model splitting voice from background.

    Parameters
    ----------
    path : the ``.onnx`` file.
    device : "auto", "cpu", "cuda", "cuda:N"; CUDA needs onnxruntime-gpu, else the CPU is used.
    params : ``--model-param`` values: n_fft, dim_f, dim_t, compensate, stem, and the run
        options overlap (0-1, default 0.25), denoise (0/1) and batch (segments per run).
    """

    backend = "mdx"

    def __init__(self, path: Path, *, device: str = "auto",
                 params: dict[str, str] | None = None, name: str | None = None) -> None:
        import onnxruntime as ort

        from stemline.engine.device import pick_device

        path = Path(path)
        given = {k: str(v) for k, v in (params or {}).items()}
        unknown = set(given) - ACCEPTS
        if unknown:
            raise ModelUnavailable(f"{path}: unknown --model-param {', '.join(sorted(unknown))} "
                                   f"(an MDX-Net model takes n_fft, dim_f, dim_t, compensate, "
                                   f"stem, overlap, denoise, batch)")
        self.name = name or path.stem
        wanted = pick_device(device)
        providers = ["CPUExecutionProvider"]
        if wanted.startswith("cuda") and "CUDAExecutionProvider" in ort.get_available_providers():
            index = int(wanted.split(":")[1]) if ":" in wanted else 0
            providers = [("CUDAExecutionProvider", {"device_id": index}), "CPUExecutionProvider"]
        options = ort.SessionOptions()
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(path), sess_options=options,
                                                 providers=providers)
        except Exception as exc:  # onnxruntime raises its own types for unreadable graphs
            raise ModelUnavailable(f"{path}: not a readable ONNX model "
                                   f"({str(exc).splitlines()[0][:160]})") from exc
        self.device = wanted if len(providers) > 1 else "cpu"
        graph_input = self._session.get_inputs()[0]
        self._input_name = graph_input.name
        metadata = dict(self._session.get_modelmeta().custom_metadata_map)
        self.params = resolve_params(path, metadata, list(graph_input.shape), given)
        if graph_input.shape and len(graph_input.shape) == 4 and graph_input.shape[1] not in (4, None) \
                and isinstance(graph_input.shape[1], int):
            raise ModelUnavailable(f"{path}: takes {graph_input.shape[1]} spectrogram planes, "
                                   f"not MDX-Net's 4 (two channels, real and imaginary)")
        self.primary_is_voice = voice_is_primary(self.params.stem, str(path))
        self.compensate = self.params.compensate
        self.overlap = float(given.get("overlap", 0.25))
        if not 0.0 <= self.overlap < 1.0:
            raise ModelUnavailable(f"{path}: overlap must be in [0, 1), got {self.overlap}")
        self.denoise = given.get("denoise", "0").strip().lower() in {"1", "true", "yes", "on"}
        fixed_batch = graph_input.shape[0] if graph_input.shape else None
        self._fixed_batch = fixed_batch if isinstance(fixed_batch, int) and fixed_batch > 0 else None
        self.batch = self._fixed_batch or max(1, int(given.get("batch", 4 if len(providers) > 1 else 1)))
        self.segment = HOP * (self.params.dim_t - 1)
        self.context_seconds = max(1.0, self.segment / self.sample_rate / 2)

    # -- one channel pair --------------------------------------------------------------------

    def _stem(self, pair: np.ndarray, segment_done: SegmentDone,
              cancel: CancelToken | None) -> np.ndarray:
        n = pair.shape[1]
        trim = self.params.n_fft // 2
        size = self.segment
        gen = size - 2 * trim
        pad = gen + trim - n % gen
        mixture = np.concatenate([np.zeros((2, trim), np.float32), pair,
                                  np.zeros((2, pad), np.float32)], axis=1)
        length = mixture.shape[1]
        step = int((1 - self.overlap) * size)
        starts = list(range(0, length, step))
        result = np.zeros((2, length), np.float32)
        divider = np.zeros((2, length), np.float32)
        for first in range(0, len(starts), self.batch):
            if cancel is not None:
                cancel.check()
            group = starts[first:first + self.batch]
            parts = np.zeros((len(group), 2, size), np.float32)
            for j, a in enumerate(group):
                piece = mixture[:, a:a + size]
                parts[j, :, :piece.shape[1]] = piece
            waves = self._run(parts)
            for j, a in enumerate(group):
                b = min(a + size, length)
                if self.overlap:
                    window = np.hanning(b - a)
                    result[:, a:b] += waves[j, :, :b - a] * window
                    divider[:, a:b] += window
                else:
                    result[:, a:b] += waves[j, :, :b - a]
                    divider[:, a:b] += 1
            segment_done(min(first + self.batch, len(starts)), len(starts))
        with np.errstate(divide="ignore", invalid="ignore"):
            out = result / divider
        return np.ascontiguousarray(out[:, trim:-trim][:, :n], dtype=np.float32)

    def _run(self, parts: np.ndarray) -> np.ndarray:
        """(b, 2, segment) waves -> the model's stem as (b, 2, segment) waves."""
        import torch

        p = self.params
        x = torch.from_numpy(parts)
        window = torch.hann_window(p.n_fft, periodic=True)
        spec = torch.stft(x.reshape(-1, x.shape[-1]), n_fft=p.n_fft, hop_length=HOP,
                          window=window, center=True, return_complex=True)
        # (b*2, F, T) complex -> (b, 4, F, T): channel-major, then real/imaginary.
        spec = torch.view_as_real(spec).permute(0, 3, 1, 2).reshape(len(parts), 4, -1, spec.shape[-1])
        spec = spec[:, :, :p.dim_f].contiguous()
        spec[:, :, :ZEROED_BINS] = 0
        if self.denoise:
            pred = -0.5 * self._infer(-spec) + 0.5 * self._infer(spec)
        else:
            pred = self._infer(spec)
        full = torch.zeros((len(parts), 4, p.n_fft // 2 + 1, pred.shape[-1]), dtype=torch.float32)
        full[:, :, :p.dim_f] = pred
        full = full.reshape(-1, 2, p.n_fft // 2 + 1, pred.shape[-1]).permute(0, 2, 3, 1)
        waves = torch.istft(torch.complex(full[..., 0], full[..., 1]), n_fft=p.n_fft,
                            hop_length=HOP, window=window, center=True)
        return waves.reshape(len(parts), 2, -1).numpy()

    def _infer(self, spec: Any) -> Any:
        import torch

        batch = spec.shape[0]
        if self._fixed_batch is not None and batch < self._fixed_batch:
            spec = torch.cat([spec, spec.new_zeros((self._fixed_batch - batch, *spec.shape[1:]))])
        out = self._session.run(None, {self._input_name: spec.numpy()})[0]
        return torch.from_numpy(np.asarray(out, dtype=np.float32)[:batch])
