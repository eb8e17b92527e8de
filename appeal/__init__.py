"""appeal: joint appeal letters from YAML case files.

The public API::

    import appeal

    case = appeal.load_case("cases/askarov-2020.yaml")
    text = appeal.render(case, "txt")
    problems = appeal.validate("cases/askarov-2020.yaml")
    report = appeal.render_all(["cases/"], "out", ["docx"])
    msg = appeal.email_message(case)  # an EmailMessage, the PDF attached
    mail = appeal.WriteOptions(email=appeal.EmailOptions(sender="desk@ngo.example"))
    appeal.render_all(["cases/"], "out", ["eml"], options=mail)
    smtp = appeal.SmtpTransport.from_settings(appeal.load_settings())
    sent = appeal.send_folder("out", smtp)  # what the send log shows as sent is skipped

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
    from appeal.mail.api import email_message, send_folder
    from appeal.mail.errors import MailError
    from appeal.mail.sending import SendReport
    from appeal.mail.settings import load_settings
    from appeal.mail.transport import Answer, SmtpTransport, Transport
    from appeal.problems import Level, Problem
    from appeal.registry import Signatory
    from appeal.rendering import render
    from appeal.validation import validate
    from appeal.writers import FORMATS, EmailOptions, WriteOptions

    __version__: str

_HOMES = {
    "FORMATS": "appeal.writers",
    "AppealError": "appeal.errors",
    "Answer": "appeal.mail.transport",
    "EmailOptions": "appeal.writers",
    "MailError": "appeal.mail.errors",
    "SendReport": "appeal.mail.sending",
    "SmtpTransport": "appeal.mail.transport",
    "Transport": "appeal.mail.transport",
    "email_message": "appeal.mail.api",
    "load_settings": "appeal.mail.settings",
    "send_folder": "appeal.mail.api",
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
    "Answer",
    "AppealError",
    "Case",
    "CaseError",
    "Citation",
    "EmailOptions",
    "Failure",
    "Level",
    "MailError",
    "OutputError",
    "PdfError",
    "Problem",
    "Recipient",
    "Report",
    "SendReport",
    "Signatory",
    "SmtpTransport",
    "TemplateError",
    "Transport",
    "WriteOptions",
    "__version__",
    "clear_caches",
    "email_message",
    "load_case",
    "load_settings",
    "render",
    "render_all",
    "send_folder",
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
