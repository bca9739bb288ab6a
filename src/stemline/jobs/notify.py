"""Telling the world a job ended: completion events POSTed to URLs and a command run per job.

Both happen on one background thread with a queue, so a slow or dead endpoint never holds up
the next job. POSTs are retried with exponential back-off; every event carries RunId and
Status, failed and terminated jobs included.
"""
from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

from stemline.jobs.result import now_iso

log = logging.getLogger(__name__)

EVENT_TYPE = "EventTypeExecutionComplete"
API_VERSION = "2025-01-01"


def completion_event(execution: dict[str, Any]) -> dict[str, Any]:
    """The cloud's completion event around an execution (``RunId``, ``Status``, ``Output`` ...)."""
    return {"EventType": EVENT_TYPE, "EventTime": now_iso(), "RequestId": uuid.uuid4().hex,
            "Version": API_VERSION, "RunId": execution.get("RunId"),
            "Status": execution.get("Status"), "Data": execution}


@dataclass
class Delivery:
    """What was tried for one notification (kept for tests and `jobs show`)."""

    target: str
    run_id: str
    attempts: int = 0
    ok: bool = False
    error: str = ""


@dataclass
class Notifier:
    """Background sender. ``retries`` attempts per URL, waiting ``backoff * 2**n`` between."""

    retries: int = 5
    backoff: float = 0.5
    timeout: float = 10.0
    command_timeout: float = 300.0
    deliveries: list[Delivery] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._queue: queue.Queue[tuple[str, str, dict[str, Any]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def post(self, url: str, event: dict[str, Any]) -> None:
        self._put(("url", url, event))

    def run_command(self, command: str, event: dict[str, Any]) -> None:
        self._put(("cmd", command, event))

    def _put(self, item: tuple[str, str, dict[str, Any]]) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="stemline-notify",
                                                daemon=True)
                self._thread.start()
        self._queue.put(item)

    def flush(self, timeout: float = 60.0) -> bool:
        """Wait until everything queued so far was delivered or given up (command line exit)."""
        done = threading.Event()
        self._put(("mark", "", {"_event": done}))
        return done.wait(timeout)

    def _loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            kind, target, event = item
            if kind == "mark":
                event["_event"].set()
            elif kind == "url":
                self._deliver(target, event)
            else:
                self._command(target, event)

    def _deliver(self, url: str, event: dict[str, Any]) -> None:
        record = Delivery(url, str(event.get("RunId")))
        self.deliveries.append(record)
        body = json.dumps(event).encode()
        for attempt in range(self.retries):
            record.attempts = attempt + 1
            req = urllib.request.Request(url, data=body, method="POST", headers={
                "Content-Type": "application/json", "User-Agent": "stemline"})
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    if 200 <= resp.status < 300:
                        record.ok = True
                        return
                    record.error = f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                record.error = f"HTTP {exc.code}"
                if 400 <= exc.code < 500 and exc.code not in (408, 429):
                    break  # the receiver refuses it: retrying won't help
            except (OSError, ValueError) as exc:
                record.error = str(exc)
            if attempt + 1 < self.retries:
                time.sleep(self.backoff * 2 ** attempt)
        log.warning("stemline: notification to %s for %s failed after %d attempts: %s",
                    url, record.run_id, record.attempts, record.error)

    def _command(self, command: str, event: dict[str, Any]) -> None:
        """The user's own command line, run by their shell with the job in its environment."""
        record = Delivery(command, str(event.get("RunId")), attempts=1)
        self.deliveries.append(record)
        data = event.get("Data", {})
        env = {**os.environ, "STEMLINE_RUN_ID": str(event.get("RunId", "")),
               "STEMLINE_STATUS": str(event.get("Status", "")),
               "STEMLINE_EVENT": json.dumps(event),
               "STEMLINE_RESULT": str(data.get("ResultFile", "")),
               "STEMLINE_INPUT": str(data.get("Input", {}).get("FileName", ""))}
        try:
            proc = subprocess.run(command, shell=True, env=env, timeout=self.command_timeout,
                                  stdin=subprocess.DEVNULL, capture_output=True)
            record.ok = proc.returncode == 0
            record.error = "" if record.ok else f"exit {proc.returncode}"
        except (OSError, subprocess.TimeoutExpired) as exc:
            record.error = str(exc)
        if not record.ok:
            log.warning("stemline: --on-complete command failed for %s: %s", record.run_id,
                        record.error)
