"""Signatories: ids known to the registry, each organisation once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from appeal.problems import Level, Problem
from appeal.rules import Context, rule
from appeal.source import PathKey
from appeal.spec import REGISTRY_NAME
from appeal.suggest import closest

if TYPE_CHECKING:
    from appeal.registry import Registry


def signatory_entries(value: object) -> Iterator[tuple[PathKey, object]]:
    """Each signatory entry with its path: from a list, or from every group of a mapping."""
    groups = value.items() if isinstance(value, dict) else [(None, value)]
    for heading, group in groups:
        prefix: PathKey = ("signatories",) if heading is None else ("signatories", heading)
        if isinstance(group, list):
            for i, item in enumerate(group):
                yield (*prefix, i), item


def _signatories(ctx: Context) -> Iterator[tuple[PathKey, object]]:
    return signatory_entries(ctx.source.get(("signatories",)))


def registry_id(item: object) -> str | None:
    """The registry id a signatory entry names (``amnesty`` or ``{id: amnesty}``)."""
    if isinstance(item, dict):
        item = item.get("id")
    return item.strip() if isinstance(item, str) and item.strip() else None


@rule("unknown-signatory")
def unknown_signatory(ctx: Context) -> Iterator[Problem]:
    """A signatory id that the registry (``signatories.yaml``) does not hold.

    The registry is the nearest ``signatories.yaml`` in the case's folder or a
    parent folder, or the one given with ``--signatories``. The message
    suggests the nearest known id, or the id of an organisation given by its
    name (``Amnesty International`` for ``amnesty``).
    """
    for where, item in _signatories(ctx):
        key = registry_id(item)
        if key is None:
            continue
        path: PathKey = (*where, "id") if isinstance(item, dict) else where
        if ctx.registry is None:
            folder = ctx.folder.resolve()
            yield ctx.problem(
                path,
                f"'{key}' is a registry id, but no {REGISTRY_NAME} was found in {folder} or a "
                "folder above it; run appeal in the campaign's folder, pass --signatories, or "
                "write the entry inline as {name: …}",
            )
        elif key not in ctx.registry.entries:
            yield ctx.problem(
                path,
                f"'{key}' is not in {ctx.registry.source.file}{_hint(key, ctx.registry)}",
            )


def _hint(key: str, registry: Registry) -> str:
    """The id meant: by a likely typo of an id, or by the organisation's name."""
    folded = " ".join(key.split()).casefold()
    by_name = {
        " ".join(spelling.split()).casefold(): entry_id
        for entry_id, entry in registry.entries.items()
        for spelling in (entry.name, entry.short)
        if spelling
    }
    if folded in by_name:
        return f"; that is the name of '{by_name[folded]}': write its id, {by_name[folded]}"
    close = closest(key, registry.entries)
    if close is None:
        named = closest(folded, by_name)
        close = by_name[named] if named else None
    return f"; did you mean '{close}'?" if close else ""


@rule("duplicate-signatory", Level.WARNING)
def duplicate_signatory(ctx: Context) -> Iterator[Problem]:
    """The same organisation signs twice (by id, or by the same name)."""
    seen: dict[str, int] = {}
    for i, (where, item) in enumerate(_signatories(ctx)):
        key = registry_id(item)
        name: object = key
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            name = item["name"]
        elif key is not None and ctx.registry is not None and key in ctx.registry.entries:
            name = ctx.registry.entries[key].name
        if not isinstance(name, str):
            continue
        folded = " ".join(name.split()).casefold()
        if folded in seen:
            yield ctx.problem(
                where,
                f"{name} already signs as signatory {seen[folded] + 1}; remove one of them",
            )
        else:
            seen[folded] = i
