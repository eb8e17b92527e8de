"""One self-contained, accessible HTML page per letter, ready to publish.

Roles become semantic elements: the letter's title (or else the subject line)
is the page's ``<h1>``, headings in the prose and over signatory groups are
``<h2>`` (``<h1>`` in a letter with neither, whose outline starts with them),
the signatures a list; every other role is a paragraph with the role as its class.
Notes are endnotes (DPUB-ARIA ``doc-endnotes``) under the language's word for
them, with a back-link to each place that cites them; the note marks and the
``↩`` back-links say what they are through their ARIA roles, and each
back-link is named in the letter's language ("Back to the text 1").
The page loads nothing: the stylesheet is inline, with a print stylesheet for
a clean A4 page, and there are no scripts or fonts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from html import escape

from appeal.document import (
    PROSE_ROLES,
    Block,
    Document,
    Emph,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Paragraph,
    Strong,
    Text,
    assert_never,
    heading_shift,
    paragraphs,
    split_lines,
)
from appeal.writers import WriteOptions

#: The back-link's arrow, with the selector that keeps it text, not an emoji.
BACK = "\u21a9\ufe0e"

STYLE = """\
:root { color-scheme: light; }
body {
  margin: 0;
  background: #eceae6;
  color: #1b1b1b;
  font: 1.0625rem/1.55 "Liberation Serif", "Times New Roman", Times, serif;
}
article {
  box-sizing: border-box;
  max-width: 46rem;
  margin: 2rem auto;
  padding: 3.5rem 4rem;
  background: #fff;
  box-shadow: 0 1px 4px rgb(0 0 0 / 20%);
}
p, ul, ol { margin: 0 0 1em; }
li > p:last-child { margin-bottom: 0; }
.subject { font-size: inherit; margin: 2em 0 1em; }
.title { font-size: 1.5em; line-height: 1.25; margin: 0 0 1.5em; }
h1, h2 { font-size: 1.125em; margin: 1.5em 0 0.75em; break-after: avoid; }
.group { margin-top: 2em; }
.cc, .enclosures { margin-top: 2em; }
.dateline { margin-bottom: 2em; }
.closing { margin-top: 2em; break-after: avoid; }
.signatures { list-style: none; padding: 0; orphans: 2; widows: 2; }
.signature { break-inside: avoid; }
a { color: #0645ad; overflow-wrap: anywhere; }
a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
sup { line-height: 0; }
.footnotes a { padding-block: 4px; }
a[role="doc-backlink"] { padding-inline: 6px; }
.footnotes { margin-top: 2.5em; padding-top: 1em; border-top: 1px solid #999; font-size: 0.875em; }
.footnotes h2 { font-size: inherit; margin: 0 0 0.75em; }
.footnotes ol { padding-inline-start: 1.5em; }
:target { background: #fff3a8; scroll-margin-top: 2rem; }
@media (max-width: 40rem) {
  article { margin: 0; padding: 1.5rem 1.25rem; box-shadow: none; }
}
@media print {
  @page { size: A4; margin: 2.5cm; }
  body { background: none; font-size: 11pt; }
  article { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; }
  :target { background: none; }
  a[role="doc-backlink"] { display: none; }
  .footnotes li { break-inside: avoid; }
}
"""


def write(doc: Document, options: WriteOptions) -> bytes:
    meta = doc.meta
    lang = escape(meta.lang)
    direction = ' dir="rtl"' if meta.direction == "rtl" else ""
    cited = Counter(_note_refs(doc))
    titled = any(isinstance(b, Paragraph) and b.role == "title" for b in doc.blocks)
    subject = any(isinstance(b, Paragraph) and b.role == "subject" for b in doc.blocks)
    shift = heading_shift(doc.blocks, opened=subject and not titled)
    page = _Page(cited, titled, shift, meta.back_label)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"{direction}>',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(meta.title)}</title>",
        f'<meta name="author" content="{escape(meta.author)}">',
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<article>",
        *(page.block(block) for block in doc.blocks),
    ]
    if doc.notes:
        lines.append('<section class="footnotes" role="doc-endnotes" aria-labelledby="notes">')
        lines.append(f'<h2 id="notes">{escape(meta.notes_heading, quote=False)}</h2>')
        lines.append("<ol>")
        lines.extend(page.note(note) for note in doc.notes)
        lines.append("</ol>")
        lines.append("</section>")
    lines += ["</article>", "</main>", "</body>", "</html>", ""]
    return "\n".join(lines).encode("utf-8")


def _note_refs(doc: Document) -> Iterator[int]:
    """The number of every note mark, in the order the page shows them."""

    def walk(nodes: Iterable[Inline]) -> Iterator[int]:
        for node in nodes:
            match node:
                case NoteRef():
                    yield node.number
                case Strong() | Emph() | Link():
                    yield from walk(node.children)
                case Text() | LineBreak():
                    pass
                case _:
                    assert_never(node)

    for blocks in (doc.blocks, *(note.blocks for note in doc.notes)):
        for paragraph in paragraphs(blocks):
            yield from walk(paragraph.inlines)


class _Page:
    """Writes blocks and notes, numbering the note marks as it meets them.

    The first mark of note 1 has the id ``fnref1``, its second ``fnref1-2``
    and so on; ``cited`` (how often each note is cited) gives each note one
    back-link per mark.
    """

    def __init__(self, cited: Counter[int], titled: bool, shift: int, back_label: str) -> None:
        self.cited = cited
        self.titled = titled
        """Whether the letter has a title: then it is the page's ``<h1>``, not the subject."""
        self.shift = shift
        """How many levels the headings are raised by (:func:`~appeal.document.heading_shift`)."""
        self.back_label = back_label
        self.seen: Counter[int] = Counter()

    def block(self, block: Block) -> str:
        match block:
            case ListBlock():
                return self._list(block)
            case Paragraph():
                return self._paragraph(block)
            case _:
                assert_never(block)

    def _paragraph(self, block: Paragraph) -> str:
        # Each line of the letter's parts other than its prose holds data (a
        # name, an address line, the subject): isolated, it keeps its own
        # direction, so "205 Chuy Prospect" in a right-to-left letter is not
        # read backwards.
        data = block.role not in PROSE_ROLES
        lines = (
            [f"<bdi>{self.inlines(ln)}</bdi>" for ln in split_lines(block.inlines)] if data else []
        )
        inner = _BR.join(lines) if data else self.inlines(block.inlines)
        if block.level:
            tag = f"h{block.level - self.shift}"
            return f"<{tag}{_class(block.role)}>{inner}</{tag}>"
        if block.role == "subject" and not self.titled:
            return f'<h1 class="subject">{inner}</h1>'
        if block.role == "signatures":
            items = "".join(f"<li>{line}</li>\n" for line in lines)
            return f'<ul class="signatures">\n{items}</ul>'
        return f"<p{_class(block.role)}>{inner}</p>"

    def _list(self, block: ListBlock) -> str:
        tag = "ol" if block.ordered else "ul"
        start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
        items = "".join(f"<li>{self._item(item)}</li>\n" for item in block.items)
        return f"<{tag}{_class(block.role)}{start}>\n{items}</{tag}>"

    def _item(self, blocks: Sequence[Block]) -> str:
        if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
            return self.inlines(blocks[0].inlines)
        return "\n" + "\n".join(self.block(b) for b in blocks) + "\n"

    def note(self, note: Note) -> str:
        n = note.number
        marks = self.cited[n]
        backs = " ".join(
            f'<a href="#{_ref_id(n, k)}" role="doc-backlink" '
            f'aria-label="{self._back(n, k, marks)}">{BACK}{_superscript(k, marks)}</a>'
            for k in range(1, marks + 1)
        )
        blocks = [self.block(b) for b in note.blocks]
        if backs:
            if blocks and blocks[-1].endswith("</p>"):
                blocks[-1] = blocks[-1].removesuffix("</p>") + f" {backs}</p>"
            else:
                blocks.append(f"<p>{backs}</p>")
        return f'<li id="fn{n}">' + "\n".join(blocks) + "</li>"

    def _back(self, n: int, k: int, marks: int) -> str:
        """The back-link's name: the arrow says nothing to a screen reader."""
        mark = f"{n}, {k}" if marks > 1 else str(n)
        return escape(f"{self.back_label} {mark}".strip())

    def inlines(self, nodes: Iterable[Inline]) -> str:
        out: list[str] = []
        for node in nodes:
            match node:
                case Text():
                    out.append(escape(node.text, quote=False))
                case LineBreak():
                    out.append("<br>\n")
                case Strong():
                    out.append(f"<strong>{self.inlines(node.children)}</strong>")
                case Emph():
                    out.append(f"<em>{self.inlines(node.children)}</em>")
                case Link():
                    out.append(f'<a href="{escape(node.url)}">{self.inlines(node.children)}</a>')
                case NoteRef():
                    out.append(self._mark(node.number))
                case _:
                    assert_never(node)
        return "".join(out)

    def _mark(self, n: int) -> str:
        self.seen[n] += 1
        ref = _ref_id(n, self.seen[n])
        return f'<sup><a href="#fn{n}" id="{ref}" role="doc-noteref">{n}</a></sup>'


_BR = "<br>\n"


def _class(role: str) -> str:
    return "" if role in PROSE_ROLES else f' class="{escape(role)}"'


def _ref_id(n: int, k: int) -> str:
    return f"fnref{n}" if k == 1 else f"fnref{n}-{k}"


def _superscript(k: int, marks: int) -> str:
    """Which mark a back-link returns to, when the note has several."""
    return f"<sup>{k}</sup>" if marks > 1 else ""
