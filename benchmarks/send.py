"""Sending throughput against a bare smtplib loop, both to a local SMTP server.

Renders N personalised messages of the example case (the Word letter
attached), then sends them to an aiosmtpd server on 127.0.0.1 (in this
process) twice: with a bare ``smtplib`` loop over one connection (what a
script would do, keeping no record), and with ``appeal.send_folder`` (each
message's headers read, a send-log line flushed to the disk before it goes
and one written after the answer). Prints both times and the ratio, then the
time of a rerun that finds everything sent. A real server takes far longer
to answer than this one, so the ratio is the worst case. Needs the test extra
(``pip install -e ".[test]"``, for aiosmtpd).

    python benchmarks/send.py [--messages 500]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import tempfile
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

import appeal
from appeal.mail.message import recipients
from appeal.mail.sending import outbox

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "cases" / "askarov-2020.yaml"


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def render(work: Path, count: int) -> Path:
    listed = work / "recipients.csv"
    rows = [f"Minister Number {i},minister{i}@example.org" for i in range(count)]
    listed.write_text("name,email\n" + "\n".join(rows) + "\n", encoding="utf-8")
    sender = appeal.EmailOptions(attach=("docx",), sender="Desk <desk@example.org>")
    out = work / "out"
    report = appeal.render_all(
        [CASE], out, ["eml"], recipients=listed, options=appeal.WriteOptions(email=sender)
    )
    assert report.letters == count and not report.failures, report.failures
    return out


def bare(out: Path, port: int) -> float:
    """The peer: the messages and their recipients read beforehand, then sent as fast
    as smtplib goes, with no record kept."""
    messages = [(item.data, recipients(item.headers)) for item in outbox(out)]
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for data, to in messages:
            client.sendmail("desk@example.org", to, data)
    return time.perf_counter() - start


def with_log(out: Path, port: int) -> tuple[float, float]:
    transport = appeal.SmtpTransport(lambda: smtplib.SMTP("127.0.0.1", port))
    try:
        start = time.perf_counter()
        report = appeal.send_folder(out, transport)
        first = time.perf_counter() - start
        assert all(r.status.value == "sent" for r in report.results)
        start = time.perf_counter()
        again = appeal.send_folder(out, transport)
        rerun = time.perf_counter() - start
        assert all(r.status.value == "skipped" for r in again.results)
    finally:
        transport.close()
    return first, rerun


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=500)
    args = parser.parse_args()
    counter = Counter()
    port = free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory(prefix="appeal-send-bench-") as tmp:
            out = render(Path(tmp), args.messages)
            size = sum(p.stat().st_size for p in out.glob("*.eml")) / args.messages
            peer = bare(out, port)
            ours, rerun = with_log(out, port)
    finally:
        controller.stop()
    assert counter.count == 2 * args.messages
    n = args.messages
    print(f"{n} messages of {size / 1024:.0f} KiB each to a local SMTP server:")
    print(f"  bare smtplib loop:   {peer:6.2f} s  ({peer / n * 1000:5.1f} ms a message)")
    print(f"  appeal.send_folder:  {ours:6.2f} s  ({ours / n * 1000:5.1f} ms a message)")
    print(f"  ratio (appeal / bare): {ours / peer:.2f}")
    print(f"  rerun, all skipped:  {rerun:6.2f} s")


if __name__ == "__main__":
    main()
