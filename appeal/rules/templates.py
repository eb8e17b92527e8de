"""The letter template a case asks for."""

from __future__ import annotations

from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, rule


@rule("unknown-template")
def unknown_template(ctx: Context) -> Iterator[Problem]:
    """A ``template:`` that exists neither in the campaign's ``templates/``
    folder nor among the built-in templates."""
    name = ctx.source.get(("template",))
    if isinstance(name, str) and name.strip() and not ctx.template_exists(name.strip()):
        yield ctx.source.problem(
            ("template",),
            "unknown-template",
            f"there is no template '{name.strip()}' in templates/ or among the built-in ones",
        )
