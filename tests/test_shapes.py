"""The shapes a letter takes: each part of the case format in every output format.

``tests/cases/shapes/`` holds a letter with every part at once (its golden
files cover Markdown, text and HTML whole); the tests here name what each
part must look like in each format, the Word letter as pandoc reads it, and
how the parts combine (which salutation wins, when a closing takes a comma).
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import require_tool

import appeal
from appeal.bulk import Batch
from appeal.document import Paragraph, plain_text
from appeal.errors import TemplateError
from appeal.reader import parse
from appeal.rendering import letter_document
from appeal.templating.lookup import BUILTIN_TEMPLATES
from appeal.writers.docx.styles import heading_style

SHAPES = Path(__file__).parent / "cases" / "shapes" / "case.yaml"


@pytest.fixture(scope="module")
def shapes() -> appeal.Case:
    return appeal.load_case(SHAPES)


def _text(case: appeal.Case, fmt: str, recipient: appeal.Recipient | None = None) -> str:
    out = appeal.render(case, fmt, recipient)
    assert isinstance(out, str)
    return out


def _case(tmp_path: Path, text: str, name: str = "c.yaml") -> appeal.Case:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return appeal.load_case(path)


BASE = """\
date: 2021-05-03
grounds: We write.
demands: Release them.
signatories: [{name: Org}]
"""


def test_text_sets_off_the_title_and_headings(shapes: appeal.Case) -> None:
    lines = _text(shapes, "txt").splitlines()
    title = "Open letter to the Ministers of Justice and of the Interior"
    assert lines[:2] == [title, "=" * len(title)]
    for heading in ("Background", "Our demands", "Organisations", "Individuals"):
        at = lines.index(heading)
        assert lines[at + 1] == "-" * len(heading)
        assert lines[at - 1] == lines[at + 2] == ""


def test_text_prints_every_part_in_order(shapes: appeal.Case) -> None:
    text = _text(shapes, "txt")
    parts = [
        "To:\n\nMs. Ana Pop\nMinister of Justice\n\nMr. Ion Rus\nMinister of the Interior",
        "Via email to:\nMs. Ana Pop, Minister of Justice",
        "RE: Release the journalists",
        "Brussels, 3 May 2021\nRef. 2021/17",
        "Dear Ministers,",
        "1. Release them.\n2. Drop the charges.",
        "Yours faithfully.\n",
        "Amnesty International\nHRW",
        "Jane Doe\nProfessor of Law\nUniversity of Bucharest\n\nJohn Roe, journalist",
        "cc:\nOffice of the Prime Minister\n"
        "Irene Khan, Special Rapporteur on freedom of expression, United Nations",
        "Enclosure(s):\nThe coalition's report on the detention",
    ]
    places = [text.index(part) for part in parts]
    assert places == sorted(places)
    # The via lines replace the generated line; the email address is not printed.
    assert "Via email:" not in text
    assert "minister@justice.example.org" not in text
    assert "Yours faithfully.," not in text


def test_markdown_has_real_headings(shapes: appeal.Case) -> None:
    lines = _text(shapes, "md").splitlines()
    assert lines[0] == "# Open letter to the Ministers of Justice and of the Interior"
    for heading in ("Background", "Our demands", "Organisations", "Individuals"):
        assert f"## {heading}" in lines


def test_html_title_is_the_h1_and_headings_are_h2(shapes: appeal.Case) -> None:
    page = _text(shapes, "html")
    title = "Open letter to the Ministers of Justice and of the Interior"
    assert page.count("<h1") == 1
    assert f'<h1 class="title"><bdi>{title}</bdi></h1>' in page
    assert f"<title>{title}</title>" in page
    assert '<p class="subject"><bdi><strong>RE: Release the journalists</strong></bdi></p>' in page
    assert "<h2>Background</h2>" in page
    assert '<h2 class="group"><bdi>Organisations</bdi></h2>' in page
    assert (
        '<p class="signature"><bdi>Jane Doe</bdi><br>\n<bdi>Professor of Law</bdi><br>\n'
        "<bdi>University of Bucharest</bdi></p>" in page
    )


def test_without_a_title_the_subject_is_the_h1(tmp_path: Path) -> None:
    case = _case(tmp_path, BASE + "subject: S\nrecipient: {name: R}\n")
    assert '<h1 class="subject"><bdi><strong>RE: S</strong></bdi></h1>' in _text(case, "html")


def _pandoc(data: bytes, tmp_path: Path) -> dict[str, Any]:
    pandoc = require_tool("pandoc")
    path = tmp_path / "letter.docx"
    path.write_bytes(data)
    out = subprocess.run(
        [pandoc, "-f", "docx", "-t", "json", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _plain(inlines: list[dict[str, Any]]) -> str:
    words = []
    for el in inlines:
        if el["t"] == "Str":
            words.append(el["c"])
        elif el["t"] == "Space":
            words.append(" ")
        elif el["t"] in ("Strong", "Emph"):
            words.append(_plain(el["c"]))
    return "".join(words)


def test_pandoc_reads_the_word_headings_and_lists(shapes: appeal.Case, tmp_path: Path) -> None:
    data = appeal.render(shapes, "docx")
    assert isinstance(data, bytes)
    blocks = _pandoc(data, tmp_path)["blocks"]
    headers = [(b["c"][0], _plain(b["c"][2])) for b in blocks if b["t"] == "Header"]
    assert headers == [
        (1, "Open letter to the Ministers of Justice and of the Interior"),
        (2, "Background"),
        (2, "Our demands"),
        (2, "Organisations"),
        (2, "Individuals"),
    ]
    assert [b["t"] for b in blocks].count("OrderedList") == 1


def test_the_word_title_is_the_letters_title(shapes: appeal.Case) -> None:
    data = appeal.render(shapes, "docx")
    assert isinstance(data, bytes)
    document = docx.Document(io.BytesIO(data))
    assert document.core_properties.title == shapes.title
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert styles[0] == "Heading 1"
    assert styles.count("Heading 2") == 4


def test_a_group_heading_is_kept_with_its_first_entry(shapes: appeal.Case) -> None:
    data = appeal.render(shapes, "docx")
    assert isinstance(data, bytes)
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    group = next(p for p in paragraphs if p.text == "Organisations")
    assert group.paragraph_format.keep_with_next
    person = next(p for p in paragraphs if p.text.startswith("Jane Doe"))
    assert person.paragraph_format.keep_together


def test_a_recipient_list_is_one_letter_and_recipients_one_each(tmp_path: Path) -> None:
    one = _case(
        tmp_path,
        BASE + "recipient: [{name: A}, {name: B}]\nsalutation: Dear both\n",
        "one.yaml",
    )
    each = _case(tmp_path, BASE + "recipients: [{name: A}, {name: B}]\n", "each.yaml")
    batch = Batch([tmp_path / "one.yaml", tmp_path / "each.yaml"], output=tmp_path / "out")
    planned = [(letter.case_file, letter.recipient_name) for letter in batch.letters()]
    assert [name for _, name in planned] == ["A, B", "A", "B"]
    text = _text(one, "txt")
    assert text.startswith("A\n\nB\n\n")
    assert "Dear both," in text
    assert _text(each, "txt", each.recipients[1]).startswith("B\n\n")


@pytest.mark.parametrize(
    ("extra", "greeting"),
    [
        ("recipient: {name: R}\n", "Dear R,"),
        ("recipient: {name: R}\nsalutation: Dear friends\n", "Dear friends,"),
        ("recipient: {name: R, salutation: Your Excellency}\nsalutation: Dear friends\n",
         "Your Excellency,"),
        ("recipient: [{name: R}]\n", "Dear R,"),
        ("recipient: [{name: R}, {name: S, salutation: Hi}]\nsalutation: Dear both\n",
         "Dear both,"),
        ("recipients: [{name: R}]\nsalutation: Dear friends\n", "Dear friends,"),
        ("recipients: [{name: R, salutation: Hi}]\nsalutation: Dear friends\n", "Hi,"),
        ("recipient: {name: R}\nsalutation: false\n", None),
        ("title: Statement\n", None),
        ("title: Statement\nsalutation: Friends\n", "Friends,"),
    ],
)  # fmt: skip
def test_which_salutation_a_letter_gets(tmp_path: Path, extra: str, greeting: str | None) -> None:
    document = letter_document(_case(tmp_path, BASE + extra))
    found = [b for b in document.blocks if getattr(b, "role", None) == "salutation"]
    if greeting is None:
        assert found == []
    else:
        assert _text(_case(tmp_path, BASE + extra), "txt").count(f"\n{greeting}\n") == 1


@pytest.mark.parametrize(
    ("extra", "closing"),
    [
        ("", "Sincerely,"),
        ("closing: Yours faithfully\n", "Yours faithfully,"),
        ("closing: Yours faithfully.\n", "Yours faithfully."),
        ("closing: With thanks!\n", "With thanks!"),
        ("closing: 'On behalf of the coalition:'\n", "On behalf of the coalition:"),
        ("closing: Best regards,\n", "Best regards,"),
        ("lang: fr\n", "Veuillez agréer l’expression de notre haute considération."),
        ("lang: fr\nclosing: Cordialement\n", "Cordialement."),
        ("lang: es\n", "Atentamente,"),
        ("lang: ar\n", "وتفضلوا بقبول فائق الاحترام،"),
        ("lang: de\n", "Mit freundlichen Grüßen"),
        ("lang: uk\n", "З повагою"),
    ],
)
def test_a_closing_takes_the_languages_punctuation_once(
    tmp_path: Path, extra: str, closing: str
) -> None:
    text = _text(_case(tmp_path, BASE + "title: T\n" + extra), "txt")
    assert f"\n{closing}\n" in text


def test_closing_false_prints_no_closing(tmp_path: Path) -> None:
    document = letter_document(_case(tmp_path, BASE + "title: T\nclosing: false\n"))
    assert not [b for b in document.blocks if getattr(b, "role", None) == "closing"]
    assert "Sincerely" not in _text(_case(tmp_path, BASE + "title: T\nclosing: false\n"), "md")


def test_an_open_letter_has_no_address_via_subject_or_salutation(tmp_path: Path) -> None:
    case = _case(tmp_path, BASE + "title: Open letter on press freedom\n")
    assert _text(case, "txt") == (
        "Open letter on press freedom\n"
        "============================\n\n"
        "3 May 2021\n\n"
        "We write.\n\n"
        "Release them.\n\n"
        "Sincerely,\n\n"
        "Org\n"
    )


def test_dateline_false_keeps_the_reference(tmp_path: Path) -> None:
    case = _case(tmp_path, BASE + "title: T\ndateline: false\nreference: No. 7\n")
    text = _text(case, "txt")
    assert "3 May 2021" not in text
    assert "\nNo. 7\n" in text
    assert letter_document(case).meta.date.isoformat() == "2021-05-03"


def test_a_registry_entry_is_spelled_as_the_letter_spells_it(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_text(
        "eff: {name: Electronic Frontier Foundation, short: EFF}\n"
        "jd: {name: Jane Doe, title: Professor, organisation: University}\n",
        encoding="utf-8",
    )
    case = _case(
        tmp_path,
        BASE.replace("signatories: [{name: Org}]", "signatories: [{id: eff, name: EFF}, jd]")
        + "title: T\n",
    )
    assert _text(case, "txt").endswith("EFF\n\nJane Doe\nProfessor\nUniversity\n")


def test_a_language_without_the_cc_word_says_so(tmp_path: Path) -> None:
    template = tmp_path / "templates" / "joint-letter"
    (template / "translations").mkdir(parents=True)
    (template / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (template / "translations" / "nl.yaml").write_text(
        "locale: nl\nre: 'Betreft:'\nvia_email: 'Per e-mail:'\nsalutation: Geachte {name}\n"
        "closing: Met vriendelijke groet\ncomma: ','\nnotes: Noten\n",
        encoding="utf-8",
    )
    plain = _case(tmp_path, BASE + "title: T\nlang: nl\n")
    assert "\nMet vriendelijke groet,\n" in _text(plain, "txt")
    with pytest.raises(appeal.CaseError) as info:
        _case(tmp_path, BASE + "title: T\nlang: nl\ncc: [Someone]\nenclosures: [Report]\n")
    assert [(p.rule, p.line) for p in info.value.problems] == [
        ("missing-word", 7),
        ("missing-word", 8),
    ]
    # A case made in a script, not read from a file, is refused when rendered.
    with pytest.raises(TemplateError, match="lack 'cc'"):
        appeal.render(replace(plain, cc=("Someone",)), "txt")


def test_a_letter_without_title_or_subject_is_named_by_its_first_words(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BASE.replace("grounds: We write.", "grounds: '## We write to you about three journalists'")
        + "recipient: {name: R}\n",
    )
    assert letter_document(case).meta.title == "We write to you about three journalists"
    census = appeal.load_case(
        SHAPES.parents[2].parent / "examples" / "census-2016" / "census-2016.yaml"
    )
    assert letter_document(census).meta.title == "The conduct of this year’s census raises serious…"


def test_a_title_from_the_first_words_has_no_markup(tmp_path: Path) -> None:
    grounds = "grounds: ['**Urgent**: we [write](https://example.org) now.[^a]']\n"
    case = _case(
        tmp_path,
        BASE.replace("grounds: We write.\n", grounds) + "citations: {a: T}\nrecipient: {name: R}\n",
    )
    assert letter_document(case).meta.title == "Urgent: we write now."
    assert "<title>Urgent: we write now.</title>" in _text(case, "html")


def test_a_first_level_heading_in_the_prose_stays_under_the_title(tmp_path: Path) -> None:
    prose = BASE.replace("grounds: We write.", "grounds: ['# Facts', We write.]")
    case = _case(tmp_path, "title: Open letter\n" + prose)
    page = _text(case, "html")
    assert '<h1 class="title"><bdi>Open letter</bdi></h1>' in page
    assert "<h2>Facts</h2>" in page
    assert "## Facts" in _text(case, "md").splitlines()


@pytest.mark.parametrize(
    ("first", "facts"),
    [
        ("title: Open letter\n", "h2"),
        ("subject: Release them\n", "h2"),  # the subject is the page's <h1>
        ("", "h1"),  # nothing else is: the outline starts at the first heading
    ],
)
def test_the_web_page_outline_starts_at_level_one(tmp_path: Path, first: str, facts: str) -> None:
    prose = BASE.replace("grounds: We write.", "grounds: ['# Facts', We write.]")
    page = _text(_case(tmp_path, first + prose), "html")
    assert f"<{facts}>Facts</{facts}>" in page
    assert "<h1" in page


def test_pandoc_reads_the_word_letter_as_the_text_letter(
    shapes: appeal.Case, tmp_path: Path
) -> None:
    """Every part, in order, with its line breaks: the two formats say the same."""
    pandoc = require_tool("pandoc")
    data = appeal.render(shapes, "docx")
    assert isinstance(data, bytes)
    (tmp_path / "letter.docx").write_bytes(data)
    plain = subprocess.run(
        [pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(tmp_path / "letter.docx")],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")

    def lines(text: str) -> list[str]:
        kept = [" ".join(line.split()) for line in text.splitlines()]
        return [line for line in kept if line and set(line) not in ({"="}, {"-"})]

    assert lines(plain) == lines(_text(shapes, "txt"))


@pytest.mark.parametrize(
    ("lang", "cc", "enclosures"),
    [
        ("en", "cc:", "Enclosure(s):"),
        ("fr", "Copie à :", "P.J. :"),
        ("es", "c.c.:", "Anexos:"),
        ("ru", "Копия:", "Приложения:"),
        ("ar", "نسخة إلى:", "المرفقات:"),
        ("de", "Verteiler:", "Anlagen:"),
        ("it", "Per conoscenza:", "Allegati:"),
        ("pt-BR", "C/c:", "Anexos:"),
        ("tr", "Bilgi:", "Ekler:"),
        ("uk", "Копія:", "Додатки:"),
    ],
)
def test_copies_and_enclosures_under_the_languages_words(
    tmp_path: Path, lang: str, cc: str, enclosures: str
) -> None:
    case = _case(tmp_path, BASE + f"title: T\nlang: {lang}\ncc: [Someone]\nenclosures: [Report]\n")
    text = _text(case, "txt")
    assert text.endswith(f"\n\n{cc}\nSomeone\n\n{enclosures}\nReport\n")


HOSTILE = "*a* [^n] {{ b }} <i>c</i> # d ::: e"


def test_data_in_every_new_part_is_printed_as_written(tmp_path: Path) -> None:
    quoted = json.dumps(HOSTILE)
    case = _case(
        tmp_path,
        BASE.replace("signatories: [{name: Org}]", "")
        + f"title: {quoted}\nto: {quoted}\nreference: {quoted}\nvia: [{quoted}]\n"
        f"salutation: {quoted}\n"
        f"closing: {quoted}\ncc: [{quoted}, {{name: {quoted}, title: {quoted}}}]\n"
        f"enclosures: [{quoted}]\nsignatories:\n  {quoted}:\n"
        f"    - {{name: {quoted}, title: {quoted}, organisation: {quoted}}}\n",
    )
    text = _text(case, "txt")
    # Title, to, reference, via, salutation, closing, cc (1 + 2), enclosures, heading,
    # person (3).
    assert text.count(HOSTILE) == 14
    page = _text(case, "html")
    assert "<i>" not in page and "&lt;i&gt;c&lt;/i&gt;" in page
    document = letter_document(case)
    assert not document.notes
    again = parse(_text(case, "md"), document.meta)
    assert [plain_text(b.inlines) for b in again.blocks if isinstance(b, Paragraph)] == [
        plain_text(b.inlines) for b in document.blocks if isinstance(b, Paragraph)
    ]


def test_a_heading_inside_a_list_item_keeps_its_heading_style_in_word(tmp_path: Path) -> None:
    case = _case(tmp_path, BASE.replace("demands: Release them.", 'demands: "- ## Our demands"'))
    data = appeal.render(case, "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    (paragraph,) = [p for p in body.split("<w:p>") if "Our demands" in p]
    assert f'w:val="{heading_style(2)}"' in paragraph
