"""Where letter templates are: the campaign's ``templates/`` folders, then the built-in ones.

Kept apart from :mod:`appeal.templating.environment` so that checking a case finds
templates without loading Jinja2.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from appeal.filecache import FileCache
from appeal.spec import FONTS_FOLDER

BUILTIN_TEMPLATES = Path(__file__).parents[1] / "templates"
TEMPLATE_FILE = "letter.md.j2"
LETTERHEAD_FILE = "reference.docx"
LAYOUT_FILE = "letter.typ"
DEFAULT_TEMPLATE = "joint-letter"
#: The built-in letterhead and layout, for a template that brings none of its own.
BUILT_IN_LETTERHEAD = BUILTIN_TEMPLATES / DEFAULT_TEMPLATE / LETTERHEAD_FILE
BUILT_IN_LAYOUT = BUILTIN_TEMPLATES / DEFAULT_TEMPLATE / LAYOUT_FILE
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def find_template(name: str, start: Path) -> Path | None:
    """The folder of template ``name``: the nearest campaign ``templates/`` first.

    The campaign's folders are searched from ``start`` (the case's folder)
    up to the root, like git finds ``.git``; then the built-in templates.
    The answer is kept while none of the folders it looked in changes (a
    folder's modification time moves when a file is added to or removed
    from it), so a long-running caller sees a template added later.
    """
    if not _NAME.fullmatch(name):
        return None
    folders = _candidates(name, start)
    return _FOUND.get((name, start), folders, lambda: _first_with_template(folders))


_FOUND: FileCache[tuple[str, Path], Path | None] = FileCache(size=256)


@functools.lru_cache(maxsize=256)
def _candidates(name: str, start: Path) -> tuple[Path, ...]:
    """Where template ``name`` may be, nearest first."""
    folder = start.resolve()
    campaign = tuple(candidate / "templates" / name for candidate in (folder, *folder.parents))
    return (*campaign, BUILTIN_TEMPLATES / name)


def _first_with_template(folders: tuple[Path, ...]) -> Path | None:
    return next((folder for folder in folders if (folder / TEMPLATE_FILE).is_file()), None)


def find_letterhead(template: Path) -> Path:
    """The Word letterhead: ``reference.docx`` in the template folder ``template``, else the
    built-in one."""
    path = template / LETTERHEAD_FILE
    return path if path.is_file() else BUILT_IN_LETTERHEAD


def find_layout(template: Path) -> Path:
    """The Typst layout: ``letter.typ`` in the template folder ``template``, else the built-in
    one."""
    path = template / LAYOUT_FILE
    return path if path.is_file() else BUILT_IN_LAYOUT


def find_fonts(template: Path) -> Path | None:
    """The fonts folder (``fonts/``) in the template folder ``template``, if any."""
    path = template / FONTS_FOLDER
    return path if path.is_dir() else None


def template_names(start: Path) -> list[str]:
    """Every template a case in ``start`` can name: the campaign's, then the built-in ones."""
    folder = start.resolve()
    found: dict[str, None] = {}
    for candidate in (folder, *folder.parents, BUILTIN_TEMPLATES.parent):
        root = candidate / "templates"
        if root.is_dir():
            for path in sorted(root.iterdir()):
                if (path / TEMPLATE_FILE).is_file() and _NAME.fullmatch(path.name):
                    found.setdefault(path.name)
    return list(found)
