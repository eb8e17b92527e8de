""" "Did you mean …?": the known name nearest to a likely typo."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to ``word`` (a likely typo of it), if any is near."""
    import difflib  # only a file with a mistake needs it

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` to end a message with, or "" when nothing is near."""
    close = closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""
