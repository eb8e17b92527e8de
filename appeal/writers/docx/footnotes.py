"""The footnotes part, ``word/footnotes.xml``: the letter's notes as Word footnotes.

The part is related to the document part (added if the letterhead has none),
and ``w:footnotePr`` in the settings names its separator notes. Each letter then
gets the letterhead's separators followed by one ``w:footnote`` per note, in
note-number order, so Word numbers them as the Markdown and text outputs do.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from appeal.document import Note
from appeal.writers.docx.numbering import Lists
from appeal.writers.docx.ooxml import XML_SPACE, W, declare_namespaces, serialize, sub, w
from appeal.writers.docx.package import CT, RT, PackURI, Part, Relationships
from appeal.writers.docx.paragraphs import ParagraphWriter
from appeal.writers.docx.schema_order import insert
from appeal.writers.docx.styles import FOOTNOTE_REFERENCE, ROLE_STYLES

PARTNAME = PackURI("/word/footnotes.xml")
_SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")
_SEPARATORS = f"""<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"
w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"
w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""

_PARSER = etree.XMLParser(remove_blank_text=True)


def footnotes_part(document_part: Part) -> Part:
    """The document part's footnotes part, added (holding only separators) if missing."""
    try:
        return document_part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        part = Part(PARTNAME, CT.WML_FOOTNOTES, _SEPARATORS.encode(), document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)
        return part


def separators_only(footnotes_xml: bytes) -> etree._Element:
    """The ``w:footnotes`` root keeping only the separator notes (added if absent)."""
    root = etree.fromstring(footnotes_xml, _PARSER)
    for note in root.findall(w("footnote")):
        if note.get(w("type")) not in _SEPARATOR_TYPES:
            root.remove(note)
    if not any(n.get(w("type")) == "separator" for n in root):
        root = etree.fromstring(_SEPARATORS, _PARSER)
    return declare_namespaces(root)


def point_settings_at_separators(settings: etree._Element, footnotes: etree._Element) -> None:
    """Make ``w:footnotePr`` in ``w:settings`` list the separator notes, as Word expects."""
    for old in settings.findall(w("footnotePr")):
        settings.remove(old)
    footnote_pr = etree.Element(w("footnotePr"))
    for note in footnotes.iterfind(w("footnote")):
        sub(footnote_pr, "footnote", id=note.get(w("id"), ""))
    insert(settings, footnote_pr)


def note_ids(separators: etree._Element, notes: Sequence[Note]) -> dict[int, int]:
    """The ``w:id`` of each note's footnote, by note number, above the separators' ids."""
    first = max((int(n.get(w("id"), "0")) for n in separators), default=0) + 1
    return {note.number: first + i for i, note in enumerate(notes)}


def write_footnotes(
    separators: etree._Element,
    rels: Relationships,
    lists: Lists,
    notes: Sequence[Note],
    ids: dict[int, int],
) -> bytes:
    """The footnotes part for ``notes``; links in them are registered on ``rels``."""
    root = copy.deepcopy(separators)
    writer = ParagraphWriter(rels, lists, note_ids=None)
    for note in notes:
        footnote = sub(root, "footnote", id=str(ids[note.number]))
        writer.blocks(footnote, note.blocks)
        _begin_with_mark(footnote)
    return serialize(root)


def _begin_with_mark(footnote: etree._Element) -> None:
    """Put the ``w:footnoteRef`` mark (the note's number) at the start of its text."""
    p = footnote.find(w("p"))
    if p is None:
        p = sub(footnote, "p")
        sub(sub(p, "pPr"), "pStyle", val=ROLE_STYLES["note"])
    mark = etree.Element(w("r"))
    sub(sub(mark, "rPr"), "rStyle", val=FOOTNOTE_REFERENCE)
    sub(mark, "footnoteRef")
    space = etree.Element(w("r"))
    sub(space, "t").text = " "
    space[0].set(XML_SPACE, "preserve")
    ppr = p.find(w("pPr"))
    if ppr is None:
        p.insert(0, mark)
    else:
        ppr.addnext(mark)
    mark.addnext(space)
