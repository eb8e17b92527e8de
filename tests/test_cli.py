"""The command line, through typer's runner and as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import appeal
from appeal.cli import app

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
runner = CliRunner()


def test_render_writes_docx_md_and_txt_by_default(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"askarov-2020.{ext}" for ext in ("docx", "md", "txt")] + ["manifest.json"]
    assert (tmp_path / "askarov-2020.txt").read_text(encoding="utf-8") == appeal.render(
        appeal.load_case(EXAMPLE), "txt"
    )


def test_render_to_stdout_prints_the_letter_alone() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "-f", "txt", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Mr. Sooronbay Jeenbekov\nPresident of Kyrgyzstan\n")
    assert "wrote" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["render", str(EXAMPLE), "-f", "pdfx"],
        ["render", str(EXAMPLE), "-o", "-"],
        ["render", str(EXAMPLE), str(EXAMPLE), "-f", "txt", "-o", "-"],
        ["render", str(EXAMPLE), "--width", "-1"],
        ["render"],
        ["validate", "no/such/folder"],
        ["render", "no/such/case.yaml"],
        ["render", str(EXAMPLE), "--recipients", "no/such/list.csv"],
        ["render", str(EXAMPLE), "--signatories", "no/such/signatories.yaml"],
        ["validate", str(EXAMPLE), "--signatories", "no/such/signatories.yaml"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output


def test_invalid_case_exits_1_writes_nothing_and_others_still_render(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("date: 2020-02-30\nsubject: S\nrecipient: {name: R}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(bad), str(EXAMPLE), "-o", str(out), "-f", "md"])
    assert result.exit_code == 1
    assert f"{bad}:1:7: error: '2020-02-30' is not a real date" in result.stderr
    assert "[missing-section]" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["askarov-2020.md", "manifest.json"]


def test_validate_prints_located_problems_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_text("amnesty: {name: Amnesty International}\n")
    case = tmp_path / "case.yaml"
    case.write_text(
        "date: 2020-03-31\nsubject: S\nrecipient: {name: R}\ngrounds: G[^a].\n"
        "demads: D.\nsignatories: [amnesy]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{case}:4:11: error:") and "[undefined-citation]" in line for line in lines
    )
    assert any(
        line.startswith(f"{case}:5:1: error:") and "did you mean 'demands'" in line
        for line in lines
    )
    assert any(
        line.startswith(f"{case}:6:15: error:") and "did you mean 'amnesty'" in line
        for line in lines
    )


def test_validate_clean_campaign_exits_0() -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "cases"), str(ROOT / "signatories.yaml")])
    assert result.exit_code == 0, result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"appeal {appeal.__version__}"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appeal", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_python_m_appeal_renders_from_a_campaign_folder(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copy(ROOT / "signatories.yaml", tmp_path)
    result = _run("render", "cases/askarov-2020.yaml", "-f", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "out" / "askarov-2020.md")
        .read_text(encoding="utf-8")
        .startswith("Mr. Sooronbay Jeenbekov\\\n")
    )


def test_no_traceback_reaches_the_user(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_bytes(b"\xff\xfe not text")
    result = _run("render", "case.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "case.yaml:1:1: error:" in result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(app, ["render", str(EXAMPLE), "-o", str(blocker / "sub"), "-f", "md"])
    assert result.exit_code == 1
    assert "error: cannot write to" in result.stderr


def test_validate_skips_hidden_files_templates_and_hidden_folders(tmp_path: Path) -> None:
    for name in (".pre-commit-config.yaml", ".github/workflows/ci.yml", "templates/x/t.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("repos: []\n", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "bad.yaml").write_text("repos: []\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert {line.split(":")[0] for line in result.stdout.splitlines()} == {
        str(tmp_path / "cases" / "bad.yaml")
    }


@pytest.mark.parametrize("command", ["render", "validate"])
def test_a_path_that_does_not_exist_is_one_error_wherever_it_is_given(command: str) -> None:
    result = runner.invoke(app, [command, str(EXAMPLE), "--signatories", "no/such.yaml"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error: no/such.yaml: no such file or folder"]


@pytest.mark.parametrize("command", ["render", "validate"])
def test_a_folder_without_a_case_file_warns_and_exits_1(command: str, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")
    result = runner.invoke(
        app, [command, str(tmp_path), *(["-o", str(tmp_path / "out")] * (command == "render"))]
    )
    assert result.exit_code == 1
    assert f"warning: no case file (*.yaml, *.yml) found in {tmp_path}" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "command", ["render", "send", "validate", "init", "new", "rules", "schema"]
)
def test_help_names_values_as_people_write_them(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    options = result.stdout.split("Options:", 1)[-1]
    for python_ish in ("<list[", "<str>", "<int>", "<path>", "{paths}", "{case}", "<bool>"):
        assert python_ish not in result.stdout.split("\n", 1)[0] + options, python_ish
    assert "<list[" not in result.stdout and "<path>" not in result.stdout
    if command in ("render", "send", "validate"):
        assert result.stdout.startswith(f"Usage: appeal {command} [OPTIONS] PATH...\n")


def test_a_wrong_paper_size_says_which_there_are() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLE), "--paper", "leter"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "error: --paper leter: choose a4 or letter; did you mean 'letter'?"
    )
    assert "Value error" not in result.output
