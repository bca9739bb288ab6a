"""Per-frame motion segmentation: global motion, fades and cuts are explained away, what is left
are moving objects ("blobs") measured with sub-pixel centroids and their bounding edges.

The background model is the previous picture where nothing moved, shifted by the camera's global
motion (a pan) and scaled by its global gain (a fade), so neither makes foreground. A cut is a
frame whose histogram and most of whose pixels changed at once; it resets the model.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage


@dataclass(frozen=True)
class Blob:
    """A connected moving region in one frame (analysis pixels).

    Attributes
    ----------
    cx, cy : difference-weighted centroid.
    left, right, top, bottom : bounding edges (pixel centres of the outermost pixels).
    area : pixel count.
    """

    cx: float
    cy: float
    left: float
    right: float
    top: float
    bottom: float
    area: float

    def features(self) -> tuple[float, float, float, float, float, float]:
        """Coordinates a contact can show up in: centroid and the four edges."""
        return (self.cx, self.cy, self.left, self.right, self.top, self.bottom)


@dataclass(frozen=True)
class FrameObservation:
    """What one frame showed.

    Attributes
    ----------
    time : seconds.
    blobs : moving regions.
    cut : True when this frame starts a new shot.
    shift : global (dx, dy) motion from the previous frame, pixels.
    gain : global brightness ratio to the previous frame.
    """

    time: float
    blobs: tuple[Blob, ...]
    cut: bool
    shift: tuple[int, int]
    gain: float


def _profile_shift(a: np.ndarray, b: np.ndarray, max_shift: int) -> tuple[int, float]:
    """Integer lag of 1-D profile ``b`` relative to ``a`` and the correlation at that lag."""
    a = a - a.mean()
    b = b - b.mean()
    n = len(a)
    # full cross-correlation in C; normalised per lag by the energy of the overlapping parts
    c = np.correlate(b, a, mode="full")[n - 1 - max_shift:n + max_shift]
    ca = np.concatenate([[0.0], np.cumsum(a * a)])
    cb = np.concatenate([[0.0], np.cumsum(b * b)])
    lags = np.arange(-max_shift, max_shift + 1)
    # lag s >= 0 pairs a[:n-s] with b[s:]; lag s < 0 pairs a[-s:] with b[:n+s]
    ea = np.where(lags >= 0, ca[n - np.maximum(lags, 0)], ca[n] - ca[np.maximum(-lags, 0)])
    eb = np.where(lags >= 0, cb[n] - cb[np.maximum(lags, 0)], cb[n + np.minimum(lags, 0)])
    norm = c / (np.sqrt(ea * eb) + 1e-9)
    i = int(np.argmax(norm))
    return int(lags[i]), float(norm[i])


def _dilate_axis(m: np.ndarray, radius: int, axis: int) -> np.ndarray:
    """Running OR over [-radius, radius] along ``axis`` by doubling shifts (O(log r) passes)."""
    out = m.copy()
    cover = 0
    while cover < radius:
        step = min(cover + 1, radius - cover)
        src = out.copy()
        if axis == 0:
            out[step:] |= src[:-step]
            out[:-step] |= src[step:]
        else:
            out[:, step:] |= src[:, :-step]
            out[:, :-step] |= src[:, step:]
        cover += step
    return out


def _grow(mask: np.ndarray, radius: int) -> np.ndarray:
    """Square dilation by ``radius`` pixels."""
    return _dilate_axis(_dilate_axis(mask, radius, 0), radius, 1)


def _open3(mask: np.ndarray) -> np.ndarray:
    """3x3 opening: drops specks narrower than 3 pixels, keeps the shape of larger regions."""
    eroded = ~_grow(~mask, 1)
    return _grow(eroded, 1)


def _shift_image(img: np.ndarray, dx: int, dy: int, fill: np.ndarray) -> np.ndarray:
    """``img`` moved by (dx, dy); uncovered borders come from ``fill``."""
    if dx == 0 and dy == 0:
        return img
    out = fill.copy()
    h, w = img.shape
    ys = slice(max(0, dy), h + min(0, dy))
    xs = slice(max(0, dx), w + min(0, dx))
    ys0 = slice(max(0, -dy), h + min(0, -dy))
    xs0 = slice(max(0, -dx), w + min(0, -dx))
    out[ys, xs] = img[ys0, xs0]
    return out


class MotionSegmenter:
    """Turns a stream of gray frames into :class:`FrameObservation` values.

    Parameters
    ----------
    width, height : analysis picture size.
    fps : frame rate, for time constants.
    threshold : minimum luma difference (0..255) that counts as motion; raised automatically
        above the picture's own noise.
    min_area : smallest blob kept, as a fraction of the picture area.
    """

    def __init__(self, width: int, height: int, fps: float, *, threshold: float = 18.0,
                 min_area: float = 2.5e-4) -> None:
        self.width, self.height, self.fps = width, height, fps
        self.threshold = threshold
        self.min_area_px = max(4.0, min_area * width * height)
        # gaps smaller than ~1.5 % of the width join parts of one object (a foot and its leg)
        self._join = max(1, int(round(0.008 * width)))
        self._absorb_frames = max(3, int(round(0.8 * fps)))
        self._bg: np.ndarray | None = None
        self._prev: np.ndarray | None = None
        self._still = np.zeros((height, width), np.int16)
        self._pstill = np.zeros((height, width), np.int16)
        self._ghost_frames = max(6, int(round(3.0 * fps)))
        self._fg_prev = np.zeros((height, width), bool)
        self._hist_prev: np.ndarray | None = None
        self._noise = 2.0

    # ------------------------------------------------------------------ global changes
    def _global_shift(self, prev: np.ndarray, cur: np.ndarray) -> tuple[int, int]:
        """Camera pan estimate from row/column mean profiles (cheap, robust to small objects)."""
        max_dx = max(2, self.width // 10)
        max_dy = max(2, self.height // 10)
        # profiles from every other line are as good and cost half
        dx, cx = _profile_shift(prev[::2].mean(axis=0), cur[::2].mean(axis=0), max_dx)
        dy, cy = _profile_shift(prev[:, ::2].mean(axis=1), cur[:, ::2].mean(axis=1), max_dy)
        dx, dy = (dx if cx > 0.6 else 0), (dy if cy > 0.6 else 0)
        if dx == 0 and dy == 0:
            return 0, 0
        # Profiles of a textured picture are dominated by whatever big object moves, so a
        # candidate pan must also explain the picture: moving everything by it has to match
        # clearly better than not moving it (it does for a pan, not for one moving object).
        h, w = cur.shape
        ys = slice(max(0, dy), h + min(0, dy))
        xs = slice(max(0, dx), w + min(0, dx))
        ys0 = slice(max(0, -dy), h + min(0, -dy))
        xs0 = slice(max(0, -dx), w + min(0, -dx))
        moved = float(np.mean(np.abs(cur[ys, xs][::2, ::2] - prev[ys0, xs0][::2, ::2])))
        still = float(np.mean(np.abs(cur[ys, xs][::2, ::2] - prev[ys, xs][::2, ::2])))
        return (dx, dy) if moved < 0.7 * still else (0, 0)

    @staticmethod
    def _histogram(img: np.ndarray) -> np.ndarray:
        h = np.bincount(np.clip(img[::4, ::4], 0, 255).astype(np.int32).ravel() // 8, minlength=32)
        return h / max(1, h.sum())

    # ------------------------------------------------------------------ per frame
    def push(self, time: float, frame: np.ndarray) -> FrameObservation:
        """Analyse one frame (float32 luma, analysis size) and return what moved in it."""
        cur = frame
        hist = self._histogram(cur)
        if self._prev is None or self._bg is None:
            self._reset(cur, hist)
            return FrameObservation(time, (), False, (0, 0), 1.0)
        prev = self._prev
        dx, dy = self._global_shift(prev, cur)
        prev_c = _shift_image(prev, dx, dy, cur)
        bg = _shift_image(self._bg, dx, dy, cur)
        # global gain (fade): ratio of means over pixels that were background last frame
        sample = ~self._fg_prev[::2, ::2]
        pm = float(prev_c[::2, ::2][sample].mean()) if sample.any() else float(prev_c.mean())
        cm = float(cur[::2, ::2][sample].mean()) if sample.any() else float(cur.mean())
        # a fade changes brightness a few percent per frame; a bigger jump is a cut or a flash
        gain = float(np.clip(cm / pm, 0.8, 1.25)) if pm > 4.0 else 1.0
        if abs(gain - 1.0) > 0.003:
            prev_c = prev_c * gain
            bg = bg * gain

        change = cur - prev_c
        np.abs(change, out=change)
        # threshold from the picture's usual noise (slowly tracked), not this frame's: at a cut
        # every pixel changes and this frame's median would hide it
        noise = float(np.median(change[::4, ::4]))
        thr = max(self.threshold, 4.0 * self._noise)
        changed = float(np.mean(change[::2, ::2] > thr))
        hist_d = float(np.abs(hist - self._hist_prev).sum()) if self._hist_prev is not None else 0.0
        if changed > 0.5 or (changed > 0.2 and hist_d > 0.6):
            self._reset(cur, hist)
            return FrameObservation(time, (), True, (dx, dy), gain)

        self._noise = 0.9 * self._noise + 0.1 * min(noise, 2.0 * self._noise + 1.0)
        diff = cur - bg
        np.abs(diff, out=diff)
        fg = diff > thr
        fg = _open3(fg)  # speckle from compression noise
        idx, lab, near = self._label(fg)
        # An object at rest (or the ghost a moved object left in the model) is foreground that
        # no longer changes. Stillness is judged per blob, not per pixel: the uniform inside of a
        # slowly moving object doesn't change either, and must not be eaten away.
        if dx or dy:
            self._still = _shift_image(self._still, dx, dy, np.zeros_like(self._still))
            self._pstill = _shift_image(self._pstill, dx, dy, np.zeros_like(self._pstill))
        still = np.zeros(fg.size, bool)
        if len(idx):
            moving = np.zeros(int(lab.max()) + 1, bool)
            moving[lab[change.ravel()[idx] > thr]] = True
            still[idx] = ~moving[lab]
        self._still += 1
        self._still *= still.reshape(fg.shape)
        # A ghost touching a moving object shares its blob and never looks still as a whole;
        # pixels that stay foreground without changing for much longer are absorbed one by one
        # (long enough that the uniform inside of a slow object is never eaten). An object
        # passing over a ghost only sets its count back a little, so a ghost on a path that
        # something keeps crossing (the floor under a bouncing ball) still goes.
        self._pstill += np.where(change < 0.5 * thr, 1, -2).astype(np.int16)
        np.maximum(self._pstill, 0, out=self._pstill)
        self._pstill *= fg
        absorb = (self._still >= self._absorb_frames) | (self._pstill >= self._ghost_frames)
        # background follows the picture where nothing moves (noise, slow light changes)
        avg = bg + cur
        avg *= 0.5
        np.copyto(bg, avg, where=diff <= 0.5 * thr)
        # Pixels a little off (a sub-pixel pan drifting the texture) follow slowly, unless they
        # sit next to an object: its soft edges must not leak into the model as a ghost.
        drift = (diff > 0.5 * thr) & (diff <= thr) & ~near
        if drift.any():
            bg[drift] += 0.2 * (cur[drift] - bg[drift])
        if absorb.any():
            np.copyto(bg, cur, where=absorb)
            fg &= ~absorb
            keep = ~absorb.ravel()[idx]
            idx, lab = idx[keep], lab[keep]
        self._bg = bg
        self._prev = cur
        self._hist_prev = hist
        self._fg_prev = fg
        blobs = self._blobs(idx, lab, diff)
        return FrameObservation(time, blobs, False, (dx, dy), gain)

    def _reset(self, cur: np.ndarray, hist: np.ndarray) -> None:
        self._bg = cur.copy()
        self._prev = cur
        self._hist_prev = hist
        self._still[:] = 0
        self._pstill[:] = 0
        self._fg_prev[:] = False

    def _label(self, fg: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Group foreground pixels; parts closer than the join distance share a label.

        Grouping is done on a half-resolution mask (a quarter of the work; the join distance is
        several pixels anyway).

        Returns
        -------
        (flat indices of the foreground pixels, their labels >= 1, the grown mask: foreground
        and its surroundings).
        """
        idx = np.flatnonzero(fg)
        if len(idx) == 0:
            return idx, np.zeros(0, np.int32), fg
        h, w = fg.shape
        hp, wp = h + h % 2, w + w % 2
        pad = np.zeros((hp, wp), bool)
        pad[:h, :w] = fg
        half = pad[0::2, 0::2] | pad[1::2, 0::2] | pad[0::2, 1::2] | pad[1::2, 1::2]
        joined = _grow(half, max(1, (self._join + 1) // 2))
        labels2, _ = ndimage.label(joined)
        ys, xs = np.divmod(idx, w)
        lab = labels2[ys >> 1, xs >> 1]
        near = joined.repeat(2, axis=0).repeat(2, axis=1)[:h, :w]
        return idx, lab, near

    def _blobs(self, idx: np.ndarray, lab: np.ndarray, weight: np.ndarray) -> tuple[Blob, ...]:
        """Measure labelled regions: area, difference-weighted centroid, bounding edges.

        Everything runs over the foreground pixels only (a few percent of the picture), once,
        not once per region.
        """
        if len(idx) == 0:
            return ()
        n = int(lab.max())
        areas = np.bincount(lab, minlength=n + 1)
        keep = np.nonzero(areas >= self.min_area_px)[0]
        keep = keep[keep > 0]
        if len(keep) == 0:
            return ()
        keep = keep[np.argsort(-areas[keep], kind="stable")][:24]
        w = weight.ravel()[idx].astype(np.float64)
        ys, xs = np.divmod(idx, weight.shape[1])
        wsum = np.bincount(lab, weights=w, minlength=n + 1)
        wx = np.bincount(lab, weights=w * xs, minlength=n + 1)
        wy = np.bincount(lab, weights=w * ys, minlength=n + 1)
        out = []
        for i in keep:
            if wsum[i] <= 0:
                continue
            sel = lab == i
            bx, by = xs[sel], ys[sel]
            out.append(Blob(float(wx[i] / wsum[i]), float(wy[i] / wsum[i]),
                            float(bx.min()), float(bx.max()), float(by.min()), float(by.max()),
                            float(areas[i])))
        return tuple(out)
