"""The reduced frames Foley analysis reads (``media.video.iter_gray_frames``): colour is point-sampled
at the centre of each 2x2 block of analysis pixels, whatever the chroma sampling and size of the
source. Made losslessly (FFV1) with PyAV, so the decoded planes are the ones written."""
from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from stemline.media.video import iter_gray_frames


def _write(path: Path, w: int, h: int, pix_fmt: str, frames: int = 3) -> list[av.VideoFrame]:
    """A lossless clip of random pictures; returns the frames as written."""
    rng = np.random.default_rng(7)
    written = []
    with av.open(str(path), "w") as out:
        vs = out.add_stream("ffv1", rate=25)
        vs.width, vs.height, vs.pix_fmt = w, h, pix_fmt
        for _ in range(frames):
            rgb = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format=pix_fmt)
            written.append(frame)
            for p in vs.encode(frame):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)
    return written


def _plane(frame: av.VideoFrame, i: int) -> np.ndarray:
    p = frame.planes[i]
    return np.frombuffer(p, np.uint8).reshape(p.height, p.line_size)[:, : p.width]


@pytest.mark.parametrize(("w", "h", "pix_fmt", "max_width", "rows", "cols"), [
    # 4:2:0 halved: analysis pixel (2i, 2i+1) pairs sit over chroma sample 2i+... of a half-size plane
    (640, 360, "yuv420p", 320, slice(1, None, 2), slice(1, None, 2)),
    # 4:2:2: full-height chroma, so the block centres fall on every other row pair
    (640, 360, "yuv422p", 320, slice(2, None, 4), slice(1, None, 2)),
    # 4:4:4 reduced by four: every eighth chroma sample from the fourth
    (1280, 720, "yuv444p", 320, slice(4, None, 8), slice(4, None, 8)),
])
def test_chroma_is_sampled_at_the_centre_of_each_block(tmp_path: Path, w: int, h: int, pix_fmt: str,
                                                        max_width: int, rows: slice, cols: slice) -> None:
    written = _write(tmp_path / "c.mkv", w, h, pix_fmt)
    got = list(iter_gray_frames(tmp_path / "c.mkv", max_width=max_width, colour=True, prefetch=0))
    assert len(got) == len(written)
    for fr, src in zip(got, written):
        ch, cw = fr.chroma.shape[1:]
        for k in (0, 1):
            want = _plane(src, k + 1)[rows, cols][:ch, :cw].astype(np.float32) - 128.0
            assert want.shape == (ch, cw)
            np.testing.assert_array_equal(fr.chroma[k], want)


def test_chroma_whose_block_centres_fall_unevenly_is_gathered(tmp_path: Path) -> None:
    """4:1:1 (chroma a quarter as wide) reduced by three: block centres every 1.5 chroma samples
    across, not evenly spaced in whole samples; each is the sample the centre falls in."""
    written = _write(tmp_path / "411.mkv", 648, 360, "yuv411p", frames=2)
    got = list(iter_gray_frames(tmp_path / "411.mkv", max_width=216, colour=True, prefetch=0))
    fr, src = got[0], written[0]
    ch, cw = fr.chroma.shape[1:]
    assert (ch, cw) == (60, 108)
    # centres of 2x2 blocks of 3x3-pixel analysis pixels: pixel 6i + 3, chroma (6i + 3) / 4 across
    cols = ((np.arange(cw) + 0.5) * 6 / 4).astype(int)
    rows = ((np.arange(ch) + 0.5) * 6).astype(int)
    assert len(set(np.diff(cols))) == 2  # uneven
    for k in (0, 1):
        want = _plane(src, k + 1)[rows[:, None], cols[None, :]].astype(np.float32) - 128.0
        np.testing.assert_array_equal(fr.chroma[k], want)
