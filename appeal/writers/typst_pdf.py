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
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import typst

from appeal.document import (
    Block,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    assert_never,
)
from appeal.errors import PdfError
from appeal.writers import WriteOptions
from appeal.writers.typ import layout_path, source

#: The wheels whose ``files/`` folders hold the built-in fonts.
FONT_PACKAGES = ("fontpkg_arimo", "fontpkg_amiri")
#: A template's own fonts, in a folder of this name beside its letter.typ.
FONTS_FOLDER = "fonts"

PdfStandard = Literal["ua-1", "a-2b"]
PDF_STANDARDS: tuple[PdfStandard, ...] = ("ua-1", "a-2b")


class MissingGlyphs(PdfError):
    """The letter has characters that none of its fonts can show."""


class TypesettingFailed(PdfError):
    """Typst could not set the letter (an error or warning in its layout)."""


def write(doc: Document, options: WriteOptions) -> bytes:
    key = _fonts_key(font_folders(doc.meta, options))
    check_glyphs(doc, key)
    compiler = _compiler(layout_path(doc.meta, options).parent, key)
    standard = _standard(options.pdf_standard) if options.pdf_standard else None
    midnight = dt.datetime.combine(doc.meta.date, dt.time(), tzinfo=dt.timezone.utc)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            input=source(doc, options).encode("utf-8"),
            format="pdf",
            pdf_standards=standard,
            timestamp=midnight,
            pdf_tags=True,
        )
    except typst.TypstError as exc:
        raise TypesettingFailed(f"Typst could not set the letter: {_first_line(exc)}") from None
    if warnings:
        raise TypesettingFailed(f"Typst warns about the letter: {_first_line(warnings[0])}")
    if not isinstance(pdf, bytes):
        raise TypesettingFailed("Typst made no PDF")
    return pdf


def _standard(name: str) -> PdfStandard:
    for standard in PDF_STANDARDS:
        if standard == name:
            return standard
    raise PdfError(f"unknown PDF standard '{name}'; choose from {', '.join(PDF_STANDARDS)}")


def _first_line(problem: typst.TypstError | typst.TypstWarning) -> str:
    hints = "".join(f" (hint: {hint})" for hint in problem.hints)
    return str(problem.message).strip() + hints


def font_folders(meta: Meta, options: WriteOptions) -> tuple[Path, ...]:
    """The template's fonts folder, if it has one, then the built-in fonts."""
    if options.template_dir is not None:
        own = [options.template_dir / FONTS_FOLDER]
    else:
        own = [meta.fonts] if meta.fonts is not None else []
    built_in = [Path(str(importlib.resources.files(p) / "files")) for p in FONT_PACKAGES]
    return tuple(folder for folder in [*own, *built_in] if folder.is_dir())


Fonts = tuple[tuple[Path, tuple[tuple[str, int, int], ...]], ...]
"""Font folders with each file's name, mtime and size: a changed folder is a new key."""


def _fonts_key(folders: tuple[Path, ...]) -> Fonts:
    def files(folder: Path) -> Iterator[tuple[str, int, int]]:
        for path in sorted(folder.iterdir()):
            stat = path.stat()
            yield path.name, stat.st_mtime_ns, stat.st_size

    return tuple((folder, tuple(files(folder))) for folder in folders)


@functools.lru_cache(maxsize=8)
def _fonts(key: Fonts) -> typst.Fonts:
    return typst.Fonts(
        include_system_fonts=False,
        include_embedded_fonts=False,
        font_paths=[str(folder) for folder, _ in key],
    )


@functools.lru_cache(maxsize=8)
def _compiler(root: Path, key: Fonts) -> typst.Compiler:
    """A compiler that keeps its fonts loaded across the letters of a run."""
    return typst.Compiler(root=str(root), font_paths=_fonts(key), ignore_system_fonts=True)


def check_glyphs(doc: Document, key: Fonts) -> None:
    """Raise :class:`MissingGlyphs` naming each character no font in ``key`` has."""
    covered = coverage(key)
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


@functools.lru_cache(maxsize=8)
def coverage(key: Fonts) -> frozenset[int]:
    """Every code point that a font Typst loads from the folders has a glyph for.

    The fonts are the ones Typst lists, not every file in the folders: a file
    Typst cannot use must not count as covering anything.
    """
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    faces = {(info.path, info.index) for info in _fonts(key).fonts() if info.path}
    for path, index in sorted(faces):
        font = TTFont(path, lazy=True, fontNumber=index)
        # Numbered glyph names: reading the real ones costs more than the cmap itself.
        font.setGlyphOrder([f"glyph{i}" for i in range(font["maxp"].numGlyphs)])
        points.update(font["cmap"].getBestCmap() or {})
        font.close()
    return frozenset(points)


def letter_text(doc: Document) -> Iterator[str]:
    """Every piece of text the PDF shows."""
    yield from _block_text(doc.blocks)
    for note in doc.notes:
        yield from _block_text(note.blocks)


def _block_text(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        match block:
            case Paragraph():
                yield from _inline_text(block.inlines)
            case ListBlock():
                for item in block.items:
                    yield from _block_text(item)
            case _:
                assert_never(block)


def _inline_text(nodes: Iterable[Inline]) -> Iterator[str]:
    for node in nodes:
        match node:
            case Text():
                yield node.text
            case Strong() | Emph() | Link():
                yield from _inline_text(node.children)
            case LineBreak() | NoteRef():
                pass  # the layout draws breaks and note numbers itself
            case _:
                assert_never(node)
