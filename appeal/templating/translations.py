"""The fixed words of a letter template, per language.

A template folder may hold ``translations/<lang>.yaml``; a campaign's copy of
a template (``templates/<name>/translations/``) adds languages or changes
words, key by key, over the built-in ones. A case's language tag takes its
words from its base language (``pt.yaml`` for ``pt-BR``), then from a table
for the whole tag where there is one (``pt-BR.yaml``); the more specific
table wins, key by key.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from appeal.errors import TemplateError
from appeal.filecache import FileCache
from appeal.templating.datelines import LONG_DATES
from appeal.templating.languages import LanguageTagError, Tag, parse_tag
from appeal.templating.lookup import BUILTIN_TEMPLATES, find_template

DEFAULT_LANG = "en"
#: Keys a table may leave out, and what stands in for them.
OPTIONAL = frozenset({"dateline", "first_day", "closing_punctuation", "cc", "enclosures", "back"})


class Words(NamedTuple):
    locale: str
    """Babel's locale for dates: the tag's own when it names a region or
    script, else the table's ``locale`` (``en_GB`` for plain ``en``)."""
    re: str
    via_email: str
    salutation: str
    closing: str
    comma: str
    """After the salutation, and after the closing unless ``closing_punctuation`` is given."""
    notes: str
    dateline: str
    """The place-and-date line, with ``{place}`` and ``{date}``: ``{place}, le {date}``."""
    first_day: str | None = None
    """How the first day of a month is written where it is not ``1`` (``1er``, ``1º``)."""
    closing_punctuation: str | None = None
    """After a closing: the comma of "Sincerely,", none after German "Mit
    freundlichen Grüßen"; the language's comma when not given."""
    cc: str | None = None
    """The heading of the copies' list: "cc:"; needed by a letter with copies."""
    enclosures: str | None = None
    """The heading of the enclosures' list: "Enclosure(s):"; needed by a letter with them."""
    back: str = ""
    """What a note's back-link does ("Back to the text"), said by screen readers
    on the web page; a table without it names the back-link by the note's number."""

    @property
    def after_closing(self) -> str:
        return self.comma if self.closing_punctuation is None else self.closing_punctuation

    def greeting(self, name: str) -> str:
        """The default salutation for ``name`` (without its comma)."""
        return self.salutation.replace("{name}", name)


def translation_folders(name: str, start: Path) -> list[Path]:
    """The ``translations/`` folders of template ``name``: built-in first, campaign last."""
    found = [BUILTIN_TEMPLATES / name / "translations"]
    campaign = find_template(name, start)
    if campaign is not None:
        found.append(campaign / "translations")
    return [f for f in dict.fromkeys(found) if f.is_dir()]


def languages(name: str, start: Path) -> list[str]:
    """The languages template ``name`` has words for."""
    return sorted({p.stem for f in translation_folders(name, start) for p in f.glob("*.yaml")})


def has_words(name: str, start: Path, lang: str) -> bool:
    """Whether template ``name`` has words for the tag ``lang`` (or its base language)."""
    known = {k.casefold() for k in languages(name, start)}
    return any(t.casefold() in known for t in parse_tag(lang).chain)


_WORDS: FileCache[tuple[str, Path, str], Words] = FileCache(size=64)


def load_words(name: str, start: Path, lang: str) -> Words:
    """The words of template ``name`` for the language tag ``lang``, merged from its tables.

    Read again when one of the tables changes, appears or disappears.
    """
    try:
        tag = parse_tag(lang)
    except LanguageTagError as exc:
        raise TemplateError(str(exc)) from None
    folders = translation_folders(name, start)
    tables = [t for part in tag.chain for f in folders if (t := _table(f, part)) is not None]
    # A folder's own stamp changes when a table is added to it or taken away.
    return _WORDS.get(
        (name, start, str(tag)), [*folders, *tables], lambda: _merge(name, start, tag, tables)
    )


def _merge(name: str, start: Path, tag: Tag, tables: list[Path]) -> Words:
    merged: dict[str, str] = {}
    for path in tables:
        merged.update(_read(path))
    if not merged:
        available = ", ".join(languages(name, start)) or "none"
        raise TemplateError(f"template '{name}' has no words for '{tag}' (it has: {available})")
    missing = [f for f in Words._fields if f not in merged and f not in OPTIONAL]
    if missing:
        raise TemplateError(f"the '{tag}' words of template '{name}' lack {', '.join(missing)}")
    merged.setdefault("dateline", "{place}" + merged["comma"] + " {date}")
    if "{date}" not in merged["dateline"] or "{place}" not in merged["dateline"]:
        raise TemplateError(
            f"the '{tag}' dateline of template '{name}' must hold {{place}} and {{date}}"
        )
    merged["locale"] = tag.locale or merged["locale"]
    if merged["locale"] not in LONG_DATES:  # those Babel knows, without loading it
        _check_locale(merged["locale"], f"the '{tag}' locale of template '{name}'")
    return Words(**{f: merged[f] for f in Words._fields if f in merged})


def _check_locale(locale: str, what: str) -> None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        raise TemplateError(f"{what}, '{locale}', is not a locale Babel knows") from None


def _table(folder: Path, tag: str) -> Path | None:
    """The table for ``tag`` in ``folder``, its file name in any letter case."""
    exact = folder / f"{tag}.yaml"
    if exact.is_file():
        return exact
    for path in folder.glob("*.yaml"):
        if path.stem.casefold() == tag.casefold():
            return path
    return None


#: LibYAML's safe loader where PyYAML has it: some thirty times faster.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> dict[str, str]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise TemplateError(f"{path} must map each word's key to its text")
    return data
