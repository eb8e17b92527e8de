"""The letter template a case asks for."""

from __future__ import annotations

from collections.abc import Iterator

from appeal.errors import TemplateError
from appeal.problems import Problem
from appeal.rules import Context, document, rule
from appeal.suggest import closest, hint
from appeal.templating.languages import LanguageTagError, parse_tag
from appeal.templating.lookup import DEFAULT_TEMPLATE, find_template, template_names
from appeal.templating.translations import DEFAULT_LANG, has_words, languages, load_words

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
        names = template_names(ctx.folder)
        close = closest(name.strip(), names)
        advice = f"did you mean '{close}'?" if close else f"known: {', '.join(names)}"
        yield ctx.problem(
            ("template",),
            f"there is no template '{name.strip()}' in templates/ or among the built-in ones; "
            + advice,
        )


@rule("invalid-language-tag")
def invalid_language_tag(ctx: Context) -> Iterator[Problem]:
    """A ``lang:`` that is not a BCP 47 language tag Babel knows.

    A tag is a language, optionally followed by a script and a region:
    ``en``, ``en-US``, ``pt-BR``, ``sr-Latn``. Its parts are joined with
    ``-`` (``en_US`` is a locale name, not a tag).
    """
    lang = ctx.source.get(("lang",))
    if not isinstance(lang, str) or not lang.strip():
        return
    try:
        parse_tag(lang)
    except LanguageTagError as exc:
        meant = hint(exc.suggestion)
        yield ctx.problem(("lang",), f"{exc}{meant}")


@rule("unknown-language")
def unknown_language(ctx: Context) -> Iterator[Problem]:
    """A ``lang:`` for which the letter's template has no words.

    The fixed words of a letter ("RE:", "Via email:", the default salutation
    and closing, the date line) come from the template's
    ``translations/<lang>.yaml``; a region variant such as ``pt-BR`` uses its
    base language's table (``pt.yaml``). A campaign can add a language in
    ``templates/<name>/translations/``.
    """
    lang = ctx.source.get(("lang",))
    if not isinstance(lang, str) or not lang.strip():
        return
    try:
        tag = str(parse_tag(lang))
    except LanguageTagError:
        return  # invalid-language-tag says what is wrong
    name = _text(ctx, "template") or DEFAULT_TEMPLATE
    if find_template(name, ctx.folder) is None:
        return  # unknown-template says what is wrong
    if not has_words(name, ctx.folder, tag):
        known = languages(name, ctx.folder)
        yield ctx.problem(
            ("lang",),
            f"template '{name}' has no words for '{tag}'; " + _language_hint(tag, known),
        )
        return
    try:
        load_words(name, ctx.folder, tag)
    except TemplateError as exc:
        yield ctx.problem(("lang",), str(exc))


def _language_hint(lang: str, known: list[str]) -> str:
    close = closest(lang, known) or closest(lang.split("-")[0].lower(), known)
    listed = f"it has {', '.join(known) or 'none'}"
    return f"did you mean '{close}'? ({listed})" if close else listed


@rule("missing-word")
def missing_word(ctx: Context) -> Iterator[Problem]:
    """The letter has copies or enclosures, but its language has no word to head them.

    ``cc:`` is printed under the language's word for copies ("cc:", "Copie à
    :") and ``enclosures:`` under its word for them ("Enclosure(s):",
    "P.J. :"); a campaign's own language in ``templates/<name>/translations/``
    adds them as ``cc:`` and ``enclosures:``.
    """
    needed = [key for key in ("cc", "enclosures") if ctx.source.get((key,)) is not None]
    lang = _text(ctx, "lang") or DEFAULT_LANG
    name = _text(ctx, "template") or DEFAULT_TEMPLATE
    if not needed or find_template(name, ctx.folder) is None:
        return
    try:
        if not has_words(name, ctx.folder, lang):
            return  # unknown-language says what is wrong
    except LanguageTagError:
        return  # invalid-language-tag says what is wrong
    try:
        words = load_words(name, ctx.folder, lang)
    except TemplateError:
        return  # unknown-language says what is wrong
    tag = str(parse_tag(lang))  # as the tables are named: pt-BR, not pt-br
    for key in needed:
        if getattr(words, key) is None:
            yield ctx.problem(
                (key,),
                f"the '{tag}' words of template '{name}' have no '{key}' to print "
                f"over this list; add '{key}:' to translations/{tag}.yaml",
                on_key=True,
            )


def _text(ctx: Context, key: str) -> str | None:
    value = ctx.source.get((key,))
    return value.strip() if isinstance(value, str) and value.strip() else None
