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
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from appeal.cli.report import say
from appeal.errors import AppealError
from appeal.filecache import FileCache
from appeal.problems import Level, Problem
from appeal.reporters import REPORTERS, Findings, summary

#: Exit codes of every command (the README lists them).
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Problems that mean a file could not be read: an I/O error, not a finding.
IO_RULES = frozenset({"unreadable-file"})


class ValidateOptions(NamedTuple):
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


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


_LINES: FileCache[str, list[str]] = FileCache(size=64)


def line_of(file: str, line: int) -> str:
    """Line ``line`` of ``file`` as it is on disk now, "" when there is none."""
    path = Path(file)
    lines = _LINES.get(file, [path], lambda: _lines(path))
    return lines[line - 1] if 0 < line <= len(lines) else ""


def run(options: ValidateOptions) -> int:
    """Validate the paths, print the problems and a summary; the exit code."""
    from appeal.validation import validate_paths

    why = missing(*options.paths, options.signatories)
    if why is not None:
        say(f"error: {why}")
        return EXIT_USAGE
    try:
        report = validate_paths(options.paths, options.signatories)
    except AppealError as exc:
        say(f"error: {exc}")
        return EXIT_USAGE
    if report.files == 0:
        say(nothing_found(options.paths))
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


class CommandLine(NamedTuple):
    """A command line read without typer: its paths, option values and flags."""

    paths: tuple[Path, ...]
    values: tuple[tuple[str, str], ...]
    """``(option, value)`` in the order given; an option given twice appears twice."""
    flags: Mapping[str, bool]

    def value(self, key: str) -> str | None:
        """The last value given for option ``key``, as typer keeps it."""
        return next((v for k, v in reversed(self.values) if k == key), None)


def read_command_line(
    argv: Sequence[str],
    command: str,
    valued: Mapping[str, str],
    flags: Mapping[str, tuple[str, bool]],
) -> CommandLine | None:
    """``argv`` of ``command`` in its plain spellings, else None (typer decides).

    ``valued`` maps each spelling of an option with a value to its key,
    ``flags`` each spelling of a flag to its key and value. Only ``--name
    value``, ``--name=value`` and ``-x value`` are read; an option not listed
    returns None.
    """
    if not argv or argv[0] != command:
        return None
    paths: list[Path] = []
    values: list[tuple[str, str]] = []
    set_flags: dict[str, bool] = {}
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if arg == "--":
            paths.extend(Path(a) for a in args)
            break
        if arg in flags:
            key, flag = flags[arg]
            set_flags[key] = flag
        elif name in valued and (eq or args):
            values.append((valued[name], value if eq else args.pop(0)))
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
    return CommandLine(tuple(paths), tuple(values), set_flags)


#: Options of ``validate`` by every spelling typer accepts (appeal.cli.validate declares them).
_VALUED = {"--signatories": "signatories", "--format": "format", "-f": "format"}
_FLAGS = {"--strict": ("strict", True), "--no-strict": ("strict", False)}


def quick_options(argv: Sequence[str]) -> ValidateOptions | None:
    """The options of a well-formed ``validate`` command line, else None."""
    line = read_command_line(argv, "validate", _VALUED, _FLAGS)
    if line is None or not line.paths:
        return None
    fmt = line.value("format")
    if fmt is not None and fmt not in REPORTERS:
        return None
    signatories = line.value("signatories")
    return ValidateOptions(
        line.paths, Path(signatories) if signatories else None, line.flags.get("strict", False), fmt
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
