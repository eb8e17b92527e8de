"""The letter's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, rule

# Python 3.11 reads 20200331 and 2020-W14-2 as dates too; a letter's date is
# written one way.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


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
    reason = "write it as YYYY-MM-DD"
    if _ISO_DATE.fullmatch(spelling):
        try:
            dt.date.fromisoformat(spelling)
            return
        except ValueError as exc:
            reason = str(exc)
    yield ctx.problem(("date",), f"'{spelling}' is not a real date ({reason})")
