"""Document properties: ``docProps/core.xml`` from the letter's metadata, a bare app.xml.

Only the letter's own data goes in: no user name, revision count, editing
time or company of whoever ran the tool or made the letterhead.
"""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from appeal.document import Meta
from appeal.writers.docx.ooxml import clean, serialize

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def core_properties(meta: Meta) -> bytes:
    """Title, author and language; created and modified at the letter's date."""
    root = etree.Element(
        f"{{{_CP}}}coreProperties", nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI}
    )
    for name, value in (("title", meta.title), ("creator", meta.author), ("language", meta.lang)):
        etree.SubElement(root, f"{{{_DC}}}{name}").text = clean(value)
    stamp = f"{meta.date.isoformat()}T00:00:00Z"
    for name in ("created", "modified"):
        element = etree.SubElement(root, f"{{{_DCTERMS}}}{name}")
        element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
        element.text = stamp
    return serialize(root)


def app_properties() -> bytes:
    root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED})
    etree.SubElement(root, f"{{{_EXTENDED}}}Application").text = "appeal"
    return serialize(root)
