"""Choosing and describing the torch device a model runs on.

torch is imported inside the functions: importing it costs over a second, and code that
only wants to list options (the CLI's ``--help``, the settings dialog) shouldn't pay that.
"""
from __future__ import annotations

import re

from stemline.core.errors import StemlineError

__all__ = ["DeviceUnavailable", "pick_device", "describe_device", "load_runtime"]

# "cuda" alone means the current CUDA device; "cuda:N" a given one.
_DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda)(?::(\d+))?$")


class DeviceUnavailable(StemlineError):
    """The requested compute device doesn't exist on this machine (or isn't a device at all)."""

    code = "DeviceUnavailable"


def pick_device(requested: str = "auto") -> str:
    """Resolve a user's device choice to a torch device string that works here.

    Parameters
    ----------
    requested : str
        ``"auto"`` (the default), ``"cpu"``, ``"cuda"``, ``"cuda:N"`` or ``"mps"``;
        case and surrounding spaces are ignored, and an empty string means ``"auto"``.

    Returns
    -------
    str
        ``"cuda"``, ``"cuda:N"``, ``"mps"`` or ``"cpu"``. ``"auto"`` prefers CUDA, then
        Apple's MPS, then the CPU.

    Raises
    ------
    DeviceUnavailable
        If ``requested`` isn't a device name, or names a GPU this machine doesn't have.
    """
    choice = (requested or "auto").strip().lower()
    match = _DEVICE_RE.match(choice)
    if match is None or (match.group(2) is not None and match.group(1) != "cuda"):
        raise DeviceUnavailable(
            f"Unknown device {requested!r}: use auto, cpu, cuda, cuda:N or mps.")
    kind, index = match.group(1), match.group(2)

    if kind == "cpu":
        # Answered before importing torch: the CPU always exists.
        return "cpu"

    import torch

    if kind == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if _mps_available(torch):
            return "mps"
        return "cpu"

    if kind == "mps":
        if not _mps_available(torch):
            raise DeviceUnavailable(
                "Device 'mps' was asked for but Apple's Metal (MPS) isn't available here: "
                "use --device cpu or auto.")
        return "mps"

    # kind == "cuda"
    if not torch.cuda.is_available():
        why = ("this torch build has no CUDA support (it's CPU-only)"
               if not getattr(torch.version, "cuda", None)
               else "no NVIDIA GPU or driver was found")
        raise DeviceUnavailable(
            f"Device {choice!r} was asked for but {why}: use --device cpu or auto.")
    if index is not None:
        count = torch.cuda.device_count()
        if int(index) >= count:
            raise DeviceUnavailable(
                f"Device {choice!r} was asked for but this machine has {count} CUDA "
                f"device(s) (cuda:0..cuda:{count - 1}).")
        return f"cuda:{int(index)}"
    return "cuda"


def describe_device(device: str) -> str:
    """A short human description of a device, for logs and the status bar.

    Parameters
    ----------
    device : str
        A device string as returned by :func:`pick_device`.

    Returns
    -------
    str
        e.g. ``"CUDA: NVIDIA H100 80GB HBM3 (80 GB)"``, ``"MPS: Apple GPU"`` or
        ``"CPU (2 threads)"``; an unknown string comes back unchanged.
    """
    import torch

    kind = device.split(":", 1)[0].strip().lower()
    if kind == "cuda" and torch.cuda.is_available():
        index = torch.device(device).index
        if index is None:
            index = torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        # Binary GB, rounded: an "80 GB" H100 reports ~79.6 GiB but ~85.5 decimal GB,
        # and users recognise cards by the number on the box.
        memory_gb = round(props.total_memory / 2**30)
        return f"CUDA: {props.name} ({memory_gb} GB)"
    if kind == "mps":
        return "MPS: Apple GPU"
    if kind == "cpu":
        threads = torch.get_num_threads()
        return f"CPU ({threads} thread{'s' if threads != 1 else ''})"
    return device


def _mps_available(torch_module: object) -> bool:
    # torch.backends.mps is missing on some old or stripped builds; treat that as "no MPS".
    backends = getattr(torch_module, "backends", None)
    mps = getattr(backends, "mps", None)
    is_available = getattr(mps, "is_available", None)
    return bool(is_available()) if callable(is_available) else False


def load_runtime() -> str:
    """Import torch now (its native core initialises in one GIL-holding block); returns its version.

    For callers that must choose *when* that block happens, such as the editor's splash screen.
    """
    import torch

    return str(torch.__version__)


def limit_threads(n: int) -> None:
    """Let torch use ``n`` CPU threads in this process (a cluster actor gets what it reserved)."""
    import torch

    torch.set_num_threads(max(1, int(n)))
