"""The mail functions of the public API: a letter's message, and a folder's sending."""

from __future__ import annotations

from collections.abc import Collection
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

from appeal.case import Case, Recipient
from appeal.mail.message import POLICY
from appeal.mail.sending import Progress, SendReport, outbox, send_log, send_messages
from appeal.mail.transport import Transport
from appeal.rendering import render_bytes
from appeal.writers import WriteOptions


def email_message(
    case: Case, recipient: Recipient | None = None, options: WriteOptions | None = None
) -> EmailMessage:
    """The email message of the letter to ``recipient`` (default: the first), its
    attachments as ``options.email`` asks (default: the PDF)."""
    data = render_bytes(case, "eml", recipient, options)
    msg = message_from_bytes(data, _class=EmailMessage, policy=POLICY)
    assert isinstance(msg, EmailMessage)
    return msg


def send_folder(
    folder: str | Path,
    transport: Transport,
    *,
    to_self: str | None = None,
    again: bool = False,
    limit: int | None = None,
    rate: float | None = None,
    progress: Progress | None = None,
    names: Collection[str] | None = None,
) -> SendReport:
    """Send the messages of a folder rendered with ``-f eml`` through ``transport``,
    recording each in the folder's send log; what the log shows as sent is not sent
    again unless ``again``.

    Every message the folder's manifest records goes, which may include earlier
    runs' letters; ``names`` (``.eml`` file names) limits it to those.
    """
    folder = Path(folder)
    return send_messages(
        outbox(folder, names), transport, send_log(folder), to_self=to_self, again=again,
        limit=limit, rate=rate, progress=progress,
    )  # fmt: skip
