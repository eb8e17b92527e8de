"""Problems found while reading and composing the YAML file."""

from __future__ import annotations

from appeal.rules import document

for _id, _doc in (
    ("unreadable-file", "The file cannot be read (missing, a folder, or no permission)."),
    ("not-text", "The file is binary (it holds NUL bytes), not YAML text."),
    ("not-utf8", "The file is not UTF-8 text.\n\nSave it as UTF-8 (with or without BOM)."),
    ("empty-file", "The file holds no YAML document."),
    (
        "yaml-syntax",
        "The file is not valid YAML.\n\nA missing colon, a tab used to indent, a colon inside "
        "unquoted text, an unclosed quote or bracket, or a quote inside quoted text is named "
        "at its own line with the fix. For other mistakes the position is where the YAML "
        "parser gave up; the mistake is often just before it.",
    ),
    (
        "duplicate-key",
        "A key is given twice in one mapping.\n\nYAML loaders silently keep the last value, so "
        "one of the two would vanish from the letter.",
    ),
    (
        "invalid-key",
        "A mapping key is not plain text (a list or mapping used as a key).",
    ),
    (
        "unsupported-tag",
        "A YAML tag other than YAML's standard ones (such as !!python/object).\n\nCase files "
        "are data: tags that construct objects are refused and never run.",
    ),
    (
        "too-large",
        "The file expands to too many values or nests too deeply.\n\nThis guards against alias "
        'bombs ("billion laughs"): a small file whose aliases expand to billions of values.',
    ),
):
    document(_id, _doc)
