"""The .docx container: parts, their relationships and content types (Open Packaging Conventions).

What the Word writer needs of ECMA-376 part 2, read and written as
python-docx does (the tests read every letter back with it): a package is read
by walking its relationships from the root, so parts nothing points to are
left out; relationships keep their order and a new one takes the first free
``rIdN``; and the Word XML parts (document, styles, settings, numbering,
headers, footers, comments, core properties) are parsed without blank text
and serialised again with a standalone declaration. Loading python-docx
itself took longer than writing a letter.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from appeal.writers.docx.ooxml import serialize


class RT:
    """Relationship types."""

    _OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    CORE_PROPERTIES = (
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    )
    CUSTOM_XML = f"{_OFFICE}/customXml"
    ENDNOTES = f"{_OFFICE}/endnotes"
    EXTENDED_PROPERTIES = f"{_OFFICE}/extended-properties"
    FONT_TABLE = f"{_OFFICE}/fontTable"
    FOOTNOTES = f"{_OFFICE}/footnotes"
    GLOSSARY_DOCUMENT = f"{_OFFICE}/glossaryDocument"
    HYPERLINK = f"{_OFFICE}/hyperlink"
    IMAGE = f"{_OFFICE}/image"
    NUMBERING = f"{_OFFICE}/numbering"
    OFFICE_DOCUMENT = f"{_OFFICE}/officeDocument"
    SETTINGS = f"{_OFFICE}/settings"
    STYLES = f"{_OFFICE}/styles"
    THEME = f"{_OFFICE}/theme"
    WEB_SETTINGS = f"{_OFFICE}/webSettings"


class CT:
    """Content types."""

    _WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    OFC_EXTENDED_PROPERTIES = (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    )
    OPC_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
    OPC_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
    WML_COMMENTS = f"{_WML}.comments+xml"
    WML_DOCUMENT_MAIN = f"{_WML}.document.main+xml"
    WML_FOOTER = f"{_WML}.footer+xml"
    WML_FOOTNOTES = f"{_WML}.footnotes+xml"
    WML_HEADER = f"{_WML}.header+xml"
    WML_NUMBERING = f"{_WML}.numbering+xml"
    WML_SETTINGS = f"{_WML}.settings+xml"
    WML_STYLES = f"{_WML}.styles+xml"
    XML = "application/xml"


#: Extensions whose usual content type goes in a ``Default`` entry, not an ``Override``.
DEFAULT_CONTENT_TYPES = frozenset(
    {
        ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
        ("bmp", "image/bmp"),
        ("emf", "image/x-emf"),
        ("fntdata", "application/x-fontdata"),
        ("gif", "image/gif"),
        ("jpe", "image/jpeg"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("png", "image/png"),
        ("rels", CT.OPC_RELATIONSHIPS),
        ("tif", "image/tiff"),
        ("tiff", "image/tiff"),
        ("wdp", "image/vnd.ms-photo"),
        ("wmf", "image/x-wmf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", CT.XML),
    }
)

#: The parts kept as parsed XML (python-docx's XML part classes).
XML_PARTS = frozenset(
    {
        CT.OPC_CORE_PROPERTIES,
        CT.WML_COMMENTS,
        CT.WML_DOCUMENT_MAIN,
        CT.WML_FOOTER,
        CT.WML_HEADER,
        CT.WML_NUMBERING,
        CT.WML_SETTINGS,
        CT.WML_STYLES,
    }
)

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: The namespace of ``[Content_Types].xml``.
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class PackURI(str):
    """A part's name in the package, such as ``/word/document.xml``."""

    @staticmethod
    def from_rel_ref(base_uri: str, relative_ref: str) -> PackURI:
        return PackURI(posixpath.abspath(posixpath.join(base_uri, relative_ref)))

    @property
    def baseURI(self) -> str:
        return posixpath.split(self)[0]

    @property
    def ext(self) -> str:
        return posixpath.splitext(self)[1].removeprefix(".")

    @property
    def membername(self) -> str:
        """The zip member's name: without the leading slash."""
        return self[1:]

    @property
    def rels_uri(self) -> PackURI:
        """The part holding this part's relationships."""
        return PackURI(posixpath.join(self.baseURI, "_rels", f"{posixpath.split(self)[1]}.rels"))

    def relative_ref(self, base_uri: str) -> str:
        return self[1:] if base_uri == "/" else posixpath.relpath(self, base_uri)


PACKAGE_URI = PackURI("/")


class Part:
    """A part: raw bytes, or (for the Word XML parts) an element serialised on demand."""

    def __init__(
        self,
        partname: PackURI,
        content_type: str,
        blob: bytes,
        package: Package,
        xml: bool = False,
    ) -> None:
        self.partname = partname
        self.content_type = content_type
        self.package = package
        self.rels = Relationships(partname.baseURI)
        self._blob = blob
        self.element: etree._Element | None = etree.fromstring(blob, _PARSER) if xml else None

    @property
    def blob(self) -> bytes:
        return self._blob if self.element is None else serialize(self.element)

    def part_related_by(self, reltype: str) -> Part:
        """The one part this part relates to by ``reltype``; KeyError if none."""
        return self.rels.part_with_reltype(reltype)

    def relate_to(self, target: Part, reltype: str) -> str:
        return self.rels.get_or_add(reltype, target).rId


class Relationship:
    def __init__(
        self, rId: str, reltype: str, target: Part | str, base_uri: str, is_external: bool
    ) -> None:
        self.rId = rId
        self.reltype = reltype
        self.target = target
        self.is_external = is_external
        self._base_uri = base_uri

    @property
    def target_part(self) -> Part:
        assert isinstance(self.target, Part), "an external relationship has no part"
        return self.target

    @property
    def target_ref(self) -> str:
        if isinstance(self.target, Part):
            return self.target.partname.relative_ref(self._base_uri)
        return self.target


class Relationships(dict[str, Relationship]):
    """A part's (or the package's) relationships by ``rId``, in order."""

    def __init__(self, base_uri: str) -> None:
        super().__init__()
        self.base_uri = base_uri

    def add_relationship(
        self, reltype: str, target: Part | str, rId: str, is_external: bool = False
    ) -> Relationship:
        rel = Relationship(rId, reltype, target, self.base_uri, is_external)
        self[rId] = rel
        return rel

    def get_or_add(self, reltype: str, target: Part) -> Relationship:
        for rel in self.values():
            if rel.reltype == reltype and not rel.is_external and rel.target is target:
                return rel
        return self.add_relationship(reltype, target, self._next_rId())

    def get_or_add_ext_rel(self, reltype: str, target_ref: str) -> str:
        """The ``rId`` of the external relationship to ``target_ref``, added if new."""
        for rel in self.values():
            if rel.reltype == reltype and rel.is_external and rel.target == target_ref:
                return rel.rId
        return self.add_relationship(reltype, target_ref, self._next_rId(), True).rId

    def part_with_reltype(self, reltype: str) -> Part:
        matching = [rel for rel in self.values() if rel.reltype == reltype]
        if not matching:
            raise KeyError(f"no relationship of type '{reltype}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        return matching[0].target_part

    @property
    def xml(self) -> bytes:
        """The ``.rels`` part."""
        root = etree.fromstring(f'<Relationships xmlns="{_RELS}"/>')
        for rel in self.values():
            element = etree.fromstring(f'<Relationship xmlns="{_RELS}"/>')
            element.set("Id", rel.rId)
            element.set("Type", rel.reltype)
            element.set("Target", rel.target_ref)
            if rel.is_external:
                element.set("TargetMode", "External")
            root.append(element)
        return serialize(root)

    def _next_rId(self) -> str:
        """The first free ``rIdN``, gaps first."""
        return next(f"rId{n}" for n in range(1, len(self) + 2) if f"rId{n}" not in self)


class Package:
    """The package: its own relationships, and through them every part."""

    def __init__(self) -> None:
        self.rels = Relationships(PACKAGE_URI.baseURI)

    @classmethod
    def open(cls, path: Path) -> Package:
        """Read the package at ``path``: the parts its relationships reach, depth first."""
        package = cls()
        with zipfile.ZipFile(path) as archive:
            types = _ContentTypes(archive.read("[Content_Types].xml"))
            parts: dict[str, Part] = {}
            pending: list[tuple[Package | Part, list[_Rel]]] = [
                (package, _read_rels(archive, PACKAGE_URI))
            ]

            def walk(rels: list[_Rel]) -> None:
                for rel in rels:
                    if rel.external or rel.partname in parts:
                        continue
                    partname = rel.partname
                    part_rels = _read_rels(archive, partname)
                    content_type = types[partname]
                    xml = content_type in XML_PARTS and rel.reltype != RT.IMAGE
                    part = Part(partname, content_type, archive.read(partname.membername),
                                package, xml)  # fmt: skip
                    parts[partname] = part
                    pending.append((part, part_rels))
                    walk(part_rels)

            walk(pending[0][1])
        for source, rels in pending:
            for rel in rels:
                target: Part | str = rel.target if rel.external else parts[rel.partname]
                source.rels.add_relationship(rel.reltype, target, rel.rId, rel.external)
        return package

    def part_related_by(self, reltype: str) -> Part:
        return self.rels.part_with_reltype(reltype)

    def relate_to(self, part: Part, reltype: str) -> str:
        return self.rels.get_or_add(reltype, part).rId

    def iter_parts(self) -> Iterator[Part]:
        """Every part reached through the relationships, depth first, once."""
        seen: list[Part] = []

        def walk(source: Package | Part) -> Iterator[Part]:
            for rel in source.rels.values():
                if rel.is_external or any(rel.target is part for part in seen):
                    continue
                part = rel.target_part
                seen.append(part)
                yield part
                yield from walk(part)

        yield from walk(self)


class _Rel:
    """A relationship as its ``.rels`` part writes it."""

    def __init__(self, base_uri: str, element: etree._Element) -> None:
        self.rId: str = element.get("Id")
        self.reltype: str = element.get("Type")
        self.target: str = element.get("Target")
        self.external = element.get("TargetMode", "Internal") == "External"
        self.partname = (
            PACKAGE_URI if self.external else PackURI.from_rel_ref(base_uri, self.target)
        )


def _read_rels(archive: zipfile.ZipFile, source: PackURI) -> list[_Rel]:
    try:
        data = archive.read(source.rels_uri.membername)
    except KeyError:
        return []
    root = etree.fromstring(data, _PARSER)
    return [_Rel(source.baseURI, el) for el in root.iterfind(f"{{{_RELS}}}Relationship")]


class _ContentTypes:
    """``[Content_Types].xml``: a part's type by its name, else by its extension."""

    def __init__(self, data: bytes) -> None:
        root = etree.fromstring(data, _PARSER)
        self.overrides: dict[str, str] = {
            el.get("PartName").lower(): el.get("ContentType")
            for el in root.iterfind(f"{{{TYPES_NS}}}Override")
        }
        self.defaults: dict[str, str] = {
            el.get("Extension").lower(): el.get("ContentType")
            for el in root.iterfind(f"{{{TYPES_NS}}}Default")
        }

    def __getitem__(self, partname: PackURI) -> str:
        found = self.overrides.get(partname.lower()) or self.defaults.get(partname.ext.lower())
        if found is None:
            raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")
        return found
