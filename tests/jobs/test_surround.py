"""A 5.1 mix (issue 12), decoded back: the voice in the centre, the background in front with a
delayed share in the surrounds, each Foley sound across left-centre-right where it happens and a
low-passed share in the LFE; the layout tagged in every container; the stereo mix beside it."""
from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from stemline.core.errors import OutputError
from stemline.core.surround import BL, BR, FC, FL, FR, LFE, lcr_gains
from stemline.jobs.export import ExportRequest, export_project
from stemline.media.decode import read_audio
from tests.jobs.projects import SR


def _only(project, kind: str):  # type: ignore[no-untyped-def]
    for k in ("voice", "background", "foley"):
        project.track(k).mute = k != kind
    return project


def _export(project, path: Path, **kw) -> np.ndarray:  # type: ignore[no-untyped-def]
    export_project(project, ExportRequest(output=path, bit_depth=32, channels="5.1", **kw))
    audio, rate = read_audio(path, channels=6)
    assert rate == SR and audio.shape == (6 * SR, 6)
    return audio.astype(np.float64)


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x * x)))


def test_the_voice_is_in_the_centre_and_folds_down_to_the_stereo_mix(project, tmp_path: Path) -> None:
    got = _export(_only(project, "voice"), tmp_path / "voice.wav")
    c = _rms(got[:, FC])
    assert c > 0.05
    for ch in (FL, FR, LFE, BL, BR):
        assert _rms(got[:, ch]) < 1e-6 * c, ch
    # the centre has the power the phantom centre had: an ITU fold-down gives the stereo mix back
    export_project(project, ExportRequest(output=tmp_path / "stereo.wav", bit_depth=32))
    stereo = read_audio(tmp_path / "stereo.wav")[0].astype(np.float64)
    fold = got[:, FC] / np.sqrt(2.0)
    assert _rms(fold) == pytest.approx(_rms(stereo.mean(axis=1)), rel=0.02)


def test_the_background_is_in_front_and_in_the_surrounds_later_and_quieter(project, tmp_path: Path) -> None:
    got = _export(_only(project, "background"), tmp_path / "bg.wav")
    assert _rms(got[:, FC]) < 1e-7 and _rms(got[:, LFE]) < 1e-7
    for front, back, delay_ms in ((FL, BL, 12), (FR, BR, 17)):
        d = int(delay_ms * SR / 1000)
        assert _rms(got[:, back]) > 0.01
        np.testing.assert_allclose(got[d:, back], 0.5 * got[:-d, front], atol=1e-6)
    # the two surrounds are not one signal: the room opens up instead of a phantom behind
    assert abs(np.corrcoef(got[:, BL], got[:, BR])[0, 1]) < 0.9


def test_each_foley_sound_sits_where_it_happens_and_thuds_reach_the_lfe(project, tmp_path: Path) -> None:
    got = _export(_only(project, "foley"), tmp_path / "foley.wav")
    assert _rms(got[:, BL]) < 1e-7 and _rms(got[:, BR]) < 1e-7
    # events at 0.5 s (pan -0.6), 1.7 s (+0.6), 3.2 s (centre), 4.9 s (+0.3), each its own sound
    for start, pan in ((0.5, -0.6), (1.7, 0.6), (3.2, 0.0), (4.9, 0.3)):
        seg = got[int((start - 0.05) * SR):int((start + 0.25) * SR)]
        level = np.array([_rms(seg[:, ch]) for ch in (FL, FC, FR)])
        want = np.array(lcr_gains(pan))
        # the ratios of the three front channels are the pan law's
        np.testing.assert_allclose(level / level.max(), want / want.max(), atol=0.02)
    # the LFE: the Foley below 120 Hz, at -6 dB
    lfe = got[:, LFE]
    assert _rms(lfe) > 1e-4
    power = np.abs(np.fft.rfft(lfe)) ** 2
    f = np.fft.rfftfreq(len(lfe), 1 / SR)
    assert power[f > 500].sum() < 1e-3 * power[f < 120].sum()  # 4th order: -50 dB at 500 Hz


@pytest.mark.parametrize("name", ["mix.mp4", "mix.mkv", "mix.m4a", "mix.opus", "mix.flac"])
def test_every_container_is_tagged_5_1(project, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    export_project(project, ExportRequest(output=out, channels="5.1"))
    with av.open(str(out)) as c:
        st = c.streams.audio[0]
        assert st.codec_context.channels == 6
        assert st.codec_context.layout.name == "5.1"
    got, _ = read_audio(out, channels=6)
    assert _rms(got[:, FC]) > 0.02  # decoded back, the voice is in the centre


def test_a_video_carries_the_stereo_mix_as_a_second_track(project, tmp_path: Path) -> None:
    out = tmp_path / "film.mkv"
    result = export_project(project, ExportRequest(output=out, channels="5.1", with_stereo=True))
    assert result.outputs == [out]
    with av.open(str(out)) as c:
        a, b = c.streams.audio
        assert (a.codec_context.channels, b.codec_context.channels) == (6, 2)
        assert a.disposition & av.stream.Disposition.default
        assert not b.disposition & av.stream.Disposition.default
        assert b.metadata.get("title") == "Stereo mix"
    # an audio file gets it beside it, the same samples as the stereo export
    wav = tmp_path / "film.wav"
    result = export_project(project, ExportRequest(output=wav, bit_depth=32, channels="5.1",
                                                   with_stereo=True))
    assert result.outputs == [wav, tmp_path / "film_stereo.wav"]
    export_project(project, ExportRequest(output=tmp_path / "plain.wav", bit_depth=32))
    np.testing.assert_array_equal(read_audio(tmp_path / "film_stereo.wav")[0],
                                  read_audio(tmp_path / "plain.wav")[0])


def test_what_5_1_cannot_be_is_refused_in_one_line(project, tmp_path: Path) -> None:
    for req, words in ((ExportRequest(output=tmp_path / "m.mp3", channels="5.1"), "mp3 holds at most 2"),
                       (ExportRequest(output=tmp_path / "m.wav", channels="7.1"), "choose one of"),
                       (ExportRequest(output=tmp_path / "m.wav", with_stereo=True), "--channels 5.1"),
                       (ExportRequest(stems=tmp_path / "s", channels="5.1"), "give an output")):
        with pytest.raises(OutputError, match=words) as err:
            export_project(project, req)
        assert "\n" not in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_writes_a_normalised_5_1_film_with_its_stereo_mix(
        project_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import subprocess

    from stemline.cli import main

    out = tmp_path / "film.mp4"
    assert main(["export", str(project_dir / "p.stemline"), "-o", str(out), "--channels", "5.1",
                 "--with-stereo", "--loudness", "-23", "--quiet", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["outputs"] == [str(out)]
    # FFmpeg's own meter (BS.1770 with its 5.1 weights) reads the target off the 5.1 track
    err = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", str(out), "-map", "0:a:0",
                          "-af", "ebur128", "-f", "null", "-"], capture_output=True, text=True,
                         check=True).stderr
    summary = err[err.rindex("Summary:"):]
    lufs = float(summary.split("I:")[1].split("LUFS")[0])
    assert lufs == pytest.approx(-23.0, abs=0.5)
    with av.open(str(out)) as c:
        assert [s.codec_context.channels for s in c.streams.audio] == [6, 2]
    assert main(["export", str(project_dir / "p.stemline"), "-o", str(tmp_path / "x.mp3"),
                 "--channels", "5.1"]) == 1
    err = capsys.readouterr().err.strip()
    assert "x.mp3" in err and "\n" not in err
