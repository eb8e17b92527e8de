"""``appeal render``: case files to letters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import Command, app, usage
from appeal.cli.letters import (
    PAPERS,
    PDF_ENGINES,
    PDF_STANDARDS,
    UsageError,
    listed,
    render_options,
    run,
)
from appeal.writers import DEFAULT_FORMATS, FORMATS


@app.command(cls=Command)
def render(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Case files, or folders of them.", show_default=False, metavar="PATH..."
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "-o", "--output", help="Output folder, or - for standard output.", metavar="DIR"
        ),
    ] = "out",
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "-f",
            "--format",
            help=f"Output format ({', '.join(FORMATS)}); repeat for several. "
            f"Default: {listed(DEFAULT_FORMATS)}.",
            metavar="FORMAT",
        ),
    ] = None,
    attach: Annotated[
        list[str] | None,
        typer.Option(
            "--attach",
            help="eml: a format to attach to each message (pdf, docx, …); repeat for "
            "several. Default: pdf.",
            metavar="FORMAT",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from", help="eml: the sender, 'Name <address>' or an address.", metavar="ADDRESS"
        ),
    ] = None,
    recipients: Annotated[
        Path | None,
        typer.Option(
            help="A recipient list (CSV or YAML): one letter per recipient.", metavar="FILE"
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Output name pattern from {stem}, {slug} and {index}, e.g. "
            "{stem}-{index:03d}-{slug}. Default: {stem}-{slug} for several recipients.",
            metavar="PATTERN",
        ),
    ] = None,
    width: Annotated[
        int,
        typer.Option(
            help="Plain text: wrap at this column; 0 for one line per paragraph.", metavar="N"
        ),
    ] = 72,
    paper: Annotated[
        str, typer.Option(help="Word and PDF: page size.", metavar="|".join(PAPERS))
    ] = PAPERS[0],
    pdf_engine: Annotated[
        str,
        typer.Option(
            help="PDF: typst sets the letter; libreoffice converts the Word letter "
            "(needs LibreOffice).",
            metavar="|".join(PDF_ENGINES),
        ),
    ] = PDF_ENGINES[0],
    pdf_standard: Annotated[
        str | None,
        typer.Option(
            help="PDF by typst: also PDF/UA-1 (ua-1) or PDF/A-2b (a-2b).",
            metavar="|".join(PDF_STANDARDS),
        ),
    ] = None,
    soffice: Annotated[
        Path | None,
        typer.Option(
            help="PDF by libreoffice: the program (default: soffice on PATH).",
            metavar="PROGRAM",
        ),
    ] = None,
    signatories: Annotated[
        Path | None,
        typer.Option(help="The signatories registry (default: the nearest one).", metavar="FILE"),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Worker processes. Default: the number of CPUs.", metavar="N"
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan; write nothing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the final summary.")] = False,
) -> None:
    """Render each case to DIR/<case-stem>.<ext> for every format asked.

    A case with several recipients (or --recipients) makes one letter per
    recipient, named <stem>-<recipient-slug>.<ext>. DIR/manifest.json records
    every letter's files and their SHA-256, keeping the entries of earlier runs
    whose files are still there. Nothing is written for a case or
    recipient with errors; the others still render, and the exit code is 1.
    """
    try:
        options = render_options(
            paths, output, formats or (), recipients, name, width, paper, soffice,
            signatories, jobs, dry_run, quiet, pdf_engine, pdf_standard,
            attach=attach or (), sender=sender,
        )  # fmt: skip
    except UsageError as exc:
        usage(str(exc))
    code = run(options)
    if code:
        raise typer.Exit(code)
