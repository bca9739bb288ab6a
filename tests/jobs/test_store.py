"""The persistent queue on a real SQLite file: claims, device exclusivity, cancel, retry, and
recovery after the process that ran a job died."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from stemline.core.errors import StemlineError
from stemline.jobs import store as st


@pytest.fixture
def store(tmp_path) -> st.JobStore:
    return st.JobStore(tmp_path / "jobs.db")


def submit(store, name="a.wav", **kw) -> st.Job:
    from stemline.jobs.result import new_run_id
    return store.submit("separate", f"/in/{name}", f"/out/{name}", run_id=new_run_id(), **kw)


def test_wal_journal_and_fifo_claims(store, tmp_path):
    jobs = [submit(store, f"{i}.wav") for i in range(3)]
    with sqlite3.connect(tmp_path / "jobs.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    first = store.claim_next()
    assert first.run_id == jobs[0].run_id and first.status == st.RUNNING and first.attempts == 1
    assert first.owner == st.this_owner()
    assert [j.status for j in store.list()] == [st.PENDING, st.PENDING, st.RUNNING]  # newest first


def test_one_job_at_a_time_per_device(store):
    submit(store, "a.wav", device="cpu")
    submit(store, "b.wav", device="cpu")
    submit(store, "c.wav", device="cuda")
    assert store.claim_next(device="cpu") is not None
    assert store.claim_next(device="cpu") is None          # cpu busy with a live owner
    assert store.claim_next(device="cuda").input == "/in/c.wav"


def test_concurrent_claims_never_hand_out_a_job_twice(store):
    ids = {submit(store, f"{i}.wav").run_id for i in range(40)}
    got: list[str] = []
    lock = threading.Lock()

    def grab():
        while (job := store.claim_next()) is not None:
            with lock:
                got.append(job.run_id)
    threads = [threading.Thread(target=grab) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == sorted(ids)


def test_cancel_pending_at_once_and_running_by_request(store):
    a, b = submit(store, "a.wav"), submit(store, "b.wav")
    store.claim_next(run_ids=[a.run_id])
    assert store.cancel(b.run_id).status == st.TERMINATED
    assert store.cancel(a.run_id).cancel_requested
    assert store.report(a.run_id, "separate", 0.5) is True


def test_retry_only_ended_jobs_and_keeps_the_run_id(store):
    a = submit(store)
    with pytest.raises(StemlineError, match="only Failed or Terminated"):
        store.retry(a.run_id)
    store.claim_next()
    store.finish(a.run_id, st.FAILED, error_code="InvalidMedia", error_message="bad")
    again = store.retry(a.run_id)
    assert again.status == st.PENDING and again.error_code is None and again.run_id == a.run_id
    assert store.claim_next().attempts == 2


def test_a_job_whose_process_died_comes_back_terminated(store, tmp_path):
    a, b = submit(store, "a.wav"), submit(store, "b.wav")
    # A real process claims a job and dies without finishing it.
    code = ("import sys; from stemline.jobs.store import JobStore; "
            f"JobStore(sys.argv[1]).claim_next(run_ids=[{a.run_id!r}])")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "jobs.db")], check=True,
                   env={**os.environ, "PYTHONPATH": "src"})
    assert store.get(a.run_id).status == st.RUNNING
    dead = store.recover()
    assert [j.run_id for j in dead] == [a.run_id]
    job = store.get(a.run_id)
    assert job.status == st.TERMINATED and job.error_code == "Interrupted" and job.retryable
    assert "stemline jobs retry" in job.error_message
    assert store.get(b.run_id).status == st.PENDING     # pending jobs resume
    assert store.recover() == []                        # our own live jobs are left alone


def test_a_damaged_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "jobs.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StemlineError, match="not a Stemline job database"):
        st.JobStore(bad)


def test_unknown_run_id(store):
    with pytest.raises(st.JobNotFound, match="nope"):
        store.get("nope")


def _locked_while_new(path, seconds: float):
    """Another process's first write on a new queue file: its write lock held for ``seconds``.
    Switching the file to WAL meanwhile fails at once with "database is locked" (SQLite does not
    wait there), which is how three `stemline separate` started together lost one."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    done = threading.Timer(seconds, lambda: (other.execute("COMMIT"), other.close()))
    done.start()
    return done


def test_a_queue_opened_while_another_process_opens_it_waits_for_it(tmp_path):
    import time

    path = tmp_path / "jobs.db"
    held = _locked_while_new(path, 0.3)
    t0 = time.monotonic()
    store = st.JobStore(path)  # was: "not a Stemline job database (database is locked)" at once
    held.join()
    assert time.monotonic() - t0 >= 0.25
    submit(store)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_queue_locked_for_too_long_says_so_and_not_that_it_is_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(st, "OPEN_WAIT_S", 0.2)
    held = _locked_while_new(tmp_path / "jobs.db", 1.0)
    with pytest.raises(StemlineError, match="stayed locked by another process") as err:
        st.JobStore(tmp_path / "jobs.db")
    assert "not a Stemline job database" not in str(err.value)
    held.join()
