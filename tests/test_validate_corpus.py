"""The known-bad case files under tests/bad-cases/ all fail; the campaign's cases pass.

Each bad file says in its header comment what is wrong and, on ``# expect:``
lines, every problem it must produce as ``rule line:col``; where it also has
``# says:`` lines, they are the messages of those problems, word for word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from appeal.validation import validate_paths

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "bad-cases"
BAD_FILES = sorted(BAD.rglob("*.yaml"))
_EXPECT = re.compile(rb"^# expect: ([a-z0-9-]+) (\d+):(\d+)$", re.MULTILINE)
_SAYS = re.compile(r"^# says: (.+)$", re.MULTILINE)


def expected(path: Path) -> list[tuple[str, int, int]]:
    return [(r.decode(), int(a), int(b)) for r, a, b in _EXPECT.findall(path.read_bytes())]


def test_the_corpus_is_there() -> None:
    assert len(BAD_FILES) >= 20


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: str(p.relative_to(BAD)))
def test_bad_case_fails_with_the_problems_its_header_names(path: Path) -> None:
    want = expected(path)
    assert want, f"{path.name} has no '# expect: rule line:col' line"
    problems = validate_paths([path]).problems
    assert [(p.rule, p.line, p.col) for p in problems] == want
    says = _SAYS.findall(path.read_bytes().decode("utf-8", errors="replace"))
    if says:
        assert [p.message for p in problems] == says
    assert all(Path(p.file).resolve() == path.resolve() for p in problems)


def test_every_campaign_case_passes_without_a_warning() -> None:
    report = validate_paths([ROOT / "cases", ROOT / "signatories.yaml"])
    assert report.files >= 2
    assert report.problems == []
