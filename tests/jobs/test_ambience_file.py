"""The ambience part of a long stem, split in chunks, is the split of the whole stem at once:
every filter of the splitter (its learned part's inputs and its hum test too) sees within a
chunk's context what it would see in one pass."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile as sf

from stemline.engine.separation.ambience import split_background
from stemline.jobs.ambience import ambience_file
from tests.engine.test_ambience import SR, _notes, _rain
from tests.engine.test_hum import mains_hum


def test_a_stem_split_in_chunks_is_the_stem_split_at_once(tmp_path: Path) -> None:
    seconds = 21.0
    rain = _rain(seconds)
    # louder and quieter stretches: what a chunk-wide statistic would judge differently
    rain *= np.repeat(np.array([1.0, 0.2, 3.0, 0.5, 1.5, 0.1, 1.0]), int(3 * SR))[:, None]
    # and mains hum, whose test judges each frame by the 5 s around it
    hum = mains_hum(seconds, 50.0, ((1, 0.04), (2, 0.03), (3, 0.02)))
    stem = (_notes(seconds) + rain + hum).astype(np.float32)
    src = tmp_path / "background.wav"
    sf.write(src, stem, SR, subtype="FLOAT")
    whole, _ = split_background(stem, SR)
    out = ambience_file(src, tmp_path / "ambience.wav", chunk_s=6.0)
    chunked, rate = sf.read(out, dtype="float32", always_2d=True)
    assert rate == SR and chunked.shape == stem.shape
    np.testing.assert_allclose(chunked, whole, atol=2e-5 * np.abs(whole).max())
