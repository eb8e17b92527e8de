"""Long signature lists flow over pages in the PDF, with either engine.

No page is left empty or nearly empty: a list of hundreds of signatories is
not pushed whole to the next page, the closing stays with the first signature
lines, and a group heading with its first entry. Each letter is set by Typst,
or converted from the Word letter by LibreOffice, and read back page by page
with pdftotext.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import require_tool

import appeal

EXAMPLES = Path(__file__).parent.parent / "examples"

#: Every page but the last holds at least this many lines of text.
FULL_PAGE = 12


@pytest.fixture(params=["typst", "libreoffice"])
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _pdf_pages(cases: Sequence[Path], folder: Path, engine: str) -> list[list[list[str]]]:
    """Each case's PDF pages, each page's non-blank lines (stripped)."""
    pdftotext = require_tool("pdftotext")
    pdfs = []
    for case in cases:
        pdf = folder / f"{case.stem}.pdf"
        if engine == "typst":
            data = appeal.render(appeal.load_case(case), "pdf")
            assert isinstance(data, bytes)
            pdf.write_bytes(data)
        pdfs.append(pdf)
    if engine == "libreoffice":
        _convert([_docx(case, folder) for case in cases], folder)
    pages = []
    for pdf in pdfs:
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")
        pages.append(
            [
                [ln.strip() for ln in page.splitlines() if ln.strip()]
                for page in text.split("\f")[:-1]
            ]
        )
    return pages


def _docx(case: Path, folder: Path) -> Path:
    data = appeal.render(appeal.load_case(case), "docx")
    assert isinstance(data, bytes)
    path = folder / f"{case.stem}.docx"
    path.write_bytes(data)
    return path


def _convert(sources: Sequence[Path], folder: Path) -> None:
    soffice = require_tool("soffice", "libreoffice")
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(folder), *map(str, sources)],
        capture_output=True,
        check=True,
        timeout=600,
    )


def _page_of(pages: list[list[str]], line: str) -> int:
    return next(i for i, page in enumerate(pages) if line in page)


def _statement(paragraphs: int, organisations: int, people: int) -> str:
    grounds = "\n".join(
        f"  - Paragraph {i} of the statement, long enough to fill two lines of the page "
        "with the words that a coalition writes when it asks a government to act."
        for i in range(1, paragraphs + 1)
    )
    orgs = "\n".join(
        f"    - {{name: Organisation number {i}}}" for i in range(1, organisations + 1)
    )
    persons = "\n".join(
        f"    - {{name: Person {i}, title: Researcher, organisation: University {i}}}"
        for i in range(1, people + 1)
    )
    return (
        "title: Joint statement on the release of journalists\n"
        "date: 2021-05-03\n"
        f"grounds:\n{grounds}\n"
        "demands: Release them.\n"
        "signatories:\n"
        f"  Organisations:\n{orgs}\n"
        f"  Individuals:\n{persons}\n"
    )


def _write(case_text: str, path: Path) -> Path:
    path.write_text(case_text, encoding="utf-8")
    return path


def _assert_full_pages(pages: list[list[str]], what: str) -> None:
    short = [(i + 1, len(page)) for i, page in enumerate(pages[:-1]) if len(page) < FULL_PAGE]
    assert not short, f"{what}: pages (number, lines) nearly empty: {short}"


def test_a_500_signatory_statement_fills_every_page_but_the_last(
    tmp_path: Path, engine: str
) -> None:
    source = _write(_statement(6, 480, 20), tmp_path / "statement.yaml")
    (pages,) = _pdf_pages([source], tmp_path, engine)
    assert len(pages) > 5
    _assert_full_pages(pages, "500 signatories")
    assert _page_of(pages, "Sincerely,") == _page_of(pages, "Organisation number 1")
    assert _page_of(pages, "Individuals") == _page_of(pages, "Person 1")
    assert _page_of(pages, "Organisation number 480") <= _page_of(pages, "Person 1")


def test_the_closing_never_stands_alone_wherever_the_page_breaks(
    tmp_path: Path, engine: str
) -> None:
    """Statements of growing length move the closing down page 1 and over to page 2."""
    lengths = range(14, 26)
    sources = [_write(_statement(n, 26, 2), tmp_path / f"statement{n}.yaml") for n in lengths]
    closing_pages = set()
    for n, pages in zip(lengths, _pdf_pages(sources, tmp_path, engine), strict=True):
        closing = _page_of(pages, "Sincerely,")
        closing_pages.add(closing)
        assert closing == _page_of(pages, "Organisation number 1"), f"{n} paragraphs"
        assert _page_of(pages, "Individuals") == _page_of(pages, "Person 1"), f"{n} paragraphs"
        assert pages[closing][-1] != "Sincerely,", f"{n} paragraphs"
        _assert_full_pages(pages, f"{n} paragraphs")
    assert closing_pages == {0, 1}, "the statements should straddle a page break"


@pytest.mark.parametrize("name", ["acta-2009", "census-2016", "drd-2019"])
def test_the_long_real_letters_flow_over_their_pages(
    name: str, tmp_path: Path, engine: str
) -> None:
    (pages,) = _pdf_pages([EXAMPLES / name / f"{name}.yaml"], tmp_path, engine)
    _assert_full_pages(pages, name)
