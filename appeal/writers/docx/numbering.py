"""The numbering part, ``word/numbering.xml``: the letter's lists as Word lists.

The letterhead's numbering part (added if it has none) gets one bullet and
one decimal definition (``w:abstractNum``). Each list of a letter gets its
own ``w:num`` pointing at one of them, so every numbered list starts at its
own start value and Word, LibreOffice and pandoc all see real lists.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from appeal.writers.docx.ooxml import W, serialize, sub, w
from appeal.writers.docx.package import CT, RT, PackURI, Part
from appeal.writers.docx.schema_order import insert

LEVELS = 9
INDENT = 360  # twentieths of a point: each level's indent step, and the hanging marker
_BULLETS = ("\u2022", "\u25e6", "\u25aa")
_EMPTY = f'<w:numbering xmlns:w="{W}"/>'.encode()


def numbering_part(document_part: Part) -> Part:
    """The document part's numbering part, added (empty) if missing."""
    try:
        return document_part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = Part(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, _EMPTY, document_part.package)
        document_part.relate_to(part, RT.NUMBERING)
        return part


@dataclass(frozen=True)
class ListDefinitions:
    """A numbering part holding the letter's bullet and decimal definitions."""

    root: etree._Element
    bullet: str
    decimal: str

    @classmethod
    def added_to(cls, numbering_xml: bytes) -> ListDefinitions:
        root = etree.fromstring(numbering_xml)
        taken = [int(a.get(w("abstractNumId"), "0")) for a in root.iterfind(w("abstractNum"))]
        bullet, decimal = str(max(taken, default=-1) + 1), str(max(taken, default=-1) + 2)
        for abstract_id, ordered in ((bullet, False), (decimal, True)):
            insert(root, _abstract_num(abstract_id, ordered))
        return cls(root, bullet, decimal)


def _abstract_num(abstract_id: str, ordered: bool) -> etree._Element:
    abstract = etree.Element(w("abstractNum"), {w("abstractNumId"): abstract_id})
    sub(abstract, "multiLevelType", val="multilevel")
    for level in range(LEVELS):
        lvl = sub(abstract, "lvl", ilvl=str(level))
        sub(lvl, "start", val="1")
        sub(lvl, "numFmt", val="decimal" if ordered else "bullet")
        sub(lvl, "lvlText", val=f"%{level + 1}." if ordered else _BULLETS[level % len(_BULLETS)])
        sub(lvl, "lvlJc", val="left")
        sub(sub(lvl, "pPr"), "ind", left=str(indent(level)), hanging=str(INDENT))
    return abstract


def indent(level: int) -> int:
    """The left indent of a list level's text."""
    return (level + 2) * INDENT


class Lists:
    """One letter's lists: a copy of the numbering part, with a ``w:num`` per list."""

    def __init__(self, definitions: ListDefinitions) -> None:
        self._definitions = definitions
        self._root = copy.deepcopy(definitions.root)
        taken = [int(n.get(w("numId"), "0")) for n in self._root.iterfind(w("num"))]
        self._next_id = max(taken, default=0) + 1

    def new_list(self, ordered: bool, start: int, level: int) -> str:
        """The ``w:numId`` of a new list, counting from ``start`` if ``ordered``."""
        num_id = str(self._next_id)
        self._next_id += 1
        num = etree.Element(w("num"), {w("numId"): num_id})
        definitions = self._definitions
        sub(num, "abstractNumId", val=definitions.decimal if ordered else definitions.bullet)
        if ordered:
            sub(sub(num, "lvlOverride", ilvl=str(level)), "startOverride", val=str(start))
        insert(self._root, num)
        return num_id

    def xml(self) -> bytes:
        return serialize(self._root)
