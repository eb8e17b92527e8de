"""The work of ``appeal render``, without typer.

One letter is most often made by a new process (a campaigner's command, an
editor, a pre-commit hook), where loading typer would take longer than the
letter. So a well-formed ``render`` command line is read here by
:func:`quick_options` and run straight away; anything else (``--help``, a
misspelt option, a value typer would convert or refuse, a usage error) goes
to typer's command in :mod:`appeal.cli.render`, which makes its options with
:func:`render_options` and runs the same :func:`run`.

Only what the asked formats need is imported: the Word writer for docx, the
process pool for several jobs and enough letters, Typst or LibreOffice's
driver for PDF.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appeal.cli.quick import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    missing,
    nothing_found,
    read_command_line,
)
from appeal.cli.report import print_problems, report, report_error, say
from appeal.errors import AppealError
from appeal.spec import PDF_STANDARDS
from appeal.writers import DEFAULT_PDF_ENGINE, ENGINES

if TYPE_CHECKING:
    from appeal.bulk import Batch, Failure, Letter, Report, WrittenFile
    from appeal.writers import WriteOptions

#: The choices of ``--paper``.
PAPERS = ("a4", "letter")
#: The choices of ``--pdf-engine``, the default first.
PDF_ENGINES = (DEFAULT_PDF_ENGINE, *ENGINES)


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


def listed(words: Sequence[str], last: str = "and") -> str:
    """``a, b and c``."""
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else "".join(words)


class UsageError(Exception):
    """Options that do not go together: the message for the user, and exit code 2."""


def render_options(
    paths: Sequence[Path],
    output: str = "out",
    formats: Sequence[str] = (),
    recipients: Path | None = None,
    name: str | None = None,
    width: int = 72,
    paper: str = "a4",
    soffice: Path | None = None,
    signatories: Path | None = None,
    jobs: int | None = None,
    dry_run: bool = False,
    quiet: bool = False,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
    pdf_standard: str | None = None,
    attach: Sequence[str] = (),
    sender: str | None = None,
) -> RenderOptions:
    """The options of ``appeal render`` as given on its command line, checked.

    Raises :class:`UsageError` when they do not go together.
    """
    from appeal.suggest import did_you_mean
    from appeal.writers import DEFAULT_FORMATS, FORMATS, EmailOptions, WriteOptions, unknown_format

    chosen = tuple(formats or DEFAULT_FORMATS)
    why = unknown_format((*chosen, *attach))
    if why is not None:
        raise UsageError(why)
    if width < 0:
        raise UsageError("--width must be 0 or more")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    if output == "-" and (len(chosen) != 1 or FORMATS[chosen[0]].binary):
        text = [name for name, f in FORMATS.items() if not f.binary]
        raise UsageError(f"-o - prints one letter in one text format: add -f {listed(text, 'or')}")
    for option, value, choices in (
        ("--paper", paper, PAPERS),
        ("--pdf-engine", pdf_engine, PDF_ENGINES),
        ("--pdf-standard", pdf_standard, PDF_STANDARDS),
    ):
        if value is not None and value not in choices:
            raise UsageError(
                f"{option} {value}: choose {listed(choices, 'or')}{did_you_mean(value, choices)}"
            )
    if pdf_standard is not None and pdf_engine != DEFAULT_PDF_ENGINE:
        raise UsageError("--pdf-standard needs --pdf-engine typst")
    if sender is not None:
        from appeal.mail.errors import MailError
        from appeal.mail.message import parse_address

        try:
            parse_address(sender)
        except MailError as exc:
            raise UsageError(f"--from: {exc}") from None
    program = str(soffice) if soffice else None
    email = EmailOptions(attach=tuple(attach or ("pdf",)), sender=sender)
    write = WriteOptions(
        width=width, paper=paper, soffice=program, pdf_engine=pdf_engine,
        pdf_standard=pdf_standard, email=email,
    )  # fmt: skip
    return RenderOptions(
        paths=tuple(paths), output=output, formats=chosen, recipients=recipients, name=name,
        signatories=signatories, write=write, jobs=jobs or os.cpu_count() or 1,
        dry_run=dry_run, quiet=quiet,
    )  # fmt: skip


def run(options: RenderOptions) -> int:
    """Plan the letters, then print one, print the plan or write them all; the exit code."""
    batch = plan(options)
    if isinstance(batch, int):
        return batch
    if options.output == "-":
        return _to_stdout(batch)
    if options.dry_run:
        return _print_plan(batch)
    return write_all(batch, options.jobs, options.quiet)[0]


def plan(options: RenderOptions) -> Batch | int:
    """The letters planned and the case files' warnings printed; or, when the
    options cannot make letters, the exit code (the reason said)."""
    from appeal.bulk import Batch

    why = missing(*options.paths, options.recipients, options.signatories)
    if why is not None:
        say(f"error: {why}")
        return EXIT_USAGE
    try:
        batch = Batch(
            options.paths, output=options.output, formats=options.formats or None,
            recipients=options.recipients, name=options.name,
            signatories=options.signatories, options=options.write,
        )  # fmt: skip
    except AppealError as exc:
        say(f"error: {exc}")
        return EXIT_USAGE
    print_problems(batch.warnings)
    if not batch.found:
        say(nothing_found(options.paths))
        return EXIT_INVALID
    return batch


def _to_stdout(batch: Batch) -> int:
    report_failures(batch.failures)
    if batch.failures:
        return EXIT_INVALID
    letters = list(batch.letters())
    if len(letters) != 1:
        say(f"error: -o - prints one letter, but these paths make {len(letters)}")
        return EXIT_USAGE
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


def write_all(
    batch: Batch,
    jobs: int,
    quiet: bool,
    written: Callable[[Letter, list[WrittenFile]], None] | None = None,
) -> tuple[int, Report | None]:
    """Write every letter and print a summary; the exit code, and the report of the run.

    ``written`` is told each letter's files as they are written.
    """
    total = batch.count()
    show = not quiet and total > 5 and sys.stderr.isatty()
    try:
        with progress_bar(show, total, "rendering", "letters") as advance:
            report = batch.run(jobs=jobs, progress=advance, written=written)
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
    say(summary)
    return (EXIT_INVALID if report.failures else EXIT_OK), report


def report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        report(failure.problems, failure.message)


@contextmanager
def progress_bar(
    show: bool, total: int, label: str, unit: str
) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on standard error (count, rate, time left) advanced by the
    yielded function, or nothing when ``show`` is false."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    start = time.monotonic()
    console = Console(stderr=True, highlight=False, soft_wrap=True)

    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(unit, total=total, rate="")

        def advance(done: int, _total: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-6)
            shown = f"{rate * 60:.0f} {unit}/min" if rate < 1 else f"{rate:.0f} {unit}/s"
            bar.update(task, completed=done, rate=shown)

        yield advance


# -- the quick path: a well-formed command line, read without typer ----------


#: Options of ``render`` by every spelling typer accepts (appeal.cli.render declares them).
_VALUED = {
    "-o": "output", "--output": "output", "-f": "formats", "--format": "formats",
    "--recipients": "recipients", "--name": "name", "--width": "width", "--paper": "paper",
    "--soffice": "soffice", "--signatories": "signatories", "-j": "jobs", "--jobs": "jobs",
    "--pdf-engine": "pdf_engine", "--pdf-standard": "pdf_standard",
    "--attach": "attach", "--from": "sender",
}  # fmt: skip
_FLAGS = {"--dry-run": ("dry_run", True), "-q": ("quiet", True), "--quiet": ("quiet", True)}
_PATHS = ("recipients", "soffice", "signatories")
_INTEGERS = ("width", "jobs")


def quick_options(argv: Sequence[str]) -> RenderOptions | None:
    """The options of a well-formed ``render`` command line, else None (typer decides).

    Only the plain spellings are read here: ``--name value``, ``--name=value``
    and ``-x value``. A value that typer would convert differently, or refuse,
    returns None too.
    """
    line = read_command_line(argv, "render", _VALUED, _FLAGS)
    if line is None or not line.paths:
        return None
    if any(not value or (value.startswith("-") and value != "-") for _, value in line.values):
        return None
    values = {key: value for key, value in line.values if key not in ("formats", "attach")}
    formats = [value for key, value in line.values if key == "formats"]
    attach = [value for key, value in line.values if key == "attach"]
    flags = line.flags
    numbers: dict[str, int] = {}
    for key in _INTEGERS:
        if key in values:
            if not (values[key].isascii() and values[key].isdigit()):
                return None
            numbers[key] = int(values[key])
    given = {key: Path(values[key]) for key in _PATHS if key in values}
    try:
        return render_options(
            line.paths,
            output=values.get("output", "out"),
            formats=tuple(formats),
            recipients=given.get("recipients"),
            name=values.get("name"),
            width=numbers.get("width", 72),
            paper=values.get("paper", "a4"),
            soffice=given.get("soffice"),
            signatories=given.get("signatories"),
            jobs=numbers.get("jobs"),
            dry_run=flags.get("dry_run", False),
            quiet=flags.get("quiet", False),
            pdf_engine=values.get("pdf_engine", DEFAULT_PDF_ENGINE),
            pdf_standard=values.get("pdf_standard"),
            attach=tuple(attach),
            sender=values.get("sender"),
        )
    except UsageError:
        return None  # typer reports it
