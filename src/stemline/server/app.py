"""The HTTP API: the cloud's actions and shapes, so code written for the cloud AudioExtract task
runs against this machine by changing the base URL.

    POST /?Action=StartExecution&Version=2025-01-01   {"Input": ..., "Operation": ...} -> RunId
    GET  /?Action=GetExecution&Version=2025-01-01&RunId=...                            -> execution
    POST /?Action=CancelExecution&Version=2025-01-01&RunId=...
    GET  /<RunId>/<file>                                        the stems and result.json

Jobs go into the same persistent queue as the command line's and the window's; a thread of this
process works through it, one job at a time on the device.
"""
from __future__ import annotations

import hmac
import json
import os
import re
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from stemline.jobs.result import new_run_id
from stemline.jobs.runner import JobRunner, SeparatorCache, execution_view
from stemline.jobs.store import JobNotFound, JobStore
from stemline.server.config import ServerConfig
from stemline.server.responses import ApiError, error, ok

_RUN_ID = re.compile(r"^[0-9a-f]{32}$")
_SERVED = re.compile(r"^(voice|background)\.[a-z0-9]{2,4}$|^result\.json$")
_CHUNK = 1 << 20


class QueueThread:
    """Runs the queue in the background while the server answers requests."""

    def __init__(self, runner: JobRunner, device: str) -> None:
        self.runner, self.device = runner, device
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="stemline-queue", daemon=True)

    def _run(self) -> None:
        self.runner.serve(self.stop, device=self.device, triggers=("API",), poll=0.2)

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.runner.cancel_current()
        self.thread.join(timeout=30)


def create_app(config: ServerConfig, store: JobStore, *,
               separators: SeparatorCache | None = None) -> FastAPI:
    """The ASGI app; the queue thread starts with the app's lifespan and stops with it."""
    separators = separators or SeparatorCache()
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Load the model before answering: the first job doesn't pay for it, and the device
        # the queue runs on ("auto" resolved) is known.
        separator = separators.get(config.model, config.device, config.model_dir)
        state["device"] = separator.device
        runner = JobRunner(store, separators=separators, callback_urls=config.callback_urls,
                           owner=None)
        queue = QueueThread(runner, separator.device)
        state["queue"] = queue
        queue.start()
        try:
            yield
        finally:
            queue.close()

    app = FastAPI(title="Stemline local AudioExtract API", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def check_token(request: Request, call_next: Any) -> Response:
        if config.token:
            given = (request.headers.get("x-stemline-token")
                     or request.query_params.get("Token") or "")
            auth = request.headers.get("authorization", "")
            if auth.lower().startswith("bearer "):
                given = auth[7:].strip()
            if not hmac.compare_digest(given.encode(), config.token.encode()):
                return error(request.query_params.get("Action"), request.query_params.get("Version"),
                             ApiError(401, "InvalidAuthorization",
                                      "missing or wrong token (Authorization: Bearer <token>)"))
        return await call_next(request)

    @app.api_route("/", methods=["GET", "POST"])
    async def action(request: Request) -> Response:
        q = request.query_params
        name, version = q.get("Action"), q.get("Version")
        try:
            if name == "StartExecution":
                if request.method != "POST":
                    raise ApiError(405, "InvalidParameter", "StartExecution takes a POST")
                return ok(name, version, await _start(request))
            if name == "GetExecution":
                run_id = await _run_id(request)
                return ok(name, version, execution_view(_job(run_id), file_prefix=run_id))
            if name == "CancelExecution":
                job = store.cancel(_job(await _run_id(request)).run_id)
                return ok(name, version, {"RunId": job.run_id, "Status": job.status})
            raise ApiError(400, "InvalidAction", f"unknown Action {name!r} (StartExecution, "
                                                 "GetExecution, CancelExecution)")
        except ApiError as exc:
            return error(name, version, exc)

    @app.get("/{run_id}/{name}")
    async def download(run_id: str, name: str) -> Response:
        if not _RUN_ID.match(run_id) or not _SERVED.match(name):
            return error(None, None, ApiError(404, "NotFound", f"no file /{run_id}/{name}"))
        path = config.output_root / run_id / name
        if not path.is_file():
            return error(None, None, ApiError(404, "NotFound", f"no file /{run_id}/{name}"))
        return FileResponse(path, filename=name)

    def _job(run_id: str) -> Any:
        try:
            return store.get(run_id)
        except JobNotFound:
            raise ApiError(404, "InvalidParameter.RunId", f"no execution with RunId {run_id!r}") \
                from None

    async def _run_id(request: Request) -> str:
        rid = request.query_params.get("RunId")
        if not rid and request.method == "POST":
            body = await _json(request)
            rid = body.get("RunId") if isinstance(body, dict) else None
        if not rid:
            raise ApiError(400, "MissingParameter.RunId", "RunId is required")
        return str(rid)

    async def _start(request: Request) -> dict[str, Any]:
        ctype = request.headers.get("content-type", "")
        run_id = new_run_id()
        if ctype.startswith("multipart/form-data") or ctype.startswith("application/octet-stream"):
            body, source = await _upload(request, run_id, ctype)
        else:
            body = await _json(request)
            source = None
        if not isinstance(body, dict):
            raise ApiError(400, "InvalidParameter", "the request body must be a JSON object")
        op = body.get("Operation") or {}
        task = op.get("Task") or {}
        if op.get("Type", "Task") != "Task" or task.get("Type") != "AudioExtract":
            raise ApiError(400, "InvalidParameter.Operation",
                           "only Operation.Type=Task with Task.Type=AudioExtract is served here")
        if source is None:
            source = _input_path(body.get("Input") or {})
        control = body.get("Control") or {}
        urls = [u for u in (control.get("CallbackUrl"),) if u]
        job = store.submit("separate", source, config.output_root / run_id, run_id=run_id,
                           options={"model": config.model, "device": config.device,
                                    "model_dir": config.model_dir, "format": config.format,
                                    "client_token": control.get("ClientToken"),
                                    "callback_args": control.get("CallbackArgs")},
                           notify={"urls": urls}, trigger="API", device=state["device"])
        return {"RunId": job.run_id}

    def _input_path(inp: dict[str, Any]) -> Path:
        if inp.get("Type", "DirectUrl") != "DirectUrl":
            raise ApiError(400, "InvalidParameter.Input",
                           "Input.Type must be DirectUrl (a path) or the file must be uploaded")
        name = (inp.get("DirectUrl") or {}).get("FileName")
        if not name or not isinstance(name, str):
            raise ApiError(400, "MissingParameter.FileName", "Input.DirectUrl.FileName is required")
        if "://" in name:
            raise ApiError(400, "InvalidParameter.FileName",
                           "FileName must be a path on this machine (nothing is downloaded)")
        real = config.allowed_input(name)
        if real is None:
            raise ApiError(403, "AccessDenied.FileName",
                           f"{name}: not inside a folder this server was given with --allow-dir")
        if not real.is_file():
            raise ApiError(404, "InvalidParameter.FileName", f"{name}: no such file")
        return real

    async def _upload(request: Request, run_id: str, ctype: str) -> tuple[dict[str, Any], Path]:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > config.max_upload_bytes + (1 << 16):
            raise ApiError(413, "InvalidParameter.FileSize",
                           f"upload over the limit of {config.max_upload_bytes} bytes")
        folder = config.upload_dir / run_id
        folder.mkdir(parents=True, exist_ok=True)
        if ctype.startswith("application/octet-stream"):
            name = _safe_name(request.query_params.get("FileName") or "upload.bin")
            dest = folder / name
            await _copy(request.stream(), dest)
            params = request.query_params.get("Params")
            body = json.loads(params) if params else {}
        else:
            form = await request.form(max_files=1, max_fields=8)
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ApiError(400, "MissingParameter.File", "multipart upload needs a 'file' field")
            dest = folder / _safe_name(upload.filename or "upload.bin")

            async def chunks() -> AsyncIterator[bytes]:
                while data := await upload.read(_CHUNK):
                    yield data
            await _copy(chunks(), dest)
            params = form.get("Params")
            body = json.loads(params) if isinstance(params, str) and params else {}
        body.setdefault("Operation", {"Type": "Task", "Task": {"Type": "AudioExtract",
                                                               "AudioExtract": {"Voice": True}}})
        return body, dest

    async def _copy(chunks: AsyncIterator[bytes], dest: Path) -> None:
        """Stream to a temporary name, counting; over the limit, nothing is kept."""
        tmp = dest.with_name(f".{dest.name}.part")
        size = 0
        try:
            with open(tmp, "wb") as fh:
                async for data in chunks:
                    size += len(data)
                    if size > config.max_upload_bytes:
                        raise ApiError(413, "InvalidParameter.FileSize",
                                       f"upload over the limit of {config.max_upload_bytes} bytes")
                    fh.write(data)
            os.replace(tmp, dest)
        finally:
            tmp.unlink(missing_ok=True)
            if not dest.exists():
                try:
                    dest.parent.rmdir()
                except OSError:
                    pass

    return app


def _safe_name(name: str) -> str:
    """A plain file name from whatever the client sent (no folders, no hidden files)."""
    base = os.path.basename(name.replace("\\", "/")).strip().lstrip(".")
    base = re.sub(r"[^\w.\- ]", "_", base)[:120]
    return base or "upload.bin"


async def _json(request: Request) -> Any:
    raw = await request.body()
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise ApiError(400, "InvalidParameter", "the request body is not valid JSON") from None
