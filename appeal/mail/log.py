"""The send log: one JSON line per attempt, beside ``manifest.json``.

Before a message is handed to the server a ``sending`` line is written (and
flushed to the disk), and after the server answers a ``sent`` or ``failed``
line. A rerun reads the log and sends a letter only
to the addresses that have not accepted it yet. A ``sending`` line with no
answer after it means the run stopped while the server had the message: it
may have gone out, so it is not sent again unless asked (``--again``).

A letter is known by its case file's name and its recipient's name, not by
its content: a letter corrected after it went out is not sent again by
accident. Messages sent with ``--to-self`` are logged as tests and count
only for later tests to the same address.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appeal.mail.errors import MailError

SEND_LOG = "send-log.jsonl"

SENDING, SENT, FAILED = "sending", "sent", "failed"


@dataclass(frozen=True)
class LetterKey:
    """Which letter: the case file's name and the recipient's name."""

    case: str
    recipient: str


@dataclass
class _State:
    accepted: dict[str, str] = field(default_factory=dict)  # address -> time
    open: str | None = None  # time of a "sending" line with no answer yet
    message_id: str | None = None


@dataclass
class History:
    """What the log says about one letter, for real sends or for tests to one address."""

    accepted: dict[str, str]
    """Address -> when it accepted the letter."""
    unanswered: str | None
    """When a send began that has no answer in the log, if one did."""
    message_id: str | None


class SendLog:
    """The log file: read once when opened, appended to after each step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._states: dict[tuple[LetterKey, str | None], _State] = {}
        for entry in read_log(path):
            self._apply(entry)

    def history(self, key: LetterKey, to_self: str | None = None) -> History:
        state = self._states.get((key, to_self), _State())
        return History(dict(state.accepted), state.open, state.message_id)

    def sending(
        self,
        key: LetterKey,
        letter: str,
        message_id: str,
        to: list[str],
        to_self: str | None,
        sha256: str,
    ) -> None:
        """Record that the message (whose bytes have ``sha256``) is handed to the server."""
        entry = {"status": SENDING, **_who(key, letter, message_id, to_self), "to": to}
        self._write({**entry, "sha256": sha256}, durable=True)

    def sent(
        self,
        key: LetterKey,
        letter: str,
        message_id: str,
        accepted: list[str],
        refused: dict[str, str],
        answer: str,
        to_self: str | None,
    ) -> None:
        entry = {"status": SENT, **_who(key, letter, message_id, to_self), "accepted": accepted}
        if refused:
            entry["refused"] = refused
        self._write({**entry, "answer": answer})

    def failed(
        self,
        key: LetterKey,
        letter: str,
        message_id: str,
        error: str,
        to_self: str | None,
        refused: dict[str, str] | None = None,
    ) -> None:
        entry: dict[str, Any] = {"status": FAILED, **_who(key, letter, message_id, to_self)}
        if refused:
            entry["refused"] = refused
        self._write({**entry, "error": error})

    def _write(self, entry: dict[str, Any], durable: bool = False) -> None:
        """Append ``entry``; ``durable``: on the disk itself before returning.

        A ``sending`` line is made durable, since the message goes out right
        after it. An answer line only reaches the system's cache: if the
        machine loses power before writing it, the rerun finds a send with no
        answer and does not repeat it, so no message goes out twice.
        """
        entry = {"time": _now(), **entry}
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a+b") as handle:
                if handle.tell() > 0:  # after a line cut short by a crash, start a new one
                    handle.seek(-1, os.SEEK_END)
                    if handle.read(1) != b"\n":
                        line = "\n" + line
                handle.write(line.encode("utf-8"))
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        except OSError as exc:
            raise MailError(
                f"cannot write the send log {self.path}: {exc.strerror or exc}"
            ) from None
        self._apply(entry)

    def _apply(self, entry: dict[str, Any]) -> None:
        key = LetterKey(str(entry.get("case", "")), str(entry.get("recipient", "")))
        to_self = entry.get("to_self")
        state = self._states.setdefault(
            (key, to_self if isinstance(to_self, str) else None), _State()
        )
        status = entry.get("status")
        when = str(entry.get("time", ""))
        if status == SENDING:
            state.open = when
        elif status in (SENT, FAILED):
            state.open = None
        if status == SENT:
            for address in entry.get("accepted") or []:
                state.accepted.setdefault(str(address).lower(), when)
            state.message_id = str(entry.get("message_id", "")) or state.message_id


def read_log(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of a send log; a line cut short by a crash is left out."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    except (OSError, UnicodeDecodeError) as exc:
        raise MailError(f"cannot read the send log {path}: {exc}") from None
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            yield entry


def _who(key: LetterKey, letter: str, message_id: str, to_self: str | None) -> dict[str, Any]:
    who: dict[str, Any] = {
        "letter": letter,
        "case": key.case,
        "recipient": key.recipient,
        "message_id": message_id,
    }
    if to_self:
        who["to_self"] = to_self
    return who


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
