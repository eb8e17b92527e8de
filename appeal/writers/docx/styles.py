"""The paragraph and character styles a letter uses, by style id.

Each role of :mod:`appeal.document` maps to a paragraph style. A letterhead
(reference.docx) may define any of them to restyle the letter; the ones it
lacks are added from :data:`DEFINITIONS`, which also make up the built-in
letterhead.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from appeal.writers.docx.ooxml import W, w

#: Paragraph style id for each block role.
ROLE_STYLES: dict[str, str] = {
    "recipient": "Recipient",
    "email": "ViaEmail",
    "subject": "Subject",
    "dateline": "Date",
    "salutation": "Salutation",
    "body": "BodyText",
    "closing": "Closing",
    "signatures": "Signature",
    "signature": "Signature",
    "cc": "Copies",
    "enclosures": "Copies",
    "note": "FootnoteText",
}


def heading_style(level: int) -> str:
    """The Word heading style of a heading level (pandoc reads them as headers)."""
    return f"Heading{min(max(level, 1), HEADING_LEVELS)}"


HEADING_LEVELS = 6
#: Heading sizes in half-points: the title, then the headings in the prose.
_HEADING_SIZES = {1: 32, 2: 24}
FOOTNOTE_REFERENCE = "FootnoteReference"
HYPERLINK = "Hyperlink"

# Sizes are in half-points, spacing and indents in twentieths of a point.
_PARAGRAPH = """<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="{id}">
<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:next w:val="{next}"/><w:qFormat/>
<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"""
_CHARACTER = """<w:style xmlns:w="{W}" w:type="character" w:styleId="{id}">
<w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
<w:unhideWhenUsed/><w:rPr>{rpr}</w:rPr></w:style>"""


def _paragraph(
    style_id: str,
    name: str,
    ppr: str = "",
    rpr: str = "",
    based_on: str = "Normal",
    next_: str = "",
) -> str:
    return _PARAGRAPH.format(
        W=W, id=style_id, name=name, based_on=based_on, next=next_ or style_id, ppr=ppr, rpr=rpr
    )


def _heading(level: int) -> str:
    """Word's heading style: its name ("heading 2") and outline level make it a heading."""
    before, after = (0, 360) if level == 1 else (240, 120)
    ppr = (
        f'<w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="{after}"/>'
        f'<w:outlineLvl w:val="{level - 1}"/>'
    )
    size = _HEADING_SIZES.get(level)
    rpr = "<w:b/><w:bCs/>" + (f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    return _paragraph(heading_style(level), f"heading {level}", ppr, rpr, next_="BodyText")


DEFINITIONS: dict[str, str] = {
    "Normal": f"""<w:style xmlns:w="{W}" w:type="paragraph" w:default="1" w:styleId="Normal">
<w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240"
w:lineRule="auto"/></w:pPr></w:style>""",
    "DefaultParagraphFont": f"""<w:style xmlns:w="{W}" w:type="character" w:default="1"
w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>
<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>""",
    "Recipient": _paragraph("Recipient", "Recipient", '<w:spacing w:after="120"/>'),
    "ViaEmail": _paragraph("ViaEmail", "Via Email", '<w:spacing w:after="360"/>'),
    "Subject": _paragraph(
        "Subject", "Subject", '<w:keepNext/><w:spacing w:after="360"/>', "<w:b/><w:bCs/>"
    ),
    "Date": _paragraph("Date", "Date", '<w:spacing w:after="240"/><w:jc w:val="right"/>'),
    "Salutation": _paragraph(
        "Salutation", "Salutation", '<w:keepNext/><w:spacing w:after="160"/>', next_="BodyText"
    ),
    "BodyText": _paragraph("BodyText", "Body Text", '<w:spacing w:after="160"/>'),
    "Closing": _paragraph(
        "Closing",
        "Closing",
        '<w:keepNext/><w:spacing w:before="80" w:after="240"/>',
        next_="Signature",
    ),
    # A signature list may run over pages: kept whole, a long one would leave
    # the closing alone at the foot of a page. Widow control keeps two lines
    # together at a break, so the closing (kept with the next paragraph) always
    # has signature lines under it.
    "Signature": _paragraph(
        "Signature", "Signature", '<w:widowControl/><w:spacing w:after="160"/>'
    ),
    "Copies": _paragraph(
        "Copies", "Copies", '<w:keepLines/><w:widowControl/><w:spacing w:before="360"/>'
    ),
    **{heading_style(level): _heading(level) for level in range(1, HEADING_LEVELS + 1)},
    "FootnoteText": _paragraph(
        "FootnoteText",
        "footnote text",
        '<w:spacing w:after="40"/>',
        '<w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    "FootnoteReference": _CHARACTER.format(
        W=W,
        id="FootnoteReference",
        name="footnote reference",
        rpr='<w:vertAlign w:val="superscript"/>',
    ),
    "Hyperlink": _CHARACTER.format(
        W=W, id="Hyperlink", name="Hyperlink", rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'
    ),
}
"""Style XML by style id, each based only on styles listed before it."""


def ensure_styles(styles: etree._Element) -> None:
    """Add to a ``w:styles`` element every style of :data:`DEFINITIONS` it lacks.

    A default style is added only when the letterhead has no default of its type
    (Word in some languages names its default paragraph style other than Normal).
    """
    present = {s.get(w("styleId")) for s in styles.iterfind(w("style"))}
    defaults = {s.get(w("type")) for s in styles.iterfind(w("style")) if s.get(w("default")) == "1"}
    for style_id, xml in DEFINITIONS.items():
        style = etree.fromstring(xml)
        is_default = style.get(w("default")) == "1"
        if style_id not in present and not (is_default and style.get(w("type")) in defaults):
            styles.append(style)
