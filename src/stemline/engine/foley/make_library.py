"""Build the built-in Foley library from synthesis (no downloaded samples).

    python -m stemline.engine.foley.make_library [OUTDIR]     (default: resources/foley)

Deterministic: the same code writes bit-identical FLAC files (48 kHz mono 16-bit), named
UCS-style ``CATEGORY_Subcategory_Description_NN.flac``.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np
import soundfile as sf

from stemline.engine.foley.synth import KINDS, SAMPLE_RATE

#: Bump when the synthesis changes, so cached copies are rebuilt.
LIBRARY_VERSION = "1"
_MARKER = ".stemline-foley-library"


def _repo_resources() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # the packaged app carries resources/ inside
    if bundle:
        return Path(bundle) / "resources" / "foley"
    # src/stemline/engine/foley/make_library.py -> repository root
    return Path(__file__).resolve().parents[4] / "resources" / "foley"


def expected_names() -> list[str]:
    """File names the library consists of."""
    return [f"{stem}_{i + 1:02d}.flac" for stem, (count, _) in KINDS.items() for i in range(count)]


def build_library(out_dir: Path) -> Path:
    """Synthesise every sound into ``out_dir`` (replaced atomically as a whole).

    Returns
    -------
    The library folder.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".foley-", dir=out_dir.parent))
    try:
        for stem, (count, make) in KINDS.items():
            for i in range(count):
                # the seed depends only on the name, so adding kinds never changes existing sounds
                rng = np.random.default_rng(zlib.crc32(f"{stem}_{i}".encode()))
                x = make(rng)
                sf.write(tmp / f"{stem}_{i + 1:02d}.flac", x, SAMPLE_RATE, subtype="PCM_16",
                         format="FLAC")
        (tmp / _MARKER).write_text(LIBRARY_VERSION + "\n")
        if out_dir.exists():
            old = out_dir.with_name(out_dir.name + f".old-{os.getpid()}")
            os.replace(out_dir, old)
            os.replace(tmp, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def _complete(folder: Path) -> bool:
    marker = folder / _MARKER
    return (marker.is_file() and marker.read_text().strip() == LIBRARY_VERSION
            and all((folder / n).is_file() for n in expected_names()))


def builtin_library_dir(cache_dir: Path | None = None) -> Path:
    """The built-in library: the committed ``resources/foley`` of a source checkout, else a copy
    synthesised once into the user cache (``$XDG_CACHE_HOME/stemline/foley-library``)."""
    repo = _repo_resources()
    if _complete(repo):
        return repo
    base = cache_dir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stemline"
    cached = base / "foley-library"
    if not _complete(cached):
        build_library(cached)
    return cached


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else _repo_resources()
    build_library(out)
    total = sum(p.stat().st_size for p in out.glob("*.flac"))
    print(f"{len(expected_names())} sounds, {total / 1e6:.2f} MB in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
