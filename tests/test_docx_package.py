"""The Word writer's own package reader sees a .docx as python-docx does."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.opc.package import OpcPackage
from docx.opc.part import XmlPart
from test_docx_letterhead import _make_reference

from appeal.writers.docx.letterhead import BUILT_IN
from appeal.writers.docx.package import RT, Package


def _letterheads(tmp_path: Path) -> list[Path]:
    return [BUILT_IN, _make_reference(tmp_path)]


@pytest.mark.parametrize("which", [0, 1])
def test_parts_relationships_and_bytes_are_python_docxs(which: int, tmp_path: Path) -> None:
    path = _letterheads(tmp_path)[which]
    ours = Package.open(path)
    theirs = OpcPackage.open(str(path))
    assert ours.rels.xml == theirs.rels.xml
    mine = list(ours.iter_parts())
    expected = list(theirs.iter_parts())
    assert [p.partname for p in mine] == [p.partname for p in expected]
    for part, reference in zip(mine, expected, strict=True):
        assert part.content_type == reference.content_type
        assert (part.element is not None) == isinstance(reference, XmlPart), part.partname
        assert part.blob == reference.blob, part.partname
        assert part.rels.xml == reference.rels.xml, part.partname


def test_a_new_relationship_takes_the_first_free_id(tmp_path: Path) -> None:
    package = Package.open(_make_reference(tmp_path))
    rels = package.part_related_by(RT.OFFICE_DOCUMENT).rels
    taken = set(rels)
    rid = rels.get_or_add_ext_rel(RT.HYPERLINK, "https://example.org/")
    assert rid == next(f"rId{n}" for n in range(1, 100) if f"rId{n}" not in taken)
    assert rels.get_or_add_ext_rel(RT.HYPERLINK, "https://example.org/") == rid
    assert rels.get_or_add_ext_rel(RT.HYPERLINK, "https://example.org/other") != rid
