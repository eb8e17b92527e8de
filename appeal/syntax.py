"""YAML syntax errors said in plain words, where the mistake is, with the likely fix.

The YAML parser reports where it gave up ("could not find expected ':'" on
the line *after* a missing colon). For the mistakes campaigners make most —
a missing colon, a tab, a colon inside prose, an unclosed quote, a quote
inside quoted text, an unclosed ``[`` — this module names the mistake at its
own line and says what to write instead. Anything else keeps the parser's
words.
"""

from __future__ import annotations

from typing import NamedTuple

from yaml import MarkedYAMLError


class Explained(NamedTuple):
    line: int
    col: int
    end_col: int | None
    message: str


def explain(exc: MarkedYAMLError, text: str) -> Explained:
    """Where the mistake behind ``exc`` is, and what to do about it (1-based)."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    start = exc.context_mark
    lines = text.splitlines()
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def line_text(n: int) -> str:
        return lines[n - 1] if 0 < n <= len(lines) else ""

    if "tab" in problem or line_text(line)[col - 1 : col] == "\t":
        return _tab(line_text(line), line)
    if "could not find expected ':'" in problem and start:
        return _missing_colon(line_text(start.line + 1), start.line + 1, start.column + 1)
    if problem.startswith("mapping values are not allowed"):
        return _colon_in_text(line_text(line), line, col)
    if "quoted scalar" in context and start:
        quote = line_text(start.line + 1)[start.column : start.column + 1] or '"'
        return Explained(
            start.line + 1,
            start.column + 1,
            start.column + 2,
            f"this {quote} opens a quoted text that is never closed; end the text with "
            f"{quote}, on the same line or a later one",
        )
    if "flow sequence" in context and start:
        return Explained(
            start.line + 1,
            start.column + 1,
            start.column + 2,
            "this '[' starts a list that is not closed with ']'; add the ']' after its last "
            "item, and put an item that holds a comma or colon in quotes",
        )
    if "flow mapping" in context and start:
        return Explained(
            start.line + 1,
            start.column + 1,
            start.column + 2,
            "this '{' starts a mapping that is not closed with '}'; add the '}', and put a value "
            "that holds a comma or colon in quotes",
        )
    before = line_text(line)[: col - 1].rstrip()
    if before.endswith(("'", '"')) and ("expected key" in problem or "block end" in problem):
        return Explained(
            line,
            col,
            None,
            f"the {before[-1]} before this ends the quoted text, but the line goes on; inside "
            f"quoted text write {_escaped(before[-1])}, or quote the text with the other kind "
            "of quotes",
        )
    what = problem or "invalid YAML"
    if context:
        what = f"{what} ({context}"
        if start and mark and start.line != mark.line:
            what += f" that starts on line {start.line + 1}, column {start.column + 1}"
        what += ")"
    return Explained(line, col, None, f"YAML syntax error: {what}")


def _escaped(quote: str) -> str:
    return "'' for each '" if quote == "'" else '\\" for each "'


def _tab(source: str, line: int) -> Explained:
    tab = source.find("\t")  # an indenting tab comes first on its line
    col = tab + 1 if tab >= 0 else 1
    return Explained(
        line,
        col,
        col + 1,
        "this line is indented with a tab, which YAML does not allow; indent with spaces",
    )


def quoted(text: str) -> str:
    """``text`` as a quoted YAML value that reads back as ``text``: in double
    quotes, in single ones where it holds a double one, escaped where it holds both."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _missing_colon(source: str, line: int, col: int) -> Explained:
    item = source[col - 1 :].rstrip()
    key, _, rest = item.partition(" ")
    fix = f"write '{key}: {rest.strip()}'" if rest.strip() else f"write '{key}:'"
    return Explained(
        line,
        col,
        col + len(item),
        f"'{item}' has no ':' after its key; {fix} (or, if the line continues the text "
        "above it, indent it like that text)",
    )


def _colon_in_text(source: str, line: int, col: int) -> Explained:
    stripped = source.lstrip()
    indent = source[: len(source) - len(stripped)]
    dash = "- " if stripped.startswith("- ") else ""
    body = stripped[len(dash) :]
    key, sep, value = body.partition(": ")
    if dash:
        fixed = f"- {quoted(body)}"
        fix = f"put the text in quotes ({fixed}) or write it on the next lines after '>-'"
    elif sep and len(indent) + len(key) + 1 < col:
        fixed = f"{key}: {quoted(value.strip())}"
        fix = f"put the text in quotes ({fixed}) or write it on the next lines after '>-'"
    else:
        fix = "put the text in quotes or write it on the next lines after '>-'"
    return Explained(
        line,
        col,
        col + 1,
        f"a ':' followed by a space inside unquoted text makes YAML read a key there; {fix}",
    )
