"""What the commands print on standard error: problems, errors and summaries.

Plain ``print``, without typer or rich, so that the quick paths and the typer
app print exactly the same lines.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from appeal.errors import AppealError
from appeal.problems import Problem
from appeal.reporters import parsable_line


def say(message: str) -> None:
    """One line on standard error."""
    print(message, file=sys.stderr)


def print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(parsable_line(problem), file=sys.stderr)


def report_error(exc: AppealError) -> None:
    report(exc.problems, str(exc))


def report(problems: Iterable[Problem], message: str) -> None:
    """What went wrong: the problems, one a line, or else the message."""
    found = list(problems)
    if found:
        print_problems(found)
    else:
        say(f"error: {message}")
