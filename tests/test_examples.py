"""The real letters under ``examples/``: each reproduces its source, word for word.

Each example folder holds a case, its registry and ``source.txt``: the part of
the published letter the case reproduces, copied verbatim (Markdown and HTML
markup included). The words of the letter in text, Markdown and Word (read
back by pandoc) must be the source's words: none dropped, none added, but for
the differences each example states here. Web addresses are left out of the
comparison (a text letter prints a link's address after its words), and so is
punctuation. The golden files of the examples are under ``tests/cases/``.
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import require_tool

import appeal

EXAMPLES = Path(__file__).parent.parent / "examples"
NAMES = sorted(p.name for p in EXAMPLES.iterdir() if (p / f"{p.name}.yaml").is_file())

#: Words a letter prints that its source excerpt lacks, and source words it leaves out.
ADDED = {
    # The excerpt stops before the signatures; the copies are from a news report.
    "african-heads-2020": (
        "Committee to Protect Journalists Reporters Without Borders cc "
        "Cyril Ramaphosa African Union AU chairperson and South African President "
        "Moussa Faki African Union Commission chairperson "
        "Antonio Guterres United Nations secretary general "
        "Tedros Adhanom Ghebreyesus World Health Organization director general"
    ),
}

_URL = re.compile(r"<?https?://[^\s>)\]]+>?")
_TAG = re.compile(r"</?[a-z][^>]*>")


def words(text: str) -> Counter[str]:
    """The words of a text, without web addresses, markup or punctuation."""
    text = _TAG.sub(" ", html.unescape(_URL.sub(" ", text)))
    return Counter(re.findall(r"[^\W_]+", text))


def expected(name: str) -> Counter[str]:
    found = words((EXAMPLES / name / "source.txt").read_text(encoding="utf-8"))
    found.update(words(ADDED.get(name, "")))
    return +found


def _pandoc_plain(data: bytes, tmp_path: Path) -> str:
    pandoc = require_tool("pandoc")
    path = tmp_path / "letter.docx"
    path.write_bytes(data)
    out = subprocess.run(
        [pandoc, "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return out.stdout.decode("utf-8")


def test_there_are_five_examples() -> None:
    assert NAMES == [
        "acta-2009",
        "african-heads-2020",
        "census-2016",
        "drd-2019",
        "drd-2019-es",
    ]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_the_letter_has_the_words_of_its_source(name: str, fmt: str) -> None:
    case = appeal.load_case(EXAMPLES / name / f"{name}.yaml")
    text = appeal.render(case, fmt)
    assert isinstance(text, str)
    got, want = words(text), expected(name)
    assert (got - want, want - got) == (Counter(), Counter())


@pytest.mark.parametrize("name", NAMES)
def test_the_word_letter_read_by_pandoc_has_the_words_of_its_source(
    name: str, tmp_path: Path
) -> None:
    case = appeal.load_case(EXAMPLES / name / f"{name}.yaml")
    data = appeal.render(case, "docx")
    assert isinstance(data, bytes)
    got, want = words(_pandoc_plain(data, tmp_path)), expected(name)
    assert (got - want, want - got) == (Counter(), Counter())


def test_the_comparison_sees_a_dropped_word() -> None:
    case = appeal.load_case(EXAMPLES / "drd-2019" / "drd-2019.yaml")
    text = appeal.render(case, "txt")
    assert isinstance(text, str)
    assert words(text.replace("Ola Bini", "Ola", 1)) != expected("drd-2019")
