"""The JSON Schema: generated from the spec, shipped, and in agreement with the validator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from appeal.case import validate_file, validate_text
from appeal.cli import app
from appeal.schema import case_schema, dumps, shipped
from appeal.source import read_source

ROOT = Path(__file__).parent.parent
BAD = Path(__file__).parent / "bad-cases"
GOOD_CASES = sorted(
    p
    for folder in (ROOT / "cases", ROOT / "examples", ROOT / "tests" / "cases")
    for p in folder.rglob("*.y*ml")
    if p.name != "signatories.yaml"
)
BAD_CASES = sorted(
    p for p in BAD.rglob("*.yaml") if b"\n# schema: not checked" not in p.read_bytes()
)
VALIDATOR = jsonschema.Draft7Validator(case_schema(), format_checker=jsonschema.FormatChecker())


def as_json(value: Any) -> Any:
    """YAML data as an editor's YAML 1.2 reader sees it: dates are strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def schema_errors(path: Path) -> list[str]:
    src = read_source(path)
    if src.data is None:
        return [p.message for p in src.problems] or ["no data"]
    return [e.message for e in VALIDATOR.iter_errors(as_json(src.data))]


def test_the_schema_is_draft_07() -> None:
    jsonschema.Draft7Validator.check_schema(case_schema())
    assert case_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert shipped() == dumps(case_schema())


def test_appeal_schema_prints_it() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == case_schema()


def test_there_are_cases_to_check() -> None:
    assert GOOD_CASES


@pytest.mark.parametrize("path", GOOD_CASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_good_cases_pass_the_validator_and_the_schema(path: Path) -> None:
    assert validate_file(path).ok
    assert schema_errors(path) == []


@pytest.mark.parametrize("path", BAD_CASES, ids=lambda p: p.name)
def test_known_bad_cases_fail_the_validator_and_the_schema(path: Path) -> None:
    assert not validate_file(path).ok
    assert schema_errors(path)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("subject: Case of A", True),
        ("subject: '1984'", True),
        ("subject: 1984", False),
        ("subject: '  '", False),
        ("subject: 'two\n  \n  lines'", False),
        ("date: 2020-02-29", True),
        ("date: '2021-02-29'", False),
        ("date: '31/03/2020'", False),
        ("recipient: {name: R, email: a@b.org}", True),
        ("recipient: {name: R, email: [a@b.org, c@d.org]}", True),
        ("recipient: {name: R, email: 'a@b.org, c@d.org'}", False),
        ("recipient: {name: R, email: []}", False),
        ("citations: {a: {text: T, url: 'https://un.org/x?y=1'}}", True),
        ("citations: {a: {text: T, url: 'un.org/x'}}", False),
        ("citations: {a: {text: T, url: 'https://localhost/x'}}", False),
        ("citations: {a b: T}", False),
        ("citations: {a: {url: 'https://un.org'}}", False),
        ("signatories: [hrw, {id: fidh, qualifier: Q}, {name: N, short: S}]", True),
        ("signatories: [{id: fidh, name: N}]", True),
        ("signatories: [{id: fidh, short: S}]", False),
        ("signatories: {hrw: HRW}", False),
        ("signatories: {Organisations: [hrw], Individuals: [{name: N, title: T}]}", True),
        ("signatories: {Organisations: []}", False),
        ("signatories: {}", False),
        ("grounds: ['One.', '']", False),
        ("recipients: [{name: R}]", True),
        ("recipient: [{name: R}, {name: S}]", False),
        ("{recipient: [{name: R}, {name: S}], salutation: Sirs}", True),
        ("{recipient: [{name: R}, {name: S}], salutation: false}", True),
        ("{recipient: [{name: R}], recipients: [{name: S}]}", False),
        ("recipient: []", False),
        ("recipient: [R]", False),
        ("salutation: true", False),
        ("closing: false", True),
        ("closing: Yours faithfully.", True),
        ("closing: 12", False),
        ("title: Open letter", True),
        ("title: [Open letter]", False),
        ("subject: null", False),
        ("via: [Via email to, 'A, Minister']", True),
        ("via: {a: b}", False),
        ("cc: [Someone, {name: N, title: T, organisation: O}]", True),
        ("cc: [{title: T}]", False),
        ("cc: Someone", False),
        ("enclosures: [Report]", True),
        ("enclosures: []", False),
        ("reference: 'Ref. 12/2020'", True),
        ("reference: 12", False),
        ("dateline: false", True),
        ("dateline: true", False),
        ("pdf: {standard: ua-1}", True),
        ("pdf: {standard: a-2b}", True),
        ("pdf: {}", True),
        ("pdf: {standard: ua1}", False),
        ("pdf: {standard: UA-1}", False),
        ("pdf: {standard: ' ua-1'}", False),
        ("pdf: {standard: 1}", False),
        ("pdf: {standrd: ua-1}", False),
        ("pdf: ua-1", False),
    ],
)
def test_schema_and_validator_agree_field_by_field(text: str, valid: bool | None) -> None:
    """A valid case with one field replaced: the schema's verdict is the validator's."""
    base = {
        "date": "2020-03-31",
        "subject": "S",
        "recipient": {"name": "R"},
        "grounds": "G.",
        "demands": "D.",
        "signatories": ["hrw"],
    }
    changed = yaml.safe_load(text)
    if "recipients" in changed and "recipient" not in changed:
        del base["recipient"]
    data = as_json({**base, **changed})
    checked = validate_text(yaml.safe_dump(data), folder=ROOT)
    validator_ok = checked.ok
    schema_ok = VALIDATOR.is_valid(data)
    assert schema_ok == validator_ok
    if valid is not None:
        assert schema_ok is valid
