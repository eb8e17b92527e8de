"""The work of ``appeal validate``, without typer.

Campaigns run ``appeal validate`` before every commit, where loading typer
would take longer than checking the files. So a well-formed ``validate``
command line is read here by :func:`quick_options` and run straight away;
anything else (``--help``, a misspelt option) goes to typer's command in
:mod:`appeal.cli.validate`, which reports usage errors and runs the same
:func:`run`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from appeal.errors import AppealError
from appeal.problems import Level, Problem
from appeal.reporters import REPORTERS, Findings, summary

#: Exit codes of every command (the README lists them).
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Problems that mean a file could not be read: an I/O error, not a finding.
IO_RULES = frozenset({"unreadable-file"})


@dataclass(frozen=True)
class ValidateOptions:
    paths: tuple[Path, ...]
    signatories: Path | None = None
    strict: bool = False
    format: str | None = None
    """A key of :data:`~appeal.reporters.REPORTERS`; None chooses by where output goes."""


def default_format(env: Mapping[str, str], stdout_is_terminal: bool) -> str:
    """``github`` under GitHub Actions, ``text`` on a terminal, else ``parsable``."""
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text" if stdout_is_terminal else "parsable"


def strict(problems: Sequence[Problem]) -> list[Problem]:
    """Warnings raised to errors (``--strict``)."""
    return [replace(p, level=Level.ERROR) if not p.is_error else p for p in problems]


def missing(*paths: Path | None) -> str | None:
    """The usage error for the first of ``paths`` that does not exist, if any.

    A path that is not there is the same mistake wherever it is given: a case,
    ``--recipients`` or ``--signatories``.
    """
    for path in paths:
        if path is not None and not path.exists():
            return f"{path}: no such file or folder"
    return None


def nothing_found(paths: Sequence[Path]) -> str:
    """The warning for paths that hold no case file."""
    where = ", ".join(str(p) for p in paths)
    return f"warning: no case file (*.yaml, *.yml) found in {where}"


def exit_code(problems: Sequence[Problem]) -> int:
    if any(p.rule in IO_RULES for p in problems):
        return EXIT_USAGE
    return EXIT_INVALID if any(p.is_error for p in problems) else EXIT_OK


@lru_cache(maxsize=64)
def _lines(file: str) -> list[str]:
    try:
        return Path(file).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


def line_of(file: str, line: int) -> str:
    """Line ``line`` of ``file`` as it is on disk now, "" when there is none."""
    lines = _lines(file)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def run(options: ValidateOptions) -> int:
    """Validate the paths, print the problems and a summary; the exit code."""
    from appeal.validation import validate_paths

    why = missing(*options.paths, options.signatories)
    if why is not None:
        print(f"error: {why}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = validate_paths(options.paths, options.signatories)
    except AppealError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if report.files == 0:
        print(nothing_found(options.paths), file=sys.stderr)
        return EXIT_INVALID
    problems = strict(report.problems) if options.strict else report.problems
    terminal = sys.stdout.isatty()
    fmt = options.format or default_format(os.environ, terminal)
    findings = Findings(
        problems,
        report.files,
        line_of=line_of,
        color=terminal and "NO_COLOR" not in os.environ,
        registries=report.registries,
    )
    sys.stdout.write(REPORTERS[fmt](findings))
    sys.stdout.flush()
    print(summary(findings), file=sys.stderr)
    return exit_code(problems)


#: Options of ``validate`` that take a value, by every spelling typer accepts.
_VALUED = {"--signatories": "signatories", "--format": "format", "-f": "format"}
_FLAGS = {"--strict": True, "--no-strict": False}


def quick_options(argv: Sequence[str]) -> ValidateOptions | None:
    """The options of a well-formed ``validate`` command line, else None."""
    if not argv or argv[0] != "validate":
        return None
    paths: list[Path] = []
    values: dict[str, str] = {}
    strict_flag = False
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if arg == "--":
            paths.extend(Path(a) for a in args)
            break
        if arg in _FLAGS:
            strict_flag = _FLAGS[arg]
        elif name in _VALUED and (eq or args):
            values[_VALUED[name]] = value if eq else args.pop(0)
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
    fmt = values.get("format")
    if not paths or (fmt is not None and fmt not in REPORTERS):
        return None
    signatories = values.get("signatories")
    return ValidateOptions(
        tuple(paths), Path(signatories) if signatories else None, strict_flag, fmt
    )


def internal_error(exc: Exception, debug: bool = False) -> int:
    """Report a bug in appeal on standard error: one line, or the traceback with --debug."""
    if debug:
        import traceback

        traceback.print_exception(exc)
    else:
        print(
            f"internal error: {type(exc).__name__}: {exc} (please report this; "
            "run again with --debug for the details)",
            file=sys.stderr,
        )
    return EXIT_INTERNAL
