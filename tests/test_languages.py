"""Letters in other languages: language tags, fixed words from translation tables."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool
from typer.testing import CliRunner

import appeal
from appeal.cli import app
from appeal.rendering import letter_document
from appeal.templating.lookup import BUILTIN_TEMPLATES
from appeal.templating.translations import languages, load_words

ROOT = Path(__file__).parent.parent
EXAMPLE = (ROOT / "cases" / "askarov-2020.yaml").read_text(encoding="utf-8")
SHIPPED = ["ar", "de", "en", "en-US", "es", "fr", "it", "pt", "pt-BR", "ru", "tr", "uk"]

CASE = """\
date: 2020-03-31
place: Bruxelles
subject: S
recipient: {name: R, email: [r@example.org]}
grounds: G.
demands: D.
signatories: [{name: Org}]
"""


def _letter(tmp_path: Path, lang: str, fmt: str = "txt") -> str:
    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    return str(appeal.render(appeal.load_case(tmp_path / "c.yaml"), fmt))


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("en", ["RE: S", "Via email: r@example.org", "Dear R,", "Sincerely,"]),
        ("fr", ["Objet : S", "Par courriel : r@example.org", "Madame, Monsieur,"]),
        ("ru", ["Тема: S", "По электронной почте: r@example.org", "Уважаемый(-ая) R,",
                "С уважением,"]),
        ("es", ["Asunto: S", "Por correo electrónico: r@example.org", "Estimado/a R:",
                "Atentamente,"]),
        ("ar", ["الموضوع: S", "R المحترم/ة،"]),
        ("it", ["Oggetto: S", "Via e-mail: r@example.org", "Gentile R,", "Distinti saluti,"]),
        ("de", ["Betreff: S", "Per E-Mail: r@example.org", "Sehr geehrte Damen und Herren,",
                "Mit freundlichen Grüßen"]),
        ("pt", ["Assunto: S", "Por e-mail: r@example.org", "Exmo.(a) Sr.(a) R,",
                "Com os melhores cumprimentos,"]),
        ("pt-BR", ["Assunto: S", "Por e-mail: r@example.org", "Prezado(a) R,",
                   "Atenciosamente,"]),
        ("tr", ["Konu: S", "E-posta ile: r@example.org", "Sayın R,", "Saygılarımızla,"]),
        ("uk", ["Тема: S", "Електронною поштою: r@example.org", "Шановні пані та панове!",
                "З повагою"]),
    ],
)  # fmt: skip
def test_each_shipped_language_has_its_words(tmp_path: Path, lang: str, lines: list[str]) -> None:
    text = _letter(tmp_path, lang).splitlines()
    for line in lines:
        assert line in text


@pytest.mark.parametrize("lang", SHIPPED)
def test_each_shipped_table_has_every_word(lang: str, tmp_path: Path) -> None:
    words = load_words("joint-letter", tmp_path, lang)
    assert "{place}" in words.dateline and "{date}" in words.dateline
    if lang in {"it", "de", "pt", "tr", "uk"}:
        table = (BUILTIN_TEMPLATES / "joint-letter" / "translations" / f"{lang}.yaml").read_text(
            encoding="utf-8"
        )
        assert "\ncc: " in table and "\nenclosures: " in table


def test_the_shipped_languages(tmp_path: Path) -> None:
    assert languages("joint-letter", tmp_path) == SHIPPED


def test_every_shipped_language_renders_the_example(tmp_path: Path) -> None:
    (tmp_path / "signatories.yaml").write_text(
        (ROOT / "signatories.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for lang in SHIPPED:
        (tmp_path / "c.yaml").write_text(EXAMPLE + f"lang: {lang}\n", encoding="utf-8")
        case = appeal.load_case(tmp_path / "c.yaml")
        for fmt in appeal.FORMATS:
            if fmt != "pdf":
                assert appeal.render(case, fmt)


@pytest.mark.parametrize(
    ("lang", "tag", "lines"),
    [
        # A region uses its base language's words and its own date style.
        ("en-US", "en-US", ["RE: S", "Dear R:", "Sincerely,", "Bruxelles, March 31, 2020"]),
        ("en-GB", "en-GB", ["RE: S", "Dear R,", "Bruxelles, 31 March 2020"]),
        ("de-AT", "de-AT", ["Betreff: S", "Bruxelles, 31. März 2020"]),
        ("fr-CA", "fr-CA", ["Objet : S", "Bruxelles, le 31 mars 2020"]),
        ("es-MX", "es-MX", ["Asunto: S", "Bruxelles, 31 de marzo de 2020"]),
        # A tag in any letter case is written as tags are.
        ("PT-br", "pt-BR", ["Prezado(a) R,", "Bruxelles, 31 de março de 2020"]),
        ("EN", "en", ["Dear R,"]),
    ],
)  # fmt: skip
def test_a_region_variant_takes_its_base_languages_words(
    tmp_path: Path, lang: str, tag: str, lines: list[str]
) -> None:
    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    case = appeal.load_case(tmp_path / "c.yaml")
    assert case.lang == tag
    text = str(appeal.render(case, "txt")).splitlines()
    for line in lines:
        assert line in text
    assert letter_document(case).meta.lang == tag
    assert f'<html lang="{tag}">' in str(appeal.render(case, "html"))


def test_a_campaign_adds_a_language_and_changes_a_word(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "joint-letter" / "translations"
    folder.mkdir(parents=True)
    (tmp_path / "templates" / "joint-letter" / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    # A table in the older form, without a dateline: place, comma, date.
    (folder / "nl.yaml").write_text(
        "locale: nl\nre: 'Betreft:'\nvia_email: 'Per e-mail:'\n"
        "salutation: 'Geachte {name}'\nclosing: Met vriendelijke groet\n"
        "comma: ','\nnotes: Noten\n",
        encoding="utf-8",
    )
    (folder / "de.yaml").write_text("closing: Hochachtungsvoll\n", encoding="utf-8")
    (folder / "pt-BR.yaml").write_text("closing: Cordialmente\n", encoding="utf-8")
    dutch = _letter(tmp_path, "nl").splitlines()
    assert "Betreft: S" in dutch and "Bruxelles, 31 maart 2020" in dutch
    assert "Met vriendelijke groet," in dutch
    german = _letter(tmp_path, "de").splitlines()
    assert "Hochachtungsvoll" in german and "Betreff: S" in german
    # The campaign's word for Brazil wins over the built-in one; the rest stays.
    brazilian = _letter(tmp_path, "pt-BR").splitlines()
    assert "Cordialmente," in brazilian and "Prezado(a) R," in brazilian
    assert "Com os melhores cumprimentos," in _letter(tmp_path, "pt").splitlines()
    assert appeal.validate(tmp_path / "c.yaml") == []


def _problems(tmp_path: Path, lang: str) -> list[appeal.Problem]:
    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(tmp_path / "c.yaml")
    return list(info.value.problems)


@pytest.mark.parametrize(
    ("lang", "rule", "hint"),
    [
        ("en_US", "invalid-language-tag", "did you mean 'en-US'?"),
        ("pt_br", "invalid-language-tag", "did you mean 'pt-BR'?"),
        ("French", "invalid-language-tag", "did you mean 'fr'?"),
        ("Deutsch", "invalid-language-tag", "did you mean 'de'?"),
        ("fr-US", "invalid-language-tag", "did you mean 'fr'?"),
        ("en-ZZ", "invalid-language-tag", "region or script not known for its language"),
        ("en-ZZ", "invalid-language-tag", "did you mean 'en'?"),
        ("xx", "invalid-language-tag", "'xx' is not a known language tag"),
        ("en-", "invalid-language-tag", "not a known language tag"),
        ("sw", "unknown-language", "it has ar, de, en, en-US, es, fr, it, pt, pt-BR, ru, tr, uk"),
        ("sw-KE", "unknown-language", "no words for 'sw-KE'"),
        ("'42'", "invalid-language-tag", "not a known language tag"),
        ("sr-Latn-XX", "invalid-language-tag", "did you mean 'sr-Latn'?"),
    ],
)  # fmt: skip
def test_a_language_tag_without_words_is_a_located_error(
    tmp_path: Path, lang: str, rule: str, hint: str
) -> None:
    (problem,) = _problems(tmp_path, lang)
    assert (problem.line, problem.col, problem.rule) == (8, 7, rule)
    assert hint in problem.message


def test_a_campaign_table_that_lacks_words_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "joint-letter" / "translations"
    folder.mkdir(parents=True)
    (tmp_path / "templates" / "joint-letter" / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (folder / "nl.yaml").write_text("locale: nl\nre: 'Betreft:'\n", encoding="utf-8")
    (problem,) = _problems(tmp_path, "nl")
    assert (problem.line, problem.rule) == (8, "unknown-language")
    assert "lack via_email, salutation, closing, comma, notes" in problem.message
    (folder / "nl.yaml").write_text(
        "locale: nl\nre: x\nvia_email: x\nsalutation: x\nclosing: x\ncomma: x\nnotes: x\n"
        "dateline: '{place} {datum}'\n",
        encoding="utf-8",
    )
    (problem,) = _problems(tmp_path, "nl")
    assert "must hold {place} and {date}" in problem.message
    (folder / "nl.yaml").write_text(
        "locale: xx_YY\nre: x\nvia_email: x\nsalutation: x\nclosing: x\ncomma: x\nnotes: x\n",
        encoding="utf-8",
    )
    (problem,) = _problems(tmp_path, "nl")
    assert "'xx_YY', is not a locale Babel knows" in problem.message


@pytest.mark.parametrize(("lang", "rtl"), [("ar", True), ("en", False), ("de-AT", False)])
def test_word_letters_in_right_to_left_languages_read_right_to_left(
    tmp_path: Path, lang: str, rtl: bool
) -> None:
    import docx

    (tmp_path / "c.yaml").write_text(CASE + f"lang: {lang}\n", encoding="utf-8")
    data = appeal.render(appeal.load_case(tmp_path / "c.yaml"), "docx")
    assert isinstance(data, bytes)
    styles = docx.Document(io.BytesIO(data)).styles.element
    assert bool(styles.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:bidi")) is rtl
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
    assert f">{lang}</dc:language>" in core


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("french", ["Paris, le 1er mars 2021", "Monsieur le Président,",
                    "Veuillez agréer l’expression de notre haute considération."]),
        ("german", ["Berlin, 8. Januar 2004", "Sehr geehrte Damen und Herren,",
                    "Mit freundlichen Grüßen", "Betreff: Haft des Journalisten Max Mustermann"]),
    ],
)  # fmt: skip
def test_pandoc_reads_french_and_german_word_letters(
    tmp_path: Path, name: str, lines: list[str]
) -> None:
    pandoc = require_tool("pandoc")
    case = appeal.load_case(ROOT / "tests" / "cases" / name / "case.yaml")
    path = tmp_path / "letter.docx"
    data = appeal.render(case, "docx")
    assert isinstance(data, bytes)
    path.write_bytes(data)
    text = subprocess.run(
        [pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True, text=True, check=True, encoding="utf-8",
    ).stdout.splitlines()  # fmt: skip
    for line in lines:
        assert line in text
    # The words are those of the plain text letter, in the same order.
    txt = [line for line in str(appeal.render(case, "txt")).splitlines() if line in lines]
    assert [line for line in text if line in lines] == txt


runner = CliRunner()


def _new(tmp_path: Path, lang: str) -> tuple[int, str, Path]:
    case = tmp_path / "new.yaml"
    result = runner.invoke(
        app, ["new", str(case), "--subject", "S", "--recipient", "R", "-s", "x",
              "--date", "2026-01-01", "--lang", lang],
    )  # fmt: skip
    return result.exit_code, result.stderr, case


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    (tmp_path / "signatories.yaml").write_text("x: {name: X}\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("lang", "written"), [("de", "de"), ("pt-br", "pt-BR"), ("uk", "uk")])
def test_new_writes_a_language_the_template_has(campaign: Path, lang: str, written: str) -> None:
    code, stderr, case = _new(campaign, lang)
    assert code == 0, stderr
    assert f"\nlang: {written}\n" in case.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("sw", "has no words for it (it has ar, de, en, en-US, es, fr, it, pt, pt-BR, ru, tr, uk)"),
        ("en_GB", "did you mean 'en-GB'?"),
        ("klingon", "not a known language tag"),
    ],
)
def test_new_refuses_a_language_the_template_lacks(campaign: Path, lang: str, message: str) -> None:
    code, stderr, case = _new(campaign, lang)
    assert code == 2
    assert message in " ".join(stderr.split())
    assert not case.exists()


def test_a_region_table_that_appears_later_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "joint-letter" / "translations"
    folder.mkdir(parents=True)
    (tmp_path / "templates" / "joint-letter" / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert load_words("joint-letter", tmp_path, "de-AT").closing == "Mit freundlichen Grüßen"
    (folder / "de-AT.yaml").write_text("closing: Hochachtungsvoll\n", encoding="utf-8")
    words = load_words("joint-letter", tmp_path, "de-AT")
    assert (words.closing, words.locale) == ("Hochachtungsvoll", "de_AT")
    assert load_words("joint-letter", tmp_path, "de").closing == "Mit freundlichen Grüßen"
