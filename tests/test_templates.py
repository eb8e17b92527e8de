"""Template lookup, overrides, and the sandbox around templates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import appeal
from appeal.templating.lookup import BUILTIN_TEMPLATES, TEMPLATE_FILE

ROOT = Path(__file__).parent.parent

CASE = """\
date: 2020-03-31
subject: S
recipient: {name: R}
grounds: G.
demands: D.
signatories: [{name: Org}]
"""


def _campaign(tmp_path: Path, template: str, case: str = CASE) -> Path:
    folder = tmp_path / "templates" / "joint-letter"
    folder.mkdir(parents=True)
    (folder / TEMPLATE_FILE).write_text(template, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "c.yaml").write_text(case, encoding="utf-8")
    return tmp_path / "cases" / "c.yaml"


def test_campaign_template_overrides_the_builtin(tmp_path: Path) -> None:
    case = _campaign(tmp_path, "To {{ recipient.name }}: {{ subject }}.\n")
    assert appeal.render(appeal.load_case(case), "txt") == "To R: S.\n"


def test_a_case_chooses_its_template_and_an_unknown_one_is_a_located_error(
    tmp_path: Path,
) -> None:
    case = _campaign(tmp_path, "x\n", CASE + "template: joint-leter\n")
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(case)
    assert [(p.line, p.col, p.rule) for p in info.value.problems] == [(7, 11, "unknown-template")]


def test_builtin_template_is_used_without_a_campaign_folder(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(CASE, encoding="utf-8")
    text = str(appeal.render(appeal.load_case(tmp_path / "c.yaml"), "txt"))
    assert text.startswith("R\n\nRE: S\n\n31 March 2020\n\nDear R,\n")


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ recipient.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
    ],
)
def test_sandbox_keeps_templates_from_python_internals(tmp_path: Path, template: str) -> None:
    case = _campaign(tmp_path, template)
    with pytest.raises(appeal.TemplateError):
        appeal.render(appeal.load_case(case), "txt")


def test_a_missing_name_is_an_error_not_a_blank(tmp_path: Path) -> None:
    case = _campaign(tmp_path, "Dear {{ recipient.nmae }},\n")
    with pytest.raises(appeal.TemplateError, match="nmae"):
        appeal.render(appeal.load_case(case), "txt")


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    case = _campaign(tmp_path, "line one\n{% if %}\n")
    with pytest.raises(appeal.TemplateError) as info:
        appeal.render(appeal.load_case(case), "txt")
    (problem,) = info.value.problems
    assert problem.file.endswith(str(Path("joint-letter") / TEMPLATE_FILE))
    assert (problem.line, problem.rule) == (2, "template-syntax")


def test_builtin_template_ships_in_the_package() -> None:
    assert (BUILTIN_TEMPLATES / "joint-letter" / TEMPLATE_FILE).is_file()


def test_a_copy_of_the_builtin_renders_the_same_letter(tmp_path: Path) -> None:
    shutil.copytree(BUILTIN_TEMPLATES / "joint-letter", tmp_path / "templates" / "joint-letter")
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "signatories.yaml", tmp_path)
    ours = appeal.load_case(tmp_path / "cases" / "askarov-2020.yaml")
    theirs = appeal.load_case(ROOT / "cases" / "askarov-2020.yaml")
    assert appeal.render(ours, "md") == appeal.render(theirs, "md")


def test_compiled_templates_are_kept_between_runs_and_checked_against_the_source(
    tmp_path: Path,
) -> None:
    case = _campaign(tmp_path, "To {{ recipient.name }}: {{ subject }}.\n")
    temp = tmp_path / "temp"
    temp.mkdir()

    def letter() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "appeal", "render", str(case), "-f", "txt", "-o", "-"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)},
            check=True,
        )
        return done.stdout

    assert letter() == "To R: S.\n"
    (kept,) = temp.glob(f"_jinja2-cache-*/appeal-{appeal.__version__}-*.cache")
    # An edit of the same length is still seen: the source is checked, not its size or time.
    (case.parent.parent / "templates" / "joint-letter" / TEMPLATE_FILE).write_text(
        "Fo {{ recipient.name }}: {{ subject }}.\n", encoding="utf-8"
    )
    assert letter() == "Fo R: S.\n"
    kept.write_bytes(b"not a compiled template")
    assert letter() == "Fo R: S.\n"
