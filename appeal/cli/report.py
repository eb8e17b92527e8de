"""What the commands print on standard error: problems, errors and summaries.

Plain ``print``, without typer or rich, so that the quick paths and the typer
app print exactly the same lines.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from appeal.errors import AppealError
from appeal.problems import Problem
from appeal.reporters import parsable_line


def say(message: str) -> None:
    """One line on standard error."""
    print(message, file=sys.stderr)


def print_problems(problems: Iterable[Problem], to: TextIO | None = None) -> None:
    stream = to or sys.stderr
    for problem in problems:
        print(parsable_line(problem), file=stream)


def report_error(exc: AppealError) -> None:
    if exc.problems:
        print_problems(exc.problems)
    else:
        say(f"error: {exc}")
