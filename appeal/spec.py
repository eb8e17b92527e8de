"""The shape of a case file and of a signatories registry, as data.

One description serves the structural rules (missing, unknown and mistyped
keys) and the JSON Schema, so the two cannot disagree.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Literal, NamedTuple

#: The signatories registry's file name, looked up from a case's folder upwards.
REGISTRY_NAME = "signatories.yaml"
#: What a run wrote to an output folder, in that folder.
MANIFEST_NAME = "manifest.json"
#: A template's own fonts for the PDF, in a folder of this name beside its letter.typ.
FONTS_FOLDER = "fonts"


class Kind(str, Enum):
    TEXT = "text"  # one line of data, printed as written
    LINES = "lines"  # a line or a list of lines of data (an address)
    PROSE = "prose"  # one Markdown paragraph
    PARAGRAPHS = "paragraphs"  # a Markdown paragraph or a list of them
    DATE = "date"  # an ISO date, 2020-03-31
    EMAILS = "emails"  # an address or a list of them
    URL = "url"
    RECIPIENT = "recipient"  # one addressee, or a list of them: one letter to all
    RECIPIENTS = "recipients"
    CITATIONS = "citations"
    SIGNATORIES = "signatories"  # a list, or a mapping of group heading to list
    OPTIONAL_TEXT = "optional-text"  # one line, or false for none (salutation, closing)
    CC = "cc"  # a list of lines or of people
    FALSE = "false"  # only false: turns a printed part off
    EMAIL_MESSAGE = "email-message"  # the email message of a letter
    PDF = "pdf"  # the PDF of a letter
    PDF_STANDARD = "pdf-standard"  # one of PDF_STANDARDS


class Field(NamedTuple):
    kind: Kind
    doc: str
    required: bool = False


RECIPIENT: dict[str, Field] = {
    "name": Field(Kind.TEXT, "Full name with honorific, as on the envelope.", required=True),
    "title": Field(Kind.TEXT, "Office held, e.g. President of Kyrgyzstan."),
    "organisation": Field(Kind.TEXT, "Institution, e.g. Presidential administration."),
    "address": Field(Kind.LINES, "Postal address, one list item per line."),
    "email": Field(Kind.EMAILS, 'Addresses shown as "Via email: a, b".'),
    "salutation": Field(Kind.TEXT, 'Greeting without the comma; default "Dear <name>".'),
}

CITATION: dict[str, Field] = {
    "text": Field(Kind.PROSE, "The note's text (Markdown).", required=True),
    "url": Field(Kind.URL, "A web address printed after the text, as a link."),
}

SIGNATORY: dict[str, Field] = {
    "name": Field(Kind.TEXT, "The organisation's or person's name as it signs.", required=True),
    "qualifier": Field(Kind.TEXT, 'Printed after the name: "name, qualifier".'),
    "title": Field(Kind.TEXT, "A person's title, printed on the line under the name."),
    "organisation": Field(Kind.TEXT, "A person's organisation, on the line under the title."),
    "short": Field(Kind.TEXT, "A short name, e.g. HRW."),
}

#: A registry id with this letter's own spelling or qualifier: ``{id: eff, name: EFF}``.
SIGNATORY_REF: dict[str, Field] = {
    "id": Field(Kind.TEXT, "The organisation's id in signatories.yaml.", required=True),
    "name": Field(Kind.TEXT, "The name as this letter spells it, in this letter only."),
    "qualifier": Field(Kind.TEXT, "Printed after the registry name, in this letter only."),
}

#: Someone a copy goes to: ``{name, title, organisation}``, printed on one line.
CC: dict[str, Field] = {
    "name": Field(Kind.TEXT, "The person's name.", required=True),
    "title": Field(Kind.TEXT, "Office held."),
    "organisation": Field(Kind.TEXT, "Institution."),
    "email": Field(Kind.EMAILS, "Addresses a copy of the email message goes to (not printed)."),
}

#: The email message of a letter (``-f eml``, ``appeal send``).
EMAIL_MESSAGE: dict[str, Field] = {
    "subject": Field(Kind.TEXT, "The message's subject; default: the letter's subject."),
    "cc": Field(Kind.EMAILS, "Addresses a copy of each message goes to (Cc:)."),
    "letter_cc": Field(
        Kind.FALSE, "false: no copy to the email addresses of the letter's cc: people."
    ),
    "cover": Field(
        Kind.PARAGRAPHS,
        "A short note as the message's body (plain text; a paragraph or a list of them), "
        "the letter attached; default: the text letter is the body.",
    ),
}

#: The standards a PDF set by Typst can meet besides being tagged: PDF/UA-1, PDF/A-2b.
PdfStandard = Literal["ua-1", "a-2b"]
PDF_STANDARDS: tuple[PdfStandard, ...] = ("ua-1", "a-2b")

#: The PDF of a letter (``-f pdf``, set by Typst).
PDF: dict[str, Field] = {
    "standard": Field(
        Kind.PDF_STANDARD,
        "ua-1 (PDF/UA-1, for screen readers) or a-2b (PDF/A-2b, for archives), besides "
        "tagged PDF; --pdf-standard overrides it.",
    ),
}

CASE: dict[str, Field] = {
    "title": Field(Kind.TEXT, 'A heading over the letter: "Open letter to …", "Statement …".'),
    "date": Field(Kind.DATE, 'The letter\'s date, YYYY-MM-DD; printed "31 March 2020".', True),
    "place": Field(Kind.TEXT, 'Where it is sent from: "Brussels, 31 March 2020".'),
    "dateline": Field(
        Kind.FALSE, "false: print no date line (a statement); the date stays in the file."
    ),
    "reference": Field(Kind.TEXT, "The coalition's own reference, printed by the date."),
    "subject": Field(Kind.TEXT, 'Printed as "RE: subject"; no such line without it.'),
    "to": Field(Kind.TEXT, 'A line printed as written above the address blocks: "To:".'),
    "recipient": Field(
        Kind.RECIPIENT,
        "Whom the letter is addressed to; a list of them makes ONE letter to all.",
    ),
    "recipients": Field(Kind.RECIPIENTS, "Several recipients: ONE LETTER EACH."),
    "via": Field(Kind.LINES, 'Lines printed as written instead of "Via email: …".'),
    "salutation": Field(
        Kind.OPTIONAL_TEXT, "Greeting without the comma, for the whole letter; false for none."
    ),
    "grounds": Field(Kind.PARAGRAPHS, "Why the coalition writes (Markdown).", required=True),
    "demands": Field(Kind.PARAGRAPHS, "What it asks for (Markdown).", required=True),
    "conclusion": Field(Kind.PARAGRAPHS, "Closing paragraphs after the demands (Markdown)."),
    "closing": Field(
        Kind.OPTIONAL_TEXT, 'Complimentary close; default "Sincerely"; false for none.'
    ),
    "citations": Field(Kind.CITATIONS, "Footnotes, cited in prose as [^key]."),
    "signatories": Field(
        Kind.SIGNATORIES,
        "Registry ids or inline entries; or a mapping of group heading to such a list.",
        required=True,
    ),
    "cc": Field(Kind.CC, "Copies: lines or {name, title, organisation}, after the signatures."),
    "enclosures": Field(Kind.LINES, 'Printed after the signatures under "Enclosure(s):".'),
    "template": Field(Kind.TEXT, 'The letter template; default "joint-letter".'),
    "lang": Field(
        Kind.TEXT, 'The letter\'s language, a BCP 47 tag (fr, de, pt-BR, en-US, …); default "en".'
    ),
    "author": Field(Kind.TEXT, "Author in the Word file's properties; default: first signatory."),
    "email": Field(
        Kind.EMAIL_MESSAGE, "The email message of the letter: subject, copies, cover note."
    ),
    "pdf": Field(Kind.PDF, "The PDF of the letter: the standard it meets."),
}

#: A citation key as it may appear in ``[^key]``.
CITATION_KEY = r"[A-Za-z0-9][A-Za-z0-9_-]*"

#: An email address, name@domain.tld: no character that only a quoted name may
#: hold (a backslash, a bracket), and dots only between the parts of the name
#: and of the domain, as in an address a message can carry. The JSON Schema
#: uses the same pattern, so patterns here are written in the syntax Python and
#: JavaScript share.
EMAIL = (
    r'[^@\s<>(),;:"\[\]\\.]+(?:\.[^@\s<>(),;:"\[\]\\.]+)*'
    r'@[^@\s<>(),;:"\[\]\\.]+(?:\.[^@\s<>(),;:"\[\]\\.]+)+'
)
#: An http or https address with a host name that has a dot.
URL = r'[Hh][Tt][Tt][Pp][Ss]?://[^\s<>"/?#]*\.[^\s<>"/?#]*(?:[/?#][^\s<>"]*)?'

#: Characters not allowed in XML 1.0 (so not in a Word document): C0 controls
#: other than tab and newlines, lone surrogates, U+FFFE and U+FFFF.
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
