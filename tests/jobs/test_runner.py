"""Jobs run through the queue with the real model: a batch with a broken file in the middle,
completion events to a real HTTP server on 127.0.0.1 (with retries), the user's command, a
cancel from another process, and a queue restarted after its process was killed mid-job."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.demo.synth import mixture
from stemline.jobs import store as st
from stemline.jobs.notify import EVENT_TYPE, Notifier
from stemline.jobs.result import new_run_id
from stemline.jobs.runner import JobRunner, SeparatorCache, execution_view
from tests.jobs.receiver import Receiver
from tests.jobs.waiting import wait_first_running


@pytest.fixture(scope="module")
def separators() -> SeparatorCache:
    return SeparatorCache()


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("media")
    paths = {}
    for i in range(2):
        paths[f"good{i}"] = d / f"good{i}.wav"
        sf.write(paths[f"good{i}"], mixture(2.0, seed=30 + i)[0], 44100, subtype="PCM_16")
    paths["bad"] = d / "broken.wav"
    paths["bad"].write_bytes(paths["good0"].read_bytes()[:40])
    return paths


def submit(store, src: Path, out: Path, **kw) -> str:
    return store.submit("separate", src, out / src.stem, run_id=new_run_id(),
                        options={"model": "spleeter", "device": "cpu", "format": "wav"},
                        **kw).run_id


def test_batch_with_a_broken_file_in_the_middle_notifies_every_job(tmp_path, media, separators):
    receiver = Receiver(fail_first=1)  # the first POST gets a 503 and must be retried
    store = st.JobStore(tmp_path / "jobs.db")
    log = tmp_path / "oncomplete.log"
    notify = {"urls": [receiver.url],
              "command": f'echo "$STEMLINE_RUN_ID $STEMLINE_STATUS" >> {log}'}
    ids = [submit(store, media[k], tmp_path / "out", notify=notify)
           for k in ("good0", "bad", "good1")]
    runner = JobRunner(store, separators=separators, notifier=Notifier(backoff=0.05))
    try:
        ran = runner.drain(device="cpu")
        assert [j.run_id for j in ran] == ids
        assert [j.status for j in ran] == [st.SUCCESS, st.FAILED, st.SUCCESS]
        assert ran[1].error_code == "InvalidMedia" and "broken.wav" in ran[1].error_message
        assert len(separators._models) == 1            # one model load served all three
        events = receiver.wait_for(3)
        assert runner.notifier.flush(30)
    finally:
        receiver.close()
    assert receiver.attempts == 4                      # 3 events, one of them sent twice
    assert {e["RunId"]: e["Status"] for e in events} == dict(zip(ids, ["Success", "Failed", "Success"]))
    assert all(e["EventType"] == EVENT_TYPE for e in events)
    ok = next(e for e in events if e["RunId"] == ids[0])["Data"]
    voice = Path(ok["Output"]["Task"]["AudioExtract"]["Voice"]["FileName"])
    assert voice.is_file() and sf.info(voice).frames == 88200
    lines = sorted(log.read_text().split("\n")[:-1])
    assert lines == sorted(f"{i} {s}" for i, s in zip(ids, ["Success", "Failed", "Success"]))


def test_a_cancel_from_another_process_terminates_the_running_job(tmp_path, separators):
    long = tmp_path / "long.wav"
    sf.write(long, 0.1 * np.random.default_rng(1).standard_normal((44100 * 130, 2)), 44100)
    store = st.JobStore(tmp_path / "jobs.db")
    rid = submit(store, long, tmp_path / "out")
    runner = JobRunner(store, separators=separators, report_every=0.1)
    done: list = []
    t = threading.Thread(target=lambda: done.extend(runner.drain(device="cpu")))
    t.start()
    deadline = time.monotonic() + 60
    while store.get(rid).progress <= 0.0 and time.monotonic() < deadline:
        time.sleep(0.05)
    subprocess.run([sys.executable, "-m", "stemline", "jobs", "--db", str(tmp_path / "jobs.db"),
                    "cancel", rid], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": "src"})
    t.join(60)
    assert [j.status for j in done] == [st.TERMINATED]
    assert not [p for p in (tmp_path / "out").rglob("*") if p.suffix == ".wav" or "part" in p.name]


def test_killed_mid_job_then_restarted_the_job_is_terminated_and_retry_succeeds(tmp_path):
    long = tmp_path / "in" / "long.wav"
    long.parent.mkdir()
    sf.write(long, 0.1 * np.random.default_rng(2).standard_normal((44100 * 100, 2)), 44100)
    db = tmp_path / "jobs.db"
    env = {**os.environ, "PYTHONPATH": "src", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "stemline", "separate", str(long), "-o",
                             str(tmp_path / "out"), "--format", "wav", "--db", str(db), "--quiet"],
                            env=env)
    store = st.JobStore(db)
    wait_first_running(store, 120)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    rid = store.list()[0].run_id
    assert store.get(rid).status == st.RUNNING                 # nobody has looked yet
    listed = subprocess.run([sys.executable, "-m", "stemline", "jobs", "--db", str(db), "run"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert listed.stdout.strip() == "nothing pending"          # the restart terminated it
    job = store.get(rid)
    assert job.status == st.TERMINATED and job.error_code == "Interrupted"
    out = tmp_path / "out" / "long"
    assert not [p for p in out.iterdir() if p.name != "result.json"]   # no stems, no .part files
    r = subprocess.run([sys.executable, "-m", "stemline", "jobs", "--db", str(db), "retry", rid,
                        "--quiet"], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert store.get(rid).status == st.SUCCESS and store.get(rid).attempts == 2
    assert json.loads((out / "result.json").read_text())["RunId"] == rid
    assert sf.info(out / "voice.wav").frames == 44100 * 100


def test_execution_view_has_the_cloud_shape(tmp_path, media, separators):
    store = st.JobStore(tmp_path / "jobs.db")
    rid = submit(store, media["good0"], tmp_path / "out")
    JobRunner(store, separators=separators).drain()
    view = execution_view(store.get(rid), file_prefix=rid)
    task = view["Output"]["Task"]["AudioExtract"]
    assert view["Status"] == "Success" and view["Meta"]["EndTime"].endswith("Z")
    assert task["Duration"] == pytest.approx(2.0, abs=1e-3)
    assert task["Voice"]["FileName"] == f"{rid}/voice.wav"
    assert int(task["Background"]["Size"]) == (tmp_path / "out/good0/background.wav").stat().st_size
