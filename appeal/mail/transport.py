"""Handing messages to a mail server: the :class:`Transport` protocol and SMTP.

A script may pass its own transport (an API, a queue, a test double) to
:func:`appeal.mail.sending.send_messages`; :class:`SmtpTransport` speaks SMTP
with :mod:`smtplib`, one connection for the run, opened again after the
server drops it.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from appeal.mail.errors import MailError
from appeal.mail.settings import Security, ServerSettings


@dataclass(frozen=True)
class Answer:
    """The server's answer to one message."""

    accepted: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)
    """Address -> the server's reason, for the recipients it refused."""
    reply: str = ""
    """The server's reply to the message itself, e.g. ``250 2.0.0 Ok: queued as 4F2``."""


class SendFailed(MailError):
    """The server did not take this message; the next one may still go."""

    def __init__(self, message: str, refused: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.refused = refused or {}


class ServerUnreachable(MailError):
    """No connection to the server (or it refused the login): no message can go."""


class _Closed(Exception):
    """The connection was found closed before the message was handed over."""


class Transport(Protocol):
    def send(self, data: bytes, sender: str, recipients: Sequence[str]) -> Answer:
        """Hand over one message; raise :class:`SendFailed` or :class:`ServerUnreachable`."""
        ...

    def close(self) -> None: ...


class SmtpTransport:
    """SMTP through ``connect``, a function returning a connected, logged-in client."""

    def __init__(self, connect: Callable[[], smtplib.SMTP]) -> None:
        self._connect = connect
        self._client: smtplib.SMTP | None = None

    @classmethod
    def from_settings(cls, settings: ServerSettings, password: str | None = None) -> SmtpTransport:
        return cls(lambda: connect(settings, password))

    def send(self, data: bytes, sender: str, recipients: Sequence[str]) -> Answer:
        fresh = self._client is None
        client = self._open()
        try:
            return _transaction(client, data, sender, recipients)
        except _Closed as exc:
            self._drop()
            if fresh:
                raise SendFailed(f"the server closed the connection: {exc}") from None
            # Servers close idle connections (between rate-limited messages, say);
            # nothing was handed over yet, so the message goes on a new one.
            return self.send(data, sender, recipients)
        except smtplib.SMTPServerDisconnected as exc:
            self._drop()
            raise SendFailed(f"the server closed the connection: {_reason(exc)}") from None
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise SendFailed(f"the connection failed: {_reason(exc)}") from None
        except BaseException:  # Ctrl-C mid-message: leave without waiting for the server
            self._drop()
            raise

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()

    def _open(self) -> smtplib.SMTP:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _drop(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()


def _transaction(
    client: smtplib.SMTP, data: bytes, sender: str, recipients: Sequence[str]
) -> Answer:
    """MAIL, RCPT for each address, DATA: the answer for each recipient and the message."""
    try:
        client.ehlo_or_helo_if_needed()
        code, reply = client.mail(sender)
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise _Closed(_reason(exc)) from None
    if code != 250:
        _reset(client)
        raise SendFailed(f"the server refused the sender {sender}: {code} {_text(reply)}")
    accepted: list[str] = []
    refused: dict[str, str] = {}
    for address in recipients:
        code, reply = client.rcpt(address)
        if code in (250, 251):
            accepted.append(address)
        else:
            refused[address] = f"{code} {_text(reply)}"
    if not accepted:
        _reset(client)
        reasons = "; ".join(f"{a}: {why}" for a, why in refused.items())
        raise SendFailed(f"the server refused every recipient ({reasons})", refused)
    try:
        code, reply = client.data(data)
    except smtplib.SMTPDataError as exc:
        _reset(client)
        why = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        raise SendFailed(f"the server refused the message: {why}") from None
    if code != 250:
        _reset(client)
        raise SendFailed(f"the server refused the message: {code} {_text(reply)}")
    return Answer(tuple(accepted), refused, f"{code} {_text(reply)}")


def connect(settings: ServerSettings, password: str | None = None) -> smtplib.SMTP:
    """A client connected to the server, encrypted as the settings say, logged in if a
    user is set; :class:`ServerUnreachable` if that cannot be done."""
    where = f"{settings.host}:{settings.port}"
    try:
        context = ssl.create_default_context(
            cafile=str(settings.ca_file) if settings.ca_file else None
        )
    except (OSError, ssl.SSLError) as exc:
        raise ServerUnreachable(
            f"cannot use the certificates in ca_file {settings.ca_file}: {_reason(exc)}"
        ) from None
    client: smtplib.SMTP | None = None
    try:
        if settings.security == Security.ssl:
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
            client.ehlo()
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            client.ehlo()
            if settings.security == Security.starttls:
                if not client.has_extn("starttls"):
                    raise ServerUnreachable(
                        f"{where} does not offer STARTTLS; use security: ssl, or none for a "
                        "server on this machine"
                    )
                client.starttls(context=context)
                client.ehlo()
        if settings.user:
            if password is None:
                raise ServerUnreachable(f"no password for {settings.user}")
            client.login(settings.user, password)
    except smtplib.SMTPAuthenticationError as exc:
        _close(client)
        raise ServerUnreachable(
            f"{where} refused the login of {settings.user}: {exc.smtp_code} {_text(exc.smtp_error)}"
        ) from None
    except ssl.SSLError as exc:
        _close(client)
        raise ServerUnreachable(f"no secure connection to {where}: {exc.reason or exc}") from None
    except UnicodeEncodeError:  # smtplib sends the login in ASCII
        _close(client)
        raise ServerUnreachable(
            f"cannot log in to {where}: SMTP login takes a user name and password in ASCII "
            "characters only"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        _close(client)
        raise ServerUnreachable(f"cannot connect to {where}: {_reason(exc)}") from None
    except ServerUnreachable:
        _close(client)
        raise
    return client


def _reset(client: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError, smtplib.SMTPException):
        client.rset()


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        client.close()


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
