"""The cloud API's envelopes: ``ResponseMetadata`` around every answer, ``Error`` in it on failure."""
from __future__ import annotations

import uuid
from typing import Any

from fastapi.responses import JSONResponse

from stemline.server.config import API_VERSION


class ApiError(Exception):
    """Raised by a handler; becomes ``{"ResponseMetadata": {..., "Error": {Code, Message}}}``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def metadata(action: str | None, version: str | None) -> dict[str, Any]:
    return {"RequestId": uuid.uuid4().hex, "Action": action or "", "Version": version or API_VERSION,
            "Service": "vod", "Region": "local"}


def ok(action: str, version: str | None, result: dict[str, Any]) -> JSONResponse:
    return JSONResponse({"ResponseMetadata": metadata(action, version), "Result": result})


def error(action: str | None, version: str | None, exc: ApiError) -> JSONResponse:
    meta = metadata(action, version)
    meta["Error"] = {"Code": exc.code, "Message": exc.message}
    return JSONResponse({"ResponseMetadata": meta}, status_code=exc.status)
