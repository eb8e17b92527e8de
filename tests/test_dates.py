"""The long dates written from the table are those Babel writes."""

from __future__ import annotations

import datetime as dt

import pytest

from appeal.templating.datelines import LONG_DATES, babel_date, format_date
from appeal.templating.languages import _WITHOUT_BABEL, parse_tag
from appeal.templating.lookup import BUILTIN_TEMPLATES
from appeal.templating.translations import load_words

DATES = [
    dt.date(year, month, day)
    for year in (7, 999, 2020, 2107)
    for month in range(1, 13)
    for day in (1, 9, 10, 28)
]


@pytest.mark.parametrize("locale", sorted(LONG_DATES))
@pytest.mark.parametrize("first_day", [None, "1er", "1.º'd"])
def test_each_locale_writes_dates_as_babel_does(locale: str, first_day: str | None) -> None:
    for date in DATES:
        first = first_day if date.day == 1 else None
        assert format_date(date, locale, first_day) == babel_date(date, locale, first)


@pytest.mark.parametrize("locale", ["ja", "kk", "fa", "de_CH"])
def test_other_locales_are_written_by_babel(locale: str) -> None:
    date = dt.date(2020, 3, 31)
    assert format_date(date, locale) == babel_date(date, locale)


def test_every_builtin_language_has_its_dates_here() -> None:
    """A language added to the built-in template: add its locale with tools/dates_table.py."""
    folder = BUILTIN_TEMPLATES / "joint-letter"
    for table in (folder / "translations").glob("*.yaml"):
        words = load_words("joint-letter", folder, table.stem)
        assert words.locale in LONG_DATES, f"{table.name}: {words.locale}"


@pytest.mark.parametrize("tag", sorted(_WITHOUT_BABEL))
def test_the_tags_read_without_babel_are_read_as_babel_reads_them(tag: str) -> None:
    assert tag.swapcase() not in _WITHOUT_BABEL  # so this one goes through Babel
    assert parse_tag(tag) == parse_tag(tag.swapcase())
