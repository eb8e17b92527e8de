"""``appeal validate``: lint case files and registries."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import EXIT_INVALID, app, err, print_problems, usage
from appeal.errors import AppealError
from appeal.problems import count


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Case files or folders.", show_default=False)],
    signatories: Annotated[
        Path | None, typer.Option(help="The signatories registry (default: the nearest one).")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
) -> None:
    """Check case files: every problem as path:line:col: level: message [rule].

    In a folder, every *.yaml and *.yml file below it is a case file, except
    signatories.yaml (checked as the registry) and anything under templates/
    or a hidden folder such as .github/. Exit 0 when clean, 1 when problems
    are found, 2 on a usage error.
    """
    from appeal.validation import check_paths

    try:
        report = check_paths(paths, signatories)
    except AppealError as exc:
        usage(str(exc))
    print_problems(report.problems, to=sys.stdout)
    errors, warnings = count(report.problems)
    err.print(
        f"{report.files} file{'s' * (report.files != 1)} checked: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_INVALID)
