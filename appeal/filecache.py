"""Caches of what is read from files, kept only while the files are unchanged.

An editor or a script may call the library for hours while a campaign's files
change. Each value is stored with the stats (modification time and size) of
the files it was made from, and used again only while they are the same; a
file that appears or disappears counts as a change. :func:`clear_caches`
empties every cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

#: Each file's (modification time in ns, size), or None where there is no file.
Stamp = tuple[tuple[int, int] | None, ...]


def stamp(paths: Iterable[Path]) -> Stamp:
    """The stats of ``paths`` that say whether any of them changed."""
    stats: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            stats.append(None)
        else:
            stats.append((st.st_mtime_ns, st.st_size))
    return tuple(stats)


class FileCache(Generic[K, V]):
    """At most ``size`` values, each valid while the files it was made from are unchanged."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, tuple[Stamp, V]] = OrderedDict()
        _CLEARS.append(self.clear)

    def get(self, key: K, paths: Iterable[Path], make: Callable[[], V]) -> V:
        """The value for ``key``, made again by ``make()`` if a file in ``paths`` changed."""
        now = stamp(paths)  # taken before reading: a change while reading is seen next time
        entry = self._entries.get(key)
        if entry is not None and entry[0] == now:
            self._entries.move_to_end(key)
            return entry[1]
        value = make()
        self._entries[key] = (now, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()


_CLEARS: list[Callable[[], None]] = []


def clear_caches() -> None:
    """Forget everything read from files: registries, templates, their words, letterheads."""
    for clear in _CLEARS:
        clear()
