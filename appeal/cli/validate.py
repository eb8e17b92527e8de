"""``appeal validate``: validate case files and registries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import Command, app, usage
from appeal.cli.options import Signatories
from appeal.cli.quick import ValidateOptions, run
from appeal.reporters import REPORTERS


@app.command(cls=Command)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Case files or folders.", show_default=False, metavar="PATH..."),
    ],
    signatories: Signatories = None,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=(
                f"Output format: {', '.join(REPORTERS)}. Default: github under GitHub "
                "Actions, text on a terminal, parsable otherwise."
            ),
            show_default=False,
            metavar="FORMAT",
        ),
    ] = None,
) -> None:
    """Check case files and signatories registries; print every problem.

    In a folder, every *.yaml and *.yml file below it is a case file, except
    signatories.yaml (checked as the registry) and anything under templates/
    or hidden files and folders such as .github/. A summary goes to standard error.
    Exit 0 when clean, 1 when problems are found (errors, or warnings with
    --strict) or the paths hold no case file, 2 on a usage error or a file
    that does not exist or cannot be read.
    """
    if output_format is not None and output_format not in REPORTERS:
        usage(f"unknown format {output_format}; choose from {', '.join(REPORTERS)}")
    code = run(ValidateOptions(tuple(paths), signatories, strict, output_format))
    if code:
        raise typer.Exit(code)
