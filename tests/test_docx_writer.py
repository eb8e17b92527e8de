"""The Word letter: roles as styles, layout, text fidelity, reproducible bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Cm, Pt
from lxml import etree

from appeal.document import Document, Link, Meta, Paragraph, Text
from appeal.reader import parse
from appeal.writers import FORMATS, WriteOptions
from appeal.writers.docx import write

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
META = Meta("Case of A. B.", "Civil Rights Defenders", dt.date(2020, 3, 31))

LETTER = """\
::: recipient
Mr. President\\
Capital City
:::

::: email
Via email: <office@example.org>
:::

::: subject
**RE: Case of A. B.**
:::

::: dateline
Brussels, 31 March 2020
:::

::: salutation
Your Excellency,
:::

We write about **A. B.**, a *journalist*.[^1]

- release A. B.
- drop the charges

3. first demand

   with a reason

   - nested point
4. second demand

::: closing
Sincerely,
:::

::: signatures
First Organisation\\
Second Organisation
:::

[^1]: A note.
"""


def _docx(markdown: str = LETTER, **options: object) -> bytes:
    return write(parse(markdown, META), WriteOptions(**options))  # type: ignore[arg-type]


def _xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{{{W}}}val")


def test_docx_is_a_registered_binary_format() -> None:
    fmt = FORMATS["docx"]
    assert (fmt.extension, fmt.binary) == ("docx", True)
    assert fmt.write(parse(LETTER, META), WriteOptions())[:2] == b"PK"


def test_each_role_has_its_paragraph_style() -> None:
    paragraphs = docx.Document(io.BytesIO(_docx())).paragraphs
    styles = [(p.style.style_id, p.text.split("\n")[0]) for p in paragraphs]
    assert styles[:5] == [
        ("Recipient", "Mr. President"),
        ("ViaEmail", "Via email: office@example.org"),
        ("Subject", "RE: Case of A. B."),
        ("Date", "Brussels, 31 March 2020"),
        ("Salutation", "Your Excellency,"),
    ]
    assert styles[5][0] == "BodyText"
    assert styles[-2:] == [("Closing", "Sincerely,"), ("Signature", "First Organisation")]


def test_recipient_and_signatories_are_one_per_line() -> None:
    paragraphs = docx.Document(io.BytesIO(_docx())).paragraphs
    assert paragraphs[0].text == "Mr. President\nCapital City"
    assert paragraphs[-1].text == "First Organisation\nSecond Organisation"


def test_subject_is_bold_by_style_and_inline_formatting_is_kept() -> None:
    document = docx.Document(io.BytesIO(_docx()))
    assert document.styles["Subject"].font.bold
    body = document.paragraphs[5]
    assert [(r.text, r.bold, r.italic) for r in body.runs if r.bold or r.italic] == [
        ("A. B.", True, None),
        ("journalist", None, True),
    ]


def test_the_closing_stays_with_a_short_signature_block_kept_whole() -> None:
    paragraphs = docx.Document(io.BytesIO(_docx())).paragraphs
    closing, signatures = paragraphs[-2], paragraphs[-1]
    assert closing.paragraph_format.keep_with_next
    assert signatures.paragraph_format.keep_together
    assert signatures.paragraph_format.widow_control


def test_lists_are_word_lists() -> None:
    data = _docx()
    numbering = _xml(data, "word/numbering.xml")

    def describe(p: etree._Element) -> tuple[str, ...]:
        text = "".join(p.itertext())
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        if num_id is None:
            return (text, "indent", p.find("w:pPr/w:ind", NS).get(f"{{{W}}}left"))
        level = _val(p.find("w:pPr/w:numPr/w:ilvl", NS))
        num = numbering.xpath(f"w:num[@w:numId='{_val(num_id)}']", namespaces=NS)[0]
        abstract_id = _val(num.find("w:abstractNumId", NS))
        lvl = numbering.xpath(
            f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='{level}']",
            namespaces=NS,
        )[0]
        start = num.xpath(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride/@w:val", namespaces=NS)
        return (text, _val(lvl.find("w:numFmt", NS)), level, *start, _val(num_id))

    body = _xml(data, "word/document.xml").find("w:body", NS)
    items = [describe(p) for p in body.findall("w:p", NS)[6:-2]]
    bullets, numbers, nested = items[0][-1], items[2][-1], items[4][-1]
    assert items == [
        ("release A. B.", "bullet", "0", bullets),
        ("drop the charges", "bullet", "0", bullets),
        ("first demand", "decimal", "0", "3", numbers),
        ("with a reason", "indent", "720"),
        ("nested point", "bullet", "1", nested),
        ("second demand", "decimal", "0", "3", numbers),
    ]
    assert len({bullets, numbers, nested}) == 3


@pytest.mark.parametrize(
    ("paper", "size"), [("a4", (Cm(21.0), Cm(29.7))), ("letter", (Pt(612), Pt(792)))]
)
def test_paper_size_and_margins(paper: str, size: tuple[int, int]) -> None:
    section = docx.Document(io.BytesIO(_docx(paper=paper))).sections[0]
    assert section.page_width == pytest.approx(size[0], abs=Cm(0.01))
    assert section.page_height == pytest.approx(size[1], abs=Cm(0.01))
    for margin in (section.left_margin, section.right_margin, section.top_margin):
        assert margin == pytest.approx(Cm(2.5), abs=Cm(0.01))


def test_body_font_is_eleven_point() -> None:
    styles = _xml(_docx(), "word/styles.xml")
    assert _val(styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NS)) == "22"


def test_page_numbers_from_page_two_on() -> None:
    section = docx.Document(io.BytesIO(_docx())).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_footer.paragraphs[0].text == ""
    instructions = section.footer._element.xpath(".//w:instrText/text()")
    assert [i.strip() for i in instructions] == ["PAGE"]


def test_core_properties_come_from_the_letter_only() -> None:
    props = docx.Document(io.BytesIO(_docx())).core_properties
    assert (props.title, props.author, props.language) == (META.title, META.author, "en")
    assert props.created == props.modified == dt.datetime(2020, 3, 31, tzinfo=dt.timezone.utc)
    assert props.last_modified_by == props.comments == props.keywords == ""
    assert props.revision == 0


def test_zip_entries_are_dated_from_the_letter() -> None:
    with zipfile.ZipFile(io.BytesIO(_docx())) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2020, 3, 31, 0, 0, 0)}
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])


_RENDER_DIGEST = """
import datetime as dt, hashlib, sys
from pathlib import Path
from appeal.document import Document, Link, Meta, Paragraph, Text
from appeal.reader import parse
from appeal.writers import WriteOptions
from appeal.writers.docx import write
doc = parse(Path(sys.argv[1]).read_text(encoding="utf-8"),
            Meta("Case of A. B.", "Civil Rights Defenders", dt.date(2020, 3, 31)))
print(hashlib.sha256(write(doc, WriteOptions())).hexdigest())
"""


def test_same_letter_gives_identical_bytes_in_two_processes(tmp_path: Path) -> None:
    source = tmp_path / "letter.md"
    source.write_text(LETTER, encoding="utf-8")
    digests = {
        subprocess.run(
            [sys.executable, "-c", _RENDER_DIGEST, str(source)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    }
    assert digests == {hashlib.sha256(_docx()).hexdigest()}


SPECIAL = """\
Tom & Jerry <script>"quoted" 'single'</script>; Азимжон Аскаров; عظيمجان عسكروف.[^1]

[^1]: Very long: <https://example.org/{path}?q=a&b=<c>>
"""
LONG_PATH = "/".join(f"segment{i:03d}" for i in range(60))


def test_markup_characters_and_scripts_survive() -> None:
    data = _docx(SPECIAL.format(path=LONG_PATH))
    text = docx.Document(io.BytesIO(data)).paragraphs[0].text
    assert text == (
        "Tom & Jerry <script>\"quoted\" 'single'</script>; Азимжон Аскаров; عظيمجان عسكروف."
    )
    footnotes = _xml(data, "word/footnotes.xml")
    assert f"https://example.org/{LONG_PATH}" in "".join(footnotes.itertext())


def test_xml_illegal_characters_are_dropped() -> None:
    """The validator rejects them, so they are built here without the parser."""
    link = Link("https://example.org/\x1bpage", (Text("link\x01"),))
    doc = Document(
        Meta("Title\x0b", "Author\x00", META.date),
        (Paragraph((Text("Bell\x07 and form\x0c feed; null\x00 too "), link)),),
    )
    reread = docx.Document(io.BytesIO(write(doc, WriteOptions())))
    assert reread.paragraphs[0].text == "Bell and form feed; null too link"
    assert reread.paragraphs[0].hyperlinks[0].url == "https://example.org/page"
    assert (reread.core_properties.title, reread.core_properties.author) == ("Title", "Author")


@pytest.mark.parametrize(
    ("lang", "directions"),
    [
        # In an Arabic letter, English data lines are laid out left to right;
        # Arabic lines and the prose keep the letter's direction.
        ("ar", {"Mr. President": "0", "الموضوع: A": None, "Sincerely،": "0", "نص.": None}),
        # In an English letter, an Arabic name is laid out right to left.
        ("en", {"السيد الرئيس": "1", "RE: A": None, "Sincerely,": None, "Body.": None}),
    ],
)
def test_each_data_paragraph_takes_the_direction_of_its_first_letter(
    lang: str, directions: dict[str, str | None]
) -> None:
    name, subject, closing, body = directions
    markdown = (
        f"::: recipient\n{name}\\\n205 Chuy Prospect\n:::\n\n::: subject\n{subject}\n:::\n\n"
        f"{body}\n\n::: closing\n{closing}\n:::\n"
    )
    meta = Meta("T", "A", dt.date(2020, 3, 31), lang)
    document = _xml(write(parse(markdown, meta), WriteOptions()), "word/document.xml")
    found = {
        "".join(p.itertext()).split("205")[0]: _val(p.find("w:pPr/w:bidi", NS))
        for p in document.iter(f"{{{W}}}p")
    }
    assert found == directions
