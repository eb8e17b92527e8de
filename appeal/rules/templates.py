"""The letter template a case asks for."""

from __future__ import annotations

from collections.abc import Iterator

from appeal.problems import Problem
from appeal.rules import Context, document, rule
from appeal.templating.lookup import DEFAULT_TEMPLATE, find_template
from appeal.templating.translations import languages

document(
    "template-syntax",
    """A letter template that Jinja2 cannot read: an unclosed ``{% if %}``, a
    misspelt tag or filter.

    Reported with the template's file and line when a letter is rendered
    (``appeal render``); ``appeal validate`` checks that the template exists,
    not what it says.""",
)


@rule("unknown-template")
def unknown_template(ctx: Context) -> Iterator[Problem]:
    """A ``template:`` that exists neither in the campaign's ``templates/``
    folder nor among the built-in templates."""
    name = ctx.source.get(("template",))
    if isinstance(name, str) and name.strip() and find_template(name.strip(), ctx.folder) is None:
        yield ctx.problem(
            ("template",),
            f"there is no template '{name.strip()}' in templates/ or among the built-in ones",
        )


@rule("unknown-language")
def unknown_language(ctx: Context) -> Iterator[Problem]:
    """A ``lang:`` for which the letter's template has no words.

    The fixed words of a letter ("RE:", "Via email:", the default salutation
    and closing) come from the template's ``translations/<lang>.yaml``; a
    campaign can add a language in ``templates/<name>/translations/``.
    """
    lang = ctx.source.get(("lang",))
    if not isinstance(lang, str) or not lang.strip():
        return
    name = ctx.source.get(("template",))
    name = name.strip() if isinstance(name, str) and name.strip() else DEFAULT_TEMPLATE
    if find_template(name, ctx.folder) is None:
        return  # unknown-template says what is wrong
    known = languages(name, ctx.folder)
    if lang.strip() not in known:
        yield ctx.problem(
            ("lang",),
            f"template '{name}' has no words for '{lang.strip()}'; "
            f"it has {', '.join(known) or 'none'}",
        )
