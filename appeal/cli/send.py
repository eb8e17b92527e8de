"""``appeal send``: the letters as email messages, shown (a dry run) or sent over SMTP."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from appeal.cli.app import Command, app, usage
from appeal.cli.letters import (
    PDF_ENGINES,
    RenderOptions,
    UsageError,
    plan,
    progress_bar,
    render_options,
    write_all,
)
from appeal.cli.options import PdfEngine, PdfStandard, Quiet, Signatories
from appeal.cli.quick import EXIT_INVALID, EXIT_OK
from appeal.cli.report import report_error, say
from appeal.errors import AppealError
from appeal.writers import FORMATS

if TYPE_CHECKING:
    from appeal.bulk import Letter, WrittenFile
    from appeal.mail.log import SendLog
    from appeal.mail.sending import Outgoing, SendReport
    from appeal.mail.settings import ServerSettings


@app.command(cls=Command)
def send(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Case files, or folders of them.", show_default=False, metavar="PATH..."
        ),
    ],
    really: Annotated[
        bool, typer.Option("--send", help="Really send; without it, show what would be sent.")
    ] = False,
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Folder for the messages and the send log.", metavar="DIR"
        ),
    ] = Path("out"),
    recipients: Annotated[
        Path | None,
        typer.Option(
            help="A recipient list (CSV or YAML): one message per recipient.", metavar="FILE"
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Output name pattern from {stem}, {slug} and {index}.",
            metavar="PATTERN",
        ),
    ] = None,
    attach: Annotated[
        list[str] | None,
        typer.Option(
            "--attach",
            help="A format to attach (pdf, docx, …); repeat. Default: pdf.",
            metavar="FORMAT",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="The sender, 'Name <address>'. Default: from: in the settings.",
            metavar="ADDRESS",
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(help="The subject. Default: the case's subject.", metavar="TEXT"),
    ] = None,
    cc: Annotated[
        list[str] | None,
        typer.Option(
            "--cc", help="An address a copy of each message goes to; repeat.", metavar="ADDRESS"
        ),
    ] = None,
    cover: Annotated[
        Path | None,
        typer.Option(
            help="A text file as the message's body. Default: the text letter.", metavar="FILE"
        ),
    ] = None,
    server: Annotated[
        Path | None,
        typer.Option(
            help="The server settings (YAML). Default: appeal-smtp.yaml here, if any; "
            "APPEAL_SMTP_* variables override it.",
            metavar="FILE",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="Send at most this many messages in this run.", metavar="N"),
    ] = None,
    to_self: Annotated[
        str | None,
        typer.Option(
            "--to-self",
            help="Send every message to this address instead (a test).",
            metavar="ADDRESS",
        ),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Send again what the send log says was sent.")
    ] = False,
    rate: Annotated[
        float | None, typer.Option(help="At most this many messages a minute.", metavar="N")
    ] = None,
    pdf_engine: PdfEngine = PDF_ENGINES[0],
    pdf_standard: PdfStandard = None,
    soffice: Annotated[
        Path | None,
        typer.Option(
            help="PDF: the LibreOffice program (default: soffice on PATH).", metavar="PROGRAM"
        ),
    ] = None,
    signatories: Signatories = None,
    quiet: Quiet = False,
) -> None:
    """Make each letter an email message to its recipient, and send them.

    Without --send, a dry run: writes the messages (DIR/<name>.eml, with the
    files they attach) and prints what would go to whom; nothing is sent.
    With --send, each message goes over SMTP and DIR/send-log.jsonl records
    it; a rerun sends only what the log does not show as sent.
    """
    from appeal.mail.errors import MailError
    from appeal.mail.message import parse_address

    if limit is not None and limit < 1:
        usage("--limit must be 1 or more")
    if rate is not None and rate <= 0:
        usage("--rate must be more than 0")
    unknown = [f for f in attach or [] if f not in FORMATS or FORMATS[f].composed]
    if unknown:
        usable = [name for name, f in FORMATS.items() if not f.composed]
        usage(f"cannot attach '{unknown[0]}'; choose from {', '.join(usable)}")
    settings = _settings(server, need=really)
    sender = sender or (settings.sender if settings else None)
    if not sender:
        usage("no sender: give --from 'Name <address>', or from: in the server settings")
    try:
        for address in cc or []:
            parse_address(address)
        # The send log knows a test address by its address alone, in a dry run too.
        to_self = parse_address(to_self).addr_spec if to_self else None
        body = cover.read_text(encoding="utf-8") if cover else None
    except MailError as exc:
        usage(str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        usage(f"cannot read {cover}: {exc}")
    try:
        render = render_options(
            paths, str(output), ("eml",), recipients, name, soffice=soffice,
            signatories=signatories, quiet=quiet, pdf_engine=pdf_engine,
            pdf_standard=pdf_standard, attach=attach or (), sender=sender,
        )  # fmt: skip
    except UsageError as exc:
        usage(str(exc))
    assert render.write is not None
    email = replace(render.write.email, subject=subject, cc=tuple(cc or ()), cover=body)
    render = replace(render, write=replace(render.write, email=email))
    options = SendOptions(
        render=render,
        settings=settings if really else None, to_self=to_self, again=again, limit=limit,
        rate=rate,
        # Asked before the letters are rendered, not minutes later.
        password=_password(settings) if really and settings and settings.user else None,
    )  # fmt: skip
    code = run(options)
    if code:
        raise typer.Exit(code)


@dataclass(frozen=True)
class SendOptions:
    """What ``appeal send`` was asked to do, its options checked."""

    render: RenderOptions
    """How the messages are rendered (format ``eml``) and where."""
    settings: ServerSettings | None = None
    """The server to send through; None for a dry run."""
    to_self: str | None = None
    again: bool = False
    limit: int | None = None
    rate: float | None = None
    password: str | None = field(default=None, repr=False)


def run(options: SendOptions) -> int:
    """Render the messages, then show what would be sent or send it; the exit code."""
    from appeal.mail.sending import outbox, send_log

    batch = plan(options.render)
    if isinstance(batch, int):
        return batch
    # Only this run's messages: the folder's manifest also holds earlier runs' letters.
    names: set[str] = set()

    def written(letter: Letter, files: list[WrittenFile]) -> None:
        names.update(name for fmt, name, _ in files if fmt == "eml")

    rendered, report = write_all(batch, options.render.jobs, options.render.quiet, written)
    if report is None or not names:
        return EXIT_INVALID
    folder = Path(options.render.output)
    try:
        items = outbox(folder, names)
        log = send_log(folder)
    except AppealError as exc:
        report_error(exc)
        return EXIT_INVALID
    if options.settings is None:
        _dry_run(items, log, options)
        return rendered
    try:
        sent = _send(items, log, options.settings, options)
    except AppealError as exc:  # the send log cannot be written: stop at once
        report_error(exc)
        return EXIT_INVALID
    return EXIT_INVALID if rendered or sent.failed else EXIT_OK


def _settings(path: Path | None, need: bool) -> ServerSettings | None:
    """The server settings; a dry run goes on without them."""
    from appeal.mail.settings import load_settings

    try:
        return load_settings(path)
    except AppealError as exc:
        if need or path is not None:
            usage(str(exc))
        return None


def _dry_run(items: list[Outgoing], log: SendLog, options: SendOptions) -> None:
    from appeal.mail.sending import plan_send

    count, limit = 0, options.limit
    for item in items:
        planned = plan_send(item, log, to_self=options.to_self, again=options.again)
        subject = item.headers.get("Subject", "")
        if planned.skip:
            print(f"skip {item.path}: {planned.skip}")
        elif limit is not None and count >= limit:
            print(f"skip {item.path}: beyond --limit {limit}")
        else:
            count += 1
            print(f"{item.path} -> {', '.join(planned.to)}: {subject}")
    say(
        f"dry run: {count} message{'s' * (count != 1)} would be sent; nothing was sent "
        "(add --send to send)"
    )


def _send(
    items: list[Outgoing], log: SendLog, settings: ServerSettings, options: SendOptions
) -> SendReport:
    from appeal.mail.sending import Status, send_messages
    from appeal.mail.transport import SmtpTransport

    transport = SmtpTransport.from_settings(settings, options.password)
    quiet = options.render.quiet
    show = not quiet and len(items) > 1 and sys.stderr.isatty()
    try:
        with progress_bar(show, len(items), "sending", "messages") as advance:
            report = send_messages(
                items, transport, log, to_self=options.to_self, again=options.again,
                limit=options.limit, rate=options.rate, progress=advance,
            )  # fmt: skip
    finally:
        transport.close()
    for result in report.results:
        if result.status == Status.sent and not quiet:
            print(f"sent {result.item.path} -> {', '.join(result.to)}: {result.detail}")
        elif result.status == Status.failed:
            say(f"failed: {result.item.path}: {result.detail}")
        elif result.status == Status.skipped and not quiet:
            print(f"skip {result.item.path}: {result.detail}")
    unsent = [r for r in report.results if r.status in (Status.unsent, Status.held)]
    reasons = dict.fromkeys(r.detail for r in unsent)
    for reason in reasons:
        say(f"not sent: {sum(r.detail == reason for r in unsent)} ({reason})")
    parts = [
        f"{report.count(Status.sent)} sent",
        f"{report.count(Status.skipped)} skipped",
        f"{report.count(Status.failed)} failed",
    ]
    if unsent:
        parts.append(f"{len(unsent)} not sent")
    say(f"{', '.join(parts)}; log: {report.log}")
    return report


def _password(settings: ServerSettings) -> str:
    from appeal.mail.settings import PASSWORD_VARIABLE

    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        return password
    if not sys.stdin.isatty():
        usage(f"no password for {settings.user}: set {PASSWORD_VARIABLE}")
    entered: str = typer.prompt(f"Password for {settings.user} at {settings.host}", hide_input=True)
    return entered
