"""One letter as an RFC 5322 message, built with the standard library's ``email``.

The message is reproducible: its ``Date`` is the letter's date and its
``Message-ID`` and MIME boundary are digests of what it holds, so the same
letter gives the same bytes on every run. Names, subjects and file names in
any script are encoded as RFC 2047 and RFC 2231 ask; text parts are
7-bit clean (quoted-printable or base64), so no server needs 8BITMIME.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses

from appeal.mail.errors import MailError

#: Lines end in CRLF as on the wire; 7-bit transfer encodings only.
POLICY = policy.SMTP.clone(cte_type="7bit")
#: The domain of a Message-ID when the message has no sender yet.
NO_DOMAIN = "appeal.invalid"


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    media_type: str


@dataclass(frozen=True)
class Draft:
    """What a message holds: who, what, and the files attached."""

    to: tuple[Address, ...]
    subject: str
    body: str
    date: dt.date
    sender: Address | None = None
    cc: tuple[Address, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    lang: str | None = None


def parse_address(text: str, name: str = "") -> Address:
    """``a@b.org`` or ``Name <a@b.org>`` as an :class:`Address`; ``name`` if it has none."""
    pairs = getaddresses([text])
    if len(pairs) != 1 or "@" not in pairs[0][1]:
        raise MailError(f"'{text}' is not an email address")
    display, addr = pairs[0]
    local, _, domain = addr.rpartition("@")
    if not local or "." not in domain or any(c.isspace() for c in addr):
        raise MailError(f"'{text}' is not an email address")
    if not domain.isascii():
        try:  # an internationalised domain name goes as its ASCII (punycode) form
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise MailError(f"'{text}' is not an email address") from None
        addr = f"{local}@{domain}"
    if not local.isascii():
        raise MailError(f"'{addr}': a name before the @ in other scripts cannot be sent yet")
    try:
        # A line break in a name would start a header of its own: names are one line.
        return Address(display_name=" ".join((display or name).split()), addr_spec=addr)
    except (ValueError, IndexError, HeaderParseError):
        raise MailError(f"'{text}' is not an email address") from None


def build(draft: Draft) -> EmailMessage:
    """The message of ``draft``: a text body, and the attachments if there are any."""
    if not draft.to:
        raise MailError("a message needs at least one address to send to")
    msg = EmailMessage(policy=POLICY)
    if draft.sender is not None:
        msg["From"] = draft.sender
    msg["To"] = draft.to
    if draft.cc:
        msg["Cc"] = draft.cc
    msg["Subject"] = " ".join(draft.subject.split())
    msg["Date"] = format_datetime(
        dt.datetime.combine(draft.date, dt.time(), tzinfo=dt.timezone.utc)
    )
    digest = _digest(draft)
    domain = draft.sender.domain if draft.sender is not None else NO_DOMAIN
    msg["Message-ID"] = f"<{digest[:32]}@{domain}>"
    if draft.lang:
        msg["Content-Language"] = draft.lang
    msg.set_content(draft.body)
    for item in draft.attachments:
        # Bytes, base64-encoded: a text file too is attached exactly as on disk.
        maintype, _, subtype = item.media_type.partition("/")
        msg.add_attachment(item.data, maintype, subtype, filename=item.filename)
    if draft.attachments:
        msg.set_boundary(f"=_appeal_{digest[32:56]}")
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes on the wire and into a .eml file."""
    return msg.as_bytes(policy=POLICY)


def _digest(draft: Draft) -> str:
    """A digest of everything the message holds, in an unambiguous encoding."""
    h = hashlib.sha256()

    def put(value: str | bytes) -> None:
        data = value.encode("utf-8") if isinstance(value, str) else value
        h.update(len(data).to_bytes(8, "big") + data)

    for address in (draft.sender, *draft.to, None, *draft.cc, None):
        put(str(address) if address is not None else "")
    put(draft.subject)
    put(draft.body)
    put(draft.date.isoformat())
    put(draft.lang or "")
    for item in draft.attachments:
        put(item.filename)
        put(item.media_type)
        put(item.data)
    return h.hexdigest()


def recipients(msg: EmailMessage) -> list[str]:
    """The addresses a message goes to: its To and Cc."""
    found = getaddresses([str(v) for v in (msg.get_all("To", []) + msg.get_all("Cc", []))])
    return list(dict.fromkeys(addr for _, addr in found if addr))
