"""The background's music/ambience split (issue 12): notes and hits go to the music, steady noise
to the ambience, and the two add up to the background exactly."""
from __future__ import annotations

import numpy as np
from scipy import signal

from stemline.engine.separation.ambience import split_background

SR = 48000


def _notes(seconds: float) -> np.ndarray:
    """A melody of harmonic notes, half a second each, with a plucked decay."""
    t = np.arange(int(seconds * SR)) / SR
    out = np.zeros_like(t)
    for k, f0 in enumerate((220, 330, 262, 392, 294, 440) * int(seconds)):
        a = int(k * 0.5 * SR)
        if a >= len(t):
            break
        tt = t[: len(t) - a][: int(0.5 * SR)]
        note = sum(np.sin(2 * np.pi * h * f0 * tt) / h for h in range(1, 6)) * np.exp(-3 * tt)
        out[a:a + len(note)] += note
    return np.stack([out, out], axis=1) * 0.2


def _rain(seconds: float) -> np.ndarray:
    rng = np.random.default_rng(3)
    sos = signal.butter(2, 400, "highpass", fs=SR, output="sos")
    return signal.sosfilt(sos, rng.standard_normal((int(seconds * SR), 2)), axis=0) * 0.05


def test_notes_go_to_the_music_steady_noise_to_the_ambience_and_nothing_is_lost() -> None:
    music, rain = _notes(8.0), _rain(8.0)
    mix = music + rain
    amb, (music_left, rain_kept) = split_background(mix, SR, sources=(music, rain))
    drop = 10 * np.log10(np.sum(music ** 2) / np.sum(music_left ** 2))
    kept = np.sum(rain_kept ** 2) / np.sum(rain ** 2)
    assert drop > 15.0 and kept > 0.8, (drop, kept)
    # linear: the ambience of the mixture is what the mask keeps of each source
    np.testing.assert_allclose(amb, music_left + rain_kept, atol=1e-9)
    # and music + ambience is the background: nothing is lost at suppression 0
    np.testing.assert_allclose((mix - amb) + amb, mix)
    # silence stays silence, and a mono input works
    silent, _ = split_background(np.zeros((SR, 2)), SR)
    assert not np.abs(silent).max() > 1e-12
    mono, _ = split_background(mix[:, 0], SR)
    assert mono.shape == (len(mix),)
