"""Plain text: wrapped paragraphs, ``[1]`` note marks, the notes under a rule.

Headings are set off by a rule of ``=`` (the title) or ``-`` under them.
Address and signature blocks (paragraphs with line breaks) and URLs are never
broken; ``width=0`` keeps each paragraph on one line, for pasting into a web
mail composer.
"""

from __future__ import annotations

import textwrap
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

RULE = "-" * 20


def write(doc: Document, options: WriteOptions) -> bytes:
    width = options.width
    parts = [_block(b, width) for b in doc.blocks]
    if doc.notes:
        parts.append(RULE)
        for note in doc.notes:
            mark = f"[{note.number}] "
            body = "\n\n".join(_block(b, width - len(mark) if width else 0) for b in note.blocks)
            parts.append(mark + body.replace("\n", "\n" + " " * len(mark)))
    return ("\n\n".join(parts) + "\n").encode("utf-8")


def _block(block: Block, width: int) -> str:
    match block:
        case Paragraph(level=0):
            text = _inlines(block.inlines)
            if "\n" in text or not width:
                return text  # a block of lines (address, signatures) is kept as written
            return "\n".join(_wrap(text, width))
        case Paragraph():
            return _heading(_inlines(block.inlines), block.level, width)
        case ListBlock():
            return _list(block, width)
        case _:
            assert_never(block)


def _list(block: ListBlock, width: int) -> str:
    items = []
    for n, item in enumerate(block.items, start=block.start):
        marker = f"{n}. " if block.ordered else "- "
        inner = width - len(marker) if width else 0
        body = "\n\n".join(_block(b, inner) for b in item)
        items.append(marker + body.replace("\n", "\n" + " " * len(marker)))
    return "\n".join(items)


def _heading(text: str, level: int, width: int) -> str:
    """A heading set off by a rule under it: ``=`` for the title, ``-`` under the others."""
    lines = _wrap(text, width) if width else text.split("\n")
    rule = ("=" if level == 1 else "-") * max(len(line) for line in lines)
    return "\n".join([*lines, rule])


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _inlines(nodes: Iterable[Inline]) -> str:
    out: list[str] = []
    for node in nodes:
        match node:
            case Text():
                out.append(node.text)
            case LineBreak():
                out.append("\n")
            case Strong() | Emph():
                out.append(_inlines(node.children))
            case Link():
                shown = link_label(node)
                url = node.url.removeprefix("mailto:")
                out.append(shown if shown is not None else f"{_inlines(node.children)} ({url})")
            case NoteRef():
                out.append(f"[{node.number}]")
            case _:
                assert_never(node)
    return "".join(out)
