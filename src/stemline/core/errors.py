"""Domain exceptions. Messages are one line a user can act on, and name the file when there is one."""
from __future__ import annotations


class StemlineError(Exception):
    """Base of every error Stemline reports to a user. ``code`` goes into result.json."""

    code = "InternalError"


class MediaError(StemlineError):
    """A file can't be opened, decoded or has no usable audio."""

    code = "InvalidMedia"


class OutputError(StemlineError):
    """An output can't be written (refused path, disk full, unsupported format)."""

    code = "OutputError"


class ModelUnavailable(StemlineError):
    """A separation or generation model isn't installed here; the message says how to get it."""

    code = "ModelUnavailable"


class Cancelled(StemlineError):
    """The user cancelled; raised between chunks so nothing half-done is kept."""

    code = "Cancelled"
