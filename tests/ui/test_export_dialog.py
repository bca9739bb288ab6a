"""The Export dialog builds the request `stemline export` would get from the same choices."""
from __future__ import annotations

from pathlib import Path

from stemline.ui.export_dialog import ExportDialog


def test_choices_make_the_request(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    media = tmp_path / "clip.mp4"
    dialog = ExportDialog(media, has_video=True, preset="video")
    qtbot.addWidget(dialog)
    req = dialog.request()
    assert req.output == tmp_path / "clip_stemline.mp4" and req.stems is None
    dialog.audio.check.setChecked(True)          # one mix per export: the audio replaces the video
    assert not dialog.video.check.isChecked()
    dialog.stems.check.setChecked(True)
    dialog.karaoke.check.setChecked(True)
    dialog.karaoke_format.setCurrentText("opus")
    dialog.guide.setValue(-20.0)
    dialog.loudness.setCurrentIndex(dialog.loudness.findData(-23.0))
    dialog.bit_depth.setCurrentIndex(2)
    req = dialog.request()
    assert req.output == tmp_path / "clip_mix.wav" and req.bit_depth == 32
    assert req.stems == tmp_path / "clip_stems" and req.karaoke == tmp_path / "clip_karaoke"
    assert (req.karaoke_format, req.guide_db, req.loudness, req.true_peak) == ("opus", -20.0, -23.0, -1.0)
    assert (req.channels, req.with_stereo) == ("stereo", False)
    req.validate()
    # 5.1, and the stereo mix beside it (offered only with 5.1)
    dialog.with_stereo.setChecked(True)
    assert not dialog.with_stereo.isEnabled() and not dialog.request().with_stereo
    dialog.channels.setCurrentIndex(dialog.channels.findData("5.1"))
    assert dialog.with_stereo.isEnabled()
    req = dialog.request()
    assert (req.channels, req.with_stereo) == ("5.1", True)
    req.validate()


def test_audio_files_get_no_video_choice(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(tmp_path / "talk.wav", has_video=False, preset="audio")
    qtbot.addWidget(dialog)
    assert dialog.karaoke_format.currentText() == "wav"
    assert dialog.request().output == tmp_path / "talk_mix.wav"
