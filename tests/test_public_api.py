"""The names ``import appeal`` offers: each listed once, each found where it lives."""

from __future__ import annotations

import ast
from pathlib import Path

import appeal

SOURCE = Path(appeal.__file__).read_text(encoding="utf-8")


def _type_checking_names() -> set[str]:
    """The names the ``if TYPE_CHECKING:`` block imports, which type checkers see."""
    for node in ast.parse(SOURCE).body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            return {
                alias.asname or alias.name
                for stmt in node.body
                if isinstance(stmt, ast.ImportFrom)
                for alias in stmt.names
            }
    raise AssertionError("appeal/__init__.py has no TYPE_CHECKING block")


def test_the_public_names_are_the_same_in_all_three_lists() -> None:
    homes = set(appeal._HOMES)
    assert set(appeal.__all__) == homes | {"__version__"}
    assert _type_checking_names() == homes
    assert len(appeal.__all__) == len(set(appeal.__all__))


def test_every_public_name_is_found() -> None:
    for name in appeal.__all__:
        assert getattr(appeal, name) is not None, name
