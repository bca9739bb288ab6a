"""Exporting from the editor: the same :func:`~stemline.jobs.export.export_project` as
``stemline export``, on a snapshot of the project taken when the user asked, in a worker with
progress and Cancel."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from stemline.core.project import Project
from stemline.core.serialization import project_from_dict, project_to_dict
from stemline.workers.base import Worker


def snapshot(project: Project) -> Project:
    """An independent copy: edits made while the export runs don't reach it."""
    base = Path("/")
    return project_from_dict(project_to_dict(project, base), base)


class ExportWorker(Worker):
    """Write every deliverable of ``request`` (an :class:`~stemline.jobs.export.ExportRequest`)."""

    title = "Exporting"

    def __init__(self, project: Project, request: Any) -> None:
        super().__init__()
        self.project, self.request = snapshot(project), request

    def work(self) -> Any:
        from stemline.jobs.export import export_project

        self.request.validate()
        return export_project(self.project, self.request, progress=self.report,
                              cancel=self.cancel_token)


def request(**fields: Any) -> Any:
    """An :class:`~stemline.jobs.export.ExportRequest` (the window doesn't import jobs)."""
    from stemline.jobs.export import ExportRequest

    return ExportRequest(**fields)


def loudness_targets() -> dict[str, float]:
    from stemline.jobs.export import LOUDNESS_TARGETS

    return dict(LOUDNESS_TARGETS)
