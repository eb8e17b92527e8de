"""Right to left is decided once, from the language tag, and every writer follows it."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from appeal.document import Meta
from appeal.reader import parse
from appeal.writers import FORMATS, WriteOptions


@pytest.mark.parametrize(
    ("lang", "rtl"),
    [("ar", True), ("AR", True), ("he-IL", True), ("fa-IR", True), ("en", False), ("fr-CA", False)],
)
def test_the_web_page_and_the_word_letter_agree_on_direction(lang: str, rtl: bool) -> None:
    meta = Meta("T", "A", dt.date(2020, 3, 31), lang)
    assert meta.direction == ("rtl" if rtl else "ltr")
    doc = parse("Text.\n", meta)
    page = FORMATS["html"].write(doc, WriteOptions()).decode("utf-8")
    assert (' dir="rtl"' in page) is rtl
    word = docx.Document(io.BytesIO(FORMATS["docx"].write(doc, WriteOptions())))
    bidi = word.styles.element.xpath("w:docDefaults/w:pPrDefault/w:pPr/w:bidi")
    assert bool(bidi) is rtl
