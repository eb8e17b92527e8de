"""A long-running caller sees edited campaign files; clear_caches forgets them all."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

import appeal
from appeal.filecache import FileCache
from appeal.registry import load_registry
from appeal.templating.lookup import TEMPLATE_FILE

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
