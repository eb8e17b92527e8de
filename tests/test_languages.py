"""Letters in other languages: dates by Babel, fixed words from translation tables."""

from __future__ import annotations

from pathlib import Path

import pytest

import appeal
from appeal.rendering import letter_document
from appeal.templating.lookup import BUILTIN_TEMPLATES
from appeal.templating.translations import languages

ROOT = Path(__file__).parent.parent
EXAMPLE = (ROOT / "cases" / "askarov-2020.yaml").read_text(encoding="utf-8")

CASE = """\
date: 2020-03-31
place: Bruxelles
subject: S
recipient: {name: R, email: [r@example.org]}
grounds: G.
demands: D.
signatories: [{name: Org}]
"""


@pytest.mark.parametrize(
    ("lang", "date_line", "words"),
    [
        ("en", "Bruxelles, 31 March 2020", ["RE: S", "Via email: r@example.org", "Dear R,",
                                            "Sincerely,"]),
        ("fr", "Bruxelles, 31 mars 2020", ["Objet : S", "Par courriel : r@example.org",
                                           "Madame, Monsieur,"]),
        ("ru", "Bruxelles, 31 марта 2020 г.", ["Тема: S", "По электронной почте: r@example.org",
                                               "Уважаемый(-ая) R,", "С уважением,"]),
        ("es", "Bruxelles, 31 de marzo de 2020", ["Asunto: S", "Estimado/a R,", "Atentamente,"]),
        ("ar", "Bruxelles، 31 مارس 2020", ["الموضوع: S", "R المحترم/ة،"]),
    ],
)  # fmt: skip
def test_each_shipped_language(tmp_path: Path, lang: str, date_line: str, words: list[str]) -> None:
    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    case = appeal.load_case(tmp_path / "c.yaml")
    text = str(appeal.render(case, "txt"))
    assert date_line in text.splitlines()
    for line in words:
        assert line in text.splitlines()
    assert letter_document(case).meta.lang == lang


def test_every_shipped_language_renders_the_example(tmp_path: Path) -> None:
    shipped = languages("joint-letter", tmp_path)
    assert {"en", "fr", "ru", "es", "ar"} <= set(shipped)
    (tmp_path / "signatories.yaml").write_text(
        (ROOT / "signatories.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for lang in shipped:
        (tmp_path / "c.yaml").write_text(EXAMPLE + f"lang: {lang}\n", encoding="utf-8")
        case = appeal.load_case(tmp_path / "c.yaml")
        for fmt in appeal.FORMATS:
            if fmt != "pdf":
                assert appeal.render(case, fmt)


def test_a_campaign_adds_a_language_and_changes_a_word(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "joint-letter" / "translations"
    folder.mkdir(parents=True)
    (tmp_path / "templates" / "joint-letter" / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (folder / "de.yaml").write_text(
        "locale: de\nre: 'Betreff:'\nvia_email: 'Per E-Mail:'\n"
        "salutation: 'Sehr geehrte/r {name}'\nclosing: Mit freundlichen Grüßen\n"
        "comma: ','\nnotes: Anmerkungen\n",
        encoding="utf-8",
    )
    (folder / "en.yaml").write_text("closing: Yours faithfully\n", encoding="utf-8")
    (tmp_path / "de.yaml").write_text(CASE + "lang: de\n", encoding="utf-8")
    (tmp_path / "en.yaml").write_text(CASE, encoding="utf-8")
    german = str(appeal.render(appeal.load_case(tmp_path / "de.yaml"), "txt"))
    assert "Betreff: S" in german and "Bruxelles, 31. März 2020" in german
    english = str(appeal.render(appeal.load_case(tmp_path / "en.yaml"), "txt"))
    assert "Yours faithfully," in english and "RE: S" in english


def test_a_language_without_words_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(CASE + "lang: de\n", encoding="utf-8")
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(tmp_path / "c.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.col, problem.rule) == (8, 7, "unknown-language")
    assert "ar, en, es, fr, ru" in problem.message


@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("en", False)])
def test_word_letters_in_right_to_left_languages_read_right_to_left(
    tmp_path: Path, lang: str, rtl: bool
) -> None:
    import io
    import zipfile

    import docx

    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    data = appeal.render(appeal.load_case(tmp_path / "c.yaml"), "docx")
    assert isinstance(data, bytes)
    styles = docx.Document(io.BytesIO(data)).styles.element
    assert bool(styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:bidi")) is rtl
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert f">{lang}</dc:language>" in core
