"""Quick filters: a pattern is tried on a line only when the line holds a word it needs.

Strategy: a search for many case-insensitive alternatives tries each of them
at every position of a line, though most lines hold none of the words any of
them needs.  :class:`_AnyOf` answers what the joined pattern would, but on an
ASCII line it looks for each needed word once (a substring test on the line
in upper case) and searches only the alternatives that need a word found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _sre
from re import _parser as _sre_parse
from typing import Any


def _literal_run(items: Any) -> str | None:
    """The best run of consecutive ASCII literals in one level of a parsed pattern."""
    best: str | None = None
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _sre.LITERAL and arg < 128:
            run.append(chr(arg).upper())
            continue
        if run:
            word = "".join(run)
            score = len(word) + (2 if not word.isalpha() else 0)
            if best is None or score > len(best) + (2 if not best.isalpha() else 0):
                best = word
            run = []
    return best


def _needed(items: Any) -> list[str] | None:
    """Words (upper case) one of which every match of ``items`` contains, or ``None``."""
    word = _literal_run(items)
    if word is not None:
        return [word]
    for op, arg in items:
        if op is _sre.BRANCH:
            out: list[str] = []
            for branch in arg[1]:
                words = _needed(branch)
                if words is None:
                    break  # no word known for this step: look at the next ones
                out += words
            else:
                return out
        if op is _sre.SUBPATTERN:
            words = _needed(arg[-1])
            if words is not None:
                return words
        if op in _REPEATS and arg[0] >= 1:  # repeated at least once
            sub = arg[2]
            if len(sub) == 1 and sub[0][0] is _sre.LITERAL and sub[0][1] < 128:
                return [chr(sub[0][1]).upper() * min(arg[0], 16)]  # ``\*{4}``: ``****``
            words = _needed(sub)
            if words is not None:
                return words
    return None


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


def _words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Words one of which any line matching ``pattern`` holds (compared in upper case).

    Exact for ASCII lines only: case-insensitive matching pairs a few non-ASCII
    characters with ASCII letters (the Kelvin sign with ``k``), so a line with
    any non-ASCII character is always given to the pattern itself.
    """
    try:
        words = _needed(_sre_parse.parse(pattern, flags).data)
    except Exception:  # pragma: no cover - an unusual pattern: no prefilter
        return None
    return None if words is None else tuple(dict.fromkeys(words))


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

    __slots__ = ("_at_start", "_flags", "_patterns", "_split", "whole")

    def __init__(self, patterns: Sequence[str], flags: int, *, at_start: bool = False) -> None:
        self.whole = re.compile("|".join(patterns), flags)
        self._at_start = at_start
        self._patterns = tuple(patterns)
        self._flags = flags
        self._split: tuple[tuple[re.Pattern[str], ...], _ByWord] | None = None
        """The alternatives apart, made on the first search (not at import)."""

    @property
    def parts(self) -> tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]:
        """Each alternative compiled alone, with the words one of which it needs."""
        flags = self._flags
        return tuple(
            (re.compile(alt, flags), _words(alt, flags))
            for pattern in self._patterns
            for alt in _alternatives(pattern)
        )

    def _alternatives_apart(self) -> tuple[tuple[re.Pattern[str], ...], _ByWord]:
        parts = self.parts
        always = tuple(part for part, words in parts if words is None)
        by_word: dict[str, list[re.Pattern[str]]] = {}
        for part, words in parts:
            for word in words or ():
                by_word.setdefault(word, []).append(part)
        # Shortest words first: the likeliest to be in a line (a routing row's date slashes).
        split = always, tuple((word, tuple(by_word[word])) for word in sorted(by_word, key=len))
        self._split = split
        return split

    def search(self, text: str, upper: str | None) -> bool:
        """Whether ``self.whole.search(text)`` finds a match.

        ``upper`` is the line in upper case if it is ASCII, else ``None``.
        """
        if upper is None:
            return self.whole.search(text) is not None
        if self._at_start and text[:1] not in _INDENT and self.whole.match(text) is not None:
            return True  # most worksheet lines open with their label, flush left
        always, by_word = self._split or self._alternatives_apart()
        for part in always:
            if part.search(text) is not None:
                return True
        for word, parts in by_word:
            if word in upper:
                for part in parts:
                    if part.search(text) is not None:
                        return True
        return False
