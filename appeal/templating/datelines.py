"""The place-and-date line of a letter, as each language writes it.

The date is Babel's long format for the letter's locale ("8 janvier 2004",
"January 8, 2004", "8. Januar 2004"); a language that writes the first day
of a month as an ordinal ("1er janvier", Brazilian "1º de janeiro") says so
in its translation table (``first_day``). The table's ``dateline`` pattern
puts the place and the date together ("{place}, le {date}").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_FIELD = re.compile(r"\{(place|date)\}")


@functools.lru_cache(maxsize=256)
def format_date(date: dt.date, locale: str, first_day: str | None = None) -> str:
    """The date as the language writes it in a letter: ``31 March 2020``, ``1er mars 2020``."""
    from babel import Locale
    from babel.dates import format_date as babel_date
    from babel.dates import tokenize_pattern, untokenize_pattern

    pattern = Locale.parse(locale).date_formats["long"].pattern
    if date.day == 1 and first_day:
        pattern = untokenize_pattern(
            [
                ("chars", first_day) if token == ("field", ("d", 1)) else token
                for token in tokenize_pattern(pattern)
            ]
        )
    return str(babel_date(date, format=pattern, locale=locale))


def dateline(pattern: str, date: str, place: str | None) -> str:
    """The line ``pattern`` makes of ``place`` and the formatted ``date``; the date alone
    without a place."""
    if not place:
        return date
    # One pass, so that a place written with "{date}" in it stays as written.
    return _FIELD.sub(lambda m: place if m.group(1) == "place" else date, pattern)
