"""`stemline serve` driven by plain HTTP requests, written the way the cloud API's examples are:
StartExecution -> RunId -> GetExecution -> download both files. A real server process on
127.0.0.1, a real receiver for completion events, real files."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import av
import pytest
import soundfile as sf

from stemline.demo.synth import mixture
from tests.jobs.receiver import Receiver
from tests.media.makers import Spec, write_media

VERSION = "2025-01-01"


class Server:
    def __init__(self, tmp: Path, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "stemline", "serve", "--port", "0", "--db", str(tmp / "jobs.db"),
             "--output-dir", str(tmp / "served"), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"})
        first = self.proc.stdout.readline()
        assert first.startswith("Stemline API on http://"), first + self.proc.stderr.read()
        self.base = first.split()[3].rstrip("/")
        self.token = None
        line = self.proc.stdout.readline()
        assert line.startswith("token: "), line
        if not line.startswith("token: not required"):
            self.token = line.split()[1]
        self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.base}/?Action=GetExecution&Version={VERSION}",
                                       timeout=2)
            except urllib.error.HTTPError:
                return          # an API error answer: the server is up
            except OSError:
                time.sleep(0.2)
        raise AssertionError("server did not come up")

    def call(self, method: str, query: str, body: bytes | None = None,
             headers: dict | None = None) -> tuple[int, dict]:
        req = urllib.request.Request(f"{self.base}/?{query}", data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_body(file_name: str) -> bytes:
    return json.dumps({
        "Input": {"Type": "DirectUrl", "DirectUrl": {"FileName": file_name}},
        "Operation": {"Type": "Task", "Task": {"Type": "AudioExtract",
                                               "AudioExtract": {"Voice": True}}},
    }).encode()


def wait_done(server: Server, run_id: str, headers: dict | None = None) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status, body = server.call("GET", f"Action=GetExecution&Version={VERSION}&RunId={run_id}",
                                   headers=headers)
        assert status == 200, body
        if body["Result"]["Status"] not in ("PendingStart", "Running"):
            return body["Result"]
        time.sleep(0.2)
    raise AssertionError("job did not end")


def duration_of(data: bytes) -> float:
    with av.open(io.BytesIO(data)) as c:
        frames = sum(f.samples for f in c.decode(audio=0))
        return frames / c.streams.audio[0].sample_rate


@pytest.fixture(scope="module")
def allowed(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("media")
    write_media(d / "talk.mp4", Spec("mp4", "mp4", "mp4", "aac", 44100, video_codec="h264"), 3.0,
                signal=mixture(3.0, seed=4)[0])
    return d


@pytest.fixture(scope="module")
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, allowed, receiver):
    s = Server(tmp_path_factory.mktemp("srv"), "--allow-dir", str(allowed),
               "--callback-url", receiver.url)
    yield s
    s.close()


def test_start_get_download_as_the_cloud_examples_do(server, allowed, receiver):
    request = json.loads(start_body(str(allowed / "talk.mp4")))
    request["Control"] = {"ClientToken": "abc-123", "CallbackArgs": "batch=7"}
    status, body = server.call("POST", f"Action=StartExecution&Version={VERSION}",
                               json.dumps(request).encode(),
                               {"Content-Type": "application/json"})
    assert status == 200, body
    assert body["ResponseMetadata"]["Action"] == "StartExecution"
    run_id = body["Result"]["RunId"]
    result = wait_done(server, run_id)
    assert result["Status"] == "Success" and result["RunId"] == run_id
    assert result["Control"] == {"ClientToken": "abc-123", "CallbackArgs": "batch=7"}
    task = result["Output"]["Task"]["AudioExtract"]
    assert task["Duration"] == pytest.approx(3.0, abs=0.03)
    for stem in ("Voice", "Background"):
        with urllib.request.urlopen(f"{server.base}/{task[stem]['FileName']}") as resp:
            data = resp.read()
        assert len(data) == int(task[stem]["Size"])
        assert duration_of(data) == pytest.approx(task["Duration"], abs=0.03)
    events = receiver.wait_for(1)
    event = next(e for e in events if e["RunId"] == run_id)
    assert event["EventType"] == "EventTypeExecutionComplete" and event["Status"] == "Success"


def test_uploads_multipart_and_raw(server, allowed):
    data = (allowed / "talk.mp4").read_bytes()
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../up.mp4\""
            f"\r\nContent-Type: video/mp4\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    status, resp = server.call("POST", f"Action=StartExecution&Version={VERSION}", body,
                               {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status == 200, resp
    result = wait_done(server, resp["Result"]["RunId"])
    assert result["Status"] == "Success"
    assert Path(result["Input"]["DirectUrl"]["FileName"]).name == "up.mp4"   # no ../ kept
    status, resp = server.call("POST", f"Action=StartExecution&Version={VERSION}&FileName=raw.mp4",
                               data, {"Content-Type": "application/octet-stream"})
    assert status == 200 and wait_done(server, resp["Result"]["RunId"])["Status"] == "Success"


def test_path_escapes_and_bad_requests_get_the_cloud_error_shape(server, allowed, tmp_path):
    outside = tmp_path / "secret.wav"
    sf.write(outside, mixture(1.0, seed=1)[0], 44100)
    link = allowed / "link.wav"
    link.symlink_to(outside)
    cases = [
        (start_body(f"{allowed}/../{tmp_path.name}/secret.wav"), 403, "AccessDenied.FileName"),
        (start_body(str(link)), 403, "AccessDenied.FileName"),
        (start_body(str(outside)), 403, "AccessDenied.FileName"),
        (start_body("https://example.com/a.mp4"), 400, "InvalidParameter.FileName"),
        (start_body(str(allowed / "missing.mp4")), 404, "InvalidParameter.FileName"),
        (b"{not json", 400, "InvalidParameter"),
        (json.dumps({"Input": {"Type": "DirectUrl", "DirectUrl": {"FileName": str(allowed / "talk.mp4")}},
                     "Operation": {"Type": "Task", "Task": {"Type": "Transcode"}}}).encode(),
         400, "InvalidParameter.Operation"),
    ]
    for body, code, err in cases:
        status, resp = server.call("POST", f"Action=StartExecution&Version={VERSION}", body,
                                   {"Content-Type": "application/json"})
        assert (status, resp["ResponseMetadata"]["Error"]["Code"]) == (code, err), resp
        assert "Result" not in resp
    status, resp = server.call("GET", f"Action=GetExecution&Version={VERSION}&RunId=" + "0" * 32)
    assert status == 404 and resp["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter.RunId"
    status, resp = server.call("GET", f"Action=Nope&Version={VERSION}")
    assert status == 400 and resp["ResponseMetadata"]["Error"]["Code"] == "InvalidAction"
    for path in ("/..%2Fjobs.db", "/" + "0" * 32 + "/..%2F..%2Fjobs.db", "/uploads/x"):
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(server.base + path)
        assert exc.value.code == 404


def test_a_failed_job_reports_its_error_and_can_be_cancelled_or_not(server, allowed):
    bad = allowed / "broken.mp4"
    bad.write_bytes((allowed / "talk.mp4").read_bytes()[:3000])
    status, resp = server.call("POST", f"Action=StartExecution&Version={VERSION}",
                               start_body(str(bad)), {"Content-Type": "application/json"})
    result = wait_done(server, resp["Result"]["RunId"])
    assert result["Status"] == "Failed" and result["Error"]["Code"] == "InvalidMedia"
    assert "broken.mp4" in result["Error"]["Message"]


def test_token_required_beyond_loopback_and_uploads_limited(tmp_path, allowed):
    s = Server(tmp_path, "--host", "0.0.0.0", "--max-upload-mb", "0.01")
    try:
        assert s.token and len(s.token) >= 24
        s.base = s.base.replace("0.0.0.0", "127.0.0.1")
        q = f"Action=StartExecution&Version={VERSION}&FileName=a.mp4"
        data = (allowed / "talk.mp4").read_bytes()
        status, resp = s.call("POST", q, data, {"Content-Type": "application/octet-stream"})
        assert status == 401 and resp["ResponseMetadata"]["Error"]["Code"] == "InvalidAuthorization"
        status, resp = s.call("POST", q, data, {"Content-Type": "application/octet-stream",
                                                "Authorization": "Bearer wrong"})
        assert status == 401
        status, resp = s.call("POST", q, data, {"Content-Type": "application/octet-stream",
                                                "Authorization": f"Bearer {s.token}"})
        assert status == 413 and resp["ResponseMetadata"]["Error"]["Code"] == "InvalidParameter.FileSize"
        assert not any(p.is_file() for p in (tmp_path / "served").rglob("*"))
        status, resp = s.call("POST", f"Action=StartExecution&Version={VERSION}",
                              start_body(str(allowed / "talk.mp4")),
                              {"Content-Type": "application/json", "Authorization": f"Bearer {s.token}"})
        assert status == 403   # no --allow-dir: inputs by path are refused
    finally:
        s.close()
