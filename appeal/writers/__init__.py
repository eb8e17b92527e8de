"""One writer per output format, registered by name.

A writer is a pure function of a :class:`~appeal.document.Document` and the
:class:`WriteOptions`; it returns the file's bytes (the PDF writer alone runs
a program, LibreOffice, on the Word letter). The command line's ``-f`` choices
are the keys of :data:`FORMATS`; those marked ``default`` are written when no
format is asked. Each writer is imported only when used, so that a command
loads only the writers of the formats it was asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
    """Word: a folder whose reference.docx to use as the letterhead, instead of the
    one the document's template brings (``Meta.letterhead``)."""
    soffice: str | None = None
    """PDF: the LibreOffice program (default: ``soffice`` or ``libreoffice`` on PATH)."""


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    binary: bool
    module: str
    default: bool = True
    """Written when no format is asked; HTML and PDF (which needs LibreOffice) are asked by name."""
    converted_from: str | None = None
    """The format whose file this one is converted from (PDF: the Word letter). Many
    letters convert together: a batch makes the source files first, then converts."""

    def write(self, doc: Document, options: WriteOptions) -> bytes:
        writer: Callable[[Document, WriteOptions], bytes]
        writer = importlib.import_module(self.module).write
        return writer(doc, options)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "md", False, "appeal.writers.markdown"),
        Format("txt", "txt", False, "appeal.writers.text"),
        Format("docx", "docx", True, "appeal.writers.docx"),
        Format("html", "html", False, "appeal.writers.html", default=False),
        Format("pdf", "pdf", True, "appeal.writers.pdf", default=False, converted_from="docx"),
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
