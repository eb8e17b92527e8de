"""One small inline case per rule and per failure: (line, column, rule), never prose.

Each row gives a case file's text and the problems expected of the rules
named in them, as ``rule line:col``; problems of other rules (a tiny case
misses most sections) are not the row's concern. :data:`BASE` shows that a
whole case passes clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from appeal.case import validate_source, validate_text
from appeal.cli import app
from appeal.problems import Level, Problem
from appeal.rules import RULES
from appeal.rules.docs import reference
from appeal.rules.registry import validate_registry
from appeal.source import compose, read_source
from appeal.templating.lookup import BUILTIN_TEMPLATES

REGISTRY = """\
amnesty: {name: Amnesty International}
hrw: {name: Human Rights Watch, short: HRW}
"""

BASE = """\
date: 2020-03-31
subject: Case of A
recipient:
  name: Mr. B
  email: [b@gov.example.org]
grounds: We write.[^a]
demands: Release A.
citations:
  a: {text: A source., url: 'https://example.org/a'}
signatories: [amnesty, {id: hrw, qualifier: Q}, {name: C}]
"""

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(5)
)

CASE_ROWS: list[tuple[str, str | bytes, list[str]]] = [
    ("bad-character", 'subject: "a\\x07b"\n', ["bad-character 1:10"]),
    ("bad-character", "subject: a\x0cb\n", ["bad-character 1:11"]),
    ("bad-character", 'grounds: ["\\uFFFE"]\n', ["bad-character 1:11"]),
    ("bad-character", "place: Genève\x0c\n", ["bad-character 1:14"]),
    ("bad-character", "subject: a\ud800\n", ["bad-character 1:11"]),
    (
        "conflicting-sections",
        "recipient: {name: A}\nrecipients: [{name: B}]\n",
        ["conflicting-sections 2:1"],
    ),
    ("comment-in-value", "subject: Case #12 of A\n", ["comment-in-value 1:15"]),
    ("comment-in-value", "demands:\n  - Free him #FreeAli now\n", ["comment-in-value 2:14"]),
    ("comment-in-value", "subject: Case of\n  A #12\n", ["comment-in-value 2:5"]),
    ("comment-in-value", "subject: 'Case #12' # a note\n", []),
    ("comment-in-value", "grounds: |\n  Case #12\n", []),
    ("comment-in-value", "# a note\nsubject: A\n  # another\n", []),
    ("comment-in-value", "date: 2020-03-31  # the day it was sent\n", []),
    ("comment-in-value", "subject: Case#12\n", []),
    ("comment-in-value", "grounds:\n  - &a Free him #now\n  - *a\n", ["comment-in-value 2:17"]),
    ("dash-without-space", "demands:\n  -Release him.\n", ["dash-without-space 2:3"]),
    ("dash-without-space", "demands: ['-Release him.', -- B]\n", []),
    ("duplicate-key", "subject: A\nsubject: B\n", ["duplicate-key 2:1"]),
    ("duplicate-key", "recipient:\n  name: A\n  name: B\n", ["duplicate-key 3:3"]),
    ("duplicate-signatory", "signatories: [amnesty, hrw, amnesty]\n", ["duplicate-signatory 1:29"]),
    (
        "duplicate-signatory",
        "signatories:\n  - amnesty\n  - name: Amnesty  International\n",
        ["duplicate-signatory 3:5"],
    ),
    ("empty-file", "# a comment only\n", ["empty-file 1:1"]),
    ("empty-value", "subject:\n", ["empty-value 1:1"]),
    ("empty-value", "grounds: []\n", ["empty-value 1:1"]),
    ("empty-value", "grounds:\n  - One.\n  - ' '\n", ["empty-value 3:5"]),
    ("empty-value", "grounds:\n  - One.\n  -\n", ["empty-value 3:4"]),
    ("empty-value", "citations:\n  a:\n", ["empty-value 2:3"]),
    (
        "folded-list",
        "grounds: >-\n  We ask you:\n  1. to release him;\n  2. to protect him.\n",
        ["folded-list 3:3"],
    ),
    ("folded-list", "demands:\n  - >\n    We ask:\n    - one\n    - two\n", ["folded-list 4:5"]),
    ("folded-list", "grounds: >-\n  # Background\n  He was arrested.\n", ["folded-list 2:3"]),
    # A block an alias repeats is one mistake, said once.
    ("folded-list", "grounds:\n  - &g >\n    - one\n    - two\n  - *g\n", ["folded-list 4:5"]),
    ("folded-list", "grounds: >-\n  Arrested in May\n  2020. He was tried.\n", []),
    ("folded-list", "grounds: |\n  We ask:\n  1. a;\n  2. b.\n", []),
    ("folded-list", "grounds: >-\n  We ask:\n\n    1. a;\n    2. b.\n", []),
    ("folded-list", "grounds: >-\n  One.\n\n  # Two\n\n  Three.\n", []),
    ("footnote-in-data", "subject: Case[^a]\n", ["footnote-in-data 1:14"]),
    ("footnote-in-data", "recipient:\n  address:\n    - Street 1[^a]\n", ["footnote-in-data 3:15"]),
    ("invalid-citation-key", "citations:\n  a b: T\n", ["invalid-citation-key 2:3"]),
    ("invalid-date", "date: 2020-02-30\n", ["invalid-date 1:7"]),
    ("invalid-date", "date: 31/03/2020\n", ["invalid-date 1:7"]),
    ("invalid-date", "date: '20200331'\n", ["invalid-date 1:7"]),
    ("invalid-email", "recipient: {name: A, email: 'a@b.org, c@d.org'}\n", ["invalid-email 1:29"]),
    (
        "invalid-email",
        "recipient:\n  name: A\n  email: [a@b.org, nobody]\n",
        ["invalid-email 3:20"],
    ),
    ("invalid-email", "recipients:\n  - {name: A, email: a@b}\n", ["invalid-email 2:22"]),
    # Characters only a quoted name may hold, and dots outside the name's parts,
    # cannot go in a message: refused here rather than when sending.
    ("invalid-email", "recipient: {name: A, email: 'a@exam\\ple.org'}\n", ["invalid-email 1:29"]),
    ("invalid-email", "recipient: {name: A, email: 'a\\b@example.org'}\n", ["invalid-email 1:29"]),
    ("invalid-email", "recipient: {name: A, email: .a@example.org}\n", ["invalid-email 1:29"]),
    ("invalid-email", "recipient: {name: A, email: a..b@example.org}\n", ["invalid-email 1:29"]),
    ("invalid-email", "recipient: {name: A, email: a@example..org}\n", ["invalid-email 1:29"]),
    ("invalid-email", "recipient: {name: A, email: a.b@example.org}\n", []),
    (
        "invalid-email",
        "recipient:\n  - {name: A, email: nobody}\n  - {name: B}\n",
        ["invalid-email 2:22"],
    ),
    ("invalid-key", "? [a, b]\n: c\n", ["invalid-key 1:3"]),
    ("invalid-url", "citations:\n  a: {text: T, url: 'ftp://x.org'}\n", ["invalid-url 2:21"]),
    ("invalid-url", "citations:\n  a: {text: T, url: 'https://x.org/a b'}\n", ["invalid-url 2:21"]),
    ("invalid-url", "citations:\n  a: {text: T, url: 'https://localhost'}\n", ["invalid-url 2:21"]),
    ("missing-section", "subject: A\n", ["missing-section 1:1"] * 4),
    (
        "missing-section",
        "recipient: [{name: A}, {name: B}]\n",
        [*["missing-section 1:1"] * 4, "missing-section 1:1"],
    ),
    # The tiny cases below miss most top-level sections too, all reported at 1:1.
    (
        "missing-section",
        "recipient: {title: P}\n",
        [*["missing-section 1:1"] * 4, "missing-section 1:12"],
    ),
    (
        "missing-section",
        "citations:\n  a: {url: 'https://un.org'}\n",
        [*["missing-section 1:1"] * 4, "missing-section 2:6"],
    ),
    (
        "missing-section",
        "signatories: [{short: S}]\n",
        [*["missing-section 1:1"] * 3, "missing-section 1:15"],
    ),
    ("not-a-case", "- a\n- b\n", ["not-a-case 1:1"]),
    ("not-a-case", "---\n", ["not-a-case 1:1"]),
    ("not-a-case", "--- # a comment\n", ["not-a-case 1:1"]),
    ("not-a-case", "~\n", ["not-a-case 1:1"]),
    ("not-a-case", '!!null ""\n', ["not-a-case 1:1"]),
    ("not-a-case", "%YAML 1.2\n---\n", ["not-a-case 1:1"]),
    ("not-text", b"subject: \x00\n", ["not-text 1:1"]),
    ("not-utf8", b"subject: A\nplace: Gen\xe8ve\n", ["not-utf8 2:11"]),
    ("too-large", BOMB, ["too-large 1:4"]),
    ("too-large", "a: " + "[" * 50 + "]" * 50 + "\n", ["too-large 1:43"]),
    (
        "undefined-citation",
        "grounds: We write.[^b]\ncitations:\n  a: A.[^a]\n",
        ["undefined-citation 1:19"],
    ),
    ("undefined-citation", "demands: [D.]\nconclusion: C.[^c]\n", ["undefined-citation 2:15"]),
    ("unknown-key", "demads: D\n", ["unknown-key 1:1"]),
    ("unknown-key", "signatories:\n  - {name: Estudos e Formação, Lisboa}\n", ["unknown-key 2:32"]),
    ("missing-section", "demads: D\nrecipent: {name: A}\n", ["missing-section 1:1"] * 3),
    ("unaddressed-letter", "demands: D\nrecipent: {name: A}\n", []),
    ("unknown-key", "recipient:\nname: A\ntitle: P\nsubject: S\n", ["unknown-key 2:1"]),
    ("empty-value", "recipient:\nname: A\n", []),
    ("missing-section", "recipient:\nname: A\n", ["missing-section 1:1"] * 4),
    ("unknown-key", "recipient: {name: A, adress: X}\n", ["unknown-key 1:22"]),
    ("unknown-signatory", "signatories: [amnesty, amnesti]\n", ["unknown-signatory 1:24"]),
    ("unknown-signatory", "signatories:\n  - id: hrv\n", ["unknown-signatory 2:9"]),
    ("unknown-template", "template: nope\n", ["unknown-template 1:11"]),
    ("unknown-language", "lang: sw\n", ["unknown-language 1:7"]),
    ("unknown-language", "lang: sw-KE\n", ["unknown-language 1:7"]),
    ("unknown-language", "lang: pt-BR\n", []),
    ("unknown-language", "lang: de-AT\n", []),
    ("unknown-language", "lang: sw\ntemplate: nope\n", []),
    ("invalid-language-tag", "lang: xx\n", ["invalid-language-tag 1:7"]),
    ("invalid-language-tag", "lang: en_US\n", ["invalid-language-tag 1:7"]),
    ("invalid-language-tag", "lang: en-ZZ\n", ["invalid-language-tag 1:7"]),
    ("invalid-language-tag", "lang: en-US\n", []),
    ("invalid-language-tag", "lang: sr-Latn\n", []),
    ("invalid-language-tag", "lang: zh-TW\n", []),
    ("unsupported-tag", "subject: !!python/name:os.system ''\n", ["unsupported-tag 1:10"]),
    ("unsupported-tag", "subject: !!binary aGk=\n", ["unsupported-tag 1:10"]),
    ("unsupported-tag", "grounds: !!python/tuple [a]\n", ["unsupported-tag 1:10"]),
    ("unused-citation", "grounds: G.\ncitations:\n  a: A.\n", ["unused-citation 3:3"]),
    ("unused-citation", "grounds: G.[^a]\ncitation:\n  a: A.\n  b: B.\n", ["unused-citation 4:3"]),
    ("wrong-type", "subject: 1984\n", ["wrong-type 1:10"]),
    ("wrong-type", "demands:\n  - A.\n  - Note: we thank you.\n", ["wrong-type 3:5"]),
    ("wrong-type", "subject: NO\n", ["wrong-type 1:10"]),
    ("wrong-type", "date: 1584\n", ["wrong-type 1:7"]),
    ("wrong-type", "signatories: {amnesty: A}\n", ["wrong-type 1:24"]),
    ("wrong-type", "signatories: [[amnesty]]\n", ["wrong-type 1:15"]),
    ("wrong-type", "signatories:\n  Groups: [{id: hrw, name: 7}]\n", ["wrong-type 2:28"]),
    ("wrong-type", "recipient: [A]\n", ["wrong-type 1:13"]),
    ("wrong-type", "recipient: A\n", ["wrong-type 1:12"]),
    ("wrong-type", "title: [A]\n", ["wrong-type 1:8"]),
    ("wrong-type", "title: |\n  A\n  B\n", ["wrong-type 1:8"]),
    ("wrong-type", "salutation: true\n", ["wrong-type 1:13"]),
    ("wrong-type", "salutation: [Sirs]\n", ["wrong-type 1:13"]),
    ("wrong-type", "closing: 3\n", ["wrong-type 1:10"]),
    ("wrong-type", "via: {a: b}\n", ["wrong-type 1:6"]),
    ("wrong-type", "via: [Sent, 3]\n", ["wrong-type 1:13"]),
    ("wrong-type", "cc: Someone\n", ["wrong-type 1:5"]),
    ("wrong-type", "cc: [{title: T}, 5]\n", ["wrong-type 1:18"]),
    ("wrong-type", "enclosures: {a: b}\n", ["wrong-type 1:13"]),
    ("wrong-type", "reference: 2020\n", ["wrong-type 1:12"]),
    ("wrong-type", "to: [To, Attention]\n", ["wrong-type 1:5"]),
    ("wrong-type", "dateline: true\n", ["wrong-type 1:11"]),
    ("wrong-type", "dateline: none\n", ["wrong-type 1:11"]),
    (
        "missing-section",
        "cc: [{title: T}]\n",
        [*["missing-section 1:1"] * 4, "missing-section 1:6"],
    ),
    ("empty-value", "signatories: {}\n", ["empty-value 1:1"]),
    ("empty-value", "signatories: {Organisations: []}\n", ["empty-value 1:15"]),
    ("empty-value", "cc: []\n", ["empty-value 1:1"]),
    ("empty-value", "salutation:\n", ["empty-value 1:1"]),
    ("unknown-key", "cc: [{name: A, office: B}]\n", ["unknown-key 1:16"]),
    ("unknown-key", "signatories: [{id: hrw, title: T}]\n", ["unknown-key 1:25"]),
    (
        "conflicting-sections",
        "recipient: [{name: A}, {name: B}]\nsalutation: Sirs\nrecipients: [{name: C}]\n",
        ["conflicting-sections 3:1"],
    ),
    ("unaddressed-letter", "grounds: G.\n", ["unaddressed-letter 1:1"]),
    ("unaddressed-letter", "title: Joint statement\n", []),
    ("unaddressed-letter", "recipient: [{name: A}]\n", []),
    ("wrong-type", "grounds: {a: b}\n", ["wrong-type 1:10"]),
    ("wrong-type", "recipient:\n  name: |\n    A\n    B\n", ["wrong-type 2:9"]),
    ("wrong-type", 'subject: "a\\tb"\n', ["wrong-type 1:10"]),
    ("wrong-type", "subject: a\tb\n", ["wrong-type 1:11"]),
    ("wrong-type", "recipient: {name: A, address: [x, 'y\tz']}\n", ["wrong-type 1:37"]),
    ("wrong-type", "signatories: [{name: A, qualifier: 'b\tc'}]\n", ["wrong-type 1:38"]),
    ("unknown-pdf-standard", "pdf: {standard: ua1}\n", ["unknown-pdf-standard 1:17"]),
    ("unknown-pdf-standard", "pdf:\n  standard: PDF/A-2b\n", ["unknown-pdf-standard 2:13"]),
    ("unknown-pdf-standard", "pdf: {standard: ua-1}\n", []),
    ("unknown-pdf-standard", "pdf: {standard: a-2b}\n", []),
    ("wrong-type", "pdf: {standard: 1}\n", ["wrong-type 1:17"]),
    ("wrong-type", "pdf: ua-1\n", ["wrong-type 1:6"]),
    ("unknown-key", "pdf: {standrd: ua-1}\n", ["unknown-key 1:7"]),
    ("yaml-syntax", "subject: [a\n", ["yaml-syntax 1:10"]),
    ("yaml-syntax", "date: 2020-03-31\nplace Brussels\nsubject: S\n", ["yaml-syntax 2:1"]),
    ("yaml-syntax", "recipient:\n  name: A\n\ttitle: B\n", ["yaml-syntax 3:1"]),
    ("yaml-syntax", "recipient:\n  \tname: A\n", ["yaml-syntax 2:3"]),
    ("yaml-syntax", "conclusion: Note: we thank you.\n", ["yaml-syntax 1:17"]),
    ("yaml-syntax", 'subject: "Case of A\ngrounds: G\n', ["yaml-syntax 1:10"]),
    ("yaml-syntax", "subject: 'A's case'\n", ["yaml-syntax 1:13"]),
    ("yaml-syntax", "signatories: {name: A\n", ["yaml-syntax 1:14"]),
    ("yaml-syntax", "subject: a\n\tgrounds: b\n", ["yaml-syntax 2:1"]),
]

REGISTRY_ROWS: list[tuple[str, str, list[str]]] = [
    ("comment-in-value", "amnesty:\n  name: Amnesty #1\n", ["comment-in-value 2:17"]),
    ("invalid-registry", "- amnesty\n", ["invalid-registry 1:1"]),
    ("invalid-registry", "amnesty: Amnesty International\n", ["invalid-registry 1:1"]),
    ("missing-section", "amnesty: {short: AI}\n", ["missing-section 1:10"]),
    ("unknown-key", "amnesty: {name: A, shrt: AI}\n", ["unknown-key 1:20"]),
    ("bad-character", 'amnesty: {name: "A\\x07"}\n', ["bad-character 1:17"]),
    ("duplicate-key", "amnesty: {name: A}\namnesty: {name: B}\n", ["duplicate-key 2:1"]),
]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("campaign") / "signatories.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def found(problems: list[Problem], rules: set[str]) -> list[str]:
    return [f"{p.rule} {p.line}:{p.col}" for p in problems if p.rule in rules]


def test_the_base_case_is_clean(registry: Path) -> None:
    assert validate_text(BASE, folder=registry.parent, signatories=registry).problems == []


@pytest.mark.parametrize(("rule", "text", "expected"), CASE_ROWS)
def test_case_rule(rule: str, text: str | bytes, expected: list[str], registry: Path) -> None:
    if isinstance(text, str):
        checked = validate_text(text, folder=registry.parent, signatories=registry)
    else:  # what a file's bytes may be that a str cannot: binary, not UTF-8
        checked = validate_source(compose(text, "<case>"), registry.parent, signatories=registry)
    assert found(checked.problems, {rule}) == expected


@pytest.mark.parametrize(("rule", "text", "expected"), REGISTRY_ROWS)
def test_registry_rule(rule: str, text: str, expected: list[str]) -> None:
    assert found(validate_registry(compose(text, "signatories.yaml")), {rule}) == expected


def test_unreadable_file(tmp_path: Path) -> None:
    assert found(read_source(tmp_path).problems, {"unreadable-file"}) == ["unreadable-file 1:1"]


def test_an_unknown_signatory_without_a_registry(tmp_path: Path) -> None:
    checked = validate_text("signatories: [amnesty]\n", folder=tmp_path)
    assert found(checked.problems, {"unknown-signatory"}) == ["unknown-signatory 1:15"]


def test_levels() -> None:
    warnings = {r.id for r in RULES.values() if r.level is Level.WARNING}
    assert warnings == {
        "unused-citation",
        "footnote-in-data",
        "duplicate-signatory",
        "folded-list",
        "dash-without-space",
        "unaddressed-letter",
    }


# template-syntax is found when a template is rendered: see test_templates.py.
TESTED = {row[0] for row in CASE_ROWS + REGISTRY_ROWS} | {
    "unreadable-file",
    "template-syntax",
    "missing-word",
}


def test_missing_word(tmp_path: Path) -> None:
    """A campaign's own language without the word for copies (the built-in ones have it)."""
    words = tmp_path / "templates" / "joint-letter" / "translations"
    words.mkdir(parents=True)
    (words.parent / "letter.md.j2").write_text(
        (BUILTIN_TEMPLATES / "joint-letter" / "letter.md.j2").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (words / "nl.yaml").write_text(
        "locale: nl\nre: 'Betreft:'\nvia_email: 'Per e-mail:'\nsalutation: Geachte {name}\n"
        "closing: Met vriendelijke groet\ncomma: ','\nnotes: Noten\n",
        encoding="utf-8",
    )
    (words / "en.yaml").write_text("cc: 'Copies:'\n", encoding="utf-8")
    for lang, expected in (("nl", ["missing-word 2:1"]), ("en", [])):
        text = f"lang: {lang}\ncc: [Office of the Prime Minister]\n"
        assert found(validate_text(text, folder=tmp_path).problems, {"missing-word"}) == expected
    # The table to add it to is named as tables are, whatever the case file's spelling.
    checked = validate_text("lang: NL\ncc: [Office]\n", folder=tmp_path)
    (problem,) = [p for p in checked.problems if p.rule == "missing-word"]
    assert problem.message.endswith("add 'cc:' to translations/nl.yaml")
    assert "the 'nl' words" in problem.message


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_is_documented_and_tested(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.doc.strip(), f"{rule_id} has no docstring"
    assert rule.summary.endswith((".", ")")), f"{rule_id}: the summary is not a sentence"
    assert rule_id in TESTED, f"{rule_id} has no table test"


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    docs = Path(__file__).parent.parent / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == reference(), (
        "docs/rules.md is stale: run appeal rules --format markdown > docs/rules.md"
    )


def test_appeal_rules_lists_every_rule() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == sorted(RULES)
    markdown = CliRunner().invoke(app, ["rules", "--format", "markdown"])
    assert markdown.stdout == reference()


@pytest.mark.parametrize(
    ("date", "advice"),
    [
        ("31/03/2020", "write 2020-03-31"),
        ("March 31, 2020", "write 2020-03-31"),
        ("31 March 2020", "write 2020-03-31"),
        ("31.03.2020", "write 2020-03-31"),
        ("2020/3/31", "write 2020-03-31"),
        ("03/04/2020", "write 2020-04-03 for 3 April or 2020-03-04 for 4 March"),
        ("last Tuesday", "write it as YYYY-MM-DD, such as 2020-03-31 for 31 March 2020"),
    ],
)
def test_a_date_in_another_format_says_how_to_write_it(date: str, advice: str) -> None:
    (problem,) = [p for p in validate_text(f"date: {date}\n").problems if p.rule == "invalid-date"]
    assert problem.message == f"'{date}' is not written as year-month-day; {advice}"


def test_a_comma_in_a_name_in_braces_says_to_quote_the_name() -> None:
    text = "signatories:\n  - {name: Estudos e Formação, Lisboa}\n"
    (problem,) = [p for p in validate_text(text).problems if p.rule == "unknown-key"]
    assert problem.message == (
        "'Lisboa' is read as a key of its own because of the comma before it; "
        'put the text in quotes: name: "Estudos e Formação, Lisboa"'
    )


@pytest.mark.parametrize(
    ("text", "rule", "says"),
    [
        (
            "signatories: [amnesti]\n",
            "unknown-signatory",
            "did you mean 'amnesty'?",
        ),
        (
            "signatories: [Human Rights Watch]\n",
            "unknown-signatory",
            "that is the name of 'hrw': write its id, hrw",
        ),
        ("signatories: [HRW]\n", "unknown-signatory", "that is the name of 'hrw'"),
        ("signatories: [Amnesty Internacional]\n", "unknown-signatory", "did you mean 'amnesty'?"),
        (
            "grounds: G.[^mandella]\ncitations:\n  mandela: M.\n",
            "undefined-citation",
            "[^mandella] cites no citation; did you mean [^mandela]?",
        ),
        ("template: joint-leter\n", "unknown-template", "did you mean 'joint-letter'?"),
        ("lang: fre\n", "unknown-language", "did you mean 'fr'?"),
        ("lang: frr\n", "unknown-language", "did you mean 'fr'?"),
        ("lang: French\n", "invalid-language-tag", "did you mean 'fr'?"),
    ],
)
def test_a_name_looked_up_in_vain_suggests_the_nearest(
    text: str, rule: str, says: str, registry: Path
) -> None:
    checked = validate_text(text, folder=registry.parent, signatories=registry)
    (problem,) = [p for p in checked.problems if p.rule == rule]
    assert says in problem.message


def test_without_a_registry_the_message_says_where_it_looked(tmp_path: Path) -> None:
    checked = validate_text("signatories: [amnesty]\n", folder=tmp_path)
    (problem,) = [p for p in checked.problems if p.rule == "unknown-signatory"]
    assert f"no signatories.yaml was found in {tmp_path.resolve()} or a folder above it" in (
        problem.message
    )


@pytest.mark.parametrize(
    ("standard", "says"),
    [
        ("ua1", "there is no PDF standard 'ua1' (only ua-1 and a-2b); did you mean 'ua-1'?"),
        ("UA-1", "there is no PDF standard 'UA-1' (only ua-1 and a-2b); did you mean 'ua-1'?"),
        ("PDF/A-2b", "(only ua-1 and a-2b); did you mean 'a-2b'?"),
        ("x", "there is no PDF standard 'x' (only ua-1 and a-2b)"),
    ],
)
def test_a_misspelt_pdf_standard_suggests_the_nearest(standard: str, says: str) -> None:
    checked = validate_text(f"pdf: {{standard: '{standard}'}}\n", folder=Path.cwd())
    (problem,) = [p for p in checked.problems if p.rule == "unknown-pdf-standard"]
    assert problem.message.endswith(says)


def test_a_misspelt_reference_is_one_problem_not_also_an_unused_citation() -> None:
    checked = validate_text("grounds: G.[^mandella]\ncitations:\n  mandela: M.\n")
    rules = [p.rule for p in checked.problems if "citation" in p.rule]
    assert rules == ["undefined-citation"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("grounds:\n", "'grounds' is empty, but a letter needs it; write it after the colon"),
        ("recipient:\n", "'recipient' is empty; write the recipient's name and details under it"),
        ("grounds:\n  -\n", "'grounds.0' is empty; write the text after the '- '"),
        ("grounds:\n  - G.\n  -\n", "write the text after the '- ', or remove the line"),
        ("place:\n", "'place' is empty; give a value or remove the line"),
    ],
)
def test_an_empty_field_says_what_to_put_there(text: str, says: str) -> None:
    (problem,) = [p for p in validate_text(text).problems if p.rule == "empty-value"]
    assert says in problem.message
    if "remove the line" not in says:
        assert "remove the line" not in problem.message


EXAMPLE = Path(__file__).parent.parent / "cases" / "askarov-2020.yaml"
SECTIONS = re.findall(r"^([a-z]+):", EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE)


@pytest.mark.parametrize("section", SECTIONS)
def test_a_misspelt_section_is_one_problem(section: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    typo = re.sub(rf"^{section}:", f"{section[:-1]}:", text, flags=re.MULTILINE)
    checked = validate_text(typo, folder=EXAMPLE.parent)
    assert [(p.rule, p.message) for p in checked.problems] == [
        (
            "unknown-key",
            f"the case has no key '{section[:-1]}'; did you mean '{section}'?",
        )
    ]
