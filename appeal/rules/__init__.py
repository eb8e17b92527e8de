"""Validation rules, registered by id.

Each rule is a function that takes a :class:`Context` and yields
:class:`~appeal.problems.Problem` values (made with :meth:`Context.problem`);
the runner stamps each with the rule's id and level, as yamllint's linter
does, so a rule never repeats them. Its docstring is its documentation
(``appeal rules`` prints it). :data:`RULES` maps every rule id to its rule,
in the order they run.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from appeal.problems import Level, Problem

if TYPE_CHECKING:
    from appeal.registry import Registry
    from appeal.source import PathKey, Source

Check = Callable[["Context"], Iterator[Problem]]

#: The rule id of a problem a rule has made but the runner has not stamped yet.
UNSTAMPED = ""


@dataclass
class Context:
    """What a rule may look at: the composed case file and its surroundings."""

    source: Source
    registry: Registry | None
    registry_path: Path | None
    folder: Path
    """The case's folder, where the campaign's templates are looked up from."""
    shared: dict[str, object] = field(default_factory=dict)

    @cached_property
    def structure(self) -> list[Problem]:
        from appeal.rules.structure import validate_structure

        return validate_structure(self.source)

    def problem(self, path: PathKey, message: str, *, on_key: bool = False) -> Problem:
        """A problem at the value (or key) at ``path``; :func:`run` stamps its id and level."""
        return self.source.problem(path, UNSTAMPED, message, on_key=on_key)

    def problem_at(self, path: PathKey, needle: str, message: str) -> Problem:
        """A problem at the first ``needle`` written within the value at ``path``."""
        return self.source.problem_at(path, needle, UNSTAMPED, message)


class Rule(NamedTuple):
    id: str
    level: Level
    doc: str
    check: Check | None
    """None for problems found while reading YAML or loading the registry."""

    @property
    def summary(self) -> str:
        """The first paragraph of the documentation, on one line."""
        return " ".join(self.doc.split("\n\n", 1)[0].split())

    @property
    def markdown(self) -> str:
        """The documentation as Markdown: ````code```` becomes ```code```."""
        return _LITERAL.sub(r"`\1`", self.doc)


RULES: dict[str, Rule] = {}
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)


def rule(rule_id: str, level: Level = Level.ERROR) -> Callable[[Check], Check]:
    """Register ``check`` under ``rule_id``; its docstring documents the rule."""

    def register(check: Check) -> Check:
        _add(Rule(rule_id, level, inspect.cleandoc(check.__doc__ or ""), check))
        return check

    return register


def document(rule_id: str, doc: str, level: Level = Level.ERROR) -> None:
    """Register a rule whose problems another stage finds (the YAML reader)."""
    _add(Rule(rule_id, level, inspect.cleandoc(doc), None))


def _add(r: Rule) -> None:
    if r.id in RULES:
        raise ValueError(f"rule {r.id} registered twice")
    RULES[r.id] = r


def run(ctx: Context) -> list[Problem]:
    """All problems of one case file, sorted by position."""
    problems = list(ctx.source.problems)
    for r in RULES.values():
        if r.check is not None:
            problems.extend(replace(p, rule=r.id, level=r.level) for p in r.check(ctx))
    return sorted(problems)


# Registration happens on import; the order here is the order rules run in.
from appeal.rules import (  # noqa: E402,F401
    characters,
    citations,
    dates,
    links,
    lost_text,
    registry,
    signatories,
    source,
    structure,
    templates,
)
