"""The letter's blocks as WordprocessingML paragraphs and runs.

One :class:`ParagraphWriter` serves one part (the document or the footnotes):
links become ``w:hyperlink`` elements whose relationships it registers on that
part, because Word resolves a hyperlink's id against the part that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from lxml import etree  # type: ignore[import-untyped]

from appeal.document import (
    PROSE_ROLES,
    Block,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    assert_never,
    line_direction,
    plain_text,
    split_lines,
)
from appeal.writers.docx.numbering import LEVELS, Lists, indent
from appeal.writers.docx.ooxml import XML_SPACE, R, clean, sub
from appeal.writers.docx.package import RT, Relationships
from appeal.writers.docx.styles import (
    FOOTNOTE_REFERENCE,
    HYPERLINK,
    ROLE_STYLES,
    heading_style,
)

#: Roles whose paragraphs must not be parted from what follows / split across
#: pages, and those kept at least two lines together at a page break (widow
#: control): the closing stays with the first signature lines and a long
#: signature list flows over pages. Set on the paragraph itself, as a
#: letterhead's styles may lack them; headings are always kept with what follows.
_KEEP_WITH_NEXT = frozenset({"closing"})
_KEEP_TOGETHER = frozenset({"signature", "cc", "enclosures"})
#: Signature blocks up to this many lines are kept whole on one page; a longer
#: one flows over pages, two lines at least at each break.
SHORT_BLOCK = 12
_KEEP_SHORT = frozenset({"signatures"})
_WIDOW_CONTROL = frozenset({"signatures", "signature", "cc", "enclosures"})

_BREAKS = re.compile(r"(\t|\n)")


@dataclass(frozen=True)
class _Item:
    """A paragraph's place in a list item: ``num_id`` only on the item's first paragraph."""

    num_id: str | None
    level: int


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    style: str | None = None


class ParagraphWriter:
    """Appends blocks to a part's XML.

    ``note_ids`` maps each note number to its ``w:footnote`` id; a note's first
    citation becomes a Word footnote reference. Inside the notes themselves it
    is None, and a note mark is shown as its number.
    """

    def __init__(
        self,
        rels: Relationships,
        lists: Lists,
        note_ids: Mapping[int, int] | None,
        direction: str = "ltr",
    ) -> None:
        self._direction = direction
        self._rels = rels
        self._lists = lists
        self._note_ids = note_ids
        self._cited: set[int] = set()

    def blocks(self, parent: etree._Element, blocks: Sequence[Block], level: int = 0) -> None:
        """Append ``blocks``; lists among them are nested ``level`` deep."""
        for block in blocks:
            match block:
                case Paragraph(level=0):
                    self._paragraph(parent, block.inlines, block.role)
                case Paragraph():
                    style = heading_style(block.level)
                    self._paragraph(parent, block.inlines, block.role, style=style)
                case ListBlock():
                    self._list(parent, block, min(level, LEVELS - 1))
                case _:
                    assert_never(block)

    def _list(self, parent: etree._Element, block: ListBlock, level: int) -> None:
        """Each item's first paragraph carries the list marker; later ones align with it."""
        num_id = self._lists.new_list(block.ordered, block.start, level)
        for item in block.items:
            first = True
            for child in item:
                match child:
                    case Paragraph():
                        place = _Item(num_id if first else None, level)
                        style = heading_style(child.level) if child.level else None
                        self._paragraph(parent, child.inlines, child.role, place, style=style)
                        first = False
                    case ListBlock():
                        self.blocks(parent, (child,), level + 1)
                    case _:
                        assert_never(child)

    def _paragraph(
        self,
        parent: etree._Element,
        inlines: Sequence[Inline],
        role: str,
        item: _Item | None = None,
        style: str | None = None,
    ) -> None:
        p = sub(parent, "p")
        ppr = sub(p, "pPr")
        sub(ppr, "pStyle", val=style or ROLE_STYLES.get(role, ROLE_STYLES["body"]))
        if role in _KEEP_WITH_NEXT or style is not None:
            sub(ppr, "keepNext")
        if role in _KEEP_TOGETHER or (
            role in _KEEP_SHORT and len(split_lines(inlines)) <= SHORT_BLOCK
        ):
            sub(ppr, "keepLines")
        if role in _WIDOW_CONTROL:
            sub(ppr, "widowControl")
        if item is not None and item.num_id is not None:
            num_pr = sub(ppr, "numPr")
            sub(num_pr, "ilvl", val=str(item.level))
            sub(num_pr, "numId", val=item.num_id)
        elif item is not None:
            sub(ppr, "ind", left=str(indent(item.level)))
        elif role not in PROSE_ROLES:
            self._own_direction(ppr, inlines)
        self._inlines(p, inlines, _Format())

    def _own_direction(self, ppr: etree._Element, inlines: Sequence[Inline]) -> None:
        """Lay out a paragraph of data (a name, an address, the salutation) in the
        direction of its first letter, as the web page's ``<bdi>`` does, so that
        "205 Chuy Prospect" in an Arabic letter is not read backwards.

        Word has no isolation within a paragraph: a paragraph of several lines
        takes the direction of its first line.
        """
        own = line_direction(plain_text(inlines))
        if own is not None and own != self._direction:
            sub(ppr, "bidi", val="1" if own == "rtl" else "0")

    def _inlines(self, parent: etree._Element, inlines: Sequence[Inline], fmt: _Format) -> None:
        for node in inlines:
            match node:
                case Text():
                    self._text(parent, node.text, fmt)
                case LineBreak():
                    sub(self._run(parent, fmt), "br")
                case Strong():
                    self._inlines(parent, node.children, replace(fmt, bold=True))
                case Emph():
                    self._inlines(parent, node.children, replace(fmt, italic=True))
                case Link():
                    self._link(parent, node, fmt)
                case NoteRef():
                    self._note_ref(parent, node.number)
                case _:
                    assert_never(node)

    def _link(self, parent: etree._Element, link: Link, fmt: _Format) -> None:
        rid = self._rels.get_or_add_ext_rel(RT.HYPERLINK, clean(link.url))
        hyperlink = sub(parent, "hyperlink", history="1")
        hyperlink.set(f"{{{R}}}id", rid)
        self._inlines(hyperlink, link.children, replace(fmt, style=HYPERLINK))

    def _note_ref(self, parent: etree._Element, number: int) -> None:
        run = self._run(parent, _Format(style=FOOTNOTE_REFERENCE))
        note_id = self._note_ids.get(number) if self._note_ids is not None else None
        if note_id is not None and number not in self._cited:
            self._cited.add(number)
            sub(run, "footnoteReference", id=str(note_id))
        else:
            # Word numbers a footnote once, at its one reference; a later
            # citation of the same note repeats the number as text.
            _t(run, str(number))

    def _text(self, parent: etree._Element, text: str, fmt: _Format) -> None:
        for piece in _BREAKS.split(clean(text)):
            if piece == "\t":
                sub(self._run(parent, fmt), "tab")
            elif piece == "\n":
                sub(self._run(parent, fmt), "br")
            elif piece:
                _t(self._run(parent, fmt), piece)

    @staticmethod
    def _run(parent: etree._Element, fmt: _Format) -> etree._Element:
        run = sub(parent, "r")
        if fmt != _Format():
            rpr = sub(run, "rPr")
            if fmt.style:
                sub(rpr, "rStyle", val=fmt.style)
            if fmt.bold:
                sub(rpr, "b")
                sub(rpr, "bCs")
            if fmt.italic:
                sub(rpr, "i")
                sub(rpr, "iCs")
        return run


def _t(run: etree._Element, text: str) -> None:
    t = sub(run, "t")
    t.text = text
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")
