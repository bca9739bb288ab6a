"""result.json in the shape of a cloud "AudioExtract" task, and its atomic write."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from stemline.core.errors import StemlineError


def new_run_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def input_record(path: Path, info: Any | None = None) -> dict[str, Any]:
    """The "Input" block: the file and, when it could be probed, what it holds."""
    rec: dict[str, Any] = {"FileName": str(path)}
    if info is not None:
        rec["Container"] = info.container
        rec["Duration"] = round(float(info.duration), 6)
        if info.audio:
            a = info.audio[0]
            rec.update({"AudioCodec": a.codec, "SampleRate": a.sample_rate, "Channels": a.channels,
                        # which of the file's audio streams the stems come from (file order, from 0)
                        "AudioStream": a.number, "AudioStreams": len(info.audio)})
            if a.language:
                rec["AudioLanguage"] = a.language
        if info.video:
            v = info.video[0]
            rec.update({"VideoCodec": v.codec, "Width": v.width, "Height": v.height})
    return rec


def success(run_id: str, input_rec: dict[str, Any], duration: float, voice: Path, background: Path,
            extra: dict[str, Any]) -> dict[str, Any]:
    def file_rec(p: Path) -> dict[str, str]:
        return {"FileName": p.name, "Size": str(p.stat().st_size)}
    return {
        "RunId": run_id,
        "Status": "Success",
        "Input": input_rec,
        "Output": {"Type": "Task", "Task": {"Type": "AudioExtract", "AudioExtract": {
            "Duration": round(duration, 6),
            "Voice": file_rec(voice),
            "Background": file_rec(background),
        }}},
        **extra,
    }


def failure(run_id: str, input_rec: dict[str, Any], exc: BaseException,
            extra: dict[str, Any]) -> dict[str, Any]:
    code = exc.code if isinstance(exc, StemlineError) else "InternalError"
    message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    # A cancelled task ends "Terminated", as the cloud's does; anything else "Failed".
    status = "Terminated" if code == "Cancelled" else "Failed"
    return {"RunId": run_id, "Status": status, "Input": input_rec,
            "Error": {"Code": code, "Message": message}, **extra}
