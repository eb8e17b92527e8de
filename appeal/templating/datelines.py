"""The place-and-date line of a letter, as each language writes it.

The date is CLDR's long format for the letter's locale ("8 janvier 2004",
"January 8, 2004", "8. Januar 2004"); a language that writes the first day
of a month as an ordinal ("1er janvier", Brazilian "1º de janeiro") says so
in its translation table (``first_day``). The table's ``dateline`` pattern
puts the place and the date together ("{place}, le {date}").

Babel knows every locale's long format, but loading it and its locale data
takes longer than rendering a letter. So the long date pattern and month
names of the locales the built-in template speaks are written here, as Babel
gives them (``python tools/dates_table.py`` prints this table again, and a
test checks it against Babel); any other locale is formatted by Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

_FIELD = re.compile(r"\{(place|date)\}")

#: CLDR's long date pattern and its month names (format context, wide), per locale.
LONG_DATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ar": (
        "d MMMM y",
        ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
         "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
    ),
    "de": (
        "d. MMMM y",
        ("Januar", "Februar", "März", "April", "Mai", "Juni",
         "Juli", "August", "September", "Oktober", "November", "Dezember"),
    ),
    "en": (
        "MMMM d, y",
        ("January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December"),
    ),
    "en_GB": (
        "d MMMM y",
        ("January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December"),
    ),
    "en_US": (
        "MMMM d, y",
        ("January", "February", "March", "April", "May", "June",
         "July", "August", "September", "October", "November", "December"),
    ),
    "es": (
        "d 'de' MMMM 'de' y",
        ("enero", "febrero", "marzo", "abril", "mayo", "junio",
         "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
    ),
    "fr": (
        "d MMMM y",
        ("janvier", "février", "mars", "avril", "mai", "juin",
         "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    ),
    "it": (
        "d MMMM y",
        ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
         "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"),
    ),
    "pt": (
        "d 'de' MMMM 'de' y",
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho",
         "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    ),
    "pt_BR": (
        "d 'de' MMMM 'de' y",
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho",
         "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    ),
    "pt_PT": (
        "d 'de' MMMM 'de' y",
        ("janeiro", "fevereiro", "março", "abril", "maio", "junho",
         "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    ),
    "ru": (
        "d MMMM y\u202f'г'.",
        ("января", "февраля", "марта", "апреля", "мая", "июня",
         "июля", "августа", "сентября", "октября", "ноября", "декабря"),
    ),
    "tr": (
        "d MMMM y",
        ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
         "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"),
    ),
    "uk": (
        "d MMMM y\u202f'р'.",
        ("січня", "лютого", "березня", "квітня", "травня", "червня",
         "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"),
    ),
}  # fmt: skip

#: A pattern's parts: a run of one field letter, a quoted literal ('' is a quote), other text.
_PART = re.compile(r"([A-Za-z])\1*|'(?:[^']|'')*'|[^A-Za-z']+")


@functools.lru_cache(maxsize=256)
def format_date(date: dt.date, locale: str, first_day: str | None = None) -> str:
    """The date as the language writes it in a letter: ``31 March 2020``, ``1er mars 2020``."""
    first = first_day if date.day == 1 else None
    known = LONG_DATES.get(locale)
    if known is None:
        return babel_date(date, locale, first)
    pattern, months = known
    out = []
    for match in _PART.finditer(pattern):
        part = match.group()
        if part.startswith("'"):
            out.append(part[1:-1].replace("''", "'") if part != "''" else "'")
        elif part == "d" and first:
            out.append(first)
        elif part[0] == "d":
            out.append(f"{date.day:0{len(part)}d}")
        elif part == "MMMM":
            out.append(months[date.month - 1])
        elif part[0] == "M":
            out.append(f"{date.month:0{len(part)}d}")
        elif part[0] == "y":
            out.append(f"{date.year:0{len(part)}d}")
        else:
            out.append(part)
    return "".join(out)


def babel_date(date: dt.date, locale: str, first_day: str | None = None) -> str:
    """The date in ``locale``'s long format, by Babel; ``first_day`` for the day when given."""
    from babel import Locale
    from babel.dates import format_date as babel_format
    from babel.dates import tokenize_pattern, untokenize_pattern

    pattern = Locale.parse(locale).date_formats["long"].pattern
    if first_day:
        pattern = untokenize_pattern(
            [
                ("chars", first_day) if token == ("field", ("d", 1)) else token
                for token in tokenize_pattern(pattern)
            ]
        )
    return str(babel_format(date, format=pattern, locale=locale))


def dateline(pattern: str, date: str, place: str | None) -> str:
    """The line ``pattern`` makes of ``place`` and the formatted ``date``; the date alone
    without a place."""
    if not place:
        return date
    # One pass, so that a place written with "{date}" in it stays as written.
    return _FIELD.sub(lambda m: place if m.group(1) == "place" else date, pattern)
