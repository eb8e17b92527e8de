"""appeal: joint appeal letters from YAML case files.

The public API::

    import appeal

    case = appeal.load_case("cases/askarov-2020.yaml")
    text = appeal.render(case, "txt")
    problems = appeal.validate("cases/askarov-2020.yaml")
    report = appeal.render_all(["cases/"], "out", ["docx"])

Everything not named in ``__all__`` is internal and may change. The names
are imported on first use, so that ``appeal validate`` does not load the
renderer (Jinja2, markdown-it, python-docx) to check a file.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appeal.bulk import Failure, Report, render_all
    from appeal.case import Case, Citation, Recipient, load_case
    from appeal.errors import AppealError, CaseError, OutputError, PdfError, TemplateError
    from appeal.filecache import clear_caches
    from appeal.problems import Level, Problem
    from appeal.registry import Signatory
    from appeal.rendering import render
    from appeal.validation import validate
    from appeal.writers import FORMATS, WriteOptions

    __version__: str

_HOMES = {
    "FORMATS": "appeal.writers",
    "AppealError": "appeal.errors",
    "Case": "appeal.case",
    "CaseError": "appeal.errors",
    "Citation": "appeal.case",
    "Failure": "appeal.bulk",
    "Level": "appeal.problems",
    "OutputError": "appeal.errors",
    "PdfError": "appeal.errors",
    "Problem": "appeal.problems",
    "Recipient": "appeal.case",
    "Report": "appeal.bulk",
    "Signatory": "appeal.registry",
    "TemplateError": "appeal.errors",
    "WriteOptions": "appeal.writers",
    "clear_caches": "appeal.filecache",
    "load_case": "appeal.case",
    "render": "appeal.rendering",
    "render_all": "appeal.bulk",
    "validate": "appeal.validation",
}

__all__ = [
    "FORMATS",
    "AppealError",
    "Case",
    "CaseError",
    "Citation",
    "Failure",
    "Level",
    "OutputError",
    "PdfError",
    "Problem",
    "Recipient",
    "Report",
    "Signatory",
    "TemplateError",
    "WriteOptions",
    "__version__",
    "clear_caches",
    "load_case",
    "render",
    "render_all",
    "validate",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from appeal.version import __version__

        value: Any = __version__
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module 'appeal' has no attribute {name!r}")
    globals()[name] = value
    return value
