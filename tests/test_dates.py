"""The long dates written without Babel are those Babel writes."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from babel.dates import format_date

from appeal.templating.dates import LONG_DATES, long_date
from appeal.templating.lookup import BUILTIN_TEMPLATES

DATES = [
    dt.date(year, month, day)
    for year in (7, 999, 2020, 2107)
    for month in range(1, 13)
    for day in (1, 9, 10, 28)
]


@pytest.mark.parametrize("locale", sorted(LONG_DATES))
def test_each_locale_writes_dates_as_babel_does(locale: str) -> None:
    for date in DATES:
        assert long_date(date, locale) == format_date(date, format="long", locale=locale)


@pytest.mark.parametrize("locale", ["ja", "kk", "fa", "de_CH"])
def test_other_locales_are_written_by_babel(locale: str) -> None:
    date = dt.date(2020, 3, 31)
    assert long_date(date, locale) == format_date(date, format="long", locale=locale)


def test_every_builtin_language_has_its_dates_here() -> None:
    """A language added to the built-in template: add its locale with tools/dates_table.py."""
    for words in (BUILTIN_TEMPLATES / "joint-letter" / "translations").glob("*.yaml"):
        locale = yaml.safe_load(words.read_text(encoding="utf-8"))["locale"]
        assert locale in LONG_DATES, f"{words.name}: {locale}"
