"""The fixed words of a letter template, per language.

A template folder may hold ``translations/<lang>.yaml``; a campaign's copy of
a template (``templates/<name>/translations/``) adds languages or changes
words, key by key, over the built-in ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from appeal.errors import TemplateError
from appeal.filecache import FileCache
from appeal.templating.lookup import BUILTIN_TEMPLATES, find_template

DEFAULT_LANG = "en"


@dataclass(frozen=True)
class Words:
    locale: str
    re: str
    via_email: str
    salutation: str
    closing: str
    comma: str
    notes: str

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


_WORDS: FileCache[tuple[str, Path, str], Words] = FileCache(size=64)


def load_words(name: str, start: Path, lang: str) -> Words:
    """The words of template ``name`` in ``lang``, merged from its folders.

    Read again when one of the files changes, appears or disappears.
    """
    paths = [folder / f"{lang}.yaml" for folder in translation_folders(name, start)]
    return _WORDS.get((name, start, lang), paths, lambda: _merge(name, start, lang, paths))


def _merge(name: str, start: Path, lang: str, paths: list[Path]) -> Words:
    merged: dict[str, str] = {}
    for path in paths:
        if path.is_file():
            merged.update(_read(path))
    if not merged:
        available = ", ".join(languages(name, start)) or "none"
        raise TemplateError(f"template '{name}' has no words for '{lang}' (it has: {available})")
    missing = [f.name for f in fields(Words) if f.name not in merged]
    if missing:
        raise TemplateError(f"the '{lang}' words of template '{name}' lack {', '.join(missing)}")
    return Words(**{f.name: merged[f.name] for f in fields(Words)})


def _read(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(f"cannot read {path}: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise TemplateError(f"{path} must map each word's key to its text")
    return data
