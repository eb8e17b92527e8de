"""The letter's date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, rule
from appeal.templating.datelines import LONG_DATES

# Python 3.11 reads 20200331 and 2020-W14-2 as dates too; a letter's date is
# written one way.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@rule("invalid-date")
def invalid_date(ctx: Context) -> Iterator[Problem]:
    """A date that is not a real calendar date in the form YYYY-MM-DD.

    ``2020-02-30`` or ``31/03/2020`` would print a wrong or ambiguous date in
    a letter to an official. The message shows the spelling found and, for a
    date written another way (``March 31, 2020``), the same date as
    ``2020-03-31``.
    """
    value = ctx.source.get(("date",))
    if not isinstance(value, str) or not value.strip():
        return
    spelling = value.strip()
    if _ISO_DATE.fullmatch(spelling):
        try:
            dt.date.fromisoformat(spelling)
            return
        except ValueError as exc:
            message = f"'{spelling}' is not a real date ({exc})"
    else:
        message = f"'{spelling}' is not written as year-month-day; {_rewrite(spelling)}"
    yield ctx.problem(("date",), message)


#: The months in English, as a date written in words is read.
_MONTH_NAMES = LONG_DATES["en"][1]
_MONTHS = {
    spelling.lower(): n
    for n, name in enumerate(_MONTH_NAMES, start=1)
    for spelling in (name, name[:3])
}
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
_YEAR_FIRST = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", re.ASCII)
_WORDS = re.compile(
    r"(?:(\d{1,2})\.? ([A-Za-z]+)\.?|([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?),? (\d{4})"
)


def _rewrite(spelling: str) -> str:
    """How to write ``spelling`` as YYYY-MM-DD, when it can be read as a date."""
    candidates: list[dt.date] = []
    numeric = _NUMERIC.fullmatch(spelling)
    words = _WORDS.fullmatch(spelling)
    year_first = _YEAR_FIRST.fullmatch(spelling)
    if year_first:
        year, month, day = (int(x) for x in year_first.groups())
        candidates.extend(_real(year, month, day))
    elif numeric:
        a, b, year = (int(x) for x in numeric.groups())
        for day, month in dict.fromkeys([(a, b), (b, a)]):
            candidates.extend(_real(year, month, day))
    elif words:
        day = int(words.group(1) or words.group(4))
        month = _MONTHS.get((words.group(2) or words.group(3)).lower(), 0)
        candidates.extend(_real(int(words.group(5)), month, day))
    if len(candidates) == 1:
        return f"write {candidates[0].isoformat()}"
    if len(candidates) == 2:
        one, two = candidates
        return (
            f"write {one.isoformat()} for {one.day} {_MONTH_NAMES[one.month - 1]} or "
            f"{two.isoformat()} for {two.day} {_MONTH_NAMES[two.month - 1]}"
        )
    return "write it as YYYY-MM-DD, such as 2020-03-31 for 31 March 2020"


def _real(year: int, month: int, day: int) -> list[dt.date]:
    try:
        return [dt.date(year, month, day)]
    except ValueError:
        return []
