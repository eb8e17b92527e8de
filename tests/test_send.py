"""Sending letters by email: a real SMTP server on 127.0.0.1 checks what arrives.

Every server runs on 127.0.0.1 and is stopped by its test; nothing leaves
this machine. The messages attach the Word letter, so most of these tests do
not depend on a PDF engine; the example campaign attaches its PDF.
"""

from __future__ import annotations

import hashlib
import json
import os
import pty
import re
import signal
import smtplib
import subprocess
import sys
import threading
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

import pytest
import trustme
from conftest import require_tool
from smtp_server import Handler, accept, free_port, read_folder, serve, tls_context, wait_for_port
from typer.testing import CliRunner, Result

import appeal
from appeal.cli import app
from appeal.mail.log import SEND_LOG, SendLog
from appeal.mail.message import parse_address
from appeal.mail.sending import Status, outbox, send_messages
from appeal.mail.transport import Answer
from appeal.spec import EMAIL

ROOT = Path(__file__).parent.parent
runner = CliRunner()
SENDER = "Campaign Desk <desk@campaign.example>"

CASE = """\
date: 2021-05-03
subject: Release the journalists
recipients:
  - {name: President Ana Pop, email: [president@gov.example, office@gov.example]}
  - {name: Prosecutor Ion Rusu, email: prosecutor@gov.example}
  - {name: Ombudsperson Maria Dan, email: [ombuds@gov.example]}
grounds: We write about the journalists.[^a]
demands: Release them.
citations: {a: {text: Report, url: "https://example.org/r"}}
signatories: [amnesty, hrw]
"""

RECIPIENTS = (
    ["president@gov.example", "office@gov.example"],
    ["prosecutor@gov.example"],
    ["ombuds@gov.example"],
)


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "press.yaml").write_text(CASE, encoding="utf-8")
    (tmp_path / "signatories.yaml").write_text(
        (ROOT / "signatories.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def _env(port: int, **more: str) -> dict[str, str]:
    env = {"APPEAL_SMTP_HOST": "127.0.0.1", "APPEAL_SMTP_PORT": str(port)}
    env.setdefault("APPEAL_SMTP_SECURITY", "none")
    env.update({f"APPEAL_SMTP_{k.upper()}": v for k, v in more.items()})
    return env


def _send(campaign: Path, env: dict[str, str], *args: str, case: str = "press.yaml") -> Result:
    command = ["send", str(campaign / "cases" / case), "-o", str(campaign / "out"), "--from",
               SENDER, "--attach", "docx", *args]  # fmt: skip
    return runner.invoke(app, command, env=env)


def _log(campaign: Path) -> list[dict[str, object]]:
    lines = (campaign / "out" / SEND_LOG).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_dry_run_writes_the_messages_and_sends_nothing(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port))
    assert result.exit_code == 0, result.output
    assert handler.received == []
    out = campaign / "out"
    assert "press-president-ana-pop.eml -> president@gov.example, office@gov.example" in (
        result.stdout
    )
    assert "3 messages would be sent; nothing was sent" in result.stderr
    assert not (out / SEND_LOG).exists()
    assert sorted(p.name for p in out.glob("*.eml")) == [
        "press-ombudsperson-maria-dan.eml",
        "press-president-ana-pop.eml",
        "press-prosecutor-ion-rusu.eml",
    ]


def test_send_delivers_each_letter_to_its_recipients(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send")
    assert result.exit_code == 0, result.output
    assert "3 sent, 0 skipped, 0 failed" in result.stderr
    out = campaign / "out"
    got = {tuple(r.recipients): r for r in handler.received}
    assert sorted(got) == sorted(tuple(r) for r in RECIPIENTS)
    president = got[("president@gov.example", "office@gov.example")]
    assert president.sender == "desk@campaign.example"
    # What arrived is the .eml file written beside the letter, byte for byte.
    assert president.data == (out / "press-president-ana-pop.eml").read_bytes()
    msg = president.message
    assert msg["Subject"] == "Release the journalists"
    assert msg["From"] == SENDER
    assert msg["To"] == (
        "President Ana Pop <president@gov.example>, President Ana Pop <office@gov.example>"
    )
    assert msg["Date"] == "Mon, 03 May 2021 00:00:00 +0000"
    body = msg.get_body(("plain",))
    assert body is not None
    text = (out / "press-president-ana-pop.txt").read_text(encoding="utf-8")
    assert body.get_content() == text.replace("\n", "\r\n")  # lines end in CRLF in mail
    (attachment,) = msg.iter_attachments()
    assert isinstance(attachment, EmailMessage)
    assert attachment.get_filename() == "press-president-ana-pop.docx"
    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert attachment.get_content() == (out / "press-president-ana-pop.docx").read_bytes()
    # The log: a line before and one after each message, with the server's answer.
    log = _log(campaign)
    assert [e["status"] for e in log] == ["sending", "sent"] * 3
    sent = [e for e in log if e["status"] == "sent"]
    assert {e["message_id"] for e in sent} == {r.message["Message-ID"] for r in handler.received}
    assert all(str(e["answer"]).startswith("250 2.0.0 Ok: queued as") for e in sent)
    assert sent[0]["accepted"] == ["president@gov.example", "office@gov.example"]
    eml = (out / "press-president-ana-pop.eml").read_bytes()
    assert log[0] == {
        "time": log[0]["time"],
        "status": "sending",
        "letter": "press-president-ana-pop.eml",
        "case": "press.yaml",
        "recipient": "President Ana Pop",
        "message_id": president.message["Message-ID"],
        "to": ["president@gov.example", "office@gov.example"],
        "sha256": hashlib.sha256(eml).hexdigest(),
    }


def test_a_rerun_sends_nothing_again_unless_asked(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        assert _send(campaign, _env(port), "--send").exit_code == 0
        again = _send(campaign, _env(port), "--send")
        assert again.exit_code == 0, again.output
        assert len(handler.received) == 3
        assert "0 sent, 3 skipped" in again.stderr
        assert "skip" in again.stdout and "sent at" in again.stdout
        forced = _send(campaign, _env(port), "--send", "--again", "--limit", "1")
        assert forced.exit_code == 0, forced.output
        assert len(handler.received) == 4
        assert handler.received[3].data == handler.received[0].data
        # A letter corrected after it went out is not sent again by accident.
        case = campaign / "cases" / "press.yaml"
        case.write_text(CASE.replace("Release them.", "Release them now."), encoding="utf-8")
        corrected = _send(campaign, _env(port), "--send")
        assert corrected.exit_code == 0, corrected.output
        assert "the message differs from the one sent (--again sends it)" in corrected.stdout
    assert len(handler.received) == 4


def test_messages_are_reproducible(campaign: Path) -> None:
    first = _send(campaign, {})
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in (campaign / "out").glob("*.eml")}
    second = _send(campaign, {})
    assert second.exit_code == 0, second.output
    after = {p.name: p.read_bytes() for p in (campaign / "out").glob("*.eml")}
    assert len(before) == 3
    assert before == after


def test_limit_sends_that_many_and_the_rerun_the_next(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        first = _send(campaign, _env(port), "--send", "--limit", "1")
        assert first.exit_code == 0, first.output
        assert [r.recipients for r in handler.received] == [RECIPIENTS[0]]
        assert "not sent: 2 (--limit 1)" in first.stderr
        _send(campaign, _env(port), "--send", "--limit", "1")
        assert [r.recipients for r in handler.received] == [RECIPIENTS[0], RECIPIENTS[1]]
        _send(campaign, _env(port), "--send")
    assert [r.recipients for r in handler.received] == list(RECIPIENTS)


def test_to_self_goes_to_the_test_address_and_does_not_count_as_sent(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        test = _send(campaign, _env(port), "--send", "--limit", "1", "--to-self", "me@ngo.example")
        assert test.exit_code == 0, test.output
        (received,) = handler.received
        assert received.recipients == ["me@ngo.example"]
        assert received.message["To"] == "me@ngo.example"
        assert received.message["X-Appeal-Test-For"] == "president@gov.example, office@gov.example"
        real = _send(campaign, _env(port), "--send")
        assert real.exit_code == 0, real.output
    assert len(handler.received) == 4
    assert sorted(r.recipients for r in handler.received[1:]) == sorted(RECIPIENTS)


def test_a_dry_run_knows_what_was_sent_to_self_under_a_named_address(campaign: Path) -> None:
    handler = Handler()
    me = "Me <me@ngo.example>"
    with serve(handler) as port:
        sent = _send(campaign, _env(port), "--send", "--limit", "1", "--to-self", me)
        assert sent.exit_code == 0, sent.output
        dry = _send(campaign, _env(port), "--to-self", me)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.count("me@ngo.example") == 2  # the two letters not yet sent to self
    assert "Me <" not in dry.stdout
    assert len(handler.received) == 1


def test_a_refused_recipient_does_not_stop_the_others(campaign: Path) -> None:
    handler = Handler(refuse={"prosecutor@gov.example", "office@gov.example"})
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send")
        assert result.exit_code == 1
        assert "550 5.1.1 No such mailbox here" in result.stderr
        assert "1 sent, 0 skipped, 2 failed" in result.stderr
        # The president's letter reached one of its two addresses; the prosecutor's none.
        assert sorted(r.recipients for r in handler.received) == [
            ["ombuds@gov.example"],
            ["president@gov.example"],
        ]
        handler.refuse.clear()
        rerun = _send(campaign, _env(port), "--send")
    assert rerun.exit_code == 0, rerun.output
    # The rerun sends only to the addresses that have not accepted the letter.
    assert sorted(r.recipients for r in handler.received[2:]) == [
        ["office@gov.example"],
        ["prosecutor@gov.example"],
    ]


def test_a_server_killed_halfway_and_the_rerun_sends_exactly_the_rest(
    campaign: Path, tmp_path: Path
) -> None:
    rows = "\n".join(f"Person {i},p{i}@gov.example" for i in range(1, 6))
    (campaign / "five.csv").write_text(f"name,email\n{rows}\n", encoding="utf-8")
    dying = tmp_path / "dying"
    dying.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "smtp_server.py"), "--port", str(port),
         "--folder", str(dying), "--die-after", "2"],
    )  # fmt: skip
    try:
        wait_for_port(port)
        first = _send(campaign, _env(port), "--send", "--recipients", str(campaign / "five.csv"))
        assert server.wait(timeout=30) == 1
    finally:
        server.kill()
        server.wait()
    assert first.exit_code == 1
    assert [r.recipients for r in read_folder(dying)] == [["p1@gov.example"], ["p2@gov.example"]]
    assert "2 sent, 0 skipped, 1 failed, 2 not sent" in first.stderr
    handler = Handler()
    with serve(handler) as port:
        rerun = _send(campaign, _env(port), "--send", "--recipients", str(campaign / "five.csv"))
    assert rerun.exit_code == 0, rerun.output
    assert [r.recipients for r in handler.received] == [[f"p{i}@gov.example"] for i in (3, 4, 5)]


def test_a_send_with_no_answer_in_the_log_is_not_repeated(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        assert _send(campaign, _env(port), "--send", "--limit", "1").exit_code == 0
        log = campaign / "out" / SEND_LOG
        # As if the run had been killed after handing the message over: no answer line,
        # and the last line cut short.
        lines = log.read_text(encoding="utf-8").splitlines()
        log.write_text(lines[0] + "\n" + lines[1][:20], encoding="utf-8")
        rerun = _send(campaign, _env(port), "--send")
        assert rerun.exit_code == 0, rerun.output
        assert "may have gone out" in rerun.stdout
        assert len(handler.received) == 3  # the two others, not the uncertain one
        forced = _send(campaign, _env(port), "--send", "--again", "--limit", "1")
        assert forced.exit_code == 0
    assert handler.received[3].recipients == RECIPIENTS[0]


def test_rate_limit_keeps_the_order(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send", "--rate", "1200")
    assert result.exit_code == 0, result.output
    assert [r.recipients for r in handler.received] == list(RECIPIENTS)


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        (
            {"case": "c.yaml", "recipient": "R", "files": [{"format": "eml"}]},
            "an entry has no 'path'",
        ),
        (
            {"recipient": "R", "files": [{"format": "eml", "path": "x.eml"}]},
            "an entry has no 'case'",
        ),
        ("not an entry", "an entry is not as written"),
    ],
)
def test_a_manifest_edited_out_of_shape_is_an_error_not_a_crash(
    tmp_path: Path, entry: object, says: str
) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"letters": [entry]}), encoding="utf-8")
    with pytest.raises(appeal.MailError, match=f"manifest.json is not a manifest: {says}"):
        outbox(tmp_path)


def test_rate_waits_between_messages_not_before_the_first(campaign: Path) -> None:
    assert _send(campaign, {}).exit_code == 0
    out = campaign / "out"
    events: list[str] = []
    now = [0.0]

    class Recorder:
        def send(self, data: bytes, sender: str, recipients: Sequence[str]) -> Answer:
            events.append("send " + ",".join(recipients))
            now[0] += 0.5
            return Answer(tuple(recipients), reply="250 OK")

        def close(self) -> None:
            events.append("close")

    def sleep(seconds: float) -> None:
        events.append(f"sleep {seconds:g}")
        now[0] += seconds

    report = send_messages(
        outbox(out), Recorder(), SendLog(out / SEND_LOG), rate=30, clock=lambda: now[0],
        sleep=sleep,
    )  # fmt: skip
    assert [r.status for r in report.results] == [Status.sent] * 3
    assert events == [
        "send president@gov.example,office@gov.example",
        "sleep 1.5",
        "send prosecutor@gov.example",
        "sleep 1.5",
        "send ombuds@gov.example",
    ]


def test_starttls_and_login(campaign: Path, tmp_path: Path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    handler = Handler()
    options = {"tls_context": tls_context(cert), "require_starttls": True,
               "authenticator": accept("desk", "s3cret"), "auth_required": True}  # fmt: skip
    with serve(handler, **options) as port:
        env = _env(port, security="starttls", user="desk", ca_file=str(tmp_path / "ca.pem"),
                   password="s3cret")  # fmt: skip
        result = _send(campaign, env, "--send")
        assert result.exit_code == 0, result.output
        assert len(handler.received) == 3
        wrong = _send(campaign, {**env, "APPEAL_SMTP_PASSWORD": "nope"}, "--send", "--again")
        assert wrong.exit_code == 1
        assert "refused the login of desk" in wrong.stderr
        untrusted = {k: v for k, v in env.items() if k != "APPEAL_SMTP_CA_FILE"}
        refused = _send(campaign, untrusted, "--send", "--again")
        assert refused.exit_code == 1
        assert "no secure connection" in refused.stderr
    assert len(handler.received) == 3


def test_a_connection_that_cannot_be_made_fails_cleanly_and_sends_later(
    campaign: Path, tmp_path: Path
) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    handler = Handler()
    options = {"tls_context": tls_context(cert), "require_starttls": True,
               "authenticator": accept("desk", "s3cret"), "auth_required": True}  # fmt: skip
    with serve(handler, **options) as port:
        env = _env(port, security="starttls", user="desk", ca_file=str(tmp_path / "ca.pem"),
                   password="s3cret")  # fmt: skip
        no_ca = _send(campaign, {**env, "APPEAL_SMTP_CA_FILE": str(tmp_path / "no.pem")}, "--send")
        assert no_ca.exit_code == 1, no_ca.output
        assert "ca_file" in no_ca.stderr
        accented = _send(campaign, {**env, "APPEAL_SMTP_PASSWORD": "s3crét"}, "--send")
        assert accented.exit_code == 1, accented.output
        assert "ASCII" in accented.stderr
        # Nothing went out, so nothing is held back as "may have gone out".
        result = _send(campaign, env, "--send")
        assert result.exit_code == 0, result.output
    assert len(handler.received) == 3


def test_ssl_from_the_first_byte(campaign: Path, tmp_path: Path) -> None:
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    handler = Handler()
    with serve(handler, ssl_context=tls_context(ca.issue_cert("127.0.0.1"))) as port:
        env = _env(port, security="ssl", ca_file=str(tmp_path / "ca.pem"))
        result = _send(campaign, env, "--send")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 3


def test_a_password_in_clear_text_is_refused_unless_allowed(campaign: Path) -> None:
    handler = Handler()
    options = {"authenticator": accept("desk", "s3cret"), "auth_require_tls": False}
    with serve(handler, **options) as port:
        env = _env(port, user="desk", password="s3cret")
        refused = _send(campaign, env, "--send")
        assert refused.exit_code == 2
        assert "refusing to send a password without TLS" in refused.stderr
        assert handler.received == []
        allowed = _send(campaign, {**env, "APPEAL_SMTP_ALLOW_PLAIN_AUTH": "true"}, "--send")
    assert allowed.exit_code == 0, allowed.output
    assert len(handler.received) == 3


def test_a_password_is_never_read_from_the_settings_file(campaign: Path) -> None:
    settings = campaign / "smtp.yaml"
    settings.write_text("host: 127.0.0.1\nuser: desk\npassword: s3cret\n", encoding="utf-8")
    result = _send(campaign, {}, "--send", "--server", str(settings))
    assert result.exit_code == 2
    assert "a password is never read from a file" in result.stderr


def test_settings_file_with_the_environment_over_it(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        settings = campaign / "smtp.yaml"
        settings.write_text(
            f"host: 127.0.0.1\nport: {port + 1}\nsecurity: none\nfrom: {SENDER}\n",
            encoding="utf-8",
        )
        command = ["send", str(campaign / "cases"), "-o", str(campaign / "out"), "--attach",
                   "docx", "--server", str(settings), "--send"]  # fmt: skip
        result = runner.invoke(app, command, env={"APPEAL_SMTP_PORT": str(port)})
    assert result.exit_code == 0, result.output
    assert [r.sender for r in handler.received] == ["desk@campaign.example"] * 3


def test_non_ascii_names_subject_and_file_names(campaign: Path) -> None:
    case = CASE.replace("subject: Release the journalists", "subject: Освободите журналистов")
    case = case.replace("President Ana Pop", "Президент Ана Поп")
    (campaign / "cases" / "dossier-café.yaml").write_text(case, encoding="utf-8")
    handler = Handler()
    with serve(handler) as port:
        result = runner.invoke(
            app,
            ["send", str(campaign / "cases" / "dossier-café.yaml"), "-o", str(campaign / "out"),
             "--from", "Société Civile <desk@campaign.example>", "--attach", "docx", "--send",
             "--subject", "Дело журналистов — срочно"],
            env=_env(port),
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    raw = next(r for r in handler.received if "president@gov.example" in r.recipients)
    assert raw.data.isascii()  # every header and part encoded for any server
    msg = raw.message
    assert msg["Subject"] == "Дело журналистов — срочно"
    assert msg["From"] == "Société Civile <desk@campaign.example>"
    assert msg["To"].addresses[0].display_name == "Президент Ана Поп"
    (attachment,) = msg.iter_attachments()
    assert isinstance(attachment, EmailMessage)
    name = attachment.get_filename()
    assert name is not None and name.startswith("dossier-café-")
    assert attachment.get_content() == (campaign / "out" / name).read_bytes()
    body = msg.get_body(("plain",))
    assert body is not None and "Президент Ана Поп" in body.get_content()


def test_a_recipient_without_an_address_is_reported(campaign: Path) -> None:
    (campaign / "list.csv").write_text(
        "name,email\nWith Address,a@gov.example\nNo Address,\n", encoding="utf-8"
    )
    result = _send(campaign, {}, "--recipients", str(campaign / "list.csv"))
    assert result.exit_code == 1
    assert "No Address has no email address" in result.stderr
    out = campaign / "out"
    assert sorted(p.name for p in out.glob("*.eml")) == ["press-with-address.eml"]
    assert not list(out.glob("press-no-address.*"))  # nothing half-written


def test_the_example_campaign_end_to_end(tmp_path: Path) -> None:
    """The README's steps on the Askarov letter: a dry run, a test to oneself, the
    real send with its PDF (the default engine), and a rerun that sends nothing."""
    out = tmp_path / "out"
    case = str(ROOT / "cases" / "askarov-2020.yaml")
    handler = Handler()
    with serve(handler) as port:
        env = _env(port, **{"from": "Coalition Desk <desk@coalition.example>"})
        base = ["send", case, "-o", str(out)]
        dry = runner.invoke(app, base, env=env)
        assert dry.exit_code == 0, dry.output
        assert "askarov-2020.eml -> pisma@mail.gov.kg, oip@adm.gov.kg: Case of Azimjon" in (
            dry.stdout
        )
        test = runner.invoke(app, [*base, "--send", "--to-self", "me@ngo.example"], env=env)
        assert test.exit_code == 0, test.output
        real = runner.invoke(app, [*base, "--send"], env=env)
        assert real.exit_code == 0, real.output
        rendered = (out / "askarov-2020.pdf").read_bytes()
        sent = (out / "askarov-2020.eml").read_bytes()
        rerun = runner.invoke(app, [*base, "--send"], env=env)
        assert rerun.exit_code == 0, rerun.output
    # The default PDF engine is reproducible, so the rerun made the same message.
    assert (out / "askarov-2020.eml").read_bytes() == sent == handler.received[1].data
    assert [r.recipients for r in handler.received] == [
        ["me@ngo.example"],
        ["pisma@mail.gov.kg", "oip@adm.gov.kg"],
    ]
    assert "0 sent, 1 skipped" in rerun.stderr
    msg = handler.received[1].message
    assert msg["Subject"] == "Case of Azimjon Askarov"
    assert msg["From"] == "Coalition Desk <desk@coalition.example>"
    body = msg.get_body(("plain",))
    assert body is not None and "call upon you to urgently release Mr. Askarov" in " ".join(
        body.get_content().split()
    )
    (pdf,) = msg.iter_attachments()
    assert isinstance(pdf, EmailMessage)
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "askarov-2020.pdf"
    assert pdf.get_content() == rendered
    assert rendered.startswith(b"%PDF-")


def test_the_api_builds_messages_and_sends_with_a_given_client(campaign: Path) -> None:
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    mail = appeal.EmailOptions(attach=("docx", "md"), sender=SENDER, subject="Free them")
    options = appeal.WriteOptions(email=mail)
    msg = appeal.email_message(case, case.recipients[1], options)
    assert msg["To"] == "Prosecutor Ion Rusu <prosecutor@gov.example>"
    assert msg["Subject"] == "Free them"
    docx, md = msg.iter_attachments()
    assert isinstance(docx, EmailMessage) and isinstance(md, EmailMessage)
    assert (docx.get_filename(), md.get_filename()) == ("press.docx", "press.md")
    assert docx.get_content() == appeal.render(case, "docx", case.recipients[1])
    assert md.get_content() == appeal.render(case, "md", case.recipients[1])
    out = campaign / "out"
    report = appeal.render_all([campaign / "cases"], out, ["eml"], options=options)
    assert report.letters == 3
    handler = Handler()
    with serve(handler) as port:
        transport = appeal.SmtpTransport(lambda: smtplib.SMTP("127.0.0.1", port, timeout=30))
        try:
            sent = appeal.send_folder(out, transport, limit=2)
        finally:
            transport.close()
    assert [r.status for r in sent.results] == [Status.sent, Status.sent, Status.held]
    assert [r.recipients for r in handler.received] == list(RECIPIENTS[:2])
    assert handler.received[0].data == (out / "press-president-ana-pop.eml").read_bytes()


def test_a_recipient_without_an_address_is_an_error_in_the_api(campaign: Path) -> None:
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    nobody = appeal.Recipient(name="Nobody")
    with pytest.raises(appeal.MailError, match="Nobody has no email address"):
        appeal.email_message(case, nobody)


def test_the_case_sets_the_subject_and_a_cover_note(campaign: Path) -> None:
    case = CASE + (
        "email:\n"
        "  subject: Joint letter on the journalists\n"
        "  cover:\n"
        "    - Please find attached our joint letter.\n"
        "    - |-\n"
        "      With respect,\n"
        "      the campaign desk\n"
    )
    (campaign / "cases" / "press.yaml").write_text(case, encoding="utf-8")
    case_obj = appeal.load_case(campaign / "cases" / "press.yaml")
    options = appeal.WriteOptions(email=appeal.EmailOptions(attach=("docx",)))
    msg = appeal.email_message(case_obj, options=options)
    assert msg["Subject"] == "Joint letter on the journalists"
    body = msg.get_body(("plain",))
    assert body is not None
    assert body.get_content() == (
        "Please find attached our joint letter.\r\n\r\nWith respect,\r\nthe campaign desk\r\n"
    )
    override = appeal.EmailOptions(attach=("docx",), subject="Another", cover="A note.")
    msg = appeal.email_message(case_obj, options=appeal.WriteOptions(email=override))
    assert msg["Subject"] == "Another"
    body = msg.get_body(("plain",))
    assert body is not None and body.get_content() == "A note.\r\n"


def test_a_mistyped_email_key_is_reported(campaign: Path) -> None:
    (campaign / "cases" / "press.yaml").write_text(
        CASE + "email: {subjet: Hello}\n", encoding="utf-8"
    )
    problems = appeal.validate(campaign / "cases" / "press.yaml")
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("unknown-key", 11, "email has no key 'subjet'; did you mean 'subject'?")
    ]


def test_a_run_that_renders_no_message_sends_none_of_an_earlier_run(campaign: Path) -> None:
    handler = Handler()
    with serve(handler) as port:
        assert _send(campaign, _env(port)).exit_code == 0  # a dry run leaves three messages
        head, tail = CASE.split("recipients:")[0], CASE.split("grounds:")[1]
        no_address = f"{head}recipient: {{name: Nobody}}\ngrounds:{tail}"
        (campaign / "cases" / "bad.yaml").write_text(no_address, encoding="utf-8")
        result = _send(campaign, _env(port), "--send", case="bad.yaml")
    assert result.exit_code == 1
    assert "has no email address" in result.stderr
    assert handler.received == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("desk@ngo.example", "desk@ngo.example"),
        ("Desk <desk@ngo.example>", "desk@ngo.example"),
        ('"Desk, Campaigns" <desk@ngo.example>', "desk@ngo.example"),
        ("desk@ngo", None),
        ("desk@@ngo.example", None),
        ("de sk@ngo.example", None),
        (".desk@ngo.example", None),
        ("desk@ngo..example", None),
        ("desk@ngo.example, other@ngo.example", None),
        ("dèsk@ngo.example", None),
        ("pisma@президент.рф", "pisma@xn--d1abbgf6aiiy.xn--p1ai"),
        ("Канцелярия <pisma@президент.рф>", "pisma@xn--d1abbgf6aiiy.xn--p1ai"),
        ("desk@ngo.example\nBcc: spy@evil.example", None),
        ("<>", None),
    ],
)
def test_addresses(text: str, address: str | None) -> None:
    if address is None:
        with pytest.raises(appeal.MailError):
            parse_address(text)
    else:
        assert parse_address(text).addr_spec == address


def _spellings() -> list[str]:
    """Addresses with each printable ASCII character (and a few others) in each
    place: inside, doubled, at the start and at the end of the name and the domain."""
    chars = [*(chr(c) for c in range(0x21, 0x7F)), " ", "\t", "é", "Д"]
    found = []
    for c in chars:
        found += [
            f"a{c}b@example.org", f"a{c}{c}b@example.org", f"{c}a@example.org",
            f"a{c}@example.org", f"ab@exa{c}mple.org", f"ab@exa{c}{c}mple.org",
            f"ab@{c}example.org", f"ab@example.org{c}", f"ab@example.o{c}rg",
        ]  # fmt: skip
    return found


def test_every_address_that_validates_can_be_sent() -> None:
    """The validator's pattern and the message's parser agree: no letter passes
    `appeal validate` and then fails when its message is made (but a name before
    the @ in another script, which cannot be sent yet, says so)."""
    refused = []
    for spelling in _spellings():
        if not re.fullmatch(EMAIL, spelling):
            continue
        try:
            parse_address(spelling)
        except appeal.MailError as exc:
            if "other scripts" not in str(exc):
                refused.append(spelling)
    assert refused == []


def test_a_line_break_in_a_name_cannot_add_a_header(campaign: Path) -> None:
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    evil = appeal.Recipient(name="Ana\r\nBcc: spy@evil.example", email=("ana@gov.example",))
    options = appeal.WriteOptions(email=appeal.EmailOptions(attach=("docx",), sender=SENDER))
    msg = appeal.email_message(case, evil, options)
    assert msg["Bcc"] is None
    assert msg["To"] == '"Ana Bcc: spy@evil.example" <ana@gov.example>'


def test_render_writes_messages_with_their_attachments(campaign: Path) -> None:
    out = campaign / "out"
    command = ["render", str(campaign / "cases"), "-o", str(out), "-f", "eml", "--attach",
               "docx", "--attach", "md", "--from", SENDER]  # fmt: skip
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [f["format"] for f in manifest["letters"][0]["files"]] == ["txt", "docx", "md", "eml"]
    bad = runner.invoke(app, [*command[:-1], "no-address"])
    assert bad.exit_code == 2
    assert "--from: 'no-address' is not an email address" in bad.stderr
    loop = runner.invoke(app, [*command[:6], "--attach", "eml"])
    assert loop.exit_code == 2
    assert "format 'eml' cannot be made from itself" in loop.stderr


def test_no_password_and_no_terminal_to_ask_on(campaign: Path) -> None:
    with serve(Handler()) as port:
        env = _env(port, user="desk", allow_plain_auth="true")
        result = _send(campaign, env, "--send")
    assert result.exit_code == 2
    assert "no password for desk: set APPEAL_SMTP_PASSWORD" in result.stderr


def test_a_progress_bar_on_a_terminal(campaign: Path) -> None:
    rows = "\n".join(f"Person {i},p{i}@gov.example" for i in range(1, 8))
    (campaign / "seven.csv").write_text(f"name,email\n{rows}\n", encoding="utf-8")
    handler = Handler()
    controller, terminal = pty.openpty()
    with serve(handler) as port:
        command = [sys.executable, "-m", "appeal", "send", str(campaign / "cases" / "press.yaml"),
                   "-o", str(campaign / "out"), "--from", SENDER, "--attach", "docx",
                   "--recipients", str(campaign / "seven.csv"), "--send"]  # fmt: skip
        env = {**os.environ, **_env(port), "COLUMNS": "100", "TERM": "xterm"}
        process = subprocess.Popen(command, env=env, stderr=terminal, stdout=subprocess.DEVNULL)
        os.close(terminal)
        chunks: list[bytes] = []
        reader = threading.Thread(target=_read_all, args=(controller, chunks))
        reader.start()
        try:
            process.wait(timeout=120)
        finally:
            process.kill()
            process.wait()
            reader.join()
            os.close(controller)
    shown = b"".join(chunks)
    assert process.returncode == 0, shown.decode("utf-8", "replace")
    assert len(handler.received) == 7
    text = shown.decode("utf-8", "replace")
    assert "rendering" in text and "sending" in text
    assert "7/7" in text


def _read_all(fd: int, chunks: list[bytes]) -> None:
    """Read a terminal until the program on it has closed it."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            return
        if not chunk:
            return
        chunks.append(chunk)


@pytest.mark.parametrize(
    ("settings", "environ", "expected"),
    [
        ("host: smtp.ngo.example\n", {}, ("smtp.ngo.example", 587, "starttls")),
        ("host: smtp.ngo.example\nsecurity: ssl\n", {}, ("smtp.ngo.example", 465, "ssl")),
        ("host: h.example\nsecurity: SSL\nport: 2465\n", {}, ("h.example", 2465, "ssl")),
        ("host: h.example\n", {"APPEAL_SMTP_SECURITY": "none"}, ("h.example", 25, "none")),
        ("", {"APPEAL_SMTP_HOST": "e.example", "APPEAL_SMTP_PORT": "2525"},
         ("e.example", 2525, "starttls")),
        ("host: h.example\nsecurity: tls\n", {}, "security must be one of starttls, ssl, none"),
        ("host: h.example\nport: many\n", {}, "port must be a number, not 'many'"),
        ("host: h.example\nserver: x\n", {}, "unknown key 'server'"),
        ("port: 25\n", {}, "no mail server: set 'host'"),
        ("- host\n", {}, "must be a mapping"),
        ("host: h.example\nfrom: nobody\n", {}, "'nobody' is not an email address"),
        ("host: h.example\nuser: u\nsecurity: none\n", {}, "refusing to send a password"),
    ],
)  # fmt: skip
def test_server_settings(
    tmp_path: Path, settings: str, environ: dict[str, str], expected: tuple[str, int, str] | str
) -> None:
    (tmp_path / "appeal-smtp.yaml").write_text(settings, encoding="utf-8")
    if isinstance(expected, str):
        with pytest.raises(appeal.MailError, match=expected):
            appeal.load_settings(environ=environ, folder=tmp_path)
    else:
        found = appeal.load_settings(environ=environ, folder=tmp_path)
        assert (found.host, found.port, found.security.value) == expected


def test_interrupted_while_the_server_has_the_message_it_is_not_sent_twice(
    campaign: Path,
) -> None:
    """Ctrl-C after the message went to the server, before its answer: the server
    delivers it, and the rerun does not send it again."""
    hold = threading.Event()
    handler = Handler(hold=hold)
    with serve(handler) as port:
        command = [sys.executable, "-m", "appeal", "send", str(campaign / "cases" / "press.yaml"),
                   "-o", str(campaign / "out"), "--from", SENDER, "--attach", "docx",
                   "--send"]  # fmt: skip
        process = subprocess.Popen(
            command, env={**os.environ, **_env(port)}, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            assert handler.holding.wait(timeout=120)
            process.send_signal(signal.SIGINT)
            _, errors = process.communicate(timeout=60)
        finally:
            hold.set()
            process.kill()
            process.communicate()
        assert process.returncode == 130, errors
        handler.hold = None
        assert [r.recipients for r in handler.received] == [RECIPIENTS[0]]
        rerun = _send(campaign, _env(port), "--send")
    assert rerun.exit_code == 0, rerun.output
    assert "may have gone out" in rerun.stdout
    assert [r.recipients for r in handler.received] == list(RECIPIENTS)


def test_copies_go_to_the_case_and_command_line_cc(campaign: Path) -> None:
    (campaign / "cases" / "press.yaml").write_text(
        CASE + "email:\n  cc: [desk@coalition.example]\n", encoding="utf-8"
    )
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send", "--limit", "1", "--cc", "un@ohchr.example")
    assert result.exit_code == 0, result.output
    (received,) = handler.received
    assert received.recipients == [
        "president@gov.example", "office@gov.example", "desk@coalition.example",
        "un@ohchr.example",
    ]  # fmt: skip
    assert received.message["Cc"] == "desk@coalition.example, un@ohchr.example"


def test_a_bad_copy_address_is_a_located_error(campaign: Path) -> None:
    (campaign / "cases" / "press.yaml").write_text(
        CASE + "email:\n  cc: [desk@coalition.example, not-an-address]\n", encoding="utf-8"
    )
    problems = appeal.validate(campaign / "cases" / "press.yaml")
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("invalid-email", 12, "'not-an-address' is not an email address")
    ]


def test_a_connection_the_server_closed_while_idle_is_opened_again(campaign: Path) -> None:
    handler = Handler()
    with serve(handler, timeout=0.2) as port:  # the server drops a connection idle for 0.2 s
        result = _send(campaign, _env(port), "--send", "--rate", "120")  # one every 0.5 s
    assert result.exit_code == 0, result.output
    assert [r.recipients for r in handler.received] == list(RECIPIENTS)


def test_the_letters_cc_people_with_addresses_get_copies(campaign: Path) -> None:
    copies = (
        "cc:\n  - {name: Ms. Rapporteur, title: UN Special Rapporteur, email: sr@ohchr.example}\n"
        "  - Embassy of Norway\n"
    )
    (campaign / "cases" / "press.yaml").write_text(CASE + copies, encoding="utf-8")
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    options = appeal.WriteOptions(email=appeal.EmailOptions(attach=("docx",)))
    msg = appeal.email_message(case, case.recipients[0], options)
    assert msg["Cc"] == "sr@ohchr.example"
    body = msg.get_body(("plain",))
    assert body is not None and "Ms. Rapporteur, UN Special Rapporteur" in body.get_content()
    assert "sr@ohchr.example" not in body.get_content()  # an address for the message only
    (campaign / "cases" / "press.yaml").write_text(
        CASE + copies + "email: {letter_cc: false, cc: desk@coalition.example}\n",
        encoding="utf-8",
    )
    case = appeal.load_case(campaign / "cases" / "press.yaml")
    assert appeal.email_message(case, options=options)["Cc"] == "desk@coalition.example"


def test_a_case_addressed_to_several_people_makes_one_message_to_all(campaign: Path) -> None:
    one_letter = (
        "date: 2021-05-03\ntitle: Open letter on the journalists\n"
        "recipient:\n  - {name: Minister A, email: a@gov.example}\n"
        "  - {name: Minister B}\n  - {name: Minister C, email: [c@gov.example]}\n"
        "salutation: Dear Ministers\ngrounds: We write.\ndemands: Release them.\n"
        "signatories: [amnesty]\n"
    )
    (campaign / "cases" / "open.yaml").write_text(one_letter, encoding="utf-8")
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send", case="open.yaml")
    assert result.exit_code == 0, result.output
    (received,) = handler.received
    assert received.recipients == ["a@gov.example", "c@gov.example"]
    assert received.message["To"] == "Minister A <a@gov.example>, Minister C <c@gov.example>"
    assert received.message["Subject"] == "Open letter on the journalists"


def test_a_bad_address_of_a_cc_person_is_a_located_error(campaign: Path) -> None:
    (campaign / "cases" / "press.yaml").write_text(
        CASE + "cc:\n  - {name: Someone, email: someone-at-nowhere}\n", encoding="utf-8"
    )
    problems = appeal.validate(campaign / "cases" / "press.yaml")
    assert [(p.rule, p.line, p.message) for p in problems] == [
        ("invalid-email", 12, "'someone-at-nowhere' is not an email address")
    ]


def test_nothing_is_sent_when_the_send_log_cannot_be_used(campaign: Path) -> None:
    (campaign / "out" / SEND_LOG).mkdir(parents=True)  # a folder where the log should be
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send")
    assert result.exit_code == 1
    assert "cannot read the send log" in result.stderr
    assert handler.received == []


def test_send_sends_only_this_runs_messages_of_a_shared_folder(campaign: Path) -> None:
    other = CASE.replace("subject: Release the journalists", "subject: Another campaign")
    (campaign / "other.yaml").write_text(other, encoding="utf-8")
    handler = Handler()
    with serve(handler) as port:
        # A dry run of another case leaves its messages in the same folder.
        command = ["send", str(campaign / "other.yaml"), "-o", str(campaign / "out"),
                   "--from", SENDER, "--attach", "docx"]  # fmt: skip
        dry = runner.invoke(app, command)
        assert dry.exit_code == 0, dry.output
        result = _send(campaign, _env(port), "--send")
    assert result.exit_code == 0, result.output
    assert len(handler.received) == 3
    assert {r.message["Subject"] for r in handler.received} == {"Release the journalists"}


def test_a_domain_in_another_script_is_sent_in_its_ascii_form(campaign: Path) -> None:
    case = CASE.replace("prosecutor@gov.example", "pisma@президент.рф")
    (campaign / "cases" / "press.yaml").write_text(case, encoding="utf-8")
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send")
    assert result.exit_code == 0, result.output
    assert ["pisma@xn--d1abbgf6aiiy.xn--p1ai"] in [r.recipients for r in handler.received]


def test_the_pdf_of_libreoffice_attached_when_asked(campaign: Path, tmp_path: Path) -> None:
    require_tool("soffice", "libreoffice")
    pdfinfo = require_tool("pdfinfo")
    handler = Handler()
    with serve(handler) as port:
        result = _send(campaign, _env(port), "--send", "--limit", "1", "--attach", "pdf",
                       "--pdf-engine", "libreoffice")  # fmt: skip
    assert result.exit_code == 0, result.output
    (received,) = handler.received
    _, pdf = received.message.iter_attachments()
    assert isinstance(pdf, EmailMessage)
    assert pdf.get_filename() == "press-president-ana-pop.pdf"
    assert pdf.get_content() == (campaign / "out" / "press-president-ana-pop.pdf").read_bytes()
    (tmp_path / "attached.pdf").write_bytes(pdf.get_content())
    info = subprocess.run(
        [pdfinfo, str(tmp_path / "attached.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "LibreOffice" in info  # its Producer
