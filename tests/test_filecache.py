"""A long-running caller sees edited campaign files; clear_caches forgets them all."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

import appeal
from appeal.cli.quick import line_of
from appeal.filecache import FileCache
from appeal.registry import load_registry
from appeal.templating.lookup import TEMPLATE_FILE
from appeal.writers import typ
from appeal.writers.typst_pdf import font_set

CASE = """\
date: 2020-03-31
subject: S
recipient: {name: R}
grounds: G.
demands: D.
signatories: [amnesty]
"""


def _edit(path: Path, text: str) -> None:
    """Write ``text`` and move the modification time on, as a later save would."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _campaign(tmp_path: Path) -> Path:
    (tmp_path / "signatories.yaml").write_text("amnesty: {name: Amnesty}\n", encoding="utf-8")
    template = tmp_path / "templates" / "joint-letter"
    (template / "translations").mkdir(parents=True)
    (template / TEMPLATE_FILE).write_text("{{ words.closing }}, {{ subject }}.\n", "utf-8")
    case = tmp_path / "c.yaml"
    case.write_text(CASE, encoding="utf-8")
    return case


def test_edited_template_words_and_registry_are_read_again(tmp_path: Path) -> None:
    case = _campaign(tmp_path)
    assert appeal.render(appeal.load_case(case), "txt") == "Sincerely, S.\n"

    _edit(tmp_path / "templates" / "joint-letter" / TEMPLATE_FILE, "{{ words.closing }}!\n")
    assert appeal.render(appeal.load_case(case), "txt") == "Sincerely!\n"

    # A campaign's words file that appears later counts as a change.
    words = tmp_path / "templates" / "joint-letter" / "translations" / "en.yaml"
    _edit(words, "closing: Yours faithfully\n")
    assert appeal.render(appeal.load_case(case), "txt") == "Yours faithfully!\n"

    _edit(tmp_path / "signatories.yaml", "amnesty: {name: Amnesty International}\n")
    assert appeal.load_case(case).signatories[0].name == "Amnesty International"


def test_an_unchanged_file_is_read_once_until_the_caches_are_cleared(tmp_path: Path) -> None:
    path = _campaign(tmp_path).parent / "signatories.yaml"
    first = load_registry(path)
    assert load_registry(path) is first
    appeal.clear_caches()
    again = load_registry(path)
    assert again is not first and again.entries == first.entries


def test_a_cache_keeps_its_newest_entries(tmp_path: Path) -> None:
    cache: FileCache[int, int] = FileCache(size=2)
    made: list[int] = []

    def make(n: int) -> int:
        made.append(n)
        return n

    for n in (1, 2, 1, 3, 1, 2):
        assert cache.get(n, [tmp_path], partial(make, n)) == n
    assert made == [1, 2, 3, 2]


def test_an_edited_layout_and_a_quoted_source_line_are_read_again(tmp_path: Path) -> None:
    layout, case = tmp_path / "letter.typ", tmp_path / "case.yaml"
    _edit(layout, "#let letter(..args) = none\n")
    _edit(case, "date: 2020-03-31\n")
    assert (typ.layout(layout), line_of(str(case), 1)) == (
        "#let letter(..args) = none\n",
        "date: 2020-03-31",
    )
    _edit(layout, "#let letter(..args) = [A]\n")
    _edit(case, "date: 2021-04-01\n")
    assert (typ.layout(layout), line_of(str(case), 1)) == (
        "#let letter(..args) = [A]\n",
        "date: 2021-04-01",
    )


def test_fonts_are_loaded_again_after_a_font_is_added_or_the_caches_are_cleared(
    tmp_path: Path,
) -> None:
    folders = (tmp_path,)
    first = font_set(folders)
    assert font_set(folders) is first
    (tmp_path / "Broken.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(60))
    second = font_set(folders)
    assert second is not first
    appeal.clear_caches()
    assert font_set(folders) is not second


def test_a_registry_is_named_as_seen_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = tmp_path / "signatories.yaml"
    registry.write_text("amnesty: {name: Amnesty International}\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_registry(registry).source.file == str(registry)
    monkeypatch.chdir(tmp_path)
    assert load_registry(registry).source.file == "signatories.yaml"
