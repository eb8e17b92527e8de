"""The letter's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, rule


@rule("invalid-date")
def invalid_date(ctx: Context) -> Iterator[Problem]:
    """A date that is not a real calendar date in the form YYYY-MM-DD.

    ``2020-02-30`` or ``31/03/2020`` would print a wrong or ambiguous date in
    a letter to an official; the message shows the spelling found.
    """
    value = ctx.source.get(("date",))
    if not isinstance(value, str) or not value.strip():
        return
    spelling = value.strip()
    try:
        dt.date.fromisoformat(spelling)
    except ValueError as exc:
        reason = str(exc) if "out of range" in str(exc) else "write it as YYYY-MM-DD"
        yield ctx.source.problem(
            ("date",), "invalid-date", f"'{spelling}' is not a real date ({reason})"
        )
