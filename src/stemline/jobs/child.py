"""Run one job function in a child process of its own, with progress, cancel and errors carried over.

Why: a job whose inner loop is Python (Foley analysis steps through every frame) holds the GIL
for most of its run, and the editor's UI thread, in the same process, then waits for it: 50-70 ms
event-loop stalls per turn on this 2-core machine however low the worker's priority, because
priority doesn't decide who holds the GIL. In a child the job has a GIL of its own, and the
operating system's scheduler, which does honour priority, shares the cores.

The child is started with ``spawn`` (a fresh interpreter: no copy of the editor's threads, Qt or
locks) from the calling thread, so it inherits that thread's lowered priority. Messages travel over
one pipe, pickled: both ends are this program (nothing is read from disk). Cancel is cooperative
first (the child's own token, so the job cleans up its temporary files as it does in-process)
and a kill only if the child doesn't stop within :data:`CANCEL_GRACE_S`.
"""
from __future__ import annotations

import importlib
import multiprocessing
import threading
import time
from collections.abc import Callable
from typing import Any

from stemline.core.errors import Cancelled, StemlineError
from stemline.core.progress import CancelToken, Progress, ProgressCallback

#: Seconds a cancelled child gets to clean up before it is killed.
CANCEL_GRACE_S = 5.0
#: The child sends at most one progress report this often.
REPORT_EVERY_S = 0.05


class ChildFailed(StemlineError):
    """The child stopped without an answer (killed, out of memory) or with a bug."""


def call_in_child(target: str, kwargs: dict[str, Any], *, progress: ProgressCallback | None = None,
                  cancel: CancelToken | None = None, poll_s: float = 0.05) -> Any:
    """``module:function(**kwargs, progress=..., cancel=...)`` run in a spawned child; its result.

    Raises what the function raised when it is a :class:`StemlineError` (``Cancelled`` included),
    else :class:`ChildFailed` with one line saying what happened.
    """
    _check(target)
    ctx = multiprocessing.get_context("spawn")
    mine, theirs = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_child_main, args=(target, kwargs, theirs), daemon=True,
                       name=f"stemline {target.rsplit(':', 1)[-1]}")
    proc.start()
    theirs.close()
    asked_at: float | None = None
    try:
        while True:
            if cancel is not None and cancel.cancelled and asked_at is None:
                asked_at = time.monotonic()
                try:
                    mine.send("cancel")
                except OSError:
                    pass
            if asked_at is not None and time.monotonic() - asked_at > CANCEL_GRACE_S:
                raise Cancelled("cancelled")
            if not mine.poll(poll_s):
                if not proc.is_alive() and not mine.poll(0):
                    raise _stopped(target, proc)
                continue
            try:
                kind, payload = mine.recv()
            except EOFError:
                proc.join(1.0)
                raise _stopped(target, proc)
            if kind == "progress":
                if progress is not None:
                    progress(payload)
            elif kind == "result":
                return payload
            elif kind == "error":
                raise payload
            elif kind == "cancelled":
                raise Cancelled("cancelled")
            else:  # "bug": the traceback was logged by the child
                raise ChildFailed(f"{_name(target)} failed: {payload}")
    finally:
        mine.close()
        proc.join(CANCEL_GRACE_S if asked_at is None else 0.5)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _name(target: str) -> str:
    return target.rsplit(":", 1)[-1].replace("_", " ")


def _stopped(target: str, proc: Any) -> ChildFailed:
    """The child ended without an answer (killed, out of memory, interpreter crash)."""
    return ChildFailed(f"{_name(target)} stopped unexpectedly (exit code {proc.exitcode})")


def _check(target: str) -> None:
    if not target.startswith("stemline.") or ":" not in target:
        raise ValueError(f"not a stemline job: {target!r}")


def _resolve(target: str) -> Callable[..., Any]:
    _check(target)
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _child_main(target: str, kwargs: dict[str, Any], conn: Any) -> None:
    token = CancelToken()
    lock = threading.Lock()  # the job's thread and the listener both send

    def send(message: tuple[str, Any]) -> None:
        with lock:
            conn.send(message)

    def listen() -> None:
        try:
            while conn.recv() != "cancel":
                pass
        except (EOFError, OSError):  # the parent is gone: stop too
            pass
        token.cancel()

    threading.Thread(target=listen, daemon=True, name="cancel listener").start()
    last = [0.0]

    def report(p: Progress) -> None:
        now = time.monotonic()
        if now - last[0] >= REPORT_EVERY_S or p.fraction >= 1.0:
            last[0] = now
            send(("progress", p))

    try:
        result = _resolve(target)(**kwargs, progress=report, cancel=token)
    except Cancelled:
        send(("cancelled", None))
    except StemlineError as exc:
        send(("error", exc))
    except Exception as exc:  # a bug: one line to the parent, the traceback to the log
        import logging
        logging.getLogger(__name__).exception("%s failed in its child process", target)
        send(("bug", f"{type(exc).__name__}: {exc}"))
    else:
        send(("result", result))
    finally:
        conn.close()
