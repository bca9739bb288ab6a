"""What the decoder does with damaged packets, with a rate change mid-stream, with speaker layouts and
with its progress reports, on files whose every packet the test controls.

Damaged files are MP2 in NUT: NUT's demuxer hands packets over as they were muxed (Matroska's runs
MPEG audio through a parser that glues a zeroed packet onto its neighbour), its clock is the sample
rate, so a skipped packet opens an exact gap, and FFmpeg's MP2 decoder refuses a zeroed packet
("Header missing") instead of concealing it.
"""
from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from stemline.core.errors import MediaError
from stemline.core.progress import Progress
from stemline.media.decode import _MAX_BAD_PACKETS_IN_A_ROW, iter_audio, read_audio

RATE = 44100
FRAME = 1152  # samples in one MP2 packet
DELAY = 481   # MP2's filter-bank delay, taken out by the decoder (UNSIGNALLED_DELAY)


def tone(n: int, rate: int, hz: float) -> np.ndarray:
    return (0.4 * np.sin(2 * np.pi * hz * np.arange(n) / rate)).astype(np.float32)


def write_mp2(path: Path, n_packets: int, bad: Iterable[int] = (), *, fmt: str = "nut",
              rate: int = RATE, hz: float = 440.0) -> None:
    """``n_packets`` MP2 packets of a mono tone; those numbered in ``bad`` are muxed as zeros."""
    bad = set(bad)
    out = av.open(str(path), "w", format=fmt)
    try:
        stream = out.add_stream("mp2", rate=rate)
        stream.layout = "mono"
        stream.format = "s16"
        sig = (tone(FRAME * n_packets, rate, hz) * 32767).astype(np.int16)
        packets = []
        for i in range(n_packets):
            frame = av.AudioFrame.from_ndarray(sig[None, i * FRAME:(i + 1) * FRAME], format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = rate, i * FRAME, Fraction(1, rate)
            packets += stream.encode(frame)
        packets += stream.encode(None)
        for i, packet in enumerate(packets):
            if i in bad:
                zeros = av.Packet(bytes(packet.size))
                zeros.pts, zeros.dts, zeros.time_base = packet.pts, packet.dts, packet.time_base
                zeros.stream = stream
                packet = zeros
            out.mux(packet)
    finally:
        out.close()


def test_a_skipped_packet_is_silence_and_the_audio_after_it_stays_in_place(tmp_path: Path) -> None:
    # Resampled and remixed on the way out: the converter restarted after the gap must keep both.
    write_mp2(clean := tmp_path / "clean.nut", 40)
    write_mp2(hurt := tmp_path / "hurt.nut", 40, bad=range(12, 15))
    ref, _ = read_audio(clean, sample_rate=48000, channels=2)
    got, rate = read_audio(hurt, sample_rate=48000, channels=2)
    assert rate == 48000 and got.shape == ref.shape
    to48 = 48000 / RATE
    gap_start, gap_end = round((12 * FRAME - DELAY) * to48), round((15 * FRAME - DELAY) * to48)
    np.testing.assert_allclose(got[:gap_start - 100], ref[:gap_start - 100], atol=1e-4)
    assert np.abs(got[gap_start + 600:gap_end - 100]).max() == 0.0       # the gap: silence
    after = gap_end + round(FRAME * to48)  # (the decoder's filter bank restarts on the next frame)
    # In place to within a sample: the silence is a whole number of output samples, and the new
    # converter starts on the next input sample, so the phase may move by a fraction of one.
    np.testing.assert_allclose(got[after:], ref[after:], atol=0.4 * 2 * np.pi * 440 / 48000)
    np.testing.assert_array_equal(got[:, 0], got[:, 1])


def test_bad_packets_up_to_the_limit_are_skipped_even_at_the_start(tmp_path: Path) -> None:
    limit = _MAX_BAD_PACKETS_IN_A_ROW
    n = 2 * limit + 40
    bad = [*range(limit), *range(limit + 10, 2 * limit + 10)]  # the limit twice, the first at the start
    write_mp2(clean := tmp_path / "clean.nut", n)
    write_mp2(hurt := tmp_path / "hurt.nut", n, bad=bad)
    ref, _ = read_audio(clean)
    got, _ = read_audio(hurt)
    assert got.shape == ref.shape
    assert np.abs(got[:limit * FRAME - DELAY - 100]).max() == 0.0
    between = slice((limit + 1) * FRAME, (limit + 10) * FRAME - DELAY - 100)
    np.testing.assert_allclose(got[between], ref[between], atol=1e-3)
    tail = (2 * limit + 11) * FRAME
    np.testing.assert_allclose(got[tail:], ref[tail:], atol=1e-3)


def test_one_bad_packet_more_than_the_limit_ends_the_audio_there(tmp_path: Path) -> None:
    limit = _MAX_BAD_PACKETS_IN_A_ROW
    write_mp2(clean := tmp_path / "clean.nut", limit + 100)
    write_mp2(hurt := tmp_path / "hurt.nut", limit + 100, bad=range(50, 50 + limit + 1))
    ref, _ = read_audio(clean)
    # One block bigger than the file: what was decoded before the run still comes out at the end.
    got = np.concatenate(list(iter_audio(hurt, block_frames=1 << 20)))
    assert len(got) == 50 * FRAME - DELAY
    np.testing.assert_allclose(got, ref[:len(got)], atol=1e-4)


def test_a_file_that_decodes_to_nothing_is_refused_naming_it(tmp_path: Path) -> None:
    write_mp2(hurt := tmp_path / "all bad.nut", 20, bad=range(20))
    with pytest.raises(MediaError, match=r"^.*all bad\.nut: no decodable audio$"):
        read_audio(hurt)


def test_a_layout_change_mid_stream_keeps_every_sample_of_both_parts(tmp_path: Path) -> None:
    # One stream, mono for 30 packets and then stereo (MP2 says which in every frame header):
    # what a capture that switched inputs gives. The mono part's converter is drained before
    # the stereo part's starts, so nothing is lost at the joint and the clock runs on.
    path = tmp_path / "switch.nut"
    out = av.open(str(path), "w")
    stream = out.add_stream("mp2", rate=RATE)
    stream.layout, stream.format = "mono", "s16"
    stereo = av.CodecContext.create("mp2", "w")
    stereo.sample_rate, stereo.layout, stereo.format = RATE, "stereo", "s16"
    stereo.time_base = Fraction(1, RATE)
    sig = tone(60 * FRAME, RATE, 440.0)
    for i in range(60):
        part = (sig[i * FRAME:(i + 1) * FRAME] * 32767).astype(np.int16)
        two = i >= 30
        frame = av.AudioFrame.from_ndarray(np.repeat(part, 2)[None] if two else part[None], format="s16",
                                           layout="stereo" if two else "mono")
        frame.sample_rate, frame.pts, frame.time_base = RATE, i * FRAME, Fraction(1, RATE)
        for packet in (stereo if two else stream).encode(frame):
            packet.stream = stream
            packet.pts = packet.dts = i * FRAME  # (both encoders: one packet per frame, no delay)
            packet.time_base = Fraction(1, RATE)
            out.mux(packet)
    out.close()
    got, _ = read_audio(path, channels=2)
    assert len(got) == 60 * FRAME - DELAY
    # (the decoder's delay is taken out: output sample k is input sample k. The right channel's
    # filter bank starts empty at the joint, so its first 481 samples there are priming.)
    joint = 30 * FRAME - DELAY
    sent = sig[:len(got)]
    for channel, part in [(0, slice(0, joint)), (1, slice(0, joint)),
                          (0, slice(joint, None)), (1, slice(joint + DELAY, None))]:
        assert np.corrcoef(got[part, channel], sent[part])[0, 1] > 0.98, (channel, part)


def test_a_quad_source_keeps_its_speakers(tmp_path: Path) -> None:
    # Four named speakers asked for as four channels come back as they are, not remixed to
    # FFmpeg's default 4-channel layout (4.0: front centre and back centre).
    path = tmp_path / "quad.wav"
    sig = np.stack([tone(48000, 48000, hz) for hz in (300, 500, 700, 900)], 1)
    out = av.open(str(path), "w")
    stream = out.add_stream("pcm_s16le", rate=48000)
    stream.layout = "quad"
    frame = av.AudioFrame.from_ndarray((sig * 32767).astype(np.int16).reshape(1, -1), format="s16",
                                       layout="quad")
    frame.sample_rate = 48000
    out.mux(stream.encode(frame))
    out.mux(stream.encode(None))
    out.close()
    with av.open(str(path)) as check:
        assert check.streams.audio[0].codec_context.layout.name == "quad"
    got, _ = read_audio(path, channels=4)
    np.testing.assert_allclose(got, sig, atol=1e-4)


@pytest.mark.parametrize("per_frame", [1.0, 1.5])
def test_progress_is_reported_once_per_block_reached(tmp_path: Path, per_frame: float) -> None:
    path = tmp_path / "tone.wav"
    sf.write(path, tone(48000, 48000, 440.0), 48000)
    with av.open(str(path)) as c:
        sizes = [f.samples for f in c.decode(audio=0)]
    assert len(set(sizes[:-1])) == 1 and len(sizes) > 10
    block = int(sizes[0] * per_frame)  # a block per frame: the first frame fills block 1 at once
    expected, last = [], -1
    for emitted in np.cumsum(sizes):
        if emitted // block != last:
            last = emitted // block
            expected.append(emitted / 48000)
    seen: list[Progress] = []
    list(iter_audio(path, block_frames=block, progress=seen.append))
    assert [p.done for p in seen] == pytest.approx(expected + [1.0])
    assert {p.stage for p in seen} == {"decode"} and [p.total for p in seen] == pytest.approx([1.0] * len(seen))
