"""``appeal init`` and ``appeal new``: a guided start."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import app, report_error, usage
from appeal.cli.quick import EXIT_INVALID
from appeal.cli.report import say
from appeal.errors import AppealError
from appeal.suggest import closest


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The campaign folder.")] = Path("."),
) -> None:
    """Create a campaign folder: cases/ with an example, signatories.yaml,
    templates/ for your own templates, and a CI workflow that validates."""
    from appeal.campaign import init as make

    try:
        written, kept = make(folder)
    except AppealError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_INVALID) from None
    for path in written:
        say(f"created {path}")
    for path in kept:
        say(f"kept {path} (it exists)")
    say(
        f"next: cd {folder} && appeal render cases/ (letters in out/), "
        "or appeal new cases/<name>.yaml for a new letter"
    )


@app.command()
def new(
    case: Annotated[Path, typer.Argument(help="The case file to write.", show_default=False)],
    subject: Annotated[str | None, typer.Option(help='Printed as "RE: subject".')] = None,
    recipient: Annotated[str | None, typer.Option(help="The recipient's full name.")] = None,
    title: Annotated[str | None, typer.Option(help="The recipient's office.")] = None,
    signatory: Annotated[
        list[str] | None,
        typer.Option("--signatory", "-s", help="A signatory id; repeat for several."),
    ] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD; default today.")] = None,
    place: Annotated[str | None, typer.Option(help="Where the letter is sent from.")] = None,
    lang: Annotated[
        str | None, typer.Option(help="The letter's language tag (fr, de, pt-BR, …); default en.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a new case file, asking for what is not given as an option.

    The file validates once its paragraphs (grounds, demands) are written.
    """
    from appeal.campaign import NewCase, write_case
    from appeal.registry import find_registry, load_registry

    registry_path = find_registry(case.parent if case.parent.exists() else Path.cwd())
    known = list(load_registry(registry_path).entries) if registry_path else []
    subject = subject or _ask("Subject (printed as RE: …)")
    recipient = recipient or _ask("Recipient's full name")
    if title is None and _interactive():
        title = typer.prompt("Recipient's title (Enter for none)", default="", show_default=False)
    ids = signatory or [
        s.strip()
        for s in _ask(
            f"Signatories, by id, separated by commas ({', '.join(known) or 'no registry found'})"
        ).split(",")
        if s.strip()
    ]
    unknown = [s for s in ids if s not in known]
    if unknown:
        hints = [
            f"{s} (did you mean {close}?)" if (close := closest(s, known)) else s
            for s in unknown
        ]  # fmt: skip
        usage(f"not in the registry: {', '.join(hints)}")
    if lang:
        lang = _language(lang, case.parent if case.parent.exists() else Path.cwd())
    try:
        when = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        usage(f"--date {date}: write the date as YYYY-MM-DD")
    try:
        write_case(
            case,
            NewCase(subject, recipient, title or None, tuple(ids), when, place, lang),
            force=force,
        )
    except AppealError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_INVALID) from None
    say(f"created {case}: write its grounds and demands, then appeal validate {case}")


def _language(lang: str, folder: Path) -> str:
    """``lang`` as a tag the built-in template has words for, or a usage error."""
    from appeal.templating.languages import LanguageTagError, parse_tag
    from appeal.templating.lookup import DEFAULT_TEMPLATE
    from appeal.templating.translations import has_words, languages

    try:
        tag = str(parse_tag(lang))
    except LanguageTagError as exc:
        hint = f"; did you mean {exc.suggestion}?" if exc.suggestion else ""
        usage(f"--lang {lang}: {exc}{hint}")
    if not has_words(DEFAULT_TEMPLATE, folder, tag):
        known = ", ".join(languages(DEFAULT_TEMPLATE, folder))
        usage(f"--lang {lang}: the letter template has no words for it; it has {known}")
    return tag


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(question: str) -> str:
    if not _interactive():
        usage(f"{question}: give it as an option (see appeal new --help)")
    answer: str = typer.prompt(question).strip()
    return answer or _ask(question)
