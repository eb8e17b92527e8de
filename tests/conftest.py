"""Shared test helpers.

External readers (pandoc, LibreOffice, pdftotext) check the files we write.
Outside CI a missing reader skips its tests with the reason; under ``CI=true``
a missing reader is a failure, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest


def require_tool(*names: str) -> str:
    """Return the path of the first of ``names`` on PATH, or skip/fail."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    missing(f"{' or '.join(names)} is not installed")


def missing(message: str) -> NoReturn:
    """Skip the test for a missing tool, or fail it under CI."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI must install it (see .ci/run)")
    pytest.skip(message)


ROOT = Path(__file__).parent.parent


def golden_case(folder: Path) -> Path:
    """The case of a golden folder under ``tests/cases/``: its own ``case.yaml``,
    else the real letter ``examples/<name>/<name>.yaml``, else ``cases/<name>.yaml``."""
    for candidate in (
        folder / "case.yaml",
        ROOT / "examples" / folder.name / f"{folder.name}.yaml",
    ):
        if candidate.exists():
            return candidate
    return ROOT / "cases" / f"{folder.name}.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden letters under tests/cases/ from the current output",
    )
