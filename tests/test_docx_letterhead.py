"""A template folder's reference.docx is the letterhead: the letter replaces its body."""

from __future__ import annotations

import datetime as dt
import io
import os
import runpy
import shutil
import struct
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

import appeal
from appeal.document import Meta
from appeal.errors import AppealError
from appeal.reader import parse
from appeal.rendering import letter_document
from appeal.templating.lookup import BUILT_IN_LETTERHEAD, find_letterhead
from appeal.writers import WriteOptions
from appeal.writers.docx import write
from appeal.writers.docx.letterhead import load

META = Meta(
    "Case of A. B.", "Civil Rights Defenders", dt.date(2020, 3, 31), letterhead=BUILT_IN_LETTERHEAD
)
EXAMPLE = Path(__file__).parents[1] / "cases" / "askarov-2020.yaml"
LETTER = """\
::: recipient
Mr. President
:::

Body text.[^1]

[^1]: A note.
"""


def _png() -> bytes:
    """A one-pixel PNG: the letterhead's logo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x20\x40\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _make_reference(folder: Path, recipient_size: int = 14) -> Path:
    """A letterhead made in python-docx, carrying things that must not reach a letter."""
    reference = docx.Document()
    section = reference.sections[0]
    section.page_width, section.page_height = Pt(612), Pt(792)
    section.header.paragraphs[0].text = "ACME Human Rights Letterhead"
    section.header.paragraphs[0].add_run().add_picture(io.BytesIO(_png()), width=Pt(40))
    style = reference.styles.add_style("Recipient", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(recipient_size)
    reference.add_paragraph("Sample text of the letterhead's own body.")
    props = reference.core_properties
    props.author, props.last_modified_by = "Letterhead Designer", "Some User"
    props.comments, props.keywords = "internal remark", "secret"
    path = folder / "reference.docx"
    reference.save(str(path))
    return path


def _own(template: Path) -> Meta:
    """The metadata of a letter whose template brings its own letterhead."""
    return replace(META, letterhead=template / "reference.docx", own_page_size=True)


def _letter(template: Path, paper: str = "a4") -> docx.document.Document:
    data = write(parse(LETTER, _own(template)), WriteOptions(paper=paper))
    return docx.Document(io.BytesIO(data))


def test_letter_replaces_the_letterhead_body(tmp_path: Path) -> None:
    _make_reference(tmp_path)
    letter = _letter(tmp_path)
    assert [p.text for p in letter.paragraphs] == ["Mr. President", "Body text."]


def test_letterhead_header_styles_and_page_setup_are_kept(tmp_path: Path) -> None:
    _make_reference(tmp_path)
    letter = _letter(tmp_path, paper="a4")
    section = letter.sections[0]
    assert section.header.paragraphs[0].text == "ACME Human Rights Letterhead"
    assert (section.page_width, section.page_height) == (Pt(612), Pt(792))
    assert letter.paragraphs[0].style.font.size == Pt(14)


def test_letterhead_logo_is_kept(tmp_path: Path) -> None:
    _make_reference(tmp_path)
    header = _letter(tmp_path).sections[0].header
    blips = header._element.xpath(".//a:blip/@r:embed")
    assert len(blips) == 1
    assert header.part.related_parts[blips[0]].blob == _png()


def test_styles_the_letterhead_lacks_are_added(tmp_path: Path) -> None:
    _make_reference(tmp_path)
    style_ids = {s.style_id for s in _letter(tmp_path).styles}
    assert {"BodyText", "FootnoteText", "FootnoteReference", "Signature", "Subject"} <= style_ids


def test_letterhead_properties_and_thumbnail_do_not_leak(tmp_path: Path) -> None:
    _make_reference(tmp_path)
    data = write(parse(LETTER, _own(tmp_path)), WriteOptions())
    props = docx.Document(io.BytesIO(data)).core_properties
    assert (props.author, props.last_modified_by, props.comments, props.keywords) == (
        META.author,
        "",
        "",
        "",
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(n) for n in names)
    assert not [n for n in names if "thumbnail" in n]
    for leak in (b"Some User", b"Letterhead Designer", b"internal remark", b"letterhead's own"):
        assert leak not in everything


def test_without_reference_docx_the_built_in_letterhead_is_used(tmp_path: Path) -> None:
    assert find_letterhead(tmp_path) == BUILT_IN_LETTERHEAD
    assert find_letterhead(BUILT_IN_LETTERHEAD.parent) == BUILT_IN_LETTERHEAD
    meta = letter_document(appeal.load_case(EXAMPLE)).meta
    assert (meta.letterhead, meta.own_page_size) == (BUILT_IN_LETTERHEAD, False)
    _make_reference(tmp_path)
    assert find_letterhead(tmp_path) == tmp_path / "reference.docx"


def test_a_campaign_letterhead_keeps_its_page_size_and_the_built_in_takes_the_paper(
    tmp_path: Path,
) -> None:
    template = tmp_path / "templates" / "joint-letter"
    shutil.copytree(BUILT_IN_LETTERHEAD.parent, template)
    _make_reference(template)
    shutil.copy(EXAMPLE, tmp_path)
    shutil.copy(EXAMPLE.parents[1] / "signatories.yaml", tmp_path)
    meta = letter_document(appeal.load_case(tmp_path / EXAMPLE.name)).meta
    assert (meta.letterhead, meta.own_page_size) == (template / "reference.docx", True)
    assert load(meta, WriteOptions(paper="a4")) is load(meta, WriteOptions(paper="letter"))
    assert load(META, WriteOptions(paper="a4")) is not load(META, WriteOptions(paper="letter"))


def test_letterhead_is_prepared_once_and_again_after_an_edit(tmp_path: Path) -> None:
    path = _make_reference(tmp_path, recipient_size=14)
    meta, options = _own(tmp_path), WriteOptions()
    first = load(meta, options)
    assert load(meta, options) is first
    _make_reference(tmp_path, recipient_size=20)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load(meta, options) is not first
    assert _letter(tmp_path).paragraphs[0].style.font.size == Pt(20)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_letter_language_is_the_default_language(lang: str) -> None:
    meta = replace(META, lang=lang)
    data = write(parse(LETTER, meta), WriteOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert f'<w:lang w:val="{lang}"/>' in styles


def test_built_in_letterhead_is_what_its_script_builds(tmp_path: Path) -> None:
    script = Path(__file__).parents[1] / "tools" / "make_reference_docx.py"
    out = tmp_path / "reference.docx"
    runpy.run_path(str(script))["main"](out)
    assert out.read_bytes() == BUILT_IN_LETTERHEAD.read_bytes()


def test_a_letter_on_the_built_in_letterhead_has_a_font_table_and_a_theme() -> None:
    """As every file Word writes: a strict validator reports a letter without them."""
    data = write(parse(LETTER, META), WriteOptions())
    letter = docx.Document(io.BytesIO(data))
    related = {rel.reltype.rsplit("/", 1)[1]: rel.target_part for rel in letter.part.rels.values()}
    assert b'w:name="Arial"' in related["fontTable"].blob
    assert b'<a:latin typeface="Arial"/>' in related["theme"].blob


def test_a_document_that_names_no_letterhead_is_an_error() -> None:
    doc = parse(LETTER, replace(META, letterhead=None))
    with pytest.raises(AppealError, match="a Word letter needs a letterhead"):
        write(doc, WriteOptions())


def _zip(members: dict[str, str]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return data.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a zip file", "File is not a zip file"),
        (_zip({"x.txt": "hi"}), "There is no item named '[Content_Types].xml' in the archive"),
        (_zip({"[Content_Types].xml": "<Types"}), "Couldn't find end of Start Tag"),
    ],
)
def test_a_letterhead_that_is_no_word_document_is_a_template_error(
    tmp_path: Path, content: bytes, says: str
) -> None:
    """A campaign's broken reference.docx: a message naming it, not an internal error."""
    (tmp_path / "reference.docx").write_bytes(content)
    unreadable = r"reference\.docx cannot be read as a Word"
    with pytest.raises(appeal.TemplateError, match=unreadable) as e:
        write(parse(LETTER, _own(tmp_path)), WriteOptions())
    assert says in str(e.value)
