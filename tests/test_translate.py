"""The quick translations give what ``str.translate`` gives, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import _vocab
from worksheet_parser._spellings import _COMPACT, _COMPACT_TABLE, fold_ocr
from worksheet_parser._translate import Translation

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
