"""The learned floor classifier: what it reads from a patch, and the model file it ships as."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from stemline.core.errors import ModelUnavailable
from stemline.engine.foley import surface_model
from stemline.engine.foley.surface import PatchLook, classify_surface
from stemline.engine.foley.surface_model import FEATURES, KINDS, SurfaceModel, features
from tests.payloads import TouchOnUnpickle, model_arrays

LOOK = PatchLook(150.0, 6.0, 4.0, 1.2, 0.3, 0.2, mirror=1.1, seams=1.4, bands=(0.6, 0.7, 0.5),
                 turns=(0.3, 0.2, 0.3, 0.2))


def _arrays() -> dict[str, np.ndarray]:
    return model_arrays(surface_model.MODEL_FILE)


def test_features_come_in_the_order_the_model_names_them() -> None:
    x = features(LOOK)
    assert x.shape == (len(FEATURES),)
    named = dict(zip(FEATURES, x))
    assert named["log_luma"] == pytest.approx(np.log(155.0))
    assert named["sat"] == 6.0 and named["warm"] == 4.0 and named["seams"] == 1.4 and named["mirror"] == 1.1
    assert named["log_band3"] == pytest.approx(np.log(0.55))
    assert [named[f"turn{a}"] for a in (0, 45, 90, 135)] == [0.3, 0.2, 0.3, 0.2]
    # a tiled floor under a lamp and a ball high over its mirror image read as "very"
    capped = features(replace(LOOK, seams=40.0, mirror=9.0))
    assert capped[FEATURES.index("seams")] == surface_model.SEAMS_CAP
    assert capped[FEATURES.index("mirror")] == surface_model.MIRROR_CAP


def test_the_model_ships_and_gives_a_probability_to_every_material() -> None:
    model = SurfaceModel.bundled()
    p = model.probabilities(LOOK)
    assert p.shape == (len(KINDS),) and p.sum() == pytest.approx(1.0) and (p > 0).all()
    assert model.kind(LOOK) == KINDS[int(np.argmax(p))]
    assert classify_surface(replace(LOOK, mirror=0.0), sideways=False) in KINDS
    # a contact that stopped sideways motion is a wall whatever the floor, and an unseen floor
    # is the most neutral hard one
    assert classify_surface(LOOK, sideways=True) == "wall"
    assert classify_surface(None, sideways=False) == "stone"


def test_a_model_file_that_would_run_code_is_refused_and_runs_none(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    arrays = _arrays()
    arrays["weights"] = np.array([TouchOnUnpickle(marker)], dtype=object)
    path = tmp_path / "evil.npz"
    np.savez(path, **arrays)
    with pytest.raises(ModelUnavailable, match="evil.npz"):
        SurfaceModel.load(path)
    assert not marker.exists()


def test_damaged_missing_or_mismatched_model_files_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="absent.npz"):
        SurfaceModel.load(tmp_path / "absent.npz")
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(surface_model.MODEL_FILE.read_bytes()[:300])
    with pytest.raises(ModelUnavailable, match="damaged.npz"):
        SurfaceModel.load(damaged)
    other = _arrays()
    other["features"] = np.array(FEATURES[::-1])
    np.savez(tmp_path / "other.npz", **other)
    with pytest.raises(ModelUnavailable, match="other features"):
        SurfaceModel.load(tmp_path / "other.npz")
    kinds = _arrays()
    kinds["kinds"] = np.array(KINDS[::-1])
    np.savez(tmp_path / "kinds.npz", **kinds)
    with pytest.raises(ModelUnavailable, match="materials"):
        SurfaceModel.load(tmp_path / "kinds.npz")
    narrow = _arrays()
    narrow["weights"] = narrow["weights"][:, :-1]
    np.savez(tmp_path / "narrow.npz", **narrow)
    with pytest.raises(ModelUnavailable, match="don't fit"):
        SurfaceModel.load(tmp_path / "narrow.npz")
    np.savez(tmp_path / "same.npz", **_arrays())
    assert np.array_equal(SurfaceModel.load(tmp_path / "same.npz").probabilities(LOOK),
                          SurfaceModel.bundled().probabilities(LOOK))


def test_the_scores_are_the_normalised_linear_model_the_file_holds(tmp_path: Path) -> None:
    """A hand-made file whose only weight is on the seams: a floor with them is the material
    that weight names, one without is the one the bias favours. Normalisation by the file's mean
    and std comes first (a unit std of 0 is taken as tiny, not divided by)."""
    n, k = len(FEATURES), len(KINDS)
    weights = np.zeros((k, n))
    weights[KINDS.index("tile"), FEATURES.index("seams")] = 5.0
    bias = np.zeros(k)
    bias[KINDS.index("stone")] = 1.0
    mean = np.zeros(n)
    mean[FEATURES.index("seams")] = 1.2
    std = np.ones(n)
    std[0] = 0.0
    np.savez(tmp_path / "seams.npz", features=np.array(FEATURES), kinds=np.array(KINDS), mean=mean, std=std,
             weights=weights, bias=bias)
    model = SurfaceModel.load(tmp_path / "seams.npz")
    assert model.kind(replace(LOOK, seams=2.0)) == "tile"
    assert model.kind(replace(LOOK, seams=1.0)) == "stone"
    p = model.probabilities(replace(LOOK, seams=1.2))
    assert p[KINDS.index("stone")] == pytest.approx(np.e / (np.e + k - 1))
