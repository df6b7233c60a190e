"""The parser's caches: all named in one place, bounded, and emptied by one call."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import (
    Document,
    cache_usage,
    clear_caches,
    example_text,
    parse,
    render,
    strategies,
)
from worksheet_parser._caches import _CACHES


def test_every_cache_is_bounded_and_emptied_by_one_call() -> None:
    """A parse fills caches; ``clear_caches`` empties each of them."""
    parse(example_text())
    usage = cache_usage()
    assert {"lexer.lines", "grammar.parses", "segmenter.line_facts"} <= set(usage)
    assert any(u.entries for u in usage.values())
    assert all(0 < u.maxsize <= 10_000 for u in usage.values())
    clear_caches()
    assert {name: u.entries for name, u in cache_usage().items() if u.entries} == {}


def test_caches_never_hold_more_than_their_bound() -> None:
    """Many distinct lines and words fill each cache at most to its bound."""
    lines = [f"SUBJECT: LETTER {i} ABOUT WORD{i} AND W{i}X" for i in range(9000)]
    parse("ID# 303373\nTHE WHITE HOUSE\n" + "\n".join(lines))
    for name, usage in cache_usage().items():
        assert usage.entries <= usage.maxsize, name


def test_every_cache_of_the_package_is_known() -> None:
    """The lexer's line cache is the one ``clear_caches`` empties (not a copy)."""
    from worksheet_parser._worksheet._lexer import _lex_cached

    parse(example_text())
    assert _lex_cached.cache_info().currsize == _CACHES["lexer.lines"].size() > 0
    clear_caches()
    assert _lex_cached.cache_info().currsize == 0


@given(strategies.documents())
def test_a_parse_from_empty_caches_reads_the_same(doc: Document) -> None:
    """What a parse gives does not depend on what the caches hold."""
    text = render(doc)
    warm = parse(text)
    clear_caches()
    assert parse(text) == warm
    assert parse(text) == warm  # and once more, from the caches it just filled


@given(st.text(max_size=300))
def test_any_text_reads_the_same_from_empty_caches(text: str) -> None:
    warm = parse(text)
    clear_caches()
    assert parse(text) == warm
