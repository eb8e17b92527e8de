"""The one error root of the library; each error carries the problems it found."""

from __future__ import annotations

from collections.abc import Iterable

from appeal.problems import Problem


class AppealError(Exception):
    """Root of every error ``appeal`` raises on purpose.

    ``problems`` holds located findings when the error comes from an input
    file; an error about the environment (a folder that cannot be written)
    has none and says what is wrong in its message.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)


class CaseError(AppealError):
    """A case file (or the registry it uses) is not a valid letter."""


class TemplateError(AppealError):
    """A letter template is missing, unreadable, or fails to render."""


class OutputError(AppealError):
    """An output file could not be written."""


class PdfError(AppealError):
    """A letter could not be made into a PDF."""
