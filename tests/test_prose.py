"""Prose fields: Markdown by design, kept in their place, bare addresses linked."""

from __future__ import annotations

import pytest

from appeal.templating.environment import escape, prose


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("see https://x.org/a.", "see <https://x.org/a>."),
        ("(https://x.org/a)", "(<https://x.org/a>)"),
        ("https://x.org/a_(b), then", "<https://x.org/a_(b)>, then"),
        ("“https://x.org/q?a=1&b=2”", "“<https://x.org/q?a=1&b=2>”"),
        ("[report](https://x.org/r)", "[report](https://x.org/r)"),
        ("<https://x.org/r>", "<https://x.org/r>"),
        ("`https://x.org/r`", "`https://x.org/r`"),
        ("ftp://x.org/r and www.x.org", "ftp://x.org/r and www.x.org"),
        ("First.\n:::\nafter", "First.\n\\:::\nafter"),
        ("[^x]: not a note", "\\[^x]: not a note"),
    ],
)
def test_prose(text: str, markdown: str) -> None:
    assert prose(text) == markdown


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("A*B", "A\\*B"),
        ("  two\n lines  ", "two lines"),
        ("{{ x }}", "\\{\\{ x \\}\\}"),
        ("a & b", "a \\& b"),
        # No-break spaces are written on purpose and kept; other runs of space fold.
        ("M.\u00a0Dupont", "M\\.\u00a0Dupont"),
        ("8 января 2004\u202fг.", "8 января 2004\u202fг\\."),
        ("a \u2003\t b\u00a0", "a b"),
    ],
)
def test_data_is_escaped(text: str, markdown: str) -> None:
    assert escape(text) == markdown
