"""The document model every writer reads, and its construction from Markdown.

The letter template renders Markdown; markdown-it-py (with the footnote and
container plugins) parses it; :func:`build` folds the token stream into the
small tree below. Writers never see Markdown, so the Markdown, text and Word
outputs are three views of one document and cannot drift apart.

Blocks carry a ``role``: the name of the fenced div (``::: recipient``) they
stood in within the template, or ``"body"`` outside any div. Writers style by
role: the recipient block, the "RE:" line, the signatures and so on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

#: The fenced-div names a template may use; anything else is a template error.
ROLES = (
    "title",
    "recipient",
    "email",
    "subject",
    "dateline",
    "salutation",
    "closing",
    "group",
    "signatures",
    "cc",
    "enclosures",
)

#: Link schemes a letter may carry; any other link is shown as its text.
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph (address and signature blocks)."""


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class NoteRef:
    """A footnote mark; ``number`` is 1-based, in order of first reference."""

    number: int


Inline = Text | LineBreak | Strong | Emph | Link | NoteRef


@dataclass(frozen=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    role: str = "body"
    level: int = 0
    """A heading's level, 1 (the letter's title) to 6; 0 for a paragraph."""


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    role: str = "body"


Block = Paragraph | ListBlock


@dataclass(frozen=True)
class Note:
    number: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Meta:
    """Document properties: the Word writer puts them in docProps/core.xml."""

    title: str
    author: str
    date: dt.date
    lang: str = "en"
    notes_heading: str = "Notes"
    """The word for the notes, where a writer heads them (a web page)."""


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...] = field(default=())


def plain_text(inlines: Sequence[Inline]) -> str:
    """The inlines as unformatted text (no note marks, breaks as newlines)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, LineBreak):
            out.append("\n")
        elif isinstance(node, (Strong, Emph, Link)):
            out.append(plain_text(node.children))
    return "".join(out)


def link_label(link: Link) -> str | None:
    """The link's URL as written when the link shows its own address, else None.

    markdown-it percent-encodes link targets (``[2]`` becomes ``%5B2%5D``);
    a link whose text is its address (an autolink) is shown once, as written.
    """
    label = plain_text(link.children)
    url = link.url.removeprefix("mailto:")
    return label if label in (url, unquote(url)) else None


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.use(footnote_plugin)
    # One container rule for every role (``::: recipient``), not one rule per role.
    md.use(container_plugin, name="role", validate=lambda params, *_: params.strip() in ROLES)
    # Raw HTML is off; links keep only safe schemes (see LINK_SCHEMES).
    md.validateLink = lambda url: url.lower().startswith(LINK_SCHEMES)  # type: ignore[method-assign]
    return md


_MD: MarkdownIt | None = None


def parse(markdown: str, meta: Meta) -> Document:
    """Parse the template's Markdown output into a :class:`Document`."""
    global _MD
    if _MD is None:
        _MD = _parser()
    return build(_MD.parse(markdown), meta)


def build(tokens: Sequence[Token], meta: Meta) -> Document:
    """Fold a markdown-it-py token stream into a :class:`Document`."""
    stream = _Stream(tokens)
    blocks: list[Block] = []
    notes: list[Note] = []
    while not stream.done():
        tok = stream.peek()
        if tok.type == "footnote_block_open":
            stream.next()
            notes.extend(_notes(stream))
        else:
            blocks.extend(_blocks(stream, "body", until=None))
    notes.sort(key=lambda n: n.number)
    return Document(meta=meta, blocks=tuple(blocks), notes=tuple(notes))


class _Stream:
    def __init__(self, tokens: Sequence[Token]) -> None:
        self._tokens = tokens
        self._i = 0

    def done(self) -> bool:
        return self._i >= len(self._tokens)

    def peek(self) -> Token:
        return self._tokens[self._i]

    def next(self) -> Token:
        tok = self._tokens[self._i]
        self._i += 1
        return tok


def _blocks(stream: _Stream, role: str, until: str | None) -> Iterator[Block]:
    """Blocks up to the closing token ``until`` (consumed), or one block if None."""
    while not stream.done():
        tok = stream.next()
        kind = tok.type
        if until is not None and kind == until:
            return
        if kind == "container_role_open":
            yield from _blocks(stream, tok.info.strip(), until="container_role_close")
        elif kind in ("paragraph_open", "heading_open"):
            inline = stream.next()
            stream.next()  # paragraph_close / heading_close
            level = int(tok.tag[1:]) if kind == "heading_open" else 0
            yield Paragraph(_inlines(inline.children or []), role, level)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            yield _list(stream, tok, role)
        elif kind in ("fence", "code_block"):
            lines = tok.content.rstrip("\n").split("\n")
            yield Paragraph(_with_breaks(lines), role)
        elif kind == "blockquote_open":
            yield from _blocks(stream, role, until="blockquote_close")
        # hr and anything else carries no words of the letter.
        if until is None:
            return


def _list(stream: _Stream, open_tok: Token, role: str) -> ListBlock:
    ordered = open_tok.type == "ordered_list_open"
    close = "ordered_list_close" if ordered else "bullet_list_close"
    start = int(open_tok.attrs.get("start", 1) or 1) if ordered else 1
    items: list[tuple[Block, ...]] = []
    while not stream.done():
        tok = stream.next()
        if tok.type == close:
            break
        if tok.type == "list_item_open":
            items.append(tuple(_blocks(stream, role, until="list_item_close")))
    return ListBlock(tuple(items), ordered=ordered, start=start, role=role)


def _notes(stream: _Stream) -> Iterator[Note]:
    while not stream.done():
        tok = stream.next()
        if tok.type == "footnote_block_close":
            return
        if tok.type == "footnote_open":
            number = int(tok.meta["id"]) + 1
            blocks = tuple(_blocks(stream, "note", until="footnote_close"))
            yield Note(number, blocks)


def _with_breaks(lines: Sequence[str]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for i, line in enumerate(lines):
        if i:
            out.append(LineBreak())
        out.append(Text(line))
    return tuple(out)


def _inlines(tokens: Sequence[Token]) -> tuple[Inline, ...]:
    stack: list[tuple[str, str, list[Inline]]] = [("", "", [])]
    for tok in tokens:
        kind = tok.type
        top = stack[-1][2]
        if kind in ("text", "code_inline", "html_inline"):
            _append_text(top, tok.content)
        elif kind == "softbreak":
            _append_text(top, " ")
        elif kind == "hardbreak":
            top.append(LineBreak())
        elif kind == "footnote_ref":
            top.append(NoteRef(int(tok.meta["id"]) + 1))
        elif kind in ("strong_open", "em_open"):
            stack.append((kind, "", []))
        elif kind == "link_open":
            stack.append((kind, str(tok.attrs.get("href", "")), []))
        elif kind in ("strong_close", "em_close", "link_close") and len(stack) > 1:
            opener, url, children = stack.pop()
            node: Inline
            if opener == "strong_open":
                node = Strong(tuple(children))
            elif opener == "em_open":
                node = Emph(tuple(children))
            else:
                node = Link(url, tuple(children))
            stack[-1][2].append(node)
        elif kind == "image":
            _append_text(top, tok.content)
        # footnote_anchor (back-references) carries no text.
    return tuple(stack[0][2])


def _append_text(out: list[Inline], text: str) -> None:
    if not text:
        return
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    else:
        out.append(Text(text))
