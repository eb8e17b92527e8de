"""The letterhead: a reference.docx, read and prepared once per process.

As with pandoc's ``--reference-doc``, the letterhead's styles, page setup,
headers, footers and logo are kept and the letter replaces its body. Parsing
it, adding the footnotes part, the list definitions and any missing styles,
and serialising every part that no letter changes happen once per file (and
letter language); a letter then only builds its own document, footnotes,
numbering and core properties.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from appeal.document import Meta, text_direction
from appeal.errors import AppealError, TemplateError
from appeal.filecache import FileCache
from appeal.writers import WriteOptions
from appeal.writers.docx.archive import CONTENT_TYPES
from appeal.writers.docx.footnotes import (
    footnotes_part,
    point_settings_at_separators,
    separators_only,
)
from appeal.writers.docx.numbering import ListDefinitions, numbering_part
from appeal.writers.docx.ooxml import R, W, declare_namespaces, serialize, w
from appeal.writers.docx.package import (
    CT,
    DEFAULT_CONTENT_TYPES,
    PACKAGE_URI,
    RT,
    TYPES_NS,
    Package,
    PackURI,
    Part,
    Relationships,
)
from appeal.writers.docx.properties import app_properties
from appeal.writers.docx.schema_order import ensure
from appeal.writers.docx.styles import ensure_styles

#: Page width and height in twentieths of a point.
PAPER_SIZES = {"a4": (11906, 16838), "letter": (12240, 15840)}

#: Document-part relationships a letter keeps although its XML does not name them.
_IMPLICIT_RELS = frozenset(
    {
        RT.STYLES,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        RT.SETTINGS,
        RT.WEB_SETTINGS,
        RT.FONT_TABLE,
        RT.THEME,
        RT.NUMBERING,
        RT.FOOTNOTES,
        RT.ENDNOTES,
        RT.CUSTOM_XML,
        RT.GLOSSARY_DOCUMENT,
    }
)
_ATTACHED_TEMPLATE = f"{R}/attachedTemplate"


@dataclass(frozen=True)
class PartTemplate:
    """A part rebuilt for each letter: its XML to copy and its relationships."""

    partname: PackURI
    root: etree._Element
    rels: Relationships

    def new_rels(self) -> Relationships:
        """A copy of the part's relationships, for one letter to add its links to."""
        rels = Relationships(self.partname.baseURI)
        for rel in self.rels.values():
            target = rel.target_ref if rel.is_external else rel.target_part
            rels.add_relationship(rel.reltype, target, rel.rId, rel.is_external)
        return rels


@dataclass(frozen=True)
class Letterhead:
    static: tuple[tuple[str, bytes], ...]
    """Zip members that are the same in every letter, as ``(name, bytes)``."""
    document: PartTemplate
    """The document part with an empty body (only the final ``w:sectPr``)."""
    footnotes: PartTemplate
    """The footnotes part holding only the separator notes."""
    numbering: str
    """Zip member name of the numbering part."""
    lists: ListDefinitions
    """The numbering part with the letter's list definitions added."""
    core_properties: str
    """Zip member name of the core properties part."""


def load(meta: Meta, options: WriteOptions) -> Letterhead:
    """The letterhead ``meta`` names, prepared for a letter in ``meta.lang``.

    ``options.paper`` sets its page size unless it keeps its own
    (``meta.own_page_size``: a campaign's reference.docx).
    """
    if meta.letterhead is None:
        raise AppealError("a Word letter needs a letterhead: the document's metadata names none")
    path = meta.letterhead.resolve()
    paper = None if meta.own_page_size else options.paper
    key = (path, paper, meta.lang)
    try:
        return _LETTERHEADS.get(key, [path], lambda: _prepare(path, paper, meta.lang))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        # The reason as said, without the quotes KeyError puts around it.
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        raise TemplateError(f"{path} cannot be read as a Word document: {reason}") from None
    except OSError as exc:
        raise TemplateError(f"cannot read {path}: {exc.strerror or exc}") from None


_LETTERHEADS: FileCache[tuple[Path, str | None, str], Letterhead] = FileCache(size=8)


def _prepare(path: Path, paper: str | None, lang: str) -> Letterhead:
    """Read ``path`` and prepare it for letters on ``paper`` in ``lang``."""
    package = Package.open(path)
    document_part = package.part_related_by(RT.OFFICE_DOCUMENT)
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise TemplateError(
            f"{path} is not a Word document: its main part is '{document_part.content_type}'"
        )
    core_part = _replace_package_properties(package)

    root = _element(document_part)
    _empty_body(root.find(w("body")), paper)
    _drop_body_relationships(document_part, root)
    styles = _element(_xml_part(document_part, RT.STYLES, "styles.xml", CT.WML_STYLES))
    ensure_styles(styles)
    _set_language(styles, lang)

    settings_part = _xml_part(document_part, RT.SETTINGS, "settings.xml", CT.WML_SETTINGS)
    settings = _element(settings_part)
    _strip_settings(settings, settings_part)
    notes_part = footnotes_part(document_part)
    separators = separators_only(notes_part.blob)
    point_settings_at_separators(settings, separators)

    lists_part = numbering_part(document_part)
    lists = ListDefinitions.added_to(lists_part.blob)

    per_letter = {
        document_part.partname,
        notes_part.partname,
        lists_part.partname,
        core_part.partname,
    }
    return Letterhead(
        static=_static_members(package, per_letter),
        document=PartTemplate(
            document_part.partname,
            declare_namespaces(etree.fromstring(document_part.blob)),
            document_part.rels,
        ),
        footnotes=PartTemplate(notes_part.partname, separators, notes_part.rels),
        numbering=lists_part.partname.membername,
        lists=lists,
        core_properties=core_part.partname.membername,
    )


def _replace_package_properties(package: Package) -> Part:
    """Drop the letterhead's thumbnail and custom and app properties; add a bare app.xml.

    Returns the core properties part, whose content each letter writes.
    """
    for rid, rel in list(package.rels.items()):
        if rel.reltype not in (RT.OFFICE_DOCUMENT, RT.CORE_PROPERTIES):
            del package.rels[rid]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, app_properties(), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    try:
        return package.part_related_by(RT.CORE_PROPERTIES)
    except KeyError:  # each letter writes its own content
        core = Part(PackURI("/docProps/core.xml"), CT.OPC_CORE_PROPERTIES, b"", package)
        package.relate_to(core, RT.CORE_PROPERTIES)
        return core


def _element(part: Part) -> etree._Element:
    assert part.element is not None, f"{part.partname} is an XML part"
    return part.element


def _xml_part(document_part: Part, reltype: str, name: str, content_type: str) -> Part:
    """The document part's styles or settings part, added (empty) if missing."""
    try:
        return document_part.part_related_by(reltype)
    except KeyError:
        root = etree.Element(w(name.removesuffix(".xml")), nsmap={"w": W})
        part = Part(PackURI(f"/word/{name}"), content_type, serialize(root),
                    document_part.package, xml=True)  # fmt: skip
        document_part.relate_to(part, reltype)
        return part


def _empty_body(body: etree._Element, paper: str | None) -> None:
    """Remove the body's content, keeping its final section properties."""
    sect_pr = body.find(w("sectPr"))
    for child in list(body):
        if child is not sect_pr:
            body.remove(child)
    if sect_pr is None:
        return
    for name in [n for n in sect_pr.attrib if n.startswith(w("rsid"))]:
        del sect_pr.attrib[name]
    pg_sz = sect_pr.find(w("pgSz"))
    if paper is not None and pg_sz is not None:
        width, height = PAPER_SIZES[paper]
        pg_sz.attrib.clear()
        pg_sz.set(w("w"), str(width))
        pg_sz.set(w("h"), str(height))


def _drop_body_relationships(document_part: Part, root: etree._Element) -> None:
    """Drop links, images and comments that belonged to the letterhead's own body text."""
    named = {v for el in root.iter() for k, v in el.attrib.items() if k.startswith(f"{{{R}}}")}
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype not in _IMPLICIT_RELS and rid not in named:
            del document_part.rels[rid]


def _set_language(styles: etree._Element, lang: str) -> None:
    """Make the letter's language the default for spelling and hyphenation."""
    defaults = ensure(styles, w("docDefaults"))
    language = ensure(ensure(ensure(defaults, w("rPrDefault")), w("rPr")), w("lang"))
    language.set(w("val"), lang)
    if text_direction(lang) == "rtl":
        # Right to left (Arabic, Hebrew, Persian …): every paragraph by default.
        language.set(w("bidi"), lang)
        ensure(ensure(ensure(defaults, w("pPrDefault")), w("pPr")), w("bidi"))


def _strip_settings(settings: etree._Element, settings_part: Part) -> None:
    """Remove revision ids and the path of the template the letterhead was made from."""
    for name in ("rsids", "attachedTemplate"):
        for element in settings.findall(w(name)):
            settings.remove(element)
    for rid, rel in list(settings_part.rels.items()):
        if rel.reltype == _ATTACHED_TEMPLATE:
            del settings_part.rels[rid]


def _static_members(package: Package, per_letter: set[PackURI]) -> tuple[tuple[str, bytes], ...]:
    """Serialise every part, and relationships, that each letter shares."""
    members = [(PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in package.iter_parts():
        ext = part.partname.ext.lower()
        if (ext, part.content_type) in DEFAULT_CONTENT_TYPES:
            defaults.setdefault(ext, part.content_type)
        else:
            overrides[part.partname] = part.content_type
        if part.partname in per_letter:
            continue
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    members.append((CONTENT_TYPES, _content_types(defaults, overrides)))
    return tuple(members)


def _content_types(defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    types = etree.Element(f"{{{TYPES_NS}}}Types", nsmap={None: TYPES_NS})
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(types, f"{{{TYPES_NS}}}Default", Extension=ext, ContentType=content_type)
    for partname, content_type in sorted(overrides.items()):
        etree.SubElement(
            types, f"{{{TYPES_NS}}}Override", PartName=partname, ContentType=content_type
        )
    return serialize(types)
