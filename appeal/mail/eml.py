"""The ``eml`` format: a letter as an email message, composed from its other files.

The body is the text letter, or a cover note (``email: {cover: …}`` in the
case, or :class:`~appeal.writers.EmailOptions`); copies go to the case's
``email: {cc: …}`` and the options' ``cc``; the formats in ``attach`` are
attached, byte for byte the files written beside the message. The message
goes to the recipient's email addresses; a recipient without one is an error,
never a letter silently left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from appeal.case import Case, Recipient
from appeal.mail.errors import MailError
from appeal.mail.message import Attachment, Draft, as_bytes, build, parse_address
from appeal.rendering import letter_title
from appeal.writers import FORMATS, WriteOptions

#: format -> (file name, bytes) of the letter's files the message is made from.
Files = Mapping[str, tuple[str, bytes]]


def check_letter(case: Case, recipient: Recipient | None) -> None:
    """Raise :class:`MailError` if the message of the letter to ``recipient`` (None:
    the case's one letter) cannot be addressed."""
    people = case.addressed_to(recipient)
    if not any(person.email for person in people):
        who = ", ".join(p.name for p in people) or "the letter"
        raise MailError(f"{who} has no email address; add 'email:' to the recipient")
    for person in people:
        for address in person.email:
            parse_address(address)


def draft(case: Case, recipient: Recipient | None, files: Files, options: WriteOptions) -> Draft:
    """What the message of the letter to ``recipient`` (None: the case's one letter) holds."""
    check_letter(case, recipient)
    mail = options.email
    cover = mail.cover or "\n\n".join(case.email.cover)
    body = cover or files["txt"][1].decode("utf-8")
    attachments = tuple(
        Attachment(files[fmt][0], files[fmt][1], FORMATS[fmt].media_type) for fmt in mail.attach
    )
    return Draft(
        to=tuple(
            parse_address(a, person.name)
            for person in case.addressed_to(recipient)
            for a in person.email
        ),
        cc=tuple(parse_address(a) for a in dict.fromkeys((*case.email.cc, *mail.cc))),
        subject=mail.subject or case.email.subject or case.subject or letter_title(case),
        body=body,
        date=case.date,
        sender=parse_address(mail.sender) if mail.sender else None,
        attachments=attachments,
        lang=case.lang,
    )


def compose(case: Case, recipient: Recipient | None, files: Files, options: WriteOptions) -> bytes:
    """The message's bytes, as written to a ``.eml`` file and sent."""
    return as_bytes(build(draft(case, recipient, files, options)))
