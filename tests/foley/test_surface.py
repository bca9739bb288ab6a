"""What was hit and what hit it: surface looks measured on synthetic patches, object guesses, and
the sound choice following both (the floor model itself: test_surface_model.py)."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.make_library import builtin_library_dir
from stemline.engine.foley.library import SoundLibrary
from stemline.engine.foley.matching import SoundMatcher
from stemline.engine.foley.surface import classify_surface, guess_object, look_at

H, W = 90, 160


def _yuv(rgb: np.ndarray) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """float RGB 0..255 -> (Y, (U, V)) as the decoder delivers them (BT.601, chroma centred)."""
    img = np.clip(rgb, 0, 255).astype(np.uint8)
    yuv = cv2.cvtColor(img, cv2.COLOR_RGB2YUV).astype(np.float32)
    return yuv[..., 0], (yuv[..., 1] - 128.0, yuv[..., 2] - 128.0)


def _noise(seed: int, sigma: float = 1.5) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, sigma, (H, W, 1)).astype(np.float32)


def _planks() -> np.ndarray:
    yy, xx = np.mgrid[0:H, 0:W]
    base = np.array([150, 100, 60], np.float32)
    tone = 1.0 + 0.12 * np.sin(xx / 3.0 + 4 * np.sin(yy / 7.0))[..., None]
    img = base * tone
    img[yy % 9 == 0] *= 0.55  # seams between boards
    return img + _noise(1)


def _tiles(colour=(200, 200, 198)) -> np.ndarray:
    yy, xx = np.mgrid[0:H, 0:W]
    img = np.broadcast_to(np.array(colour, np.float32), (H, W, 3)).copy()
    grout = (yy % 12 < 1) | (xx % 12 < 1)
    img[grout] = (120, 120, 118)
    return img + _noise(2)


def _concrete() -> np.ndarray:
    rng = np.random.default_rng(3)
    blot = cv2.GaussianBlur(rng.normal(0, 30, (H, W)).astype(np.float32), (0, 0), 2.0)
    return np.repeat((170 + blot)[..., None], 3, axis=2) + _noise(4)


def _carpet(colour=(150, 40, 40)) -> np.ndarray:
    return np.broadcast_to(np.array(colour, np.float32), (H, W, 3)) + _noise(5, 1.0)


def _brushed() -> np.ndarray:
    rng = np.random.default_rng(6)
    streaks = cv2.GaussianBlur(rng.normal(0, 25, (H, W)).astype(np.float32), (0, 0), sigmaX=12.0, sigmaY=0.7)
    return np.repeat((140 + streaks)[..., None], 3, axis=2) + _noise(7)


def test_every_patch_gets_the_learnt_measures_of_detail_and_direction() -> None:
    """The octaves of detail and the shares of edge directions the floor model reads: planks
    (seams across the picture) put their edge energy at 90 degrees to the picture's x axis and
    more detail in the fine octaves than smooth pile; every share is a share."""
    planks = look_at(*_yuv(_planks()), W / 2, H / 2, 30, 20)
    pile = look_at(*_yuv(_carpet()), W / 2, H / 2, 30, 20)
    assert planks is not None and pile is not None
    for look in (planks, pile):
        assert sum(look.turns) == pytest.approx(1.0, abs=1e-6) and min(look.turns) >= 0.0
        assert all(b > 0.0 for b in look.bands)
    assert max(planks.turns) == planks.turns[2] and planks.turns[2] > 0.5
    assert planks.bands[0] > 2.0 * pile.bands[0] and planks.bands[1] > 2.0 * pile.bands[1]


def test_sideways_contacts_are_walls_and_unseen_floors_are_hard() -> None:
    luma, chroma = _yuv(_carpet())
    assert classify_surface(look_at(luma, chroma, 80, 45, 30, 20), sideways=True) == "wall"
    assert classify_surface(None, sideways=False) == "stone"
    assert look_at(luma, chroma, 500, 45, 30, 20) is None  # outside the picture


@pytest.mark.parametrize("make,mirror,metal", [
    (_concrete, 2.2, True), (_tiles, 1.6, True),           # grey floors showing a mirror image
    (_planks, 1.7, False), (lambda: _carpet((40, 60, 140)), 1.8, False)])  # coloured floors
def test_a_mirror_image_at_the_contact_makes_a_grey_floor_metal(make, mirror: float, metal: bool) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    luma, chroma = _yuv(make())
    look = look_at(luma, chroma, W / 2, H / 2, 30, 20)
    assert look is not None and look.mirror == 0.0
    assert (classify_surface(replace(look, mirror=mirror), sideways=False) == "metal") == metal
    assert classify_surface(replace(look, mirror=mirror), sideways=True) == "wall"


def test_objects_follow_the_motion() -> None:
    assert guess_object("step", False, 0.05) == "foot"
    assert guess_object("impact", True, 0.03) == "ball"
    assert guess_object("landing", False, 0.08) == "box"
    assert guess_object("slam", False, 0.08) == "box"


@pytest.fixture(scope="module")
def sounds() -> list:
    return list(SoundLibrary.open(builtin_library_dir()).sounds)


@pytest.mark.parametrize("kind,obj,surface,word", [
    ("impact", "ball", "metal", "metal"), ("impact", "ball", "wood", "wood"),
    ("impact", "ball", "glass", "glass"), ("impact", "ball", "carpet", "thud"),
    ("step", "foot", "wood", "wood"), ("step", "foot", "tile", "concrete"),
    ("landing", "box", "carpet", "thud")])
def test_the_sound_follows_what_hit_what(sounds, kind: str, obj: str, surface: str,  # type: ignore[no-untyped-def]
                                         word: str) -> None:
    ev = ContactEvent(1.0, 0.0, 0.3, 0.05, 0.8, kind, surface=surface, object=obj)
    pick = SoundMatcher(sounds, seed=1).choose(ev)
    assert word in pick.name.lower(), pick.name
    if obj == "foot":
        assert pick.category == "FOOTSTEPS"


def test_a_shots_floor_contacts_agree_on_one_floor_of_one_colour() -> None:
    """A grey tile whose grout fell outside its patch reads as concrete; the shot's other
    contacts on the same floor read tile, and they outvote it. A rug of another colour, a wall,
    an unseen floor and another shot keep their own reading; a tie changes nothing."""
    from stemline.engine.foley.surface import PatchLook, agree_on_floors

    tile = PatchLook(185.0, 1.0, 0.2, 1.3, 0.2, 0.2)
    rug = PatchLook(120.0, 9.0, 6.0, 0.6, 0.1, 0.05)
    looks = [tile, tile, tile, tile, rug, tile, None, tile]
    surfaces = ["tile", "stone", "tile", "wall", "carpet", "tile", "stone", "stone"]
    shots = [0, 0, 0, 0, 0, 0, 0, 1]
    assert agree_on_floors(looks, surfaces, shots) == [
        "tile", "tile", "tile", "wall", "carpet", "tile", "stone", "stone"]
    assert agree_on_floors([tile, tile], ["tile", "stone"], [0, 0]) == ["tile", "stone"]


def _grainy_floor(seed: int, lines: str = "", size=(24, 64)) -> np.ndarray:
    """A 320-px floor stretch as the background model holds it: concrete-like blotches and
    grain, and optionally faint grout (``"grid"``), one step edge across it (``"edge"``, an
    object's or a shadow's) or a short dark bar (``"bar"``, a shoe at rest)."""
    h, w = size
    rng = np.random.default_rng(seed)
    img = 170 + cv2.GaussianBlur(rng.normal(0, 10, (h, w)).astype(np.float32), (0, 0), 2.0)
    yy, xx = np.mgrid[0:h, 0:w]
    if lines == "grid":  # grout 1 px wide, 3 levels lighter: under the grain pixel by pixel
        img[(yy % 11 == 5) | ((xx + yy // 4) % 13 == 6)] += 3.0
    elif lines == "edge":
        img[yy > 0.4 * xx * h / w + 4] -= 12.0
    elif lines == "bar":
        img[3:7, 10:26] -= 30.0
    return img + rng.normal(0, 2.0, (h, w)).astype(np.float32)


def test_faint_grout_is_a_seam_that_blotches_edges_and_bars_are_not() -> None:
    """Grout under the grain adds up along its lines; concrete's blotches, a step edge across
    the floor and a short bar don't. Judged as the spotter judges a floor, by the median over
    several stretches of it (one stretch of any kind can reach the threshold)."""
    from stemline.engine.foley.surface import SEAMS, seam_lines

    def median(kind: str) -> float:
        return float(np.median([seam_lines(_grainy_floor(seed, kind), 32.0, 0.0, 32.0, 24.0)
                                for seed in range(11, 21)]))

    assert median("grid") > SEAMS + 0.3
    for kind in ("", "edge", "bar"):
        assert median(kind) < SEAMS - 0.2, kind
    # too little of the stretch in the picture: nothing measured
    assert seam_lines(_grainy_floor(11, "grid"), 32.0, 20.0, 32.0, 24.0) == 0.0


def test_a_floors_seams_are_the_median_over_its_contacts_in_the_shot() -> None:
    """One contact's stretch held a straight edge (a shoe at rest): the floor's other contacts
    outvote it; contacts on a rug of another colour and in another shot keep their own; and a
    grey floor with seams reads tile."""
    from dataclasses import replace

    from stemline.engine.foley.surface import SEAMS, PatchLook, floor_seams

    grey = PatchLook(175.0, 1.0, 0.2, 1.1, 0.2, 0.05)
    looks = [replace(grey, seams=s) for s in (1.1, 0.9, 2.9, 1.0)]
    rug = replace(grey, luma=120.0, sat=9.0, warm=6.0, seams=2.0)
    out = floor_seams([*looks, rug, None, replace(grey, seams=1.6)], [0, 0, 0, 0, 0, 0, 1])
    assert [round(o.seams, 2) for o in out[:4]] == [1.05] * 4
    assert out[4].seams == 2.0 and out[5] is None and out[6].seams == 1.6
    assert 1.05 < SEAMS < 1.6
