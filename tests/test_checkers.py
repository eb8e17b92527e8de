"""The letters, checked by tools that others trust and nobody here wrote.

- Word: ``openxml-audit`` (strict policy), one file at a time (a whole folder
  in one run reports notes of one file as missing from another);
- web page: the Nu HTML Checker (``vnu-jar``, on Java) and axe-core run in
  headless Chromium at a desktop and a phone width;
- PDF, by both engines (Typst and LibreOffice): poppler's ``pdffonts`` (every
  font embedded) and ``pdfinfo`` (tagged, titled, with links), and the
  language in the document catalog.

Each checks every letter of the golden tests (tests/cases/, which hold the
examples under examples/), the example letter on US letter paper and in
Arabic, and any example the golden tests leave out.
The npm checkers live in tests/checkers/ (``npm ci --ignore-scripts`` there);
like the other real readers, a missing checker skips its test with the reason,
and fails it under ``CI=true``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import golden_case, missing, require_tool

import appeal
from appeal.rendering import render_bytes
from appeal.writers import WriteOptions

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "cases"
CHECKERS = Path(__file__).parent / "checkers"
NODE_MODULES = CHECKERS / "node_modules"


@dataclass(frozen=True)
class Letter:
    name: str
    case: Path
    paper: str = "a4"


def letters(campaign: Path) -> list[Letter]:
    """The letters to check; ``campaign`` holds the Arabic copy of the example."""
    found = [Letter(f.name, golden_case(f)) for f in sorted(GOLDEN.iterdir()) if f.is_dir()]
    example = ROOT / "cases" / "askarov-2020.yaml"
    found.append(Letter("askarov-2020-letter-paper", example, "letter"))
    arabic = campaign / "askarov-2020-ar.yaml"
    arabic.write_text(example.read_text("utf-8") + "lang: ar\n", "utf-8")
    shutil.copy(ROOT / "signatories.yaml", campaign / "signatories.yaml")
    found.append(Letter("askarov-2020-ar", arabic))
    checked = {letter.case for letter in found}
    found += [
        Letter(f"example-{path.parent.name}", path)
        for path in sorted((ROOT / "examples").glob("*/*.yaml"))
        if path.stem == path.parent.name and path not in checked
    ]
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Each letter written as .docx and .html: the files of each format."""
    campaign = tmp_path_factory.mktemp("campaign")
    out = tmp_path_factory.mktemp("letters")
    files: dict[str, list[Path]] = {"docx": [], "html": []}
    for letter in letters(campaign):
        case = appeal.load_case(letter.case)
        for fmt in files:
            path = out / f"{letter.name}.{fmt}"
            path.write_bytes(render_bytes(case, fmt, options=WriteOptions(paper=letter.paper)))
            files[fmt].append(path)
    return files


def require_npm(relative: str) -> Path:
    """A file of an npm package installed in tests/checkers, or skip/fail."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing(f"{relative} is not installed (npm ci --ignore-scripts in tests/checkers)")
    return path


def test_the_word_letters_pass_a_strict_ooxml_validator(written: dict[str, list[Path]]) -> None:
    audit = shutil.which("openxml-audit", path=str(Path(sys.executable).parent)) or require_tool(
        "openxml-audit"
    )
    findings = {}
    for path in written["docx"]:
        run = subprocess.run(
            [audit, "--policy", "strict", "--output", "json", "--max-errors", "0", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        (report,) = json.loads(run.stdout)
        messages = [e["description"] for e in report["errors"]]
        if messages or run.returncode != 0:
            findings[path.name] = messages or [run.stderr]
    assert findings == {}


def test_the_web_pages_pass_the_nu_html_checker(written: dict[str, list[Path]]) -> None:
    java = require_tool("java")
    jar = require_npm("vnu-jar/build/dist/vnu.jar")
    run = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, written["html"]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] != "info"
    ]
    assert errors == []


def test_the_web_pages_have_no_accessibility_violations(written: dict[str, list[Path]]) -> None:
    node = require_tool("node")
    chromium = require_tool("chromium", "chromium-browser")
    require_npm("axe-core/axe.min.js")
    require_npm("puppeteer-core/package.json")
    run = subprocess.run(
        [node, str(CHECKERS / "axe.mjs"), chromium, *map(str, written["html"])],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert len(results) == 2 * len(written["html"])  # each page at both widths
    violations = [
        f"{Path(r['file']).name} ({r['width']}): {v['id']} ({v['impact']}) at {v['targets']}"
        for r in results
        for v in r["violations"]
    ]
    assert violations == []


#: The letters made as PDF, by each engine, with the language each is in.
PDF_LETTERS = {"askarov-2020": "en", "askarov-2020-ar": "ar"}
PDF_CASES = [(name, engine) for name in PDF_LETTERS for engine in ("typst", "libreoffice")]


@pytest.fixture(scope="module")
def pdf_of(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    """The PDF of a letter by an engine, made once for the module."""
    campaign = tmp_path_factory.mktemp("pdf-campaign")
    out = tmp_path_factory.mktemp("pdfs")
    cases = {letter.name: letter.case for letter in letters(campaign)}
    made: dict[tuple[str, str], Path] = {}

    def make(name: str, engine: str) -> Path:
        if (name, engine) not in made:
            soffice = require_tool("soffice", "libreoffice") if engine == "libreoffice" else None
            options = WriteOptions(soffice=soffice, pdf_engine=engine)
            path = out / f"{name}-{engine}.pdf"
            path.write_bytes(render_bytes(appeal.load_case(cases[name]), "pdf", options=options))
            made[(name, engine)] = path
        return made[(name, engine)]

    return make


@pytest.mark.parametrize(("name", "engine"), PDF_CASES)
def test_the_pdf_letters_embed_their_fonts(
    pdf_of: Callable[[str, str], Path], name: str, engine: str
) -> None:
    pdffonts = require_tool("pdffonts")
    table = subprocess.run(
        [pdffonts, str(pdf_of(name, engine))], capture_output=True, text=True, check=True
    ).stdout
    rows = table.splitlines()[2:]
    assert rows, table
    # Columns: name, type (one or two words), encoding, emb, sub, uni, object id.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []


@pytest.mark.parametrize(("name", "engine"), PDF_CASES)
def test_the_pdf_letters_are_tagged_titled_in_their_language_with_links(
    pdf_of: Callable[[str, str], Path], name: str, engine: str
) -> None:
    pdfinfo = require_tool("pdfinfo")
    path = pdf_of(name, engine)
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Tagged"].strip() == "yes"
    assert fields["Title"].strip() == "Case of Azimjon Askarov"
    catalog_lang = re.search(rb"/Lang\s*\(([^)]*)\)", path.read_bytes())
    assert catalog_lang is not None
    assert catalog_lang.group(1).decode().split("-")[0] == PDF_LETTERS[name]
    urls = subprocess.run(
        [pdfinfo, "-url", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "https://www.ohchr.org/" in urls
    assert "mailto:pisma@mail.gov.kg" in urls
