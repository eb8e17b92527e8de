"""Hostile and broken input: never a crash, never a corrupt or partial letter, never an escape."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import require_tool

import appeal
from appeal.case import validate_text

ROOT = Path(__file__).parent.parent
BASE = """\
date: 2020-03-31
subject: S
recipient: {name: R}
grounds: G.
demands: D.
signatories: [{name: Org}]
"""


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    case = tmp_path / "case.yaml"
    case.write_text(
        BASE.replace("subject: S", f'subject: !!python/object/apply:os.system ["touch {marker}"]')
    )
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(case)
    assert [p.rule for p in info.value.problems] == ["unsupported-tag"]
    assert not marker.exists()


def test_an_alias_bomb_is_refused_with_little_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 1024
    tracemalloc.start()
    checked = validate_text(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.rule for p in checked.problems] == ["too-large"]
    assert peak < 20 * 2**20


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"", "empty-file"),
        (b"# only a comment\n", "empty-file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not-text"),
        (b"subject: Gen\xe8ve\n", "not-utf8"),
        (b"- a\n- b\n", "not-a-case"),
        (b"just text\n", "not-a-case"),
        (b"a: " + b"[" * 100 + b"]" * 100, "too-large"),
        (b"subject: [unclosed\n", "yaml-syntax"),
    ],
)
def test_broken_files_are_clear_errors(tmp_path: Path, data: bytes, rule: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(data)
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(case)
    assert rule in {p.rule for p in info.value.problems}


HOSTILE = "{{ 7*7 }} {% if 1 %}x{% endif %} **b** <w:p>&amp; <script>s</script> & [^a] `c`"


def _docx_text(data: bytes) -> str:
    """The text of the letter's paragraphs, as Word shows it."""
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("field", ["subject", "place", "closing", "author"])
def test_data_appears_literally_in_every_format(tmp_path: Path, field: str) -> None:
    value = json.dumps(HOSTILE)
    text = BASE.replace("subject: S\n", "") + f"subject: {value}\n"
    if field != "subject":
        text = BASE + f"{field}: {value}\n"
    (tmp_path / "case.yaml").write_text(text, encoding="utf-8")
    case = appeal.load_case(tmp_path / "case.yaml")
    word = appeal.render(case, "docx")
    assert isinstance(word, bytes)
    if field == "author":
        assert docx.Document(io.BytesIO(word)).core_properties.author == HOSTILE
    else:
        assert HOSTILE in str(appeal.render(case, "txt", options=appeal.WriteOptions(width=0)))
        assert HOSTILE in _docx_text(word)
    html = str(appeal.render(case, "html"))
    assert "<script>" not in html and "<w:p>" not in html and "49" not in html
    (tmp_path / "letter.docx").write_bytes(word)
    read = subprocess.run(
        [require_tool("pandoc"), "-f", "docx", "-t", "plain", "--wrap=none",
         str(tmp_path / "letter.docx")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    if field != "author":
        assert HOSTILE in read.stdout


def test_prose_may_not_carry_raw_html_or_unsafe_links(tmp_path: Path) -> None:
    prose = (
        "<b>raw</b> [js](javascript:alert(1)) [data](data:text/html,x) [file](file:///etc/passwd)"
        " [ok](https://example.org) [mail](mailto:a@example.org)"
    )
    (tmp_path / "case.yaml").write_text(BASE.replace("G.", json.dumps(prose)), encoding="utf-8")
    case = appeal.load_case(tmp_path / "case.yaml")
    html = str(appeal.render(case, "html"))
    assert "javascript:" not in html.replace("[js](javascript:alert(1))", "")
    assert 'href="javascript' not in html and 'href="data' not in html and 'href="file' not in html
    assert 'href="https://example.org"' in html and 'href="mailto:a@example.org"' in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html
    data = appeal.render(case, "docx")
    assert isinstance(data, bytes)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    assert "javascript" not in rels and "file:" not in rels and "data:" not in rels
    assert "https://example.org" in rels


def test_a_full_disk_leaves_the_old_letter_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    case = ROOT / "cases" / "askarov-2020.yaml"
    appeal.render_all([case], out, ["md"])
    before = (out / "askarov-2020.md").read_bytes()

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("appeal.output.os.fdopen", lambda fd, mode: (os.close(fd), Full())[1])
    manifest = (out / "manifest.json").read_bytes()
    report = appeal.render_all([case], out, ["md"])
    assert report.letters == 0 and report.manifest is None
    assert "No space left on device" in report.failures[0].message
    assert (out / "askarov-2020.md").read_bytes() == before
    assert (out / "manifest.json").read_bytes() == manifest
    assert sorted(p.name for p in out.iterdir()) == ["askarov-2020.md", "manifest.json"]


def test_a_killed_run_leaves_only_whole_files(tmp_path: Path) -> None:
    """SIGKILL in the middle of a bulk run: every letter file there is complete."""
    names = "".join(f"- name: Minister {i}\n" for i in range(400))
    (tmp_path / "list.yaml").write_text(names, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "appeal", "render", str(ROOT / "cases" / "askarov-2020.yaml"),
               "--recipients", str(tmp_path / "list.yaml"), "-o", str(out), "-f", "docx",
               "-f", "md", "-j", "1", "-q"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL) as run:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and run.poll() is None:
            if out.exists() and len(list(out.glob("*.docx"))) >= 20:
                break
            time.sleep(0.01)
        assert run.poll() is None, "the run ended before it could be killed"
        os.kill(run.pid, signal.SIGKILL)
    letters = sorted(out.glob("*.docx"))
    assert 20 <= len(letters) < 400
    for path in letters:
        docx.Document(str(path))
    for path in out.glob("*.md"):
        assert path.read_text(encoding="utf-8").endswith("NewsID=25745&LangID=E>\n")
    assert not (out / "manifest.json").exists()
    assert all(p.name.startswith(".") for p in out.iterdir() if p.suffix not in (".docx", ".md"))


def test_an_internal_error_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from appeal.cli import main

    def broken(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("something broke")

    monkeypatch.setattr("appeal.bulk.prepare_formats", broken)
    case = str(ROOT / "cases" / "askarov-2020.yaml")
    for argv, traceback_shown in ((["render", case, "-o", str(tmp_path), "-j", "1"], False),
                                  (["--debug", "render", case, "-o", str(tmp_path), "-j", "1"],
                                   True)):  # fmt: skip
        monkeypatch.setattr(sys, "argv", ["appeal", *argv])
        with pytest.raises(SystemExit) as exit_info:
            main()
        assert exit_info.value.code == 3
        err = capsys.readouterr().err
        assert "internal error: RuntimeError: something broke" in err or traceback_shown
        assert ("Traceback" in err) is traceback_shown


def test_a_very_large_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(BASE.encode() + b"# " + b"x" * (9 * 2**20) + b"\n")
    with pytest.raises(appeal.CaseError) as info:
        appeal.load_case(case)
    assert [(p.line, p.col, p.rule) for p in info.value.problems] == [(1, 1, "too-large")]


def test_a_long_recipient_list_is_not_taken_for_an_alias_bomb(tmp_path: Path) -> None:
    rows = "".join(
        f"- {{name: Minister {i}, address: [Street {i}, City]}}\n" for i in range(10_000)
    )
    (tmp_path / "list.yaml").write_text(rows, encoding="utf-8")
    from appeal.bulk import Batch

    batch = Batch([ROOT / "cases" / "askarov-2020.yaml"], recipients=tmp_path / "list.yaml")
    assert batch.failures == [] and batch.count() == 10_000
