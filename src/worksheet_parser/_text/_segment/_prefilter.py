"""Quick filters: a pattern is tried on a line only when the line holds a word it needs.

Strategy: a search for many case-insensitive alternatives tries each of them
at every position of a line, though most lines hold none of the words any of
them needs.  :class:`_AnyOf` answers what the joined pattern would, but on an
ASCII line it looks for each needed word once (a substring test on the line
in upper case) and searches only the alternatives that need a word found.
The words are written beside each pattern in the forms' vocabulary
(:class:`worksheet_parser._vocab.Needs`), where a test checks them against
lines drawn to match the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from worksheet_parser._vocab import Needs


def _upper(text: str) -> str | None:
    return text.upper() if text.isascii() else None


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split at ``|`` outside groups and sets)."""
    parts: list[str] = []
    depth = start = i = 0
    in_set = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 2 if pattern.startswith("[^", i) else 1
            if pattern.startswith("]", i):
                i += 1  # a ``]`` first in a set is a character of it
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_INDENT = (" ", "\t")
_ByWord = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
"""Alternatives by a word they need: ``(word, patterns)``, shortest words first."""


class _AnyOf:
    """Whether a line holds a match of any of several patterns, as one joined search says.

    A search for many case-insensitive alternatives tries each of them at
    every position of the line.  For an ASCII line each alternative is
    searched alone, and only when the line holds one of the words it needs:
    each needed word is looked for once, and the alternatives that need it
    are tried when it is there.
    """

    __slots__ = ("_at_start", "_flags", "_needs", "_ready")

    def __init__(self, needs: Sequence[Needs], flags: int, *, at_start: bool = False) -> None:
        self._at_start = at_start
        self._needs = tuple(needs)
        self._flags = flags
        self._ready: tuple[re.Pattern[str], tuple[re.Pattern[str], ...], _ByWord] | None = None
        """The joined pattern and the alternatives apart, made on the first search (not at
        import: compiling them is most of what importing the segmenter costs)."""

    @property
    def whole(self) -> re.Pattern[str]:
        """The alternatives joined in one pattern, whose answer :meth:`search` gives."""
        return (self._ready or self._prepare())[0]

    @property
    def parts(self) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
        """Each alternative compiled alone, with the words one of which it needs
        (none: it is tried on every line)."""
        flags = self._flags
        return tuple(
            (re.compile(need.pattern, flags), tuple(dict.fromkeys(need.words)))
            for need in self._needs
        )

    def _prepare(self) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], _ByWord]:
        whole = re.compile("|".join(need.pattern for need in self._needs), self._flags)
        parts = self.parts
        always = tuple(part for part, words in parts if not words)
        by_word: dict[str, list[re.Pattern[str]]] = {}
        for part, words in parts:
            for word in words:
                by_word.setdefault(word, []).append(part)
        # Shortest words first: the likeliest to be in a line (a routing row's date slashes).
        ready = (
            whole,
            always,
            tuple((word, tuple(by_word[word])) for word in sorted(by_word, key=len)),
        )
        self._ready = ready
        return ready

    def search(self, text: str, upper: str | None) -> bool:
        """Whether ``self.whole.search(text)`` finds a match.

        ``upper`` is the line in upper case if it is ASCII, else ``None``.
        """
        whole, always, by_word = self._ready or self._prepare()
        if upper is None:
            return whole.search(text) is not None
        if self._at_start and text[:1] not in _INDENT and whole.match(text) is not None:
            return True  # most worksheet lines open with their label, flush left
        for part in always:
            if part.search(text) is not None:
                return True
        for word, parts in by_word:
            if word in upper:
                for part in parts:
                    if part.search(text) is not None:
                        return True
        return False
