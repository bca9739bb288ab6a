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
