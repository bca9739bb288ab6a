"""The decoder's plumbing on its own: the block cutter every stream passes through, and
read_audio's forwarding of its arguments."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.core.errors import Cancelled
from stemline.core.progress import CancelToken, Progress
from stemline.media.decode import _Blocker, iter_audio, read_audio


def blocks_of(blocker: _Blocker, *steps: tuple[str, object]) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for kind, arg in steps:
        out += list(blocker.push(arg) if kind == "push" else blocker.silence(arg))  # type: ignore[arg-type]
    return out + list(blocker.flush())


def test_blocks_are_whole_except_the_last_and_keep_every_frame_in_order() -> None:
    b = _Blocker(4, 2)
    data = np.arange(22, dtype=np.float64).reshape(11, 2)
    got = blocks_of(b, ("push", data[:3]), ("push", data[3:4]), ("push", data[4:4]), ("push", data[4:11]))
    assert [len(x) for x in got] == [4, 4, 3]
    np.testing.assert_array_equal(np.concatenate(got), data)
    for x in got:       # fresh, writable, C-contiguous float32 (callers scale blocks in place)
        assert x.dtype == np.float32 and x.flags.c_contiguous and x.flags.writeable
        assert not np.shares_memory(x, data)
    assert b.emitted == 11


def test_a_block_is_handed_out_as_soon_as_it_is_whole() -> None:
    b = _Blocker(4, 1)
    assert len(list(b.push(np.ones((4, 1), np.float32)))) == 1
    assert b.count == 0 and list(b.flush()) == []          # nothing held back, nothing invented


def test_silence_comes_in_block_sized_slices_and_to_the_frame() -> None:
    b = _Blocker(4, 2)
    got = blocks_of(b, ("push", np.ones((1, 2), np.float32)), ("silence", 9), ("silence", 1),
                    ("silence", 0), ("push", np.ones((1, 2), np.float32)))
    flat = np.concatenate(got)
    assert len(flat) == 12 and [len(x) for x in got] == [4, 4, 4]
    assert flat[0].all() and not flat[1:11].any() and flat[11].all()
    assert flat.dtype == np.float32


def test_a_view_of_a_read_only_frame_is_copied() -> None:
    frozen = np.ones((6, 2), np.float32)
    frozen.flags.writeable = False
    b = _Blocker(4, 2)
    got = list(b.push(frozen)) + list(b.flush())
    got[0] *= 2.0                                           # must not raise or touch the source
    assert frozen.max() == 1.0


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    t = np.arange(48000 * 2) / 48000
    sf.write(path, np.stack([np.sin(2 * np.pi * 440 * t), np.cos(2 * np.pi * 440 * t)], 1) * 0.5, 48000)
    return path


def test_read_audio_passes_block_size_progress_and_cancel_on(wav: Path) -> None:
    reports: list[Progress] = []
    audio, rate = read_audio(wav, block_frames=4000, progress=reports.append)
    assert rate == 48000 and audio.shape == (96000, 2)
    ref, _ = sf.read(wav, dtype="float32", always_2d=True)
    np.testing.assert_allclose(audio, ref, atol=1e-4)
    # one report per block of 4000 frames (24), then the closing one
    assert len(reports) == 25 and reports[-1].done == reports[-1].total == pytest.approx(2.0)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_audio(wav, cancel=token)


@pytest.mark.parametrize("bad, message", [(dict(block_frames=0), "block_frames must be positive"),
                                          (dict(sample_rate=0), "sample_rate must be positive"),
                                          (dict(channels=0), "channels must be positive")])
def test_arguments_out_of_range_are_refused_by_name(wav: Path, bad: dict, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{message}$"):
        next(iter_audio(wav, **bad))


def test_the_smallest_valid_arguments_work(wav: Path) -> None:
    first = next(iter_audio(wav, block_frames=1, channels=1))
    assert first.shape == (1, 1)
    list(iter_audio(wav, sample_rate=1))                            # 1 Hz is a rate, if a poor one
    blocks = list(iter_audio(wav))
    assert [len(b) for b in blocks] == [65536, 96000 - 65536]      # the default block size
