"""Running queued jobs: claim one, run it with progress and cancel wired to the store, record the
result, notify. The command line, the window and the server all run jobs through this class.
"""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from stemline.core.errors import Cancelled, StemlineError
from stemline.core.progress import CancelToken, Progress, ProgressCallback
from stemline.jobs import store as st
from stemline.jobs.notify import Notifier, completion_event

#: The jobs this runner knows how to run (the others are refused at submit time).
RUNNABLE = ("separate",)
STEMS = ("voice", "background")


class SeparatorCache:
    """One model load serves consecutive jobs: separators kept by (model, device, folder,
    settings)."""

    def __init__(self) -> None:
        self._models: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def get(self, model: str, device: str, model_dir: str | None,
            params: dict[str, str] | None = None, ensemble_mode: str = "wave") -> Any:
        from stemline.engine.separation.registry import load_separator

        key = (model, device, model_dir or "", tuple(sorted((params or {}).items())),
               ensemble_mode)
        with self._lock:
            if key not in self._models:
                self._models[key] = load_separator(
                    model, device=device, model_dir=Path(model_dir) if model_dir else None,
                    params=params, ensemble_mode=ensemble_mode)
            return self._models[key]


def _iso(t: float | None) -> str | None:
    if t is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def execution_view(job: st.Job, *, file_prefix: str | None = None) -> dict[str, Any]:
    """The job as the cloud's GetExecution returns it.

    ``file_prefix``: where the server serves the job's folder; stem ``FileName`` values become
    ``<prefix>/<name>`` (downloadable at ``http://host:port/<FileName>``). Without it they are
    the stems' local paths.
    """
    view: dict[str, Any] = {
        "RunId": job.run_id, "Status": job.status,
        "Meta": {"Trigger": job.trigger, "CreateTime": _iso(job.created),
                 "StartTime": _iso(job.started), "EndTime": _iso(job.finished)},
        "Input": {"Type": "DirectUrl", "DirectUrl": {"FileName": job.input}},
        "Operation": {"Type": "Task", "Task": {"Type": "AudioExtract",
                                               "AudioExtract": {"Voice": True}}},
        "Progress": {"Stage": job.stage, "Fraction": round(job.progress, 4),
                     "Attempts": job.attempts},
    }
    # What the caller sent in Control comes back, as the cloud returns it.
    control = {k: job.options[o] for k, o in (("ClientToken", "client_token"),
                                              ("CallbackArgs", "callback_args"))
               if job.options.get(o)}
    if control:
        view["Control"] = control
    if job.result:
        view["Input"]["Probe"] = job.result.get("Input", {})
        out = job.result.get("Output")
        if out and job.status == st.SUCCESS:
            out = {**out, "Task": {**out["Task"],
                                   "AudioExtract": dict(out["Task"]["AudioExtract"])}}
            task = out["Task"]["AudioExtract"]
            for stem in ("Voice", "Background"):
                name = task[stem]["FileName"]
                task[stem] = {**task[stem], "FileName": f"{file_prefix}/{name}" if file_prefix
                              else str(Path(job.output_dir) / name)}
            view["Output"] = out
        for key in ("Model", "Device", "ElapsedSeconds"):
            if key in job.result:
                view[key] = job.result[key]
    if job.error_code:
        view["Error"] = {"Code": job.error_code, "Message": job.error_message or ""}
    view["ResultFile"] = (f"{file_prefix}/result.json" if file_prefix
                          else str(Path(job.output_dir) / "result.json"))
    return view


def notify_end(notifier: Notifier, callback_urls: tuple[str, ...], job: st.Job) -> None:
    """Queue the completion event of an ended job to every URL and the job's command."""
    event = completion_event(execution_view(job))
    for url in (*callback_urls, *job.notify.get("urls", ())):
        notifier.post(url, event)
    if job.notify.get("command"):
        notifier.run_command(job.notify["command"], event)


def clear_partials(job: st.Job) -> list[Path]:
    """Remove what an interrupted job left in its folder: temporary files, and any stem it had
    already renamed into place when it died before writing its result.json (the commit mark)."""
    folder = Path(job.output_dir)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        if p.name.startswith(".") and ".part-" in p.name:
            p.unlink(missing_ok=True)
            removed.append(p)
    committed = False
    try:
        committed = json.loads((folder / "result.json").read_text()).get("RunId") == job.run_id
    except (OSError, ValueError):
        pass
    if not committed and job.started is not None:
        for p in folder.iterdir():
            if p.stem in STEMS and p.is_file() and p.stat().st_mtime >= job.started - 1.0:
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


class JobRunner:
    """Runs the queue's jobs in this process, one at a time.

    Parameters
    ----------
    store : the queue.
    notifier : sends completion events (default: a fresh one).
    callback_urls : POSTed on every job's end, besides each job's own ``notify.urls``.
    report_every : seconds between progress writes (each is a small SQLite transaction).
    """

    def __init__(self, store: st.JobStore, *, notifier: Notifier | None = None,
                 callback_urls: tuple[str, ...] = (), separators: SeparatorCache | None = None,
                 report_every: float = 0.5, owner: str | None = None) -> None:
        self.store = store
        self.notifier = notifier or Notifier()
        self.callback_urls = tuple(callback_urls)
        self.separators = separators or SeparatorCache()
        self.report_every = report_every
        self.owner = owner or st.this_owner()
        self.current: st.Job | None = None
        self._current_cancel: CancelToken | None = None

    def recover(self) -> list[st.Job]:
        """Terminate jobs whose process died and clear their partial outputs."""
        dead = self.store.recover()
        for job in dead:
            clear_partials(job)
            self._notify(job)
        return dead

    def cancel_current(self) -> None:
        token = self._current_cancel
        if token is not None:
            token.cancel()

    # -- one job ----------------------------------------------------------------------------
    def run(self, job: st.Job, *, progress: ProgressCallback | None = None,
            cancel: CancelToken | None = None) -> st.Job:
        """Run a job already claimed (status Running) to its end; returns the final row.

        ``Cancelled`` from ``cancel`` (Ctrl-C, the window) propagates after the job is recorded
        as Terminated; a cancel asked through the store (``stemline jobs cancel``, the API)
        just ends the job.
        """
        token = cancel or CancelToken()
        asked_by_store = threading.Event()
        self.current, self._current_cancel = job, token
        last = [0.0]

        def report(p: Progress) -> None:
            if progress is not None:
                progress(p)
            now = time.monotonic()
            if now - last[0] >= self.report_every:
                last[0] = now
                if self.store.report(job.run_id, p.stage, p.fraction):
                    asked_by_store.set()
                    token.cancel()

        try:
            record = self._execute(job, report, token)
        except (Cancelled, KeyboardInterrupt):
            final = self.store.finish(job.run_id, st.TERMINATED, error_code="Cancelled",
                                      error_message="cancelled by the user")
            clear_partials(final)
            self._end(final)
            if not asked_by_store.is_set():
                raise
            return final
        except Exception as exc:  # anything else: the job fails, the queue goes on
            msg = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            code = exc.code if isinstance(exc, StemlineError) else "InternalError"
            final = self.store.finish(job.run_id, st.FAILED, error_code=code,
                                      error_message=f"{job.input}: {msg}"
                                      if job.input not in msg else msg)
            clear_partials(final)
            self._end(final)
            return final
        if record.get("Status") == st.SUCCESS:
            final = self.store.finish(job.run_id, st.SUCCESS, record)
        else:
            err = record.get("Error", {})
            final = self.store.finish(job.run_id, st.FAILED, record, error_code=err.get("Code"),
                                      error_message=err.get("Message"))
        self._end(final)
        return final

    def _execute(self, job: st.Job, progress: ProgressCallback, cancel: CancelToken) -> dict:
        from stemline.jobs.extract import run_extract

        if job.kind not in RUNNABLE:
            raise StemlineError(f"jobs of kind {job.kind!r} are not run by the queue yet")
        o = job.options
        separator = self.separators.get(o.get("model", "spleeter"), o.get("device", job.device),
                                        o.get("model_dir"), o.get("model_params"),
                                        o.get("ensemble_mode", "wave"))
        return run_extract(Path(job.input), Path(job.output_dir), separator,
                           fmt=o.get("format", "aac"), bit_depth=int(o.get("bit_depth", 16)),
                           audio_stream=o.get("audio_stream"), progress=progress, cancel=cancel,
                           run_id=job.run_id)

    def _end(self, job: st.Job) -> None:
        self.current, self._current_cancel = None, None
        self._notify(job)

    def _notify(self, job: st.Job) -> None:
        notify_end(self.notifier, self.callback_urls, job)

    # -- many jobs --------------------------------------------------------------------------
    def drain(self, *, device: str | None = None, triggers: tuple[str, ...] | None = None,
              stop: threading.Event | None = None) -> list[st.Job]:
        """Run pending jobs (of ``triggers`` when given) until none is left or the device is
        busy with another process's job. Returns the jobs it ran, in order. (A command line
        runs its own jobs by RunId instead: cli.queue_run.)"""
        ran: list[st.Job] = []
        while stop is None or not stop.is_set():
            job = self.store.claim_next(owner=self.owner, device=device, triggers=triggers)
            if job is None:
                break
            ran.append(self.run(job))
        return ran

    def serve(self, stop: threading.Event, *, device: str | None = None,
              triggers: tuple[str, ...] | None = None, poll: float = 0.5) -> None:
        """Work through the queue until ``stop`` is set (the window's and the server's loop);
        ``triggers``: only jobs submitted that way (the server takes "API" jobs, the window
        "Window" jobs; a command line runs its own by RunId)."""
        self.recover()
        while not stop.is_set():
            ran = self.drain(device=device, triggers=triggers, stop=stop)
            if not ran:
                stop.wait(poll)


def default_db() -> Path:
    from stemline.core.settings import data_dir

    return Path(os.environ.get("STEMLINE_JOBS_DB") or data_dir() / "jobs.db")
