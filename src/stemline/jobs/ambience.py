"""The background stem's ambience part as a file, computed in chunks (memory stays bounded).

Each chunk is split with enough of the stem around it for every filter of the splitter to see
what it would see in one pass over the whole file, and chunks start on the splitter's frame
grid, so the file is the same (to float rounding) as a split of the whole stem at once.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from stemline.core.errors import MediaError
from stemline.core.progress import CancelToken, Progress, ProgressCallback

#: Seconds split per chunk, and seconds of the stem read either side of it. The splitter's
#: filters reach 0.75 s plus a frame and its loudness feature 1.5 s, but its room share
#: (``ambience.room_share``) judges a frame by the 5 s around it of what the long pass left,
#: and the long pass's hum test judges each of those by the 5 s around it: 2.5 + 2.5 s and
#: their frames' steps.
CHUNK_S, CONTEXT_S = 30.0, 5.5
#: Raised whenever the hand-made part of the splitter changes what it computes.
SPLITTER_VERSION = 4


def splitter_key() -> str:
    """Names this splitter (its version and its learned model's bytes): a split cached under
    another key was made by another splitter and must not be served for this one."""
    import hashlib

    from stemline.engine.separation.ambience_model import MODEL_FILE

    try:
        digest = hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest()[:10]
    except OSError:
        digest = "nomodel"  # the split itself then reports the missing model
    return f"s{SPLITTER_VERSION}-{digest}"


def ambience_file(background: str | Path, out: str | Path, *, chunk_s: float = CHUNK_S,
                  progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None) -> Path:
    """Write ``out`` (32-bit float WAV, the background's rate and channels): the ambience part
    of the ``background`` stem (a WAV or FLAC file: the stems Stemline writes)."""
    import soundfile as sf

    from stemline.engine.separation import hum
    from stemline.engine.separation.ambience import FLOOR_STEP, HOP, LONG, split_background
    from stemline.media.encode import AudioWriter

    src, dst = Path(background), Path(out)
    try:
        info = sf.info(str(src))
    except (RuntimeError, OSError) as exc:  # soundfile raises RuntimeError for what it can't read
        raise MediaError(f"{src}: can't read the background stem ({exc})") from exc
    rate, total, channels = info.samplerate, info.frames, info.channels
    # chunk edges on the frame grid and on the floors' own steps (the splitter's, and the hum
    # test's in the long pass)
    grid = int(np.lcm(HOP * FLOOR_STEP, LONG * HOP * hum.FLOOR_STEP))
    chunk = max(grid, int(round(chunk_s * rate / grid)) * grid)
    context = -(-int(CONTEXT_S * rate) // grid) * grid
    with AudioWriter(dst, rate, channels, "wav", bit_depth=32) as writer:
        for start in range(0, total, chunk):
            if cancel is not None:
                cancel.check()
            a, b = max(0, start - context), min(total, start + chunk + context)
            x, _ = sf.read(str(src), start=a, stop=b, dtype="float32", always_2d=True)
            amb, _ = split_background(x, rate)
            keep = min(chunk, total - start)
            writer.write(np.asarray(amb[start - a:start - a + keep], np.float32))
            if progress is not None:
                progress(Progress("ambience", (start + keep) / rate, total / rate, "s"))
    return dst
