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
    assert_never,
    link_label,
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
    match block:
        case Paragraph(level=0):
            return _inlines(block.inlines)
        case Paragraph():
            return "#" * block.level + " " + _inlines(block.inlines)
        case ListBlock():
            return _list(block)
        case _:
            assert_never(block)


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
        match node:
            case Text():
                text = _escape(node.text)
                if line_start:
                    text = _LINE_START.sub(_escape_line_start, text)
                out.append(text)
            case LineBreak():
                out.append("\\\n")
                line_start = True
                continue
            case Strong():
                out.append(f"**{_inlines(node.children)}**")
            case Emph():
                out.append(f"*{_inlines(node.children)}*")
            case Link():
                out.append(_link(node))
            case NoteRef():
                out.append(f"[^{node.number}]")
            case _:
                assert_never(node)
        line_start = False
    return "".join(out)


def _link(link: Link) -> str:
    shown = link_label(link)
    if shown is not None and not any(c in shown for c in "<> "):
        return f"<{shown}>"
    target = f"<{link.url}>" if any(c in link.url for c in "() ") else link.url
    return f"[{_inlines(link.children)}]({target})"


def _escape(text: str) -> str:
    return _ENTITY.sub("\\&", _INLINE.sub(r"\\\1", text))


def _escape_line_start(m: re.Match[str]) -> str:
    """``1.`` becomes ``1\\.``; ``#`` becomes ``\\#``."""
    indent, mark = m.group(1), m.group(2)
    return f"{indent}{mark}\\" if mark[0].isdigit() else f"{indent}\\{mark}"
