"""The document model every writer reads: a small tree of blocks and inlines.

It depends on nothing else in appeal and on no other library: the reader
(:mod:`appeal.reader`) builds it from the template's Markdown, and each
writer reads only this tree and its options. Writers never see Markdown, so
the outputs are views of one document and cannot drift apart.

Blocks carry a ``role``: the name of the fenced div (``::: recipient``) they
stood in within the template, or ``"body"`` outside any div. Writers style by
role: the recipient block, the "RE:" line, the signatures and so on.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

# Writers walk the tree with ``match`` and end with ``case _: assert_never(node)``,
# so that mypy reports a node type a writer does not handle.
if sys.version_info >= (3, 11):
    from typing import assert_never as assert_never
else:  # pragma: no cover
    from typing_extensions import assert_never as assert_never

#: The fenced-div names a template may use; anything else is a template error.
ROLES = (
    "title",
    "recipient",
    "email",
    "subject",
    "dateline",
    "salutation",
    "closing",
    "group",
    "signatures",
    "signature",
    "cc",
    "enclosures",
)


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (address and signature blocks)."""


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A footnote mark; ``number`` is 1-based, in order of first reference."""

    number: int


Inline = Text | LineBreak | Strong | Emph | Link | NoteRef


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    role: str = "body"
    level: int = 0
    """A heading's level, 1 (the letter's title) to 6; 0 for a paragraph."""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    role: str = "body"


Block = Paragraph | ListBlock

#: Roles of prose (Markdown paragraphs: the body, a note); the lines of every
#: other role are data (a name, an address line, the subject, a signature).
PROSE_ROLES = frozenset({"body", "note"})


@dataclass(frozen=True)
class Note:
    number: int
    blocks: tuple[Block, ...]


#: Languages written right to left, by their primary language subtag.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug"})


def text_direction(lang: str) -> str:
    """``rtl`` for a language written right to left, else ``ltr``; ``he-IL`` and ``AR`` count."""
    return "rtl" if lang.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def line_direction(text: str) -> str | None:
    """The direction of ``text``'s first strong letter (``ltr`` or ``rtl``), as HTML's
    ``dir="auto"`` finds it; None for text with no letter (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


@dataclass(frozen=True)
class Meta:
    """Document properties: the Word writer puts them in docProps/core.xml."""

    title: str
    author: str
    date: dt.date
    lang: str = "en"
    notes_heading: str = "Notes"
    """The word for the notes, where a writer heads them (a web page)."""
    back_label: str = ""
    """What a note's back-link does, for screen readers (a web page)."""
    letterhead: Path | None = None
    """The Word letterhead (a reference.docx) to build on, as the template lookup
    found it: the template's own, else the built-in one. The Word writer needs it."""
    own_page_size: bool = False
    """Whether the letterhead keeps its own page size (a campaign's reference.docx);
    otherwise ``WriteOptions.paper`` sets it (the built-in letterhead)."""
    layout: Path | None = None
    """The Typst layout (a letter.typ) to set the letter with, as the template lookup
    found it: the template's own, else the built-in one. The Typst writer needs it.
    Its folder is where the layout finds its images."""
    layout_importable: bool = False
    """Whether the layout only defines names, with no top-level rule or content (the
    built-in one): the PDF writer then imports it rather than setting it before the
    letter, and Typst evaluates it once for all the letters of a run. A campaign's
    own layout is set before the letter as ``-f typ`` writes it, so that its
    top-level ``set`` and ``show`` rules apply."""
    fonts: Path | None = None
    """The template's own fonts folder for PDF, if it has one."""

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``: the direction the letter's language is written in."""
        return text_direction(self.lang)


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = field(default=())


def plain_text(inlines: Sequence[Inline]) -> str:
    """The inlines as unformatted text (no note marks, breaks as newlines)."""
    out: list[str] = []
    for node in inlines:
        match node:
            case Text():
                out.append(node.text)
            case LineBreak():
                out.append("\n")
            case Strong() | Emph() | Link():
                out.append(plain_text(node.children))
            case NoteRef():
                pass
            case _:
                assert_never(node)
    return "".join(out)


def paragraphs(blocks: Iterable[Block]) -> Iterator[Paragraph]:
    """The paragraphs among ``blocks``, those in list items too, in reading order."""
    for block in blocks:
        match block:
            case Paragraph():
                yield block
            case ListBlock():
                for item in block.items:
                    yield from paragraphs(item)
            case _:
                assert_never(block)


def heading_shift(blocks: Iterable[Block], *, opened: bool = False) -> int:
    """How many levels to raise the letter's headings by so that its outline starts at 1.

    A letter with a title has it as its level-1 heading, and the web page makes
    the subject of an untitled letter its ``<h1>`` (``opened``); their other
    headings stay as they are. An open letter with neither would start at level
    2 (the headings over its signatory groups): PDF/UA refuses that, and a
    screen reader announces a level that is missing.
    """
    levels = {p.level for p in paragraphs(blocks) if p.level}
    if opened or not levels or 1 in levels:
        return 0
    return min(levels) - 1


def split_lines(inlines: Sequence[Inline]) -> list[list[Inline]]:
    """The inlines split at their line breaks: one list per line."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if isinstance(node, LineBreak):
            lines.append([])
        else:
            lines[-1].append(node)
    return lines


def link_label(link: Link) -> str | None:
    """The link's URL as written when the link shows its own address, else None.

    markdown-it percent-encodes link targets (``[2]`` becomes ``%5B2%5D``);
    a link whose text is its address (an autolink) is shown once, as written.
    """
    label = plain_text(link.children)
    url = link.url.removeprefix("mailto:")
    return label if label in (url, unquote(url)) else None
