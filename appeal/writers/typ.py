"""The letter as Typst source: the layout, then the letter as data.

The source is the template's ``letter.typ`` (a campaign's own, or the built-in
one) followed by one call of its ``letter`` function with the document as a
Typst dictionary. Every word of the letter is a string literal, never markup:
:func:`string` escapes the two characters that could end a literal, so
nothing in a case can become Typst code. Typst compiles the source to PDF
(:mod:`appeal.writers.typst_pdf`); ``-f typ`` writes it for people who want
to adjust the layout by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from appeal.document import (
    PROSE_ROLES,
    Block,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    assert_never,
    heading_shift,
    line_direction,
    plain_text,
    split_lines,
)
from appeal.errors import AppealError
from appeal.filecache import FileCache
from appeal.writers import WriteOptions

#: Characters written as ``\u{…}`` escapes: the literal's own delimiters and
#: escape, control characters, and the invisible format characters (bidi
#: controls among them) that would make the source read differently from
#: what it says.
_ESCAPED = re.compile(
    '[\\\\"\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]'
)


def write(doc: Document, options: WriteOptions) -> bytes:
    return source(doc, options).encode("utf-8")


def source(doc: Document, options: WriteOptions) -> str:
    """The Typst source of the letter: its layout, then the call that sets the letter."""
    return layout(layout_path(doc.meta)) + "\n" + call(doc, options.paper)


def layout_path(meta: Meta) -> Path:
    """The layout ``meta`` names (the template's own letter.typ, or the built-in one)."""
    if meta.layout is None:
        raise AppealError("a Typst letter needs a layout: the document's metadata names none")
    return meta.layout


def layout(path: Path) -> str:
    """The layout's text, read again after an edit."""
    return _LAYOUTS.get(path, [path], lambda: path.read_text(encoding="utf-8"))


_LAYOUTS: FileCache[Path, str] = FileCache(size=8)


def string(text: str) -> str:
    """``text`` as a Typst string literal."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return "\\" + char if char in '\\"' else f"\\u{{{ord(char):x}}}"


def language(tag: str) -> tuple[str, str | None]:
    """Typst's ``lang`` and ``region`` for a language tag (``pt-BR`` -> pt, BR)."""
    lang, *rest = tag.split("-")
    region = next((part.upper() for part in rest if len(part) == 2 and part.isalpha()), None)
    return lang.lower(), region


def call(doc: Document, paper: str) -> str:
    """``#letter((…))``: the document as a Typst dictionary."""
    meta = doc.meta
    lang, region = language(meta.lang)
    writer = _Writer(doc.notes, meta.direction, heading_shift(doc.blocks))
    blocks = "".join(f"    {writer.block(block)},\n" for block in doc.blocks)
    uncited = sorted(set(writer.notes) - writer.cited)
    if uncited:
        raise AppealError(f"note {uncited[0]} is never cited, so it has no page to stand on")
    notes = "".join(f"    {string(str(n))}: {body},\n" for n, body in writer.written.items())
    notes = f"(\n{notes}  )" if notes else "(:)"
    return (
        "#letter((\n"
        f"  title: {string(meta.title)},\n"
        f"  author: {string(meta.author)},\n"
        f"  date: {_date(meta.date)},\n"
        f"  lang: {string(lang)},\n"
        f"  direction: {string(meta.direction)},\n"
        f"  region: {string(region) if region else 'none'},\n"
        f"  paper: {string(paper)},\n"
        f"  blocks: (\n{blocks}  ),\n"
        f"  notes: {notes},\n"
        "))\n"
    )


def _date(date: dt.date) -> str:
    return f"datetime(year: {date.year}, month: {date.month}, day: {date.day})"


def _array(items: Iterable[str]) -> str:
    """A Typst array; the trailing comma keeps a one-item array an array."""
    return "(" + "".join(f"{item}, " for item in items).removesuffix(" ") + ")"


class _Writer:
    """Writes blocks as Typst data, each note where it is first cited.

    A note's text is written when its first mark is (the layout sets it as a
    footnote there); later marks of the same note point back to it. Writing
    in that order gives the marks inside a note the right ``first`` too.
    """

    def __init__(self, notes: Iterable[Note], direction: str, shift: int) -> None:
        self.direction = direction
        self.shift = shift
        """How many levels the headings are raised by (:func:`~appeal.document.heading_shift`)."""
        self.notes = {note.number: note for note in notes}
        self.cited: set[int] = set()
        self.written: dict[int, str] = {}

    def block(self, block: Block) -> str:
        role = string(block.role)
        match block:
            case Paragraph():
                if block.role in PROSE_ROLES:
                    body = self.inlines(block.inlines)
                else:
                    body = _array(self._data(block.inlines))
                # ``level`` places a heading in the outline; ``look`` is the level it
                # is drawn as, the same whether or not the letter has a title.
                level = block.level - self.shift if block.level else 0
                return (
                    f'(role: {role}, kind: "par", level: {level}, look: {block.level}, '
                    f"body: {body})"
                )
            case ListBlock():
                items = _array(_array(self.block(b) for b in item) for item in block.items)
                ordered = "true" if block.ordered else "false"
                return (
                    f'(role: {role}, kind: "list", ordered: {ordered}, start: {block.start}, '
                    f"items: {items})"
                )
            case _:
                assert_never(block)

    def _data(self, inlines: Sequence[Inline]) -> Iterator[str]:
        """The lines of a paragraph of data (a name, an address line), a line
        in the direction other than the letter's set apart as a ``line`` of its
        own direction, so that "205 Chuy Prospect" in an Arabic letter is not
        read backwards (as the web page's ``<bdi>``)."""
        for i, line in enumerate(split_lines(inlines)):
            if i:
                yield '(kind: "break")'
            own = line_direction(plain_text(line))
            if own is not None and own != self.direction:
                yield f'(kind: "line", dir: {string(own)}, body: {self.inlines(line)})'
            else:
                yield from (self._inline(node) for node in line)

    def inlines(self, nodes: Iterable[Inline]) -> str:
        return _array(self._inline(node) for node in nodes)

    def _inline(self, node: Inline) -> str:
        match node:
            case Text():
                return string(node.text)
            case LineBreak():
                return '(kind: "break")'
            case Strong():
                return f'(kind: "strong", body: {self.inlines(node.children)})'
            case Emph():
                return f'(kind: "emph", body: {self.inlines(node.children)})'
            case Link():
                url = string(node.url)
                return f'(kind: "link", url: {url}, body: {self.inlines(node.children)})'
            case NoteRef():
                return self._mark(node)
            case _:
                assert_never(node)

    def _mark(self, ref: NoteRef) -> str:
        n = ref.number
        if n not in self.notes:
            raise AppealError(f"note {n} is cited but has no text")
        first = n not in self.cited
        if first:
            self.cited.add(n)
            self.written[n] = _array(self.block(b) for b in self.notes[n].blocks)
        return f'(kind: "note", number: {n}, first: {"true" if first else "false"})'
