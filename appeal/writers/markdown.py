"""CommonMark with footnotes, as pandoc and GitHub render it.

Hard line breaks are written as a backslash at the end of the line; text is
escaped so that it reads back as exactly the same words (a test parses the
output again and compares the document trees).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from appeal.document import (
    Block,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    plain_text,
)
from appeal.writers import WriteOptions

# Characters that may start markup anywhere in a line (pandoc's extensions
# included: ^superscript^, ~subscript~, $math$).
_INLINE = re.compile(r"([\\`*_\[\]<>~^$|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What would start a block when at the start of a line.
_LINE_START = re.compile(r"^(\s*)([#>+=:-]|\d+(?=[.)]))")


def write(doc: Document, options: WriteOptions) -> bytes:
    parts = [_block(b) for b in doc.blocks]
    for note in doc.notes:
        body = "\n\n".join(_block(b) for b in note.blocks)
        parts.append(f"[^{note.number}]: " + body.replace("\n", "\n    "))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _inlines(block.inlines)
    return _list(block)


def _list(block: ListBlock) -> str:
    items = []
    for n, item in enumerate(block.items, start=block.start):
        marker = f"{n}. " if block.ordered else "- "
        body = "\n\n".join(_block(b) for b in item)
        items.append(marker + body.replace("\n", "\n" + " " * len(marker)))
    return "\n".join(items)


def _inlines(nodes: Iterable[Inline]) -> str:
    out: list[str] = []
    line_start = True
    for node in nodes:
        if isinstance(node, Text):
            text = _escape(node.text)
            if line_start:
                text = _LINE_START.sub(r"\1\\\2", text)
            out.append(text)
        elif isinstance(node, LineBreak):
            out.append("\\\n")
            line_start = True
            continue
        elif isinstance(node, Strong):
            out.append(f"**{_inlines(node.children)}**")
        elif isinstance(node, Emph):
            out.append(f"*{_inlines(node.children)}*")
        elif isinstance(node, Link):
            out.append(_link(node))
        elif isinstance(node, NoteRef):
            out.append(f"[^{node.number}]")
        line_start = False
    return "".join(out)


def _link(link: Link) -> str:
    if plain_text(link.children) == link.url and not any(c in link.url for c in "<> "):
        return f"<{link.url}>"
    target = link.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{_inlines(link.children)}]({target})"


def _escape(text: str) -> str:
    return _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", text))
