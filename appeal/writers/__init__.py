"""One writer per output format, registered by name.

A writer is a pure function of a :class:`~appeal.document.Document` and the
:class:`WriteOptions`; it returns the file's bytes. PDF has two engines: Typst
sets the letter (the default), or LibreOffice converts the Word letter. The
command line's ``-f`` choices are the keys of :data:`FORMATS`; those marked
``default`` are written when no format is asked. Each writer is imported only
when used, so that a command loads only the writers of the formats it was
asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from appeal.errors import AppealError
from appeal.suggest import closest

if TYPE_CHECKING:
    from appeal.document import Document


@dataclass(frozen=True)
class WriteOptions:
    width: int = 72
    """Plain text: wrap paragraphs at this column; 0 keeps one line per paragraph."""
    paper: str = "a4"
    """Word: ``a4`` or ``letter`` for the built-in letterhead; a campaign's own
    reference.docx keeps its own page size."""
    template_dir: Path | None = None
    """Word and Typst: a folder whose reference.docx, letter.typ and fonts/ to use,
    instead of the ones the document's template brings (``Meta.letterhead``,
    ``Meta.layout``, ``Meta.fonts``)."""
    soffice: str | None = None
    """PDF: the LibreOffice program (default: ``soffice`` or ``libreoffice`` on PATH)."""
    pdf_engine: str = "typst"
    """PDF: ``typst`` sets the letter itself; ``libreoffice`` converts the Word letter."""
    pdf_standard: str | None = None
    """PDF set by Typst: ``ua-1`` (PDF/UA-1) or ``a-2b`` (PDF/A-2b) besides tagged PDF."""


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    binary: bool
    module: str
    default: bool = True
    """Written when no format is asked; HTML, PDF and the Typst source are asked by name."""
    converted_from: str | None = None
    """The format whose file this one is converted from (PDF: the Word letter). Many
    letters convert together: a batch makes the source files first, then converts."""
    engines: Mapping[str, Format] = field(default_factory=dict)
    """Other ways to make the format, by the name ``WriteOptions.pdf_engine`` gives."""

    def using(self, options: WriteOptions) -> Format:
        """The format as ``options`` have it made (PDF: by Typst, or by LibreOffice)."""
        return self.engines.get(options.pdf_engine, self)

    def write(self, doc: Document, options: WriteOptions) -> bytes:
        writer: Callable[[Document, WriteOptions], bytes]
        writer = importlib.import_module(self.using(options).module).write
        return writer(doc, options)


#: Other ways to make PDF: LibreOffice converts the Word letter (``--pdf-engine libreoffice``).
ENGINES = {
    "libreoffice": Format(
        "pdf", "pdf", True, "appeal.writers.pdf", default=False, converted_from="docx"
    )
}

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "md", False, "appeal.writers.markdown"),
        Format("txt", "txt", False, "appeal.writers.text"),
        Format("docx", "docx", True, "appeal.writers.docx"),
        Format("html", "html", False, "appeal.writers.html", default=False),
        Format("pdf", "pdf", True, "appeal.writers.typst_pdf", default=False, engines=ENGINES),
        Format("typ", "typ", False, "appeal.writers.typ", default=False),
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
