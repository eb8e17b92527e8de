"""Word (.docx) writer: the letter on a letterhead, with real Word footnotes.

The letterhead (see :mod:`.letterhead`) is prepared once per process; each
letter adds its document body, its footnotes part (:mod:`.footnotes`), its
lists (:mod:`.numbering`) and its core properties, and the parts are zipped
reproducibly (:mod:`.archive`).
"""

from __future__ import annotations

import copy

from lxml import etree  # type: ignore[import-untyped]

from appeal.document import Document
from appeal.writers import WriteOptions
from appeal.writers.docx.archive import zip_parts
from appeal.writers.docx.footnotes import note_ids, write_footnotes
from appeal.writers.docx.letterhead import load
from appeal.writers.docx.numbering import Lists
from appeal.writers.docx.ooxml import serialize, w
from appeal.writers.docx.paragraphs import ParagraphWriter
from appeal.writers.docx.properties import core_properties

__all__ = ["write"]


def write(doc: Document, options: WriteOptions) -> bytes:
    """The letter as the bytes of a .docx file."""
    letterhead = load(options, doc.meta.lang, doc.meta.letterhead)
    ids = note_ids(letterhead.footnotes.root, doc.notes)
    lists = Lists(letterhead.lists)

    document_rels = letterhead.document.new_rels()
    document = copy.deepcopy(letterhead.document.root)
    writer = ParagraphWriter(document_rels, lists, ids, doc.meta.direction)
    _fill_body(document, writer, doc)

    footnote_rels = letterhead.footnotes.new_rels()
    footnotes = write_footnotes(letterhead.footnotes.root, footnote_rels, lists, doc.notes, ids)

    document_name = letterhead.document.partname
    footnotes_name = letterhead.footnotes.partname
    members = [
        *letterhead.static,
        (document_name.membername, serialize(document)),
        (document_name.rels_uri.membername, document_rels.xml),
        (footnotes_name.membername, footnotes),
        (letterhead.numbering, lists.xml()),
        (letterhead.core_properties, core_properties(doc.meta)),
    ]
    if len(footnote_rels):
        members.append((footnotes_name.rels_uri.membername, footnote_rels.xml))
    return zip_parts(members, doc.meta.date)


def _fill_body(document: etree._Element, writer: ParagraphWriter, doc: Document) -> None:
    """Put the letter's blocks in the body, before its final section properties."""
    body = document.find(w("body"))
    assert body is not None, "a letterhead always has a body"
    sect_pr = body.find(w("sectPr"))
    if sect_pr is not None:
        body.remove(sect_pr)
    writer.blocks(body, doc.blocks)
    if sect_pr is not None:
        body.append(sect_pr)
