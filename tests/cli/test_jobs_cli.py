"""Folders in, the queue on disk, and `stemline jobs` reading it: run as real processes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import soundfile as sf

from stemline.demo.synth import mixture
from tests.jobs.receiver import Receiver
from tests.media.makers import Spec, write_media, write_video_only

STEMLINE = [sys.executable, "-m", "stemline"]


def stemline(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*STEMLINE, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_a_folder_is_searched_by_probing_and_what_is_skipped_says_why(tmp_path):
    src = tmp_path / "shoot"
    (src / "day1" / "cam").mkdir(parents=True)
    sf.write(src / "day1" / "take1.wav", mixture(1.5, seed=5)[0], 44100)
    write_media(src / "day1" / "cam" / "clip.mkv", Spec("mkv", "mkv", "matroska", "opus", 48000), 1.5)
    # media without a telling extension is still found; things that aren't media are listed
    (src / "day1" / "take1.wav").rename(src / "day1" / "take1.bin")
    write_video_only(src / "day1" / "cam" / "silent.mp4")
    (src / "notes.txt").write_text("call sheet")
    (src / ".DS_Store").write_bytes(b"\0\0")
    out = src / "stems"                                  # output inside the input folder
    receiver = Receiver()
    hook_log = tmp_path / "hook.log"
    db = tmp_path / "jobs.db"
    try:
        r = stemline("separate", str(src), "-o", str(out), "--format", "wav", "--db", str(db),
                     "--json", "--quiet", "--notify-url", receiver.url,
                     "--on-complete", f'echo "$STEMLINE_STATUS $STEMLINE_INPUT" >> {hook_log}')
        assert r.returncode == 0, r.stderr
        events = receiver.wait_for(2)
    finally:
        receiver.close()
    skipped = {Path(line.split(": ")[1].removeprefix("skipped ")).name: line
               for line in r.stderr.splitlines() if line.startswith("stemline: skipped ")}
    assert set(skipped) == {"silent.mp4", "notes.txt", ".DS_Store"}
    assert "no audio stream" in skipped["silent.mp4"] and "hidden" in skipped[".DS_Store"]
    assert "not a readable media file" in skipped["notes.txt"]
    records = json.loads(r.stdout)
    assert sorted(Path(rec["Input"]["FileName"]).name for rec in records) == ["clip.mkv", "take1.bin"]
    assert (out / "take1" / "voice.wav").is_file() and (out / "clip" / "background.wav").is_file()
    assert sorted(e["Status"] for e in events) == ["Success", "Success"]
    assert len(hook_log.read_text().splitlines()) == 2

    # A second run over the same folder doesn't take its own stems for inputs.
    again = stemline("separate", str(src), "-o", str(out), "--format", "wav", "--db", str(db),
                     "--quiet")
    assert again.returncode == 0, again.stderr
    assert "inside the output folder" in again.stderr

    listed = stemline("jobs", "--db", str(db), "list", "--json")
    rows = json.loads(listed.stdout)
    assert len(rows) == 4 and {row["Status"] for row in rows} == {"Success"}
    shown = json.loads(stemline("jobs", "--db", str(db), "show", rows[0]["RunId"]).stdout)
    assert shown["RunId"] == rows[0]["RunId"]
    assert Path(shown["Output"]["Task"]["AudioExtract"]["Voice"]["FileName"]).is_file()
    plain = stemline("jobs", "--db", str(db), "list").stdout.splitlines()
    assert len(plain) == 4 and all("Success" in line for line in plain)


def test_jobs_errors_are_one_line(tmp_path):
    r = stemline("jobs", "--db", str(tmp_path / "jobs.db"), "show", "0123")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no job with RunId '0123'" in r.stderr
    r = stemline("jobs", "--db", str(tmp_path / "jobs.db"), "retry", "0123")
    assert r.returncode == 2 and "no job" in r.stderr


def test_nothing_to_separate_in_a_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("x")
    r = stemline("separate", str(tmp_path / "empty"), "-o", str(tmp_path / "o"),
                 "--db", str(tmp_path / "jobs.db"))
    assert r.returncode == 1 and "no media files to separate" in r.stderr
