"""The signatories registry: ``signatories.yaml``, mapping an id to an organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appeal.filecache import FileCache
from appeal.problems import Problem
from appeal.rules.registry import validate_registry
from appeal.source import Source, read_source
from appeal.spec import REGISTRY_NAME


@dataclass(frozen=True)
class Signatory:
    """An organisation, or a person with an optional title and organisation."""

    name: str
    qualifier: str | None = None
    short: str | None = None
    title: str | None = None
    organisation: str | None = None

    @classmethod
    def from_mapping(cls, entry: dict[str, Any]) -> Signatory:
        """An entry as written in the registry or inline in a case (checked already)."""
        return cls(
            entry["name"].strip(),
            optional_text(entry.get("qualifier")),
            optional_text(entry.get("short")),
            optional_text(entry.get("title")),
            optional_text(entry.get("organisation")),
        )

    @property
    def line(self) -> str:
        """The signature line: ``name`` or ``name, qualifier``."""
        return f"{self.name}, {self.qualifier}" if self.qualifier else self.name

    @property
    def lines(self) -> tuple[str, ...]:
        """The signature block: the line, then title and organisation on lines of their own."""
        return tuple(line for line in (self.line, self.title, self.organisation) if line)


@dataclass
class Registry:
    path: Path
    source: Source
    entries: dict[str, Signatory] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def find_registry(start: Path) -> Path | None:
    """The nearest ``signatories.yaml`` in ``start`` or a parent folder."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / REGISTRY_NAME
        if path.is_file():
            return path
    return None


_REGISTRIES: FileCache[tuple[Path, str], Registry] = FileCache(size=16)


def load_registry(path: Path) -> Registry:
    """Load and validate a registry; read again only when the file changes.

    Its problems name the file as seen from the working folder, so a registry
    is kept apart for each way of naming it.
    """
    return _REGISTRIES.get((path.resolve(), shown(path)), [path], lambda: _load(path))


def _load(path: Path) -> Registry:
    src = read_source(path, shown(path))
    registry = Registry(path, src, problems=validate_registry(src))
    if isinstance(src.data, dict):
        for key, entry in src.data.items():
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                registry.entries[key] = Signatory.from_mapping(entry)
    return registry


def shown(path: Path) -> str:
    """``path`` as a user would write it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def optional_text(value: object) -> str | None:
    """A stripped string, or None for anything blank or not a string."""
    return value.strip() if isinstance(value, str) and value.strip() else None
