"""Recipient lists from a spreadsheet export (CSV) or a YAML file.

A CSV file has a header row of recipient field names (``name``, ``title``,
``organisation``, ``address``, ``email``, ``salutation``); an address cell
holds its lines separated by newlines or ``|``, an email cell its addresses
separated by ``;`` or ``,``. A bad row is reported with its line and left
out; the other rows still make letters.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appeal import spec
from appeal.case import Recipient, recipient_from_mapping
from appeal.problems import Problem
from appeal.rules.lost_text import trailing_comments
from appeal.rules.structure import StructureWalk
from appeal.source import Source, Span, read_source
from appeal.spec import EMAIL
from appeal.suggest import did_you_mean

_ADDRESS_SPLIT = re.compile(r"\s*(?:\r?\n|\|)\s*")
_EMAIL_SPLIT = re.compile(r"\s*[;,]\s*")


@dataclass
class RecipientList:
    file: str
    recipients: list[Recipient] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_recipients(path: Path) -> RecipientList:
    """Read a ``.csv`` or ``.yaml``/``.yml`` recipient list."""
    if path.suffix.lower() == ".csv":
        return _from_csv(path)
    return _from_yaml(read_source(path))


def _from_csv(path: Path) -> RecipientList:
    shown = str(path)
    result = RecipientList(shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        result.problems.append(
            Problem(shown, 1, 1, "unreadable-file", f"cannot read: {exc.strerror}")
        )
        return result
    except UnicodeDecodeError:
        result.problems.append(
            Problem(shown, 1, 1, "not-utf8", "the file is not UTF-8; export it as CSV UTF-8")
        )
        return result
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    written = [h.strip() for h in reader.fieldnames or []]
    header = [_column(h) for h in written]
    reader.fieldnames = header
    for i, (column, as_written) in enumerate(zip(header, written, strict=True)):
        if column not in spec.RECIPIENT:
            hint = did_you_mean(column, spec.RECIPIENT)
            result.problems.append(
                Problem(shown, 1, i + 1, "unknown-key", f"unknown column '{as_written}'{hint}")
            )
        elif header.index(column) != i:
            result.problems.append(
                Problem(
                    shown,
                    1,
                    i + 1,
                    "duplicate-key",
                    f"the columns '{written[header.index(column)]}' and '{as_written}' are both "
                    f"the recipient's {column}; keep one",
                )
            )
    if "name" not in header:
        result.problems.append(
            Problem(shown, 1, 1, "missing-section", "the header row has no 'name' column")
        )
    if result.problems:
        return result
    start = reader.line_num + 1
    for number, row in enumerate(reader, start=2):
        data: dict[str, Any] = {k: v.strip() for k, v in row.items() if k and v and v.strip()}
        if "address" in data:
            data["address"] = _ADDRESS_SPLIT.split(data["address"])
        if "email" in data:
            data["email"] = _EMAIL_SPLIT.split(data["email"])
        src = Source(shown, "", data=data)
        src.values[()] = Span(start, 1, start, 1)
        if "name" not in data:
            result.problems.append(
                Problem(
                    shown,
                    start,
                    1,
                    "missing-section",
                    f"row {number} has nothing in its 'name' column; every recipient needs a name",
                )
            )
        else:
            _add(result, src, (), data, f"row {number}")
        start = reader.line_num + 1
    return result


#: Column headings as spreadsheets spell them, reduced to lower-case letters.
_HEADINGS = {
    "fullname": "name",
    "organization": "organisation",
    "org": "organisation",
    "postaladdress": "address",
    "emails": "email",
    "emailaddress": "email",
    "emailaddresses": "email",
    "mail": "email",
    "greeting": "salutation",
}


def _column(heading: str) -> str:
    """The recipient field a column heading names: ``E-mail`` and ``Email`` are ``email``."""
    letters = re.sub(r"[^a-z]", "", heading.casefold())
    if letters in spec.RECIPIENT:
        return letters
    return _HEADINGS.get(letters, heading.strip())


def _dialect(text: str) -> type[csv.Dialect]:
    """The export's separator, found on its header row: ``,``, ``;`` (Excel in France
    and Germany) or a tab."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:  # one column: nothing to tell apart
        return csv.excel


def _from_yaml(src: Source) -> RecipientList:
    comments = list(trailing_comments(src))
    result = RecipientList(src.file, problems=[*src.problems, *comments])
    data = src.data
    prefix: tuple[str | int, ...] = ()
    if isinstance(data, dict) and set(data) == {"recipients"}:
        data, prefix = data["recipients"], ("recipients",)
    if src.problems:
        return result
    if not isinstance(data, list):
        result.problems.append(
            src.problem((), "wrong-type", "a recipient list is a YAML list of recipients")
        )
        return result
    for i, item in enumerate(data):
        path = (*prefix, i)
        span = src.span(path)
        if any(span.line <= c.line <= span.last_line for c in comments):
            continue  # reported: a comment cut its text short
        if isinstance(item, dict):
            _add(result, src, path, item, f"recipient {i + 1}")
        else:
            result.problems.append(
                src.problem(path, "wrong-type", f"recipient {i + 1} must be a mapping")
            )
    return result


def _add(
    result: RecipientList, src: Source, path: tuple[str | int, ...], data: dict[str, Any], what: str
) -> None:
    walk = StructureWalk(src)
    walk.mapping(path, data, spec.RECIPIENT, what)
    emails = data.get("email")
    for address in emails if isinstance(emails, list) else [emails]:
        if isinstance(address, str) and not re.fullmatch(EMAIL, address.strip()):
            walk.add(
                (*path, "email"), "invalid-email", f"{what}: '{address}' is not an email address"
            )
    if walk.problems:
        result.problems.extend(walk.problems)
    else:
        result.recipients.append(recipient_from_mapping(data))
