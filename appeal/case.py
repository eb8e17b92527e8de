"""The typed model of a case, and its loading and checking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from appeal import rules
from appeal.errors import CaseError
from appeal.problems import Problem
from appeal.registry import Registry, Signatory, find_registry, load_registry, optional_text
from appeal.source import Source, compose, read_source
from appeal.templating.languages import canonical
from appeal.templating.lookup import DEFAULT_TEMPLATE
from appeal.templating.translations import DEFAULT_LANG


@dataclass(frozen=True)
class Recipient:
    name: str
    title: str | None = None
    organisation: str | None = None
    address: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    salutation: str | None = None


@dataclass(frozen=True)
class SignatoryGroup:
    """Signatories under a heading (``Organisations``), or under none."""

    heading: str | None
    signatories: tuple[Signatory, ...]


@dataclass(frozen=True)
class Citation:
    key: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class Email:
    """The case's settings for the email message of its letters."""

    subject: str | None = None
    cc: tuple[str, ...] = ()
    """Addresses a copy of each message goes to: the letter's cc: people's (unless
    ``letter_cc: false``) and those of ``email: cc:``."""
    cover: tuple[str, ...] = ()
    """Paragraphs of plain text: the message's body instead of the letter."""


@dataclass(frozen=True)
class Case:
    """A checked case: every field present and of the right type."""

    file: str
    folder: Path
    date: dt.date
    subject: str | None
    recipients: tuple[Recipient, ...]
    """One letter each (``recipients:``, or the one ``recipient:``)."""
    grounds: tuple[str, ...]
    demands: tuple[str, ...]
    signatory_groups: tuple[SignatoryGroup, ...]
    addressees: tuple[Recipient, ...] = ()
    """Everyone ONE letter is addressed to (``recipient:`` as a list)."""
    title: str | None = None
    to: str | None = None
    """A line over the address blocks, as written ("To:")."""
    reference: str | None = None
    via: tuple[str, ...] = ()
    salutation: str | Literal[False] | None = None
    """The whole letter's greeting; False for none."""
    cc: tuple[str, ...] = ()
    enclosures: tuple[str, ...] = ()
    place: str | None = None
    dateline: bool = True
    """False: the letter prints no date line (the date stays in its properties)."""
    conclusion: tuple[str, ...] = ()
    closing: str | Literal[False] | None = None
    """None for the language's default; False for none."""
    citations: tuple[Citation, ...] = ()
    template: str = DEFAULT_TEMPLATE
    author: str | None = None
    lang: str = DEFAULT_LANG
    email: Email = Email()
    pdf_standard: str | None = None
    """``pdf: standard:``: the standard the PDF meets (``ua-1``, ``a-2b``), unless the
    command line asks for another."""
    warnings: tuple[Problem, ...] = ()

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        """Every signatory, groups in order."""
        return tuple(s for group in self.signatory_groups for s in group.signatories)

    @property
    def letters(self) -> tuple[Recipient | None, ...]:
        """Whom each letter of the case is to: a recipient, or None for the one letter
        to the case's addressees (or to no one: an open letter, a statement)."""
        return self.recipients or (None,)

    def addressed_to(self, recipient: Recipient | None) -> tuple[Recipient, ...]:
        """Whom the letter to ``recipient`` (one of :attr:`letters`) is addressed to:
        that recipient, or for the case's one letter its addressees."""
        return (recipient,) if recipient is not None else self.addressees


@dataclass
class Validated:
    """A case file read and validated: its source, registry and problems."""

    source: Source
    registry: Registry | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


def validate_file(
    path: Path, *, signatories: Path | None = None, display: str | None = None
) -> Validated:
    """Read ``path`` and run every rule on it."""
    return validate_source(read_source(path, display), path.parent, signatories=signatories)


def validate_text(
    text: str, file: str = "<case>", *, folder: Path | None = None, signatories: Path | None = None
) -> Validated:
    """Validate case-file text that is not on disk (tests, editors, scripts)."""
    return validate_source(compose(text, file), folder or Path.cwd(), signatories=signatories)


def validate_source(src: Source, folder: Path, *, signatories: Path | None = None) -> Validated:
    registry_path = signatories or find_registry(folder)
    registry = load_registry(registry_path) if registry_path else None
    ctx = rules.Context(
        source=src,
        registry=registry,
        registry_path=registry_path,
        folder=folder,
    )
    return Validated(src, registry, rules.run(ctx))


def load_case(path: str | Path, *, signatories: str | Path | None = None) -> Case:
    """Load, validate and type a case file.

    Raises :class:`~appeal.errors.CaseError` carrying every problem found
    when the file has errors; warnings are kept on the returned case.
    """
    path = Path(path)
    checked = validate_file(path, signatories=Path(signatories) if signatories else None)
    return from_validated(checked, path.parent)


def from_validated(checked: Validated, folder: Path) -> Case:
    if not checked.ok:
        errors = sum(1 for p in checked.problems if p.is_error)
        raise CaseError(
            f"{checked.source.file}: {errors} error{'s' * (errors != 1)}", checked.problems
        )
    return _build(checked.source.data, checked, folder)


def _build(data: dict[str, Any], checked: Validated, folder: Path) -> Case:
    entries = checked.registry.entries if checked.registry else {}
    raw = data["signatories"]
    groups = raw.items() if isinstance(raw, dict) else [(None, raw)]
    signatory_groups = tuple(
        SignatoryGroup(
            heading.strip() if isinstance(heading, str) else None,
            tuple(_signatory(item, entries) for item in items),
        )
        for heading, items in groups
    )
    addressed = data.get("recipient")
    if isinstance(addressed, dict):
        recipients: tuple[Recipient, ...] = (recipient_from_mapping(addressed),)
        addressees = recipients
    else:
        recipients = tuple(recipient_from_mapping(r) for r in data.get("recipients") or ())
        addressees = tuple(recipient_from_mapping(r) for r in addressed or ())
    citations = tuple(
        Citation(key, item["text"].strip(), optional_text(item.get("url")))
        if isinstance(item, dict)
        else Citation(key, item.strip())
        for key, item in (data.get("citations") or {}).items()
    )
    return Case(
        file=checked.source.file,
        folder=folder,
        date=_date(data["date"]),
        subject=optional_text(data.get("subject")),
        recipients=recipients,
        grounds=_lines(data["grounds"]),
        demands=_lines(data["demands"]),
        signatory_groups=signatory_groups,
        addressees=addressees,
        title=optional_text(data.get("title")),
        to=optional_text(data.get("to")),
        reference=optional_text(data.get("reference")),
        via=_lines(data.get("via")),
        salutation=_optional(data.get("salutation")),
        cc=tuple(_cc_line(item) for item in data.get("cc") or ()),
        enclosures=_lines(data.get("enclosures")),
        place=optional_text(data.get("place")),
        dateline=data.get("dateline") is not False,
        conclusion=_lines(data.get("conclusion")),
        closing=_optional(data.get("closing")),
        citations=citations,
        template=optional_text(data.get("template")) or DEFAULT_TEMPLATE,
        author=optional_text(data.get("author")),
        lang=canonical(lang) if (lang := optional_text(data.get("lang"))) else DEFAULT_LANG,
        email=_email(data.get("email") or {}, data.get("cc") or []),
        pdf_standard=(data.get("pdf") or {}).get("standard"),
        warnings=tuple(checked.problems),
    )


def _email(data: dict[str, Any], letter_cc: list[str | dict[str, Any]]) -> Email:
    """The email settings; copies go to the letter's cc: people who have addresses."""
    people = [] if data.get("letter_cc") is False else letter_cc
    copies = [a for item in people if isinstance(item, dict) for a in _lines(item.get("email"))]
    cc = tuple(dict.fromkeys((*copies, *_lines(data.get("cc")))))
    return Email(optional_text(data.get("subject")), cc, _lines(data.get("cover")))


def _signatory(item: str | dict[str, Any], entries: dict[str, Signatory]) -> Signatory:
    if isinstance(item, str):
        return entries[item.strip()]
    if "id" in item:
        entry = entries[item["id"].strip()]
        return replace(
            entry,
            name=optional_text(item.get("name")) or entry.name,
            qualifier=optional_text(item.get("qualifier")) or entry.qualifier,
        )
    return Signatory.from_mapping(item)


def _optional(value: object) -> str | Literal[False] | None:
    """A one-line field that may be ``false`` (none at all) or absent (the default)."""
    return False if value is False else optional_text(value)


def _cc_line(item: str | dict[str, Any]) -> str:
    """A copy's line: as written, or a person's name, title and organisation."""
    if isinstance(item, str):
        return item.strip()
    parts = (item.get(key) for key in ("name", "title", "organisation"))
    return ", ".join(p for p in (optional_text(x) for x in parts) if p)


def recipient_from_mapping(data: dict[str, Any]) -> Recipient:
    """A recipient from its checked mapping (a case, a CSV row, a YAML list)."""
    return Recipient(
        name=data["name"].strip(),
        title=optional_text(data.get("title")),
        organisation=optional_text(data.get("organisation")),
        address=_lines(data.get("address")),
        email=_lines(data.get("email")),
        salutation=optional_text(data.get("salutation")),
    )


def _date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value.strip())


def _lines(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(v.strip() for v in items if isinstance(v, str) and v.strip())
