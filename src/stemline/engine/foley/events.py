"""Value types shared by the Foley analysis, matching and placement steps."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Event characters, from the motion that ended in the contact.
KINDS = ("impact", "landing", "slam", "step")


@dataclass(frozen=True)
class ContactEvent:
    """One moment where something hits something.

    Attributes
    ----------
    time : seconds from the video start, sub-frame (intersection of the fitted trajectories).
    x, y : position of the contact in the picture, -1 (left / top) .. +1 (right / bottom).
    size : object size as a fraction of the picture width (sqrt of its area / width).
    strength : 0..1 from the velocity change, relative to the picture size per second.
    kind : one of :data:`KINDS` ("impact" = rebound, "landing" = downward stop, "slam" = sideways
        stop, "step" = one of a regular series from the same object).
    track : id of the tracked object that made it.
    speed : velocity change in picture widths per second (unscaled ``strength``).
    surface : what was hit, one of ``surface.SURFACES`` ("" when unknown).
    object : what hit it, one of ``surface.OBJECTS`` ("" when unknown).
    """

    time: float
    x: float
    y: float
    size: float
    strength: float
    kind: str
    track: int = -1
    speed: float = 0.0
    surface: str = ""
    object: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class SpottingResult:
    """Everything the analysis found in one video.

    Attributes
    ----------
    events : contact events sorted by time.
    cuts : times of shot cuts (seconds).
    duration : seconds analysed.
    fps : frame rate of the analysed stream.
    size : analysis picture size (width, height) in pixels.
    frames : number of frames analysed.
    looks : per event, what the floor looked like where it happened (``surface.PatchLook``;
        None where it wasn't seen): what its surface guess was made from, kept for tools that
        learn or check that guess (``benchmarks/scenes3d/train_surface.py``).
    """

    events: tuple[ContactEvent, ...]
    cuts: tuple[float, ...]
    duration: float
    fps: float
    size: tuple[int, int]
    frames: int
    stats: dict[str, Any] = field(default_factory=dict)
    looks: tuple[Any, ...] = ()
