"""Adding an element where the WordprocessingML schema puts it.

The schema fixes the order of an element's children (an ``xsd:sequence``): in
``w:settings``, ``w:footnotePr`` comes before ``w:endnotePr``, ``w:compat``
and ``m:mathPr``, and Word "repairs" a file where it does not. :data:`SEQUENCES`
lists, for each parent the Word writer adds children to, its children in
schema order (ECMA-376 Part 1, ``wml.xsd``, as python-docx's oxml layer has
them); :func:`insert` puts a new child after every sibling the schema puts
before it or beside it, and before every one it puts after it.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from appeal.writers.docx.ooxml import w

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
SL = "http://schemas.openxmlformats.org/schemaLibrary/2006/main"


def _w(*names: str) -> tuple[str, ...]:
    return tuple(w(name) for name in names)


_SETTINGS = (
    *_w(
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
        "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
        "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
        "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
        "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
        "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
        "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
        "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
        "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
        "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
        "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
        "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
        "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
        "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
        "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
        "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
        "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
        "rsids",
    ),
    f"{{{M}}}mathPr",
    *_w(
        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
        "smartTagType",
    ),
    f"{{{SL}}}schemaLibrary",
    *_w("shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"),
)  # fmt: skip

SEQUENCES: dict[str, tuple[str, ...]] = {
    w("settings"): _SETTINGS,
    w("styles"): _w("docDefaults", "latentStyles", "style"),
    w("docDefaults"): _w("rPrDefault", "pPrDefault"),
    w("rPrDefault"): _w("rPr"),
    w("pPrDefault"): _w("pPr"),
    w("rPr"): _w(
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
        "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
        "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
        "specVanish", "oMath",
    ),
    w("pPr"): _w(
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ),
    w("numbering"): _w("numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"),
}  # fmt: skip
"""For each parent element (Clark name), its children's names in schema order."""


def insert(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Add ``child`` to ``parent`` in schema order, after any children of its own name.

    Children the sequence does not name (extensions such as ``w14:docId``) are
    passed over: the new child goes after the last named sibling that the
    schema puts before it or beside it, else before the first named one.
    """
    order = SEQUENCES[parent.tag]
    rank = order.index(child.tag)
    named = [el for el in parent if el.tag in order]
    earlier = [el for el in named if order.index(el.tag) <= rank]
    if earlier:
        earlier[-1].addnext(child)
    elif named:
        named[0].addprevious(child)
    else:
        parent.insert(0, child)
    return child


def ensure(parent: etree._Element, tag: str) -> etree._Element:
    """The child ``tag`` (a Clark name) of ``parent``, added in schema order if missing."""
    child = parent.find(tag)
    return child if child is not None else insert(parent, etree.Element(tag))
