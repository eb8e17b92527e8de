"""appeal validate on the command line: exit codes, formats, --strict, and the quick path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from appeal.cli import app
from appeal.cli.quick import ValidateOptions, quick_options

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "bad-cases"
GOOD = ROOT / "cases" / "askarov-2020.yaml"
runner = CliRunner()


def validate(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", *map(str, args)], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([GOOD], 0),
        ([ROOT / "cases", ROOT / "signatories.yaml"], 0),
        ([BAD / "missing-section.yaml"], 1),
        ([GOOD, BAD / "impossible-date.yaml"], 1),
        ([BAD / "unused-citation.yaml"], 0),
        ([BAD / "unused-citation.yaml", "--strict"], 1),
        ([BAD / "nameless-entry" / "signatories.yaml"], 1),
        (["no/such/file.yaml"], 2),
        ([GOOD, "--format", "xml"], 2),
        ([GOOD, "--no-such-option"], 2),
        ([], 2),
    ],
)
def test_exit_codes(args: list[str | Path], code: int) -> None:
    assert validate(*args)[0] == code


def test_an_unreadable_file_is_an_io_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("subject: S\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == locked.name:
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, out, _ = validate(GOOD, locked, "-f", "parsable")
    assert code == 2
    assert out.startswith(f"{locked}:1:1: error: cannot read the file: Permission denied")


def test_strict_reports_warnings_as_errors() -> None:
    _, out, err = validate(BAD / "unused-citation.yaml", "--strict", "-f", "parsable")
    assert ": error: " in out and ": warning: " not in out
    assert err.strip() == "1 case file and 1 signatories registry checked: 1 error, 0 warnings"


def test_machine_formats_keep_stdout_clean_and_summarise_on_stderr() -> None:
    code, out, err = validate(BAD / "missing-section.yaml", GOOD, "--format", "json")
    assert code == 1
    assert json.loads(out)["problems"][0]["rule"] == "missing-section"
    assert err.strip() == "2 case files and 1 signatories registry checked: 1 error, 0 warnings"


@pytest.mark.parametrize(
    ("env", "first"),
    [
        ({"GITHUB_ACTIONS": "true"}, "::error file="),
        ({"GITHUB_ACTIONS": ""}, f"{BAD / 'missing-section.yaml'}:3:1: error: "),
    ],
)
def test_the_default_format_follows_the_environment(env: dict[str, str], first: str) -> None:
    _, out, _ = validate(BAD / "missing-section.yaml", env=env)
    assert out.startswith(first)


def test_an_explicit_format_wins_over_github_actions() -> None:
    _, out, _ = validate(GOOD, "-f", "sarif", env={"GITHUB_ACTIONS": "true"})
    assert json.loads(out)["version"] == "2.1.0"


def test_the_text_format_shows_the_line() -> None:
    _, out, _ = validate(BAD / "number-as-text.yaml", "-f", "text")
    assert "subject: 1984\n" in out and "^^^^" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "a.yaml"],
        ["validate", "a.yaml", "b", "--strict"],
        ["validate", "--strict", "--no-strict", "a.yaml"],
        ["validate", "a.yaml", "--signatories", "s.yaml", "-f", "json"],
        ["validate", "--signatories=s.yaml", "--format=github", "a.yaml"],
        ["validate", "--format", "sarif", "--", "-odd-name.yaml"],
    ],
)
def test_the_quick_path_reads_a_command_line_as_typer_does(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[ValidateOptions] = []
    monkeypatch.setattr("appeal.cli.validate.run", lambda options: seen.append(options) or 0)
    assert runner.invoke(app, argv).exit_code == 0
    assert quick_options(argv) == seen[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "--help"],
        ["validate", "a.yaml", "--format", "xml"],
        ["validate", "a.yaml", "--signatories"],
        ["validate", "a.yaml", "-x"],
        ["--debug", "validate", "a.yaml"],
        ["render", "a.yaml"],
    ],
)
def test_the_quick_path_leaves_the_rest_to_typer(argv: list[str]) -> None:
    assert quick_options(argv) is None


def test_the_quick_path_knows_every_option_of_the_command() -> None:
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    spellings = {
        opt
        for param in command.params
        if param.param_type_name == "option"
        for opt in (*param.opts, *param.secondary_opts)
        if opt != "--help"
    }
    for spelling in spellings:
        takes_value = spelling not in ("--strict", "--no-strict")
        argv = ["validate", "a.yaml", spelling, *(["json"] if takes_value else [])]
        assert quick_options(argv) is not None, spelling


def test_validate_runs_without_loading_typer_or_the_renderer() -> None:
    probe = (
        "import sys\n"
        "from appeal.cli import main\n"
        f"sys.argv = ['appeal', 'validate', {str(GOOD)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    heavy = ['typer', 'click', 'pydantic', 'rich', 'jinja2', 'markdown_it', 'docx']\n"
        "    print(exc.code, [m for m in heavy if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GITHUB_ACTIONS": ""},
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "0 []"
