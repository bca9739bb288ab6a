"""The AudioExtract job: one media file in, voice and background stems plus result.json out."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from stemline.core.atomic import Staging, write_json_atomic
from stemline.core.errors import MediaError, OutputError, StemlineError
from stemline.core.progress import CancelToken, ProgressCallback
from stemline.engine.separation.base import Separator
from stemline.engine.separation.chunked import separate_stream
from stemline.jobs import result as results
from stemline.media.decode import iter_audio
from stemline.media.encode import AUDIO_FORMATS, AudioWriter, ensure_not_source
from stemline.media.probe import MediaInfo, probe, require_audio_stream

#: Stems keep the source's layout up to stereo; surround sources are folded down to stereo.
MAX_STEM_CHANNELS = 2
BLOCK_FRAMES = 1 << 16


def separate_to_files(input_path: Path, out_dir: Path, separator: Separator, *, fmt: str = "wav",
                      bit_depth: int = 16, bitrate: int | None = None,
                      info: MediaInfo | None = None, progress: ProgressCallback | None = None,
                      cancel: CancelToken | None = None) -> dict[str, Any]:
    """Stream ``input_path`` through ``separator`` into ``out_dir/voice.<ext>`` and ``background.<ext>``.

    Both files appear only when both are complete (each is written under a temporary name and
    the two are renamed together, so a full disk while finishing the second leaves neither).
    Stems keep the source's sample rate and length, sample-aligned with its audio timeline.

    Returns
    -------
    {"voice": Path, "background": Path, "duration": seconds, "sample_rate": int, "channels": int}
    """
    input_path = Path(input_path)
    info = info or probe(input_path)
    stream = require_audio_stream(info)
    if fmt not in AUDIO_FORMATS:
        raise OutputError(f"{out_dir}: unknown audio format {fmt!r} (use one of {', '.join(AUDIO_FORMATS)})")
    ext = AUDIO_FORMATS[fmt][0]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {stem: out_dir / f"{stem}{ext}" for stem in ("voice", "background")}
    for p in paths.values():
        ensure_not_source(p, [input_path])
    channels = min(stream.channels, MAX_STEM_CHANNELS)
    rate = stream.sample_rate
    total = stream.frames or int(round((stream.duration or info.duration or 0) * rate))

    # No decode progress: the separation stage reports the same timeline, and one bar is enough.
    blocks = iter_audio(input_path, channels=channels, block_frames=BLOCK_FRAMES, cancel=cancel,
                        info=info)
    frames = 0
    with Staging() as staging:
        writers = {stem: AudioWriter(staging.path(p), rate, channels, fmt, bit_depth=bit_depth,
                                     bitrate=bitrate, sources=[input_path], label=p)
                   for stem, p in paths.items()}
        try:
            for out in separate_stream(blocks, rate, separator, total_frames=total,
                                       progress=progress, cancel=cancel):
                for stem, w in writers.items():
                    w.write(out[stem])
                frames += len(out["voice"])
            if frames == 0:
                raise MediaError(f"{input_path}: no audio could be decoded")
            for w in writers.values():
                w.close()
        except BaseException:
            for w in writers.values():
                w.abort()
            raise
        staging.commit()
    return {**paths, "duration": frames / rate, "sample_rate": rate, "channels": channels}


def run_extract(input_path: Path, out_dir: Path, separator: Separator, *, fmt: str = "aac",
                bit_depth: int = 16, audio_stream: int | None = None,
                progress: ProgressCallback | None = None,
                cancel: CancelToken | None = None, run_id: str | None = None) -> dict[str, Any]:
    """Run one AudioExtract task and write ``out_dir/result.json``; never raises for bad input
    (an OutputError only when not even result.json can be written: a full disk).

    ``audio_stream`` picks the file's audio stream by number (file order, from 0); by default
    the one the file marks as default, else its first. result.json's Input says which.

    A :class:`~stemline.core.errors.Cancelled` still propagates (after recording the failure), so
    a batch stops when the user asks it to.
    """
    run_id = run_id or results.new_run_id()
    started = time.monotonic()
    extra = {"Model": separator.name, "Device": separator.device, "CreateTime": results.now_iso()}
    input_rec = results.input_record(Path(input_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        info = probe(input_path)
        if audio_stream is not None:
            info = info.select_audio(audio_stream)
        input_rec = results.input_record(Path(input_path), info)
        res = separate_to_files(Path(input_path), out_dir, separator, fmt=fmt, bit_depth=bit_depth,
                                info=info, progress=progress, cancel=cancel)
        extra.update(FinishTime=results.now_iso(), ElapsedSeconds=round(time.monotonic() - started, 3))
        record = results.success(run_id, input_rec, res["duration"], res["voice"],
                                 res["background"], extra)
    except StemlineError as exc:
        extra.update(FinishTime=results.now_iso(), ElapsedSeconds=round(time.monotonic() - started, 3))
        record = results.failure(run_id, input_rec, exc, extra)
        try:
            write_json_atomic(out_dir / "result.json", record)
        except OSError:
            raise exc from None  # no room even for the record: the cause is the message
        if exc.code == "Cancelled":
            raise
        return record
    try:
        write_json_atomic(out_dir / "result.json", record)
    except OSError as err:
        raise OutputError(f"{out_dir / 'result.json'}: can't write ({err.strerror or err})") from err
    return record
