"""``appeal render``: case files to letters."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from appeal.cli.app import app, err, print_problems, report_error, usage
from appeal.cli.lint import EXIT_INVALID
from appeal.errors import AppealError

if TYPE_CHECKING:
    from appeal.bulk import Batch, Failure


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


def _formats() -> list[str]:
    from appeal.writers import DEFAULT_FORMATS

    return list(DEFAULT_FORMATS)


@app.command()
def render(
    paths: Annotated[
        list[Path], typer.Argument(help="Case files, or folders of them.", show_default=False)
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output folder, or - for standard output.")
    ] = "out",
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "-f",
            "--format",
            help="Output format (docx, md, txt, html, pdf, eml); repeat for several. "
            "Default: docx, md and txt.",
        ),
    ] = None,
    attach: Annotated[
        list[str] | None,
        typer.Option(
            "--attach",
            help="eml: a format to attach to each message (pdf, docx, …); repeat for "
            "several. Default: pdf.",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--from", help="eml: the sender, 'Name <address>' or an address."),
    ] = None,
    recipients: Annotated[
        Path | None,
        typer.Option(help="A recipient list (CSV or YAML): one letter per recipient."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Output name pattern from {stem}, {slug} and {index}, e.g. "
            "{stem}-{index:03d}-{slug}. Default: {stem}-{slug} for several recipients.",
        ),
    ] = None,
    width: Annotated[
        int, typer.Option(help="Plain text: wrap at this column; 0 for one line per paragraph.")
    ] = 72,
    paper: Annotated[Paper, typer.Option(help="Word: page size.")] = Paper.a4,
    soffice: Annotated[
        Path | None,
        typer.Option(help="PDF: the LibreOffice program (default: soffice on PATH)."),
    ] = None,
    signatories: Annotated[
        Path | None, typer.Option(help="The signatories registry (default: the nearest one).")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes. Default: the number of CPUs."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan; write nothing.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the final summary.")] = False,
) -> None:
    """Render each case to DIR/<case-stem>.<ext> for every format asked.

    A case with several recipients (or --recipients) makes one letter per
    recipient, named <stem>-<recipient-slug>.<ext>. DIR/manifest.json records
    every letter's files and their SHA-256. Nothing is written for a case or
    recipient with errors; the others still render, and the exit code is 1.
    """
    from appeal.bulk import Batch
    from appeal.writers import FORMATS, EmailOptions, WriteOptions

    chosen = formats or _formats()
    unknown = [f for f in chosen + (attach or []) if f not in FORMATS]
    if unknown:
        usage(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if width < 0:
        usage("--width must be 0 or more")
    if jobs is not None and jobs < 1:
        usage("--jobs must be 1 or more")
    to_stdout = output == "-"
    if to_stdout and (len(chosen) != 1 or FORMATS[chosen[0]].binary):
        usage("-o - prints one letter in one text format: add -f md, txt or html")
    program = str(soffice) if soffice else None
    email = EmailOptions(sender=sender)
    if attach:
        email = EmailOptions(attach=tuple(attach), sender=sender)
    options = WriteOptions(width=width, paper=paper.value, soffice=program, email=email)
    try:
        batch = Batch(
            paths, output=output, formats=chosen, recipients=recipients, name=name,
            signatories=signatories, options=options,
        )  # fmt: skip
    except AppealError as exc:
        usage(str(exc))
    print_problems(batch.warnings)
    if to_stdout:
        _to_stdout(batch)
    elif dry_run:
        _print_plan(batch)
    else:
        _run(batch, jobs or os.cpu_count() or 1, quiet)


def _to_stdout(batch: Batch) -> None:
    _report_failures(batch.failures)
    letters = list(batch.letters())
    if len(letters) != 1 or batch.failures:
        if batch.failures:
            raise typer.Exit(EXIT_INVALID)
        usage(f"-o - prints one letter, but these paths make {len(letters)}")
    from appeal.rendering import render_bytes

    (letter,) = letters
    case = batch.cases[letter.case]
    fmt = letter.files[0][0]
    try:
        data = render_bytes(case, fmt, case.recipients[letter.recipient], batch.options)
    except AppealError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_INVALID) from None
    sys.stdout.write(data.decode("utf-8"))


def _print_plan(batch: Batch) -> None:
    for letter in batch.letters():
        files = ", ".join(str(path) for _, path in letter.files)
        print(f"{letter.case_file}: {letter.recipient_name} -> {files}")
    _report_failures(batch.failures)
    if batch.failures:
        raise typer.Exit(EXIT_INVALID)


def _run(batch: Batch, jobs: int, quiet: bool) -> None:
    total = batch.count()
    show = not quiet and total > 5 and sys.stderr.isatty()
    try:
        with _progress(show, total) as advance:
            report = batch.run(jobs=jobs, progress=advance)
    except AppealError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_INVALID) from None
    _report_failures(report.failures)
    summary = (
        f"{report.letters} letter{'s' * (report.letters != 1)} "
        f"({report.files} file{'s' * (report.files != 1)}) written to {batch.output}"
    )
    if report.failures:
        summary += f"; {len(report.failures)} failed"
    err.print(summary, markup=False)
    if report.failures:
        raise typer.Exit(EXIT_INVALID)


def _report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        if failure.problems:
            print_problems(list(failure.problems))
        else:
            err.print(f"error: {failure.message}", markup=False)


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on standard error (count, rate, time left), or nothing."""
    if not show:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    start = time.monotonic()

    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("letters", total=total, rate="")

        def advance(done: int, _total: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-6)
            bar.update(task, completed=done, rate=f"{rate:.0f} letters/s")

        yield advance
