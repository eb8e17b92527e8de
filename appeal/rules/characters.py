"""Characters that cannot be written into a letter."""

from __future__ import annotations

from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, rule
from appeal.source import walk_strings
from appeal.spec import BAD_CHARACTER


@rule("bad-character")
def bad_character(ctx: Context) -> Iterator[Problem]:
    """A control character or lone surrogate in the file or in a value.

    These cannot be stored in a Word document and are invisible in the other
    formats; they usually come from copying text out of a PDF. Delete them.
    Written into the file itself, the YAML reader refuses them and reports
    where; written as an escape in a quoted string (``"\\x07"``), this rule
    finds them in the value.
    """
    data = ctx.source.data
    if data is None or "\\" not in ctx.source.text:
        return  # the YAML reader refuses these characters in the text; only escapes remain
    for path, text in walk_strings(data):
        m = BAD_CHARACTER.search(text)
        if m:
            yield ctx.problem(
                path,
                f"'{'.'.join(map(str, path))}' holds the character U+{ord(m.group()):04X}, "
                "which a letter cannot contain; delete it",
            )
