"""What was hit, and what hit it: the surface at a contact from what the picture shows there
(colour, detail at three scales, the direction of its lines, seams), and the object from its
motion.

Every surface kind has a look that survives a small, grainy picture only in part: plank floors
have long parallel seams and grain; tiles a grid of grout; concrete and stone blotchy,
direction-less texture; brushed metal fine streaks into the depth; carpet and fabric hardly any
structure at this scale. Colours overlap (grey-washed planks, sand tiles, green-grey carpet), so
which measure counts how much is learnt (:mod:`surface_model`), not set by hand. A polished floor
shows the object's mirror image, which meets the object at the contact. A contact that stopped
sideways motion is against a wall.

The picture comes from the background model (``MotionSegmenter.background``): the surface as the
camera saw it without the object on it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import cv2
import numpy as np

from stemline.core.project import OBJECTS, SURFACES  # noqa: F401  (the names this module returns)
from stemline.engine.foley.surface_model import SurfaceModel


@dataclass(frozen=True)
class PatchLook:
    """Measurements of a surface patch.

    Attributes
    ----------
    luma : mean brightness 0..255.
    sat : mean chroma magnitude (0 for grey).
    warm : chroma along the orange/brown direction (V - U)/sqrt(2); wood is clearly positive.
    structure : std of the band-pass picture (seams, grout, blotches), luma units.
    lines : 0..1, how much of the gradient energy runs in one direction (planks, streaks).
    grid : 0..1, how much of the gradient energy runs in two distinct directions, both strong
        (the two sets of grout lines of tiles, at whatever angle perspective puts them).
    mirror : how tall the moving region at the contact was, in heights of the object alone (set
        by the spotter; 0: not measured). About 1 for the object, a little more with its contact
        shadow or motion blur; about 2 when a polished floor shows its mirror image and the two
        meet at the contact.
    seams : the strongest thin straight line across the floor in front of the contact, in the
        noise units of the line measure (:func:`seam_lines`; 0: not measured). Grout between
        tiles reaches 1.3-3.3; concrete, carpet and steel stay under 1.3.
    bands : std of the patch in three octaves of detail (Gaussian sigma 0.7-1.5, 1.5-3 and 3-6
        px): pile is fine or nothing, concrete's blotches coarse, planks both.
    turns : shares of the gradient energy whose direction lies within 22.5 degrees of 0, 45, 90
        and 135 degrees from the picture's x axis (0: upright edges, 90: edges across the
        picture): planks run one way, tiles two, steel's streaks into the depth, blotches every
        way.
    """

    luma: float
    sat: float
    warm: float
    structure: float
    lines: float
    grid: float
    mirror: float = 0.0
    seams: float = 0.0
    bands: tuple[float, float, float] = (0.0, 0.0, 0.0)
    turns: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def _two_directions(gx: np.ndarray, gy: np.ndarray) -> float:
    """Share of gradient energy in the two strongest orientations beyond what a direction-less
    texture puts there, times how evenly the two share it (0: none or one direction)."""
    ang = (np.arctan2(gy, gx) % np.pi) / np.pi * 18.0
    hist = np.bincount(np.minimum(ang.astype(np.int64).ravel(), 17), weights=(gx * gx + gy * gy).ravel(),
                       minlength=18)
    total = float(hist.sum())
    if total <= 0:
        return 0.0
    near = lambda k: [(k + d) % 18 for d in (-1, 0, 1)]  # noqa: E731
    p1 = int(np.argmax(hist))
    rest = hist.copy()
    rest[[(p1 + d) % 18 for d in (-2, -1, 0, 1, 2)]] = 0
    p2 = int(np.argmax(rest))
    e1, e2 = float(hist[near(p1)].sum()), float(hist[near(p2)].sum())
    excess = ((e1 + e2) / total - 6.0 / 18.0) / (1.0 - 6.0 / 18.0)
    return float(np.clip(excess, 0.0, 1.0) * min(e1, e2) / max(e1, e2, 1e-9))


#: Orientations the seam measure tries (degrees apart) and the pieces each line is cut into.
SEAM_STEP, SEAM_PIECES = 6, 3
#: The stretch of floor searched for seams, as shares of the picture width (64 x 24 px at 320):
#: several tiles' worth of grout at the distances the corpus shows floors.
SEAM_HALF_WIDTH, SEAM_HEIGHT = 0.1, 0.075


def _with_margin(luma: np.ndarray, x0: int, x1: int, y0: int, y1: int, m: int = 6
                 ) -> tuple[np.ndarray, tuple[slice, slice]]:
    """The patch ``[y0:y1, x0:x1]`` of ``luma`` with up to ``m`` pixels around it (so that
    filters don't see its edges), as float32, and where the patch lies in it."""
    h, w = luma.shape
    Y0, X0 = max(0, y0 - m), max(0, x0 - m)
    region = np.ascontiguousarray(luma[Y0:min(h, y1 + m), X0:min(w, x1 + m)], np.float32)
    return region, (slice(y0 - Y0, y1 - Y0), slice(x0 - X0, x1 - X0))


@functools.lru_cache(maxsize=16)
def _seam_bins(ph: int, pw: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The Radon geometry of a ``ph`` x ``pw`` patch, made once per patch size: for every
    orientation, pixel and piece, the two bins (orientation, piece, line offset) a pixel is
    shared between and its share of each (linear in its distance from each line: nearest-line
    binning alone aliases oblique lines into a comb of fuller and emptier bins); how much
    each bin holds; and which lines are long enough to count (over 0.6 of the patch's smaller
    side). Along its line, a pixel belongs to the third it lies in."""
    angles = np.deg2rad(np.arange(0, 180, SEAM_STEP))
    side = int(np.hypot(ph, pw)) + 3
    yy, xx = np.mgrid[0:ph, 0:pw]
    x, y = xx.ravel() - (pw - 1) / 2, yy.ravel() - (ph - 1) / 2
    bins = np.empty((2, len(angles), x.size), np.intp)
    share = np.empty((2, len(angles), x.size))
    for a, th in enumerate(angles):
        u = x * np.cos(th) + y * np.sin(th) + side / 2
        v = -x * np.sin(th) + y * np.cos(th)
        col = np.floor(u).astype(np.intp)
        near = np.rint(u).astype(np.intp)
        count = np.bincount(near, minlength=side)
        order = np.lexsort((v, near))  # by line, then along it
        start = np.cumsum(count) - count
        rank = np.empty(x.size, np.intp)
        rank[order] = np.arange(x.size) - start[near[order]]
        piece = rank * SEAM_PIECES // count[near]
        base = (a * SEAM_PIECES + piece) * side
        bins[0, a], bins[1, a] = base + col, base + col + 1
        share[1, a] = u - col
        share[0, a] = 1.0 - share[1, a]
    size = len(angles) * SEAM_PIECES * side
    held = np.bincount(bins.ravel(), weights=share.ravel(), minlength=size).reshape(len(angles), SEAM_PIECES, side)
    long_enough = held.sum(axis=1) >= 0.6 * min(ph, pw)
    return bins.ravel(), share.ravel(), np.maximum(held, 1e-6), long_enough


def seam_strengths(luma: np.ndarray, x: float, top: float, half_w: float, height: float) -> np.ndarray:
    """How strongly a thin straight line (a seam: grout between tiles, a joint between planks)
    crosses the whole patch ``[x - half_w, x + half_w] x [top, top + height]``, per orientation
    (:data:`SEAM_STEP` degrees apart); zeros where the patch is too small.

    The patch's band-pass picture is averaged along straight lines at every orientation (a
    Radon transform). A seam is a narrow ridge or valley in that profile: higher (or lower)
    than the profile two pixels to *both* sides (a step edge, such as a shadow's or an
    object's, rises on one side only). A line counts only by its weakest third: a blob or a
    short edge fills one piece of a line, a seam all three. The result is in units of the
    profile's robust spread at that scale, so grain and the texture of stone or pile set the
    unit. Grout lines of 1-2 px at 320 px wide are below the grain pixel by pixel (the
    patch-level ``grid`` misses most of them), but not averaged over 60 px of line."""
    h, w = luma.shape
    x0, x1 = int(max(0, x - half_w)), int(min(w, x + half_w))
    y0, y1 = int(max(0, top)), int(min(h, top + height))
    n_angles = len(range(0, 180, SEAM_STEP))
    if x1 - x0 < 16 or y1 - y0 < 10:
        return np.zeros(n_angles)
    region, inner = _with_margin(luma, x0, x1, y0, y1)
    band = (cv2.GaussianBlur(region, (0, 0), 0.8) - cv2.GaussianBlur(region, (0, 0), 3.0))[inner]
    bins, share, held, long_enough = _seam_bins(*band.shape)
    weights = share * np.tile(band.ravel().astype(np.float64), 2 * n_angles)
    # (orientation, piece, offset)
    means = np.bincount(bins, weights=weights, minlength=held.size).reshape(held.shape) / held
    centre, left, right = means[..., 2:-2], means[..., :-4], means[..., 4:]
    ok = long_enough[:, 2:-2] & long_enough[:, :-4] & long_enough[:, 4:]
    up = np.minimum(centre - left, centre - right)
    down = np.minimum(left - centre, right - centre)
    spread = (centre - 0.5 * (left + right)).transpose(1, 0, 2)[:, ok]
    unit = 1.4826 * float(np.median(np.abs(spread - np.median(spread)))) + 1e-6
    # a line's score is its weakest piece, bright seams and dark ones alike
    best = np.maximum(np.where(up > 0, up, 0.0).min(axis=1), np.where(down > 0, down, 0.0).min(axis=1))
    return np.where(ok, best, 0.0).max(axis=1) / unit


def seam_lines(luma: np.ndarray, x: float, top: float, half_w: float, height: float) -> float:
    """The strongest seam across the patch (:func:`seam_strengths`)."""
    return float(seam_strengths(luma, x, top, half_w, height).max())


def look_at(luma: np.ndarray, chroma: tuple[np.ndarray, np.ndarray] | None, x: float, y: float,
            half_w: float, half_h: float) -> PatchLook | None:
    """Measure the patch centred at (x, y) with the given half sizes (pixels); None when it lies
    outside the picture."""
    h, w = luma.shape
    x0, x1 = int(max(0, x - half_w)), int(min(w, x + half_w + 1))
    y0, y1 = int(max(0, y - half_h)), int(min(h, y + half_h + 1))
    if x1 - x0 < 6 or y1 - y0 < 5:
        return None
    region, inner = _with_margin(luma, x0, x1, y0, y1)
    fine = cv2.GaussianBlur(region, (0, 0), 1.0)
    coarse = cv2.GaussianBlur(region, (0, 0), 4.0)
    band = (fine - coarse)[inner]
    gx = cv2.Sobel(fine, cv2.CV_32F, 1, 0, ksize=3)[inner]
    gy = cv2.Sobel(fine, cv2.CV_32F, 0, 1, ksize=3)[inner]
    # structure tensor over the patch: coherence of the gradient directions
    jxx, jyy, jxy = float(np.mean(gx * gx)), float(np.mean(gy * gy)), float(np.mean(gx * gy))
    tr = jxx + jyy + 1e-6
    coherence = float(np.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / tr)
    grid = _two_directions(gx, gy)
    if chroma is not None:
        u = float(np.mean(chroma[0][y0:y1, x0:x1]))
        v = float(np.mean(chroma[1][y0:y1, x0:x1]))
    else:
        u = v = 0.0
    return PatchLook(float(np.mean(luma[y0:y1, x0:x1])), float(np.hypot(u, v)), float((v - u) / np.sqrt(2)),
                     float(np.std(band)), coherence, grid, bands=_bands(luma, x0, x1, y0, y1),
                     turns=_turns(gx, gy))


#: Gaussian sigmas (px) bounding the octaves of :attr:`PatchLook.bands`.
OCTAVES = (0.7, 1.5, 3.0, 6.0)


def _bands(luma: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> tuple[float, float, float]:
    region, inner = _with_margin(luma, x0, x1, y0, y1, m=12)
    blurred = [cv2.GaussianBlur(region, (0, 0), s) for s in OCTAVES]
    return tuple(float(np.std((a - b)[inner])) for a, b in zip(blurred, blurred[1:]))  # type: ignore[return-value]


def _turns(gx: np.ndarray, gy: np.ndarray) -> tuple[float, float, float, float]:
    """Shares of gradient energy within 22.5 degrees of 0, 45, 90 and 135 degrees."""
    energy = gx * gx + gy * gy
    quarter = np.rint((np.arctan2(gy, gx) % np.pi) / (np.pi / 4)).astype(np.int64) % 4
    shares = np.bincount(quarter.ravel(), weights=energy.ravel(), minlength=4) / (float(energy.sum()) + 1e-9)
    return tuple(float(v) for v in shares)  # type: ignore[return-value]


def floor_look(luma: np.ndarray, chroma: tuple[np.ndarray, np.ndarray] | None, cx: float, cy: float,
               r: float) -> PatchLook | None:
    """The floor at a contact of an object centred at (cx, cy) with radius ``r`` (pixels of the
    picture ``luma``, at the analysis size): its look just in front of (below, in the picture)
    where the object met it, and the seams across a wider stretch starting clear of the object
    and its shadow. None when the patch lies outside the picture. The one measure the spotter
    and ``benchmarks/scenes3d/surface_looks.py`` take."""
    look = look_at(luma, chroma, cx, cy + 2.5 * r, max(6.0, 3.0 * r), max(4.0, 1.5 * r))
    if look is None:
        return None
    width = luma.shape[1]
    return replace(look, seams=seam_lines(luma, cx, cy + 1.5 * r, SEAM_HALF_WIDTH * width, SEAM_HEIGHT * width))


def classify_surface(look: PatchLook | None, *, sideways: bool) -> str:
    """The surface kind a contact was on (one of :data:`SURFACES`).

    Parameters
    ----------
    look : the patch where the object met the surface (None: not visible).
    sideways : the contact stopped or reversed sideways motion (a wall).
    """
    if sideways:
        return "wall"
    if look is None:
        return "stone"  # the most neutral guess: a hard floor
    if look.mirror >= MIRROR and look.sat < MIRROR_GREY:
        # the object met its own mirror image on a greyish floor: polished metal (a coloured
        # floor can't be told this way: a blue carpet's pile made one 1.8 high on the corpus)
        return "metal"
    # colour, detail, lines and seams together, weighed as learnt on floors of every colour
    return SurfaceModel.bundled().kind(look)


def _floors(looks: list[PatchLook | None], shots: list[int]) -> list[tuple[list[int], np.ndarray]]:
    """The contacts with a look, by shot: (their indices, their floor colours as rows of
    (luma, saturation, warmth)); :func:`_same_floor` tells which of them share a floor."""
    by_shot: dict[int, list[int]] = {}
    for i, look in enumerate(looks):
        if look is not None:
            by_shot.setdefault(shots[i], []).append(i)
    return [(members, np.array([(looks[i].luma, looks[i].sat, looks[i].warm)  # type: ignore[union-attr]
                                for i in members])) for members in by_shot.values()]


def _same_floor(colour: np.ndarray, row: int) -> np.ndarray:
    """Which contacts (rows of ``colour``) lie on a floor of the colour of contact ``row``: one
    row at a time, as an hour of footsteps in one shot is thousands of contacts."""
    return (np.abs(colour - colour[row]) <= np.array([SAME_LUMA, SAME_CHROMA, SAME_CHROMA])).all(axis=1)


def floor_seams(looks: list[PatchLook | None], shots: list[int]) -> list[PatchLook | None]:
    """``looks`` with each one's seam strength the median over the contacts of its shot on a
    floor of the same colour: the floor's seams. One stretch of floor can hold a straight edge
    that is no seam (a shoe standing still long enough to be in the background model, the edge
    of a shadow), and grout can lie just outside another; over the contacts on one floor the
    median tells tiles from concrete where single contacts don't (per rendered scene the
    medians of tiles and concrete overlap nowhere above 1.3)."""
    out = list(looks)
    for members, colour in _floors(looks, shots):
        seams = np.array([looks[i].seams for i in members])  # type: ignore[union-attr]
        for row, i in enumerate(members):
            floor = float(np.median(seams[_same_floor(colour, row)]))
            out[i] = replace(looks[i], seams=floor)  # type: ignore[arg-type]
    return out


def agree_on_floors(looks: list[PatchLook | None], surfaces: list[str], shots: list[int]) -> list[str]:
    """``surfaces`` (one per contact, from :func:`classify_surface`) after each floor contact has
    heard the others of its shot on a floor of the same colour.

    One patch of a small, grainy picture is often ambiguous (a grey tile whose grout lines fall
    outside it reads as concrete), but a shot's floor is mostly one floor, seen at every contact
    on it: the kind most of those contacts read wins; a tie keeps each contact's own reading.
    Contacts on a floor of another colour (a rug on planks) don't vote, nor walls. Compared a
    shot at a time and with arrays: an hour of footsteps is thousands of contacts."""
    out = list(surfaces)
    for members, colour in _floors([look if surf != "wall" else None for look, surf in zip(looks, surfaces)],
                                   shots):
        kinds, code = np.unique([surfaces[i] for i in members], return_inverse=True)
        for row, i in enumerate(members):
            votes = np.bincount(code[_same_floor(colour, row)], minlength=len(kinds))
            leaders = np.flatnonzero(votes == votes.max())
            if code[row] not in leaders and len(leaders) == 1:
                out[i] = str(kinds[leaders[0]])
    return out


#: How far two patches' brightness and chroma may differ and still be one floor (a lamp, the
#: vignetting of a lens and grain move a floor's patches by 10-15 levels of luma, 1-2 of chroma;
#: over the 60 rendered scenes 10-30 and 2-5 gave the same result, 75-76 % right from 68 %).
SAME_LUMA, SAME_CHROMA = 20.0, 3.0
#: Seam strength (:func:`seam_lines`) from which a floor's seams are grout. Per rendered
#: scene (median over its contacts, 112 scenes) tiles read 0.6-3.4 (15 of 25 scenes over 1.3),
#: concrete at most 1.26, carpet 1.10, steel 1.27. The classifier weighs the strength itself;
#: this is what the seam measure's tests hold it to.
SEAMS = 1.3
#: Height of the moving region at a contact, in object heights, from which it holds a mirror
#: image, and the chroma magnitude under which the floor is greyish enough to be metal
#: (measured on the rendered corpus: 14 of 16 contacts on metal 1.55-3.05; on grey stone and
#: tiles at most 1.43; on coloured wood and carpet up to 1.81, at chroma 20-23, metal at most 10).
MIRROR = 1.5
MIRROR_GREY = 12.0


def guess_object(kind: str, reversal: bool, size: float) -> str:
    """What hit: a foot (steps), a ball (bounces), else a box or something set down.

    ``size`` is the object's size as a share of the picture width (a big thing that bounces is
    still more likely a ball than a box).
    """
    if kind == "step":
        return "foot"
    if reversal:
        return "ball"
    return "box"
