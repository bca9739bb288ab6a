"""The made-from-scratch project the export tests render (tests/jobs/projects.py), saved once per
test module and loaded fresh for each test (tests edit it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from stemline.core.serialization import load_project, save_project
from tests.jobs.projects import make_project


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-src")
    save_project(make_project(folder), folder / "p.stemline")
    return folder


@pytest.fixture
def project(project_dir: Path):  # type: ignore[no-untyped-def]
    return load_project(project_dir / "p.stemline")
