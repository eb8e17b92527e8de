"""``appeal init`` and ``appeal new``: a guided start."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from appeal.cli.app import Command, app, report_error, usage
from appeal.cli.quick import EXIT_INVALID
from appeal.cli.report import say
from appeal.errors import AppealError
from appeal.suggest import closest, did_you_mean, hint


@app.command(cls=Command)
def init(
    folder: Annotated[Path, typer.Argument(help="The campaign folder.", metavar="DIR")] = Path("."),
) -> None:
    """Create a campaign folder: cases/ with an example, signatories.yaml,
    templates/ for your own templates, and a CI workflow that validates."""
    from appeal.campaign import init as make

    try:
        written, kept = make(folder)
    except AppealError as exc:
        report_error(exc)
        raise typer.Exit(EXIT_INVALID) from None
    from appeal.install import origin

    for path in written:
        say(f"created {path}")
    for path in kept:
        say(f"kept {path} (it exists)")
    if folder / "signatories.yaml" in written:
        say(
            f"edit {folder / 'signatories.yaml'}: it lists the organisations of the example "
            "letter; put your coalition's there, each under the id cases will use"
        )
    installed = origin()
    if folder / ".github" / "workflows" / "appeal.yml" in written and not installed.portable:
        say(
            "note: this appeal was installed from a folder on this computer, so the workflow "
            f"runs {installed.command}, which works once that version is on PyPI; until then, "
            "replace that line with an install from the git repository (see the README)"
        )
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    say(
        f"next: {go}appeal render cases/ (letters in out/), "
        "or appeal new cases/<name>.yaml for a new letter"
    )


@app.command(cls=Command)
def new(
    case: Annotated[
        Path, typer.Argument(help="The case file to write.", show_default=False, metavar="CASE")
    ],
    subject: Annotated[
        str | None, typer.Option(help='Printed as "RE: subject".', metavar="TEXT")
    ] = None,
    recipient: Annotated[
        str | None, typer.Option(help="The recipient's full name.", metavar="NAME")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The recipient's office.", metavar="TEXT")
    ] = None,
    signatory: Annotated[
        list[str] | None,
        typer.Option("--signatory", "-s", help="A signatory id; repeat for several.", metavar="ID"),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="The letter's date; default today.", metavar="YYYY-MM-DD")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Where the letter is sent from.", metavar="PLACE")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            help="The letter's language tag (fr, de, pt-BR, …); default en.", metavar="TAG"
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a new case file, asking for what is not given as an option.

    Signatory ids may be separated by commas or spaces (amnesty, cpj hrw). An
    answer that cannot be used is asked again with the reason. The file
    validates once its paragraphs (grounds, demands) are written.
    """
    from appeal.campaign import NewCase, write_case
    from appeal.registry import find_registry, load_registry

    if case.exists() and not force:
        say(f"error: {case} exists already; choose another name or pass --force")
        raise typer.Exit(EXIT_INVALID)
    folder = case.parent if case.parent.exists() else Path.cwd()
    registry_path = find_registry(folder)
    if registry_path is None:
        usage(
            f"no signatories.yaml was found in {folder.resolve()} or a folder above it; run "
            "appeal new in a campaign folder (appeal init makes one)"
        )
    known = list(load_registry(registry_path).entries)
    if not known:
        usage(f"{registry_path} lists no organisation yet; add your coalition's first")
    if lang:
        lang = _language(lang, folder)
    try:
        when = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        usage(f"--date {date}: write the date as YYYY-MM-DD")
    ids = [i for value in signatory or [] for i in _ids(value)]
    if signatory and (why := _unknown_ids(ids, known, registry_path)):
        usage(why)
    subject = subject or _ask("Subject (printed as RE: …)", "the letter's subject")
    recipient = recipient or _ask("Recipient's full name", "the name the letter is addressed to")
    if title is None and _interactive():
        title = typer.prompt("Recipient's title (Enter for none)", default="", show_default=False)
    while not ids:
        answer = _ask(
            f"Signatories, by id, separated by commas or spaces ({', '.join(known)})",
            "at least one signatory",
        )
        why = _unknown_ids(_ids(answer), known, registry_path)
        if why is None:
            ids = _ids(answer)
        else:
            say(f"{why}; try again")
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


#: How many of a registry's ids a message lists.
LISTED = 12


def _ids(answer: str) -> list[str]:
    """Signatory ids as typed: ``amnesty, cpj hrw`` is three."""
    return [i for i in re.split(r"[\s,;]+", answer) if i]


def _unknown_ids(ids: list[str], known: list[str], registry: Path) -> str | None:
    unknown = [i for i in ids if i not in known]
    if not unknown:
        return None
    near = {i: closest(i, known) for i in unknown}
    hints = [f"'{i}'{hint(close)}" for i, close in near.items()]
    if all(near.values()):
        return f"not in {registry}: {', '.join(hints)}"
    # Nothing near to suggest: say what the registry has, and where a new one goes.
    listed = ", ".join(known[:LISTED]) + (
        f" and {len(known) - LISTED} more" if len(known) > LISTED else ""
    )
    return (
        f"not in {registry}: {', '.join(hints)} (it has {listed or 'none'}); "
        "add an entry for a new signatory there"
    )


def _language(lang: str, folder: Path) -> str:
    """``lang`` as a tag the built-in template has words for, or a usage error."""
    from appeal.templating.languages import LanguageTagError, parse_tag
    from appeal.templating.lookup import DEFAULT_TEMPLATE
    from appeal.templating.translations import has_words, languages

    try:
        tag = str(parse_tag(lang))
    except LanguageTagError as exc:
        meant = hint(exc.suggestion)
        usage(f"--lang {lang}: {exc}{meant}")
    if not has_words(DEFAULT_TEMPLATE, folder, tag):
        known = languages(DEFAULT_TEMPLATE, folder)
        usage(
            f"--lang {lang}: the letter template has no words for it"
            f"{did_you_mean(tag, known)} (it has {', '.join(known)})"
        )
    return tag


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(question: str, needed: str) -> str:
    if not _interactive():
        usage(f"{question}: give it as an option (see appeal new --help)")
    while True:
        answer: str = typer.prompt(question, default="", show_default=False).strip()
        if answer:
            return answer
        say(f"an answer is needed here: {needed}")
