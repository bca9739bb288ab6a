"""Files with several audio streams: the default one is separated unless ``--audio-stream N``
chooses another, and result.json says which."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

from stemline.media.decode import read_audio
from stemline.media.probe import probe

RATE = 44100
TONES = (440.0, 1320.0)  # stream 0 (English), stream 1 (German, marked default)


def two_languages(path: Path, seconds: float = 2.0) -> None:
    """An MKV with two mono FLAC streams of different tones; the second is the default."""
    with av.open(str(path), "w") as c:
        streams = [c.add_stream("flac", rate=RATE) for _ in TONES]
        for st, lang in zip(streams, ("eng", "deu")):
            st.layout = "mono"
            st.metadata["language"] = lang
        streams[0].disposition = 0
        streams[1].disposition = av.stream.Disposition.default
        t = np.arange(int(seconds * RATE)) / RATE
        block = 4608
        for k in range(0, len(t), block):
            for st, f in zip(streams, TONES):
                a = (0.3 * np.sin(2 * np.pi * f * t[k:k + block])).astype(np.float32)[None]
                frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(a), format="flt", layout="mono")
                frame.sample_rate, frame.pts = RATE, k
                for p in st.encode(frame):
                    c.mux(p)
        for st in streams:
            for p in st.encode():
                c.mux(p)


def tone_of(voice: Path, background: Path) -> float:
    """The strongest frequency of voice + background (= what was separated)."""
    v, rate = read_audio(voice)
    b, _ = read_audio(background)
    n = min(len(v), len(b))
    mix = (v[:n] + b[:n]).mean(axis=1)
    spec = np.abs(np.fft.rfft(mix * np.hanning(n)))
    return float(np.fft.rfftfreq(n, 1 / rate)[int(np.argmax(spec))])


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("streams") / "two languages.mkv"
    two_languages(p)
    return p


def separate(clip: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stemline", "separate", str(clip), "-o", str(out),
                           "--format", "wav", "--quiet", *extra],
                          capture_output=True, text=True, timeout=300)


def test_probe_puts_the_default_stream_first_and_can_choose_another(clip: Path) -> None:
    info = probe(clip)
    assert [(a.number, a.default, a.language) for a in info.audio] == [(1, True, "deu"), (0, False, "eng")]
    chosen = info.select_audio(0)
    assert chosen.audio[0].number == 0 and [a.number for a in chosen.audio] == [0, 1]


@pytest.mark.parametrize("choice,tone", [(None, TONES[1]), ("0", TONES[0]), ("1", TONES[1])])
def test_the_chosen_stream_is_separated_and_named_in_result_json(clip: Path, tmp_path: Path, choice, tone) -> None:
    r = separate(clip, tmp_path, *(["--audio-stream", choice] if choice is not None else []))
    assert r.returncode == 0, r.stderr
    folder = tmp_path / clip.stem
    rec = json.loads((folder / "result.json").read_text())
    number = int(choice) if choice is not None else 1
    assert rec["Input"]["AudioStream"] == number and rec["Input"]["AudioStreams"] == 2
    assert rec["Input"]["AudioLanguage"] == ("eng", "deu")[number]
    assert abs(tone_of(folder / "voice.wav", folder / "background.wav") - tone) < 3.0


def test_a_stream_the_file_does_not_have_is_a_one_line_error(clip: Path, tmp_path: Path) -> None:
    r = separate(clip, tmp_path, "--audio-stream", "2")
    assert r.returncode != 0
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(clip) in lines[0] and "no audio stream 2 (it has 2: 0..1)" in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    folder = tmp_path / clip.stem
    assert json.loads((folder / "result.json").read_text())["Status"] == "Failed"
    assert not list(folder.glob("*.wav"))
