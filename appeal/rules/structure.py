"""Sections, keys and types, checked against :mod:`appeal.spec`.

One walk of the file finds all structural problems; each rule below reports
those of its own id, so that every id is documented and listed on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from appeal import spec
from appeal.problems import Level, Problem
from appeal.rules import Context, rule
from appeal.source import PathKey, Source
from appeal.spec import Field, Kind
from appeal.suggest import closest, did_you_mean
from appeal.syntax import quoted


def _walked(rule_id: str, doc: str, level: Level = Level.ERROR) -> None:
    """Register ``rule_id``, documented by ``doc``: its problems are those of its id
    that the one walk of the file found."""

    def check(ctx: Context) -> Iterator[Problem]:
        return (p for p in ctx.structure if p.rule == rule_id)

    check.__doc__ = doc
    rule(rule_id, level)(check)


_walked(
    "not-a-case",
    """The file's top level is not a mapping of sections.

    A case file starts with keys such as ``date:``, ``subject:`` and
    ``recipient:``; a file whose top level is a list or a single value is not
    a case file.
    """,
)

_walked(
    "missing-section",
    """A required section or field is missing.

    A case needs ``date``, ``grounds``, ``demands`` and ``signatories``; a
    recipient needs a ``name``; a citation given as a mapping needs ``text``;
    an inline signatory needs ``name``. A letter addressed to several people
    at once (``recipient:`` given as a list) needs a top-level
    ``salutation:`` ("Your Excellencies") or ``salutation: false``.
    """,
)

_walked(
    "unaddressed-letter",
    """The letter has neither a recipient nor a title, so nothing says what it is.

    An open letter or a statement has no address block, but then a
    ``title:`` ("Joint statement on …") says what it is; a letter to someone
    names them with ``recipient:``.
    """,
    Level.WARNING,
)

_walked(
    "unknown-key",
    """A key that a case file does not have, usually a typo.

    ``demads:`` would otherwise leave the demands out of the letter without a
    word; the message suggests the nearest known key.
    """,
)

_walked(
    "conflicting-sections",
    """Both ``recipient`` and ``recipients`` are given; keep one of them.

    ``recipient:`` (one mapping, or a list of them) makes ONE letter,
    addressed to everyone listed; ``recipients:`` makes ONE LETTER EACH.
    """,
)

_walked(
    "wrong-type",
    """A value of the wrong kind.

    A number or yes/no where text is expected (YAML reads ``title: 1984`` as a
    number and ``NO`` as false: put such values in quotes), a mapping where a
    list is expected, or a line break or a tab in a one-line field such as a
    name (a tab cannot print as written: each format would show it as a space
    or jump to a tab stop).
    """,
)

_walked(
    "empty-value",
    """A key with no value, an empty list or a blank paragraph.

    An empty field would print a blank in the letter; give a value or remove
    the line.
    """,
)

_walked(
    "unknown-pdf-standard",
    """A ``pdf: standard:`` that is not one of the standards the PDF can meet.

    ``ua-1`` makes the PDF PDF/UA-1 (for screen readers), ``a-2b`` PDF/A-2b
    (for archives); every PDF is tagged either way. The message suggests the
    nearest of them for a typo such as ``ua1``. ``--pdf-standard`` on the
    command line overrides the case's.
    """,
)

_walked(
    "invalid-citation-key",
    """A citation key that cannot be cited as ``[^key]``.

    Keys are letters, digits, ``-`` and ``_``, starting with a letter or digit.
    """,
)


_CITATION_KEY = re.compile(spec.CITATION_KEY)


def validate_structure(src: Source) -> list[Problem]:
    """Every structural problem of a case file."""
    if src.data is None and src.problems:
        return []  # the YAML reader has said why there is nothing to check
    if src.data is None:
        # A document that is YAML null ("---", "~", "!!null ''"): libyaml places
        # an empty one after the end of the text, so point at the file's start.
        message = (
            "a case file is a mapping of sections (date:, subject:, recipient:, …), "
            "but this file's only document is empty (YAML null)"
        )
        return [Problem(src.file, 1, 1, "not-a-case", message)]
    walk = StructureWalk(src)
    if not isinstance(src.data, dict):
        found = _describe(src.data)
        walk.add(
            (),
            "not-a-case",
            f"a case file is a mapping of sections (date:, subject:, "
            f"recipient:, …), but this file's top level is {found}",
        )
        return walk.problems
    data = dict(src.data)
    for parent, keys in _unindented(data):
        for key in (parent, *keys):  # one mistake, reported once
            del data[key]
        names = [f"'{k}'" for k in keys]
        these = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        verb, it = ("belong", "them") if len(keys) > 1 else ("belongs", "it")
        walk.add(
            (keys[0],),
            "unknown-key",
            f"{these} {verb} under '{parent}:' above; indent {it} by two spaces",
            on_key=True,
        )
    walk.mapping((), data, spec.CASE, "the case")
    _addressing(walk, src.data)
    return walk.problems


def _addressing(walk: StructureWalk, data: dict[str, Any]) -> None:
    """Who the letter is to: one form of recipients, a salutation for several."""
    if "recipient" in data and "recipients" in data:
        walk.add(
            ("recipients",),
            "conflicting-sections",
            "give either 'recipient:' (one letter, addressed to everyone listed) or "
            "'recipients:' (one letter each), not both",
            on_key=True,
        )
        return
    # A typo of the section (recipent:) is reported once, as an unknown key.
    if not {"recipient", "recipients", "title"} & set(as_meant(data).values()):
        walk.add(
            (),
            "unaddressed-letter",
            "the letter has neither 'recipient:' nor 'title:'; name whom it is to, "
            'or give it a title such as "Joint statement on …"',
        )
    addressees = data.get("recipient")
    if isinstance(addressees, list) and len(addressees) > 1 and "salutation" not in data:
        walk.add(
            ("recipient",),
            "missing-section",
            f"the letter is addressed to {len(addressees)} people at once; give a "
            "top-level 'salutation:' (e.g. \"Your Excellencies\") or 'salutation: false'",
            on_key=True,
        )


class StructureWalk:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.problems: list[Problem] = []

    def add(self, path: PathKey, rule_id: str, message: str, on_key: bool = False) -> None:
        self.problems.append(self.src.problem(path, rule_id, message, on_key=on_key))

    def mapping(
        self, path: PathKey, data: dict[str, Any], fields: dict[str, Field], what: str
    ) -> None:
        # A typo (demads:) is one problem, not also a missing section.
        meant = {closest(key, fields) for key in data if key not in fields}
        previous: tuple[str, Any] | None = None
        for key, value in data.items():
            child = (*path, key)
            known = fields.get(key)
            if known is None and value is None and previous and self.in_braces(path):
                self.add(child, "unknown-key", _after_comma(key, *previous), on_key=True)
            elif known is None:
                self.add(child, "unknown-key", _unknown(key, fields, what), on_key=True)
            else:
                self.value(child, value, known)
            previous = (key, value) if isinstance(value, str) else None
        for key, known in fields.items():
            if known.required and key not in data and key not in meant:
                self.add(path, "missing-section", f"{what} needs '{key}:' — {known.doc}")

    def value(self, path: PathKey, value: Any, known: Field) -> None:
        name = ".".join(str(p) for p in path)
        if value is None and self.refused(path):
            return
        if value is None:
            self.add(path, "empty-value", _empty(name, known), on_key=True)
            return
        kind = known.kind
        if kind in (Kind.TEXT, Kind.URL):
            self.text(path, value, one_line=True)
        elif kind == Kind.PROSE:
            self.text(path, value, one_line=False)
        elif kind in (Kind.LINES, Kind.EMAILS, Kind.PARAGRAPHS):
            one_line = kind != Kind.PARAGRAPHS
            if not isinstance(value, list):
                self.text(path, value, one_line)
            elif not value:
                self.add(path, "empty-value", f"'{name}' is an empty list", on_key=True)
            for i, item in enumerate(value if isinstance(value, list) else []):
                self.text((*path, i), item, one_line)
        elif kind == Kind.DATE:
            if not isinstance(value, (dt.date, str)):
                self.add(
                    path,
                    "wrong-type",
                    f"'{name}' must be a date such as 2020-03-31, not {_describe(value)}",
                )
        elif kind == Kind.RECIPIENT and isinstance(value, list):
            for i, item in enumerate(self.is_list(path, value)):
                if self.is_mapping((*path, i), item, "an addressee's name, title, …"):
                    self.mapping((*path, i), item, spec.RECIPIENT, f"addressee {i + 1}")
        elif kind == Kind.RECIPIENT:
            expected = "the recipient's name, title, address, …; or a list of them"
            if self.is_mapping(path, value, expected):
                self.mapping(path, value, spec.RECIPIENT, "the recipient")
        elif kind == Kind.FALSE:
            if value is not False:
                self.add(path, "wrong-type", f"'{name}' can only be false, not {_describe(value)}")
        elif kind == Kind.OPTIONAL_TEXT:
            if value is not False:
                self.text(path, value, one_line=True, allow_false=True)
        elif kind == Kind.CC:
            for i, item in enumerate(self.is_list(path, value)):
                if isinstance(item, dict):
                    self.mapping((*path, i), item, spec.CC, f"cc {i + 1}")
                else:
                    self.text((*path, i), item, one_line=True)
        elif kind == Kind.RECIPIENTS:
            for i, item in enumerate(self.is_list(path, value)):
                if self.is_mapping((*path, i), item, "a recipient's name, title, …"):
                    self.mapping((*path, i), item, spec.RECIPIENT, f"recipient {i + 1}")
        elif kind == Kind.EMAIL_MESSAGE:
            if self.is_mapping(path, value, "the message's subject and cover note"):
                self.mapping(path, value, spec.EMAIL_MESSAGE, "email")
        elif kind == Kind.PDF:
            if self.is_mapping(path, value, "the PDF's standard"):
                self.mapping(path, value, spec.PDF, "pdf")
        elif kind == Kind.PDF_STANDARD:
            self.pdf_standard(path, value)
        elif kind == Kind.CITATIONS:
            self.citations(path, value)
        elif kind == Kind.SIGNATORIES and isinstance(value, dict):
            if not value:
                self.add(path, "empty-value", f"'{name}' has no groups", on_key=True)
            for heading, group in value.items():
                self.signatories((*path, heading), group)
        elif kind == Kind.SIGNATORIES:
            self.signatories(path, value)

    def signatories(self, path: PathKey, value: Any) -> None:
        if len(path) > 1 and not isinstance(value, list):
            self.add(
                path,
                "wrong-type",
                f"signatory group '{path[-1]}' must be a list of signatories, not "
                f"{_describe(value)} (a mapping under 'signatories:' holds group headings, "
                "each with its list; for registry ids, write a list: '- amnesty')",
            )
            return
        for i, item in enumerate(self.is_list(path, value)):
            if isinstance(item, dict):
                fields = spec.SIGNATORY_REF if "id" in item else spec.SIGNATORY
                self.mapping((*path, i), item, fields, f"signatory {i + 1}")
            else:
                self.text((*path, i), item, one_line=True)

    def pdf_standard(self, path: PathKey, value: Any) -> None:
        if not isinstance(value, str):
            self.text(path, value, one_line=True)
        elif value not in spec.PDF_STANDARDS:
            only = " and ".join(spec.PDF_STANDARDS)
            meant = did_you_mean(value.strip().lower(), spec.PDF_STANDARDS)
            message = f"there is no PDF standard '{value}' (only {only}){meant}"
            self.add(path, "unknown-pdf-standard", message)

    def in_braces(self, path: PathKey) -> bool:
        """Whether the mapping at ``path`` is written in braces: ``{name: …}``."""
        span = self.src.span(path)
        return self.src.line_text(span.line)[span.col - 1 : span.col] == "{"

    def refused(self, path: PathKey) -> bool:
        """Whether the YAML reader refused the value at ``path`` (a tag), leaving None."""
        span = self.src.values.get(path)
        return span is not None and any(
            (p.line, p.col) == (span.line, span.col) for p in self.src.problems
        )

    def citations(self, path: PathKey, value: Any) -> None:
        if not self.is_mapping(path, value, "citation keys, each with its text"):
            return
        for key, item in value.items():
            child = (*path, key)
            if not _CITATION_KEY.fullmatch(key):
                self.add(
                    child,
                    "invalid-citation-key",
                    f"'{key}' cannot be cited as [^{key}]; use letters, digits, - and _",
                    on_key=True,
                )
            if isinstance(item, dict):
                self.mapping(child, item, spec.CITATION, f"citation '{key}'")
            elif item is None:
                self.add(child, "empty-value", f"citation '{key}' has no text", on_key=True)
            else:
                self.text(child, item, one_line=False)

    def text(self, path: PathKey, value: Any, one_line: bool, allow_false: bool = False) -> None:
        name = ".".join(str(p) for p in path)
        or_false = " (or false for none)" if allow_false else ""
        if value is None:
            self.add(path, "empty-value", _empty_item(name, path, self.src))
        elif isinstance(value, str):
            if not value.strip():
                self.add(path, "empty-value", f"'{name}' is blank")
            elif one_line and "\n" in value.strip():
                self.add(
                    path,
                    "wrong-type",
                    f"'{name}' must be one line; a line break here "
                    "would be lost or misplaced in the letter",
                )
            elif one_line and "\t" in value:
                self.problems.append(
                    self.src.problem_at(
                        path,
                        "\t",
                        "wrong-type",
                        f"'{name}' holds a tab; a line of the letter has no tab stops "
                        "to align it to, so it would not print as written: use spaces",
                    )
                )
        elif isinstance(value, (bool, int, float, dt.date)):
            self.add(
                path,
                "wrong-type",
                f"'{name}' must be text{or_false}, but YAML reads it as "
                f"{_describe(value)}; put it in quotes: {quoted(_spelling(self.src, path))}",
            )
        elif isinstance(value, dict) and len(value) == 1 and self.one_line(path):
            # "- Note: we thank you." is a key and its value to YAML.
            span = self.src.span(path)
            written = self.src.line_text(span.line)[span.col - 1 :].rstrip()
            self.add(
                path,
                "wrong-type",
                f"'{name}' must be text, but the ': ' in it makes YAML read a key and a "
                f"value; put the text in quotes: {quoted(written)}",
            )
        else:
            self.add(path, "wrong-type", f"'{name}' must be text{or_false}, not {_describe(value)}")

    def one_line(self, path: PathKey) -> bool:
        """Whether the value at ``path`` is one line without braces: ``Note: we thank you.``"""
        span = self.src.span(path)
        return span.line == span.last_line and not self.in_braces(path)

    def is_mapping(self, path: PathKey, value: Any, expected: str) -> bool:
        if isinstance(value, dict):
            return True
        name = ".".join(str(p) for p in path)
        self.add(
            path, "wrong-type", f"'{name}' must be a mapping ({expected}), not {_describe(value)}"
        )
        return False

    def is_list(self, path: PathKey, value: Any) -> list[Any]:
        name = ".".join(str(p) for p in path)
        if isinstance(value, list):
            if not value:
                self.add(path, "empty-value", f"'{name}' is an empty list", on_key=True)
            return value
        self.add(
            path,
            "wrong-type",
            f"'{name}' must be a list (lines starting with '- '), not {_describe(value)}",
        )
        return []


def _empty(name: str, known: Field) -> str:
    """What to write in an empty field; removing a required one is no fix."""
    if known.kind == Kind.RECIPIENT:
        return (
            f"'{name}' is empty; write the recipient's name and details under it, "
            "indented by two spaces ('  name: …')"
        )
    if known.required:
        return f"'{name}' is empty, but a letter needs it; write it after the colon — {known.doc}"
    return f"'{name}' is empty; give a value or remove the line"


def as_meant(data: dict[str, Any]) -> dict[str, str]:
    """The section each top-level key stands for: itself, or for a typo the section meant.

    ``ground:`` is a typo of a missing ``grounds:``; the rules that read the
    prose and its footnotes read it as the grounds, so that the one typo is
    one problem, not also footnotes cited from nowhere.
    """
    meant: dict[str, str] = {}
    for key in data:
        close = None if key in spec.CASE else closest(key, spec.CASE)
        meant[key] = close if close is not None and close not in data else key
    return meant


def _empty_item(name: str, path: PathKey, src: Source) -> str:
    """What to do about an empty ``-`` line; removing the only one is no fix."""
    siblings = src.get(path[:-1])
    if not path or not isinstance(path[-1], int) or not isinstance(siblings, list):
        return f"'{name}' is empty; give a value or remove the line"
    if sum(1 for item in siblings if item is not None) == 0:
        return f"'{name}' is empty; write the text after the '- '"
    return f"'{name}' is empty; write the text after the '- ', or remove the line"


def _unindented(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Keys of a section written without indent under its empty key.

    ``recipient:`` followed by ``name: …`` at the left margin gives an empty
    recipient and a top-level ``name``: one mistake, reported once. A key
    that is also a top-level one (``title:``) counts when a key that cannot
    be top-level (``name:``) is among them.
    """
    found: list[tuple[str, list[str]]] = []
    parent: str | None = None
    run: list[str] = []
    for key, value in [*data.items(), ("", "")]:
        if parent and key in spec.RECIPIENT:
            run.append(key)
            continue
        if parent and any(k not in spec.CASE for k in run):
            found.append((parent, run))
        parent, run = None, []
        known = spec.CASE.get(key)
        if value is None and known is not None and known.kind == Kind.RECIPIENT:
            parent = key
    return found


def _after_comma(key: str, before: str, value: Any) -> str:
    """A comma in an unquoted value in braces makes the text after it a key."""
    return (
        f"'{key}' is read as a key of its own because of the comma before it; put the text "
        f"in quotes: {before}: {quoted(f'{value}, {key}')}"
    )


def _unknown(key: str, fields: dict[str, Field], what: str) -> str:
    meant = did_you_mean(key, fields) or f"; known keys: {', '.join(fields)}"
    return f"{what} has no key '{key}'{meant}"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "text"


def _spelling(src: Source, path: PathKey) -> str:
    s = src.span(path)
    if s.line != s.end_line:
        return str(src.get(path))
    return src.line_text(s.line)[s.col - 1 : s.end_col - 1]
