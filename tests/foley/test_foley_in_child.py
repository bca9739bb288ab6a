"""The editor's Foley run in a child process (stemline.jobs.child): the same answer as in-process,
its errors and its cancel carried back, and a child that dies reported, not waited on forever."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from stemline.core.errors import Cancelled, MediaError
from stemline.core.progress import CancelToken, Progress
from stemline.jobs.child import ChildFailed, call_in_child
from stemline.jobs.foley import foley_for_editor

TARGET = "stemline.jobs.foley:foley_for_editor"


def test_the_child_gives_what_the_job_gives_in_process(contact_clip: tuple[Path, list],
                                                       tmp_path: Path) -> None:
    video, truth = contact_clip
    seen: list[Progress] = []
    track, events, stats = call_in_child(TARGET, dict(video=video, out_dir=tmp_path / "child"),
                                         progress=seen.append)
    here = foley_for_editor(video, tmp_path / "here")
    assert track == tmp_path / "child" / "foley.wav" and track.read_bytes() == here[0].read_bytes()
    assert [e.to_dict() | {"id": ""} for e in events] == [e.to_dict() | {"id": ""} for e in here[1]]
    assert len(events) == len(truth) and stats == here[2]
    assert "room_rt60_s" in stats  # the scene's room, for the Foley header (None: no audio)
    assert seen and seen[-1].fraction == 1.0                       # progress came across
    # said once, last: the room is heard after the track is rendered, and is part of the run
    assert seen[-1].stage == "done" and [p.stage for p in seen].count("done") == 1
    assert not multiprocessing.active_children()


def test_an_error_in_the_child_is_raised_here_with_its_message(tmp_path: Path) -> None:
    broken = tmp_path / "broken clip.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypisom" + os.urandom(2000))
    with pytest.raises(MediaError, match="broken clip.mp4"):
        call_in_child(TARGET, dict(video=broken, out_dir=tmp_path / "out"))
    assert not (tmp_path / "out" / "foley.wav").exists()


def test_cancel_stops_the_child_and_leaves_nothing(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    video, _ = contact_clip
    token = CancelToken()
    first = threading.Event()

    def progress(p: Progress) -> None:
        first.set()

    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(call_in_child(TARGET, dict(video=video, out_dir=tmp_path / "out"),
                                         progress=progress, cancel=token))
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    assert first.wait(60)                   # the analysis is under way in the child
    t0 = time.monotonic()
    token.cancel()
    thread.join(30)
    assert isinstance(outcome[0], Cancelled)
    assert time.monotonic() - t0 < 5                                    # cooperative, not the kill
    assert not multiprocessing.active_children()
    assert not (tmp_path / "out").exists()  # no foley.wav, no temp file, not even the folder


def test_a_child_that_dies_is_reported_in_one_line(contact_clip: tuple[Path, list], tmp_path: Path) -> None:
    video, _ = contact_clip

    def kill_the_child(p: Progress) -> None:
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(ChildFailed, match=r"^foley for editor stopped unexpectedly \(exit code -9\)$"):
        call_in_child(TARGET, dict(video=video, out_dir=tmp_path / "out"), progress=kill_the_child)
    assert not multiprocessing.active_children()


def test_only_stemline_functions_run_in_a_child() -> None:
    with pytest.raises(ValueError, match="not a stemline job"):
        call_in_child("os:system", dict(command="true"))
    assert not multiprocessing.active_children()
