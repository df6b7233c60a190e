"""The segmenter's shortcuts say what the plain patterns and line lists say."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import assume, find, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from worksheet_parser import _vocab
from worksheet_parser._text._normalize import normalize
from worksheet_parser._text._segment import _lines, _patterns, _prefilter, segment

TEXT = SAMPLE.read_text(encoding="utf-8")

_FINDERS = (
    _patterns._ID_ANY,
    _patterns._TITLE_ANY,
    _patterns._EVIDENCE_ANY,
    _patterns._NOT_WORKSHEET_ANY,
    *_patterns._RELEASE_ANY,
)
# Pieces of the words the patterns look for, OCR look-alikes, and characters
# that case-insensitive matching pairs with ASCII letters (Kelvin sign, long s).
_PIECES = [
    *TEXT.split(),
    *["DATE", "RECEIVED", "ROUTE", "TO", "CORRESPONDENCE", "TRACKING", "WORKSHEET"],
    *["MEMORANDUM", "FOR", "E.O.", "12958", "NARA", "Date", "Authority:", "NLB-", "Case"],
    *["No.", "F-2004-12345", "92/01/30", "****"],
    *["ID#", "I D #", "1D#", "lD NO.", "|DNO", "IDN0", "303373", "ID", "#", "NO", "no"],
    "Declassification",
    "DECLASSIFIED",
    "RECORDS MANAGEMENT",
    "\u212a",
    "\u017f",
    "\u0130",
    "k",
    "s",
    "i",
    "1",
    "/",
    "-",
    " ",
    "\t",
]
_LINE = st.lists(st.sampled_from(_PIECES), max_size=12).map(" ".join) | st.text(max_size=40)


@given(_LINE)
def test_any_of_agrees_with_the_joined_pattern(line: str) -> None:
    """Each word-filtered search finds a match exactly when the joined pattern does."""
    upper = _prefilter._upper(line)
    for finder in _FINDERS:
        assert finder.search(line, upper) == (finder.whole.search(line) is not None), (
            finder.whole.pattern[:40],
            line,
        )


def test_blocks_make_the_same_lines_every_way() -> None:
    """Lines made lazily, (text, start) pairs and non-blank lines agree with a plain split."""
    norm = normalize((TEXT + "\n\n \n") * 3).text
    starts = [0]
    for part in norm.split("\n"):
        starts.append(starts[-1] + len(part) + 1)
    for block in segment(norm):
        lines = block.lines
        assert [(x.text, x.start) for x in lines] == block.texts_and_starts()
        assert all(norm.split("\n")[x.number] == x.text for x in lines)
        assert all(starts[x.number] == x.start for x in lines)
        assert block.filled == tuple(x for x in lines if x.text.strip())
        assert (block.start, block.end) == (lines[0].start, lines[-1].end)


def test_refused_candidates_do_not_make_segmenting_quadratic() -> None:
    """Thousands of title-less candidates, each running to the end, segment in linear time."""
    text = "THE WHITE HOUSE\nDATE RECEIVED: X\n" * 8000
    start = time.perf_counter()
    blocks = segment(text)
    assert time.perf_counter() - start < 10  # quadratic: minutes
    assert sum(len(b.lines) for b in blocks) == text.count("\n") + 1


def test_remembered_line_facts_change_nothing_and_stay_bounded() -> None:
    """Blocks are the same from an empty memo and a full one; the memo never outgrows its size."""
    texts = [normalize(TEXT).text, normalize(TEXT.lower()).text, "x" * 300 + "\nID# 1\n"]
    _lines._FACTS.clear()
    cold = [segment(t) for t in texts]
    warm = [segment(t) for t in texts]
    assert [[repr(b) for b in bs] for bs in cold] == [[repr(b) for b in bs] for bs in warm]
    assert "x" * 300 not in _lines._FACTS  # too long to remember
    for k in range(_lines._FACTS_SIZE + 10):
        segment(f"line {k}\n")
        assert len(_lines._FACTS) <= _lines._FACTS_SIZE


_HEADER_PIECES = [
    "01494",
    "47O82",
    "1992/01/29",
    "l992/O1/29",
    "19?2/0#/29",
    "186B",
    "303375",
    "186e",
]
_HEADER_LINE = st.builds(
    "".join,
    st.lists(
        st.sampled_from([*_HEADER_PIECES, " ", "\t", "\u2003", "\x1c", "|", "x", "/", "\u0663"]),
        max_size=6,
    ),
)


@given(_HEADER_LINE | st.text(max_size=20))
def test_header_line_prefilters_agree_with_the_three_patterns(line: str) -> None:
    """The first-character and joined-pattern shortcuts say what the three patterns say."""
    plain = bool(
        _patterns.number_line(line)
        or _patterns._HEADER_DATE.match(line)
        or _patterns._HEADER_TAG.match(line)
    )
    assert _patterns._header_line(line) == plain


def test_word_filtered_patterns_cannot_backtrack_catastrophically() -> None:
    """Every pattern a word-filtered search holds passes the package's regex safety check."""
    from re import _parser as sre_parse

    from tests.test_regex_safety import _nested_unbounded

    finders = [
        value for value in vars(_patterns).values() if isinstance(value, _prefilter._AnyOf)
    ] + list(_patterns._RELEASE_ANY)
    assert len(finders) >= 6
    for finder in finders:
        for pattern in [finder.whole, *(part for part, _ in finder.parts)]:
            tree = sre_parse.parse(pattern.pattern, pattern.flags)
            assert not _nested_unbounded(list(tree), False), pattern.pattern


def _declared() -> list[_vocab.Needs]:
    """Every pattern of the forms' vocabulary written with the words it needs."""
    found: list[_vocab.Needs] = []
    for value in vars(_vocab).values():
        for table in value.values() if isinstance(value, dict) else [value]:
            if isinstance(table, tuple) and any(isinstance(x, _vocab.Needs) for x in table):
                found.extend(table)
    return list(dict.fromkeys(found))


_DECLARED = _declared()
_ASCII_LINE = st.characters(codec="ascii", exclude_characters="\n")


def _lines_matching(pattern: str) -> st.SearchStrategy[str]:
    """ASCII lines (the quick filter's only lines) holding a match of a case-insensitive
    ``pattern``."""
    return st.from_regex(re.compile(pattern, re.I), alphabet=_ASCII_LINE)


def _holds_a_word(line: str, words: tuple[str, ...]) -> bool:
    return any(word in line.upper() for word in words)


def test_every_filtered_pattern_declares_its_words() -> None:
    """The segmenter's quick-filtered patterns are all written with their words, in upper
    case, and it searches exactly those."""
    assert len(_DECLARED) >= 80
    for need in _DECLARED:
        assert need.words, need.pattern
        assert all(word and word == word.upper() for word in need.words), need
    searched = {
        (part.pattern, words)
        for finder in [*_FINDERS, _patterns._STOPS]
        for part, words in finder.parts
    }
    assert searched <= {(need.pattern, need.words) for need in _DECLARED}
    assert all(words for _, words in searched)


@pytest.mark.parametrize("need", _DECLARED, ids=lambda need: need.pattern[:40])
@settings(max_examples=40)  # per pattern: some ninety patterns
@given(data=st.data())
def test_declared_words_are_needed(need: _vocab.Needs, data: st.DataObject) -> None:
    """Every line a pattern matches holds one of the words written beside it, so the quick
    filter never skips a line the pattern would match."""
    line = data.draw(_lines_matching(need.pattern))
    assume("\n" not in line)
    assert re.search(need.pattern, line, re.I)
    assert _holds_a_word(line, need.words), (need.pattern, line)


def test_a_word_that_is_not_needed_is_caught() -> None:
    """The check above finds a line without the word when a word is written wrong (a
    label's two words where OCR may leave a tab or two blanks between them)."""
    wrong = _vocab.Needs(r"DATE\s+RECEIVED", ("DATE RECEIVED",))
    line = find(_lines_matching(wrong.pattern), lambda x: not _holds_a_word(x, wrong.words))
    assert re.search(wrong.pattern, line, re.I)
