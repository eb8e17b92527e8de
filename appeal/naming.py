"""Output file names: recipient slugs, name patterns, and de-duplication.

A name never leaves the output folder: slugs are ASCII letters, digits and
hyphens, and a ``--name`` pattern may use only the fields below, with no
path separators of its own.
"""

from __future__ import annotations

import re
import string

from appeal.errors import AppealError

#: The fields a ``--name`` pattern may use.
FIELDS = ("stem", "slug", "index")
DEFAULT_PATTERN = "{stem}-{slug}"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 60


def slugify(text: str) -> str:
    """``Mr. Sooronbay Jeenbekov`` → ``mr-sooronbay-jeenbekov``; other scripts
    are transliterated (``Министр`` → ``ministr``)."""
    from anyascii import anyascii  # only letters named per recipient need it

    slug = _NOT_SLUG.sub("-", anyascii(text).lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-") or "recipient"


def check_pattern(pattern: str) -> str:
    """Return ``pattern`` if it is a safe name pattern, else raise AppealError."""
    if any(sep in pattern for sep in "/\\") or pattern.startswith("."):
        raise AppealError(f"name pattern '{pattern}' must be a file name: no / or \\, no leading .")
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise AppealError(f"name pattern '{pattern}' is malformed: {exc}") from None
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        if field not in FIELDS or conversion or "{" in (spec or ""):
            raise AppealError(
                f"name pattern '{pattern}' may use only {{{'}, {'.join(FIELDS)}}}, "
                "with a format such as {index:03d}"
            )
    try:
        pattern.format(stem="s", slug="s", index=1)
    except (ValueError, TypeError) as exc:
        raise AppealError(f"name pattern '{pattern}' is malformed: {exc}") from None
    return pattern


class Names:
    """Hands out unique output names within one run: ``x``, ``x-2``, ``x-3``…"""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, base: str) -> str:
        name, n = base, 1
        while name.casefold() in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.casefold())
        return name


def letter_name(pattern: str | None, stem: str, slug: str, index: int) -> str:
    """The output name (without extension) of one letter; ``pattern`` is checked."""
    name = (pattern or DEFAULT_PATTERN).format(stem=stem, slug=slug, index=index)
    if not name or name in (".", "..") or any(sep in name for sep in "/\\\x00"):
        raise AppealError(f"the name '{name}' is not a safe file name")
    return name
