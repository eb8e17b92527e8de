"""``appeal render``: case files to letters."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import EXIT_INVALID, app, err, print_problems, report_error, usage
from appeal.errors import AppealError


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


def _formats() -> list[str]:
    from appeal.writers import FORMATS

    return list(FORMATS)


@app.command()
def render(
    cases: Annotated[list[Path], typer.Argument(help="Case files (YAML).", show_default=False)],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output folder, or - for standard output.")
    ] = "out",
    formats: Annotated[
        list[str] | None,
        typer.Option("-f", "--format", help="Output format; repeat for several. Default: all."),
    ] = None,
    width: Annotated[
        int, typer.Option(help="Plain text: wrap at this column; 0 for one line per paragraph.")
    ] = 72,
    paper: Annotated[Paper, typer.Option(help="Word: page size.")] = Paper.a4,
    signatories: Annotated[
        Path | None, typer.Option(help="The signatories registry (default: the nearest one).")
    ] = None,
) -> None:
    """Render each case to DIR/<case-stem>.<ext> for every format asked.

    Nothing is written for a case that has errors; the others still render.
    """
    from appeal.case import load_case
    from appeal.output import write_atomic
    from appeal.rendering import render_bytes
    from appeal.writers import FORMATS, WriteOptions

    chosen = formats or _formats()
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        usage(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if width < 0:
        usage("--width must be 0 or more")
    to_stdout = output == "-"
    if to_stdout and (len(cases) != 1 or len(chosen) != 1 or FORMATS[chosen[0]].binary):
        usage("-o - prints one case in one text format: add -f md or -f txt")
    options = WriteOptions(width=width, paper=paper.value)
    failed = 0
    for case_path in cases:
        try:
            case = load_case(case_path, signatories=signatories)
            print_problems(list(case.warnings))
            rendered = {fmt: render_bytes(case, fmt, options=options) for fmt in chosen}
            if to_stdout:
                sys.stdout.write(rendered[chosen[0]].decode("utf-8"))
                continue
            for fmt, data in rendered.items():
                target = Path(output) / f"{case_path.stem}.{FORMATS[fmt].extension}"
                write_atomic(target, data)
                err.print(f"wrote {target}")
        except AppealError as exc:
            failed += 1
            report_error(exc)
    if failed:
        err.print(f"{failed} of {len(cases)} case{'s' * (len(cases) != 1)} not rendered")
        raise typer.Exit(EXIT_INVALID)
