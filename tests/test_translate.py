"""The quick translations give what ``str.translate`` gives, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import _vocab
from worksheet_parser._text._translate import Translation
from worksheet_parser._worksheet._labels import _exact_labels
from worksheet_parser._worksheet._spellings import _COMPACT, _COMPACT_TABLE, _EXACT_LABEL, fold_ocr

# ASCII-heavy text, with the characters the tables name and some that upper-case oddly.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("ßﬁıéÉ©¢€\u00a0\ufffd"),
        st.characters(),
    ),
    max_size=80,
)


@given(_TEXT)
def test_the_ocr_fold_is_str_translate(text: str) -> None:
    assert fold_ocr(text) == text.upper().translate(_vocab.OCR_FOLD)


@given(_TEXT)
def test_the_compact_letters_are_str_translate(text: str) -> None:
    assert _COMPACT(text) == text.upper().translate(_COMPACT_TABLE)


@given(
    st.dictionaries(
        st.characters(max_codepoint=300).map(ord),
        st.one_of(st.none(), st.text(max_size=2), st.characters().map(ord)),
        max_size=12,
    ),
    st.booleans(),
    _TEXT,
)
def test_any_table_translates_as_str_translate(
    table: dict[int, str | int | None], upper: bool, text: str
) -> None:
    expected = (text.upper() if upper else text).translate(table)
    assert Translation(table, upper=upper)(text) == expected


def test_a_table_leaving_ascii_still_translates() -> None:
    """A table that maps an ASCII character to several, or out of ASCII, is used as it is."""
    table = str.maketrans({"a": "ae", "b": "\u00e9", "c": None})
    assert Translation(table)("abcd") == "ae\u00e9d"


_LABEL_WORDS = st.sampled_from(
    [
        "Date",
        "DATE",
        "received",
        "RECEIVED:",
        "Name of Correspondent:",
        "SUBJECT:",
        "subject :",
        "Route to:",
        "Date Correspondence Received (yy/mm/dd)",
        "NO. OF ADDITIONAL CORRESPONDENTS",
        "Media",
        "MI MAIL REPORT",
        "mail user codes:",
        "XSUBJECT:",
        "ID#",
        ":",
        "1",
    ]
)


@given(st.lists(_LABEL_WORDS, max_size=8), st.lists(st.sampled_from([" ", "\t", "  ", ""])))
def test_exact_labels_are_found_where_the_any_case_pattern_finds_them(
    words: list[str], blanks: list[str]
) -> None:
    """Labels are looked for in the line's capitals, only where a label's first word
    stands: the same places and the same labels as the any-case pattern over the line."""
    line = "".join(w + (blanks[i % len(blanks)] if blanks else " ") for i, w in enumerate(words))
    expected = [(m.start(), m.end(), m.lastgroup) for m in _EXACT_LABEL.finditer(line)]
    found = [(m.start(), m.end(), m.lastgroup) for m in _exact_labels(line)]
    assert found == expected
