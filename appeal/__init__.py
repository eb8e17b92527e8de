"""appeal: joint appeal letters from YAML case files.

The public API::

    import appeal

    case = appeal.load_case("cases/askarov-2020.yaml")
    text = appeal.render(case, "txt")
    problems = appeal.validate("cases/askarov-2020.yaml")

Everything not named in ``__all__`` is internal and may change.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from appeal.case import Case, Citation, Recipient, load_case
from appeal.errors import AppealError, CaseError, OutputError, TemplateError
from appeal.problems import Level, Problem
from appeal.registry import Signatory
from appeal.render import render
from appeal.validation import validate
from appeal.writers import FORMATS, WriteOptions

try:
    __version__ = version("appeal")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "FORMATS",
    "AppealError",
    "Case",
    "CaseError",
    "Citation",
    "Level",
    "OutputError",
    "Problem",
    "Recipient",
    "Signatory",
    "TemplateError",
    "WriteOptions",
    "__version__",
    "load_case",
    "render",
    "validate",
]
