"""The JSON Schema (draft-07) of a case file, generated from :mod:`appeal.spec`.

Editors read it through yaml-language-server; ``appeal schema`` prints it,
and ``case.schema.json`` beside this module is the same schema, shipped for
tools that want a file. Patterns are shared with the rules, so that a file
the schema accepts passes the structural rules, and the other way round.
The schema cannot know the signatories registry, the templates or which
citations are cited; those are left to ``appeal validate``.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from appeal import spec
from appeal.spec import EMAIL, URL, Field, Kind

SHIPPED = "case.schema.json"

Schema = dict[str, Any]

#: Not blank: some character other than whitespace.
NON_BLANK = r"\S"
#: Not blank, and no line break once the surrounding whitespace is stripped.
ONE_LINE = r"^\s*\S(?:[^\n]*\S)?\s*$"

_STRINGS: dict[str, Schema] = {
    "text": {"type": "string", "pattern": ONE_LINE},
    "prose": {"type": "string", "pattern": NON_BLANK},
    "email": {"type": "string", "pattern": rf"^\s*{EMAIL}\s*$"},
    "url": {"type": "string", "pattern": rf"^\s*{URL}\s*$"},
    "date": {"type": "string", "format": "date"},
}


def _one_or_list(item: str) -> Schema:
    ref = {"$ref": f"#/definitions/{item}"}
    return {"oneOf": [ref, {"type": "array", "minItems": 1, "items": ref}]}


def _mapping(fields: dict[str, Field]) -> Schema:
    schema: Schema = {
        "type": "object",
        "properties": {key: _field(f) for key, f in fields.items()},
        "additionalProperties": False,
    }
    required = [key for key, f in fields.items() if f.required]
    if required:
        schema["required"] = required
    return schema


def _kind(kind: Kind) -> Schema:
    ref = {Kind.TEXT: "text", Kind.PROSE: "prose", Kind.URL: "url", Kind.DATE: "date"}
    if kind in ref:
        return {"$ref": f"#/definitions/{ref[kind]}"}
    if kind == Kind.LINES:
        return _one_or_list("text")
    if kind == Kind.EMAILS:
        return _one_or_list("email")
    if kind == Kind.PARAGRAPHS:
        return _one_or_list("prose")
    if kind == Kind.RECIPIENT:
        return _one_or_list("recipient")
    if kind == Kind.FALSE:
        return {"const": False}
    if kind == Kind.OPTIONAL_TEXT:
        return {"oneOf": [{"$ref": "#/definitions/text"}, {"const": False}]}
    if kind == Kind.CC:
        return {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/cc"}}
    if kind == Kind.RECIPIENTS:
        return {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/recipient"}}
    if kind == Kind.EMAIL_MESSAGE:
        return _mapping(spec.EMAIL_MESSAGE)
    if kind == Kind.PDF:
        return _mapping(spec.PDF)
    if kind == Kind.PDF_STANDARD:
        return {"enum": list(spec.PDF_STANDARDS)}
    if kind == Kind.CITATIONS:
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{spec.CITATION_KEY}$"},
            "additionalProperties": {"$ref": "#/definitions/citation"},
        }
    if kind == Kind.SIGNATORIES:
        signatories = {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/signatory"}}
        groups = {
            "description": "Group heading → its signatories.",
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ONE_LINE},
            "additionalProperties": signatories,
        }
        return {"oneOf": [signatories, groups]}
    raise ValueError(f"no schema for {kind}")


def _field(f: Field) -> Schema:
    return {"description": f.doc, **_kind(f.kind)}


def case_schema() -> Schema:
    """The schema of a case file."""
    case = _mapping(spec.CASE)
    several = {
        "properties": {"recipient": {"type": "array", "minItems": 2}},
        "required": ["recipient"],
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "appeal case file",
        "description": "A joint appeal letter: its recipient, grounds, demands and signatories.",
        **case,
        "allOf": [
            # recipient: (one letter to all listed) or recipients: (one letter each), not both.
            {"not": {"required": ["recipient", "recipients"]}},
            # A letter to several people at once needs its own salutation.
            {"if": several, "then": {"required": ["salutation"]}},
        ],
        "definitions": {
            **_STRINGS,
            "recipient": _mapping(spec.RECIPIENT),
            "cc": {"oneOf": [{"$ref": "#/definitions/text"}, _mapping(spec.CC)]},
            "citation": {
                "oneOf": [{"$ref": "#/definitions/prose"}, _mapping(spec.CITATION)],
            },
            "signatory": {
                "oneOf": [
                    {"description": "An id in signatories.yaml.", "$ref": "#/definitions/text"},
                    _mapping(spec.SIGNATORY_REF),
                    _mapping(spec.SIGNATORY),
                ],
            },
        },
    }


def dumps(schema: Schema) -> str:
    """The schema as written to ``case.schema.json`` and by ``appeal schema``."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def shipped() -> str:
    """The text of the schema file shipped in the package."""
    return files(__package__).joinpath(SHIPPED).read_text(encoding="utf-8")
