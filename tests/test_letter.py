"""The example campaign reproduces the reference letter; footnotes and data stay right."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

import appeal
from appeal.document import Document
from appeal.reader import parse
from appeal.rendering import letter_document

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
REFERENCE = ROOT.parent / "shared" / "reference" / "askarov-2020-joint-letter.txt"


def _words(text: str) -> list[str]:
    """Words and punctuation, with the PDF's hyphens and spaces made plain."""
    text = text.replace("\xa0", " ").replace("\u2010", "-")
    return re.findall(r"[\w'’-]+|[^\s\w]", text)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference letter is not beside the repo")
def test_example_reproduces_every_word_of_the_reference() -> None:
    ours = str(appeal.render(appeal.load_case(EXAMPLE), "txt"))
    body, rule, notes = ours.partition("\n--------------------\n")
    assert rule
    # The reference is text taken from the PDF: its notes stand at the foot
    # of page 1, within paragraph 4, followed by the page number "2"; its
    # note marks are bare digits; its date line ends in a comma.
    ref = REFERENCE.read_text(encoding="utf-8").replace("\xa0", " ")
    start = ref.index("\n1 Committee")
    end = ref.index("\n2 \n", start)
    ref_notes, ref_body = ref[start:end], ref[:start] + ref[end + 4 :]
    ref_body = re.sub(r"(?<=[a-z])[123](?=[\s,])|(?<=[a-z][.,])[123](?=\s)", "", ref_body)
    ref_body = ref_body.replace("31 March 2020,", "31 March 2020")
    assert _words(re.sub(r"\[\d\]", "", body)) == _words(ref_body)
    assert _words(notes) == _words(re.sub(r"(?m)^([123]) ", r"[\1] ", ref_notes))


def test_example_has_ten_paragraphs_three_notes_nine_signatories() -> None:
    doc = letter_document(appeal.load_case(EXAMPLE))
    body = [b for b in doc.blocks if getattr(b, "role", "") == "body"]
    assert len(body) == 10
    assert [n.number for n in doc.notes] == [1, 2, 3]
    text = appeal.render(appeal.load_case(EXAMPLE), "txt")
    signatures = str(text).split("Sincerely,\n\n")[1].split("\n\n")[0].splitlines()
    assert len(signatures) == 9
    assert sum("within the framework of the Observatory" in s for s in signatures) == 2


def test_example_markdown_parses_back_with_three_footnotes() -> None:
    md = str(appeal.render(appeal.load_case(EXAMPLE), "md"))
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(md)
    notes = [t for t in tokens if t.type == "footnote_open"]
    refs = [c for t in tokens for c in (t.children or []) if c.type == "footnote_ref"]
    assert len(notes) == 3
    assert len(refs) == 3
    for url in ("A/RES/70/175", "AdviceStatePartiesCoronavirusPandemic2020.pdf", "25745"):
        assert url in md


@pytest.mark.parametrize("case", [*sorted((ROOT / "tests" / "cases").glob("*/case.yaml")), EXAMPLE])
def test_markdown_output_reads_back_as_the_same_document(case: Path) -> None:
    """Whatever the data holds, the .md file says exactly what the letter says."""
    doc = letter_document(appeal.load_case(case))
    again = parse(str(appeal.render(appeal.load_case(case), "md")), doc.meta)
    assert _without_roles(again) == _without_roles(doc)


def _without_roles(doc: Document) -> tuple[object, ...]:
    from dataclasses import replace

    return tuple(replace(b, role="body") for b in doc.blocks), doc.notes


def _case(tmp_path: Path, body: str) -> Path:
    (tmp_path / "case.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path / "case.yaml"


BASE = """\
    date: 2020-03-31
    subject: S
    recipient: {name: R}
    signatories: [{name: Org}]
"""


def test_footnotes_are_numbered_by_first_reference_and_keep_their_number(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BASE
        + """\
    grounds: ["Late[^b] and early[^a].", "Late again[^b]."]
    demands: "Early again[^a], third[^c]."
    citations: {a: A text, b: B text, c: C text}
    """,
    )
    text = str(appeal.render(appeal.load_case(case), "txt", options=appeal.WriteOptions(width=0)))
    assert "Late[1] and early[2]." in text
    assert "Late again[1]." in text
    assert "Early again[2], third[3]." in text
    assert text.rstrip().endswith("[1] B text\n\n[2] A text\n\n[3] C text")


@pytest.mark.parametrize(
    "value",
    [
        "A*B*C",
        "snake_case_name",
        "[bracket]",
        "{{ secret }}",
        "{% if x %}y{% endif %}",
        "<b>tag</b>",
        "AT&T &amp; co",
        "**bold**",
        "[^note]",
        "`code`",
        "1. first",
        "# hash",
        "- dash",
        "> quote",
        "::: div",
        "back\\slash",
        "$x$ ^sup^ ~sub~",
        "Тбилиси — تبليسي",
    ],
)
def test_data_prints_exactly_as_written(tmp_path: Path, value: str) -> None:
    case = _case(
        tmp_path,
        BASE.replace("{name: R}", "{name: VALUE, title: VALUE}")
        .replace("subject: S", "subject: VALUE")
        .replace("VALUE", _quote(value))
        + '    grounds: "G."\n    demands: "D."\n',
    )
    loaded = appeal.load_case(case)
    text = str(appeal.render(loaded, "txt", options=appeal.WriteOptions(width=0)))
    assert text.splitlines()[:2] == [value, value]
    assert f"RE: {value}" in text
    md = str(appeal.render(loaded, "md"))
    doc = letter_document(loaded)
    assert _without_roles(parse(md, doc.meta)) == _without_roles(doc)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_prose_cannot_close_the_div_it_stands_in(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        BASE
        + """\
    grounds: "First.\\n:::\\nafter"
    demands: D.
    """,
    )
    text = str(appeal.render(appeal.load_case(case), "txt", options=appeal.WriteOptions(width=0)))
    assert "First. ::: after" in text


def test_width_zero_keeps_paragraphs_on_one_line_and_urls_whole(tmp_path: Path) -> None:
    url = "https://example.org/" + "very-long-path/" * 8
    case = _case(
        tmp_path,
        BASE
        + f"""\
    grounds: "{"word " * 40}end[^a]."
    demands: D.
    citations: {{a: {{text: Source, url: "{url}"}}}}
    """,
    )
    loaded = appeal.load_case(case)
    wrapped = str(appeal.render(loaded, "txt"))
    assert max(len(line) for line in wrapped.splitlines() if url not in line) <= 72
    assert any(line.strip() == url for line in wrapped.splitlines())
    flat = str(appeal.render(loaded, "txt", options=appeal.WriteOptions(width=0)))
    assert f"{'word ' * 40}end[1]." in flat
    assert f"[1] Source: {url}" in flat
