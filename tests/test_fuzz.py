"""Property-based tests: whatever the case file holds, appeal answers with a
letter or its own error, never anything else.

Generated case files, valid ones and ones mutated (keys deleted, types
swapped, odd characters inserted, the file cut at a random byte), must make
validation and rendering either succeed or raise :class:`appeal.AppealError`;
every .docx that is made must re-open. The default run is bounded; the long
run is ``pytest -m fuzz`` (see the README's reliability section).
"""

from __future__ import annotations

import io
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import appeal
from appeal.case import from_validated, validate_file

REGISTRY = "amnesty: {name: Amnesty International}\nhrw: {name: Human Rights Watch}\n"
ODD = [
    *["\x00", "\x01", "\x0b", "\ufffe", "\ud800", "\u202e", "\u200b", "\t", "\r", "\n"],
    *["{{", "}}", "{%", "[^", "]", "*", "_", "<", ">", "&", "\\", "`", ":", "- ", "#", "'", '"'],
    *["!!python/object:os.system", "&a", "*a", "\xa0", "Ω", "ي", "中", "😀"],
]

# Control characters come in through the "insert" mutation; generated text is printable.
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
line = st.one_of(text, st.sampled_from(["Mr. X", "Президент", "وزير", "A & B <c>", "{{ x }}"]))
paragraph = st.one_of(
    line,
    st.builds(lambda a, b: f"{a} [^a] {b}", line, line),
    st.just("*emphasis* and **strong** and [a link](https://example.org) and https://x.org/y"),
)
url = st.sampled_from(["https://example.org/a?b=1&c=2", "https://x.org/(y)", "x"])
citation = st.one_of(line, st.fixed_dictionaries({"text": line, "url": url}))
signatory = st.one_of(
    st.sampled_from(["amnesty", "hrw", "amnesty", "nope"]), st.fixed_dictionaries({"name": line})
)
optional = st.dictionaries(
    st.sampled_from(["place", "closing", "conclusion", "author", "lang", "template"]),
    st.one_of(line, st.sampled_from(["fr", "ar", "en", "ru", "es", "xx", "joint-letter"])),
    max_size=3,
)
email = st.sampled_from(["a@example.org", "b@example.org", "bad"])


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    case: dict[str, Any] = {
        "date": draw(st.dates()).isoformat(),
        "subject": draw(line),
        "recipient": {"name": draw(line)},
        "grounds": draw(st.lists(paragraph, min_size=1, max_size=3)),
        "demands": draw(st.one_of(paragraph, st.lists(paragraph, min_size=1, max_size=2))),
        "citations": {"a": draw(citation)},
        "signatories": draw(st.lists(signatory, min_size=1, max_size=3)),
        **draw(optional),
    }
    if draw(st.booleans()):
        case["email"] = draw(
            st.fixed_dictionaries({}, optional={"subject": line, "cover": paragraph})
        )
    if draw(st.booleans()):
        case["recipient"]["title"] = draw(line)
        case["recipient"]["address"] = draw(st.lists(line, max_size=3))
        case["recipient"]["email"] = draw(st.lists(email, max_size=2))
    return case


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    case = draw(cases())
    kind = draw(st.sampled_from(["none", "none", "none", "delete", "swap", "insert", "cut"]))
    if kind == "delete":
        case.pop(draw(st.sampled_from(sorted(case))))
    elif kind == "swap":
        key = draw(st.sampled_from(sorted(case)))
        case[key] = draw(
            st.one_of(
                st.integers(),
                st.booleans(),
                st.none(),
                st.just([]),
                st.just({}),
                st.lists(st.integers(), max_size=2),
            )
        )
    data = yaml.safe_dump(case, allow_unicode=True, sort_keys=False).encode("utf-8")
    if kind == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(ODD)).encode("utf-8", "surrogatepass") + data[at:]
    elif kind == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    return data


def check(data: bytes) -> None:
    """Validate and render ``data`` as a case file: a letter or AppealError, nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "signatories.yaml").write_text(REGISTRY, encoding="utf-8")
        path = folder / "case.yaml"
        path.write_bytes(data)
        checked = validate_file(path)
        try:
            case = from_validated(checked, folder)
        except appeal.CaseError as exc:
            assert exc.problems and any(p.is_error for p in exc.problems)
            return
        for fmt in ("md", "txt", "html", "docx"):
            try:
                out = appeal.render(case, fmt)
            except appeal.AppealError:
                continue
            if fmt == "docx":
                assert isinstance(out, bytes)
                docx.Document(io.BytesIO(out))
        check_message(case)


MAIL = appeal.WriteOptions(
    email=appeal.EmailOptions(attach=("docx",), sender="Desk <desk@example.org>")
)


def check_message(case: appeal.Case) -> None:
    """The letter's email message, 7-bit clean, to the recipient, the letter attached."""
    first = case.letters[0]
    people = (first,) if first else case.addressees
    addresses = [a for person in people for a in person.email]
    sendable = [_on_the_wire(a) for a in addresses]
    try:
        msg = appeal.email_message(case, options=MAIL)
    except appeal.AppealError:
        assert not addresses or "bad" in addresses or None in sendable
        return
    assert msg.as_bytes().isascii()
    assert [a.addr_spec for a in msg["To"].addresses] == sendable
    (attachment,) = msg.iter_attachments()
    assert isinstance(attachment, EmailMessage)
    assert attachment.get_content() == appeal.render(case, "docx", options=MAIL)


def _on_the_wire(address: str) -> str | None:
    """The address as a message carries it: a domain in another script in its
    ASCII form; None where it cannot go without SMTPUTF8 (a local part in
    another script) or has no ASCII form."""
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        return None
    if domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return None


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(mutated())
def test_any_case_file_gives_a_letter_or_a_located_error(data: bytes) -> None:
    check(data)


@pytest.mark.fuzz
@LONG
@given(mutated())
def test_fuzz_long(data: bytes) -> None:
    check(data)
