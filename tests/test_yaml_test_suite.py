"""YAML's own test suite, fed to appeal: whatever YAML a file holds, the answer
is a letter or a located error, never a crash.

The inputs are those of github.com/yaml/yaml-test-suite (MIT; see
``tests/corpora/yaml-test-suite/``): every input as a case file, and every
valid input as a paragraph of prose and as the subject of an otherwise valid
case. The default run takes a sample; ``pytest -m corpus`` takes them all.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

import appeal
from appeal.rendering import render_formats
from appeal.rules import RULES
from appeal.writers import WriteOptions

CORPUS = Path(__file__).parent / "corpora" / "yaml-test-suite"
INPUTS = sorted(CORPUS.rglob("in.yaml"))
#: Inputs that found a bug, always in the default run.
FOUND = {"DK95-07", "MUS6-00", "MUS6-02", "MUS6-03", "MUS6-04", "Y79Y-010", "K54U", "KH5V-01"}
#: One input in this many is in the default run as well.
STRIDE = 15


def name(path: Path) -> str:
    """The suite's id of an input: ``DK95-07`` for ``DK95/07/in.yaml``."""
    return "-".join(path.parent.relative_to(CORPUS).parts)


def is_valid(path: Path) -> bool:
    """The suite marks an input that is not valid YAML with an ``error`` file."""
    return not (path.parent / "error").exists()


def in_sample(i: int, path: Path) -> bool:
    return i % STRIDE == 0 or name(path) in FOUND


def params(paths: list[Path]) -> list[object]:
    return [
        pytest.param(p, id=name(p), marks=() if in_sample(i, p) else pytest.mark.corpus)
        for i, p in enumerate(paths)
    ]


VALID = [p for p in INPUTS if is_valid(p)]


def a_case(**fields: object) -> str:
    """A valid case file, with ``fields`` replacing its own."""
    case: dict[str, object] = {
        "date": "2020-03-31",
        "subject": "Case of X",
        "recipient": {"name": "Mr. R"},
        "grounds": ["Grounds."],
        "demands": ["Demands."],
        "signatories": [{"name": "Org"}],
        **fields,
    }
    return yaml.safe_dump(case, allow_unicode=True, sort_keys=False)


def letter_or_error(case_file: Path) -> dict[str, bytes] | None:
    """The txt and docx letters of ``case_file``, or None for a located error.

    Validation and loading must agree: a file that validates without error
    makes a letter, one with an error raises a CaseError carrying it.
    """
    problems = appeal.validate(case_file)
    errors = [p for p in problems if p.is_error]
    for problem in problems:
        assert problem.rule in RULES
        assert problem.line >= 1 and problem.col >= 1
    try:
        case = appeal.load_case(case_file)
    except appeal.CaseError as exc:
        assert errors, "load_case refused a file that validates"
        assert {p.rule for p in exc.problems if p.is_error} == {p.rule for p in errors}
        return None
    assert not errors, f"validation found {errors}, yet the case loaded"
    letters = render_formats(case, ["txt", "docx"], options=WriteOptions(width=0))
    docx.Document(io.BytesIO(letters["docx"]))  # it re-opens
    return letters


@pytest.mark.parametrize("path", params(INPUTS))
def test_each_input_as_a_case_file(tmp_path: Path, path: Path) -> None:
    case_file = tmp_path / "case.yaml"
    case_file.write_bytes(path.read_bytes())
    letter_or_error(case_file)


@pytest.mark.parametrize("path", params(VALID))
def test_each_valid_input_as_prose(tmp_path: Path, path: Path) -> None:
    case_file = tmp_path / "case.yaml"
    case_file.write_text(a_case(grounds=[path.read_text("utf-8")]), "utf-8")
    letter_or_error(case_file)


@pytest.mark.parametrize("path", params(VALID))
def test_each_valid_input_as_the_subject(tmp_path: Path, path: Path) -> None:
    subject = path.read_text("utf-8")
    case_file = tmp_path / "case.yaml"
    case_file.write_text(a_case(subject=subject), "utf-8")
    letters = letter_or_error(case_file)
    if letters is not None:  # data is printed exactly as written
        assert subject.strip() in letters["txt"].decode("utf-8")


def test_the_null_documents_are_located_errors(tmp_path: Path) -> None:
    """A case file that is only YAML null is not a case, for validate and load_case alike."""
    for text in ["---\n", "~\n", "null\n", "--- # comment\n", '!!null ""\n', "%YAML 1.2\n---\n"]:
        case_file = tmp_path / "case.yaml"
        case_file.write_text(text)
        problems = appeal.validate(case_file)
        assert [(p.rule, p.line, p.col) for p in problems] == [("not-a-case", 1, 1)], text
        with pytest.raises(appeal.CaseError):
            appeal.load_case(case_file)


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appeal", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def corpus_folder(folder: Path, whole: bool) -> None:
    """Every input (or the sample) as a case file, and each valid one as prose and subject."""
    folder.mkdir()
    for i, path in enumerate(INPUTS):
        if not (whole or in_sample(i, path)):
            continue
        (folder / f"{name(path)}.yaml").write_bytes(path.read_bytes())
        if is_valid(path):
            text = path.read_text("utf-8")
            (folder / f"{name(path)}-prose.yaml").write_text(a_case(grounds=[text]), "utf-8")
            (folder / f"{name(path)}-subject.yaml").write_text(a_case(subject=text), "utf-8")


@pytest.mark.parametrize(
    "whole",
    [pytest.param(False, id="sample"), pytest.param(True, id="all", marks=pytest.mark.corpus)],
)
def test_the_command_line_renders_the_good_files_and_only_those(
    tmp_path: Path, whole: bool
) -> None:
    """``appeal validate`` and ``appeal render`` on a folder of the inputs: exit 0 or 1,
    no traceback, and letters for exactly the files that validate."""
    cases = tmp_path / "cases"
    corpus_folder(cases, whole)
    checked = run_cli("validate", "--format", "json", "cases", cwd=tmp_path)
    assert checked.returncode in (0, 1), checked.stderr
    assert "Traceback" not in checked.stderr
    report = json.loads(checked.stdout)
    assert report["files"] == len(list(cases.iterdir()))
    failing = {Path(p["file"]).stem for p in report["problems"] if p["level"] == "error"}
    assert failing, "the suite has inputs that are not case files"

    rendered = run_cli("render", "cases", "-o", "out", "-f", "txt", "-f", "docx", cwd=tmp_path)
    assert rendered.returncode == 1, rendered.stderr
    assert "Traceback" not in rendered.stderr
    written = {p.stem for p in (tmp_path / "out").iterdir() if p.name != "manifest.json"}
    assert written == {p.stem for p in cases.iterdir()} - failing
    for stem in written:
        assert (tmp_path / "out" / f"{stem}.txt").is_file()
        assert (tmp_path / "out" / f"{stem}.docx").is_file()
