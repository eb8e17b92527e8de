"""Text that YAML reads differently from how a campaigner wrote it.

Each of these files validates as YAML, yet the letter would lose words (a
``#`` starts a comment), run a list into one paragraph (a folded block) or
print a stray dash. The rules find them from the source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from appeal.problems import Level, Problem
from appeal.rules import UNSTAMPED, Context, rule
from appeal.source import Comment, Source, walk_strings
from appeal.syntax import quoted


@rule("comment-in-value")
def comment_in_value(ctx: Context) -> Iterator[Problem]:
    """A ``#`` after an unquoted value starts a YAML comment: the rest of the line is lost.

    ``subject: Case #12 of Azimjon Askarov`` gives the subject "Case", and
    ``- Release him #FreeAli now`` drops the hashtag and what follows. Put the
    whole value in quotes (``subject: "Case #12 of Azimjon Askarov"``) or
    write it in a block after ``>-``; a note for yourself goes on a line of
    its own. A comment alone on its line, or after a quoted value, is fine.
    """
    return trailing_comments(ctx.source)


def trailing_comments(src: Source) -> Iterator[Problem]:
    """A problem for each comment after a plain value (registries use it too)."""
    for comment in src.comments:
        yield Problem(
            src.file,
            comment.line,
            comment.col,
            "comment-in-value",
            f"'{comment.text}' is read as a YAML comment and left out of the letter; if it "
            f"belongs in the letter, {_quote_fix(src, comment)} (a note for yourself goes on a "
            "line of its own)",
            end_line=comment.line,
            end_col=comment.col + len(comment.text),
        )


def _quote_fix(src: Source, comment: Comment) -> str:
    span = src.span(comment.path)
    if span.line != comment.line:
        return "put the whole value in quotes, or write it on the next lines after '>-'"
    line = src.line_text(comment.line).rstrip()
    value = line[span.col - 1 :]
    fixed = f"{line[: span.col - 1]}{quoted(value)}".lstrip()
    return f"put the whole value in quotes: {fixed}"


#: A line that Markdown would read as a list item or a heading, had it kept
#: its line break: "1. ", "2) ", "- ", "* ", "+ ", "• ", "# ".
_LIST_ITEM = re.compile(r"(?:\d{1,2}[.)]|[-*+•])[ \t]+\S")
_NUMBERED = re.compile(r"\d{1,2}[.)][ \t]")
_HEADING = re.compile(r"#{1,6}[ \t]+\S")


@rule("folded-list", Level.WARNING)
def folded_list(ctx: Context) -> Iterator[Problem]:
    """A folded block (``>`` or ``>-``) whose lines look like list items or headings.

    A folded block joins its lines into one paragraph, so a numbered or
    bulleted list written in it ("1. release …", "2. guarantee …") comes out
    as one run-on line in every format. Write such text after ``|``, which
    keeps every line break.
    """
    src = ctx.source
    lines = src.text.splitlines() if src.folded else []
    for path in src.folded:
        span = src.span(path)
        found = _joined_item(lines, span.line, span.last_line)
        if found is None:
            continue
        line, col, what = found
        yield Problem(
            src.file,
            line,
            col,
            UNSTAMPED,
            f"this {what} would run into the lines around it, because '>' folds lines into "
            "one paragraph; write the block after '|' instead, which keeps each line",
            end_line=line,
            end_col=len(lines[line - 1]) + 1,
        )


def _joined_item(lines: list[str], header: int, end: int) -> tuple[int, int, str] | None:
    """The first line in a folded block that folding would join to a list item or heading.

    Lines are 1-based; ``header`` holds the ``>``. Only lines at the block's
    own indentation are folded (more indented ones keep their breaks); a
    single numbered line could be a year ending a sentence, so numbers count
    from two.
    """
    body = [(n, lines[n - 1]) for n in range(header + 1, min(end, len(lines)) + 1)]
    indents = [len(t) - len(t.lstrip()) for _, t in body if t.strip()]
    if not indents:
        return None
    indent = min(indents)
    numbered = sum(1 for _, t in body if _NUMBERED.match(t.strip()))
    # The text of each line that folding joins to the next one, or "".
    joined = [t.strip() if len(t) - len(t.lstrip()) == indent else "" for _, t in body]
    for i, (n, _) in enumerate(body):
        stripped = joined[i]
        before = i > 0 and joined[i - 1]
        after = i + 1 < len(body) and joined[i + 1]
        if _HEADING.match(stripped) and (before or after):
            return n, indent + 1, "heading"
        if (
            before
            and _LIST_ITEM.match(stripped)
            and (numbered >= 2 or not _NUMBERED.match(stripped))
        ):
            return n, indent + 1, "list item"
    return None


@rule("dash-without-space", Level.WARNING)
def dash_without_space(ctx: Context) -> Iterator[Problem]:
    """A value that starts with a dash and no space, such as ``-Release him.``.

    YAML reads ``- `` (a dash and a space) as a list item, but ``-Release``
    as text starting with a dash, which the letter would print. Add the
    space: ``- Release him.``
    """
    src = ctx.source
    for path, value in walk_strings(src.data):
        if len(value) > 1 and value[0] == "-" and not value[1].isspace() and value[1] != "-":
            span = src.span(path)
            if src.line_text(span.line)[span.col - 1 : span.col] == "-":  # not quoted
                first = value.splitlines()[0]
                yield ctx.problem(
                    path,
                    f"'{first}' starts with a dash and no space, so it is not a list item and "
                    f"the letter would print the dash; write '- {first[1:]}'",
                )
