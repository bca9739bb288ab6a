"""Camera motion between consecutive frames: corner features tracked with pyramidal Lucas-Kanade
and a RANSAC similarity fit (rotation, scale, translation), so pans, tilts, dollies (a change of
scale), roll and handheld shake are explained away before anything is called a moving object.
Kept as 3x3 matrices so that composing a shot's moves stays exact.

The moving objects themselves are a minority of the features and fall out as RANSAC outliers.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

IDENTITY = np.eye(3)
#: Frames between looks for corners in a picture that had too few to track.
FLAT_RETRY = 3


@dataclass(frozen=True)
class CameraStep:
    """The camera's move from the previous frame to this one.

    Attributes
    ----------
    matrix : 3x3 matrix (a similarity) taking previous-frame pixel coordinates to this frame's.
    inliers : share of the tracked features that agree with it (low at a cut or a flash).
    tracked : how many features were tracked at all.
    """

    matrix: np.ndarray
    inliers: float
    tracked: int

    @property
    def moved(self) -> bool:
        """More than a hundredth of a pixel of motion anywhere near the centre."""
        return bool(np.abs(self.matrix - IDENTITY).max() > 1e-4 or np.abs(self.matrix[:2, 2]).max() > 0.01)


#: Video black (limited-range luma): a fade scales the picture about it, not about zero.
BLACK = 16.0
#: A picture whose mean luma is within this of black shows nothing (a fade's black end).
DARK = 4.0
#: The brightness step (a share, frame to frame) past which the previous picture is brought to
#: this one's brightness before tracking: the tracker assumes a point keeps its brightness, which
#: a fade breaks (half a second of fade from black doubles it in a frame), and then it follows
#: nothing.
MATCH_STEP = 0.03


def _matched_brightness(prev: np.ndarray, cur: np.ndarray) -> np.ndarray:
    """``prev`` (uint8) scaled about black to ``cur``'s mean brightness where they differ by more
    than :data:`MATCH_STEP`; else ``prev`` itself."""
    pm, cm = float(cv2.mean(prev)[0]) - BLACK, float(cv2.mean(cur)[0]) - BLACK
    if pm <= DARK or cm <= 0.0 or abs(cm / pm - 1.0) <= MATCH_STEP:
        return prev
    g = cm / pm
    return cv2.convertScaleAbs(prev, alpha=g, beta=BLACK * (1.0 - g))


def compose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Homography ``a`` after ``b``."""
    m = a @ b
    return m / m[2, 2]


def invert(m: np.ndarray) -> np.ndarray:
    """Inverse homography."""
    inv = np.linalg.inv(m)
    return inv / inv[2, 2]


def apply(m: np.ndarray, x: np.ndarray | float, y: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Map points through a homography."""
    w = m[2, 0] * x + m[2, 1] * y + m[2, 2]
    return (m[0, 0] * x + m[0, 1] * y + m[0, 2]) / w, (m[1, 0] * x + m[1, 1] * y + m[1, 2]) / w


class CameraTracker:
    """Estimates :class:`CameraStep` frame by frame.

    Parameters
    ----------
    width, height : analysis picture size.
    features : how many corners to track (spread over the picture by a minimum distance).
    """

    def __init__(self, width: int, height: int, *, features: int = 120) -> None:
        self.width, self.height = width, height
        self._max = features
        self._min_dist = max(4, int(min(width, height) / 14))
        self._prev: np.ndarray | None = None
        self._since = 0
        self._flat_wait = 0
        self._pts: np.ndarray | None = None
        self._lk = dict(winSize=(21, 21), maxLevel=3,
                        criteria=(cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 12, 0.03))

    def reset(self, frame8: np.ndarray) -> None:
        """Start again from ``frame8`` (a cut)."""
        self._prev = frame8
        self._pts = self._corners(frame8)
        self._flat_wait = 0

    def _corners(self, frame8: np.ndarray) -> np.ndarray | None:
        """Corners found on the half-size picture (a quarter of the work; they are refined by
        the tracker at full size anyway)."""
        self._since = 0
        # Half size, and smoothed again: in a grainy picture every pixel of grain is a "corner";
        # the ones worth tracking are edges of things, which survive the blur.
        small = cv2.GaussianBlur(cv2.pyrDown(frame8), (0, 0), 1.0)
        pts = cv2.goodFeaturesToTrack(small, self._max, 0.01, max(2, self._min_dist // 2), blockSize=7)
        return None if pts is None else pts * 2.0

    def _explains(self, prev: np.ndarray, cur: np.ndarray, m: np.ndarray) -> bool:
        """Does moving the whole previous picture by ``m`` match this one clearly better than
        leaving it? In a flat picture the few corners may all sit on one moving object, and a
        "camera motion" that follows it would make it invisible.

        Compared at a quarter of the size, where grain has averaged out and only the scene's
        structure is left to disagree."""
        if np.abs(m - IDENTITY).max() < 1e-4:
            return True
        # Judged at one brightness: on a fade's first step (a pan fading out by a tenth a
        # frame) the step itself outweighed what the move explains, the camera was taken as
        # still, and the pan read as a cut. Where the brightness holds this is ``prev``.
        prev = _matched_brightness(prev, cur)
        p4 = cv2.pyrDown(cv2.pyrDown(prev)).astype(np.float32)
        c4 = cv2.pyrDown(cv2.pyrDown(cur)).astype(np.float32)
        h, w = c4.shape
        sx, sy = w / self.width, h / self.height
        scale = np.diag([sx, sy, 1.0])
        m4 = scale @ m @ np.linalg.inv(scale)
        warped = cv2.warpPerspective(p4, m4, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        b = max(1, w // 16)
        inner = (slice(b, -b), slice(b, -b))
        moved = float(np.abs(warped - c4)[inner].mean())
        still = float(np.abs(p4 - c4)[inner].mean())
        # A slow pan moves the picture by a fraction of a pixel, which barely changes the
        # comparison: not being worse is enough there. A big move must clearly explain the
        # picture (one fast object carrying the corners would make itself invisible).
        corners = np.array([[0, 0, 1], [self.width, 0, 1], [0, self.height, 1],
                            [self.width, self.height, 1]], float)
        moved_px = corners @ m.T
        shift = float(np.abs(moved_px[:, :2] / moved_px[:, 2:] - corners[:, :2]).max())
        return moved <= still if shift < 1.5 else moved < 0.9 * still

    def step(self, frame8: np.ndarray, *, fading: bool = False) -> CameraStep:
        """Camera motion from the previous frame to ``frame8`` (uint8 gray, analysis size).
        ``fading``: the picture is in a fade, and the previous frame is brought to this one's
        brightness first (not on any brightness step: between two angles of one room that made
        a cut's pictures trackable, and the cut went unseen)."""
        prev, pts = self._prev, self._pts
        self._prev = frame8
        if prev is None or pts is None or len(pts) < 8:
            # A flat picture (or one blurred flat) has too few corners to track. Looking again
            # every frame cost a fifth of the analysis of such a clip; every third frame
            # notices a camera that starts to show texture a frame or two later.
            self._flat_wait -= 1
            if self._flat_wait <= 0:
                self._pts = self._corners(frame8)
                self._flat_wait = 0 if self._pts is not None and len(self._pts) >= 8 else FLAT_RETRY
            return CameraStep(IDENTITY.copy(), 0.0 if prev is not None else 1.0, 0)
        if fading:
            prev = _matched_brightness(prev, frame8)
        nxt, status, _ = cv2.calcOpticalFlowPyrLK(prev, frame8, pts, None, **self._lk)
        ok = status.ravel() == 1
        p0, p1 = pts[ok].reshape(-1, 2), nxt[ok].reshape(-1, 2)
        step = CameraStep(IDENTITY.copy(), 0.0, int(ok.sum()))
        if len(p0) >= 8:
            # Rotation, scale and translation only: eight free numbers of a homography fitted to
            # a few dozen grainy tracks wander wildly, four don't; between two frames a pan's
            # perspective and a dolly's parallax are well under the pixel that the background
            # comparison tolerates (``MotionSegmenter._outside``).
            a, inl = cv2.estimateAffinePartial2D(p0, p1, method=cv2.RANSAC, ransacReprojThreshold=1.0,
                                                 maxIters=200, confidence=0.99, refineIters=10)
            m = None if a is None else np.vstack([a, [0.0, 0.0, 1.0]])
            if m is not None:
                share = float(inl.sum()) / len(pts)
                step = CameraStep(m if self._explains(prev, frame8, m) else IDENTITY.copy(), share, len(p0))
                # keep the features that followed the camera; top up where too few are left
                keep = p1[inl.ravel() == 1]
                inside = ((keep[:, 0] > 2) & (keep[:, 0] < self.width - 3) & (keep[:, 1] > 2)
                          & (keep[:, 1] < self.height - 3))
                keep = keep[inside]
                self._since += 1
                # a picture with few corners keeps what it has; re-detecting every frame costs
                if len(keep) >= 0.6 * self._max or (len(keep) >= 8 and self._since < 6):
                    self._pts = keep.reshape(-1, 1, 2).astype(np.float32)
                    return step
        self._pts = self._corners(frame8)
        return step
