"""Footnote references and the citations they point to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from appeal import spec
from appeal.problems import Level, Problem
from appeal.rules import Context, rule
from appeal.source import PathKey, Source, walk_strings
from appeal.suggest import closest

REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_PROSE = ("grounds", "demands", "conclusion")


def _written(src: Source) -> dict[str, str]:
    """Each top-level section's name as the file spells it, misspelt ones included."""
    if not isinstance(src.data, dict):
        return {}
    from appeal.rules.structure import as_meant  # here: the rules register in their order

    return {meant: key for key, meant in as_meant(src.data).items()}


def prose_references(src: Source) -> Iterator[tuple[PathKey, str]]:
    """(path, key) of every ``[^key]`` in the prose of a case, in reading order."""
    if not isinstance(src.data, dict):
        return
    written = _written(src)
    for section in _PROSE:
        key = written.get(section, section)
        for path, text in walk_strings(src.data.get(key), (key,)):
            for m in REFERENCE.finditer(text):
                yield path, m.group(1)
    key = written.get("citations", "citations")
    citations = src.data.get(key)
    if isinstance(citations, dict):
        for name, item in citations.items():
            note: object = item
            where: PathKey = (key, name)
            if isinstance(item, dict):
                where, note = (key, name, "text"), item.get("text")
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
    """The citations, also when their section's name is misspelt (``citation:``)."""
    if not isinstance(src.data, dict):
        return {}
    citations = src.data.get(_written(src).get("citations", "citations"))
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
            close = closest(key, defined)
            if close:
                hint = f"did you mean [^{close}]? If not, add '{key}:' under 'citations:'"
            else:
                known = ", ".join(defined) or "none are defined"
                hint = f"add '{key}:' under 'citations:' (known: {known})"
            yield ctx.problem_at(path, f"[^{key}]", f"[^{key}] cites no citation; {hint}")


@rule("unused-citation", Level.WARNING)
def unused_citation(ctx: Context) -> Iterator[Problem]:
    """A citation that no ``[^key]`` cites: it would not appear in the letter."""
    used = {key for _, key in _references(ctx)}
    defined = _defined(ctx.source)
    # A misspelt [^key] is reported once, as undefined, not also its key as unused.
    used |= {meant for key in used - set(defined) if (meant := closest(key, defined))}
    section = _written(ctx.source).get("citations", "citations")
    for key in defined:
        if key not in used and re.fullmatch(spec.CITATION_KEY, key):
            yield ctx.problem(
                (section, key),
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
    from appeal.rules.structure import as_meant

    meant = as_meant(data)
    for section, value in data.items():
        if meant[section] in _PROSE or meant[section] == "citations":
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
