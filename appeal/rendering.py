"""From a checked case to the bytes of each output format."""

from __future__ import annotations

from collections.abc import Sequence

from appeal.case import Case, Recipient
from appeal.document import Document, Meta
from appeal.reader import parse
from appeal.templating.environment import load_template, render_markdown
from appeal.templating.lookup import find_fonts, find_layout, find_letterhead
from appeal.templating.translations import load_words
from appeal.writers import FORMATS, WriteOptions, check_formats


def letter_document(case: Case, recipient: Recipient | None = None) -> Document:
    """The document model of the letter to ``recipient`` (default: the case's first letter)."""
    recipient = recipient or case.letters[0]
    words = load_words(case.template, case.folder, case.lang)
    folder = load_template(case.template, case.folder).folder
    meta = Meta(
        title=case.title or case.subject or _opening_words(case),
        author=case.author or case.signatories[0].name,
        date=case.date,
        lang=case.lang,
        notes_heading=words.notes,
        back_label=words.back,
        letterhead=find_letterhead(folder),
        layout=find_layout(folder),
        fonts=find_fonts(folder),
    )
    return parse(render_markdown(case, recipient, words), meta)


def render_formats(
    case: Case,
    formats: Sequence[str],
    recipient: Recipient | None = None,
    options: WriteOptions | None = None,
) -> dict[str, bytes]:
    """The letter in each of ``formats`` (keys of :data:`~appeal.writers.FORMATS`).

    The template is rendered and its Markdown parsed once; every writer reads
    the same document.
    """
    check_formats(formats)
    options = options or WriteOptions()
    doc = letter_document(case, recipient)
    return {fmt: FORMATS[fmt].write(doc, options) for fmt in formats}


def render_bytes(
    case: Case,
    fmt: str,
    recipient: Recipient | None = None,
    options: WriteOptions | None = None,
) -> bytes:
    """The letter in format ``fmt`` (a key of :data:`~appeal.writers.FORMATS`)."""
    return render_formats(case, [fmt], recipient, options)[fmt]


def render(
    case: Case,
    fmt: str,
    recipient: Recipient | None = None,
    options: WriteOptions | None = None,
) -> str | bytes:
    """The letter as text for text formats (md, txt, html), as bytes for binary ones (docx, pdf)."""
    data = render_bytes(case, fmt, recipient, options)
    return data if FORMATS[fmt].binary else data.decode("utf-8")


def _opening_words(case: Case, count: int = 8) -> str:
    """A title for a letter without title or subject: its first words, as a reader sees them."""
    words = " ".join(case.grounds[0].lstrip("#").split()).split(" ")
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
