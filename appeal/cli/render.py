"""``appeal render``: case files to letters."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from appeal.cli.app import app, err, print_problems, report_error, usage
from appeal.cli.progress import progress_bar
from appeal.cli.quick import EXIT_INVALID, EXIT_OK
from appeal.errors import AppealError
from appeal.writers import DEFAULT_FORMATS, FORMATS, EmailOptions, WriteOptions, unknown_format

if TYPE_CHECKING:
    from appeal.bulk import Batch, Failure, Report


def _and(words: Sequence[str], last: str = "and") -> str:
    """``a, b and c``."""
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else "".join(words)


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


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
            help=f"Output format ({', '.join(FORMATS)}); repeat for several. "
            f"Default: {_and(DEFAULT_FORMATS)}.",
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
    chosen = tuple(formats or DEFAULT_FORMATS)
    why = unknown_format((*chosen, *(attach or ())))
    if why is not None:
        usage(why)
    if width < 0:
        usage("--width must be 0 or more")
    if jobs is not None and jobs < 1:
        usage("--jobs must be 1 or more")
    if output == "-" and (len(chosen) != 1 or FORMATS[chosen[0]].binary):
        text = [name for name, f in FORMATS.items() if not f.binary]
        usage(f"-o - prints one letter in one text format: add -f {_and(text, 'or')}")
    if sender is not None:
        from appeal.mail.errors import MailError
        from appeal.mail.message import parse_address

        try:
            parse_address(sender)
        except MailError as exc:
            usage(f"--from: {exc}")
    program = str(soffice) if soffice else None
    email = EmailOptions(attach=tuple(attach or ("pdf",)), sender=sender)
    write = WriteOptions(width=width, paper=paper.value, soffice=program, email=email)
    options = RenderOptions(
        paths=tuple(paths), output=output, formats=chosen, recipients=recipients, name=name,
        signatories=signatories, write=write, jobs=jobs or os.cpu_count() or 1,
        dry_run=dry_run, quiet=quiet,
    )  # fmt: skip
    code = run(options)
    if code:
        raise typer.Exit(code)


@dataclass(frozen=True)
class RenderOptions:
    """What ``appeal render`` was asked to do, its options checked."""

    paths: tuple[Path, ...]
    output: str = "out"
    """The output folder, or ``-`` for one letter on standard output."""
    formats: tuple[str, ...] = ()
    """Keys of :data:`~appeal.writers.FORMATS`; empty for the default formats."""
    recipients: Path | None = None
    name: str | None = None
    signatories: Path | None = None
    write: WriteOptions | None = None
    jobs: int = 1
    dry_run: bool = False
    quiet: bool = False


def run(options: RenderOptions) -> int:
    """Plan the letters, then print one, print the plan or write them all; the exit code."""
    batch = plan(options)
    if options.output == "-":
        return _to_stdout(batch)
    if options.dry_run:
        return _print_plan(batch)
    return write_all(batch, options.jobs, options.quiet)[0]


def plan(options: RenderOptions) -> Batch:
    """The letters planned, the case files' warnings printed."""
    from appeal.bulk import Batch

    try:
        batch = Batch(
            options.paths, output=options.output, formats=options.formats or None,
            recipients=options.recipients, name=options.name,
            signatories=options.signatories, options=options.write,
        )  # fmt: skip
    except AppealError as exc:
        usage(str(exc))
    print_problems(batch.warnings)
    return batch


def _to_stdout(batch: Batch) -> int:
    report_failures(batch.failures)
    if batch.failures:
        return EXIT_INVALID
    letters = list(batch.letters())
    if len(letters) != 1:
        usage(f"-o - prints one letter, but these paths make {len(letters)}")
    (letter,) = letters
    try:
        made = batch.render(letter)
    except AppealError as exc:
        report_error(exc)
        return EXIT_INVALID
    sys.stdout.write(made[letter.files[0][0]].decode("utf-8"))
    return EXIT_OK


def _print_plan(batch: Batch) -> int:
    for letter in batch.letters():
        files = ", ".join(str(path) for _, path in letter.files)
        print(f"{letter.case_file}: {letter.recipient_name} -> {files}")
    report_failures(batch.failures)
    return EXIT_INVALID if batch.failures else EXIT_OK


def write_all(batch: Batch, jobs: int, quiet: bool) -> tuple[int, Report | None]:
    """Write every letter and print a summary; the exit code, and the report of the run."""
    total = batch.count()
    show = not quiet and total > 5 and sys.stderr.isatty()
    try:
        with progress_bar(show, total, "rendering", "letters") as advance:
            report = batch.run(jobs=jobs, progress=advance)
    except AppealError as exc:
        report_error(exc)
        return EXIT_INVALID, None
    report_failures(report.failures)
    summary = (
        f"{report.letters} letter{'s' * (report.letters != 1)} "
        f"({report.files} file{'s' * (report.files != 1)}) written to {batch.output}"
    )
    if report.failures:
        summary += f"; {len(report.failures)} failed"
    err.print(summary, markup=False)
    return (EXIT_INVALID if report.failures else EXIT_OK), report


def report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        if failure.problems:
            print_problems(list(failure.problems))
        else:
            err.print(f"error: {failure.message}", markup=False)
