"""A real SMTP server on 127.0.0.1 for the sending tests (aiosmtpd).

In the test process, :func:`serve` runs one in a thread and stops it when
the test ends. Run as a script, it is a server in a process of its own that
writes each message it accepts to a folder and kills itself, mid-message,
when the message after ``--die-after`` messages arrives: a server that dies
halfway through a run.
"""

from __future__ import annotations

import argparse
import asyncio
import email
import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, _class=EmailMessage, policy=default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Handler:
    """Keeps what it receives; refuses the addresses in ``refuse``."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    folder: Path | None = None
    die_after: int | None = None
    hold: threading.Event | None = None
    """When given, the answer to a message waits until it is set; ``holding`` says so."""
    holding: threading.Event = field(default_factory=threading.Event)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.die_after is not None and len(self.received) >= self.die_after:
            os._exit(1)  # killed while the client waits for its answer
        item = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        self.received.append(item)
        if self.folder is not None:
            name = self.folder / f"{len(self.received):03d}.json"
            record = {"sender": item.sender, "recipients": item.recipients}
            (self.folder / f"{len(self.received):03d}.eml").write_bytes(item.data)
            name.write_text(json.dumps(record), encoding="utf-8")
        if self.hold is not None:  # the message is taken; the answer is late
            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.hold.wait, 60)
        return f"250 2.0.0 Ok: queued as {len(self.received):04d}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def accept(user: str, password: str) -> Any:
    """An authenticator accepting one user name and password."""

    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            user.encode(),
            password.encode(),
        )
        return AuthResult(success=ok, handled=False)

    return check


@contextmanager
def serve(handler: Handler, **options: Any) -> Iterator[int]:
    """An SMTP server on a free port of 127.0.0.1, stopped when the block ends."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def read_folder(folder: Path) -> list[Received]:
    found = []
    for record in sorted(folder.glob("*.json")):
        data = json.loads(record.read_text(encoding="utf-8"))
        found.append(
            Received(data["sender"], data["recipients"], record.with_suffix(".eml").read_bytes())
        )
    return found


def tls_context(cert: Any) -> ssl.SSLContext:
    """A server context with a ``trustme`` certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    return context


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--die-after", type=int, required=True)
    args = parser.parse_args()
    handler = Handler(folder=args.folder, die_after=args.die_after)
    controller = Controller(handler, hostname="127.0.0.1", port=args.port)
    controller.start()
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
