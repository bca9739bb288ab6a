"""The learned part of the music/ambience split: it loads only what it should (plain arrays that
fit together, no code), it runs in blocks exactly as in one piece, and it earns its place over
the hand-made share it corrects."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import stemline.engine.separation.ambience_model as am
from stemline.core.errors import ModelUnavailable
from stemline.engine.separation.ambience import FEATURES, split_background
from tests.engine.test_ambience import SR, _notes, _rain
from tests.payloads import TouchOnUnpickle


def _arrays(model: am.LearnedCorrection) -> dict[str, np.ndarray]:
    (w0, b0), (w1, b1), (w2, b2) = model.layers
    return {"features": np.array(model.features), "context": np.array(model.context, np.int32),
            "mean": model.mean, "std": model.std, "w0": w0, "b0": b0, "w1": w1, "b1": b1, "w2": w2, "b2": b2,
            "scale": np.float32(model.scale), "centre": np.float32(model.centre)}


def test_the_bundled_model_fits_the_evidence_the_splitter_computes() -> None:
    model = am.LearnedCorrection.bundled()
    assert model.features == FEATURES
    assert (0, 0) in model.context
    rng = np.random.default_rng(0)
    features = rng.normal(size=(len(FEATURES), 40, 150)).astype(np.float32)
    out = model.correction(features)
    assert out.shape == (40, 150) and np.isfinite(out).all()
    assert np.ptp(out) > 0.1  # the network says something: it is not all zeros


def test_context_rows_hold_each_neighbour_and_stop_at_the_edges() -> None:
    k, bins, frames = 2, 5, 7
    features = np.arange(k * bins * frames, dtype=np.float32).reshape(k, bins, frames)
    context = ((0, 0), (-2, 0), (0, 3))
    rows = am.inputs(features, context, 2, 6).reshape(bins, 4, k * len(context))
    for f in range(bins):
        for j, t in enumerate(range(2, 6)):
            want = [features[c, f, t] for c in range(k)]
            want += [features[c, max(f - 2, 0), t] for c in range(k)]
            want += [features[c, f, min(t + 3, frames - 1)] for c in range(k)]
            np.testing.assert_array_equal(rows[f, j], want)


def test_blocks_of_frames_give_what_one_block_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    model = am.LearnedCorrection.bundled()
    features = np.random.default_rng(1).normal(size=(len(FEATURES), 30, 150)).astype(np.float32)
    blocked = model.correction(features)  # 150 frames: blocks of 64, 64 and 22
    monkeypatch.setattr(am, "BLOCK", 1000)
    np.testing.assert_allclose(model.correction(features), blocked, rtol=1e-5, atol=1e-5)


def test_a_model_file_that_would_run_code_is_refused_and_runs_none(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    arrays = _arrays(am.LearnedCorrection.bundled())
    arrays["features"] = np.array([TouchOnUnpickle(marker)], dtype=object)
    path = tmp_path / "evil.npz"
    np.savez(path, **arrays)
    with pytest.raises(ModelUnavailable, match="evil.npz"):
        am.LearnedCorrection.load(path)
    assert not marker.exists()


def test_damaged_missing_or_mismatched_model_files_are_refused_by_name(tmp_path: Path) -> None:
    model = am.LearnedCorrection.bundled()
    with pytest.raises(ModelUnavailable, match="absent.npz"):
        am.LearnedCorrection.load(tmp_path / "absent.npz")
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(am.MODEL_FILE.read_bytes()[:500])
    with pytest.raises(ModelUnavailable, match="damaged.npz"):
        am.LearnedCorrection.load(damaged)
    other = _arrays(model)
    other["features"] = np.array(FEATURES[::-1])
    np.savez(tmp_path / "other.npz", **other)
    with pytest.raises(ModelUnavailable, match="other features"):
        am.LearnedCorrection.load(tmp_path / "other.npz")
    narrow = _arrays(model)
    narrow["w0"] = narrow["w0"][:, :-1]
    np.savez(tmp_path / "narrow.npz", **narrow)
    with pytest.raises(ModelUnavailable, match="shapes"):
        am.LearnedCorrection.load(tmp_path / "narrow.npz")
    # and what the script writes loads back the same
    np.savez(tmp_path / "same.npz", **_arrays(model))
    again = am.LearnedCorrection.load(tmp_path / "same.npz")
    assert again.context == model.context and again.features == model.features


def _split(music: np.ndarray, rain: np.ndarray) -> tuple[float, float]:
    _, (music_left, rain_kept) = split_background(music + rain, SR, sources=(music, rain))
    return (10 * np.log10(np.sum(music ** 2) / np.sum(music_left ** 2)),
            float(np.sum(rain_kept ** 2) / np.sum(rain ** 2)))


def test_the_learned_correction_keeps_more_rain_than_the_hand_made_share_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Measured: notes over rain, hand-made share alone (its logit, no correction) -26.0 dB music,
    # 87.5 % rain kept; with the correction -29.2 dB, 96.9 %.
    music, rain = _notes(8.0), _rain(8.0)
    learned = _split(music, rain)
    model = am.LearnedCorrection.bundled()
    (w0, b0), (w1, b1), (w2, b2) = model.layers
    silent = replace(model, layers=((w0, b0), (w1, b1), (w2 * 0, b2 * 0)))
    monkeypatch.setattr(am.LearnedCorrection, "bundled", staticmethod(lambda: silent))
    hand_made = _split(music, rain)
    assert learned[1] > hand_made[1] + 0.05, (learned, hand_made)
    assert learned[0] > hand_made[0] - 0.5, (learned, hand_made)
