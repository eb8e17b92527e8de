"""Each output format against its golden file, and the properties each format promises.

After an intended change of a format, delete its file under
tests/reporters-golden/ and run the tests: the missing file is written and the
test fails once, so the new output is reviewed in the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import appeal.version
from appeal.problems import Level, Problem
from appeal.reporters import REPORTERS, Findings, github, parsable, sarif, summary, text
from appeal.rules import RULES

GOLDEN = Path(__file__).parent / "reporters-golden"

PROBLEMS = [
    Problem(
        "cases/a.yaml",
        3,
        10,
        "wrong-type",
        "'subject' must be text, but YAML reads it as a number; put it in quotes: \"1984\"",
        Level.ERROR,
        3,
        14,
    ),
    Problem(
        "cases/a.yaml",
        7,
        1,
        "missing-section",
        "the case needs 'demands:' — What it asks for (Markdown).",
        Level.ERROR,
        12,
        1,
    ),
    Problem(
        "cases/b, c.yaml",
        12,
        3,
        "unused-citation",
        "citation 'spt' is never cited; cite it as [^spt] or remove it",
        Level.WARNING,
        12,
        6,
    ),
    Problem("cases/b, c.yaml", 20, 1, "yaml-syntax", "100% broken: a, b\r\nnext: line"),
]
LINES = {
    ("cases/a.yaml", 3): "subject: 1984",
    ("cases/a.yaml", 7): "grounds:",
    ("cases/b, c.yaml", 12): "  spt: Statement.",
}
FINDINGS = Findings(PROBLEMS, 3, line_of=lambda file, line: LINES.get((file, line), ""))


@pytest.fixture(autouse=True)
def fixed_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appeal.version, "__version__", "1.2.3")


def _without_rule_docs(sarif_text: str) -> str:
    """SARIF without its rules, which change with the registry, not with the format."""
    document = json.loads(sarif_text)
    driver = document["runs"][0]["tool"]["driver"]
    driver["rules"] = "…"
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_format_matches_its_golden_file(name: str) -> None:
    golden = GOLDEN / f"problems.{name}"
    out = REPORTERS[name](FINDINGS)
    if name == "sarif":
        out = _without_rule_docs(out)
    if not golden.exists():
        golden.write_bytes(out.encode("utf-8"))
        pytest.fail(f"wrote {golden.name}; review it and run again")
    assert out == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_no_problems(name: str) -> None:
    out = REPORTERS[name](Findings([], 2))
    if name in ("json", "sarif"):
        assert json.loads(out)
    else:
        assert out == ""


def test_parsable_is_one_line_per_problem() -> None:
    lines = parsable(FINDINGS).splitlines()
    assert len(lines) == len(PROBLEMS)
    assert lines[0] == (
        "cases/a.yaml:3:10: error: 'subject' must be text, but YAML reads it as a number; "
        'put it in quotes: "1984" [wrong-type]'
    )


def test_github_escapes_like_the_actions_toolkit() -> None:
    last = github(FINDINGS).splitlines()[-1]
    assert last == (
        "::error file=cases/b%2C c.yaml,line=20,col=1,title=yaml-syntax::"
        "100%25 broken: a, b%0D%0Anext: line"
    )


def test_json_has_every_field() -> None:
    document = json.loads(REPORTERS["json"](FINDINGS))
    assert (document["files"], document["errors"], document["warnings"]) == (3, 3, 1)
    assert document["problems"][0] == {
        "file": "cases/a.yaml",
        "line": 3,
        "column": 10,
        "end_line": 3,
        "end_column": 14,
        "rule": "wrong-type",
        "level": "error",
        "message": PROBLEMS[0].message,
    }


def test_sarif_lists_every_rule_with_its_docs_and_indexes_them() -> None:
    run = json.loads(sarif(FINDINGS))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    assert all(r["fullDescription"]["text"] == RULES[r["id"]].doc for r in rules)
    assert all(r["help"]["markdown"] == RULES[r["id"]].markdown for r in rules)
    assert all("``" not in r["help"]["markdown"] for r in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "cases/b%2C%20c.yaml"
    }


def test_sarif_gives_an_absolute_path_as_a_file_uri() -> None:
    findings = Findings([Problem("/srv/cases/a b.yaml", 1, 1, "yaml-syntax", "m")], 1)
    location = json.loads(sarif(findings))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "file:///srv/cases/a%20b.yaml"


def test_text_shows_the_line_and_a_caret_under_the_span() -> None:
    lines = text(FINDINGS).splitlines()
    at = lines.index("    3 | subject: 1984")
    assert lines[at + 1] == "      |          ^^^^"


def test_text_colours_only_when_asked() -> None:
    assert "\x1b[" not in text(FINDINGS)
    coloured = Findings(PROBLEMS, 3, color=True)
    assert "\x1b[" in text(coloured)


def test_summary() -> None:
    assert summary(FINDINGS) == "3 case files checked: 3 errors, 1 warning"
    assert summary(Findings([], 1)) == "1 case file checked: 0 errors, 0 warnings"
    assert summary(Findings([], 2, registries=1)) == (
        "1 case file and 1 signatories registry checked: 0 errors, 0 warnings"
    )
    assert summary(Findings([], 2, registries=2)) == (
        "2 signatories registries checked: 0 errors, 0 warnings"
    )


def test_text_shows_a_tab_as_spaces_with_carets_under_it() -> None:
    tab = Problem("a.yaml", 3, 3, "yaml-syntax", "indented with a tab", end_line=3, end_col=4)
    out = text(Findings([tab], 1, line_of=lambda file, line: "  \tname: X"))
    assert "    3 |     name: X\n      |   ^^\n" in out
