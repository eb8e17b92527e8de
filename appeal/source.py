"""YAML composed with positions.

PyYAML's ``safe_load`` forgets where things were and silently keeps the last
of two equal keys. Here the document is *composed* (libyaml's C composer when
available) and the node tree is walked once into plain Python values, keeping
for every path (``("recipient", "email", 1)``) the span of its value and of
its key. Only YAML's standard scalar tags are constructed: a Python-object
tag is a problem, never code that runs. Alias expansion is bounded, so a
"billion laughs" file is refused rather than expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from appeal.problems import Problem
from appeal.syntax import explain

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Values one file may expand to beyond one per character of its text (aliases
#: count each time they are used). Without aliases a file cannot come near it;
#: with them, a "billion laughs" file of a kilobyte is refused at once.
MAX_NODES = 20_000
#: The size of the largest file read (a long recipient list is about 1 MiB).
MAX_BYTES = 8 * 2**20
#: Nesting depth one file may reach.
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]


class Span(NamedTuple):
    """Where a node is: 1-based, its end just past its last character.

    A tuple rather than a dataclass: a file has one per value and key, and a
    campaign's validation makes hundreds of thousands of them.
    """

    line: int
    col: int
    end_line: int
    end_col: int

    @property
    def last_line(self) -> int:
        """The last line the node is written on: a block ends at the next line's start."""
        return self.end_line - (self.end_col == 1)


class Comment(NamedTuple):
    """A ``#`` comment after a plain value: YAML drops it, so the letter would too."""

    path: PathKey
    line: int
    col: int
    text: str


@dataclass
class Source:
    """A YAML file loaded with the position of every value and key."""

    file: str
    text: str
    data: Any = None
    values: dict[PathKey, Span] = field(default_factory=dict)
    keys: dict[PathKey, Span] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    """Comments that start on the line where a plain value ends."""
    folded: list[PathKey] = field(default_factory=list)
    """The values written as folded blocks (``>`` or ``>-``)."""

    def span(self, path: PathKey) -> Span:
        """Where the value at ``path`` is, or its nearest located ancestor."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Span(1, 1, 1, 1))

    def key_span(self, path: PathKey) -> Span:
        """Where the key naming ``path`` is (falls back to :meth:`span`)."""
        return self.keys.get(path) or self.span(path)

    def problem(
        self, path: PathKey, rule: str, message: str, *, on_key: bool = False, **kw: Any
    ) -> Problem:
        s = self.key_span(path) if on_key else self.span(path)
        return Problem(
            self.file, s.line, s.col, rule, message, end_line=s.end_line, end_col=s.end_col, **kw
        )

    def problem_at(self, path: PathKey, needle: str, rule: str, message: str, **kw: Any) -> Problem:
        """A problem at the first ``needle`` written within the value at ``path``.

        Falls back to the value's start where the text is not written verbatim
        in the file (an escape sequence in a quoted string, a folded line).
        """
        s = self.span(path)
        lines = self.text.splitlines(keepends=True)
        start = sum(len(x) for x in lines[: s.line - 1]) + s.col - 1
        end = sum(len(x) for x in lines[: s.end_line - 1]) + s.end_col - 1
        i = self.text.find(needle, start, end)
        if i < 0:
            return self.problem(path, rule, message, **kw)
        line = self.text.count("\n", 0, i) + 1
        col = i - (self.text.rfind("\n", 0, i) + 1) + 1
        return Problem(
            self.file, line, col, rule, message, end_line=line, end_col=col + len(needle), **kw
        )

    def get(self, path: PathKey) -> Any:
        """The value at ``path``, or None where the path does not exist."""
        node = self.data
        for part in path:
            if isinstance(node, list) and isinstance(part, int) and part < len(node):  # noqa: SIM114
                node = node[part]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return None
        return node

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def read_source(path: Path, display: str | None = None) -> Source:
    """Read and compose ``path``; unreadable files become problems too."""
    name = display if display is not None else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        src = Source(name, "")
        src.problems.append(Problem(name, 1, 1, "unreadable-file", _os_message(exc)))
        return src
    return compose(raw, name)


def compose(raw: bytes | str, file: str) -> Source:
    """Compose YAML text into a :class:`Source`."""
    if len(raw) > MAX_BYTES:
        src = Source(file, "")
        size = f"{len(raw) / 2**20:.1f} MiB"
        src.problems.append(
            Problem(
                file,
                1,
                1,
                "too-large",
                f"the file is {size}; at most {MAX_BYTES // 2**20} MiB is read",
            )
        )
        return src
    if isinstance(raw, bytes):
        if b"\x00" in raw:
            src = Source(file, "")
            src.problems.append(
                Problem(file, 1, 1, "not-text", "this is a binary file, not a YAML text file")
            )
            return src
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            src = Source(file, "")
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            src.problems.append(
                Problem(file, line, col, "not-utf8", "the file is not UTF-8 text; save it as UTF-8")
            )
            return src
    else:
        text = raw
        surrogate = _SURROGATE.search(text)  # text decoded from UTF-8 cannot hold one
        if surrogate:
            src = Source(file, text)
            src.problems.append(_bad_character(file, text, surrogate.start()))
            return src
    src = Source(file, text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        found = explain(exc, text)
        src.problems.append(
            Problem(
                file,
                found.line,
                found.col,
                "yaml-syntax",
                found.message,
                end_line=found.line if found.end_col else None,
                end_col=found.end_col,
            )
        )
        return src
    except yaml.reader.ReaderError as exc:
        # A control character in the text itself: libyaml gives its offset
        # in the UTF-8 bytes only.
        i = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        src.problems.append(_bad_character(file, text, i))
        return src
    except yaml.YAMLError as exc:
        src.problems.append(Problem(file, 1, 1, "yaml-syntax", f"YAML error: {exc}"))
        return src
    if root is None:
        src.problems.append(Problem(file, 1, 1, "empty-file", "the file is empty"))
        return src
    walker = _Walker(src)
    try:
        src.data = walker.value(root, (), 0)
    except _TooLarge as exc:
        src.data = None
        src.problems.append(src.problem(exc.path, "too-large", exc.message))
    return src


def _bad_character(file: str, text: str, i: int) -> Problem:
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return Problem(
        file,
        line,
        col,
        "bad-character",
        f"the character U+{ord(text[i]):04X} cannot appear in a YAML file or a letter; delete it",
        end_line=line,
        end_col=col + 1,
    )


_STR = "tag:yaml.org,2002:str"
_SURROGATE = re.compile("[\ud800-\udfff]")
_TRAILING_COMMENT = re.compile(r"[ \t]+(#[^\r\n]*)")


class _TooLarge(Exception):
    def __init__(self, path: PathKey, message: str) -> None:
        self.path = path
        self.message = message


class _Walker:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.count = 0
        self.limit = MAX_NODES + len(src.text)
        self.active: set[int] = set()
        self.noted: set[int] = set()
        """The scalars already looked at for a comment or a fold: one an alias repeats
        is noted once, at its first path."""
        self.constructor = SafeConstructor()

    def value(self, node: Node, path: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > self.limit:
            raise _TooLarge(path, f"the file expands to more than {self.limit} values (aliases?)")
        if depth > MAX_DEPTH:
            raise _TooLarge(path, f"the file nests deeper than {MAX_DEPTH} levels")
        self.src.values.setdefault(path, _span(node))
        if id(node) in self.active:
            raise _TooLarge(path, "an alias refers to itself")
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if node.tag not in SafeConstructor.yaml_constructors:
            self.src.problems.append(self.unsupported(node))
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.value(n, (*path, i), depth + 1) for i, n in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, path, depth)
        finally:
            self.active.discard(id(node))
        return None

    def mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.src.problems.append(
                    self.located(key_node, "invalid-key", "a key must be plain text")
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in out:
                first = self.src.keys[child]
                self.src.problems.append(
                    self.located(
                        key_node,
                        "duplicate-key",
                        f"'{key}' is given twice (first on line {first.line}); "
                        "YAML would silently keep only the last one",
                    )
                )
                continue
            self.src.keys[child] = _span(key_node)
            out[key] = self.value(value_node, child, depth + 1)
        return out

    def scalar(self, node: ScalarNode, path: PathKey) -> Any:
        if id(node) not in self.noted:
            self.noted.add(id(node))
            if not node.style and node.tag == _STR:  # plain: style None in PyYAML, "" in libyaml
                self.comment_after(node, path)
            elif node.style == ">":
                self.src.folded.append(path)
        if node.tag == _STR:  # most values: skip the constructor's machinery
            return node.value
        construct = SafeConstructor.yaml_constructors.get(node.tag)
        if construct is None or node.tag == "tag:yaml.org,2002:binary":
            self.src.problems.append(self.unsupported(node))
            return None
        try:
            return construct(self.constructor, node)
        except (ConstructorError, ValueError, OverflowError):
            # An impossible date (2020-02-30) or a malformed number: keep the
            # spelling, so that the rules can say what is wrong with it.
            return str(node.value)

    def comment_after(self, node: ScalarNode, path: PathKey) -> None:
        """Note a comment that starts where a plain scalar ends, on its line.

        The scanner has already cut it off; the text from the scalar's end to
        the end of its line is what the letter would lose.
        """
        end = node.end_mark
        found = _TRAILING_COMMENT.match(self.src.text, end.index)
        if found:
            col = end.column + 1 + found.start(1) - end.index
            self.src.comments.append(Comment(path, end.line + 1, col, found.group(1).rstrip()))

    def unsupported(self, node: Node) -> Problem:
        return self.located(
            node, "unsupported-tag", f"the YAML tag {node.tag} is not allowed in a case file"
        )

    def located(self, node: Node, rule: str, message: str) -> Problem:
        s = _span(node)
        return Problem(
            self.src.file, s.line, s.col, rule, message, end_line=s.end_line, end_col=s.end_col
        )


def _span(node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return _new_span(Span, (start.line + 1, start.column + 1, end.line + 1, end.column + 1))


_new_span = tuple.__new__  # Span(…) without NamedTuple's Python-level __new__


def _os_message(exc: OSError) -> str:
    return f"cannot read the file: {exc.strerror or exc}"


def walk_strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string in ``data`` with its path, keys excluded."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from walk_strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk_strings(value, (*path, i))
