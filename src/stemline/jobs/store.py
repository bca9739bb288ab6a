"""The persistent job queue: one SQLite file (WAL) shared by the command line, the window and the
HTTP server, so a job outlives the process that submitted it.

Statuses are the cloud task's: ``PendingStart`` -> ``Running`` -> ``Success`` | ``Failed`` |
``Terminated``. A job is claimed by one process at a time (an atomic UPDATE inside an IMMEDIATE
transaction), and only one job runs per device, whichever process runs it. Each call opens its
own short-lived connection, so the store is safe to use from any thread or process.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from stemline.core.errors import StemlineError

PENDING, RUNNING, SUCCESS, FAILED, TERMINATED = (
    "PendingStart", "Running", "Success", "Failed", "Terminated")
STATUSES = (PENDING, RUNNING, SUCCESS, FAILED, TERMINATED)
FINAL = (SUCCESS, FAILED, TERMINATED)
KINDS = ("separate", "foley", "process", "export")

#: A Running job whose owner on another host has not written a heartbeat for this long is taken
#: for dead (on this host the owner's pid is checked directly).
STALE_AFTER_S = 120.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    run_id      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    input       TEXT NOT NULL,
    output_dir  TEXT NOT NULL,
    options     TEXT NOT NULL DEFAULT '{}',
    notify      TEXT NOT NULL DEFAULT '{}',
    batch       TEXT NOT NULL DEFAULT '',
    trigger     TEXT NOT NULL DEFAULT 'CLI',
    device      TEXT NOT NULL DEFAULT 'cpu',
    status      TEXT NOT NULL,
    stage       TEXT NOT NULL DEFAULT '',
    progress    REAL NOT NULL DEFAULT 0,
    created     REAL NOT NULL,
    started     REAL,
    finished    REAL,
    heartbeat   REAL,
    owner       TEXT NOT NULL DEFAULT '',
    attempts    INTEGER NOT NULL DEFAULT 0,
    cancel      INTEGER NOT NULL DEFAULT 0,
    result      TEXT,
    error_code  TEXT,
    error_msg   TEXT
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, created);
"""


class JobNotFound(StemlineError):
    """No job with that RunId in this database."""

    code = "InvalidParameter.RunId"


@dataclass(frozen=True)
class Job:
    """One row of the queue, as read at one moment."""

    run_id: str
    kind: str
    input: str
    output_dir: str
    options: dict[str, Any]
    notify: dict[str, Any]
    batch: str
    trigger: str
    device: str
    status: str
    stage: str
    progress: float
    created: float
    started: float | None
    finished: float | None
    owner: str
    attempts: int
    cancel_requested: bool
    result: dict[str, Any] | None
    error_code: str | None
    error_message: str | None

    @property
    def final(self) -> bool:
        return self.status in FINAL

    @property
    def elapsed(self) -> float:
        """Seconds it ran (so far, while running)."""
        if self.started is None:
            return 0.0
        return (self.finished or time.time()) - self.started

    @property
    def retryable(self) -> bool:
        return self.status in (FAILED, TERMINATED)


def _row_to_job(r: sqlite3.Row) -> Job:
    return Job(run_id=r["run_id"], kind=r["kind"], input=r["input"], output_dir=r["output_dir"],
               options=json.loads(r["options"]), notify=json.loads(r["notify"]), batch=r["batch"],
               trigger=r["trigger"], device=r["device"], status=r["status"], stage=r["stage"],
               progress=r["progress"], created=r["created"], started=r["started"],
               finished=r["finished"], owner=r["owner"], attempts=r["attempts"],
               cancel_requested=bool(r["cancel"]),
               result=json.loads(r["result"]) if r["result"] else None,
               error_code=r["error_code"], error_message=r["error_msg"])


def this_owner() -> str:
    """Who runs a job: host and process, so a restart can tell a dead owner from a live one."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_alive(owner: str, heartbeat: float | None, now: float) -> bool:
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # someone else's process with that pid: alive
            return True
        return True
    return heartbeat is not None and now - heartbeat < STALE_AFTER_S


#: How long opening the queue waits for other processes opening it at the same moment.
OPEN_WAIT_S = 30.0


def _use_wal(path: Path) -> None:
    """Put the database file in WAL mode (a property of the file: set once, every later
    connection uses it).

    Switching a new file to WAL while other processes open it too fails at once with "database
    is locked", without the busy wait the connection's timeout asks for (SQLite returns BUSY
    there rather than risk a deadlock): 4 of 480 processes opening new queues eight at a time
    lost that way, none of 1200 with the retry. The switch is tried again until it takes or
    :data:`OPEN_WAIT_S` is over."""
    deadline = time.monotonic() + OPEN_WAIT_S
    pause = 0.005
    while True:
        db = sqlite3.connect(path, timeout=OPEN_WAIT_S, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        finally:
            db.close()
        time.sleep(pause)
        pause = min(0.1, 2 * pause)


class JobStore:
    """The queue in ``path`` (created on first use, WAL journal)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _use_wal(self.path)
            # IMMEDIATE: the write lock before the schema is read. A deferred transaction could
            # read "no table yet", and when another process starting at the same moment creates
            # it first, its write fails at once (SQLITE_BUSY_SNAPSHOT: no busy wait helps). The
            # failures measured were all in the WAL switch above; this closes the same race here
            with self._tx(immediate=True) as db:
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(statement)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StemlineError(f"{self.path}: the job database stayed locked by another process for"
                                    f" {OPEN_WAIT_S:.0f} s ({exc})") from None
            raise StemlineError(f"{self.path}: not a Stemline job database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StemlineError(f"{self.path}: not a Stemline job database ({exc})") from None

    @contextmanager
    def _tx(self, immediate: bool = False) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    # -- submitting and reading -------------------------------------------------------------
    def submit(self, kind: str, input: str | Path, output_dir: str | Path, *, run_id: str,
               options: dict[str, Any] | None = None, notify: dict[str, Any] | None = None,
               batch: str = "", trigger: str = "CLI", device: str = "cpu") -> Job:
        if kind not in KINDS:
            raise ValueError(f"unknown job kind {kind!r}")
        with self._tx() as db:
            db.execute(
                "INSERT INTO jobs (run_id, kind, input, output_dir, options, notify, batch, trigger,"
                " device, status, created) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (run_id, kind, str(input), str(output_dir), json.dumps(options or {}),
                 json.dumps(notify or {}), batch, trigger, device, PENDING, time.time()))
        return self.get(run_id)

    def get(self, run_id: str) -> Job:
        with self._tx() as db:
            row = db.execute("SELECT * FROM jobs WHERE run_id = ?", (run_id,)).fetchone()
        if row is None:
            raise JobNotFound(f"no job with RunId {run_id!r} in {self.path}")
        return _row_to_job(row)

    def list(self, *, status: str | None = None, batch: str | None = None,
             limit: int = 1000) -> list[Job]:
        """Newest first."""
        where, args = [], []
        if status:
            where.append("status = ?")
            args.append(status)
        if batch:
            where.append("batch = ?")
            args.append(batch)
        sql = "SELECT * FROM jobs" + (" WHERE " + " AND ".join(where) if where else "")
        with self._tx() as db:
            rows = db.execute(sql + " ORDER BY created DESC, rowid DESC LIMIT ?",
                              (*args, limit)).fetchall()
        return [_row_to_job(r) for r in rows]

    # -- running ----------------------------------------------------------------------------
    def claim_next(self, *, owner: str | None = None, device: str | None = None,
                   run_ids: list[str] | None = None,
                   triggers: tuple[str, ...] | None = None) -> Job | None:
        """Take the oldest pending job for ``owner``; None when nothing is pending or the device
        is busy with another job. ``run_ids`` / ``triggers`` narrow what may be taken (a window
        resumes its own jobs, not those a running command line is about to take)."""
        owner = owner or this_owner()
        now = time.time()
        with self._tx(immediate=True) as db:
            where, args = ["status = ?"], [PENDING]
            if device:
                busy = db.execute("SELECT owner, heartbeat FROM jobs WHERE status = ? AND device = ?",
                                  (RUNNING, device)).fetchall()
                if any(_owner_alive(r["owner"], r["heartbeat"], now) for r in busy):
                    return None
                where.append("device = ?")
                args.append(device)
            if triggers is not None:
                where.append(f"trigger IN ({','.join('?' * len(triggers))})")
                args.extend(triggers)
            if run_ids is not None:
                if not run_ids:
                    return None
                where.append(f"run_id IN ({','.join('?' * len(run_ids))})")
                args.extend(run_ids)
            row = db.execute(f"SELECT run_id FROM jobs WHERE {' AND '.join(where)}"
                             " ORDER BY created, rowid LIMIT 1", args).fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET status=?, owner=?, started=?, heartbeat=?, finished=NULL,"
                       " progress=0, stage='', attempts=attempts+1, result=NULL, error_code=NULL,"
                       " error_msg=NULL WHERE run_id=?", (RUNNING, owner, now, now, row["run_id"]))
        return self.get(row["run_id"])

    def report(self, run_id: str, stage: str, progress: float) -> bool:
        """Record progress (and a heartbeat); returns True when a cancel was requested."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET stage=?, progress=?, heartbeat=? WHERE run_id=? AND status=?",
                       (stage, float(progress), time.time(), run_id, RUNNING))
            row = db.execute("SELECT cancel FROM jobs WHERE run_id=?", (run_id,)).fetchone()
        return bool(row and row["cancel"])

    def finish(self, run_id: str, status: str, result: dict[str, Any] | None = None, *,
               error_code: str | None = None, error_message: str | None = None) -> Job:
        if status not in FINAL:
            raise ValueError(f"{status!r} is not a final status")
        with self._tx() as db:
            db.execute("UPDATE jobs SET status=?, finished=?, progress=MAX(progress, ?), result=?,"
                       " error_code=?, error_msg=?, cancel=0 WHERE run_id=?",
                       (status, time.time(), 1.0 if status == SUCCESS else 0.0,
                        json.dumps(result) if result is not None else None, error_code,
                        error_message, run_id))
        return self.get(run_id)

    def requeue(self, run_id: str) -> None:
        """Back to pending after its worker died (the cluster retries it elsewhere)."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET status=?, owner='', stage='', progress=0 WHERE run_id=? AND"
                       " status=?", (PENDING, run_id, RUNNING))

    # -- what users do ----------------------------------------------------------------------
    def cancel(self, run_id: str) -> Job:
        """A pending job ends Terminated at once; a running one is asked to stop (its runner
        sees the request at its next progress report and ends it Terminated)."""
        job = self.get(run_id)
        with self._tx() as db:
            if job.status == PENDING:
                db.execute("UPDATE jobs SET status=?, finished=?, error_code=?, error_msg=? WHERE"
                           " run_id=? AND status=?", (TERMINATED, time.time(), "Cancelled",
                                                      "cancelled before it started", run_id, PENDING))
            elif job.status == RUNNING:
                db.execute("UPDATE jobs SET cancel=1 WHERE run_id=?", (run_id,))
        return self.get(run_id)

    def retry(self, run_id: str) -> Job:
        """A failed or terminated job goes back to the queue under the same RunId."""
        job = self.get(run_id)
        if not job.retryable:
            raise StemlineError(f"job {run_id} is {job.status}: only Failed or Terminated jobs"
                                " can be retried")
        with self._tx() as db:
            db.execute("UPDATE jobs SET status=?, stage='', progress=0, finished=NULL, cancel=0,"
                       " result=NULL, error_code=NULL, error_msg=NULL, owner='', created=?"
                       " WHERE run_id=?", (PENDING, time.time(), run_id))
        return self.get(run_id)

    def recover(self) -> list[Job]:
        """Jobs left Running by a process that died: Terminated (with Retry offered).

        Called whenever a queue starts; pending jobs simply stay pending and are picked up.
        Returns the jobs it terminated (their partial outputs are for the caller to clear).
        """
        now = time.time()
        dead = []
        with self._tx(immediate=True) as db:
            for r in db.execute("SELECT * FROM jobs WHERE status = ?", (RUNNING,)).fetchall():
                if not _owner_alive(r["owner"], r["heartbeat"], now):
                    db.execute("UPDATE jobs SET status=?, finished=?, cancel=0, error_code=?,"
                               " error_msg=? WHERE run_id=?",
                               (TERMINATED, now, "Interrupted",
                                "the process running it stopped; retry it with"
                                f" `stemline jobs retry {r['run_id']}`", r["run_id"]))
                    dead.append(r["run_id"])
        return [self.get(rid) for rid in dead]
