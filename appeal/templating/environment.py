"""Letter templates: lookup, a sandboxed strict Jinja2 environment, and rendering.

A template renders Markdown. Case data reaches it in two kinds:

- *data* (names, addresses, the subject, the salutation) is plain ``str``:
  every ``{{ … }}`` passes through :func:`_finalize`, which backslash-escapes
  Markdown punctuation, so a ``*``, ``[^x]`` or ``{{`` in a name prints as
  written and never becomes markup;
- *prose* (grounds, demands, conclusion, citation text) arrives as
  :class:`Markdown`, which passes through unescaped: it is Markdown by design.

Jinja2 never evaluates the output of an expression again, so template syntax
in case data is inert too.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from appeal.errors import TemplateError
from appeal.filecache import FileCache
from appeal.problems import Problem
from appeal.templating.datelines import dateline, format_date
from appeal.templating.lookup import TEMPLATE_FILE, find_template
from appeal.templating.translations import Words, load_words
from appeal.version import __version__

if TYPE_CHECKING:
    from appeal.case import Case, Recipient
    from appeal.registry import Signatory


class Markdown(str):
    """Text that is already Markdown and is inserted as is."""


_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# A prose line that would end a ``:::`` div or define a footnote of its own.
_PROSE_STRUCTURE = re.compile(r"^( {0,3})(:::|\[\^)", re.MULTILINE)
# An ATX heading of the first level: the letter's title is its only one.
_TOP_HEADING = re.compile(r"^( {0,3})#(?=[ \t]|$)", re.MULTILINE)


# Runs of white space but the no-break spaces, which are written on purpose
# ("8 января 2004\u202fг.", "M.\u00a0Dupont") and keep words on one line.
_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def escape(text: str) -> Markdown:
    """Data as Markdown that reads back as exactly ``text``."""
    return Markdown(_PUNCTUATION.sub(r"\\\1", _SPACES.sub(" ", text.strip())))


# A bare web address in prose: not already in <…>, a [link](…), code or a word.
_BARE_URL = re.compile(r"(?<!\]\()(?<![<\[\w/\"'=`])https?://[^\s<>\"`]+")
_URL_TRAILER = ".,;:!?'\"”’»"


@functools.lru_cache(maxsize=4096)
def prose(text: str) -> Markdown:
    """A prose field as Markdown that stays inside its place in the letter.

    Bare ``http(s)://`` addresses become links, as a reader of the letter
    expects them to be clickable in Word and on the web. A ``# heading`` is
    a section of the letter, under its title: it becomes ``## heading``.
    """
    text = _PROSE_STRUCTURE.sub(r"\1\\\2", text.strip())
    text = _TOP_HEADING.sub(r"\1##", text)
    return Markdown(_BARE_URL.sub(_autolink, text))


def _autolink(match: re.Match[str]) -> str:
    url = match.group()
    end = len(url)
    while end and (
        url[end - 1] in _URL_TRAILER
        or (url[end - 1] == ")" and url[:end].count("(") < url[:end].count(")"))
    ):
        end -= 1
    return f"<{url[:end]}>{url[end:]}"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, str):
        return escape(value)
    return value


def _link(address: str) -> Markdown:
    """A web or email address as a Markdown autolink (plain text if it cannot be one)."""
    if not address or any(c.isspace() or c in "<>" for c in address):
        return escape(address)
    return Markdown(f"<{address}>")


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, so that a new process need not compile its letter.

    Jinja2 keeps them in a folder of the user's own under the temporary folder
    and checks each against its template's source; the name of each file
    holds appeal's version, whose templates may compile differently. A file
    that cannot be read or written only means compiling again.
    """

    def __init__(self) -> None:
        super().__init__(pattern=f"appeal-{__version__}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@functools.cache
def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # no temporary folder of the user's own
        return None


@dataclass(frozen=True)
class Template:
    folder: Path
    template: jinja2.Template


_TEMPLATES: FileCache[Path, Template] = FileCache(size=32)


def load_template(name: str, start: Path) -> Template:
    """The template ``name``, compiled once for as long as its file is unchanged."""
    folder = find_template(name, start)
    if folder is None:
        raise TemplateError(f"there is no template '{name}' in templates/ or built in")
    return _TEMPLATES.get(folder, [folder / TEMPLATE_FILE], lambda: _compile(folder))


def _compile(folder: Path) -> Template:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["link"] = _link
    try:
        compiled = env.get_template(TEMPLATE_FILE)
    except jinja2.TemplateSyntaxError as exc:
        file = exc.filename or str(folder / TEMPLATE_FILE)
        raise TemplateError(
            f"{file}:{exc.lineno}: template syntax error: {exc.message}",
            [Problem(file, exc.lineno or 1, 1, "template-syntax", exc.message or "syntax error")],
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template {folder / TEMPLATE_FILE}: {exc}") from None
    return Template(folder, compiled)


def context(case: Case, recipient: Recipient | None, words: Words) -> dict[str, Any]:
    """What a template sees: data as ``str``, prose as :class:`Markdown`.

    ``recipient`` is the one person a letter of a per-recipient case is to;
    None for the case's one letter to its ``addressees`` (or to no one).
    ``dateline`` is None for a letter that prints no date line.
    """
    addressees = case.addressed_to(recipient)
    closing = None if case.closing is False else case.closing or words.closing
    date = format_date(case.date, words.locale, words.first_day)
    return {
        "title": case.title,
        "to": case.to,
        "recipient": addressees[0] if addressees else None,
        "addressees": addressees,
        "via": case.via,
        "emails": [address for r in addressees for address in r.email],
        "greeting": greeting(case, recipient, words),
        "subject": case.subject,
        "reference": case.reference,
        "date": date,
        "dateline": dateline(words.dateline, date, case.place) if case.dateline else None,
        "place": case.place,
        "grounds": [prose(p) for p in case.grounds],
        "demands": [prose(p) for p in case.demands],
        "conclusion": [prose(p) for p in case.conclusion],
        "closing": closing,
        "closing_punctuation": Markdown(
            "" if closing is None or closing[-1:] in CLOSED else escape(words.after_closing)
        ),
        "citations": [
            {
                "key": Markdown(c.key),  # checked: letters, digits, - and _
                "text": prose(c.text),
                "url": c.url,
                # The documented separator: ": " unless the text ends in punctuation.
                "separator": Markdown(" " if c.text.rstrip()[-1:] in ",.:;" else ": "),
            }
            for c in case.citations
        ],
        "signatories": case.signatories,
        "signature_groups": [
            {"heading": group.heading, "blocks": signature_blocks(group.signatories)}
            for group in case.signatory_groups
        ],
        "cc": case.cc,
        "cc_heading": _word(words.cc, "cc", case) if case.cc else None,
        "enclosures": case.enclosures,
        "enclosures_heading": (
            _word(words.enclosures, "enclosures", case) if case.enclosures else None
        ),
        "words": words,
        "lang": case.lang,
    }


def _word(word: str | None, key: str, case: Case) -> str:
    """A word the letter needs that a language's table may lack."""
    if word is None:
        raise TemplateError(
            f"the '{case.lang}' words of template '{case.template}' lack '{key}', which "
            f"this letter's '{key}:' needs; add it to translations/{case.lang}.yaml"
        )
    return word


#: A closing that ends in one of these takes no punctuation of the language's.
CLOSED = ".!?:,،"


def greeting(case: Case, recipient: Recipient | None, words: Words) -> str | None:
    """The salutation (without its comma), or None for a letter without one.

    A recipient's own salutation wins; then the case's; a letter to one
    person greets them by the language's default; a letter to several people
    without a salutation is refused by validation, and one to no one has none.
    """
    addressees = case.addressed_to(recipient)
    if len(addressees) == 1 and addressees[0].salutation:
        return addressees[0].salutation
    if case.salutation is False:
        return None
    if case.salutation:
        return case.salutation
    return words.greeting(addressees[0].name) if len(addressees) == 1 else None


def signature_blocks(signatories: Sequence[Signatory]) -> list[dict[str, Any]]:
    """Signature blocks: one-line signatories run together in a list; a person
    with a title or organisation is a block of their own (``person``)."""
    blocks: list[dict[str, Any]] = []
    run: list[str] = []
    for signatory in signatories:
        lines = signatory.lines
        if len(lines) == 1:
            run.append(lines[0])
            continue
        if run:
            blocks.append({"person": False, "lines": run})
            run = []
        blocks.append({"person": True, "lines": list(lines)})
    if run:
        blocks.append({"person": False, "lines": run})
    return blocks


def render_markdown(case: Case, recipient: Recipient | None, words: Words | None = None) -> str:
    """The letter as Markdown, by the case's template, in the case's language."""
    template = load_template(case.template, case.folder)
    words = words or load_words(case.template, case.folder, case.lang)
    try:
        return template.template.render(context(case, recipient, words))
    except jinja2.UndefinedError as exc:
        raise TemplateError(
            f"template {template.folder.name} uses something the letter does not have: {exc}"
        ) from None
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(
            f"template {template.folder.name} tried something not allowed: {exc}"
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {template.folder.name} failed: {exc}") from None
