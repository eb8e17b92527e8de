"""From a checked case to the bytes of each output format."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from appeal.case import Case, Recipient
from appeal.document import Document, Meta, paragraphs, plain_text
from appeal.errors import PdfError
from appeal.reader import parse
from appeal.spec import CITATION_KEY
from appeal.templating.environment import load_template, render_markdown
from appeal.templating.lookup import (
    BUILT_IN_LAYOUT,
    BUILT_IN_LETTERHEAD,
    find_fonts,
    find_layout,
    find_letterhead,
)
from appeal.templating.translations import Words, load_words
from appeal.writers import (
    DEFAULT_PDF_ENGINE,
    FORMATS,
    WriteOptions,
    check_formats,
    with_needs,
)


class Setting(NamedTuple):
    """What every letter of a case shares: the document's metadata and the words of
    its template in its language."""

    meta: Meta
    words: Words


def letter_setting(case: Case) -> Setting:
    """The case's :class:`Setting`, found from its template (read again after an edit)."""
    words = load_words(case.template, case.folder, case.lang)
    folder = load_template(case.template, case.folder).folder
    letterhead = find_letterhead(folder)
    layout = find_layout(folder)
    meta = Meta(
        title=letter_title(case),
        author=case.author or case.signatories[0].name,
        date=case.date,
        lang=case.lang,
        notes_heading=words.notes,
        back_label=words.back,
        letterhead=letterhead,
        own_page_size=letterhead.resolve() != BUILT_IN_LETTERHEAD.resolve(),
        layout=layout,
        layout_importable=layout == BUILT_IN_LAYOUT,
        fonts=find_fonts(folder),
    )
    return Setting(meta, words)


def letter_document(
    case: Case, recipient: Recipient | None = None, setting: Setting | None = None
) -> Document:
    """The document model of the letter to ``recipient`` (default: the case's first letter).

    ``setting`` is the case's :func:`letter_setting`, when the caller has found it once
    for many letters of the case.
    """
    meta, words = setting or letter_setting(case)
    return parse(render_markdown(case, recipient or case.letters[0], words), meta)


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
    options = letter_options(case, formats, options or WriteOptions())
    needed = with_needs(formats, options)
    written = [fmt for fmt in needed if not FORMATS[fmt].composed]
    made = {
        fmt: data() if callable(data) else data
        for fmt, data in prepare_formats(case, written, recipient, options).items()
    }
    for fmt in needed:  # a composed format is made from written ones only
        if FORMATS[fmt].composed:
            made[fmt] = compose(fmt, case, recipient or case.letters[0], made, options)
    return {fmt: made[fmt] for fmt in formats}


def letter_options(case: Case, formats: Sequence[str], options: WriteOptions) -> WriteOptions:
    """``options`` with the case's own settings where they leave a choice open: the
    standard its PDF meets (``pdf: standard:``), unless they ask for one.

    Raises :class:`~appeal.errors.PdfError` if the PDF is among ``formats`` (or
    attached to one) and the case asks for a standard that the PDF engine asked
    for cannot meet.
    """
    if case.pdf_standard is None or options.pdf_standard is not None:
        return options
    if "pdf" in with_needs(formats, options) and options.pdf_engine != DEFAULT_PDF_ENGINE:
        raise PdfError(
            f"the case asks for a PDF that meets {case.pdf_standard} (pdf: standard:), "
            f"which only the {DEFAULT_PDF_ENGINE} PDF engine makes, "
            f"not {options.pdf_engine}"
        )
    return replace(options, pdf_standard=case.pdf_standard)


def prepare_formats(
    case: Case,
    formats: Sequence[str],
    recipient: Recipient | None = None,
    options: WriteOptions | None = None,
    setting: Setting | None = None,
) -> dict[str, bytes | Callable[[], bytes]]:
    """As :func:`render_formats`, but a format whose writer leaves work that needs no
    Python (a PDF set by Typst) is the function that finishes it, to be called in
    any thread. Formats made from others (an email message) are not for this.
    ``setting`` is as for :func:`letter_document`."""
    check_formats(formats)
    options = letter_options(case, formats, options or WriteOptions())
    if any(FORMATS[fmt].composed for fmt in formats):
        raise ValueError("a format made from others is composed, not prepared")
    doc = letter_document(case, recipient, setting)
    return {fmt: FORMATS[fmt].prepare(doc, options) for fmt in formats}


def compose(
    fmt: str,
    case: Case,
    recipient: Recipient | None,
    made: Mapping[str, bytes],
    options: WriteOptions,
    names: Mapping[str, str] | None = None,
) -> bytes:
    """A format made from the letter's other formats (an email message from its files).

    ``names`` are the file names of the formats it needs; by default the
    case file's name with each format's extension.
    """
    stem = Path(case.file).stem
    files = {
        need: ((names or {}).get(need) or f"{stem}.{FORMATS[need].extension}", made[need])
        for need in FORMATS[fmt].needs(options)
    }
    composer = importlib.import_module(FORMATS[fmt].module).compose
    data: bytes = composer(case, recipient, files, options)
    return data


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
    """A title for a letter without title or subject: its first words, as a reader
    sees them (its Markdown read, its note marks left out)."""
    first = parse(_NOTE_MARK.sub("", case.grounds[0]), Meta("", "", case.date))
    words = " ".join(plain_text(p.inlines) for p in paragraphs(first.blocks)).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


_NOTE_MARK = re.compile(rf"\[\^{CITATION_KEY}\]")


def check_composable(fmt: str, case: Case, recipient: Recipient | None) -> None:
    """Raise if format ``fmt``, made from others, cannot be made for the letter to
    ``recipient`` (None: the case's one letter to its addressees).

    Checked before any file of the letter is written: a letter to a
    recipient without an email address is an error, not a half-written letter.
    """
    importlib.import_module(FORMATS[fmt].module).check_letter(case, recipient)


def letter_title(case: Case) -> str:
    """What a letter is called: its title, its subject, or its first words."""
    return case.title or case.subject or _opening_words(case)
