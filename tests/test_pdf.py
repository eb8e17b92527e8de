"""PDF letters by LibreOffice (``--pdf-engine libreoffice``): many letters per start.

Stand-in ``soffice`` scripts (given with ``--soffice``) count the starts,
fail, or hang; the tests that need the real LibreOffice say so.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import time
from pathlib import Path

import pytest
from conftest import require_tool
from typer.testing import CliRunner

import appeal
from appeal.cli import app
from appeal.writers import pdf

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "cases" / "askarov-2020.yaml"
runner = CliRunner()

CASE = """\
date: 2021-05-03
subject: Release the journalists
recipient: {name: Minister Ana Pop}
grounds: We write about the journalists.[^a]
demands: Release them.
citations: {a: {text: Report, url: "https://example.org/r"}}
signatories: [amnesty, hrw]
"""


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "press.yaml").write_text(CASE, encoding="utf-8")
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    return tmp_path


def _recipients(campaign: Path, count: int) -> Path:
    path = campaign / "list.csv"
    rows = "".join(f"Minister Number {i}\n" for i in range(1, count + 1))
    path.write_text("name\n" + rows, encoding="utf-8")
    return path


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def _counting_soffice(folder: Path) -> tuple[Path, Path]:
    """A wrapper that logs each start (with its number of .docx files) and runs LibreOffice."""
    real = require_tool("soffice", "libreoffice")
    log = folder / "starts.log"
    count = 'n=0; for a; do case "$a" in *.docx) n=$((n + 1));; esac; done'
    wrapper = _script(folder / "soffice", f'{count}\necho $n >> "{log}"\nexec "{real}" "$@"\n')
    return wrapper, log


def _render(campaign: Path, *args: str) -> tuple[int, str, Path]:
    """``appeal render`` of the campaign's cases, PDF by LibreOffice."""
    out = campaign / "out"
    command = ["render", str(campaign / "cases"), "-o", str(out), "--pdf-engine", "libreoffice"]
    result = runner.invoke(app, [*command, *args])
    return result.exit_code, result.output, out


def _manifest(out: Path) -> dict[str, list[str]]:
    """Each file of the manifest, checked against its sha256, by letter."""
    letters = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["letters"]
    files: dict[str, list[str]] = {}
    for letter in letters:
        for entry in letter["files"]:
            data = (out / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        files[letter["recipient"]] = [entry["format"] for entry in letter["files"]]
    return files


def _pdf_text(path: Path) -> list[str]:
    pdftotext = require_tool("pdftotext")
    out = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8").split("\f")[:-1]


def test_the_example_as_pdf_is_two_pages_with_links_and_page_numbers(tmp_path: Path) -> None:
    require_tool("soffice", "libreoffice")
    options = appeal.WriteOptions(pdf_engine="libreoffice")
    data = appeal.render(appeal.load_case(EXAMPLE), "pdf", options=options)
    assert isinstance(data, bytes) and data.startswith(b"%PDF-")
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    pages = _pdf_text(path)
    assert len(pages) == 2
    last_lines = [page.strip().splitlines()[-1].strip() for page in pages]
    assert last_lines[0] != "1" and last_lines[1] == "2"
    uris = set(re.findall(rb"/URI\s*\(([^)]*)\)", data))
    assert {
        b"mailto:pisma@mail.gov.kg",
        b"https://www.un.org/ga/search/viewm_doc.asp?symbol=A/RES/70/175",
        b"https://www.ohchr.org/Documents/HRBodies/OPCAT/AdviceStatePartiesCoronavirusPandemic2020.pdf",
    } <= uris
    # The notes are real footnotes: at the foot of the page that cites them.
    assert "1 Committee on Economic" in " ".join(pages[0].split())
    # Tagged: a structure tree that screen readers follow (pdfinfo: "Tagged: yes").
    assert b"/StructTreeRoot" in data and re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", data)


def test_bulk_starts_libreoffice_once_for_several_letters(campaign: Path) -> None:
    wrapper, log = _counting_soffice(campaign)
    listed = _recipients(campaign, 3)
    code, output, out = _render(
        campaign, "-f", "txt", "-f", "pdf", "--recipients", str(listed),
        "--soffice", str(wrapper), "-j", "2",
    )  # fmt: skip
    assert code == 0, output
    assert log.read_text().split() == ["3"]
    stems = [f"press-minister-number-{i}" for i in (1, 2, 3)]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{s}.{ext}" for s in stems for ext in ("pdf", "txt")] + ["manifest.json"]
    )
    assert _manifest(out) == {f"Minister Number {i}": ["txt", "pdf"] for i in (1, 2, 3)}
    for i, stem in enumerate(stems, start=1):
        (page,) = _pdf_text(out / f"{stem}.pdf")
        assert f"Minister Number {i}" in page


def test_a_large_batch_is_split_among_the_jobs(campaign: Path) -> None:
    wrapper, log = _counting_soffice(campaign)
    listed = _recipients(campaign, 24)
    code, output, out = _render(
        campaign, "-f", "pdf", "--recipients", str(listed), "--soffice", str(wrapper), "-j", "2"
    )
    assert code == 0, output
    assert log.read_text().split() == ["12", "12"]
    assert len(_manifest(out)) == 24
    assert sorted(p.suffix for p in out.iterdir()) == [".json"] + [".pdf"] * 24


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ([], "LibreOffice is needed for PDF: apt-get install libreoffice-writer, "
             "or pass --soffice PATH"),
        (["--soffice", "/nowhere/soffice"], "LibreOffice not found at /nowhere/soffice"),
    ],
)  # fmt: skip
def test_without_libreoffice_the_other_formats_still_render(
    campaign: Path, option: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(campaign / "no-programs-here"))
    code, output, out = _render(campaign, "-f", "pdf", "-f", "md", *option)
    assert code == 1
    assert f"error: {message}" in output
    assert "1 letter (1 file) written" in output
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "press.md"]
    assert _manifest(out) == {"Minister Ana Pop": ["md"]}


def test_a_failed_conversion_fails_that_pdf_only(campaign: Path) -> None:
    broken = _script(campaign / "soffice", 'echo "Error: source file could not be loaded" >&2\n')
    code, output, out = _render(campaign, "-f", "pdf", "-f", "txt", "--soffice", str(broken))
    assert code == 1
    assert (
        "error: cases/press.yaml to Minister Ana Pop: LibreOffice made no PDF "
        "(Error: source file could not be loaded)" in output.replace(str(campaign) + "/", "")
    )
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "press.txt"]
    assert _manifest(out) == {"Minister Ana Pop": ["txt"]}


def test_a_hung_libreoffice_is_stopped_with_what_it_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    hung = _script(tmp_path / "soffice", f'sleep 60 &\necho $$ $! > "{pids}"\nwait\n')
    monkeypatch.setattr(pdf, "START_TIMEOUT", 1.0)
    monkeypatch.setattr(pdf, "LETTER_TIMEOUT", 0.0)
    source = tmp_path / "letter.docx"
    source.write_bytes(b"not really")
    started = time.monotonic()
    with pdf.Converter(str(hung)) as converter:
        (result,) = converter.convert([source], tmp_path)
    assert time.monotonic() - started < 10
    assert isinstance(result, pdf.ConversionFailed)
    assert str(result) == "LibreOffice did not finish within 1 s"
    # A killed process takes a moment to die, the more so on a busy machine.
    deadline = time.monotonic() + 5
    while (left := [p for p in pids.read_text().split() if _running(p)]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.05)
    assert not left


def _running(pid: str) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def test_pdf_is_not_a_default_format(campaign: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(campaign / "no-programs-here"))
    code, output, out = _render(campaign)
    assert code == 0, output
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".json", ".md", ".txt"]


@pytest.mark.parametrize("engine", ["typst", "libreoffice"])
def test_an_arabic_letter_as_pdf_reads_its_english_data_left_to_right(
    tmp_path: Path, engine: str
) -> None:
    """pdftotext -layout gives the lines as laid out: read backwards before."""
    if engine == "libreoffice":
        require_tool("soffice", "libreoffice")
    case = tmp_path / "case.yaml"
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "lang: ar\n", encoding="utf-8")
    (tmp_path / "signatories.yaml").write_bytes((ROOT / "signatories.yaml").read_bytes())
    path = tmp_path / "letter.pdf"
    data = appeal.render(
        appeal.load_case(case), "pdf", options=appeal.WriteOptions(pdf_engine=engine)
    )
    assert isinstance(data, bytes)
    path.write_bytes(data)
    lines = [line.strip() for line in _pdf_text(path)[0].splitlines()]
    assert "205 Chuy Prospect" in lines
    assert "Your Excellency،" in lines
