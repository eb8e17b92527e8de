"""A template folder's reference.docx is the letterhead: the letter replaces its body."""

from __future__ import annotations

import datetime as dt
import io
import os
import runpy
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from appeal.document import Meta
from appeal.reader import parse
from appeal.writers import WriteOptions
from appeal.writers.docx import write
from appeal.writers.docx.letterhead import BUILT_IN, load

META = Meta("Case of A. B.", "Civil Rights Defenders", dt.date(2020, 3, 31))
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


def _letter(template_dir: Path, paper: str = "a4") -> docx.document.Document:
    data = write(parse(LETTER, META), WriteOptions(paper=paper, template_dir=template_dir))
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
    data = write(parse(LETTER, META), WriteOptions(template_dir=tmp_path))
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
    assert load(WriteOptions(template_dir=tmp_path), "en") is load(WriteOptions(), "en")
    built_in_dir = WriteOptions(template_dir=BUILT_IN.parent)
    assert load(built_in_dir, "en") is load(WriteOptions(), "en")


def test_letterhead_is_prepared_once_and_again_after_an_edit(tmp_path: Path) -> None:
    path = _make_reference(tmp_path, recipient_size=14)
    options = WriteOptions(template_dir=tmp_path)
    first = load(options, "en")
    assert load(options, "en") is first
    _make_reference(tmp_path, recipient_size=20)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load(options, "en") is not first
    assert _letter(tmp_path).paragraphs[0].style.font.size == Pt(20)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_letter_language_is_the_default_language(lang: str) -> None:
    meta = Meta(META.title, META.author, META.date, lang)
    data = write(parse(LETTER, meta), WriteOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = archive.read("word/styles.xml").decode()
    assert f'<w:lang w:val="{lang}"/>' in styles


def test_built_in_letterhead_is_what_its_script_builds(tmp_path: Path) -> None:
    script = Path(__file__).parents[1] / "tools" / "make_reference_docx.py"
    out = tmp_path / "reference.docx"
    runpy.run_path(str(script))["main"](out)
    assert out.read_bytes() == BUILT_IN.read_bytes()


def test_a_letter_on_the_built_in_letterhead_has_a_font_table_and_a_theme() -> None:
    """As every file Word writes: a strict validator reports a letter without them."""
    data = write(parse(LETTER, META), WriteOptions())
    letter = docx.Document(io.BytesIO(data))
    related = {rel.reltype.rsplit("/", 1)[1]: rel.target_part for rel in letter.part.rels.values()}
    assert b'w:name="Arial"' in related["fontTable"].blob
    assert b'<a:latin typeface="Arial"/>' in related["theme"].blob
