"""PDF letters set by Typst: tagged, in milliseconds, the same bytes for the same case.

The Typst compiler comes in the ``typst`` wheel; the fonts come in wheels
too: Arimo (Latin, Greek, Cyrillic, Hebrew, with Arial's metrics, as in the
Word letter) and Amiri (Arabic: its ligatures map back to the letters they
join, so copied text and screen readers get the words), plus any in the
template's ``fonts/`` folder. System fonts are never used, so
a letter sets the same everywhere. Before setting a letter, every character
in it is looked up in those fonts: a character no font has is an error, never
a blank box or a silently dropped letter.

The PDF is always tagged (a screen reader gets headings, paragraphs, notes
and links); ``pdf_standard`` asks for PDF/UA-1 or PDF/A-2b as well. Its
dates are the case's date, so the same case gives the same bytes.

:func:`prepare` does the part of the work that needs Python (the checks, the
source) and returns the rest, Typst's, which runs without Python's lock: a
run of many letters sets one letter in another thread while it prepares the
next.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import threading
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import typst

from appeal.document import Document, Meta, paragraphs, plain_text
from appeal.errors import PdfError
from appeal.filecache import FileCache
from appeal.spec import FONTS_FOLDER, PDF_STANDARDS, PdfStandard
from appeal.writers import WriteOptions
from appeal.writers.typ import call, layout_path, source, string

#: The wheels whose ``files/`` folders hold the built-in fonts.
FONT_PACKAGES = ("fontpkg_arimo", "fontpkg_amiri")


class MissingGlyphs(PdfError):
    """The letter has characters that none of its fonts can show."""


class TypesettingFailed(PdfError):
    """Typst could not set the letter (an error or warning in its layout)."""


def write(doc: Document, options: WriteOptions) -> bytes:
    return prepare(doc, options)()


def prepare(doc: Document, options: WriteOptions) -> Callable[[], bytes]:
    """Check the letter and write its source now; the function returned sets it.

    Every error about the letter itself (a missing glyph, an unknown
    standard) is raised here; the function raises :class:`TypesettingFailed`.
    """
    fonts = font_set(font_folders(doc.meta))
    check_glyphs(doc, fonts)
    standard = _standard(options.pdf_standard) if options.pdf_standard else None
    midnight = dt.datetime.combine(doc.meta.date, dt.time(), tzinfo=dt.timezone.utc)
    source = main_source(doc, options).encode("utf-8")
    return functools.partial(
        fonts.compile, layout_path(doc.meta).parent, source, standard, midnight
    )


def main_source(doc: Document, options: WriteOptions) -> str:
    """What Typst compiles: the ``-f typ`` source, or, for a layout that only defines
    names, the same call with the layout imported from its file. Typst keeps what it
    made of an unchanged file from one letter to the next, but not of a layout pasted
    into each letter's own source."""
    if not doc.meta.layout_importable:
        return source(doc, options)
    layout = string("/" + layout_path(doc.meta).name)  # the compiler's root is its folder
    return f"#import {layout}: letter\n" + call(doc, options.paper)


def _standard(name: str) -> PdfStandard:
    if name in PDF_STANDARDS:
        return name
    raise PdfError(f"unknown PDF standard '{name}'; choose from {', '.join(PDF_STANDARDS)}")


def _first_line(problem: typst.TypstError | typst.TypstWarning) -> str:
    hints = "".join(f" (hint: {hint})" for hint in problem.hints)
    return str(problem.message).strip() + hints


def font_folders(meta: Meta) -> tuple[Path, ...]:
    """The template's fonts folder, if it has one, then the built-in fonts."""
    own = [meta.fonts] if meta.fonts is not None else []
    return tuple(folder for folder in [*own, *_built_in_fonts()] if folder.is_dir())


@functools.cache
def _built_in_fonts() -> tuple[Path, ...]:
    """Where the font packages are installed (looked up once: a package does not move)."""
    return tuple(Path(str(importlib.resources.files(p) / "files")) for p in FONT_PACKAGES)


class FontSet:
    """The fonts of some folders, loaded once while none of their files changes."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self.fonts = typst.Fonts(
            include_system_fonts=False,
            include_embedded_fonts=False,
            font_paths=[str(folder) for folder in folders],
        )
        self._compilers: dict[Path, typst.Compiler] = {}
        self._lock = threading.Lock()

    def compile(
        self, root: Path, source: bytes, standard: PdfStandard | None, timestamp: dt.datetime
    ) -> bytes:
        """The PDF of ``source``, set with these fonts and ``root`` as the folder of its files.

        A compiler per root keeps the fonts loaded, and what Typst made of
        unchanged files, across the letters of a run; it sets one letter at
        a time, whichever thread asks.
        """
        with self._lock:
            if root not in self._compilers:
                self._compilers[root] = typst.Compiler(
                    root=str(root), font_paths=self.fonts, ignore_system_fonts=True
                )
            try:
                pdf, warnings = self._compilers[root].compile_with_warnings(
                    input=source,
                    format="pdf",
                    pdf_standards=standard,
                    timestamp=timestamp,
                    pdf_tags=True,
                )
            except typst.TypstError as exc:
                raise TypesettingFailed(
                    f"Typst could not set the letter: {_first_line(exc)}"
                ) from None
        if warnings:
            raise TypesettingFailed(f"Typst warns about the letter: {_first_line(warnings[0])}")
        if not isinstance(pdf, bytes):
            raise TypesettingFailed("Typst made no PDF")
        return pdf

    @functools.cached_property
    def coverage(self) -> frozenset[int]:
        """Every code point that a font Typst loads from the folders has a glyph for.

        The fonts are the ones Typst lists, not every file in the folders: a file
        Typst cannot use must not count as covering anything.
        """
        from fontTools.ttLib import TTFont

        points: set[int] = set()
        faces = {(info.path, info.index) for info in self.fonts.fonts() if info.path}
        for path, index in sorted(faces):
            font = TTFont(path, lazy=True, fontNumber=index)
            # Numbered glyph names: reading the real ones costs more than the cmap itself.
            font.setGlyphOrder([f"glyph{i}" for i in range(font["maxp"].numGlyphs)])
            points.update(font["cmap"].getBestCmap() or {})
            font.close()
        return frozenset(points)


def font_set(folders: tuple[Path, ...]) -> FontSet:
    """The fonts of ``folders``, loaded again when a font is added, removed or changed."""
    files = [*folders, *(path for folder in folders for path in sorted(folder.iterdir()))]
    return _FONT_SETS.get(folders, files, lambda: FontSet(folders))


_FONT_SETS: FileCache[tuple[Path, ...], FontSet] = FileCache(size=8)


def check_glyphs(doc: Document, fonts: FontSet) -> None:
    """Raise :class:`MissingGlyphs` naming each character none of ``fonts`` has."""
    covered = fonts.coverage
    chars: set[str] = set().union(*letter_text(doc))
    missing = sorted(c for c in chars if ord(c) not in covered and _visible(c))
    if missing:
        names = ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing)
        raise MissingGlyphs(
            f"no font can show {names}: add a font that has "
            f"{'them' if len(missing) > 1 else 'it'} to the template's {FONTS_FOLDER}/ folder"
        )


def _visible(char: str) -> bool:
    """Whether the character needs a glyph (spaces and format characters do not)."""
    return not unicodedata.category(char).startswith(("Z", "C"))


def letter_text(doc: Document) -> Iterator[str]:
    """Every piece of text the PDF shows."""
    for blocks in (doc.blocks, *(note.blocks for note in doc.notes)):
        for paragraph in paragraphs(blocks):
            yield plain_text(paragraph.inlines)
