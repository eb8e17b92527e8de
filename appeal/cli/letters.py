"""The work of ``appeal render``, without typer.

One letter is most often made by a new process (a campaigner's command, an
editor, a pre-commit hook), where loading typer would take longer than the
letter. So a well-formed ``render`` command line is read here by
:func:`quick_options` and run straight away; anything else (``--help``, a
misspelt option, a value typer would convert or refuse) goes to typer's
command in :mod:`appeal.cli.render`, which reports usage errors and runs the
same :func:`run`.

Only what the asked formats need is imported: the Word writer for docx, the
process pool for several jobs and enough letters, LibreOffice's driver for
PDF.
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

from appeal.cli.lint import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from appeal.cli.report import print_problems, report_error, say
from appeal.errors import AppealError

if TYPE_CHECKING:
    from appeal.bulk import Batch, Failure

#: The choices of ``--paper``.
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class RenderOptions:
    paths: tuple[Path, ...]
    output: str = "out"
    formats: tuple[str, ...] = ()
    """Empty for the default formats."""
    recipients: Path | None = None
    name: str | None = None
    width: int = 72
    paper: str = "a4"
    soffice: Path | None = None
    signatories: Path | None = None
    jobs: int | None = None
    dry_run: bool = False
    quiet: bool = False


class _Usage(Exception):
    """A usage error: its message is printed and the exit code is 2."""


def run(options: RenderOptions) -> int:
    """Plan, render and write the letters, printing as ``appeal render`` does; the exit code."""
    try:
        return _run(options)
    except _Usage as exc:
        say(f"error: {exc}")
        return EXIT_USAGE


def _run(options: RenderOptions) -> int:
    from appeal.bulk import Batch
    from appeal.writers import DEFAULT_FORMATS, FORMATS, WriteOptions

    chosen = list(options.formats or DEFAULT_FORMATS)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise _Usage(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if options.width < 0:
        raise _Usage("--width must be 0 or more")
    if options.jobs is not None and options.jobs < 1:
        raise _Usage("--jobs must be 1 or more")
    to_stdout = options.output == "-"
    if to_stdout and (len(chosen) != 1 or FORMATS[chosen[0]].binary):
        raise _Usage("-o - prints one letter in one text format: add -f md, txt or html")
    program = str(options.soffice) if options.soffice else None
    write = WriteOptions(width=options.width, paper=options.paper, soffice=program)
    try:
        batch = Batch(
            options.paths, output=options.output, formats=chosen,
            recipients=options.recipients, name=options.name,
            signatories=options.signatories, options=write,
        )  # fmt: skip
    except AppealError as exc:
        raise _Usage(str(exc)) from None
    print_problems(batch.warnings)
    if to_stdout:
        return _to_stdout(batch)
    if options.dry_run:
        return _print_plan(batch)
    return _write(batch, options.jobs or os.cpu_count() or 1, options.quiet)


def _to_stdout(batch: Batch) -> int:
    _report_failures(batch.failures)
    letters = list(batch.letters())
    if len(letters) != 1 or batch.failures:
        if batch.failures:
            return EXIT_INVALID
        raise _Usage(f"-o - prints one letter, but these paths make {len(letters)}")
    from appeal.rendering import render_bytes

    (letter,) = letters
    case = batch.cases[letter.case]
    fmt = letter.files[0][0]
    try:
        data = render_bytes(case, fmt, case.recipients[letter.recipient], batch.options)
    except AppealError as exc:
        report_error(exc)
        return EXIT_INVALID
    sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK


def _print_plan(batch: Batch) -> int:
    for letter in batch.letters():
        files = ", ".join(str(path) for _, path in letter.files)
        print(f"{letter.case_file}: {letter.recipient_name} -> {files}")
    _report_failures(batch.failures)
    return EXIT_INVALID if batch.failures else EXIT_OK


def _write(batch: Batch, jobs: int, quiet: bool) -> int:
    total = batch.count()
    show = not quiet and total > 5 and sys.stderr.isatty()
    try:
        with _progress(show, total) as advance:
            report = batch.run(jobs=jobs, progress=advance)
    except AppealError as exc:
        report_error(exc)
        return EXIT_INVALID
    _report_failures(report.failures)
    summary = (
        f"{report.letters} letter{'s' * (report.letters != 1)} "
        f"({report.files} file{'s' * (report.files != 1)}) written to {batch.output}"
    )
    if report.failures:
        summary += f"; {len(report.failures)} failed"
    say(summary)
    return EXIT_INVALID if report.failures else EXIT_OK


def _report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        if failure.problems:
            print_problems(failure.problems)
        else:
            say(f"error: {failure.message}")


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on standard error (count, rate, time left), or nothing."""
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
        TextColumn("rendering"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    start = time.monotonic()
    console = Console(stderr=True, highlight=False, soft_wrap=True)

    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("letters", total=total, rate="")

        def advance(done: int, _total: int) -> None:
            rate = done / max(time.monotonic() - start, 1e-6)
            bar.update(task, completed=done, rate=f"{rate:.0f} letters/s")

        yield advance


# -- the quick path: a well-formed command line, read without typer ----------


#: Options of ``render`` by every spelling typer accepts (appeal.cli.render declares them).
_VALUED = {
    "-o": "output", "--output": "output", "-f": "formats", "--format": "formats",
    "--recipients": "recipients", "--name": "name", "--width": "width", "--paper": "paper",
    "--soffice": "soffice", "--signatories": "signatories", "-j": "jobs", "--jobs": "jobs",
}  # fmt: skip
_FLAGS = {"--dry-run": "dry_run", "-q": "quiet", "--quiet": "quiet"}
_PATHS = ("recipients", "soffice", "signatories")
_INTEGERS = ("width", "jobs")


def quick_options(argv: Sequence[str]) -> RenderOptions | None:
    """The options of a well-formed ``render`` command line, else None (typer decides).

    Only the plain spellings are read here: ``--name value``, ``--name=value``
    and ``-x value``. A value that typer would convert differently, or refuse,
    returns None too.
    """
    if not argv or argv[0] != "render":
        return None
    paths: list[Path] = []
    values: dict[str, str] = {}
    formats: list[str] = []
    flags: dict[str, bool] = {}
    args = list(argv[1:])
    while args:
        arg = args.pop(0)
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if arg == "--":
            paths.extend(Path(a) for a in args)
            break
        if arg in _FLAGS:
            flags[_FLAGS[arg]] = True
        elif name in _VALUED and (eq or args):
            value = value if eq else args.pop(0)
            if not value or (value.startswith("-") and value != "-"):
                return None
            key = _VALUED[name]
            if key == "formats":
                formats.append(value)
            else:
                values[key] = value
        elif arg.startswith("-"):
            return None
        else:
            paths.append(Path(arg))
    if not paths or values.get("paper", "a4") not in PAPERS:
        return None
    numbers: dict[str, int] = {}
    for key in _INTEGERS:
        if key in values:
            digits = values[key].removeprefix("-")
            if not (digits.isascii() and digits.isdigit()):
                return None
            numbers[key] = int(values[key])
    given = {key: Path(values[key]) for key in _PATHS if key in values}
    return RenderOptions(
        paths=tuple(paths),
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
    )
