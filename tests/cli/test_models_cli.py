"""``stemline models``: list, add, and pull against a real HTTP server on 127.0.0.1 (the test's own)
that honours Range requests and can drop a connection midway or serve corrupted bytes; and a
user's model used by ``stemline separate`` by name, with the model named in result.json."""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

pytest.importorskip("onnxruntime")

from tests.engine.model_files import make_mdx_onnx  # noqa: E402

PAYLOAD = np.random.default_rng(0).bytes(3_000_000)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    drop_first_after: int | None = None   # close the first response after this many bytes
    corrupt = False
    fail = False
    requests: list[str | None]


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802
        srv: _Server = self.server  # type: ignore[assignment]
        srv.requests.append(self.headers.get("Range"))
        if srv.fail:
            self.send_error(503)
            return
        body = bytearray(PAYLOAD)
        if srv.corrupt:
            body[1000] ^= 0xFF
        start = 0
        rng = self.headers.get("Range")
        if rng:
            start = int(rng.split("=")[1].split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        data = bytes(body[start:])
        if srv.drop_first_after is not None and len(srv.requests) == 1:
            self.wfile.write(data[:srv.drop_first_after])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(data)


@pytest.fixture()
def server():
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()


def _env(tmp_path: Path, srv: _Server | None = None, check: str = "sha256") -> dict[str, str]:
    env = dict(os.environ, STEMLINE_MODEL_DIR=str(tmp_path / "models"),
               STEMLINE_JOBS_DB=str(tmp_path / "jobs.db"))
    if srv is not None:
        catalog = tmp_path / "catalog.json"
        url = f"http://127.0.0.1:{srv.server_address[1]}/mirror/studio.onnx"
        catalog.write_text(json.dumps([{
            "name": "studio", "backend": "mdx", "good_for": "our mirror",
            "files": [{"name": "studio.onnx", "url": url,
                       # a sha256 where one is published, else UVR's MD5 of the file's tail
                       **({} if check == "none" else
                          {check: (hashlib.sha256(PAYLOAD) if check == "sha256"
                                   else hashlib.md5(PAYLOAD)).hexdigest()})}]}]))
        env["STEMLINE_MODEL_CATALOG"] = str(catalog)
    return env


def _cli(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "stemline", *args], capture_output=True,
                          text=True, env=env, timeout=timeout)


@pytest.mark.parametrize("check", ["sha256", "uvr_md5", "none"])
def test_pull_downloads_and_verifies(server, tmp_path, check):
    r = _cli(_env(tmp_path, server, check), "models", "pull", "studio", "--quiet")
    assert r.returncode == 0, r.stderr
    said = {"sha256": "sha256 checked", "uvr_md5": "UVR hash checked",
            "none": "UVR's table doesn't know this file"}[check]
    assert said in r.stdout
    assert (tmp_path / "models" / "studio.onnx").read_bytes() == PAYLOAD
    listed = json.loads(_cli(_env(tmp_path, server), "models", "list", "--json").stdout)
    row = next(m for m in listed["models"] if m["name"] == "studio")
    assert row["present"] and row["where"].endswith("studio.onnx")
    assert not next(m for m in listed["models"] if m["name"] == "Kim_Vocal_2")["present"]


def test_interrupted_download_resumes_from_where_it_stopped(server, tmp_path):
    server.drop_first_after = 1_200_000
    r = _cli(_env(tmp_path, server), "models", "pull", "studio", "--quiet")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "models" / "studio.onnx").read_bytes() == PAYLOAD
    assert server.requests[0] is None
    assert server.requests[1] is not None and server.requests[1].startswith("bytes=")
    resumed_at = int(server.requests[1].split("=")[1].rstrip("-"))
    assert 0 < resumed_at <= 1_200_000
    assert not list((tmp_path / "models").glob("*.part"))


@pytest.mark.parametrize("check", ["sha256", "uvr_md5"])
def test_corrupted_download_is_refused_and_removed(server, tmp_path, check):
    server.corrupt = True
    r = _cli(_env(tmp_path, server, check), "models", "pull", "studio", "--quiet")
    assert r.returncode == 2
    assert "the download is corrupted" in r.stderr
    assert ("sha256" if check == "sha256" else "UVR hash") in r.stderr
    assert not (tmp_path / "models" / "studio.onnx").exists()
    assert not list((tmp_path / "models").glob("*"))


def test_server_errors_keep_the_part_to_resume(server, tmp_path):
    server.fail = True
    r = _cli(_env(tmp_path, server), "models", "pull", "studio", "--quiet")
    assert r.returncode == 2 and "interrupted" in r.stderr and "run the same command" in r.stderr
    assert len(server.requests) == 3   # three tries
    assert not (tmp_path / "models" / "studio.onnx").exists()


def test_offline_pull_fails_fast_with_what_to_do(tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    fake = _Server.__new__(_Server)
    fake.server_address = ("127.0.0.1", port)
    env = _env(tmp_path, fake)
    t0 = time.monotonic()
    r = _cli(env, "models", "pull", "studio", "--quiet")
    took = time.monotonic() - t0
    assert r.returncode == 2
    assert f"can't reach 127.0.0.1: download http://127.0.0.1:{port}/mirror/studio.onnx" in r.stderr
    assert str(tmp_path / "models") in r.stderr
    # The whole command, interpreter start included, within 2 s of the probe's budget.
    assert took < 2.0 + 3.0, took


def test_added_model_separates_by_name_and_result_json_says_so(tmp_path):
    onnx = make_mdx_onnx(tmp_path / "karaoke_v1.onnx", dim_f=1024, dim_t=64)
    env = _env(tmp_path)
    r = _cli(env, "models", "add", str(onnx), "--name", "karaoke",
             "--param", "n_fft=2048", "compensate=1.02")
    assert r.returncode == 0, r.stderr
    registry = json.loads((tmp_path / "models" / "models.json").read_text())
    assert registry["karaoke"]["sha256"] == hashlib.sha256(onnx.read_bytes()).hexdigest()
    t = np.arange(44100 * 3) / 44100
    mix = np.stack([np.sin(2 * np.pi * 440 * t), np.sin(2 * np.pi * 660 * t)], 1) * 0.3
    sf.write(tmp_path / "song.wav", mix.astype(np.float32), 44100)
    r = _cli(env, "separate", str(tmp_path / "song.wav"), "-o", str(tmp_path / "out"),
             "--model", "karaoke+spleeter", "--format", "wav", "--quiet")
    assert r.returncode == 0, r.stderr
    rec = json.loads((tmp_path / "out" / "song" / "result.json").read_text())
    assert rec["Model"] == "karaoke+spleeter"
    r = _cli(env, "separate", str(tmp_path / "song.wav"), "-o", str(tmp_path / "out2"),
             "--model", str(onnx), "--quiet")
    assert r.returncode == 2 and "--model-param n_fft=" in r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) == 1
