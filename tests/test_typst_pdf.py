"""PDF set by Typst, read back with poppler's pdfinfo, pdftotext and pdffonts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import typst
from conftest import require_tool
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import appeal
from appeal.cli import app
from appeal.document import (
    ROLES,
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
    paragraphs,
)
from appeal.errors import AppealError
from appeal.rendering import letter_document
from appeal.templating.lookup import BUILT_IN_LAYOUT, BUILTIN_TEMPLATES
from appeal.writers import WriteOptions, typst_pdf
from appeal.writers.typ import language, string
from appeal.writers.typ import source as typst_source

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
runner = CliRunner()

CASE = """\
date: 2021-05-03
place: {place}
subject: {subject}
recipient: {{name: {recipient}}}
grounds: {grounds}
demands: Release them.
signatories: [{{name: Org}}]
lang: {lang}
"""


def _pdf(doc: Document, tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "letter.pdf"
    path.write_bytes(typst_pdf.write(doc, WriteOptions(**options)))  # type: ignore[arg-type]
    return path


def _case(tmp_path: Path, **fields: str) -> appeal.Case:
    values = {"place": "Brussels", "subject": "S", "recipient": "R", "grounds": "G.", "lang": "en"}
    values.update(fields)
    path = tmp_path / "case.yaml"
    path.write_text(CASE.format(**values), encoding="utf-8")
    return appeal.load_case(path)


def _run(tool: str, *args: str) -> str:
    program = require_tool(tool)
    done = subprocess.run([program, *args], capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def _info(path: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(path)).splitlines()
    return {key: value.strip() for key, _, value in (line.partition(":") for line in lines)}


def _pages(path: Path, mode: str = "-raw") -> list[str]:
    """Each page's text: in the order the PDF draws it (-raw), or in reading order (-nopgbrk)."""
    return _run("pdftotext", mode, str(path), "-").split("\f")[:-1]


def _squash(text: str) -> str:
    """The text without white space (lines break inside links and after note marks)."""
    return re.sub(r"[\s\u202a-\u202e\u2066-\u2069]+", "", text)


def _text(nodes: Iterable[Inline]) -> str:
    """What the PDF shows of ``nodes``: note marks as their numbers."""
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, NoteRef):
            out.append(str(node.number))
        elif isinstance(node, (Strong, Emph, Link)):
            out.append(_text(node.children))
    return "".join(out)


def _block_texts(blocks: Sequence[Block]) -> list[str]:
    return [_text(paragraph.inlines) for paragraph in paragraphs(blocks)]


def test_the_example_prints_every_block_with_footnotes_on_two_a4_pages(tmp_path: Path) -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    path = _pdf(doc, tmp_path)
    info = _info(path)
    assert info["Pages"] == "2"
    assert info["Page size"].startswith("595.276 x 841.89")
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Case of Azimjon Askarov"
    assert info["Author"] == "Amnesty International"
    assert "<dc:language><rdf:Bag><rdf:li>en</rdf:li>" in _run("pdfinfo", "-meta", str(path))

    pages = _pages(path)
    # Page numbers from page 2: the last line of page 2 is "2"; page 1 has none.
    assert pages[1].splitlines()[-1] == "2"
    assert not re.fullmatch(r"\d+", pages[0].splitlines()[-1])
    # Real footnotes: each note's number and text at the foot of page 1, which cites them.
    for note in doc.notes:
        assert _squash(str(note.number) + "".join(_block_texts(note.blocks))) in _squash(pages[0])
    _assert_every_block(doc, pages)

    urls = {line.split()[-1] for line in _run("pdfinfo", "-url", str(path)).splitlines()[1:]}
    assert urls == {
        "mailto:pisma@mail.gov.kg",
        "mailto:oip@adm.gov.kg",
        "https://www.un.org/ga/search/viewm_doc.asp?symbol=A/RES/70/175",
        "https://www.ohchr.org/Documents/HRBodies/OPCAT/AdviceStatePartiesCoronavirusPandemic2020.pdf",
        "https://www.ohchr.org/EN/NewsEvents/Pages/DisplayNews.aspx?NewsID=25745&LangID=E",
    }


def _assert_every_block(doc: Document, pages: list[str]) -> None:
    """Every block and note of ``doc`` is on the pages, character for character, in order."""
    numbered = [page.rsplit(f"\n{i}\n", 1)[0] if i > 1 else page for i, page in enumerate(pages, 1)]
    text = _squash("".join(numbered))
    for note in doc.notes:
        body = _squash(str(note.number) + "".join(_block_texts(note.blocks)))
        assert body in text, body
        text = text.replace(body, "", 1)
    at = 0
    for block in _block_texts(doc.blocks):
        found = text.find(_squash(block), at)
        assert found >= 0, block
        at = found + len(_squash(block))
    assert at == len(text), text[at:]


EXAMPLES = sorted(p / f"{p.name}.yaml" for p in (ROOT / "examples").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", EXAMPLES, ids=[path.parent.name for path in EXAMPLES])
def test_the_real_letters_print_every_block(case: Path, tmp_path: Path) -> None:
    doc = letter_document(appeal.load_case(case))
    path = _pdf(doc, tmp_path)
    _assert_every_block(doc, _pages(path))
    assert all(row[-5] == "yes" for row in _fonts(path))


def test_headings_and_paragraphs_are_tagged(tmp_path: Path) -> None:
    doc = letter_document(appeal.load_case(ROOT / "examples" / "acta-2009" / "acta-2009.yaml"))
    tags = _run("pdfinfo", "-struct-text", str(_pdf(doc, tmp_path))).splitlines()
    assert tags[:5] == [
        "Document",
        '  H1 "ACTA: A Global Threat to Freedoms" (block)',
        '    "ACTA: A Global Threat to Freedoms"',
        '  H2 "open letter" (block)',
        '    "open letter"',
    ]
    assert tags[5] == "  P (block)"
    assert sum(line.strip().startswith("Note <Note") for line in tags) == len(doc.notes)


def _fonts(path: Path) -> list[list[str]]:
    return [line.split() for line in _run("pdffonts", str(path)).splitlines()[2:]]


def test_every_font_is_embedded(tmp_path: Path) -> None:
    case = _case(tmp_path, lang="ar", grounds="نطالب بالإفراج عنهم. *Free them.*")
    fonts = _fonts(_pdf(letter_document(case), tmp_path))
    assert fonts
    # Columns: name, type (two words), encoding, emb, sub, uni, object ID.
    assert all(row[-5] == "yes" for row in fonts), fonts
    names = {row[0].split("+")[-1] for row in fonts}
    assert names == {"Arimo-Regular", "Arimo-Italic", "Amiri-Regular", "Amiri-Bold"}


@pytest.mark.parametrize(
    ("lang", "fields", "lines"),
    [
        ("ru", {"place": "Москва", "recipient": "Министр Иванов",
                "grounds": "Мы требуем освободить журналистов, задержанных 3 мая."},
         ["Министр Иванов", "Москва, 3 мая 2021 г.", "Уважаемый(-ая) Министр Иванов,",
          "Мы требуем освободить журналистов, задержанных 3 мая.", "С уважением,"]),
        ("ar", {"place": "بيروت", "recipient": "معالي الوزير",
                "grounds": "نطالب بالإفراج الفوري عن الصحفيين."},
         ["معالي الوزير", "معالي الوزير المحترم/ة،", "نطالب بالإفراج الفوري عن الصحفيين.",
          "وتفضلوا بقبول فائق الاحترام،"]),
        ("fr", {"recipient": "Mme la Ministre", "place": "Genève",
                "grounds": "Nous demandons la libération immédiate des journalistes « détenus »."},
         ["Mme la Ministre", "Genève, le 3 mai 2021", "Objet : S",
          "Nous demandons la libération immédiate des journalistes « détenus »."]),
    ],
)  # fmt: skip
def test_letters_print_their_own_letters(
    tmp_path: Path, lang: str, fields: dict[str, str], lines: list[str]
) -> None:
    doc = letter_document(_case(tmp_path, lang=lang, **fields))
    path = _pdf(doc, tmp_path)
    (page,) = _pages(path, "-nodiag")
    shown = [re.sub(r"[\u202a-\u202e]", "", line).strip() for line in page.splitlines()]
    for line in lines:
        assert line in shown
    assert f"<rdf:li>{lang}</rdf:li>" in _run("pdfinfo", "-meta", str(path))


@pytest.mark.parametrize(("lang", "side"), [("ar", "right"), ("en", "left")])
def test_an_arabic_letter_runs_right_to_left(tmp_path: Path, lang: str, side: str) -> None:
    doc = letter_document(_case(tmp_path, lang=lang, recipient="معالي الوزير"))
    layout = _run("pdftotext", "-bbox-layout", str(_pdf(doc, tmp_path)), "-")
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', layout)
    start, end = (float(x) for x in lines[0])  # the recipient's line
    margin = 2.5 / 2.54 * 72
    if side == "right":
        assert end == pytest.approx(595.276 - margin, abs=0.5) and start > 595.276 / 2
    else:
        assert start == pytest.approx(margin, abs=0.5) and end < 595.276 / 2


def test_us_letter_paper(tmp_path: Path) -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    info = _info(_pdf(doc, tmp_path, paper="letter"))
    assert info["Page size"].startswith("612 x 792")


@pytest.mark.parametrize(
    ("standard", "marks"),
    [
        ("ua-1", ["<pdfuaid:part>1</pdfuaid:part>"]),
        ("a-2b", ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]),
    ],
)
def test_pdf_ua_and_pdf_a_on_request(tmp_path: Path, standard: str, marks: list[str]) -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    path = _pdf(doc, tmp_path, pdf_standard=standard)
    meta = _run("pdfinfo", "-meta", str(path))
    for mark in marks:
        assert mark in meta
    assert _info(path)["Tagged"] == "yes"


@pytest.mark.parametrize("standard", ["ua-1", "a-2b"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_meets_each_standard(tmp_path: Path, example: Path, standard: str) -> None:
    """An open letter with neither title nor subject too: its outline starts at level 1,
    which PDF/UA requires of the first heading."""
    doc = letter_document(appeal.load_case(example))
    path = _pdf(doc, tmp_path, pdf_standard=standard)
    assert _info(path)["Tagged"] == "yes"
    if example.stem == "census-2016":  # its group's heading: first in the outline, drawn as before
        written = typst_source(doc, WriteOptions())
        assert '(role: "group", kind: "par", level: 1, look: 2,' in written


def test_a_case_asks_for_its_standard_and_the_command_line_overrides_it(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "pdf:\n  standard: a-2b\n", "utf-8")
    archive, accessible = "<pdfaid:part>2</pdfaid:part>", "<pdfuaid:part>1</pdfuaid:part>"
    runs = [([], archive, accessible), (["--pdf-standard", "ua-1"], accessible, archive)]
    for flags, present, absent in runs:
        out = tmp_path / "-".join(["out", *flags])
        code, output = _render(str(case), "-f", "pdf", "-o", str(out), *flags)
        assert code == 0, output
        meta = _run("pdfinfo", "-meta", str(out / "case.pdf"))
        assert present in meta
        assert absent not in meta
    code, output = _render(
        str(case), "-f", "pdf", "-o", str(tmp_path / "lo"), "--pdf-engine", "libreoffice"
    )
    assert code == 1
    assert "meets a-2b (pdf: standard:), which only the typst PDF engine makes" in output
    assert not (tmp_path / "lo" / "case.pdf").exists()


def test_a_case_standard_refuses_libreoffice_for_an_attached_pdf_too(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    path = tmp_path / "case.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + "pdf: {standard: ua-1}\n", "utf-8")
    case = appeal.load_case(path)
    assert case.pdf_standard == "ua-1"
    options = WriteOptions(pdf_engine="libreoffice")
    for fmt in ("pdf", "eml"):
        with pytest.raises(appeal.PdfError, match=re.escape("meets ua-1 (pdf: standard:)")):
            appeal.render(case, fmt, options=options)
    # Formats without a PDF are not the PDF engine's business.
    assert appeal.render(case, "txt", options=options)


def test_an_unknown_standard_is_an_error() -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    with pytest.raises(appeal.PdfError, match="unknown PDF standard 'x-1'; choose from ua-1, a-2b"):
        typst_pdf.write(doc, WriteOptions(pdf_standard="x-1"))


def test_the_same_case_gives_the_same_bytes() -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    here = hashlib.sha256(typst_pdf.write(doc, WriteOptions())).hexdigest()
    code = (
        "import sys, hashlib, appeal\n"
        "from appeal.rendering import letter_document\n"
        "from appeal.writers import WriteOptions, typst_pdf\n"
        f"doc = letter_document(appeal.load_case({str(EXAMPLE)!r}))\n"
        "print(hashlib.sha256(typst_pdf.write(doc, WriteOptions())).hexdigest())\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, check=True, text=True, timeout=60
        ).stdout
        for _ in range(2)
    ]
    assert runs == [here + "\n"] * 2


def _meta(lang: str = "en") -> Meta:
    return Meta(title="T", author="A", date=dt.date(2021, 5, 3), lang=lang, layout=BUILT_IN_LAYOUT)


def test_a_document_that_names_no_layout_is_an_error() -> None:
    doc = Document(replace(_meta(), layout=None), (Paragraph((Text("Text."),)),))
    with pytest.raises(AppealError, match="a Typst letter needs a layout"):
        typst_pdf.write(doc, WriteOptions())


def test_every_role_is_laid_out(tmp_path: Path) -> None:
    blocks = tuple(Paragraph((Text(f"the {role} block"),), role) for role in ROLES)
    listed = ListBlock(((Paragraph((Text("first item"),)),), (Paragraph((Text("second"),)),)), True)
    doc = Document(_meta(), (*blocks, listed))
    (page,) = _pages(_pdf(doc, tmp_path))
    assert page.splitlines() == [f"the {role} block" for role in ROLES] + [
        "1. first item",
        "2. second",
    ]


def test_an_unknown_role_fails_loudly(tmp_path: Path) -> None:
    doc = Document(_meta(), (Paragraph((Text("P.S. text"),), "postscript"),))
    with pytest.raises(
        typst_pdf.TypesettingFailed, match="the letter layout has no role postscript"
    ):
        typst_pdf.write(doc, WriteOptions())


def test_a_note_cited_twice_is_one_footnote(tmp_path: Path) -> None:
    note = Note(1, (Paragraph((Text("The report."),), "note"),))
    body = Paragraph((Text("First"), NoteRef(1), Text(" and again"), NoteRef(1), Text(".")))
    (page,) = _pages(_pdf(Document(_meta(), (body,), (note,)), tmp_path))
    # Two marks, one note at the foot of the page.
    assert _squash(page) == "First1andagain1.1Thereport."


HOSTILE = [
    '"); #import "/etc/passwd" #("',
    '#set page(paper: "a5") *bold* _em_ $x^2$ <label> @ref // comment /* c */',
    '\\u{41} \\" ] ) } [ `raw` = heading - list + enum / term: ~ --- ...',
    '#panic("boom")',
]


def test_case_data_is_never_typst_code(tmp_path: Path) -> None:
    doc = Document(_meta(), tuple(Paragraph((Text(line),)) for line in HOSTILE))
    path = _pdf(doc, tmp_path)
    (page,) = _pages(path)
    assert [line for line in page.splitlines()] == HOSTILE
    assert _info(path)["Page size"].startswith("595.276 x 841.89")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=5))
def test_every_string_reads_back_as_itself(texts: list[str]) -> None:
    source = "#metadata((" + "".join(f"{string(t)}, " for t in texts) + ")) <data>"
    (value,) = json.loads(typst.query(source.encode(), "<data>", field="value", format="json"))
    assert value == texts


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", ("en", None)),
        ("pt-BR", ("pt", "BR")),
        ("zh-Hant-TW", ("zh", "TW")),
        ("AR", ("ar", None)),
    ],
)
def test_language_tags_become_typst_lang_and_region(
    tag: str, expected: tuple[str, str | None]
) -> None:
    assert language(tag) == expected


def test_a_character_no_font_has_is_an_error_and_a_campaign_font_prints_it(
    tmp_path: Path,
) -> None:
    word = "\u10e1\u10d0\u10e5\u10d0\u10e0\u10d7\u10d5\u10d4\u10da\u10dd"  # Georgian: Georgia
    doc = Document(_meta(), (Paragraph((Text(f"Tbilisi, {word}"),)),))
    (tmp_path / "fonts").mkdir()
    # A file Typst cannot read covers nothing.
    (tmp_path / "fonts" / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(60))
    doc = replace(doc, meta=replace(doc.meta, fonts=tmp_path / "fonts"))
    with pytest.raises(typst_pdf.MissingGlyphs) as info:
        typst_pdf.write(doc, WriteOptions())
    message = str(info.value)
    assert message.startswith("no font can show \u10d0 (U+10D0 GEORGIAN LETTER AN), ")
    assert message.endswith(": add a font that has them to the template's fonts/ folder")
    _stand_in_font(tmp_path / "fonts" / "StandIn.ttf", word)
    (page,) = _pages(_pdf(doc, tmp_path))
    assert page.splitlines() == [f"Tbilisi, {word}"]


def _stand_in_font(path: Path, chars: str) -> None:
    """Arimo renamed "Stand In", drawing each of ``chars`` with a Latin letter of its own."""
    from fontTools.ttLib import TTFont

    (arimo,) = (folder for folder in typst_pdf.font_folders(_meta()) if "arimo" in str(folder))
    font = TTFont(str(arimo / "Arimo[wght].ttf"))
    latin = font.getBestCmap()
    for table in font["cmap"].tables:
        if table.isUnicode():
            for char, letter in zip(
                dict.fromkeys(chars), "abcdefghijklmnopqrstuvwxyz", strict=False
            ):
                table.cmap[ord(char)] = latin[ord(letter)]
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Stand In"
        elif record.nameID == 6:
            record.string = "StandIn"
    font.save(str(path))


def test_many_signatories_leave_no_near_empty_page(tmp_path: Path) -> None:
    names = [f"Organisation number {i}" for i in range(1, 501)]
    signatures: list[Inline] = []
    for name in names:
        signatures += [Text(name), LineBreak()]
    blocks = (
        Paragraph((Text("Dear Minister,"),), "salutation"),
        Paragraph((Text("We write about the journalists. " * 30),)),
        Paragraph((Text("Sincerely,"),), "closing"),
        Paragraph(tuple(signatures[:-1]), "signatures"),
    )
    pages = [page.splitlines() for page in _pages(_pdf(Document(_meta(), blocks), tmp_path))]
    # The closing and the first signatures share a page; every page but the last is full.
    assert {"Sincerely,", "Organisation number 1"} <= set(pages[0])
    assert min(len(page) for page in pages[:-1]) > 40, [len(page) for page in pages]
    assert [line for page in pages for line in page if line.startswith("Organisation")] == names


def _render(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["render", *args])
    return result.exit_code, result.output


def test_render_makes_pdf_without_libreoffice_the_same_bytes_each_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    sums = []
    for run in ("one", "two"):
        code, output = _render(str(EXAMPLE), "-f", "pdf", "-o", str(tmp_path / run))
        assert code == 0, output
        manifest = json.loads((tmp_path / run / "manifest.json").read_text(encoding="utf-8"))
        (entry,) = manifest["letters"][0]["files"]
        data = (tmp_path / run / "askarov-2020.pdf").read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        sums.append(entry["sha256"])
    assert sums[0] == sums[1]


def test_the_typst_source_sets_the_same_pdf(tmp_path: Path) -> None:
    code, output = _render(str(EXAMPLE), "-f", "typ", "-f", "pdf", "-o", str(tmp_path))
    assert code == 0, output
    folders = typst_pdf.font_folders(_meta())
    again = typst.compile(
        str(tmp_path / "askarov-2020.typ"),
        font_paths=typst.Fonts(False, False, [str(folder) for folder in folders]),
        ignore_system_fonts=True,
        timestamp=dt.datetime(2020, 3, 31, tzinfo=dt.timezone.utc),
    )
    assert again == (tmp_path / "askarov-2020.pdf").read_bytes()


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_built_in_layout_imported_sets_the_same_pdf_as_pasted(paper: str) -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    assert doc.meta.layout_importable
    assert typst_pdf.main_source(doc, WriteOptions()).startswith('#import "/letter.typ": letter\n')
    pasted = replace(doc, meta=replace(doc.meta, layout_importable=False))
    options = WriteOptions(paper=paper)
    assert typst_pdf.write(doc, options) == typst_pdf.write(pasted, options)


def test_a_campaign_layout_is_set_before_the_letter_so_its_own_rules_apply(
    tmp_path: Path,
) -> None:
    template = tmp_path / "templates" / "joint-letter"
    shutil.copytree(BUILTIN_TEMPLATES / "joint-letter", template)
    with (template / "letter.typ").open("a", encoding="utf-8") as layout:
        layout.write('#show "Kyrgyzstan": "KYRGYZSTAN"\n')
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    shutil.copy(EXAMPLE, tmp_path / "case.yaml")
    doc = letter_document(appeal.load_case(tmp_path / "case.yaml"))
    assert not doc.meta.layout_importable
    assert "President of KYRGYZSTAN" in _pages(_pdf(doc, tmp_path))[0]


def test_pdf_standard_is_for_the_typst_engine(tmp_path: Path) -> None:
    code, output = _render(
        str(EXAMPLE), "-f", "pdf", "--pdf-engine", "libreoffice", "--pdf-standard", "ua-1"
    )
    assert code == 2
    assert "--pdf-standard needs --pdf-engine typst" in output


def test_a_campaign_layout_brings_its_letterhead_and_logo(tmp_path: Path) -> None:
    template = tmp_path / "templates" / "joint-letter"
    shutil.copytree(BUILTIN_TEMPLATES / "joint-letter", template)
    (template / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        '<rect width="40" height="20" fill="#c00"/></svg>',
        encoding="utf-8",
    )
    layout = template / "letter.typ"
    letterhead = (
        '#let letterhead = grid(columns: (1fr, auto), image("logo.svg", width: 2cm),'
        " align(end)[Coalition for a Free Press \\ 1 Example Street])"
    )
    layout.write_text(
        layout.read_text(encoding="utf-8").replace("#let letterhead = none", letterhead),
        encoding="utf-8",
    )
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    shutil.copy(EXAMPLE, tmp_path / "case.yaml")
    code, output = _render(str(tmp_path / "case.yaml"), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert code == 0, output
    path = tmp_path / "out" / "case.pdf"
    first = _pages(path)[0].splitlines()
    assert first[:2] == ["Coalition for a Free Press", "1 Example Street"]
    assert first[2] == "Mr. Sooronbay Jeenbekov"
    # The logo (2 cm wide, from the top left margin at 2.5 cm) is a red box: all dark in grey.
    assert max(_grey(path, x=75, y=75, width=40, height=20)) < 128


def _grey(path: Path, x: int, y: int, width: int, height: int) -> bytes:
    """The pixels, at one per point, of an area of page 1 (a binary PGM's body)."""
    program = require_tool("pdftoppm")
    area = ["-x", str(x), "-y", str(y), "-W", str(width), "-H", str(height)]
    command = [program, "-r", "72", "-f", "1", "-l", "1", "-gray", *area, str(path)]
    pgm = subprocess.run(command, capture_output=True, check=True, timeout=60).stdout
    return pgm[-width * height :]


@pytest.mark.parametrize(
    "command",
    [
        ["pdfua", "check"],
        ["outloud", "--layer", "conformance", "--fail-on", "warning"],
    ],
)
def test_pdf_ua_checkers_find_nothing_in_the_example(tmp_path: Path, command: list[str]) -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    path = _pdf(doc, tmp_path, pdf_standard="ua-1")
    program = require_tool(command[0])
    done = subprocess.run(
        [program, *command[1:], str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("#let fonts = (", '#let fonts = ("Garamond Nowhere", '),
         "Typst warns about the letter: unknown font family: garamond nowhere"),
        (("#let letterhead = none", "#let letterhead = ["),
         "Typst could not set the letter: unclosed delimiter"),
    ],
)  # fmt: skip
def test_a_campaign_layout_that_falls_back_or_breaks_is_an_error(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    layout = (BUILTIN_TEMPLATES / "joint-letter" / "letter.typ").read_text(encoding="utf-8")
    (tmp_path / "letter.typ").write_text(layout.replace(*change, 1), encoding="utf-8")
    doc = letter_document(appeal.load_case(EXAMPLE))
    own = replace(doc.meta, layout=tmp_path / "letter.typ", layout_importable=False)
    doc = replace(doc, meta=own)
    with pytest.raises(typst_pdf.TypesettingFailed) as info:
        typst_pdf.write(doc, WriteOptions())
    assert str(info.value).startswith(message)


def test_an_unknown_pdf_engine_from_the_api_is_an_error_not_typst() -> None:
    case = appeal.load_case(EXAMPLE)
    with pytest.raises(appeal.AppealError, match="did you mean 'libreoffice'"):
        appeal.render(case, "pdf", options=appeal.WriteOptions(pdf_engine="libreofice"))
