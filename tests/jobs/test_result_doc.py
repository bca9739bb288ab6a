"""result.json's fields, exactly as the cloud's AudioExtract task shapes them (killing the
mutants of jobs/result.py; see docs/testing.md)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from stemline.core.errors import Cancelled, MediaError
from stemline.jobs.result import failure, input_record, new_run_id, now_iso, success


@dataclass
class A:
    codec: str = "aac"
    sample_rate: int = 48000
    channels: int = 2
    number: int = 1
    language: str = "deu"


@dataclass
class V:
    codec: str = "h264"
    width: int = 640
    height: int = 360


@dataclass
class Info:
    container: str = "mov,mp4"
    duration: float = 12.3456789
    audio: list = field(default_factory=lambda: [A(), A(number=0, language="")])
    video: list = field(default_factory=lambda: [V()])


def test_ids_and_times():
    a, b = new_run_id(), new_run_id()
    assert a != b and re.fullmatch(r"[0-9a-f]{32}", a)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", now_iso())


def test_input_record():
    assert input_record(Path("/m/a.mp4")) == {"FileName": "/m/a.mp4"}
    rec = input_record(Path("/m/a.mp4"), Info())
    assert rec == {"FileName": "/m/a.mp4", "Container": "mov,mp4", "Duration": 12.345679,
                   "AudioCodec": "aac", "SampleRate": 48000, "Channels": 2, "AudioStream": 1,
                   "AudioStreams": 2, "AudioLanguage": "deu", "VideoCodec": "h264",
                   "Width": 640, "Height": 360}
    bare = input_record(Path("x.wav"), Info(audio=[A(language="")], video=[]))
    assert "AudioLanguage" not in bare and "VideoCodec" not in bare
    assert bare["AudioStreams"] == 1
    silent = input_record(Path("v.mp4"), Info(audio=[]))
    assert "AudioCodec" not in silent and silent["Width"] == 640


def test_success_and_failure(tmp_path):
    voice, background = tmp_path / "voice.aac", tmp_path / "background.aac"
    voice.write_bytes(b"v" * 10)
    background.write_bytes(b"b" * 7)
    doc = success("r1", {"FileName": "a"}, 12.3456789, voice, background, {"Model": "spleeter"})
    assert doc == {"RunId": "r1", "Status": "Success", "Input": {"FileName": "a"},
                   "Output": {"Type": "Task", "Task": {"Type": "AudioExtract", "AudioExtract": {
                       "Duration": 12.345679,
                       "Voice": {"FileName": "voice.aac", "Size": "10"},
                       "Background": {"FileName": "background.aac", "Size": "7"}}}},
                   "Model": "spleeter"}
    bad = failure("r2", {"FileName": "a"}, MediaError("a: not media\nmore detail"), {"X": 1})
    assert bad == {"RunId": "r2", "Status": "Failed", "Input": {"FileName": "a"},
                   "Error": {"Code": "InvalidMedia", "Message": "a: not media"}, "X": 1}
    stop = failure("r3", {}, Cancelled("stopped"), {})
    assert stop["Status"] == "Terminated" and stop["Error"]["Code"] == "Cancelled"
    crash = failure("r4", {}, KeyError(), {})
    assert crash["Status"] == "Failed"
    assert crash["Error"] == {"Code": "InternalError", "Message": "KeyError"}
