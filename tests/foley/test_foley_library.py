"""The built-in library's synthesis, user library indexing and caching, sound matching."""
from __future__ import annotations

import os
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile as sf

from stemline.core.errors import MediaError
from stemline.engine.foley.events import ContactEvent
from stemline.engine.foley.library import SAMPLE_RATE, SoundLibrary, category_of, read_sound
from stemline.engine.foley.make_library import build_library, builtin_library_dir, expected_names
from stemline.engine.foley.matching import SoundMatcher


def _onsets(x: np.ndarray, hop: int = 256) -> list[float]:
    """Energy-rise onsets, as a Foley onset detector sees a one-shot (>8 dB rise, 80 ms apart)."""
    n = len(x) // hop
    env = 10 * np.log10((x[: n * hop].reshape(n, hop) ** 2).sum(axis=1) + 1e-12)
    floor, thr = np.percentile(env, 20), env.max() - 45
    out, last = [], -10**9
    for i in range(1, n):
        if env[i] > max(thr, floor + 10) and env[i] - max(env[max(0, i - 4):i].max(), floor) > 8 \
                and (i - last) * hop / SAMPLE_RATE > 0.08:
            out.append(i * hop / SAMPLE_RATE)
            last = i
    return out


def test_builtin_library_is_reproducible_small_and_complete(tmp_path: Path) -> None:
    shipped = builtin_library_dir()
    names = expected_names()
    assert len(names) >= 40
    assert sum((shipped / n).stat().st_size for n in names) < 3_000_000
    rebuilt = build_library(tmp_path / "lib")
    for n in names[::7]:
        assert (rebuilt / n).read_bytes() == (shipped / n).read_bytes(), n


def test_builtin_contact_sounds_have_one_clean_attack() -> None:
    lib = SoundLibrary.open(builtin_library_dir())
    contact = [s for s in lib.sounds if s.category in ("IMPACT", "FOOTSTEPS")]
    assert {s.subcategory for s in contact} >= {"wood", "metal", "glass", "plastic", "thud",
                                                 "concrete", "gravel"}
    for s in contact:
        x = np.concatenate([np.zeros(4800, np.float32), read_sound(s.path)])  # placed at 0.1 s
        ons = _onsets(x)
        assert len(ons) == 1, (s.name, ons)
        assert abs(ons[0] - 0.1 - s.onset) < 0.006, (s.name, ons, s.onset)
        assert s.attack_ms <= 12, s.name


def _write_ucs_library(root: Path) -> None:
    """Effects in the formats users have, with a click after 120 ms of silence."""
    def click(freq: float, seconds: float = 0.5) -> np.ndarray:
        t = np.arange(int(seconds * 44100)) / 44100
        x = np.sin(2 * np.pi * freq * t) * np.exp(-t / 0.05) * 0.8
        return np.concatenate([np.zeros(int(0.12 * 44100)), x]).astype(np.float32)

    (root / "Footsteps").mkdir(parents=True)
    sf.write(root / "FOOTSTEPS_Gravel_Walk_01.wav", click(300), 44100)
    sf.write(root / "FOOTSTEPS_Gravel_Walk_02.flac", click(320), 44100)
    sf.write(root / "IMPACT_Metal_Pipe_01.aiff", click(900), 44100, format="AIFF")
    sf.write(root / "WHOOSH_Air_Fast_01.ogg", click(500), 44100, format="OGG")
    sf.write(root / "Footsteps" / "heel on tiles.wav", click(250), 44100)
    # MP3 through PyAV, the way a downloaded effect would come
    with av.open(str(root / "DOORS_Wood_Slam_01.mp3"), "w") as out:
        st = out.add_stream("libmp3lame", rate=44100, layout="mono")
        x = click(200)
        for i in range(0, len(x), 1152):
            fr = av.AudioFrame.from_ndarray(x[None, i:i + 1152], format="fltp", layout="mono")
            fr.sample_rate = 44100
            for p in st.encode(fr):
                out.mux(p)
        for p in st.encode():
            out.mux(p)
    (root / "notes.txt").write_text("not audio")


def test_user_library_index_categories_onsets_and_cache(tmp_path: Path) -> None:
    root, cache = tmp_path / "sfx", tmp_path / "cache"
    _write_ucs_library(root)
    lib = SoundLibrary.open(root, cache_dir=cache)
    by = {s.name: s for s in lib.sounds}
    assert set(by) == {"FOOTSTEPS_Gravel_Walk_01.wav", "FOOTSTEPS_Gravel_Walk_02.flac",
                       "IMPACT_Metal_Pipe_01.aiff", "WHOOSH_Air_Fast_01.ogg",
                       "heel on tiles.wav", "DOORS_Wood_Slam_01.mp3"}
    assert (by["FOOTSTEPS_Gravel_Walk_01.wav"].category, by["FOOTSTEPS_Gravel_Walk_01.wav"].subcategory) \
        == ("FOOTSTEPS", "gravel")
    assert by["IMPACT_Metal_Pipe_01.aiff"].category == "IMPACT"
    assert by["heel on tiles.wav"].category == "FOOTSTEPS"  # from its folder name
    for name in ("FOOTSTEPS_Gravel_Walk_01.wav", "IMPACT_Metal_Pipe_01.aiff", "WHOOSH_Air_Fast_01.ogg"):
        assert abs(by[name].onset - 0.12) < 0.002, (name, by[name].onset)
        assert abs(by[name].duration - 0.62) < 0.002
    assert abs(by["DOORS_Wood_Slam_01.mp3"].onset - 0.12) < 0.06  # MP3 adds codec delay
    # a second open reads the cache; a changed file is re-indexed, a removed one dropped
    cache_file = next((cache / "foley-index").glob("*.json"))
    stamp = cache_file.stat().st_mtime_ns
    again = SoundLibrary.open(root, cache_dir=cache)
    assert [s.path for s in again.sounds] == [s.path for s in lib.sounds]
    assert cache_file.stat().st_mtime_ns == stamp
    sf.write(root / "FOOTSTEPS_Gravel_Walk_01.wav", np.zeros(44100, np.float32), 44100)
    os.utime(root / "FOOTSTEPS_Gravel_Walk_01.wav", ns=(1, 2))
    (root / "WHOOSH_Air_Fast_01.ogg").unlink()
    third = {s.name: s for s in SoundLibrary.open(root, cache_dir=cache).sounds}
    assert abs(third["FOOTSTEPS_Gravel_Walk_01.wav"].duration - 1.0) < 0.002
    assert "WHOOSH_Air_Fast_01.ogg" not in third


def test_empty_or_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="nowhere"):
        SoundLibrary.open(tmp_path / "nowhere", cache_dir=tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(MediaError, match="empty"):
        SoundLibrary.open(tmp_path / "empty", cache_dir=tmp_path)


def test_category_from_names() -> None:
    assert category_of("IMPACT_Wood_Knock_01", []) == ("IMPACT", "wood")
    assert category_of("FOLEY_Footsteps", [])[0] == "FOLEY"
    assert category_of("my take 3", ["Whooshes"])[0] == "WHOOSH"


def _event(kind: str, t: float = 1.0) -> ContactEvent:
    return ContactEvent(t, 0.0, 0.5, 0.06, 0.8, kind)


def test_matching_by_kind_prompt_and_no_repeats(tmp_path: Path) -> None:
    root = tmp_path / "sfx"
    _write_ucs_library(root)
    sounds = SoundLibrary.open(builtin_library_dir()).sounds + \
        SoundLibrary.open(root, cache_dir=tmp_path / "c").sounds
    plain = SoundMatcher(sounds)
    assert plain.choose(_event("step")).category == "FOOTSTEPS"
    assert plain.choose(_event("impact")).category == "IMPACT"
    gravel = SoundMatcher(sounds, prompt="footsteps on gravel")
    assert gravel.prompt_used
    picks = [gravel.choose(_event("impact", i)) for i in range(12)]
    assert all(p.category == "FOOTSTEPS" and p.subcategory == "gravel" for p in picks)
    assert all(a.path != b.path for a, b in zip(picks, picks[1:]))
    metal = SoundMatcher(sounds, prompt="metal pipe")
    assert metal.choose(_event("impact")).name == "IMPACT_Metal_Pipe_01.aiff"
    nonsense = SoundMatcher(sounds, prompt="zzqx")
    assert not nonsense.prompt_used
    impacts = [plain.choose(_event("impact", i)) for i in range(20)]
    assert all(a.path != b.path for a, b in zip(impacts, impacts[1:]))
