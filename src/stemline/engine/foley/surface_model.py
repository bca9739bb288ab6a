"""The learned floor classifier: which material a floor patch shows, from what
:func:`surface.look_at` and :func:`surface.seam_lines` measure there.

Hand-made thresholds on colour (warm is wood, tinted without structure is carpet, grey is
concrete or steel) read the corpus's floors, whose colours were picked per material, and failed
on floors of other colours (light oak read as steel, sand tiles and green-grey carpet as other
things: 2 of 25 contacts on blind38). How much colour says, and how much the texture at this
scale says, is learnt instead: a multinomial logistic regression over :data:`FEATURES`, trained
by ``benchmarks/scenes3d/train_surface.py`` on the spotter's own contacts in short rendered
scenes (balls dropped; feet walking, a box and a ball) on floors of every material in colours
drawn at random over what each material has in a house (``surface_looks.py --set drops`` and
``walks``), never on a scene or a floor colour of the corpus. The mirror rule in
:func:`surface.classify_surface` still comes first. The weights ship as plain arrays
(``surface_model.npz``, read with pickling off: loading it runs no code).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from stemline.core.errors import ModelUnavailable
from stemline.core.npz import read_arrays

if TYPE_CHECKING:
    from stemline.engine.foley.surface import PatchLook

MODEL_FILE = Path(__file__).with_name("surface_model.npz")
#: The materials a floor can be, in the model's output order.
KINDS = ("wood", "tile", "stone", "carpet", "metal")
#: The inputs, in order (a model file names them; one made for others is refused).
FEATURES = ("log_luma", "sat", "warm", "log_structure", "lines", "grid", "seams",
            "log_band1", "log_band2", "log_band3", "turn0", "turn45", "turn90", "turn135", "mirror")
#: Seam strengths past this are all "clearly grout" (a tiled floor under a lamp reads up to 10).
SEAMS_CAP = 6.0
#: Mirror heights past this are all "a mirror image" (a tall one is a ball high over the floor).
MIRROR_CAP = 3.0
_KEYS = ("features", "kinds", "mean", "std", "weights", "bias")


def features(look: PatchLook) -> np.ndarray:
    """:data:`FEATURES` of one patch: brightness and detail on log scales (a dark floor's
    texture is as strong, relatively, as a bright one's)."""
    return np.array([math.log(look.luma + 5.0), look.sat, look.warm, math.log(look.structure + 0.1),
                     look.lines, look.grid, min(look.seams, SEAMS_CAP),
                     *(math.log(b + 0.05) for b in look.bands), *look.turns, min(look.mirror, MIRROR_CAP)],
                    np.float64)


@dataclass(frozen=True)
class SurfaceModel:
    """Normalisation and the linear scores of each of :data:`KINDS`."""

    mean: np.ndarray
    std: np.ndarray
    weights: np.ndarray  # (kinds, features)
    bias: np.ndarray     # (kinds,)

    @staticmethod
    @lru_cache(maxsize=1)
    def bundled() -> SurfaceModel:
        """The model that ships with Stemline (read once)."""
        return SurfaceModel.load(MODEL_FILE)

    @staticmethod
    def load(path: Path) -> SurfaceModel:
        """Read a model file, checking that it is one (arrays only, shapes that fit, made for
        :data:`FEATURES` and :data:`KINDS`).

        Raises
        ------
        ModelUnavailable
            When the file is missing, damaged or doesn't fit.
        """
        arrays = read_arrays(path, _KEYS, "surface model")
        if tuple(str(n) for n in arrays["features"]) != FEATURES or \
                tuple(str(k) for k in arrays["kinds"]) != KINDS:
            raise ModelUnavailable(f"{path}: made for other features or materials than this Stemline has")
        n, k = len(FEATURES), len(KINDS)
        if arrays["mean"].shape != (n,) or arrays["std"].shape != (n,) or \
                arrays["weights"].shape != (k, n) or arrays["bias"].shape != (k,):
            raise ModelUnavailable(f"{path}: its arrays don't fit {n} features and {k} materials")
        return SurfaceModel(arrays["mean"].astype(np.float64), np.maximum(arrays["std"], 1e-6).astype(np.float64),
                            arrays["weights"].astype(np.float64), arrays["bias"].astype(np.float64))

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Linear scores of each of :data:`KINDS` for rows of :data:`FEATURES` (n, features)."""
        return ((x - self.mean) / self.std) @ self.weights.T + self.bias

    def probabilities(self, look: PatchLook) -> np.ndarray:
        """How likely each of :data:`KINDS` is for this patch."""
        z = self.scores(features(look)[None, :])[0]
        e = np.exp(z - z.max())
        return e / e.sum()

    def kind(self, look: PatchLook) -> str:
        """The most likely material."""
        return KINDS[int(np.argmax(self.probabilities(look)))]
