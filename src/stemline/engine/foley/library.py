"""Sound libraries: an index of one-shot effects (built-in or the user's folder), cached on disk.

Each file is analysed once for duration, attack onset, loudness and attack sharpness; its
category comes from UCS-style names (``CATEGORY_Subcategory_Description_NN``) and folder names.
The index is stored in the user cache and refreshed for files whose size or mtime changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

from stemline.core.atomic import write_json_atomic
from stemline.core.errors import MediaError
from stemline.core.progress import CancelToken, Progress, ProgressCallback

SAMPLE_RATE = 48000
EXTENSIONS = (".wav", ".flac", ".aif", ".aiff", ".mp3", ".ogg")
INDEX_VERSION = 2

#: UCS-ish category names we recognise, with the words that mean them.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "IMPACT": ("impact", "impacts", "hit", "hits", "knock", "bang", "crash", "collision", "tap",
               "clang", "thud", "bump", "punch", "strike"),
    "FOOTSTEPS": ("footsteps", "footstep", "steps", "step", "walk", "walking", "run", "running",
                  "feet", "foot", "shoe", "shoes", "boots"),
    "WHOOSH": ("whoosh", "whooshes", "swish", "swoosh", "swing", "pass", "woosh"),
    "CLOTH": ("cloth", "clothing", "fabric", "rustle", "cotton", "leather", "jacket"),
    "DOORS": ("door", "doors", "slam", "latch"),
    "GLASS": ("glass", "bottle", "shatter"),
    "METAL": ("metal", "metallic", "steel", "iron", "tin"),
    "WOOD": ("wood", "wooden", "timber", "plank"),
}
_SYNONYMS = {"wooden": "wood", "timber": "wood", "metallic": "metal", "steel": "metal",
             "iron": "metal", "clothes": "cloth", "fabric": "cloth", "footstep": "footsteps",
             "step": "footsteps", "steps": "footsteps", "walk": "footsteps", "walking": "footsteps",
             "thump": "thud", "swoosh": "whoosh", "swish": "whoosh", "stones": "gravel",
             "pebbles": "gravel", "tile": "concrete", "stone": "concrete", "pavement": "concrete",
             "bang": "impact", "hit": "impact", "knock": "impact", "slam": "impact",
             "impacts": "impact", "bounce": "impact", "ball": "impact"}
_STOP = {"on", "of", "the", "a", "an", "with", "in", "and", "at", "to", "sound", "sounds", "fx",
         "sfx", "foley"}


def tokens(text: str) -> list[str]:
    """Lowercase words of a name or prompt (camelCase split, synonyms folded, stop words out)."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    out = []
    for w in re.split(r"[^A-Za-z]+", text.lower()):
        if not w or w in _STOP or len(w) < 2:
            continue
        out.append(w)
        if w in _SYNONYMS:
            out.append(_SYNONYMS[w])
    return out


def category_of(stem: str, folders: list[str]) -> tuple[str, str]:
    """(CATEGORY, subcategory) from a UCS-style stem, else from folder names."""
    parts = [p for p in stem.split("_") if p]
    if len(parts) >= 2 and parts[0].isupper():
        cat = parts[0]
        for known, words in CATEGORY_WORDS.items():
            if cat == known or cat.lower() in words:
                cat = known
                break
        return cat, parts[1].lower()
    for word in tokens(" ".join([*folders, stem])):
        for known, words in CATEGORY_WORDS.items():
            if word in words:
                return known, word
    return "MISC", ""


@dataclass(frozen=True)
class SoundInfo:
    """One indexed effect.

    Attributes
    ----------
    path : absolute file path.
    category, subcategory : from the name (UCS-style) or its folders.
    words : searchable words from the name and folders.
    duration : seconds.
    onset : seconds from the file start to the attack (where it must line up with an event).
    peak_db : sample peak, dBFS.
    rms_db : RMS of the 150 ms from the onset, dBFS.
    attack_ms : onset to peak envelope time (short = sharp).
    size, mtime_ns : file identity for cache invalidation.
    """

    path: str
    category: str
    subcategory: str
    words: tuple[str, ...]
    duration: float
    onset: float
    peak_db: float
    rms_db: float
    attack_ms: float
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return Path(self.path).name


def read_sound(path: str | Path) -> np.ndarray:
    """Decode an effect to mono float32 at :data:`SAMPLE_RATE`.

    Raises
    ------
    MediaError
        When the file can't be decoded.
    """
    path = Path(path)
    try:
        data, sr = sf.read(str(path), dtype="float32", always_2d=True)
    except (sf.LibsndfileError, RuntimeError, TypeError):
        data, sr = _read_with_av(path)
    mono = data.mean(axis=1).astype(np.float32)
    if sr != SAMPLE_RATE and len(mono):
        mono = soxr.resample(mono, sr, SAMPLE_RATE).astype(np.float32)
    return mono


def _read_with_av(path: Path) -> tuple[np.ndarray, int]:
    import av  # formats libsndfile can't read (old MP3 builds, AAC in odd wrappers)

    try:
        with av.open(str(path)) as c:
            st = c.streams.audio[0]
            chunks = []
            sr = st.codec_context.sample_rate
            for fr in c.decode(st):
                a = fr.to_ndarray()
                if a.ndim == 1:
                    a = a[None, :]
                if fr.format.is_planar:
                    a = a.T
                else:
                    a = a.reshape(-1, len(fr.layout.channels))
                if a.dtype.kind in "iu":
                    a = a.astype(np.float32) / float(np.iinfo(a.dtype).max)
                chunks.append(a.astype(np.float32))
    except (av.error.FFmpegError, IndexError, OSError) as exc:
        raise MediaError(f"{path}: cannot decode ({exc})") from exc
    if not chunks:
        raise MediaError(f"{path}: no audio")
    return np.concatenate(chunks), int(sr)


def analyse_sound(x: np.ndarray) -> dict[str, float]:
    """Onset, loudness and attack of a mono 48 kHz one-shot."""
    if len(x) == 0 or not np.any(x):
        return {"onset": 0.0, "peak_db": -120.0, "rms_db": -120.0, "attack_ms": 0.0}
    hop = 48  # 1 ms
    n = len(x) // hop
    env = np.sqrt(np.mean(x[: n * hop].reshape(n, hop) ** 2, axis=1) + 1e-12) if n else np.abs(x)
    peak_env = float(env.max())
    # the attack starts where the 1 ms envelope first comes within 24 dB of its maximum
    above = np.nonzero(env >= peak_env * 10 ** (-24 / 20))[0]
    i0 = int(above[0]) if len(above) else 0
    # refine to the sample: first sample in that millisecond above the same relative level
    seg = np.abs(x[i0 * hop:(i0 + 1) * hop])
    j = np.nonzero(seg >= float(np.abs(x).max()) * 10 ** (-30 / 20))[0]
    onset_sample = i0 * hop + (int(j[0]) if len(j) else 0)
    i_peak = int(np.argmax(env))
    body = x[onset_sample:onset_sample + int(0.15 * SAMPLE_RATE)]
    return {
        "onset": onset_sample / SAMPLE_RATE,
        "peak_db": float(20 * np.log10(np.abs(x).max() + 1e-12)),
        "rms_db": float(10 * np.log10(np.mean(body ** 2) + 1e-12)),
        "attack_ms": float(max(0, i_peak - i0)),
    }


def _cache_file(folder: Path, cache_dir: Path | None) -> Path:
    base = cache_dir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemline"
    key = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]
    return base / "foley-index" / f"{key}.json"


class SoundLibrary:
    """The indexed sounds of one folder (searched recursively).

    Use :meth:`open`; it reuses the cached index and re-analyses only new or changed files.
    """

    def __init__(self, folder: Path, sounds: list[SoundInfo]) -> None:
        self.folder = folder
        self.sounds = sounds

    def __len__(self) -> int:
        return len(self.sounds)

    @classmethod
    def open(cls, folder: str | Path, *, cache_dir: Path | None = None,
             progress: ProgressCallback | None = None,
             cancel: CancelToken | None = None) -> SoundLibrary:
        """Index ``folder``.

        Raises
        ------
        MediaError
            When the folder doesn't exist or holds no readable effects.
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise MediaError(f"{folder}: sound library folder not found")
        files = sorted(p for p in folder.rglob("*")
                       if p.suffix.lower() in EXTENSIONS and p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(folder).parts))
        cache_path = _cache_file(folder, cache_dir)
        cached: dict[str, dict] = {}
        try:
            doc = json.loads(cache_path.read_text())
            if doc.get("version") == INDEX_VERSION:
                cached = doc.get("sounds", {})
        except (OSError, ValueError):
            cached = {}
        sounds: list[SoundInfo] = []
        changed = False
        for k, p in enumerate(files):
            if cancel is not None:
                cancel.check()
            st = p.stat()
            rel = str(p.relative_to(folder))
            entry = cached.get(rel)
            if entry and entry["size"] == st.st_size and entry["mtime_ns"] == st.st_mtime_ns:
                entry = dict(entry, path=str(p.resolve()), words=tuple(entry["words"]))
                sounds.append(SoundInfo(**entry))
                continue
            changed = True
            try:
                x = read_sound(p)
            except MediaError:
                continue  # unreadable files are skipped, not fatal for the whole library
            folders = list(p.relative_to(folder).parent.parts)
            cat, sub = category_of(p.stem, folders)
            feats = analyse_sound(x)
            sounds.append(SoundInfo(str(p.resolve()), cat, sub, tuple(tokens(" ".join([*folders, p.stem]))),
                                    len(x) / SAMPLE_RATE, feats["onset"], feats["peak_db"],
                                    feats["rms_db"], feats["attack_ms"], st.st_size, st.st_mtime_ns))
            if progress is not None:
                progress(Progress("index", k + 1, len(files), "items"))
        if changed or len(cached) != len(sounds):
            _write_cache(cache_path, folder, sounds)
        if not sounds:
            raise MediaError(f"{folder}: no readable sound files ({', '.join(EXTENSIONS)})")
        return cls(folder, sounds)


def _write_cache(path: Path, folder: Path, sounds: list[SoundInfo]) -> None:
    doc = {"version": INDEX_VERSION, "folder": str(folder.resolve()),
           "sounds": {str(Path(s.path).relative_to(folder.resolve())): asdict(s) for s in sounds}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(path, doc, indent=None)
    except OSError:
        pass  # a read-only cache only costs re-indexing next time

