"""Elements added to a Word file's XML land where the schema puts them."""

from __future__ import annotations

import pytest
from lxml import etree  # type: ignore[import-untyped]

from appeal.writers.docx.footnotes import point_settings_at_separators, separators_only
from appeal.writers.docx.numbering import ListDefinitions, Lists
from appeal.writers.docx.ooxml import W
from appeal.writers.docx.schema_order import SEQUENCES, SL, M, ensure, insert

NS = f'xmlns:w="{W}" xmlns:m="{M}" xmlns:sl="{SL}" xmlns:w14="urn:w14"'
NO_NOTES = f'<w:footnotes xmlns:w="{W}"/>'.encode()


def _children(root: etree._Element) -> list[str]:
    """The children's names as prefix:local, in document order."""
    return [f"{el.prefix}:{etree.QName(el).localname}" for el in root]


def _settings(inner: str) -> etree._Element:
    return etree.fromstring(f"<w:settings {NS}>{inner}</w:settings>")


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        # The settings Word writes: footnotePr before endnotePr, compat and m:mathPr.
        (
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:endnotePr/><w:compat/>'
            "<w:rsids/><m:mathPr/><w:themeFontLang/><sl:schemaLibrary/><w14:docId/>",
            ["w:zoom", "w:defaultTabStop", "w:footnotePr", "w:endnotePr", "w:compat", "w:rsids",
             "m:mathPr", "w:themeFontLang", "sl:schemaLibrary", "w14:docId"],
        ),
        # Only math properties after it: the footnote properties still go first.
        (
            '<w:defaultTabStop w:val="720"/><m:mathPr/><w:decimalSymbol w:val="."/>',
            ["w:defaultTabStop", "w:footnotePr", "m:mathPr", "w:decimalSymbol"],
        ),
        # Nothing the schema puts before it: it goes first, ahead of an extension.
        ("<w14:docId/>", ["w:footnotePr", "w14:docId"]),
        ("", ["w:footnotePr"]),
    ],
)  # fmt: skip
def test_footnote_properties_go_where_the_schema_puts_them(inner: str, expected: list[str]) -> None:
    settings = _settings(inner)
    point_settings_at_separators(
        settings, separators_only(b"<w:footnotes xmlns:w='%s'/>" % W.encode())
    )
    assert _children(settings) == expected
    footnote_pr = settings.find(f"{{{W}}}footnotePr")
    assert [n.get(f"{{{W}}}id") for n in footnote_pr] == ["-1", "0"]


def test_a_second_footnote_properties_replaces_the_first() -> None:
    settings = _settings("<w:footnotePr/><w:compat/>")
    point_settings_at_separators(settings, separators_only(NO_NOTES))
    assert _children(settings) == ["w:footnotePr", "w:compat"]


def test_ensure_finds_or_adds_in_order() -> None:
    rpr = etree.fromstring(f'<w:rPr {NS}><w:sz w:val="22"/><w:eastAsianLayout/><w:oMath/></w:rPr>')
    lang = ensure(rpr, f"{{{W}}}lang")
    assert _children(rpr) == ["w:sz", "w:lang", "w:eastAsianLayout", "w:oMath"]
    assert ensure(rpr, f"{{{W}}}lang") is lang
    ppr = etree.fromstring(f'<w:pPr {NS}><w:keepNext/><w:spacing/><w:jc w:val="both"/></w:pPr>')
    ensure(ppr, f"{{{W}}}bidi")
    assert _children(ppr) == ["w:keepNext", "w:bidi", "w:spacing", "w:jc"]


def test_elements_of_one_name_stay_in_the_order_added() -> None:
    styles = etree.fromstring(f'<w:styles {NS}><w:style w:styleId="A"/></w:styles>')
    insert(styles, etree.Element(f"{{{W}}}style", {f"{{{W}}}styleId": "B"}))
    insert(styles, etree.Element(f"{{{W}}}docDefaults"))
    assert _children(styles) == ["w:docDefaults", "w:style", "w:style"]
    assert [s.get(f"{{{W}}}styleId") for s in styles.iterfind(f"{{{W}}}style")] == ["A", "B"]


def test_list_definitions_and_lists_keep_the_numbering_order() -> None:
    numbering = (
        f'<w:numbering {NS}><w:numPicBullet w:numPicBulletId="0"/>'
        '<w:abstractNum w:abstractNumId="0"/><w:num w:numId="1"/>'
        '<w:numIdMacAtCleanup w:val="1"/></w:numbering>'
    ).encode()
    definitions = ListDefinitions.added_to(numbering)
    assert _children(definitions.root) == [
        "w:numPicBullet", "w:abstractNum", "w:abstractNum", "w:abstractNum", "w:num",
        "w:numIdMacAtCleanup",
    ]  # fmt: skip
    lists = Lists(definitions)
    lists.new_list(ordered=True, start=3, level=0)
    root = etree.fromstring(lists.xml())
    assert _children(root)[-3:] == ["w:num", "w:num", "w:numIdMacAtCleanup"]


def test_every_sequence_names_each_child_once() -> None:
    for parent, order in SEQUENCES.items():
        assert len(order) == len(set(order)), parent
