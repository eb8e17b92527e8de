"""One writer per output format, registered by name.

A writer is a pure function of a :class:`~appeal.document.Document` and the
:class:`WriteOptions`; it returns the file's bytes. A writer whose work ends
outside Python (Typst setting a PDF) also has a ``prepare`` function, which
does the Python part at once and returns the rest as a function that another
thread may call. PDF has two engines: Typst
sets the letter (the default), or LibreOffice converts the Word letter. The
command line's ``-f`` choices are the keys of :data:`FORMATS`; those marked
``default`` are written when no format is asked. Each writer is imported only
when used, so that a command loads only the writers of the formats it was
asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from appeal.errors import AppealError
from appeal.suggest import closest, did_you_mean

if TYPE_CHECKING:
    from appeal.document import Document


#: The PDF engine when none is asked: Typst sets the letter from the document.
DEFAULT_PDF_ENGINE = "typst"


@dataclass(frozen=True)
class EmailOptions:
    """What an email message of a letter (``-f eml``) holds besides the letter."""

    attach: tuple[str, ...] = ("pdf",)
    """The formats attached to the message, as files of the letter."""
    sender: str | None = None
    """The From address: ``address`` or ``Name <address>``."""
    subject: str | None = None
    """The subject; default: the case's subject."""
    cc: tuple[str, ...] = ()
    """Addresses a copy of each message goes to, besides the case's ``email: cc:``."""
    cover: str | None = None
    """A short note as the message's body, the letter attached; default: the
    text letter is the body."""


@dataclass(frozen=True)
class WriteOptions:
    width: int = 72
    """Plain text: wrap paragraphs at this column; 0 keeps one line per paragraph."""
    paper: str = "a4"
    """Word: ``a4`` or ``letter`` for a letterhead without a page size of its own
    (``Meta.own_page_size``); Typst: the ``paper`` the layout is given."""
    soffice: str | None = None
    """PDF: the LibreOffice program (default: ``soffice`` or ``libreoffice`` on PATH)."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """PDF: ``typst`` sets the letter itself; ``libreoffice`` converts the Word letter."""
    pdf_standard: str | None = None
    """PDF set by Typst: ``ua-1`` (PDF/UA-1) or ``a-2b`` (PDF/A-2b) besides tagged PDF."""
    email: EmailOptions = field(default_factory=EmailOptions)
    """eml: the message's sender, subject, body and attachments."""


def _nothing(options: WriteOptions) -> tuple[str, ...]:
    return ()


def _email_needs(options: WriteOptions) -> tuple[str, ...]:
    """An email message attaches the asked formats, its body is the text letter."""
    body = () if options.email.cover else ("txt",)
    return tuple(dict.fromkeys((*body, *options.email.attach)))


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    binary: bool
    module: str
    media_type: str
    default: bool = True
    """Written when no format is asked; HTML, PDF and the Typst source are asked by name."""
    converted_from: str | None = None
    """The format whose file this one is converted from (PDF: the Word letter). Many
    letters convert together: a batch makes the source files first, then converts."""
    needs: Callable[[WriteOptions], tuple[str, ...]] = _nothing
    """The formats this one is made from: a format that needs others is not
    written from the document but composed from their bytes, by the
    ``compose`` function of its module."""
    engines: Mapping[str, Format] = field(default_factory=dict)
    """Other ways to make the format, by the name ``WriteOptions.pdf_engine`` gives."""

    @property
    def composed(self) -> bool:
        return self.needs is not _nothing

    def using(self, options: WriteOptions) -> Format:
        """The format as ``options`` have it made (PDF: by Typst, or by LibreOffice)."""
        if not self.engines or options.pdf_engine == DEFAULT_PDF_ENGINE:
            return self
        engine = self.engines.get(options.pdf_engine)
        if engine is None:
            known = (DEFAULT_PDF_ENGINE, *self.engines)
            raise AppealError(
                f"unknown PDF engine '{options.pdf_engine}'; choose {' or '.join(known)}"
                + did_you_mean(options.pdf_engine, known)
            )
        return engine

    def write(self, doc: Document, options: WriteOptions) -> bytes:
        writer: Callable[[Document, WriteOptions], bytes]
        writer = importlib.import_module(self.using(options).module).write
        return writer(doc, options)

    def prepare(self, doc: Document, options: WriteOptions) -> bytes | Callable[[], bytes]:
        """The file's bytes; or, if its writer leaves work that needs no Python, the
        function that does that work and returns them (errors about the letter are
        raised here, before it is called)."""
        module = importlib.import_module(self.using(options).module)
        if not hasattr(module, "prepare"):
            return self.write(doc, options)
        prepare: Callable[[Document, WriteOptions], Callable[[], bytes]] = module.prepare
        return prepare(doc, options)


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

#: Other ways to make PDF: LibreOffice converts the Word letter (``--pdf-engine libreoffice``).
ENGINES = {
    "libreoffice": Format(
        "pdf", "pdf", True, "appeal.writers.pdf", "application/pdf", default=False,
        converted_from="docx",
    )
}  # fmt: skip

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "md", False, "appeal.writers.markdown", "text/markdown"),
        Format("txt", "txt", False, "appeal.writers.text", "text/plain"),
        Format("docx", "docx", True, "appeal.writers.docx", _DOCX),
        Format("html", "html", False, "appeal.writers.html", "text/html", default=False),
        Format(
            "pdf",
            "pdf",
            True,
            "appeal.writers.typst_pdf",
            "application/pdf",
            default=False,
            engines=ENGINES,
        ),
        Format("typ", "typ", False, "appeal.writers.typ", "text/x-typst", default=False),
        Format("eml", "eml", True, "appeal.mail.eml", "message/rfc822", False, needs=_email_needs),
    )
}

DEFAULT_FORMATS = tuple(name for name, f in FORMATS.items() if f.default)


def unknown_format(formats: Iterable[str]) -> str | None:
    """Why ``formats`` cannot all be written (the first unknown one), or None."""
    for fmt in formats:
        if fmt not in FORMATS:
            close = closest(fmt, FORMATS)
            hint = f" (did you mean '{close}'?)" if close else ""
            return f"unknown format '{fmt}'{hint}; choose from {', '.join(FORMATS)}"
    return None


def check_formats(formats: Iterable[str]) -> None:
    """Raise :class:`~appeal.errors.AppealError` if a format is not in :data:`FORMATS`."""
    why = unknown_format(formats)
    if why is not None:
        raise AppealError(why)


def with_needs(formats: Sequence[str], options: WriteOptions) -> tuple[str, ...]:
    """``formats`` and the formats they are made from, each made before it is needed."""
    found: dict[str, None] = {}

    def add(name: str, chain: tuple[str, ...]) -> None:
        check_formats([name])
        if name in chain:
            raise AppealError(f"format '{name}' cannot be made from itself")
        for need in FORMATS[name].needs(options):
            add(need, (*chain, name))
        found.setdefault(name)

    for name in formats:
        add(name, ())
    return tuple(found)
