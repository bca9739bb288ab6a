"""The queue on a real local Ray instance (2 CPUs): a batch spread over two actors, one actor
killed mid-job; every job still ends Success, no output lost or duplicated."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from stemline.jobs import store as st
from stemline.jobs.result import new_run_id
from tests.jobs.waiting import wait_first_running

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def dispatcher_factory():
    from stemline.jobs.cluster import RayDispatcher
    made = []

    def make(store, **kw):
        d = RayDispatcher(store, num_cpus=2, **kw)
        made.append(d)
        return d
    yield make
    for d in made:
        d.shutdown()
    ray.shutdown()


def test_two_actors_one_killed_mid_job_every_job_succeeds_once(tmp_path, dispatcher_factory):
    store = st.JobStore(tmp_path / "jobs.db")
    rng = np.random.default_rng(3)
    ids = []
    for i in range(4):
        src = tmp_path / "in" / f"take{i}.wav"
        src.parent.mkdir(exist_ok=True)
        # 50 s: two 40-second chunks, so progress shows before the job ends
        sf.write(src, 0.1 * rng.standard_normal((44100 * 50, 2)), 44100)
        ids.append(store.submit("separate", src, tmp_path / "out" / src.stem, run_id=new_run_id(),
                                options={"format": "wav"}, trigger="Cluster").run_id)
    d = dispatcher_factory(store, actors=2)
    pids = {ray.get(a.info.remote())["pid"] for a in d.actors}
    assert len(pids) == 2                        # two processes, each with its model loaded
    killed: list[str] = []

    def kill_first_running():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            running = [j for j in store.list(status=st.RUNNING) if j.progress > 0]
            if running:
                killed.append(running[0].run_id)
                ray.kill(d.actors[0])
                return
            time.sleep(0.05)
    threading.Thread(target=kill_first_running, daemon=True).start()
    ended = d.run(ids)
    assert killed, "no job was seen running"
    assert sorted(j.run_id for j in ended) == sorted(ids)          # each ended exactly once
    assert {store.get(r).status for r in ids} == {st.SUCCESS}
    assert sum(store.get(r).attempts for r in ids) == 5            # one retried after the kill
    for rid in ids:
        job = store.get(rid)
        out = Path(job.output_dir)
        assert sorted(p.name for p in out.iterdir()) == ["background.wav", "result.json", "voice.wav"]
        assert json.loads((out / "result.json").read_text())["RunId"] == rid
        assert sf.info(out / "voice.wav").frames == 44100 * 50


def test_ctrl_c_on_a_cluster_run_keeps_nothing(tmp_path):  # type: ignore[no-untyped-def]
    """Before this, Ctrl-C terminated the running job but left its killed actor's half-written
    files in the output folder, while saying no partial outputs were kept."""
    import os
    import signal
    import subprocess
    import sys

    from tests.cli.test_separate_cli import sigint_default

    src = tmp_path / "long.wav"
    sf.write(src, 0.1 * np.random.default_rng(4).standard_normal((44100 * 120, 2)), 44100)
    db = tmp_path / "jobs.db"
    proc = subprocess.Popen([sys.executable, "-m", "stemline", "separate", str(src), "-o",
                             str(tmp_path / "out"), "--format", "wav", "--db", str(db),
                             "--cluster", "local", "--actors", "1", "--quiet"],
                            env={**os.environ, "PYTHONWARNINGS": "ignore"},
                            stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
    store = st.JobStore(db)
    wait_first_running(store, 180, 0.1)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err[-2000:]
    assert store.list()[0].status == st.TERMINATED
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()], \
        list((tmp_path / "out").rglob("*"))
