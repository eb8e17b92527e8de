"""Rebuild the built-in letterhead, appeal/templates/joint-letter/reference.docx.

A plain, professional A4 page: 2.5 cm margins, 11 pt Arial (LibreOffice
substitutes the metric-compatible Liberation Sans), page numbers in the footer
from page 2 on. The body shows one sample paragraph per style, so the file can
be opened in Word, restyled and saved as a template's own reference.docx.

The output is byte-identical on every run:

    python tools/make_reference_docx.py   (with appeal importable, e.g. pip install -e .)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from appeal.writers.docx.archive import zip_parts
from appeal.writers.docx.letterhead import BUILT_IN, PAPER_SIZES
from appeal.writers.docx.ooxml import W
from appeal.writers.docx.styles import DEFINITIONS, ROLE_STYLES, heading_style

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_MARGIN = 1418  # 2.5 cm in twentieths of a point

CONTENT_TYPES = f"""<Types xmlns="{_PKG}/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>
<Override PartName="/word/footer1.xml" ContentType="{_WML}.footer+xml"/>
<Override PartName="/word/footer2.xml" ContentType="{_WML}.footer+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{_WML}.fontTable+xml"/>
<Override PartName="/word/theme/theme1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>
<Override PartName="/docProps/core.xml"
 ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml"
 ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>"""

PACKAGE_RELS = f"""<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_DOC}/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{_PKG}/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{_DOC}/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = f"""<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_DOC}/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_DOC}/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{_DOC}/relationships/footer" Target="footer1.xml"/>
<Relationship Id="rId4" Type="{_DOC}/relationships/footer" Target="footer2.xml"/>
<Relationship Id="rId5" Type="{_DOC}/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId6" Type="{_DOC}/relationships/theme" Target="theme/theme1.xml"/>
</Relationships>"""

# ECMA-376 requires neither a font table nor a theme, and LibreOffice and
# pandoc read the letter the same without them; but Word writes both in every
# file, and a strict validator (openxml-audit, after the Open XML SDK) reports
# their absence. So the letterhead carries both, kept to what the letter
# uses: Arial (the styles name it; LibreOffice substitutes Liberation Sans)
# as the one font and as the theme's heading and body font, and a plain
# black-on-white colour scheme with the web page's link colour.
FONT_TABLE = f"""<w:fonts xmlns:w="{W}"><w:font w:name="Arial">
<w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>
<w:pitch w:val="variable"/></w:font></w:fonts>"""

_FONTS = '<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>'
_COLOURS = "".join(
    f"<a:{name}><a:srgbClr val=\"{value}\"/></a:{name}>"
    for name, value in [
        ("dk2", "1F1F1F"), ("lt2", "F2F2F2"), ("accent1", "0645AD"), ("accent2", "7F7F7F"),
        ("accent3", "A5A5A5"), ("accent4", "404040"), ("accent5", "595959"),
        ("accent6", "262626"), ("hlink", "0645AD"), ("folHlink", "5B2C83"),
    ]
)  # fmt: skip
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
THEME = f"""<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 name="Letterhead"><a:themeElements><a:clrScheme name="Letterhead">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>{_COLOURS}</a:clrScheme>
<a:fontScheme name="Letterhead"><a:majorFont>{_FONTS}</a:majorFont>
<a:minorFont>{_FONTS}</a:minorFont></a:fontScheme><a:fmtScheme name="Letterhead">
<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>
<a:lnStyleLst>{f'<a:ln w="6350">{_FILL}</a:ln>' * 3}</a:lnStyleLst>
<a:effectStyleLst>{"<a:effectStyle><a:effectLst/></a:effectStyle>" * 3}</a:effectStyleLst>
<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>
</a:theme>"""

CORE = f"""<cp:coreProperties xmlns:cp="{_PKG}/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Joint letter</dc:title>
</cp:coreProperties>"""

APP = f"""<Properties xmlns="{_DOC}/extended-properties"><Application>appeal</Application>
</Properties>"""

SETTINGS = f"""<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/>
<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting
 w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
</w:compat></w:settings>"""

PAGE_NUMBER_FOOTER = f"""<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>
<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>
<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>
<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>
<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>2</w:t></w:r>
<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"""

EMPTY_FOOTER = f"""<w:ftr xmlns:w="{W}"><w:p/></w:ftr>"""

STYLES = f"""<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/>
<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
</w:pPrDefault></w:docDefaults>
{"".join(DEFINITIONS.values())}</w:styles>"""

#: One sample paragraph per style, showing the letter's styles when the file is opened.
SAMPLES = {
    heading_style(1): "Title of an open letter",
    ROLE_STYLES["recipient"]: "Recipient name<w:br/>Title<w:br/>Address",
    ROLE_STYLES["email"]: "Via email: address@example.org",
    ROLE_STYLES["subject"]: "RE: Subject of the letter",
    ROLE_STYLES["dateline"]: "Place, date",
    ROLE_STYLES["salutation"]: "Your Excellency,",
    heading_style(2): "A heading in the letter",
    ROLE_STYLES["body"]: "Body text. The letter's paragraphs, with notes at the foot of the page.",
    ROLE_STYLES["closing"]: "Sincerely,",
    ROLE_STYLES["signatures"]: "First organisation<w:br/>Second organisation",
    ROLE_STYLES["cc"]: "cc:<w:br/>Someone a copy goes to",
}


def _sample(style: str, text: str) -> str:
    runs = "<w:br/>".join(f"<w:r><w:t>{line}</w:t></w:r>" for line in text.split("<w:br/>"))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>'


def document() -> str:
    width, height = PAPER_SIZES["a4"]
    body = "".join(_sample(style, text) for style, text in SAMPLES.items())
    return f"""<w:document xmlns:w="{W}" xmlns:r="{_R}"><w:body>{body}<w:sectPr>
<w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="first" r:id="rId4"/>
<w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar w:top="{_MARGIN}" w:right="{_MARGIN}"
 w:bottom="{_MARGIN}" w:left="{_MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>
<w:titlePg/></w:sectPr></w:body></w:document>"""


def members() -> list[tuple[str, bytes]]:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": document(),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES,
        "word/settings.xml": SETTINGS,
        "word/footer1.xml": PAGE_NUMBER_FOOTER,
        "word/footer2.xml": EMPTY_FOOTER,
        "word/fontTable.xml": FONT_TABLE,
        "word/theme/theme1.xml": THEME,
    }
    return [(name, (_DECLARATION + xml).encode()) for name, xml in parts.items()]


def main(out: Path = BUILT_IN) -> None:
    out.write_bytes(zip_parts(members(), dt.date(1980, 1, 1)))


if __name__ == "__main__":
    main()
