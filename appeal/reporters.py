"""Output formats of ``appeal validate``: one pure function per format.

Each reporter turns the :class:`Findings` of one run into the text written to
standard output. :data:`REPORTERS` maps a format name to its reporter; the
command line's ``--format`` choices are its keys. Rich (for colour), json and
the rule registry (for SARIF) are imported only by the formats that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import PurePath
from typing import Any, NamedTuple
from urllib.parse import quote

from appeal.problems import Problem, count

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _no_lines(file: str, line: int) -> str:
    return ""


class Findings(NamedTuple):
    """What a reporter formats: the problems of one run, and how it was run."""

    problems: Sequence[Problem]
    files: int
    line_of: Callable[[str, int], str] = _no_lines
    """The text of line ``line`` of ``file`` ("" when unknown), for ``text``."""
    color: bool = False
    """``text`` only: colour the output with ANSI escapes."""
    registries: int = 0
    """How many of the ``files`` are signatories registries; the others are case files."""


Reporter = Callable[[Findings], str]


def summary(findings: Findings) -> str:
    """``2 case files and 1 signatories registry checked: 1 error, 2 warnings``."""
    errors, warnings = count(list(findings.problems))
    cases = findings.files - findings.registries
    what = [_plural(cases, "case file")] if cases or not findings.registries else []
    if findings.registries:
        n = findings.registries
        what.append(f"{n} signatories {'registry' if n == 1 else 'registries'}")
    return (
        f"{' and '.join(what)} checked: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def parsable_line(problem: Problem) -> str:
    """``path:line:col: level: message [rule]``, the form editors and CI read."""
    return (
        f"{problem.file}:{problem.line}:{problem.col}: {problem.level.value}: "
        f"{_one_line(problem.message)} [{problem.rule}]"
    )


def parsable(findings: Findings) -> str:
    """One ``path:line:col: level: message [rule]`` line per problem."""
    return "".join(parsable_line(p) + "\n" for p in findings.problems)


def as_json(findings: Findings) -> str:
    """One JSON object: counts, and the problems with their full positions."""
    import json

    errors, warnings = count(list(findings.problems))
    document = {
        "files": findings.files,
        "errors": errors,
        "warnings": warnings,
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.col,
                "end_line": p.end_line,
                "end_column": p.end_col,
                "rule": p.rule,
                "level": p.level.value,
                "message": p.message,
            }
            for p in findings.problems
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Findings) -> str:
    """GitHub Actions workflow commands: an annotation on the file per problem.

    Escaped as the Actions toolkit does: ``%``, CR and LF everywhere, and
    ``:`` and ``,`` in the properties too.
    """
    out = []
    for p in findings.problems:
        props = {"file": p.file, "line": p.line, "col": p.col}
        if p.end_line is not None and p.end_col is not None:
            props |= {"endLine": p.end_line, "endColumn": p.end_col}
        props["title"] = p.rule
        joined = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
        out.append(f"::{p.level.value} {joined}::{_escape_data(p.message)}\n")
    return "".join(out)


def sarif(findings: Findings) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

    Every rule, with its documentation, is listed in ``tool.driver.rules``.
    """
    import json

    from appeal.rules import RULES
    from appeal.version import __version__

    ids = list(RULES)
    rules = [
        {
            "id": r.id,
            "name": "".join(part.title() for part in r.id.split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc},
            "help": {"text": r.doc, "markdown": r.markdown},
            "defaultConfiguration": {"level": r.level.value},
        }
        for r in RULES.values()
    ]
    results = []
    for p in findings.problems:
        region: dict[str, int] = {"startLine": p.line, "startColumn": p.col}
        if p.end_line is not None and p.end_col is not None:
            region |= {"endLine": p.end_line, "endColumn": p.end_col}
        result: dict[str, Any] = {
            "ruleId": p.rule,
            "level": p.level.value,
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.file)},
                        "region": region,
                    }
                }
            ],
        }
        if p.rule in RULES:
            result["ruleIndex"] = ids.index(p.rule)
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "appeal",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _uri(file: str) -> str:
    """A SARIF artifact URI: relative to where appeal ran, unless given absolute."""
    path = PurePath(file)
    return path.as_uri() if path.is_absolute() else quote(path.as_posix())


def text(findings: Findings) -> str:
    """For people: grouped by file, each problem under its YAML line.

    A caret marks the offending span; the message under it says what to do.
    """
    from rich.console import Console
    from rich.text import Text

    buffer = StringIO()
    console = Console(
        file=buffer,
        force_terminal=findings.color,
        no_color=not findings.color,
        color_system="standard" if findings.color else None,
        highlight=False,
        soft_wrap=True,
        width=100,
    )
    style = {"error": "bold red", "warning": "bold yellow"}
    current = None
    for p in findings.problems:
        if p.file != current:
            if current is not None:
                console.print()
            console.print(Text(p.file, style="bold underline"))
            current = p.file
        level = p.level.value
        console.print(
            Text.assemble(f"  {p.line}:{p.col} ", (level, style[level]), " ", (p.rule, "dim"))
        )
        source = findings.line_of(p.file, p.line)
        gutter = " " * (len(str(p.line)) + 5)
        if source.strip():
            # Tabs shown as spaces, so that a tab's carets line up under it.
            console.print(Text.assemble((f"    {p.line} | ", "dim"), source.expandtabs(_TAB)))
            console.print(Text.assemble((f"{gutter}| ", "dim"), (_caret(p, source), "bold")))
        console.print(Text.assemble((f"{gutter}= ", "dim"), _one_line(p.message)))
    return buffer.getvalue()


def _caret(p: Problem, source: str) -> str:
    """Carets under the problem's span on ``source``, its line of the file.

    A span over several lines (a missing key points at its whole mapping) is
    marked by one caret at its start.
    """
    start = min(p.col - 1, len(source))
    end = start + 1
    if p.end_line == p.line and p.end_col is not None and p.end_col > p.col:
        end = min(p.end_col - 1, len(source))
    left = len(source[:start].expandtabs(_TAB))
    right = len(source[:end].expandtabs(_TAB))
    return " " * left + "^" * max(1, right - left)


_TAB = 4


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "parsable": parsable,
    "json": as_json,
    "github": github,
    "sarif": sarif,
}
