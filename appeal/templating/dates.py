"""A date as a letter writes it (``31 March 2020``, ``31 de marzo de 2020``), quickly.

Babel knows every language's long date format, but loading it and its locale
data takes longer than rendering a letter. So the long date pattern and month
names of the languages the built-in template speaks are written here, as
Babel gives them (``python tools/dates_table.py`` prints this table again, and
a test checks it against Babel); any other locale is formatted by Babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

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
def long_date(date: dt.date, locale: str) -> str:
    """The date in ``locale``'s long format: ``31 March 2020``, ``31 mars 2020``."""
    known = LONG_DATES.get(locale)
    if known is None:
        from babel.dates import format_date

        return str(format_date(date, format="long", locale=locale))
    pattern, months = known
    out = []
    for match in _PART.finditer(pattern):
        part = match.group()
        if part.startswith("'"):
            out.append(part[1:-1].replace("''", "'") if part != "''" else "'")
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
