"""The scene's room: blind RT60 from a voice, and the tail each Foley sound gets in it."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import signal

from stemline.core.project import FoleyEvent, Project
from stemline.demo.synth import speech
from stemline.engine.foley import room
from stemline.engine.foley.render import FoleyRenderer, event_sounds

SR = 16000


def _voice(seconds: float, seed: int) -> np.ndarray:
    x = speech(seconds, 48000, seed=seed, f0=150.0).astype(np.float64)
    return signal.resample_poly(x, 1, 3)


def _in_room(v: np.ndarray, rt60: float) -> np.ndarray:
    h = room.synthetic_ir(rt60, SR, seed=9)[:, 0]
    h[0] += 1.0
    noise = 1e-4 * np.random.default_rng(0).standard_normal(len(v) + len(h) - 1)
    return signal.oaconvolve(v, h) + noise


def test_a_voice_tells_its_room() -> None:
    """On a voice the estimator was neither trained nor developed on (the synthetic voice at seed
    5; training used seeds 10-17, the benchmark's dev set 0-2), in rooms from dry to 1.6 s, all
    within 25 % (issue 12's bar): 0.17, 0.28, 0.45, 0.84, 1.46 and 1.87 s read. The hand-made
    estimator before it read 0.8 s as 1.05 and gave nothing for 1.6 s. A dry voice reads as the
    shortest room, and half a second of audio gives no estimate rather than a guess."""
    v = _voice(40.0, 5)
    for rt in (0.2, 0.3, 0.5, 0.8, 1.2, 1.6):
        est = room.estimate_rt60(_in_room(v, rt), SR)
        assert est.rt60_s is not None and abs(est.rt60_s - rt) <= 0.25 * rt, (rt, est)
    dry = room.estimate_rt60(v, SR)
    assert dry.rt60_s is not None and dry.rt60_s < 0.2
    assert room.estimate_rt60(v[: SR // 2], SR).rt60_s is None


def test_silence_around_a_recording_is_not_its_noise_floor() -> None:
    """A clean recording (no noise at all) with digital silence before and after, the same
    gated (every 10 ms block under -50 dB of the loudest zeroed) and rounded to 16 bits: each
    reads its room within 25 %. Before silent frames were left out of the band levels, the
    silence set the noise floor at -200 dB and rooms read 2-3 times too long (here the clean
    recording read 1.08 s)."""
    v = _voice(30.0, 5)
    h = room.synthetic_ir(0.5, SR, seed=9)[:, 0]
    h[0] += 1.0
    clean = np.concatenate([np.zeros(SR), signal.oaconvolve(v, h), np.zeros(2 * SR)])
    blocks = clean[: len(clean) // 160 * 160].reshape(-1, 160)
    rms = np.sqrt(np.mean(blocks ** 2, axis=1))
    gated = (blocks * (20 * np.log10(rms + 1e-30) >= 20 * np.log10(rms.max()) - 50.0)[:, None]).ravel()
    pcm16 = np.round(clean / np.max(np.abs(clean)) * 0.7 * 32767.0) / 32767.0
    for x in (clean, gated, pcm16):
        est = room.estimate_rt60(x, SR)
        assert est.rt60_s is not None and abs(est.rt60_s - 0.5) <= 0.125, est


def _tail_rt60(x: np.ndarray, sr: int, start: int) -> float:
    """RT60 from the level of ``x`` (mono) after ``start``: a line through its dB envelope."""
    hop = sr // 100
    seg = x[start:]
    frames = len(seg) // hop
    level = 10 * np.log10(np.mean(seg[: frames * hop].reshape(frames, hop) ** 2, axis=1) + 1e-30)
    use = level > level[0] - 40.0
    t = np.arange(frames)[use] * hop / sr
    slope = np.polyfit(t, level[use], 1)[0]
    return -60.0 / slope


def _rendered(project: Project, seconds: float = 3.0) -> np.ndarray:
    sounds = event_sounds(project)
    click = np.zeros(480)
    click[:48] = np.hanning(96)[48:]  # a 1 ms click: everything after it is the room
    return FoleyRenderer(sounds, int(seconds * 48000), loader=lambda _p: click).render()


def test_each_sound_gets_the_projects_room_at_its_distance() -> None:
    p = Project(duration=3.0)
    near = FoleyEvent(start=0.5, sound="click.wav", pan=-0.5)
    p.insert_event(near)
    assert np.count_nonzero(np.abs(_rendered(p)[30000:]) > 1e-6) == 0  # dry: nothing after it
    fol = p.track("foley")
    fol.room = "hall"
    out = _rendered(p)
    start = int(0.5 * 48000) + 480
    rt = _tail_rt60(out[:, 0].astype(np.float64), 48000, start)
    assert rt == pytest.approx(room.PRESETS["hall"], rel=0.1)
    # the tail is the room's, not the sound's: both sides, not panned with it
    left, right = (float(np.sum(out[start:, c] ** 2)) for c in (0, 1))
    assert 0.5 < left / right < 2.0
    near_tail = left + right
    p.remove_event(near)
    p.insert_event(FoleyEvent(start=0.5, sound="click.wav", pan=-0.5, lowpass_hz=room.FAR_HZ))
    far = _rendered(p)
    far_tail = float(np.sum(far[start:].astype(np.float64) ** 2))
    # the farthest sound is WET_FAR_EXTRA_DB wetter (its tail also lost some treble)
    assert 10 * math.log10(far_tail / near_tail) == pytest.approx(
        room.WET_FAR_EXTRA_DB, abs=3.0)
    # "estimated" uses the project's estimate, and is dry without one
    fol.room, fol.room_rt60_s = "estimated", 0.4
    assert _tail_rt60(_rendered(p)[:, 0].astype(np.float64), 48000, start) == pytest.approx(
        0.4, rel=0.1)
    fol.room_rt60_s = None
    assert np.count_nonzero(np.abs(_rendered(p)[30000:]) > 1e-6) == 0


def test_every_room_the_project_offers_means_something() -> None:
    """The project's room names (the header's and --room's choices) and the engine's presets are
    one list: a preset named in one place only would render dry without a word."""
    from stemline.core.project import ROOMS

    assert ROOMS == ("dry", "estimated", *room.PRESETS)
    assert room.room_rt60("dry", 0.5) is None and room.room_rt60("estimated", 0.5) == 0.5
    assert all(room.room_rt60(name, None) == rt for name, rt in room.PRESETS.items())


def test_the_room_is_saved_with_the_project(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from stemline.core.serialization import load_project, save_project

    p = Project(duration=1.0)
    fol = p.track("foley")
    fol.room, fol.room_rt60_s = "estimated", 0.62
    path = tmp_path / "p.stemline"
    save_project(p, path)
    back = load_project(path).track("foley")
    assert (back.room, back.room_rt60_s) == ("estimated", 0.62)
    with pytest.raises(ValueError):
        fol.room = "cave"


def test_the_foley_header_picks_the_room_as_an_undoable_edit(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The Foley header's room choice edits the track through the history (one step, undone),
    and its "estimated" entry says what was heard; FoleySync re-renders on either change."""
    from stemline.core.history import History
    from stemline.core.project import ROOMS
    from stemline.ui.app import make_app
    from stemline.ui.track_header import TrackHeader

    make_app()
    p, history = Project(), History()
    fol = p.track("foley")
    header = TrackHeader(fol, history)
    qtbot.addWidget(header)
    assert header.room is not None and header.room.currentIndex() == ROOMS.index("dry")
    assert "not known" in header.room.itemText(ROOMS.index("estimated"))
    header.room.setCurrentIndex(ROOMS.index("hall"))
    assert fol.room == "hall"
    history.undo()
    assert fol.room == "dry" and header.room.currentIndex() == ROOMS.index("dry")
    fol.room_rt60_s = 0.62
    assert header.room.itemText(ROOMS.index("estimated")) == "Estimated, RT60 0.62 s"
    other = Project().track("foley")  # a new project: the header follows its track only
    header.bind(other)
    fol.room_rt60_s = 0.9
    assert "not known" in header.room.itemText(ROOMS.index("estimated"))
    assert header.room.count() == len(ROOMS)


def test_the_room_is_read_from_the_voice_stem_first_and_the_source_without_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import soundfile as sf

    from stemline.jobs.foley import estimate_room

    v = _voice(40.0, 5)
    source, stem, quiet = tmp_path / "source.wav", tmp_path / "voice.wav", tmp_path / "silent.wav"
    # the source and the stem in different rooms, so the answer says which one was read
    sf.write(str(source), (0.3 * _in_room(v, 0.3)).astype(np.float32), SR)
    sf.write(str(stem), (0.3 * _in_room(v, 0.5)).astype(np.float32), SR)  # reads 0.45 s
    sf.write(str(quiet), np.zeros(SR * 5, np.float32), SR)
    from_source = estimate_room(source, separate=False)
    from_stem = estimate_room(source, voice=stem)
    assert from_source is not None and abs(from_source - 0.3) <= 0.25 * 0.3
    assert from_stem is not None and abs(from_stem - 0.5) <= 0.25 * 0.5
    # the stem is read as a separated stem (its tails shortened by separation), the source not
    stem_audio = sf.read(str(stem), dtype="float32")[0]
    as_stem = room.estimate_rt60(stem_audio, SR, separated=True).rt60_s
    assert from_stem == pytest.approx(as_stem, rel=1e-3)
    assert from_stem != pytest.approx(room.estimate_rt60(stem_audio, SR).rt60_s, rel=1e-3)
    # a stem with no decays in it (no speech) leaves the source to tell
    assert estimate_room(source, voice=quiet) == from_source
    assert estimate_room(quiet) is None and estimate_room(quiet, separate=False) is None


def test_without_a_stem_the_voice_is_separated_from_the_source_first(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A voice in a 0.5 s room under a music bed as loud as it, and no stem given (``stemline
    foley --room estimated`` on a file never separated): the mixture's own decays are the
    music's and read 1.38 s; the voice Spleeter separates from it reads 0.43 s. The same
    voice without the bed is read from the source itself (its separated background is under
    ``BED_DB``)."""
    import soundfile as sf

    from stemline.demo.synth import music
    from stemline.jobs.foley import estimate_room

    wet = signal.resample_poly(_in_room(_voice(30.0, 5), 0.5), 441, 160)
    bed = music(len(wet) / 44100 + 0.1, 44100, seed=3)[: len(wet)]
    mix = wet[:, None] + np.sqrt(np.mean(wet ** 2) / np.mean(bed ** 2)) * bed
    source = tmp_path / "scene.wav"
    sf.write(str(source), (0.3 * mix / np.max(np.abs(mix))).astype(np.float32), 44100)
    reports: list = []
    separated = estimate_room(source, progress=reports.append)
    mixture = estimate_room(source, separate=False)
    # the separation is long work of its own: heard as stage "room", in seconds of the audio
    assert reports and {(p.stage, p.unit) for p in reports} == {("room", "s")}
    assert [p.done for p in reports] == sorted(p.done for p in reports)
    assert reports[-1].done == pytest.approx(reports[-1].total) == pytest.approx(len(wet) / 44100)
    assert separated is not None and abs(separated - 0.5) <= 0.25 * 0.5
    assert mixture is not None and abs(mixture - 0.5) > 0.25 * 0.5
    # without a bed there is nothing to take away: the source itself is read, not its voice.
    # Spleeter leaves -3 dB of background here and -13 dB for this synthetic voice alone (-22
    # to -28 dB for espeak-ng's voices, which CI lacks): with the bar between the two, the
    # voice alone is read from the source and the mixture still from its voice.
    from stemline.jobs import foley as jobs_foley

    monkeypatch.setattr(jobs_foley, "BED_DB", -8.0)
    clean = tmp_path / "clean.wav"
    sf.write(str(clean), (0.3 * wet / np.max(np.abs(wet))).astype(np.float32), 44100)
    assert estimate_room(clean) == estimate_room(clean, separate=False)
    assert estimate_room(source) == separated
