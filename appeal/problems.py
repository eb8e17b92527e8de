"""Problems: every diagnostic is a value with a position and a rule id."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in one file.

    Lines and columns are 1-based; ``end_line``/``end_col`` are where the
    offending node ends, when known. Equality ignores the message, so tests
    can assert ``(line, col, rule)`` without restating prose.
    """

    file: str
    line: int
    col: int
    rule: str
    message: str = field(compare=False)
    level: Level = field(default=Level.ERROR, compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_col: int | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors
