"""Whole letters compared with golden files.

Each folder under ``tests/cases/`` holds the expected ``letter.md``,
``letter.txt`` and ``letter.html`` of one case: its own ``case.yaml``, or else
the real letter ``examples/<folder name>/<folder name>.yaml``, or else the campaign's
``cases/<folder name>.yaml``. After an intended change of
output, regenerate them with ``pytest tests/test_golden.py --update-golden``
and review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import golden_case

import appeal

GOLDEN = Path(__file__).parent / "cases"
FORMATS = ("md", "txt", "html")


@pytest.mark.parametrize(
    "folder", sorted(p for p in GOLDEN.iterdir() if p.is_dir()), ids=lambda p: p.name
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_matches_golden(folder: Path, fmt: str, request: pytest.FixtureRequest) -> None:
    case = appeal.load_case(golden_case(folder))
    rendered = appeal.render(case, fmt)
    expected = folder / f"letter.{fmt}"
    if request.config.getoption("--update-golden"):
        expected.write_text(rendered, encoding="utf-8")
    assert expected.exists(), f"no golden file {expected}; run pytest --update-golden"
    assert rendered == expected.read_text(encoding="utf-8")
