"""Footnote references and the citations they point to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from appeal import spec
from appeal.problems import Level, Problem
from appeal.rules import Context, rule
from appeal.source import PathKey, Source, walk_strings

REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_PROSE = ("grounds", "demands", "conclusion")


def prose_references(src: Source) -> Iterator[tuple[PathKey, str]]:
    """(path, key) of every ``[^key]`` in the prose of a case, in reading order."""
    if not isinstance(src.data, dict):
        return
    for section in _PROSE:
        for path, text in walk_strings(src.data.get(section), (section,)):
            for m in REFERENCE.finditer(text):
                yield path, m.group(1)
    citations = src.data.get("citations")
    if isinstance(citations, dict):
        for key, item in citations.items():
            note: object = item
            where: PathKey = ("citations", key)
            if isinstance(item, dict):
                where, note = ("citations", key, "text"), item.get("text")
            if isinstance(note, str):
                for m in REFERENCE.finditer(note):
                    yield where, m.group(1)


def _references(ctx: Context) -> list[tuple[PathKey, str]]:
    """:func:`prose_references`, found once for the rules that need them."""
    found = ctx.shared.get("references")
    if not isinstance(found, list):
        found = ctx.shared["references"] = list(prose_references(ctx.source))
    return found


def _defined(src: Source) -> dict[str, object]:
    citations = src.get(("citations",))
    return citations if isinstance(citations, dict) else {}


@rule("undefined-citation")
def undefined_citation(ctx: Context) -> Iterator[Problem]:
    """A ``[^key]`` reference with no citation of that key.

    The reference would print as the literal text ``[^key]`` instead of a
    footnote. Add the key under ``citations:`` or correct the spelling.
    """
    defined = _defined(ctx.source)
    for path, key in _references(ctx):
        if key not in defined:
            known = ", ".join(defined) or "none are defined"
            yield ctx.problem_at(
                path,
                f"[^{key}]",
                f"[^{key}] cites no citation; add '{key}:' under 'citations:' (known: {known})",
            )


@rule("unused-citation", Level.WARNING)
def unused_citation(ctx: Context) -> Iterator[Problem]:
    """A citation that no ``[^key]`` cites: it would not appear in the letter."""
    used = {key for _, key in _references(ctx)}
    for key in _defined(ctx.source):
        if key not in used and re.fullmatch(spec.CITATION_KEY, key):
            yield ctx.problem(
                ("citations", key),
                f"citation '{key}' is never cited; cite it as [^{key}] or remove it",
                on_key=True,
            )


@rule("footnote-in-data", Level.WARNING)
def footnote_in_data(ctx: Context) -> Iterator[Problem]:
    """A ``[^key]`` in a data field (a name, the subject, an address).

    Data fields are printed exactly as written, so the reference would appear
    as literal text, not as a footnote. Cite sources in the grounds or demands.
    """
    data = ctx.source.data
    if not isinstance(data, dict):
        return
    for section, value in data.items():
        if section in _PROSE or section == "citations":
            continue
        for path, text in walk_strings(value, (section,)):
            m = REFERENCE.search(text)
            if m:
                yield ctx.problem_at(
                    path,
                    m.group(0),
                    f"{m.group(0)} in '{'.'.join(map(str, path))}' will print as written, not "
                    "as a footnote; footnotes belong in grounds, demands or conclusion",
                )
