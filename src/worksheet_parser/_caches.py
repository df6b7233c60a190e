"""Every cache the parser keeps, by name and bound, and one way to empty them all.

Strategy: what a short text reads as depends on the text alone, and a
worksheet's printed text recurs on every page, so several stages remember
their answers (the lexer its lines, the grammar its parses per sequence of
token kinds, the readers their words and dates).  Each such cache is made
here, through :func:`remembered` (a :func:`functools.lru_cache` with a
bound) or, for a cache a stage keeps in its own shape, announced through
:func:`register`; so the bounds are known in one place, :func:`cache_usage`
says how full each is, and :func:`clear_caches` empties every one (after a
large batch, or before timing a cold parse).  Tables built once from the
forms' vocabulary (the grammars, label lists) are not caches of input and
are kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import attrs

__all__ = ["CacheUsage", "cache_usage", "clear_caches", "register", "remembered"]

_R = TypeVar("_R")


@attrs.frozen
class CacheUsage:
    """How full one of the parser's caches is."""

    entries: int
    """Answers it holds now."""
    maxsize: int
    """The most it ever holds (the least recently used answer goes first)."""


@attrs.frozen
class _Cache:
    maxsize: int
    clear: Callable[[], None]
    size: Callable[[], int]


_CACHES: dict[str, _Cache] = {}


def register(name: str, maxsize: int, clear: Callable[[], None], size: Callable[[], int]) -> None:
    """Announce a cache a stage keeps in its own shape: its bound, how to empty it, its size."""
    _CACHES[name] = _Cache(maxsize, clear, size)


def remembered(
    name: str, maxsize: int
) -> Callable[[Callable[..., _R]], functools._lru_cache_wrapper[_R]]:
    """A bounded :func:`functools.lru_cache` of a pure function, known as ``name``."""

    def decorate(fn: Callable[..., _R]) -> functools._lru_cache_wrapper[_R]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        register(name, maxsize, cached.cache_clear, lambda: cached.cache_info().currsize)
        return cached

    return decorate


def clear_caches() -> None:
    """Empty every cache the parser keeps (the answers it remembers for recurring text).

    Parsing stays correct without them, only slower until they fill again.

    >>> from worksheet_parser import clear_caches, parse, cache_usage
    >>> _ = parse("ID# 303373\\nSUBJECT: A LETTER")
    >>> clear_caches()
    >>> sum(usage.entries for usage in cache_usage().values())
    0
    """
    for cache in _CACHES.values():
        cache.clear()


def cache_usage() -> dict[str, CacheUsage]:
    """Each of the parser's caches by name, with how many answers it holds and its bound.

    >>> from worksheet_parser import cache_usage
    >>> usage = cache_usage()["lexer.lines"]
    >>> usage.maxsize
    8192
    """
    return {name: CacheUsage(c.size(), c.maxsize) for name, c in sorted(_CACHES.items())}
