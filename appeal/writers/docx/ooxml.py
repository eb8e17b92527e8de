"""WordprocessingML names and the text cleaning every writer module shares."""

from __future__ import annotations

from lxml import etree  # type: ignore[import-untyped]

from appeal.spec import BAD_CHARACTER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W}}}{name}"


def clean(text: str) -> str:
    """``text`` without the characters XML cannot hold.

    The case validator rejects control characters; this keeps a stray one from
    making the whole file unreadable.
    """
    return BAD_CHARACTER.sub("", text)


def sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    """Append a ``w:name`` child with ``w:``-prefixed attributes."""
    return etree.SubElement(parent, w(name), {w(k): v for k, v in attrs.items()})


def declare_namespaces(root: etree._Element) -> etree._Element:
    """``root``, rebuilt if needed to declare the ``w:`` and ``r:`` prefixes.

    Elements added later then share the root's declarations instead of each
    carrying its own.
    """
    missing = {p: uri for p, uri in (("w", W), ("r", R)) if root.nsmap.get(p) != uri}
    if not missing or any(p in root.nsmap for p in missing):
        return root
    rebuilt = etree.Element(root.tag, dict(root.attrib), nsmap={**root.nsmap, **missing})
    rebuilt.text = root.text
    rebuilt.extend(root)
    return rebuilt


def serialize(root: etree._Element) -> bytes:
    """A part's bytes, in the form Word writes: UTF-8 with a standalone declaration."""
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
