"""The place-and-date line, as each language writes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import appeal
from appeal.templating.datelines import dateline, format_date

CASE = """\
subject: S
recipient: {name: R}
grounds: G.
demands: D.
signatories: [{name: Org}]
"""


@pytest.mark.parametrize(
    ("lang", "place", "date", "line"),
    [
        ("en", "London", "2018-06-21", "London, 21 June 2018"),
        ("en-GB", "London", "2018-06-01", "London, 1 June 2018"),
        ("en-US", "Washington", "2018-06-21", "Washington, June 21, 2018"),
        ("fr", "Paris", "2004-01-08", "Paris, le 8 janvier 2004"),
        ("fr", "Paris", "2004-01-01", "Paris, le 1er janvier 2004"),
        ("fr", "Paris", "2004-01-11", "Paris, le 11 janvier 2004"),
        ("fr-CA", "Montréal", "2004-01-01", "Montréal, le 1er janvier 2004"),
        ("es", "Madrid", "2004-01-08", "Madrid, 8 de enero de 2004"),
        ("es", "Madrid", "2004-01-01", "Madrid, 1 de enero de 2004"),
        ("ru", "Москва", "2004-01-08", "Москва, 8 января 2004\u202fг."),
        ("ar", "القاهرة", "2004-01-08", "القاهرة، 8 يناير 2004"),
        ("it", "Roma", "2004-01-08", "Roma, 8 gennaio 2004"),
        ("it", "Roma", "2004-01-01", "Roma, 1º gennaio 2004"),
        ("de", "Berlin", "2004-01-08", "Berlin, 8. Januar 2004"),
        ("de", "Berlin", "2004-01-01", "Berlin, 1. Januar 2004"),
        ("de-AT", "Wien", "2004-01-08", "Wien, 8. Jänner 2004"),
        ("pt", "Lisboa", "2004-01-08", "Lisboa, 8 de janeiro de 2004"),
        ("pt", "Lisboa", "2004-01-01", "Lisboa, 1 de janeiro de 2004"),
        ("pt-BR", "Brasília", "2004-01-01", "Brasília, 1º de janeiro de 2004"),
        ("pt-BR", "Brasília", "2004-01-08", "Brasília, 8 de janeiro de 2004"),
        ("tr", "Ankara", "2004-01-08", "Ankara, 8 Ocak 2004"),
        ("uk", "Київ", "2004-01-08", "Київ, 8 січня 2004\u202fр."),
        # Without a place, the date as the language writes it.
        ("fr", None, "2004-01-01", "1er janvier 2004"),
        ("de", None, "2004-01-08", "8. Januar 2004"),
        ("en-US", None, "2018-06-21", "June 21, 2018"),
    ],
)  # fmt: skip
def test_the_date_line_of_each_language(
    tmp_path: Path, lang: str, place: str | None, date: str, line: str
) -> None:
    text = CASE + f"date: {date}\nlang: {lang}\n" + (f"place: {place}\n" if place else "")
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    letter = str(appeal.render(appeal.load_case(tmp_path / "c.yaml"), "txt"))
    assert letter.splitlines()[4] == line


def test_a_place_is_data_even_where_it_looks_like_the_pattern() -> None:
    assert dateline("{place}, le {date}", "8 janvier 2004", "{date} {place}") == (
        "{date} {place}, le 8 janvier 2004"
    )


def test_the_first_day_is_written_apart_only_on_the_first() -> None:
    assert format_date(dt.date(2004, 3, 1), "fr", "1er") == "1er mars 2004"
    assert format_date(dt.date(2004, 3, 21), "fr", "1er") == "21 mars 2004"
    assert format_date(dt.date(2004, 3, 1), "fr") == "1 mars 2004"
    # A pattern letter in the table's word is printed as written.
    assert format_date(dt.date(2004, 3, 1), "es", "1.º'd") == "1.º'd de marzo de 2004"
