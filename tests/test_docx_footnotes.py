"""The footnotes part: real Word footnotes, wired as Word expects."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from appeal.document import Meta
from appeal.reader import parse
from appeal.writers import WriteOptions
from appeal.writers.docx import write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
META = Meta("A letter", "Some Organisation", dt.date(2020, 3, 31))

LETTER = """\
Body with a [site](https://body.example.org/page) link and a note.[^a]

Second paragraph cites two notes[^b] and the first again.[^a] And a third.[^c]

[^a]: First note, with a link: <https://notes.example.org/a?x=1&y=2>
[^b]: Second note, *emphasised*.
[^c]: Third note at <https://notes.example.org/c>.
"""


def _render(markdown: str = LETTER) -> bytes:
    return write(parse(markdown, META), WriteOptions())


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _package(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_footnotes_part_is_related_to_the_document_part() -> None:
    document_part = _package(_render()).part
    part = document_part.part_related_by(RT.FOOTNOTES)
    assert part.partname == "/word/footnotes.xml"
    assert part.content_type == CT.WML_FOOTNOTES


def test_one_footnote_per_note_after_the_separators() -> None:
    doc = parse(LETTER, META)
    footnotes = _part(write(doc, WriteOptions()), "word/footnotes.xml")
    notes = footnotes.findall("w:footnote", NS)
    kinds = [n.get(f"{{{W}}}type") for n in notes]
    assert kinds[:2] == ["separator", "continuationSeparator"]
    assert notes[0].find(".//w:separator", NS) is not None
    assert notes[1].find(".//w:continuationSeparator", NS) is not None
    assert kinds[2:] == [None] * len(doc.notes)


def test_each_note_begins_with_the_footnote_mark() -> None:
    footnotes = _part(_render(), "word/footnotes.xml")
    for note in footnotes.xpath("w:footnote[not(@w:type)]", namespaces=NS):
        first_run = note.find("w:p/w:r", NS)
        assert first_run.find("w:footnoteRef", NS) is not None
        assert first_run.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"
        assert note.find("w:p/w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "FootnoteText"


def test_references_point_at_the_notes_in_note_number_order() -> None:
    data = _render()
    document = _part(data, "word/document.xml")
    footnotes = _part(data, "word/footnotes.xml")
    refs = document.findall(".//w:footnoteReference", NS)
    ids = [ref.get(f"{{{W}}}id") for ref in refs]
    texts = {
        n.get(f"{{{W}}}id"): "".join(n.itertext())
        for n in footnotes.xpath("w:footnote[not(@w:type)]", namespaces=NS)
    }
    # Word numbers footnotes by the order of their references: 1, 2, 3 here.
    assert [texts[i].strip()[:6] for i in ids] == ["First ", "Second", "Third "]
    for ref in refs:
        run = ref.getparent()
        assert run.find("w:rPr/w:rStyle", NS).get(f"{{{W}}}val") == "FootnoteReference"


def test_a_note_cited_again_repeats_its_number_without_a_second_footnote() -> None:
    document = _part(_render(), "word/document.xml")
    refs = document.findall(".//w:footnoteReference", NS)
    assert len(refs) == 3
    second = document.findall("w:body/w:p", NS)[1]
    marks = [
        "".join(r.itertext()) or "ref"
        for r in second.findall("w:r", NS)
        if r.find("w:rPr/w:rStyle", NS) is not None
    ]
    assert marks == ["ref", "1", "ref"]


def test_settings_name_the_separator_notes() -> None:
    data = _render()
    settings = _part(data, "word/settings.xml")
    listed = [f.get(f"{{{W}}}id") for f in settings.findall("w:footnotePr/w:footnote", NS)]
    footnotes = _part(data, "word/footnotes.xml")
    separators = footnotes.xpath("w:footnote[@w:type]/@w:id", namespaces=NS)
    assert listed == separators


def test_footnote_styles_exist_by_style_id() -> None:
    styles = _part(_render(), "word/styles.xml")
    ids = set(styles.xpath("w:style/@w:styleId", namespaces=NS))
    assert {"FootnoteText", "FootnoteReference"} <= ids
    reference = styles.xpath("w:style[@w:styleId='FootnoteReference']", namespaces=NS)[0]
    assert reference.find("w:rPr/w:vertAlign", NS).get(f"{{{W}}}val") == "superscript"


def _hyperlink_targets(part: docx.opc.part.Part, root: etree._Element) -> list[str]:
    return [part.rels[rid].target_ref for rid in root.xpath(".//w:hyperlink/@r:id", namespaces=NS)]


def test_links_in_notes_are_relationships_of_the_footnotes_part() -> None:
    data = _render()
    document_part = _package(data).part
    footnotes_part = document_part.part_related_by(RT.FOOTNOTES)
    footnote_links = _hyperlink_targets(footnotes_part, _part(data, "word/footnotes.xml"))
    assert footnote_links == [
        "https://notes.example.org/a?x=1&y=2",
        "https://notes.example.org/c",
    ]
    body_links = _hyperlink_targets(document_part, _part(data, "word/document.xml"))
    assert body_links == ["https://body.example.org/page"]
    document_targets = {r.target_ref for r in document_part.rels.values() if r.is_external}
    assert document_targets == {"https://body.example.org/page"}


def test_a_letter_without_notes_keeps_only_the_separators() -> None:
    footnotes = _part(_render("No notes here.\n"), "word/footnotes.xml")
    assert [n.get(f"{{{W}}}type") for n in footnotes.findall("w:footnote", NS)] == [
        "separator",
        "continuationSeparator",
    ]
