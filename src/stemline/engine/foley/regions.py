"""Foreground that is no object: the light changing, and ghosts.

A swinging lamp moves shadows and bright patches over the room; an object that stood still long
enough to be learnt (or was there when the shot began) leaves a ghost in the background model
when it moves away. Both differ from the model as much as a real object does; these checks tell
them apart per region, so the model can take them in at once.
"""
from __future__ import annotations

import cv2
import numpy as np

Planes = list[np.ndarray]
_K3 = np.ones((3, 3), np.uint8)


def explain_regions(fg8: np.ndarray, cur: Planes, bg: Planes, *, noise: float, min_area_px: float
                    ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Foreground regions that are no object: (lighting, ghosts) masks, or None for each.

    Lighting: a swinging lamp's moving shadows and bright patches. Under a change of light a
    surface keeps its colour (luma and both chroma components scale together) and its
    texture (local correlation with the background stays high; a flat surface stays flat).
    A region where nearly every pixel says so is lighting; an object says otherwise at
    least along its outline.

    Ghosts: the background still holds an object that has since moved away (it was there
    when the shot began, or stood still long enough to be learnt). A real object has edges
    along its outline in this picture; a ghost has them only in the background.

    Both are judged per region on a half-size picture (a quarter of the work; regions are
    several pixels across anyway) and their verdicts drawn back at full size.
    """
    height, width = fg8.shape
    if cv2.countNonZero(fg8) < min_area_px:
        return None, None
    small = cv2.resize(fg8, (width // 2, height // 2), interpolation=cv2.INTER_AREA)
    small = cv2.compare(small, 64, cv2.CMP_GT)
    # plain labels, areas counted below: OpenCV's statistics cost ten times the labelling here
    n, lab = cv2.connectedComponents(small, connectivity=8, ltype=cv2.CV_32S)
    if n <= 1:
        return None, None
    c = [cv2.pyrDown(cur[0]), *cur[1:]]
    b = [cv2.pyrDown(bg[0]), *bg[1:]]
    # only the part of the picture that holds foreground (and a margin for the filters)
    hh, ww = lab.shape
    x, y, bw, bh = cv2.boundingRect(small)
    x0, y0 = max(0, x - 4), max(0, y - 4)
    x1, y1 = min(ww, x + bw + 4), min(hh, y + bh + 4)
    roi = (slice(y0, y1), slice(x0, x1))
    full_lab, lab = lab, lab[roi]
    c = [p[:hh, :ww][roi] for p in c]
    b = [p[:hh, :ww][roi] for p in b]
    yc, yb = c[0], b[0]
    noise = max(noise, 1.0)
    # ---- lighting
    ratio = cv2.divide(yc + 4.0, yb + 4.0)
    ok = cv2.inRange(ratio, 0.3, 3.0)
    if len(c) == 3:
        hue = cv2.add(cv2.absdiff(c[1], cv2.multiply(b[1], ratio)),
                      cv2.absdiff(c[2], cv2.multiply(b[2], ratio)))
        ok = cv2.bitwise_and(ok, cv2.compare(hue, 5.0, cv2.CMP_LT))
    k = (5, 5)
    mc, mb = cv2.blur(yc, k), cv2.blur(yb, k)
    vc = cv2.blur(cv2.multiply(yc, yc), k) - cv2.multiply(mc, mc)
    vb = cv2.blur(cv2.multiply(yb, yb), k) - cv2.multiply(mb, mb)
    cov = cv2.blur(cv2.multiply(yc, yb), k) - cv2.multiply(mc, mb)
    # texture weaker than a few times the noise can't vouch for anything: such a surface
    # only has to stay about as flat as it was
    flat = max(9.0 * noise * noise, 6.0)
    textured = cv2.compare(vb, flat, cv2.CMP_GT)
    same = cv2.compare(cov, 0.6 * cv2.sqrt(cv2.max(cv2.multiply(vc, vb), 1e-6)), cv2.CMP_GT)
    still_flat = cv2.compare(vc, flat * cv2.max(ratio, 1.0) ** 2, cv2.CMP_LE)
    tex_ok = cv2.bitwise_or(cv2.bitwise_and(textured, same),
                            cv2.bitwise_and(cv2.bitwise_not(textured), still_flat))
    ok = cv2.bitwise_and(ok, tex_ok)
    flat_lab = lab.ravel()
    area = np.maximum(np.bincount(flat_lab, minlength=n), 1)  # every region lies inside the ROI
    share = np.bincount(flat_lab[ok.ravel() > 0], minlength=n) / area
    light = share >= 0.85
    light[0] = False
    # ---- ghosts
    edge = cv2.morphologyEx(small[roi], cv2.MORPH_GRADIENT, _K3)
    idx = np.flatnonzero(edge)
    ghost = np.zeros(n, bool)
    if len(idx):
        cur_g = cv2.magnitude(cv2.Sobel(yc, cv2.CV_32F, 1, 0, ksize=3),
                              cv2.Sobel(yc, cv2.CV_32F, 0, 1, ksize=3)).ravel()[idx]
        bg_g = cv2.magnitude(cv2.Sobel(yb, cv2.CV_32F, 1, 0, ksize=3),
                             cv2.Sobel(yb, cv2.CV_32F, 0, 1, ksize=3)).ravel()[idx]
        # the outline ring straddles the region's edge: label it by the region it touches
        grown = cv2.dilate(lab.astype(np.float32), _K3).astype(np.int32).ravel()[idx]
        cnt = np.maximum(np.bincount(grown, minlength=n), 1)
        cur_m = np.bincount(grown, weights=cur_g, minlength=n) / cnt
        bg_m = np.bincount(grown, weights=bg_g, minlength=n) / cnt
        floor = 6.0 * noise  # Sobel of noise alone is a few times the noise
        ghost = (bg_m > floor) & (cur_m < 0.5 * bg_m) & (4 * area >= min_area_px) & ~light
        ghost[0] = False

    def full(sel: np.ndarray) -> np.ndarray | None:
        if not sel.any():
            return None
        m = sel[full_lab].view(np.uint8) * 255
        big = cv2.resize(m, (width, height), interpolation=cv2.INTER_NEAREST)
        return cv2.bitwise_and(cv2.dilate(big, _K3), fg8)

    return full(light), full(ghost)
