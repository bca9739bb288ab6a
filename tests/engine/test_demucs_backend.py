"""DemucsSeparator against a tiny random-weight demucs model, loaded by demucs's own code.

No demucs internals are mocked: the tiny model is written in the on-disk formats demucs
reads (a local-repo ``.th`` package, a torch-hub cache file, a HuggingFace-cache
safetensors file) and goes through demucs's loaders and ``apply_model``.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("demucs")

from stemline.core.errors import Cancelled, ModelUnavailable  # noqa: E402
from stemline.core.progress import CancelToken, Progress  # noqa: E402
from stemline.engine.separation import demucs_weights  # noqa: E402
from stemline.engine.separation.demucs_backend import DemucsSeparator  # noqa: E402

SOURCES = ["drums", "bass", "other", "vocals"]
SIG = "tiny0001"
# htdemucs's published file, per demucs/remote/files.txt and htdemucs.yaml.
HTDEMUCS_FILE = "955717e8-8726e21a.th"
HTDEMUCS_URL = "https://dl.fbaipublicfiles.com/demucs/hybrid_transformer/"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _tiny_model(sources: list[str] = SOURCES) -> Any:
    from demucs.htdemucs import HTDemucs

    torch.manual_seed(0)
    # A half-second segment makes a 2-s chunk run several demucs segments (progress and
    # cancel points) while the whole model stays under 10k parameters.
    return HTDemucs(sources=sources, channels=4, depth=2, nfft=512, t_layers=1, t_heads=1,
                    t_hidden_scale=1.0, dconv_comp=1, segment=Fraction(1, 2))


def _package(model: Any) -> dict[str, Any]:
    # What demucs.states.serialize_model produces, minus training_args (which needs
    # omegaconf, a training-only dependency).
    args, kwargs = model._init_args_kwargs
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    return {"klass": model.__class__, "args": args, "kwargs": kwargs, "state": state}


def _save_th(model: Any, folder: Path, sig: str) -> Path:
    from demucs.states import save_with_checksum

    save_with_checksum(_package(model), folder / f"{sig}.th")  # writes <sig>-<sha8>.th
    (path,) = folder.glob(f"{sig}-*.th")
    return path


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread() -> Any:
    # The tiny model's ops are far too small to split across threads; on a busy shared
    # CPU, torch's thread pool waiting on itself made these tests 20x slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demucs_repo")
    _save_th(_tiny_model(), folder, SIG)
    # A bag of two copies, with demucs's per-source weights, as BagOnlyRepo reads it.
    (folder / "tinybag.yaml").write_text(
        f"models: ['{SIG}', '{SIG}']\nweights: [[1., 1., 1., 1.], [1., 1., 1., 0.5]]\n")
    return folder


@pytest.fixture(scope="module")
def separator(model_dir: Path) -> DemucsSeparator:
    return DemucsSeparator(SIG, model_dir=model_dir, device="cpu")


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Empty caches, no model dir, and download hosts that can't answer."""
    for var in ("STEMLINE_MODEL_DIR", "STEMLINE_OFFLINE", "HF_HUB_OFFLINE", "HF_HUB_CACHE",
                "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    # 10.255.255.1 is unroutable (connect times out or fails), port 9 on loopback refuses:
    # both probe failure modes, and nothing can reach a real server from a test.
    monkeypatch.setattr(demucs_weights, "PROBE_HOSTS", (("10.255.255.1", 443),))
    monkeypatch.setenv("HF_ENDPOINT", "https://127.0.0.1:9")
    return tmp_path


def _mix(seconds: float = 2.0, rate: int = 44100, channels: int = 2) -> np.ndarray:
    rng = np.random.default_rng(1)
    t = np.arange(int(seconds * rate)) / rate
    tone = 0.3 * np.sin(2 * np.pi * 220 * t)[:, None]
    noise = 0.05 * rng.standard_normal((t.size, channels))
    return (tone + noise).astype(np.float32)


# -- loading -------------------------------------------------------------------------------

def test_loads_tiny_model_through_demucs_local_repo(separator: DemucsSeparator) -> None:
    assert separator.name == SIG
    assert separator.device == "cpu"
    assert separator.sample_rate == 44100
    assert separator.sources == tuple(SOURCES)
    assert 1.0 <= separator.context_seconds <= 5.0


def test_loads_bag_yaml_from_model_dir(model_dir: Path) -> None:
    bag = DemucsSeparator("tinybag", model_dir=model_dir, device="cpu", shifts=0)
    out = bag.separate(_mix(0.5), 44100)
    assert out["voice"].shape == (22050, 2)


def test_missing_model_in_model_dir_names_folder(model_dir: Path) -> None:
    with pytest.raises(ModelUnavailable) as err:
        DemucsSeparator("nosuchmodel", model_dir=model_dir)
    assert str(model_dir) in str(err.value) and "nosuchmodel.th" in str(err.value)


def test_published_model_missing_in_model_dir_names_files(model_dir: Path) -> None:
    with pytest.raises(ModelUnavailable) as err:
        DemucsSeparator("htdemucs", model_dir=model_dir)
    message = str(err.value)
    assert HTDEMUCS_FILE in message and HTDEMUCS_URL in message and str(model_dir) in message
    assert "\n" not in message


def test_model_without_vocals_is_refused(tmp_path: Path) -> None:
    _save_th(_tiny_model(["music", "speech"]), tmp_path, "novox")
    with pytest.raises(ModelUnavailable, match="vocals"):
        DemucsSeparator("novox", model_dir=tmp_path)


def test_offline_without_weights_fails_fast_and_says_what_to_download(isolated: Path) -> None:
    start = time.monotonic()
    with pytest.raises(ModelUnavailable) as err:
        DemucsSeparator("htdemucs")
    elapsed = time.monotonic() - start
    assert elapsed < 2.0, f"offline failure took {elapsed:.2f} s"
    message = str(err.value)
    assert HTDEMUCS_FILE in message
    assert HTDEMUCS_URL in message
    assert str(isolated / "torch" / "hub" / "checkpoints") in message
    assert "\n" not in message


def test_offline_flag_skips_probe_and_lists_every_bag_file(
        isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STEMLINE_OFFLINE", "1")
    start = time.monotonic()
    with pytest.raises(ModelUnavailable) as err:
        DemucsSeparator("htdemucs_ft")
    assert time.monotonic() - start < 0.5  # no probe at all
    files = [name for name, _ in demucs_weights.required_files("htdemucs_ft")]
    assert len(files) == 4
    assert all(name in str(err.value) for name in files)


def test_offline_failure_in_fresh_interpreter_is_fast_and_skips_torch(isolated: Path) -> None:
    # The real app fails here cold, before anything imported torch (which alone takes ~1 s).
    code = (
        "import sys, time\n"
        "from stemline.core.errors import ModelUnavailable\n"
        "from stemline.engine.separation import demucs_backend as b, demucs_weights as w\n"
        "w.PROBE_HOSTS = (('10.255.255.1', 443),)\n"
        "t = time.monotonic()\n"
        "try:\n"
        "    b.DemucsSeparator('mdx_extra')\n"
        "except ModelUnavailable as e:\n"
        "    print(round(time.monotonic() - t, 3), 'torch' in sys.modules, e)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    for var in ("STEMLINE_MODEL_DIR", "STEMLINE_OFFLINE", "HF_HUB_OFFLINE"):
        env.pop(var, None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    elapsed, torch_loaded, message = result.stdout.split(" ", 2)
    assert float(elapsed) < 2.0
    assert torch_loaded == "False"
    assert "e51eebcc-c1b80bdd.th" in message


def test_loads_offline_from_torch_hub_cache(isolated: Path, model_dir: Path) -> None:
    # Stand the tiny model in for htdemucs's single model, where demucs's RemoteRepo caches it.
    checkpoints = isolated / "torch" / "hub" / "checkpoints"
    checkpoints.mkdir(parents=True)
    shutil.copy(next(model_dir.glob(f"{SIG}-*.th")), checkpoints / HTDEMUCS_FILE)
    start = time.monotonic()
    sep = DemucsSeparator("htdemucs", device="cpu")
    assert time.monotonic() - start < 2.0
    assert sep.separate(_mix(0.25), 44100)["voice"].shape == (11025, 2)


def _encode(value: Any) -> Any:
    # demucs's tools/export_hf.py json encoding (Fractions become tagged dicts).
    if isinstance(value, Fraction):
        return {"_type": "fraction", "numerator": value.numerator,
                "denominator": value.denominator}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def test_loads_offline_from_huggingface_cache(isolated: Path) -> None:
    from safetensors.torch import save_file

    model = _tiny_model()
    args, kwargs = model._init_args_kwargs
    commit = "0" * 40
    repo = isolated / "hf" / "hub" / "models--adefossez--HTDemucs"
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    (snapshot / "htdemucs.yaml").write_text("models: ['955717e8']\n")
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(snapshot / "955717e8.safetensors"), metadata={
        "klass": "demucs.htdemucs.HTDemucs",
        "args": json.dumps(_encode(list(args))),
        "kwargs": json.dumps(_encode(kwargs)),
    })
    sep = DemucsSeparator("htdemucs", device="cpu")
    assert sep.sample_rate == 44100
    assert sep.separate(_mix(0.25), 44100)["voice"].shape == (11025, 2)


def test_model_dir_env_var_is_searched(isolated: Path, model_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STEMLINE_MODEL_DIR", str(model_dir))
    assert DemucsSeparator(SIG, device="cpu").name == SIG


def test_module_import_does_not_load_torch() -> None:
    code = ("import sys; import stemline.engine.separation.demucs_backend, "
            "stemline.engine.device; print('torch' in sys.modules, 'demucs' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split() == ["False", "False"]


# -- separating ----------------------------------------------------------------------------

def _check(out: dict[str, np.ndarray], mix: np.ndarray) -> None:
    assert set(out) == {"voice", "background"}
    for stem in out.values():
        assert stem.shape == mix.shape
        assert stem.dtype == np.float32
        assert np.isfinite(stem).all()
    np.testing.assert_allclose(out["voice"] + out["background"], mix, atol=1e-5)


def test_separates_stereo(separator: DemucsSeparator) -> None:
    mix = _mix()
    out = separator.separate(mix, 44100)
    _check(out, mix)
    assert np.abs(out["voice"]).max() > 0  # the model really ran


def test_other_rate_keeps_length(separator: DemucsSeparator) -> None:
    mix = _mix(rate=48000)
    out = separator.separate(mix, 48000)
    _check(out, mix)
    assert out["voice"].shape == (96000, 2)


@pytest.mark.parametrize("shape", [(44100, 1), (44100,), (22050, 3)])
def test_mono_1d_and_odd_channel_counts(separator: DemucsSeparator,
                                        shape: tuple[int, ...]) -> None:
    mix = _mix(1.0 if shape[0] == 44100 else 0.5, channels=shape[1] if len(shape) == 2 else 1)
    mix = mix.reshape(shape)
    _check(separator.separate(mix, 44100), mix)


def test_mono_voice_matches_duplicated_stereo(model_dir: Path) -> None:
    # shifts=0 makes demucs deterministic, so mono must equal its duplicated-stereo twin.
    sep = DemucsSeparator(SIG, model_dir=model_dir, device="cpu", shifts=0)
    mono = _mix(0.5, channels=1)
    stereo = np.repeat(mono, 2, axis=1)
    voice_mono = sep.separate(mono, 44100)["voice"][:, 0]
    voice_stereo = sep.separate(stereo, 44100)["voice"].mean(axis=1)
    np.testing.assert_allclose(voice_mono, voice_stereo, atol=1e-5)


def test_tiny_and_empty_chunks(separator: DemucsSeparator) -> None:
    for frames in (0, 1, 10):
        mix = _mix(1.0)[:frames]
        _check(separator.separate(mix, 44100), mix)


def test_reports_progress_per_segment(separator: DemucsSeparator) -> None:
    reports: list[Progress] = []
    separator.separate(_mix(), 44100, progress=reports.append)
    assert all(r.stage == "separate" and r.unit == "s" for r in reports)
    assert reports[0].done == 0.0 and reports[-1].done == reports[-1].total == 2.0
    assert len(reports) >= 5  # 2 s in 0.375-s strides: one report per demucs segment
    dones = [r.done for r in reports]
    assert dones == sorted(dones)


def test_cancel_before_start(separator: DemucsSeparator) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        separator.separate(_mix(), 44100, cancel=token)


def test_cancel_between_segments(separator: DemucsSeparator) -> None:
    token = CancelToken()
    reports: list[Progress] = []

    def on_progress(report: Progress) -> None:
        reports.append(report)
        if report.done > 0:
            token.cancel()

    with pytest.raises(Cancelled):
        separator.separate(_mix(), 44100, progress=on_progress, cancel=token)
    # Stopped after the first segment rather than running to the end.
    assert [r.done > 0 for r in reports] == [False, True]


def test_rejects_bad_arguments(separator: DemucsSeparator, model_dir: Path) -> None:
    with pytest.raises(ValueError):
        separator.separate(np.zeros((2, 2, 2), np.float32), 44100)
    with pytest.raises(ValueError):
        separator.separate(_mix(0.1), 0)
    with pytest.raises(ValueError):
        DemucsSeparator(SIG, model_dir=model_dir, shifts=-1)
    with pytest.raises(ValueError):
        DemucsSeparator(SIG, model_dir=model_dir, overlap=1.0)


def test_required_files_for_known_models() -> None:
    assert demucs_weights.required_files("htdemucs") == [
        (HTDEMUCS_FILE, HTDEMUCS_URL + HTDEMUCS_FILE)]
    assert len(demucs_weights.required_files("mdx_extra")) == 4
    assert demucs_weights.required_files("not-a-model") == []


def test_hand_downloaded_published_files_use_packaged_bag(tmp_path: Path,
                                                          model_dir: Path) -> None:
    # Users who fetch only htdemucs's .th file needn't fetch htdemucs.yaml: demucs ships it.
    shutil.copy(next(model_dir.glob(f"{SIG}-*.th")), tmp_path / "955717e8.th")
    sep = DemucsSeparator("htdemucs", model_dir=tmp_path, device="cpu", shifts=0)
    assert sep.separate(_mix(0.25), 44100)["voice"].shape == (11025, 2)


def test_checksum_mismatch_is_reported_as_damaged(tmp_path: Path, model_dir: Path) -> None:
    # demucs's LocalRepo checks the sha256 prefix in the file name; ours can't match it.
    shutil.copy(next(model_dir.glob(f"{SIG}-*.th")), tmp_path / HTDEMUCS_FILE)
    with pytest.raises(ModelUnavailable, match="checksum.*download it again"):
        DemucsSeparator("htdemucs", model_dir=tmp_path)
