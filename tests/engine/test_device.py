"""pick_device / describe_device on whatever machine runs the tests (CPU-only in CI)."""
from __future__ import annotations

import re

import pytest

torch = pytest.importorskip("torch")

from stemline.core.errors import StemlineError  # noqa: E402
from stemline.engine.device import DeviceUnavailable, describe_device, pick_device  # noqa: E402

HAS_CUDA = torch.cuda.is_available()
HAS_MPS = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())


def test_auto_picks_best_available() -> None:
    expected = "cuda" if HAS_CUDA else "mps" if HAS_MPS else "cpu"
    assert pick_device("auto") == expected
    assert pick_device() == expected


@pytest.mark.skipif(HAS_CUDA or HAS_MPS, reason="machine has a GPU")
def test_auto_is_cpu_without_gpu() -> None:
    assert pick_device("auto") == "cpu"


@pytest.mark.parametrize("requested", ["cpu", " CPU ", "Cpu"])
def test_cpu_always_works(requested: str) -> None:
    assert pick_device(requested) == "cpu"


@pytest.mark.skipif(HAS_CUDA, reason="machine has CUDA")
@pytest.mark.parametrize("requested", ["cuda", "cuda:0", "cuda:1"])
def test_cuda_without_gpu_is_a_clear_error(requested: str) -> None:
    with pytest.raises(DeviceUnavailable) as err:
        pick_device(requested)
    assert isinstance(err.value, StemlineError)
    assert err.value.code == "DeviceUnavailable"
    message = str(err.value)
    assert requested in message and "--device cpu" in message and "\n" not in message


@pytest.mark.skipif(not HAS_CUDA, reason="needs CUDA")
def test_cuda_indices_are_checked() -> None:
    assert pick_device("cuda") == "cuda"
    assert pick_device("cuda:0") == "cuda:0"
    with pytest.raises(DeviceUnavailable, match="CUDA device"):
        pick_device(f"cuda:{torch.cuda.device_count()}")


@pytest.mark.skipif(HAS_MPS, reason="machine has MPS")
def test_mps_without_apple_gpu_is_a_clear_error() -> None:
    with pytest.raises(DeviceUnavailable, match="mps"):
        pick_device("mps")


@pytest.mark.parametrize("requested", ["tpu", "gpu", "cpu:1", "mps:0", "cuda:x", ""])
def test_unknown_names_are_refused(requested: str) -> None:
    if requested == "":
        # An empty setting means "not set", i.e. auto.
        assert pick_device(requested) == pick_device("auto")
        return
    with pytest.raises(DeviceUnavailable, match="auto, cpu, cuda"):
        pick_device(requested)


def test_describe_cpu() -> None:
    assert re.fullmatch(r"CPU \(\d+ threads?\)", describe_device("cpu"))


@pytest.mark.skipif(not HAS_CUDA, reason="needs CUDA")
def test_describe_cuda() -> None:
    assert re.fullmatch(r"CUDA: .+ \(\d+ GB\)", describe_device("cuda"))
    assert describe_device("cuda:0") == describe_device("cuda")
