"""Email addresses and web addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from appeal.problems import Problem
from appeal.rules import Context, rule
from appeal.source import PathKey
from appeal.spec import EMAIL, URL

_EMAIL = re.compile(EMAIL)
_URL = re.compile(URL)


def _recipients(ctx: Context) -> Iterator[tuple[PathKey, dict[str, object]]]:
    data = ctx.source.data
    if not isinstance(data, dict):
        return
    if isinstance(data.get("recipient"), dict):
        yield ("recipient",), data["recipient"]
    for section in ("recipient", "recipients"):  # a list: one letter to all, or one each
        if isinstance(data.get(section), list):
            for i, item in enumerate(data[section]):
                if isinstance(item, dict):
                    yield (section, i), item


def _addresses(ctx: Context) -> Iterator[tuple[PathKey, object]]:
    """Where a case holds email addresses: each recipient's, and the copies'."""
    for path, recipient in _recipients(ctx):
        yield (*path, "email"), recipient.get("email")
    data = ctx.source.data if isinstance(ctx.source.data, dict) else {}
    if isinstance(data.get("cc"), list):
        for i, item in enumerate(data["cc"]):
            if isinstance(item, dict):
                yield ("cc", i, "email"), item.get("email")
    if isinstance(data.get("email"), dict):
        yield ("email", "cc"), data["email"].get("cc")


@rule("invalid-email")
def invalid_email(ctx: Context) -> Iterator[Problem]:
    """An email address (a recipient's, a cc: person's, or under ``email: cc:``) that is
    not of the form name@domain.tld.

    Write several addresses as a list, not as one line with commas.
    """
    for path, email in _addresses(ctx):
        items = email if isinstance(email, list) else [email]
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip() and not _EMAIL.fullmatch(item.strip()):
                where: PathKey = (*path, i) if isinstance(email, list) else path
                yield ctx.problem(where, f"'{item.strip()}' is not an email address")


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a link in a letter, or None when it can."""
    if _URL.fullmatch(url):
        return None
    if any(c.isspace() for c in url) or any(c in url for c in '<>"'):
        return "it holds a space, quote or angle bracket"
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return "it must start with https:// or http://"
    return "it has no host name"


@rule("invalid-url")
def invalid_url(ctx: Context) -> Iterator[Problem]:
    """A citation ``url`` that is not a well-formed http or https address."""
    citations = ctx.source.get(("citations",))
    if not isinstance(citations, dict):
        return
    for key, item in citations.items():
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            url = item["url"].strip()
            why = url_problem(url)
            if why:
                yield ctx.problem(("citations", key, "url"), f"'{url}' is not a web address: {why}")
