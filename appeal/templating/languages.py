"""Language tags: the BCP 47 tag a case names its language with, as Babel knows it.

A tag is a language, then optionally a script and a region (``en``,
``en-US``, ``pt-BR``, ``sr-Latn``). The fixed words of a letter come from its
base language (``pt`` for ``pt-BR``), refined by a table for the whole tag
where the template has one; the date is written in the tag's own style.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from appeal.errors import AppealError
from appeal.templating.datelines import LONG_DATES


class LanguageTagError(AppealError):
    """A ``lang`` that is not a BCP 47 tag Babel knows; ``suggestion`` is a likely intended tag."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class Tag(NamedTuple):
    language: str
    script: str | None = None
    region: str | None = None

    def __str__(self) -> str:
        return "-".join(p for p in (self.language, self.script, self.region) if p)

    @property
    def chain(self) -> list[str]:
        """The tags whose words apply, most general first: ``pt``, then ``pt-BR``."""
        found = [self.language]
        if self.script:
            found.append(f"{self.language}-{self.script}")
        if self.region:
            found.append(str(self))
        return found

    @property
    def locale(self) -> str | None:
        """Babel's name of the tag's own locale, when it says more than a language."""
        if not (self.script or self.region):
            return None
        return "_".join(p for p in (self.language, self.script, self.region) if p)


@functools.lru_cache(maxsize=256)
def parse_tag(text: str) -> Tag:
    """The tag ``text`` names, in its usual spelling (``pt-br`` is ``pt-BR``).

    Raises :class:`LanguageTagError` when Babel does not know the language or
    the region, or when ``text`` is not a tag at all.
    """
    text = text.strip()
    if text in _WITHOUT_BABEL:
        return _WITHOUT_BABEL[text]
    from babel import Locale, UnknownLocaleError
    from babel.core import parse_locale

    try:
        language, region, script, _variant = parse_locale(text, sep="-")[:4]
        locale = Locale.parse(text, sep="-")
    except (ValueError, UnknownLocaleError):
        raise LanguageTagError(
            f"'{text}' is not a known language tag (such as fr, en-US or pt-BR)", _suggest(text)
        ) from None
    # Babel fills in a likely script (zh-TW is zh_Hant_TW), but also maps a
    # region it does not know to a likely one (en-ZZ to en_US).
    if (region and locale.territory != region) or (script and locale.script != script):
        raise LanguageTagError(
            f"'{text}' names a region or script not known for its language", _suggest(text)
        )
    return Tag(language.lower(), script, region)


def canonical(text: str) -> str:
    """``text`` as a well-formed tag (``pt-BR``); as written when it is not a tag."""
    try:
        return str(parse_tag(text))
    except LanguageTagError:
        return text.strip()


def _suggest(text: str) -> str | None:
    """What a writer of ``text`` most likely meant: ``en-US`` for ``en_US``,
    ``fr`` for ``French`` or ``français``, ``fr`` for ``fr-US``, ``sr-Latn`` for
    ``sr-Latn-XX``."""
    from babel import Locale

    cleaned = text.strip().replace("_", "-")
    if cleaned != text.strip():
        try:
            return str(parse_tag(cleaned))
        except LanguageTagError:
            pass
    parts = cleaned.split("-")
    for end in range(len(parts) - 1, 0, -1):  # the tag without its last parts
        try:
            return str(parse_tag("-".join(parts[:end])))
        except LanguageTagError:
            pass
    name = text.strip().casefold()
    for code in _COMMON:
        locale = Locale.parse(code)
        names = {locale.get_display_name("en"), locale.get_display_name(code)}
        if name in {n.casefold() for n in names if n}:
            return code
    return None


#: The tags of the locales whose dates are written without Babel, in their usual
#: spelling, read as Babel reads them (a test checks that it does), so that a letter
#: in one of them does not load Babel.
def _tag(locale: str) -> Tag:
    language, _, region = locale.partition("_")
    return Tag(language, None, region or None)


_WITHOUT_BABEL = {str(tag): tag for tag in map(_tag, LONG_DATES)}

#: Languages whose English and own names are recognised as a mistaken ``lang``.
_COMMON = ("ar", "de", "en", "es", "fa", "fr", "it", "ja", "pt", "ru", "tr", "uk", "zh")
