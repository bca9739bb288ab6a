"""Per-frame motion segmentation: camera motion, fades, lighting drift, grain and cuts are
explained away; what is left are moving objects ("blobs") with sub-pixel centroids and their
bounding edges, in two coordinate systems: the picture's, and the shot's stabilised one.

The background model is what the camera saw where nothing moved, carried along with the camera's
motion (a similarity, ``camera.py``) and re-registered to the picture every few frames, so pans,
dollies and shake don't make foreground. Its threshold follows the picture's own noise and, on
textured pixels, the residual of sub-pixel registration error (an edge that moves by a tenth of a
pixel changes by a tenth of its gradient). A cut is a frame that the camera model can't explain
and whose pixels mostly changed; it resets the model.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from stemline.engine.foley.camera import BLACK, DARK, IDENTITY, CameraTracker, apply, compose, invert
from stemline.engine.foley.regions import Planes, explain_regions


@dataclass(frozen=True)
class Blob:
    """A connected moving region in one frame.

    Attributes
    ----------
    cx, cy, left, right, top, bottom : difference-weighted centroid and bounding edges in the
        shot's stabilised coordinates (analysis pixels of the shot's first frame), so camera
        motion doesn't bend a trajectory.
    area : pixel count.
    sx, sy : centroid in the picture (analysis pixels): where it is seen, for pan.
    border : True when the region touches the picture edge (entering or leaving: its centroid
        is not the object's).
    owner : the track this blob is the part of a joined region of (see :class:`Hint`), or -1.
    """

    cx: float
    cy: float
    left: float
    right: float
    top: float
    bottom: float
    area: float
    sx: float = 0.0
    sy: float = 0.0
    border: bool = False
    owner: int = -1

    def features(self) -> tuple[float, float, float, float, float, float]:
        """Coordinates a contact can show up in: centroid and the four edges."""
        return (self.cx, self.cy, self.left, self.right, self.top, self.bottom)


@dataclass(frozen=True)
class Hint:
    """Where a track expects its object in the next frame: its id, predicted box (left, right,
    top, bottom) in the shot's stabilised coordinates, its last area (pixels) and where in the
    picture it was last seen (``sx``, ``sy``; -1: not known)."""

    track: int
    left: float
    right: float
    top: float
    bottom: float
    area: float
    sx: float = -1.0
    sy: float = -1.0


@dataclass(frozen=True)
class FrameObservation:
    """What one frame showed.

    Attributes
    ----------
    time : seconds.
    blobs : moving regions.
    cut : True when this frame starts a new shot.
    shift : the camera's (dx, dy) translation from the previous frame, pixels.
    gain : global brightness ratio to the previous frame.
    step : seconds since the file's previous frame (0: not known); a variable-frame-rate file
        changes it, and a track's sample further apart than this missed a frame.
    """

    time: float
    blobs: tuple[Blob, ...]
    cut: bool
    shift: tuple[float, float]
    gain: float
    step: float = 0.0


@dataclass(frozen=True)
class Prepared:
    """A frame made ready for :meth:`MotionSegmenter.push` by :func:`prepare`.

    Attributes
    ----------
    planes : smoothed float32 Y[, U, V] planes.
    luma8 : the smoothed luma as uint8 (camera tracking).
    hist : its normalised 32-bin histogram (cut detection).
    """

    planes: list[np.ndarray]
    luma8: np.ndarray
    hist: np.ndarray


#: How much a chroma difference counts against a luma one (U and V span about half of luma's range).
CHROMA_WEIGHT = 1.5
#: Motion threshold in units of the tracked median frame-to-frame difference.
NOISE_FACTOR = 4.0
#: The mean of absolute Gaussian noise differences over their median (0.80 / 0.67 sigma).
MEAN_PER_MEDIAN = 1.18
#: A region whose mean difference from the background is under this many times the mean
#: frame-to-frame change of its neighbourhood is that neighbourhood's flicker, not an object.
#: Where the picture has its usual noise, a region above the threshold differs by at least ~3.4
#: times that mean, so only places well above the usual noise are weighed at all. Chosen on the
#: 64 rendered scenes (3.0 lost bounces on metal floors); blind14 was written before it was scored.
LOCAL_K = 2.0
#: A region moves when at least this share of its pixels (and at least three) changed since the
#: last frame: grain flips a few pixels of anything at rest. Regions are judged as they are, not
#: as joined by the join distance: a box just landed beside a bouncing ball is at rest. On the
#: 84 rendered scenes of 2026-12-07: any changed pixel (as before) F1 0.867, 5 % 0.868, 10 %
#: 0.871, 25 % 0.878, 35 % 0.880, 50 % 0.875; the lower of the two best is taken (a slow mover
#: is not absorbed).
STILL_SHARE = 0.25
#: Pixels (analysis) that must lie between two tracks' expected boxes for a region joining them
#: to be parted between them (:meth:`MotionSegmenter._part`).
PART_GAP = 1.0
#: How far a blob's area may be from its track's last and still be that object: blur and a
#: contact shadow change a small blob a lot (the tracker's match, and each part of a parting).
AREA_RATIO = (0.4, 2.5)
#: A frame whose camera features are lost is a cut when this share of its pixels changed and
#: its 32-bin histogram moved by this much (L1). Measured on the 108 rendered scenes: the first
#: frames of the 19 cuts 0.08-0.70 and 0.116-0.631; no other frame with the features lost over
#: 0.066 and 0.084 (an earlier 0.08 and 0.3 missed four cuts between angles on one room).
CUT_CHANGED, CUT_HIST = 0.05, 0.1
#: A brightness step over this share a frame may be a fade ...
FADE_STEP = 0.03
#: ... and is one where scaling the last frame about black leaves under this share of the change
#: (a cut or a flash of other content leaves most of it) ...
FADE_RESIDUAL = 0.3
#: ... and leaves at most this many times the picture's noise (the tracked median change): on
#: the 40 faded scenes a fade leaves up to 2.9 times it, a cut between two pictures of one
#: layout in a dimmed shot 7.7 times.
FADE_NOISE = 4.0
#: Within a fade, what a lamp's moving light leaves beside it is taken up to this many times the
#: noise (the 40 seen scenes under `exposure`: fade frames up to 2.5 times, their three cuts in
#: a drifting brightness 3.7-5.9 times).
FADE_NOISE_WITHIN = 3.0
#: A fade is still going on while the brightness steps by more than this share a frame.
FADE_GOES_ON = 0.01
#: Local noise: how fast each neighbourhood's mean change is followed (per frame), and above
#: what multiple of the global threshold a change is motion, not noise, and isn't learnt.
LOCAL_RATE, LOCAL_CAP = 0.1, 3.0


def _median(a: np.ndarray) -> float:
    """``np.median`` of a float32 array, the same value (mean of the two middle ones in float32
    for an even count) without its generic machinery, which costs more than the selection."""
    flat = a.flatten()  # a copy (``ravel`` of a contiguous array is a view): partitioned in place
    k = flat.size // 2
    if flat.size % 2:
        flat.partition(k)
        return float(flat[k])
    flat.partition((k - 1, k))
    return float(np.mean(flat[k - 1:k + 1]))


def _histogram(img8: np.ndarray) -> np.ndarray:
    h = cv2.calcHist([img8[::4, ::4]], [0], None, [32], [0, 256]).ravel()
    return h / max(1.0, float(h.sum()))


def prepare(frame: np.ndarray, chroma: np.ndarray | None = None) -> Prepared:
    """The per-frame work of :meth:`MotionSegmenter.push` that needs nothing but the frame
    (float32 luma at the analysis size; optionally its (U, V) chroma). Thread-safe: a pipeline
    runs it beside the decoder."""
    planes = [frame] if chroma is None else [frame, chroma[0], chroma[1]]
    # grain and compression speckle
    blur = 1.0 if frame.shape[1] >= 200 else 0.7
    cur = [cv2.GaussianBlur(p, (5, 5), blur) for p in planes]
    cur8 = cv2.convertScaleAbs(cur[0])
    return Prepared(cur, cur8, _histogram(cur8))


class MotionSegmenter:
    """Turns a stream of gray frames into :class:`FrameObservation` values.

    Pictures are kept as separate float32 planes (Y, and U, V when colour is given): OpenCV
    runs each 2-D operation in a fraction of a millisecond at analysis sizes.

    Parameters
    ----------
    width, height : analysis picture size.
    fps : frame rate, for time constants.
    threshold : minimum luma difference (0..255) that counts as motion; raised automatically
        above the picture's own noise.
    min_area : smallest blob kept, as a fraction of the picture area.
    """

    def __init__(self, width: int, height: int, fps: float, *, threshold: float = 10.0,
                 min_area: float = 2.0e-4) -> None:
        self.width, self.height, self.fps = width, height, fps
        self.threshold = threshold
        self.min_area_px = max(4.0, min_area * width * height)
        # gaps smaller than ~1 % of the width join parts of one object (a foot and its leg)
        self._join = max(1, int(round(0.008 * width)))
        self._join_kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * self._join + 1,) * 2)
        self._open_kernel = np.ones((3, 3), np.uint8)
        self._absorb_frames = max(3, int(round(0.8 * fps)))
        self._ghost_frames = max(6, int(round(0.7 * fps)))
        self.camera = CameraTracker(width, height)
        self._bg: Planes | None = None
        self._prev: Planes | None = None
        self._still = np.zeros((height, width), np.uint8)
        self._pstill = np.zeros((height, width), np.float32)
        self._fg_prev = np.zeros((height, width), bool)
        self._ones = np.ones((height, width), np.uint8)
        self._half_m = np.diag([0.5, 0.5, 1.0])
        self._double_m = np.diag([2.0, 2.0, 1.0])
        self._hist_prev: np.ndarray | None = None
        self._noise = 2.0
        self._fresh = True
        self._fading = False  # the last frame was a fade's step
        self._local: np.ndarray | None = None
        self._frames_since_align = 0
        #: current picture -> the shot's stabilised coordinates
        self.to_ref = IDENTITY.copy()

    def background(self) -> Planes | None:
        """The current background model (Y[, U, V] planes, all at the analysis size): the scene
        without its moving objects, for looking at the surfaces they hit."""
        if self._bg is None:
            return None
        return [self._bg[0].copy(), *(self._full(p) for p in self._bg[1:])]

    def snapshot(self) -> list[np.ndarray] | None:
        """:meth:`background` as 8-bit planes (chroma about 128): what is kept of it to look at
        surfaces later, at a quarter of the memory."""
        bg = self.background()
        if bg is None:
            return None
        return [np.clip(p + (128.0 if i else 0.0), 0, 255).astype(np.uint8) for i, p in enumerate(bg)]

    def _warp(self, img: np.ndarray, m: np.ndarray, *, nearest: bool = False) -> np.ndarray:
        h, w = img.shape[:2]
        if w != self.width:  # a half-size chroma plane: the same move in its own pixels
            m = self._half_m @ m @ self._double_m
        return cv2.warpPerspective(img, m, (w, h),
                                   flags=cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_REPLICATE)

    def _warp_all(self, planes: Planes, m: np.ndarray) -> Planes:
        return [self._warp(p, m) for p in planes]

    def _half(self, mask: np.ndarray) -> np.ndarray:
        """A full-size mask at the chroma planes' half size."""
        return cv2.resize(mask, (self.width // 2, self.height // 2), interpolation=cv2.INTER_NEAREST)

    def _full(self, img: np.ndarray) -> np.ndarray:
        """A half-size chroma measure at full size."""
        return cv2.resize(img, (self.width, self.height), interpolation=cv2.INTER_LINEAR)

    def _masked_copy(self, src: Planes, mask: np.ndarray, dst: Planes) -> None:
        half = self._half(mask) if len(src) == 3 else None
        for i, (c, b) in enumerate(zip(src, dst)):
            cv2.copyTo(c, mask if i == 0 else half, b)

    # ------------------------------------------------------------------ per frame
    def _dist(self, a: Planes, b: Planes) -> np.ndarray:
        """Per-pixel difference of two (Y[, U, V]) pictures: luma plus colour, so an object with
        the floor's brightness but not its colour still stands out."""
        d = cv2.absdiff(a[0], b[0])
        if len(a) == 3:
            c = cv2.add(cv2.absdiff(a[1], b[1]), cv2.absdiff(a[2], b[2]))
            cv2.scaleAdd(self._full(c), CHROMA_WEIGHT, d, dst=d)
        return d

    def _outside(self, cur: Planes, bg: Planes) -> np.ndarray:
        """Like :meth:`_dist`, but how far each pixel lies outside the range the background
        takes within one pixel of it. A moving camera is never registered to better than about
        a pixel in a grainy picture, and texture must not turn into foreground for that; an
        object stands out against everything around where it is."""
        def off(c: np.ndarray, b: np.ndarray) -> np.ndarray:
            hi = cv2.dilate(b, self._open_kernel)
            lo = cv2.erode(b, self._open_kernel)
            d = cv2.max(cv2.subtract(c, hi), cv2.subtract(lo, c))
            return cv2.max(d, 0.0)

        out = off(cur[0], bg[0])
        if len(cur) == 3:
            c = cv2.add(off(cur[1], bg[1]), off(cur[2], bg[2]))
            cv2.scaleAdd(self._full(c), CHROMA_WEIGHT, out, dst=out)
        return out

    def push(self, time: float, frame: np.ndarray | Prepared, chroma: np.ndarray | None = None,
             hints: tuple[Hint, ...] = ()) -> FrameObservation:
        """Analyse one frame (float32 luma, analysis size, and optionally its (U, V) chroma; or
        what :func:`prepare` made of them) and return what moved in it. ``hints``: where tracked
        objects are expected (a region that joins two of them side by side is parted)."""
        ready = frame if isinstance(frame, Prepared) else prepare(frame, chroma)
        cur, cur8, hist = ready.planes, ready.luma8, ready.hist
        luma = cur[0]
        if self._prev is None or self._bg is None or len(self._prev) != len(cur):
            self._reset(cur, cur8, hist)
            return FrameObservation(time, (), False, (0.0, 0.0), 1.0)
        step = self.camera.step(cur8, fading=self._fading)
        m = step.matrix
        moved = step.moved
        prev_c = self._warp_all(self._prev, m) if moved else self._prev
        bg = self._warp_all(self._bg, m) if moved else self._bg
        self._frames_since_align += 1
        if moved and self._frames_since_align >= 4:
            fix = self._realign(bg[0], luma)
            if fix is not None:
                bg = self._warp_all(bg, fix)
                # the drift the model had gathered is part of where the camera now points
                m = fix @ m
                self._frames_since_align = 0
        if moved:
            # what the camera move brought into view has no history: take it as it is now
            seen = cv2.warpPerspective(self._ones, m, (self.width, self.height), flags=cv2.INTER_NEAREST,
                                       borderMode=cv2.BORDER_CONSTANT, borderValue=0)
            if cv2.countNonZero(seen) < seen.size:
                new = cv2.compare(seen, 0, cv2.CMP_EQ)
                new = cv2.dilate(new, self._open_kernel)
                self._masked_copy(cur, new, bg)
                self._masked_copy(cur, new, prev_c)
        # global gain (a lamp, exposure): ratio of luma means over last frame's background
        sample = (~self._fg_prev[::4, ::4]).view(np.uint8)
        pm = float(cv2.mean(prev_c[0][::4, ::4], mask=sample)[0])
        cm = float(cv2.mean(luma[::4, ::4], mask=sample)[0])
        if (pm - BLACK < DARK) != (cm - BLACK < DARK):
            # into black or out of it (a fade's end, its first light): a black picture shows no
            # shot, so this is no cut; the picture begins again here
            self._reset(cur, cur8, hist)
            self._fading = True
            return FrameObservation(time, (), False, (0.0, 0.0), 1.0)
        gain = float(np.clip(cm / pm, 0.8, 1.25)) if pm > 4.0 else 1.0
        step_share = abs(cm / pm - 1.0) if pm > 4.0 else 0.0
        # Within a fade its gain is taken as it is: a lamp's light moving over the room while
        # the picture fades in leaves more than a fade alone would (the rendered lamp scenes
        # read as cuts there).
        fade = (self._fade(prev_c[0][::4, ::4], luma[::4, ::4], sample, within=self._fading)
                if step_share > FADE_STEP or (self._fading and step_share > FADE_GOES_ON) else None)
        if fade is not None:
            # a fade scales luma about black and chroma about grey, every plane
            prev_c = [(prev_c[0] - BLACK) * fade + BLACK, *(c * fade for c in prev_c[1:])]
            bg = [(bg[0] - BLACK) * fade + BLACK, *(c * fade for c in bg[1:])]
            gain = fade
        elif abs(gain - 1.0) > 0.003:
            prev_c = [prev_c[0] * gain, *prev_c[1:]]
            bg = [bg[0] * gain, *bg[1:]]

        change = self._dist(cur, prev_c)
        # Registration error: features are tracked to ~0.1 px and a similarity doesn't fit the
        # parallax of a dolly, so texture edges change by a share of their gradient.
        gx = cv2.Sobel(bg[0], cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(bg[0], cv2.CV_32F, 0, 1, ksize=3)
        thr_map = cv2.magnitude(gx, gy)
        # threshold from the picture's usual noise (slowly tracked), not this frame's: at a cut
        # every pixel changes and this frame's median would hide it
        noise = _median(change[::3, ::3])
        if self._fresh:
            # the first pair of a shot sets the noise level: a grainy picture is not a cut
            self._noise, self._fresh = noise, False
        thr = max(self.threshold, NOISE_FACTOR * self._noise)
        thr_map *= 0.125 * (0.35 if moved else 0.15)
        thr_map += thr
        self._track_local_noise(change, thr, m if moved else None)
        changing = cv2.compare(change, thr_map, cv2.CMP_GT)
        changed = float(cv2.countNonZero(changing[::2, ::2])) / changing[::2, ::2].size
        hist_prev = self._hist_prev
        if hist_prev is not None and (fade is not None or abs(gain - 1.0) > 0.003):
            # the histogram step of the same brightness: a camera's exposure drifting by 1 % a
            # frame moves a bright picture's 32-bin histogram by 0.1-0.3, a cut's step
            hist_prev = _histogram(cv2.convertScaleAbs(prev_c[0]))
        hist_d = float(np.abs(hist - hist_prev).sum()) if hist_prev is not None else 0.0
        lost = step.tracked > 0 and step.inliers < 0.3
        # A cut between two angles on one room changes few pixels past the threshold (the same
        # floor and walls, smoothed) and the histogram little, but all three signs at once: the
        # camera's features lost, some change, and a histogram step no other frame makes
        # (CUT_HIST; a lamp's swing moves it at most 0.11 on the rendered corpus, with the
        # features kept)
        # Within a fade (a step that follows another, or the first light after black) the
        # histogram moves and a dim picture's features are lost: only a picture that changed as
        # a whole is a cut there. A fade's first step is judged as any frame: a cut between two
        # angles of one room can look like a brightness step.
        fading = fade is not None and self._fading
        # a fade goes on while the brightness keeps stepping, also where a step is too small to
        # tell from the noise (its last frames into full light)
        self._fading = fade is not None or (self._fading and step_share > FADE_GOES_ON)
        if (changed > 0.5 or (not fading and ((changed > 0.2 and (hist_d > 0.6 or lost))
                                              or (lost and changed > CUT_CHANGED and hist_d > CUT_HIST)))):
            self._reset(cur, cur8, hist)
            return FrameObservation(time, (), True, (float(m[0, 2]), float(m[1, 2])), gain)

        self._noise = 0.9 * self._noise + 0.1 * min(noise, 2.0 * self._noise + 1.0)
        self.to_ref = compose(self.to_ref, invert(m)) if moved else self.to_ref
        diff = self._outside(cur, bg) if moved else self._dist(cur, bg)
        fg8 = cv2.compare(diff, thr_map, cv2.CMP_GT)
        fg8 = cv2.morphologyEx(fg8, cv2.MORPH_OPEN, self._open_kernel)
        lit, ghosts = explain_regions(fg8, cur, bg, noise=self._noise, min_area_px=self.min_area_px)
        if lit is not None:
            # a shadow or a patch of lamp light moving over the room: the background takes it
            fg8 = cv2.bitwise_and(fg8, cv2.bitwise_not(lit))
            self._masked_copy(cur, lit, bg)
        fg = fg8 > 0
        if moved:
            self._still = self._warp(self._still, m, nearest=True)
            self._pstill = self._warp(self._pstill, m, nearest=True)
        lab_img, near8 = self._label(fg8)
        # An object at rest (or the ghost a moved object left in the model) is foreground that
        # no longer changes. Stillness is judged per connected region, not per pixel: the uniform
        # inside of a slowly moving object doesn't change either, and must not be eaten away.
        n_raw, raw = cv2.connectedComponents(fg8, connectivity=8, ltype=cv2.CV_32S)
        on = np.flatnonzero(fg)  # counted over the foreground only: a few percent of the picture
        lab = raw.ravel()[on]
        areas = np.bincount(lab, minlength=n_raw)
        changed_px = np.bincount(lab, weights=changing.ravel()[on] > 0, minlength=n_raw)
        moving = changed_px >= np.maximum(3, STILL_SHARE * areas)
        moving[0] = True
        if moving.all():  # the usual frame: nothing has stopped
            self._still[:] = 0
        else:
            still8 = np.zeros(fg8.size, np.uint8)
            still8[on[~moving[lab]]] = 1
            cv2.add(self._still, 1, dst=self._still)  # saturates at 255
            cv2.multiply(self._still, still8.reshape(fg8.shape), dst=self._still)
        # A ghost touching a moving object shares its blob and never looks still as a whole;
        # pixels that stay foreground without changing for much longer are absorbed one by one.
        half = cv2.multiply(thr_map, 0.5)
        calm = cv2.compare(change, half, cv2.CMP_LT)
        cv2.add(self._pstill, 1.0, dst=self._pstill, mask=calm)
        cv2.subtract(self._pstill, 2.0, dst=self._pstill, mask=cv2.bitwise_not(calm))
        cv2.max(self._pstill, 0.0, dst=self._pstill)
        np.multiply(self._pstill, fg, out=self._pstill)  # 0 off the foreground (counts are >= 0)
        absorb8 = cv2.bitwise_or(cv2.compare(self._still, self._absorb_frames, cv2.CMP_GE),
                                 cv2.compare(self._pstill, float(self._ghost_frames), cv2.CMP_GE))
        if ghosts is not None:
            absorb8 = cv2.bitwise_or(absorb8, ghosts)
        # background follows the picture where nothing moves (noise, slow light changes)
        quiet = cv2.compare(diff, half, cv2.CMP_LE)
        # Pixels a little off (lamp light sweeping the room, sub-pixel drift) follow more slowly,
        # unless they sit next to an object: its soft edges must not leak into the model.
        drift = cv2.bitwise_not(cv2.bitwise_or(quiet, near8))
        any_absorb = cv2.countNonZero(absorb8) > 0
        masks = [(quiet, drift)]
        if len(cur) == 3:
            masks += [(self._half(quiet), self._half(drift))] * 2
        for (q, dr), b, c in zip(masks, bg, cur):
            cv2.accumulateWeighted(c, b, 0.5, mask=q)
            cv2.accumulateWeighted(c, b, 0.2, mask=dr)
        if any_absorb:
            self._masked_copy(cur, absorb8, bg)
            fg &= absorb8 == 0
        self._bg = bg
        self._prev = cur
        self._hist_prev = hist
        self._fg_prev = fg
        blobs = self._blobs(fg, lab_img, diff, hints)
        return FrameObservation(time, blobs, False, (float(m[0, 2]), float(m[1, 2])), gain)

    def _fade(self, prev: np.ndarray, cur: np.ndarray, mask: np.ndarray, *, within: bool = False
              ) -> float | None:
        """The gain of a fade from ``prev`` to ``cur`` (luma samples, ``mask`` where both show
        background), or None where scaling about black doesn't explain the change (a cut, a
        flash of other content): what it leaves must be a small share of the change and about
        the picture's noise. A lamp changes brightness a few percent a frame; a fade over half
        a second doubles it in a frame near its black end. ``within`` a fade already going on,
        the gain is taken whatever share it leaves, up to :data:`FADE_NOISE_WITHIN` times the
        noise."""
        on = mask.astype(bool)
        a = prev[on] - BLACK
        b = cur[on] - BLACK
        aa = float(np.dot(a, a))
        if aa <= 0.0:
            return None
        g = float(np.dot(a, b)) / aa
        left = float(np.mean(np.abs(b - g * a)))
        noise = max(self._noise, 0.5)
        explained = left < FADE_RESIDUAL * float(np.mean(np.abs(b - a))) and left < FADE_NOISE * noise
        taken = explained or (within and left < FADE_NOISE_WITHIN * noise)
        return g if g > 0.0 and taken else None

    def seed_after_cut(self, frames: list[Prepared]) -> None:
        """Start the shot that began with the last cut (the first of ``frames``, the frame the
        cut was found on; then the next few) from the median of those frames, each moved into
        the first one's place by the camera's own motion between them.

        At a cut the model starts as the shot's first frame, holding every object where it was
        then: an object shows only once it has moved off its own first place, a few frames
        into the shot, too few samples before a contact that soon to see it. The median of the
        shot's first frames holds what stayed put; what moved by more than its size in them is
        gone from it, and shows from the shot's first frames on."""
        if len(frames) < 3 or self._bg is None or len(frames[0].planes) != len(self._bg):
            return
        camera = CameraTracker(self.width, self.height)
        camera.reset(frames[0].luma8)
        to_first = IDENTITY.copy()
        stack = [frames[0].planes]
        for fr in frames[1:]:
            to_first = compose(to_first, invert(camera.step(fr.luma8).matrix))
            stack.append(self._warp_all(fr.planes, to_first))
        self._bg = [np.median(np.stack([planes[i] for planes in stack]), axis=0).astype(np.float32)
                    for i in range(len(stack[0]))]

    def _track_local_noise(self, change: np.ndarray, thr: float, m: np.ndarray | None) -> None:
        """Follow each neighbourhood's mean frame-to-frame change where nothing moved (carried
        along with the camera): :meth:`_blobs` weighs a region's difference against it.

        A render's dark, indirectly lit corners (and a sensor's deep shadows after its gain)
        flicker far more than the rest of the picture; a threshold set by the median pixel lets
        that flicker make blobs that wander about and "bounce"."""
        quiet = cv2.bitwise_and(cv2.compare(change, LOCAL_CAP * thr, cv2.CMP_LT),
                                cv2.compare(self._fg_prev.view(np.uint8), 0, cv2.CMP_EQ))
        mean = cv2.blur(change, (5, 5))
        if self._local is None:
            self._local = np.full(change.shape, MEAN_PER_MEDIAN * self._noise, np.float32)
        elif m is not None:
            self._local = self._warp(self._local, m)
        cv2.accumulateWeighted(mean, self._local, LOCAL_RATE, mask=quiet)

    def _realign(self, bg_luma: np.ndarray, luma: np.ndarray) -> np.ndarray | None:
        """Residual misalignment of the background to this picture (3x3), or None.

        Frame-to-frame camera estimates carry a little error each, and while the camera keeps
        moving the model inherits all of it; every few frames the model is registered directly
        to the picture (ECC on a quarter-size image, where grain has averaged out)."""
        a = cv2.pyrDown(cv2.pyrDown(bg_luma))
        b = cv2.pyrDown(cv2.pyrDown(luma))
        warp = np.eye(2, 3, dtype=np.float32)
        try:
            _, warp = cv2.findTransformECC(b, a, warp, cv2.MOTION_TRANSLATION,
                                           (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 20, 1e-3),
                                           None, 3)
        except cv2.error:
            return None
        dx, dy = 4.0 * float(warp[0, 2]), 4.0 * float(warp[1, 2])
        if not (0.25 < np.hypot(dx, dy) < 4.0):
            return None
        # ECC maps picture -> model; the model must move the other way
        return np.array([[1.0, 0.0, -dx], [0.0, 1.0, -dy], [0.0, 0.0, 1.0]])

    def _reset(self, cur: Planes, cur8: np.ndarray, hist: np.ndarray) -> None:
        self._bg = [p.copy() for p in cur]
        self._prev = cur
        self._hist_prev = hist
        self._still[:] = 0
        self._pstill[:] = 0
        self._fg_prev[:] = False
        self.to_ref = IDENTITY.copy()
        self.camera.reset(cur8)
        self._fresh = True
        self._local = None

    def _label(self, fg8: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Group foreground pixels; parts closer than the join distance share a label.

        Returns
        -------
        (label image, 0 = none; the grown mask (uint8 0/255): foreground and its surroundings).
        """
        joined = cv2.dilate(fg8, self._join_kernel)
        _, labels = cv2.connectedComponents(joined, connectivity=8, ltype=cv2.CV_32S)
        return labels, joined

    def _blobs(self, fg: np.ndarray, lab_img: np.ndarray, weight: np.ndarray,
               hints: tuple[Hint, ...] = ()) -> tuple[Blob, ...]:
        """Measure labelled regions: area, difference-weighted centroid, bounding edges.

        Everything runs over the foreground pixels only (a few percent of the picture), once,
        not once per region.
        """
        idx = np.flatnonzero(fg)
        if len(idx) == 0:
            return ()
        lab = lab_img.ravel()[idx]
        owners: dict[int, int] = {}
        if len(hints) >= 2:
            lab, owners = self._part(lab, idx, lab_img, hints)
        n = int(lab.max())
        areas = np.bincount(lab, minlength=n + 1)
        keep = np.nonzero(areas >= self.min_area_px)[0]
        keep = keep[keep > 0]
        if len(keep) == 0:
            return ()
        keep = keep[np.argsort(-areas[keep], kind="stable")][:24]
        w = weight.ravel()[idx].astype(np.float64)
        ys, xs = np.divmod(idx, self.width)
        wsum = np.bincount(lab, weights=w, minlength=n + 1)
        wx = np.bincount(lab, weights=w * xs, minlength=n + 1)
        wy = np.bincount(lab, weights=w * ys, minlength=n + 1)
        # bounding edges of every label at once: pixels sorted by label, each run reduced
        order = np.argsort(lab, kind="stable")
        lab_s, xs_s, ys_s = lab[order], xs[order], ys[order]
        runs = np.flatnonzero(np.diff(lab_s, prepend=-1))
        at = np.searchsorted(lab_s[runs], keep)  # each kept label's run
        lefts, rights = np.minimum.reduceat(xs_s, runs)[at], np.maximum.reduceat(xs_s, runs)[at]
        tops, bottoms = np.minimum.reduceat(ys_s, runs)[at], np.maximum.reduceat(ys_s, runs)[at]
        ok = wsum[keep] > 0
        if self._local is not None:
            # flicker: no stronger against the background than its place changes frame to frame
            flicker = np.bincount(lab, weights=self._local.ravel()[idx].astype(np.float64), minlength=n + 1)
            ok &= wsum[keep] >= LOCAL_K * flicker[keep]
        keep, lefts, rights, tops, bottoms = keep[ok], lefts[ok], rights[ok], tops[ok], bottoms[ok]
        sxs, sys_ = wx[keep] / wsum[keep], wy[keep] / wsum[keep]
        # edges go through the stabilising map at the centroid's height / column: one call
        # for every blob's five points (centre, left, right, top, bottom)
        px = np.stack([sxs, lefts, rights, sxs, sxs], axis=1).astype(np.float64)
        py = np.stack([sys_, sys_, sys_, tops, bottoms], axis=1).astype(np.float64)
        rx, ry = (v.tolist() for v in apply(self.to_ref, px, py))
        out = []
        for j, i in enumerate(keep.tolist()):
            sx, sy = float(sxs[j]), float(sys_[j])
            left, right, top, bottom = float(lefts[j]), float(rights[j]), float(tops[j]), float(bottoms[j])
            border = left <= 1 or top <= 1 or right >= self.width - 2 or bottom >= self.height - 2
            out.append(Blob(rx[j][0], ry[j][0], rx[j][1], rx[j][2], ry[j][3], ry[j][4], float(areas[i]),
                            sx, sy, border, owners.get(i, -1)))
        return tuple(out)

    def _part(self, lab: np.ndarray, idx: np.ndarray, lab_img: np.ndarray, hints: tuple[Hint, ...]
              ) -> tuple[np.ndarray, dict[int, int]]:
        """Part regions that join two tracked objects side by side.

        A ball bouncing beside a box that just landed, a foot or another ball is one region with
        it, and its track ended there: the contact happened inside the joined blob. Where the
        boxes two tracks expect (``hints``, predicted from their motion) both lie in one region
        and don't overlap left to right, the region's pixels are parted half way between them,
        each part its track's (:attr:`Blob.owner`). Only side by side: one above the other is
        an object and its mirror image or shadow, which the tracker follows as one.

        Returns the pixels' labels (parts get new ones) and the owner of each parted label.
        """
        h, w = lab_img.shape
        to_pic: list[np.ndarray] = []  # picture from stabilised coordinates, when first needed

        def picture(x: float, y: float) -> tuple[float, float]:
            if not to_pic:
                to_pic.append(invert(self.to_ref))
            px, py = apply(to_pic[0], x, y)
            return float(px), float(py)

        def label_at(x: float, y: float) -> int:
            cx, cy = int(round(x)), int(round(y))
            return int(lab_img[cy, cx]) if 0 <= cx < w and 0 <= cy < h else 0

        by_label: dict[int, list[Hint]] = {}
        for hint in hints:
            # the region it is in: where it was last seen (a ball at its bounce is predicted
            # through the floor), else where it is expected
            label = label_at(hint.sx, hint.sy)
            if label == 0:
                label = label_at(*picture(0.5 * (hint.left + hint.right), 0.5 * (hint.top + hint.bottom)))
            if label:
                by_label.setdefault(label, []).append(hint)
        pairs = {label: hs for label, hs in by_label.items() if len(hs) == 2}
        if not pairs:
            return lab, {}
        owners: dict[int, int] = {}
        next_label = int(lab.max()) + 1
        cols = idx % w
        for label, pair in pairs.items():
            boxes = []
            for hint in pair:
                mid = 0.5 * (hint.top + hint.bottom)
                boxes.append((picture(hint.left, mid)[0], picture(hint.right, mid)[0], hint.track, hint.area))
            a, b = sorted(boxes)
            if b[0] - a[1] < PART_GAP:  # too close to tell whose each pixel is
                continue
            split = 0.5 * (a[1] + b[0])
            mine = lab == label
            # Only where the foreground itself has a gap there (the region is one by the join
            # distance alone): where two things touch or cross (a walker and a ball rolling the
            # other way) the parting line would be one's edge, and that edge's stop a footstep
            if (mine & (np.abs(cols - split) <= 0.5)).any():
                continue
            right = mine & (cols > split)
            n_right = int(right.sum())
            n_left = int(mine.sum()) - n_right
            # each part about the size its track had (as the tracker asks of any next blob)
            lo, hi = AREA_RATIO
            if not (lo * a[3] <= n_left <= hi * a[3] and lo * b[3] <= n_right <= hi * b[3]):
                continue
            lab[right] = next_label  # lab is the caller's own copy (a gather)
            owners[label], owners[next_label] = a[2], b[2]
            next_label += 1
        return lab, owners
