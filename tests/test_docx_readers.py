"""Real readers open the Word letter: pandoc, and LibreOffice rendering it to PDF."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import subprocess
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool

import appeal
from appeal.document import (
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    NoteRef,
    Paragraph,
    Strong,
    Text,
)
from appeal.reader import parse
from appeal.rendering import letter_document
from appeal.writers import WriteOptions
from appeal.writers.docx import write

EXAMPLE = Path(__file__).parents[1] / "cases" / "askarov-2020.yaml"


@pytest.fixture(scope="module")
def example() -> tuple[Document, bytes]:
    case = appeal.load_case(EXAMPLE)
    data = appeal.render(case, "docx")
    assert isinstance(data, bytes)
    return letter_document(case), data


def _pandoc_json(path: Path) -> dict[str, Any]:
    pandoc = require_tool("pandoc")
    out = subprocess.run(
        [pandoc, "-f", "docx", "-t", "json", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every pandoc AST element (a dict with a "t" key), depth first."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _links(node: Any) -> list[str]:
    return [el["c"][2][0] for el in _walk(node) if el["t"] == "Link"]


def _note_links(doc: Document) -> list[list[str]]:
    def links(inlines: Sequence[Inline]) -> Iterator[str]:
        for node in inlines:
            if isinstance(node, Link):
                yield node.url
            if isinstance(node, (Strong, Emph, Link)):
                yield from links(node.children)

    return [
        [url for b in note.blocks if isinstance(b, Paragraph) for url in links(b.inlines)]
        for note in doc.notes
    ]


def test_pandoc_finds_every_cited_note_with_its_links(
    tmp_path: Path, example: tuple[Document, bytes]
) -> None:
    doc, data = example
    path = tmp_path / "letter.docx"
    path.write_bytes(data)
    notes = [el for el in _walk(_pandoc_json(path)["blocks"]) if el["t"] == "Note"]
    assert len(notes) == len(doc.notes) > 0
    assert [_links(note) for note in notes] == _note_links(doc)


def _pandoc_text(data: bytes, tmp_path: Path) -> str:
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


def test_pandoc_reads_markup_characters_scripts_and_long_urls(tmp_path: Path) -> None:
    long_url = "https://example.org/" + "/".join(f"part{i:03d}" for i in range(80)) + "?a=1&b=2"
    markdown = (
        'Tom & Jerry <b> "quoted" — Азимжон Аскаров — عظيمجان عسكروف.[^1]\n\n'
        f"[^1]: See <{long_url}>\n"
    )
    doc = parse(markdown, Meta("T & <t>", "A", dt.date(2020, 3, 31)))
    data = write(doc, WriteOptions())
    text = _pandoc_text(data, tmp_path)
    assert 'Tom & Jerry <b> "quoted" — Азимжон Аскаров — عظيمجان عسكروف.' in text
    path = tmp_path / "letter.docx"
    notes = [el for el in _walk(_pandoc_json(path)["blocks"]) if el["t"] == "Note"]
    assert [_links(n) for n in notes] == [[long_url]]


# LibreOffice: the example letter as PDF, read back with pdftotext.


def _pdf_pages(sources: Sequence[Path], folder: Path) -> list[list[str]]:
    """Convert with LibreOffice (a profile of its own under ``folder``); each PDF's pages."""
    soffice = require_tool("soffice", "libreoffice")
    pdftotext = require_tool("pdftotext")
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(folder), *map(str, sources)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    pdfs = []
    for source in sources:
        text = subprocess.run(
            [pdftotext, "-layout", str(folder / f"{source.stem}.pdf"), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout.decode("utf-8")
        pdfs.append(text.split("\f")[:-1])
    return pdfs


@pytest.fixture(scope="module")
def pdf_pages(
    tmp_path_factory: pytest.TempPathFactory, example: tuple[Document, bytes]
) -> list[str]:
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "letter.docx"
    source.write_bytes(example[1])
    return _pdf_pages([source], folder)[0]


def _squash(text: str) -> str:
    """Text without whitespace, for comparing across the PDF's line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _segments(inlines: Sequence[Inline]) -> Iterator[tuple[str, int | None]]:
    """The paragraph's text in pieces, each with the note number that follows it."""
    piece: list[str] = []

    def walk(nodes: Sequence[Inline]) -> Iterator[tuple[str, int | None]]:
        for node in nodes:
            if isinstance(node, Text):
                piece.append(node.text)
            elif isinstance(node, LineBreak):
                piece.append("\n")
            elif isinstance(node, NoteRef):
                yield "".join(piece), node.number
                piece.clear()
            else:
                yield from walk(node.children)

    yield from walk(inlines)
    yield "".join(piece), None


def _paragraphs(doc: Document) -> Iterator[Paragraph]:
    blocks = list(doc.blocks) + [b for note in doc.notes for b in note.blocks]
    while blocks:
        block = blocks.pop(0)
        if isinstance(block, ListBlock):
            blocks[:0] = [b for item in block.items for b in item]
        else:
            yield block


def test_example_letter_fits_on_two_pages(pdf_pages: list[str]) -> None:
    assert len(pdf_pages) == 2


def test_page_numbers_from_page_two_on(pdf_pages: list[str]) -> None:
    last_lines = [page.strip().splitlines()[-1].strip() for page in pdf_pages]
    assert last_lines[0] != "1"
    assert last_lines[1:] == [str(n) for n in range(2, len(pdf_pages) + 1)]


def test_every_paragraph_is_in_the_pdf(
    pdf_pages: list[str], example: tuple[Document, bytes]
) -> None:
    pages = [_squash(page) for page in pdf_pages]

    def in_pdf(text: str) -> bool:
        """On one page, or begun on one and finished on the next (past its footnotes)."""
        if any(text in page for page in pages):
            return True
        return any(
            text[:k] in page and text[k:] in following
            for page, following in itertools.pairwise(pages)
            for k in range(1, len(text))
        )

    for paragraph in _paragraphs(example[0]):
        for piece, _ in _segments(paragraph.inlines):
            assert in_pdf(_squash(piece)), piece


def test_notes_are_on_the_page_that_cites_them(
    pdf_pages: list[str], example: tuple[Document, bytes]
) -> None:
    doc = example[0]
    pages = [_squash(page) for page in pdf_pages]

    def page_of(text: str) -> int:
        found = [i for i, page in enumerate(pages) if _squash(text) in page]
        assert len(found) == 1, text
        return found[0]

    citing: dict[int, int] = {}
    for paragraph in _paragraphs(doc):
        for before, number in _segments(paragraph.inlines):
            if number is not None and number not in citing:
                citing[number] = page_of(" ".join(before.split()[-4:]))
    for note in doc.notes:
        first = note.blocks[0]
        assert isinstance(first, Paragraph)
        opening = " ".join("".join(p for p, _ in _segments(first.inlines)).split()[:6])
        assert page_of(opening) == citing[note.number]


def _signed_letter(paragraphs: int) -> bytes:
    body = "\n\n".join(f"Paragraph {i} of the letter." for i in range(paragraphs))
    signatories = "\\\n".join(f"Organisation number {i}" for i in range(1, 10))
    markdown = f"{body}\n\n::: closing\nSincerely,\n:::\n\n::: signatures\n{signatories}\n:::\n"
    return write(parse(markdown, Meta("T", "A", dt.date(2020, 3, 31))), WriteOptions())


def test_signature_block_is_never_split_from_the_closing(tmp_path: Path) -> None:
    """Letters of growing length push the closing past the foot of page 1."""
    lengths = range(18, 42, 2)
    sources = [tmp_path / f"letter{length}.docx" for length in lengths]
    for length, source in zip(lengths, sources, strict=True):
        source.write_bytes(_signed_letter(length))
    block_pages: set[int] = set()
    for length, pages in zip(lengths, _pdf_pages(sources, tmp_path), strict=True):
        lines = [{line.strip() for line in page.splitlines()} for page in pages]
        block = {
            next(i for i, page in enumerate(lines) if line in page)
            for line in ("Sincerely,", "Organisation number 1", "Organisation number 9")
        }
        assert len(block) == 1, f"{length} paragraphs: closing and signatures split"
        block_pages |= block
    assert block_pages == {0, 1}, "the letters should straddle a page break"


def test_pandoc_reads_lists_as_lists(tmp_path: Path) -> None:
    markdown = "Intro.\n\n- one\n- two\n\n3. three\n\n   - nested\n4. four\n"
    path = tmp_path / "lists.docx"
    path.write_bytes(write(parse(markdown, Meta("T", "A", dt.date(2020, 3, 31))), WriteOptions()))
    blocks = _pandoc_json(path)["blocks"]
    assert [b["t"] for b in blocks] == ["Para", "BulletList", "OrderedList"]
    ordered = blocks[2]["c"]
    assert ordered[0][0] == 3
    assert [el["t"] for el in _walk(ordered[1]) if el["t"].endswith("List")] == ["BulletList"]
