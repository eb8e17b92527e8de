"""The Markdown reader: the template's Markdown output as a :class:`~appeal.document.Document`.

The letter template renders Markdown; markdown-it-py (with the footnote and
container plugins) parses it; :func:`build` folds the token stream into the
document model. Only this module knows markdown-it: the writers read the model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from appeal.document import (
    ROLES,
    Block,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
)

#: Link schemes a letter may carry; any other link is shown as its text.
LINK_SCHEMES = ("http://", "https://", "mailto:")


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
