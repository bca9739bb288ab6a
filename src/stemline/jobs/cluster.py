"""The queue dispatched to a Ray cluster: one long-lived actor per CPU slot (or GPU) holds a loaded
model and takes jobs; a worker that dies has its job retried on another.

Inputs and outputs travel by path, so on a real cluster they live on storage every node mounts
at the same place. The queue stays in this process's SQLite file: actors never touch it; the
dispatcher records their progress, polled from each actor's second (control) thread.

Ray is an optional extra (``pip install 'stemline[cluster]'``) and is imported only here.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from stemline.core.errors import StemlineError
from stemline.jobs import store as st
from stemline.jobs.notify import Notifier
from stemline.jobs.runner import RUNNABLE, clear_partials, notify_end

#: A job whose worker died this many times fails instead of being retried again.
MAX_WORKER_DEATHS = 3


class SeparationActor:
    """Runs inside a Ray worker process: loads the model once, then separates job after job."""

    def __init__(self, model: str, device: str, model_dir: str | None, threads: int,
                 params: dict[str, str] | None = None, ensemble_mode: str = "wave") -> None:
        import os

        from stemline.core.progress import CancelToken
        from stemline.engine.device import limit_threads
        from stemline.engine.separation.registry import load_separator

        limit_threads(threads)
        self.separator = load_separator(model, device=device,
                                        model_dir=Path(model_dir) if model_dir else None,
                                        params=params, ensemble_mode=ensemble_mode)
        self.pid = os.getpid()
        self._progress = ("", 0.0, "")
        self._token = CancelToken()
        self._token_cls = CancelToken

    def info(self) -> dict[str, Any]:
        return {"pid": self.pid, "device": self.separator.device}

    def progress(self) -> tuple[str, float, str]:
        """(stage, fraction, run_id) of the job in hand; answered while :meth:`run` works."""
        return self._progress

    def cancel(self) -> None:
        self._token.cancel()

    def run(self, run_id: str, input_path: str, output_dir: str, options: dict[str, Any]) -> dict:
        from stemline.core.errors import Cancelled
        from stemline.jobs.extract import run_extract

        self._token = self._token_cls()
        self._progress = ("separate", 0.0, run_id)

        def report(p: Any) -> None:
            self._progress = (p.stage, p.fraction, run_id)
        try:
            return run_extract(Path(input_path), Path(output_dir), self.separator,
                               fmt=options.get("format", "aac"),
                               bit_depth=int(options.get("bit_depth", 16)),
                               audio_stream=options.get("audio_stream"), progress=report,
                               cancel=self._token, run_id=run_id)
        except Cancelled:
            return {"RunId": run_id, "Status": st.TERMINATED,
                    "Error": {"Code": "Cancelled", "Message": "cancelled by the user"}}
        finally:
            self._progress = ("", 0.0, "")


class RayDispatcher:
    """Runs queued jobs on Ray actors.

    Parameters
    ----------
    address : ``"local"`` (or ``"auto"``) starts a Ray instance on this machine; ``ray://host:10001``
        joins a running cluster.
    actors : how many (default: one per CPU slot, or per GPU with ``gpus_per_actor``).
    cpus_per_actor, gpus_per_actor : what each actor reserves; torch in an actor uses that many
        threads.
    num_cpus : for a local instance, the CPUs Ray may use (default: all).
    """

    def __init__(self, store: st.JobStore, *, address: str = "local", actors: int | None = None,
                 model: str = "spleeter", device: str = "cpu", model_dir: str | None = None,
                 model_params: dict[str, str] | None = None, ensemble_mode: str = "wave",
                 cpus_per_actor: float = 1.0, gpus_per_actor: float = 0.0,
                 num_cpus: int | None = None, notifier: Notifier | None = None,
                 callback_urls: tuple[str, ...] = (), poll: float = 0.25) -> None:
        try:
            import ray
        except ImportError:
            raise StemlineError("the cluster needs Ray: pip install 'stemline[cluster]'") from None
        self.ray = ray
        self.store = store
        self.notifier = notifier or Notifier()
        self.callback_urls = tuple(callback_urls)
        self.poll = poll
        self.owner = st.this_owner()
        if not ray.is_initialized():
            if address in ("local", "auto"):
                ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
            else:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
        self.actor_cls = ray.remote(num_cpus=cpus_per_actor, num_gpus=gpus_per_actor,
                                    max_concurrency=2, max_restarts=0)(SeparationActor)
        total = ray.cluster_resources()
        if actors is None:
            slots = (total.get("GPU", 0) / gpus_per_actor if gpus_per_actor
                     else total.get("CPU", 1) / cpus_per_actor)
            actors = max(1, int(slots))
        self._spec = (model, "cuda" if gpus_per_actor else device, model_dir,
                      max(1, int(cpus_per_actor)), model_params, ensemble_mode)
        self.actors = [self._new_actor() for _ in range(actors)]
        ray.get([a.info.remote() for a in self.actors])   # models loaded before any job
        self.deaths: dict[str, int] = {}
        self.stopped = threading.Event()

    def _new_actor(self) -> Any:
        return self.actor_cls.remote(*self._spec)

    def run(self, run_ids: list[str] | None = None) -> list[st.Job]:
        """Dispatch pending jobs (``run_ids`` when given) until none is pending or running here.
        Returns the ended jobs in the order they ended."""
        ray = self.ray
        from ray.exceptions import RayActorError

        ended: list[st.Job] = []
        idle = list(self.actors)
        flight: dict[Any, tuple[Any, st.Job]] = {}
        while not self.stopped.is_set():
            while idle:
                job = self.store.claim_next(owner=self.owner, run_ids=run_ids)
                if job is None:
                    break
                if job.kind not in RUNNABLE:
                    ended.append(self._end(self.store.finish(
                        job.run_id, st.FAILED, error_code="InternalError",
                        error_message=f"jobs of kind {job.kind!r} are not run by the queue yet")))
                    continue
                actor = idle.pop(0)
                ref = actor.run.remote(job.run_id, job.input, job.output_dir, job.options)
                flight[ref] = (actor, job)
            if not flight:
                break
            done, _ = ray.wait(list(flight), num_returns=1, timeout=self.poll)
            for ref in done:
                actor, job = flight.pop(ref)
                try:
                    record = ray.get(ref)
                except RayActorError:
                    ended += self._worker_died(job)
                    replacement = self._replace(actor)
                    if replacement is not None:
                        idle.append(replacement)
                    continue
                idle.append(actor)
                ended.append(self._record(job, record))
            self._report(flight)
        return ended

    def _record(self, job: st.Job, record: dict[str, Any]) -> st.Job:
        status = record.get("Status")
        if status == st.SUCCESS:
            return self._end(self.store.finish(job.run_id, st.SUCCESS, record))
        err = record.get("Error", {})
        final = self.store.finish(job.run_id, st.TERMINATED if status == st.TERMINATED else
                                  st.FAILED, record if status != st.TERMINATED else None,
                                  error_code=err.get("Code"), error_message=err.get("Message"))
        clear_partials(final)
        return self._end(final)

    def _worker_died(self, job: st.Job) -> list[st.Job]:
        clear_partials(self.store.get(job.run_id))
        n = self.deaths[job.run_id] = self.deaths.get(job.run_id, 0) + 1
        if n >= MAX_WORKER_DEATHS:
            return [self._end(self.store.finish(
                job.run_id, st.FAILED, error_code="WorkerDied",
                error_message=f"{job.input}: the worker running it died {n} times"))]
        self.store.requeue(job.run_id)     # another actor takes it on the next round
        return []

    def _replace(self, dead: Any) -> Any | None:
        """A fresh actor in the dead one's place, when the cluster still has room for it."""
        self.actors = [a for a in self.actors if a is not dead]
        try:
            actor = self._new_actor()
            self.ray.get(actor.info.remote(), timeout=120)
        except Exception:  # no resources left, or the node is gone: carry on with the others
            return None
        self.actors.append(actor)
        return actor

    def _report(self, flight: dict[Any, tuple[Any, st.Job]]) -> None:
        """Progress and heartbeats into the store; a cancel asked there reaches the actor."""
        for actor, job in list(flight.values()):
            try:
                stage, fraction, rid = self.ray.get(actor.progress.remote(), timeout=5)
            except Exception:  # the actor is dying: its ref will say so
                continue
            if rid == job.run_id and self.store.report(job.run_id, stage, fraction):
                actor.cancel.remote()

    def _end(self, job: st.Job) -> st.Job:
        notify_end(self.notifier, self.callback_urls, job)
        return job

    def shutdown(self) -> None:
        self.stopped.set()
        for a in self.actors:
            self.ray.kill(a)
        self.actors = []
