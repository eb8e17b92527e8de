"""Text YAML would drop or mangle stops a letter from being written, and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from appeal.case import validate_text
from appeal.cli import app
from appeal.syntax import quoted

ROOT = Path(__file__).parent.parent
runner = CliRunner()

CASE = """\
date: 2020-03-31
subject: Case #12 of Azimjon Askarov
recipient:
  name: Mr. Sooronbay Jeenbekov
grounds: We write.
demands:
  - Release him #FreeAzimjon now.
signatories: [amnesty]
"""


def test_render_refuses_a_hashtag_that_yaml_reads_as_a_comment(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "render",
            str(case),
            "-o",
            str(out),
            "-f",
            "txt",
            "--signatories",
            str(ROOT / "signatories.yaml"),
        ],
    )
    assert result.exit_code == 1
    assert "'#12 of Azimjon Askarov' is read as a YAML comment" in result.output
    assert 'subject: "Case #12 of Azimjon Askarov"' in result.output
    assert '- "Release him #FreeAzimjon now."' in result.output
    assert not out.exists() or not any(out.iterdir())


def test_quoted_the_same_text_renders_whole(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    fixed = CASE.replace("Case #12 of Azimjon Askarov", '"Case #12 of Azimjon Askarov"')
    case.write_text(
        fixed.replace("Release him #FreeAzimjon now.", '"Release him #FreeAzimjon now."'),
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        [
            "render",
            str(case),
            "-o",
            "-",
            "-f",
            "txt",
            "--signatories",
            str(ROOT / "signatories.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Case #12 of Azimjon Askarov" in result.stdout
    assert "Release him #FreeAzimjon now." in result.stdout


@pytest.mark.parametrize(
    "text",
    ["plain", 'He said "no"', "it's", "both \" and '", "a \\ backslash", '"\\', "#tag: x"],
)
def test_a_suggested_quoting_reads_back_as_the_text(text: str) -> None:
    assert yaml.safe_load(f"key: {quoted(text)}") == {"key": text}


BASE = "date: 2020-01-01\nsubject: S\nrecipient: {name: R}\ndemands: [D]\n"


@pytest.mark.parametrize(
    ("written", "fix", "meant"),
    [
        (
            'grounds: [G]\nconclusion: He said "no": it\'s over\nsignatories: [{name: A}]\n',
            'conclusion: "He said \\"no\\": it\'s over"',
            {"conclusion": 'He said "no": it\'s over'},
        ),
        (
            'grounds:\n  - Note: he said "no".\nsignatories: [{name: A}]\n',
            "- 'Note: he said \"no\".'",
            ['Note: he said "no".'],
        ),
        (
            'grounds: [G]\nsignatories: [{name: The "Centre", Lisboa}]\n',
            "name: 'The \"Centre\", Lisboa'",
            {"name": 'The "Centre", Lisboa'},
        ),
    ],
)
def test_the_quotes_a_message_suggests_keep_the_quotes_in_the_text(
    written: str, fix: str, meant: object
) -> None:
    (problem,) = [p for p in validate_text(BASE + written, "case.yaml").problems if p.is_error]
    assert fix.removeprefix("- ") in problem.message
    assert yaml.safe_load(fix) == meant
