"""``stemline jobs``: the persistent queue from the command line (list, show, cancel, retry, run)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("jobs", help="list, inspect, cancel and retry queued jobs",
                       description="The job queue shared by the command line, the window and "
                                   "`stemline serve`.")
    p.add_argument("--db", type=Path, default=None,
                   help="job database (default: $STEMLINE_JOBS_DB or ~/.local/share/stemline/jobs.db)")
    jobs = p.add_subparsers(dest="jobs_command", metavar="ACTION", required=True)
    ls = jobs.add_parser("list", help="one line per job, newest first")
    ls.add_argument("--status", default=None,
                    choices=("PendingStart", "Running", "Success", "Failed", "Terminated"))
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--json", action="store_true")
    show = jobs.add_parser("show", help="one job as GetExecution returns it (JSON)")
    show.add_argument("run_id", metavar="RUNID")
    cancel = jobs.add_parser("cancel", help="terminate a pending job, or stop a running one")
    cancel.add_argument("run_id", metavar="RUNID")
    retry = jobs.add_parser("retry", help="queue a failed or terminated job again and run it")
    retry.add_argument("run_id", metavar="RUNID")
    retry.add_argument("--queue-only", action="store_true",
                       help="only queue it (a running window or server picks it up)")
    retry.add_argument("--quiet", action="store_true")
    run = jobs.add_parser("run", help="run every pending job (those a stopped process left)")
    run.add_argument("--quiet", action="store_true")
    p.set_defaults(func=main)


def _line(job) -> str:
    elapsed = f"{job.elapsed:6.1f}s" if job.started else "      -"
    pct = f"{100 * job.progress:5.1f}%"
    created = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(job.created))
    return (f"{job.run_id}  {job.kind:<8} {job.status:<12} {pct} {elapsed}  {created}  "
            f"{job.input}")


def main(args: argparse.Namespace) -> int:
    from stemline.cli.queue_run import open_store, run_in_foreground
    from stemline.core.errors import Cancelled, StemlineError
    from stemline.core.progress import CancelToken
    from stemline.jobs.runner import JobRunner, execution_view

    try:
        store = open_store(args.db)
        if args.jobs_command == "list":
            rows = store.list(status=args.status, limit=args.limit)
            if args.json:
                json.dump([execution_view(j) for j in rows], sys.stdout, indent=2)
                sys.stdout.write("\n")
            else:
                for job in rows:
                    print(_line(job))
            return 0
        if args.jobs_command == "show":
            json.dump(execution_view(store.get(args.run_id)), sys.stdout, indent=2)
            sys.stdout.write("\n")
            return 0
        if args.jobs_command == "cancel":
            job = store.cancel(args.run_id)
            print(f"{job.run_id}: {'stop requested' if job.status == 'Running' else job.status}")
            return 0
        runner = JobRunner(store)
        runner.recover()
        if args.jobs_command == "retry":
            job = store.retry(args.run_id)
            if args.queue_only:
                print(f"{job.run_id}: {job.status}")
                return 0
            run_ids = [job.run_id]
        else:
            run_ids = [j.run_id for j in reversed(store.list(status="PendingStart"))]
            if not run_ids:
                print("nothing pending")
                return 0
        cancel = CancelToken()
        finals = []
        try:
            for rid in run_ids:  # each job on the device it was queued for
                finals += run_in_foreground(runner, [rid], store.get(rid).device,
                                            quiet=args.quiet, cancel=cancel)
        except (KeyboardInterrupt, Cancelled):
            print("stemline: cancelled; no partial outputs were kept", file=sys.stderr)
            return 130
        finally:
            runner.notifier.flush(timeout=60)
        for job in finals:
            print(f"{job.run_id}: {job.status}" + (f" ({job.error_message})"
                                                    if job.error_message else ""))
        return 0 if all(j.status == "Success" for j in finals) else 1
    except StemlineError as exc:
        print(f"stemline: {exc}", file=sys.stderr)
        return 2
