"""Checks of a signatories registry (``signatories.yaml``) itself.

They run when a registry is loaded; a broken entry is reported once, in the
registry file, however many cases use it.
"""

from __future__ import annotations

from appeal import spec
from appeal.problems import Problem
from appeal.rules import document
from appeal.rules.structure import StructureWalk
from appeal.source import Source, walk_strings
from appeal.spec import BAD_CHARACTER

document(
    "invalid-registry",
    """A ``signatories.yaml`` that is not a mapping of ids to entries.

    Each entry is ``id: {name: …, qualifier: …, short: …}``; a missing
    ``name`` is reported as ``missing-section``.""",
)


def validate_registry(src: Source) -> list[Problem]:
    """Every problem of a registry file (the composer's included)."""
    walk = StructureWalk(src)
    walk.problems.extend(src.problems)
    if src.data is None:
        return walk.problems
    if not isinstance(src.data, dict):
        walk.add(
            (),
            "invalid-registry",
            "signatories.yaml maps ids to organisations (amnesty: {name: …}), but this "
            "file's top level is not a mapping",
        )
        return walk.problems
    for key, entry in src.data.items():
        if isinstance(entry, dict):
            walk.mapping((key,), entry, spec.SIGNATORY, f"signatory '{key}'")
        else:
            walk.add(
                (key,),
                "invalid-registry",
                f"'{key}' must be a mapping with at least a name: {{name: …}}",
                on_key=True,
            )
    from appeal.rules.lost_text import trailing_comments  # registered in the rules' order

    walk.problems.extend(trailing_comments(src))
    for path, text in walk_strings(src.data):
        m = BAD_CHARACTER.search(text)
        if m:
            walk.add(path, "bad-character", f"U+{ord(m.group()):04X} cannot appear in a letter")
    return sorted(walk.problems)
