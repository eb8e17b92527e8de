"""Sending the email messages of a rendered folder, safely.

:func:`outbox` lists the messages that ``manifest.json`` records (each
``.eml`` checked against the digest the manifest holds); :func:`send_messages`
sends them through a :class:`~appeal.mail.transport.Transport`, writing the
:class:`~appeal.mail.log.SendLog` before and after each one. What the log
says went out is not sent again unless ``again`` is set; a refused message or
recipient is recorded and the next message still goes; a server that cannot
be reached stops the run, since no later message could go either.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any

from appeal.mail.errors import MailError
from appeal.mail.log import SEND_LOG, LetterKey, SendLog
from appeal.mail.message import POLICY, parse_address, recipients
from appeal.mail.transport import SendFailed, ServerUnreachable, Transport
from appeal.spec import MANIFEST_NAME


@dataclass(frozen=True)
class Outgoing:
    """One message of a rendered folder: its file, bytes and letter."""

    key: LetterKey
    path: Path
    data: bytes

    @cached_property
    def headers(self) -> EmailMessage:
        """The message's headers (its body left unparsed)."""
        msg = BytesHeaderParser(_class=EmailMessage, policy=POLICY).parsebytes(self.data)
        assert isinstance(msg, EmailMessage)
        return msg

    @property
    def message(self) -> EmailMessage:
        """The whole message, parsed afresh."""
        msg = message_from_bytes(self.data, _class=EmailMessage, policy=POLICY)
        assert isinstance(msg, EmailMessage)
        return msg


def outbox(folder: Path, names: Collection[str] | None = None) -> list[Outgoing]:
    """The email messages ``folder/manifest.json`` records, in its order; only those
    whose file names are in ``names`` if it is given (the messages of one run)."""
    manifest = folder / MANIFEST_NAME
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        letters = data["letters"]
    except FileNotFoundError:
        raise MailError(f"{manifest} not found: render the letters with -f eml first") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise MailError(f"{manifest} is not a manifest: {exc}") from None
    found: list[Outgoing] = []
    for key, name, digest in _messages(manifest, letters):
        if names is not None and name not in names:
            continue
        path = folder / Path(name).name
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise MailError(f"cannot read {path}: {exc.strerror or exc}") from None
        if hashlib.sha256(content).hexdigest() != digest:
            raise MailError(f"{path} changed since it was rendered; render it again")
        found.append(Outgoing(key, path, content))
    return found


def _messages(manifest: Path, letters: Any) -> Iterator[tuple[LetterKey, str, object]]:
    """(letter, file name, SHA-256) of each email message the manifest's letters list."""
    try:
        for letter in letters:
            for file in letter.get("files", []):
                if file.get("format") == "eml":
                    key = LetterKey(Path(str(letter["case"])).name, str(letter["recipient"]))
                    yield key, str(file["path"]), file.get("sha256")
    except KeyError as exc:
        raise MailError(f"{manifest} is not a manifest: an entry has no {exc}") from None
    except (TypeError, AttributeError):
        raise MailError(f"{manifest} is not a manifest: an entry is not as written") from None


class Status(str, Enum):
    sent = "sent"
    skipped = "skipped"
    failed = "failed"
    unsent = "not sent"
    """The server could not be reached."""
    held = "held back"
    """Beyond ``limit``: left for a later run."""


@dataclass(frozen=True)
class Result:
    item: Outgoing
    status: Status
    to: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class SendReport:
    results: list[Result] = field(default_factory=list)
    log: Path | None = None

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.status in (Status.failed, Status.unsent)]


Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Plan:
    """Whether and to whom a message goes in this run, and why (not)."""

    to: tuple[str, ...]
    skip: str = ""


def plan_send(
    item: Outgoing, log: SendLog, *, to_self: str | None = None, again: bool = False
) -> Plan:
    """To whom ``item`` goes now: the addresses the log does not show as reached."""
    targets = (to_self,) if to_self else tuple(recipients(item.headers))
    if not targets:
        return Plan((), "the message has no recipient")
    if again:
        return Plan(targets)
    history = log.history(item.key, to_self)
    if history.unanswered:
        return Plan(
            (),
            f"a send began at {history.unanswered} and its answer is not in the log: it may "
            "have gone out; check the sent mail, then use --again to send it",
        )
    pending = tuple(a for a in targets if a.lower() not in history.accepted)
    if not pending:
        when = max(history.accepted[a.lower()] for a in targets)
        if history.message_id and history.message_id != item.headers.get("Message-ID"):
            return Plan(
                (), f"sent at {when}; the message differs from the one sent (--again sends it)"
            )
        return Plan((), f"sent at {when}")
    return Plan(pending)


def send_messages(
    items: Sequence[Outgoing],
    transport: Transport,
    log: SendLog,
    *,
    to_self: str | None = None,
    again: bool = False,
    limit: int | None = None,
    rate: float | None = None,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Send each message not sent yet; at most ``limit``, at most ``rate`` a minute.

    ``to_self`` sends every message to that one address instead of its
    recipients (its headers say so too); the envelope sender is the message's From.
    """
    if to_self:
        to_self = parse_address(to_self).addr_spec
    report = SendReport(log=log.path)
    interval = 60.0 / rate if rate else 0.0
    last: float | None = None
    sent = 0
    unreachable: str | None = None
    for done, item in enumerate(items, start=1):
        planned = plan_send(item, log, to_self=to_self, again=again)
        if planned.skip:
            report.results.append(Result(item, Status.skipped, detail=planned.skip))
        elif unreachable is not None:
            report.results.append(Result(item, Status.unsent, planned.to, unreachable))
        elif limit is not None and sent >= limit:
            report.results.append(Result(item, Status.held, planned.to, f"--limit {limit}"))
        else:
            if last is not None and interval:
                wait = last + interval - clock()
                if wait > 0:
                    sleep(wait)
            last = clock()
            result = _send_one(item, planned.to, transport, log, to_self)
            if result.status == Status.unsent:
                unreachable = result.detail
            else:
                sent += 1
            report.results.append(result)
        if progress:
            progress(done, len(items))
    return report


def _send_one(
    item: Outgoing,
    to: tuple[str, ...],
    transport: Transport,
    log: SendLog,
    to_self: str | None,
) -> Result:
    headers = item.headers
    message_id = str(headers.get("Message-ID", ""))
    envelope = _from(headers)
    if envelope is None:
        return Result(item, Status.failed, to, "the message has no From address")
    data = item.data if not to_self else _to_self(item.message, to_self)
    name = item.path.name
    log.sending(item.key, name, message_id, list(to), to_self, hashlib.sha256(data).hexdigest())
    try:
        answer = transport.send(data, envelope, to)
    except ServerUnreachable as exc:
        log.failed(item.key, name, message_id, str(exc), to_self)
        return Result(item, Status.unsent, to, str(exc))
    except SendFailed as exc:
        log.failed(item.key, name, message_id, str(exc), to_self, exc.refused)
        return Result(item, Status.failed, to, str(exc))
    log.sent(
        item.key, name, message_id, list(answer.accepted), answer.refused, answer.reply, to_self
    )
    if answer.refused:
        refused = "; ".join(f"{a}: {why}" for a, why in answer.refused.items())
        return Result(item, Status.failed, to, f"refused {refused}")
    return Result(item, Status.sent, to, answer.reply)


def _from(msg: EmailMessage) -> str | None:
    value = msg.get("From")
    return parse_address(str(value)).addr_spec if value else None


def _to_self(msg: EmailMessage, address: str) -> bytes:
    """The message addressed to ``address`` alone, the real recipients named in a header."""
    original = ", ".join(recipients(msg))
    del msg["To"]
    del msg["Cc"]
    msg["To"] = address
    msg["X-Appeal-Test-For"] = original
    return msg.as_bytes(policy=POLICY)


def send_log(folder: Path) -> SendLog:
    """The send log of a rendered folder, beside its manifest."""
    return SendLog(folder / SEND_LOG)
