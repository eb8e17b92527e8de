"""Validating files and folders: which files are case files, and their problems."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from appeal.case import validate_file
from appeal.errors import AppealError
from appeal.problems import Problem
from appeal.registry import find_registry, load_registry
from appeal.spec import REGISTRY_NAME

CASE_SUFFIXES = (".yaml", ".yml")


@dataclass
class ValidationResult:
    """What validating some paths found: how many files, and their problems."""

    files: int = 0
    registries: int = 0
    """How many of the files are signatories registries."""
    problems: list[Problem] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to validate: files as given; in folders every ``*.yaml``/``*.yml``,
    except under ``templates/`` and hidden files and folders such as ``.github/``."""
    for path in paths:
        if path.is_dir():
            found = [
                p
                for suffix in CASE_SUFFIXES
                for p in path.rglob(f"*{suffix}")
                if p.is_file() and not _skipped(p.relative_to(path))
            ]
            yield from sorted(found)
        elif path.exists():
            yield path
        else:
            raise AppealError(f"{path}: no such file or folder")


def _skipped(relative: Path) -> bool:
    """Hidden files and folders (``.pre-commit-hooks.yaml``, ``.github/``) and templates."""
    folders = relative.parts[:-1]
    return relative.name.startswith(".") or any(
        part.startswith(".") or part == "templates" for part in folders
    )


def validate_paths(paths: Iterable[Path], signatories: Path | None = None) -> ValidationResult:
    """Validate every case file and registry found under ``paths``.

    A registry's own problems are reported once, in the registry file, when
    it is among the paths or used by a checked case.
    """
    report = ValidationResult()
    registries: set[Path] = set()
    seen: set[Path] = set()
    registry_of: dict[Path, Path | None] = {}  # a folder's registry, looked up once
    for path in discover(paths):
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        report.files += 1
        if path.name == REGISTRY_NAME:
            registries.add(resolved)
            continue
        if signatories is None and path.parent not in registry_of:
            registry_of[path.parent] = find_registry(path.parent)
        checked = validate_file(path, signatories=signatories or registry_of[path.parent])
        report.problems.extend(checked.problems)
        if checked.registry is not None:
            registries.add(checked.registry.path.resolve())
    report.registries = len(registries)
    for registry in sorted(registries):
        if registry not in seen:
            report.files += 1
        report.problems.extend(load_registry(registry).problems)
    return report


def validate(*paths: str | Path, signatories: str | Path | None = None) -> list[Problem]:
    """Every problem in the case files and registries at ``paths``.

    Raises :class:`~appeal.errors.AppealError` when a path does not exist.
    """
    sig = Path(signatories) if signatories else None
    return validate_paths([Path(p) for p in paths], sig).problems
