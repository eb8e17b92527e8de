"""Where letter templates are: the campaign's ``templates/`` folders, then the built-in ones.

Kept apart from :mod:`appeal.templating.environment` so that checking a case finds
templates without loading Jinja2.
"""

from __future__ import annotations

import re
from pathlib import Path

BUILTIN_TEMPLATES = Path(__file__).parents[1] / "templates"
TEMPLATE_FILE = "letter.md.j2"
LETTERHEAD_FILE = "reference.docx"
DEFAULT_TEMPLATE = "joint-letter"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def find_template(name: str, start: Path) -> Path | None:
    """The folder of template ``name``: the nearest campaign ``templates/`` first.

    The campaign's folders are searched from ``start`` (the case's folder)
    up to the root, like git finds ``.git``; then the built-in templates.
    """
    if not _NAME.fullmatch(name):
        return None
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "templates" / name
        if (path / TEMPLATE_FILE).is_file():
            return path
    builtin = BUILTIN_TEMPLATES / name
    return builtin if (builtin / TEMPLATE_FILE).is_file() else None


def find_letterhead(template: Path) -> Path | None:
    """The Word letterhead (``reference.docx``) in the template folder ``template``, if any."""
    path = template / LETTERHEAD_FILE
    return path if path.is_file() else None
