"""Recognising a letter's and a stamp's printed lines through OCR debris (properties)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import _vocab, parse
from worksheet_parser._blocks._blocklines import (
    closing_at,
    debris,
    review_label,
    salutation_at,
    typed_name,
)
from worksheet_parser._blocks._letters import _salutation_repaired

# Junk tokens as an engine leaves them beside printed lines: marks, and short letter runs.
JUNK = st.one_of(
    st.text(alphabet=".,:;'\"_-~|\u2018\u2019\u201c\u00ae*", min_size=1, max_size=3),
    st.text(alphabet="aeiostnrh", min_size=1, max_size=3),
)
NAME_WORD = st.sampled_from(["John", "Mary", "O'Neill", "McClure", "Davis", "Leahy", "D'Amato"])
INITIAL = st.sampled_from([f"{c}." for c in "ABDEJKLMPRT"])


@given(st.text(max_size=120))
def test_recognisers_are_total_and_stay_in_the_line(text: str) -> None:
    """Any text gives an answer, and every span lies inside the line."""
    for found in (closing_at(text), salutation_at(text)):
        if found is not None:
            assert 0 <= found[0] < found[1] <= len(text)
    span = typed_name(text)
    if span is not None:
        assert 0 <= span[0] < span[1] <= len(text)
    label = review_label(text)
    if label is not None:
        assert 0 <= label[1] <= label[2] <= len(text)


@given(
    st.sampled_from(_vocab.LETTER_CLOSINGS),
    st.lists(JUNK, max_size=2),
    st.lists(JUNK, max_size=3),
)
def test_closing_found_between_junk(closing: str, before: list[str], after: list[str]) -> None:
    """A closing with junk before and after is found exactly where it stands."""
    head = " ".join(before) + (" " if before else "")
    line = head + closing + (" " if after else "") + " ".join(after)
    found = closing_at(line)
    assert found is not None
    assert found == (len(head), len(head) + len(closing), closing)


@given(
    st.sampled_from(["Mr. President", "Madam Secretary", "Senator Kennedy", "Sir"]),
    st.lists(st.text(alphabet=".,;'\"_|", min_size=1, max_size=2), max_size=2),
)
def test_salutation_found_after_junk(addressee: str, before: list[str]) -> None:
    """``Dear ...:`` behind junk is found whole, its colon included."""
    head = " ".join(before) + (" " if before else "")
    line = f"{head}Dear {addressee}:"
    found = salutation_at(line)
    assert found is not None
    assert line[found[0] : found[1]] == f"Dear {addressee}:"


@given(
    st.sampled_from(
        ["Dcar Mr. Presidcnt;", "D ear Mr. Pres ident:", "dear sir,", "Dear Vir. President."]
    )
)
def test_salutation_repair_is_idempotent(printed: str) -> None:
    """Reading a repaired salutation again changes nothing."""
    once = _salutation_repaired(printed)
    assert _salutation_repaired(once) == once


@given(
    st.lists(NAME_WORD, min_size=1, max_size=1),
    st.lists(INITIAL, max_size=1),
    NAME_WORD,
    st.lists(JUNK, max_size=2),
    st.lists(JUNK, max_size=2),
)
def test_typed_name_found_between_junk(
    first: list[str], initial: list[str], last: str, before: list[str], after: list[str]
) -> None:
    """A typed name with junk around it is found exactly, junk left out."""
    name = " ".join([*first, *initial, last])
    head = " ".join(before) + (" " if before else "")
    line = head + name + (" " if after else "") + " ".join(after)
    span = typed_name(line)
    assert span is not None
    assert line[span[0] : span[1]] == name


@given(st.lists(JUNK, min_size=1, max_size=3))
def test_junk_beside_a_letter_is_never_lost(junk: list[str]) -> None:
    """Junk beside the salutation and closing is kept as unread text of the letter."""
    mark = " ".join(junk)
    assert all(debris(t) for t in mark.split())
    text = (
        "May 22, 1985\n\nThe Honorable X\n\n"
        f"{mark} Dear Mr. President: {mark}\n\nWe write to you.\n\n"
        f"Sincerely, {mark}\n\nJohn Davis\n"
    )
    (letter,) = parse(text).letters
    assert (letter.salutation, letter.closing) == ("Dear Mr. President:", "Sincerely,")
    unread = [line.text for line in letter.unread]
    assert unread.count(mark) == 3


MARKS = st.text(alphabet=".,:;'\"_|~\u2018\u2014", min_size=1, max_size=3)


@given(
    st.lists(MARKS, max_size=2),
    st.lists(MARKS, max_size=3),
    st.sampled_from(["MILLER, ROBERT", "GRAFELD, MARGARET", "O'BRIEN, ANNE"]),
    st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2029, 12, 31)),
    st.integers(min_value=1000000, max_value=9999999),
)
def test_stamp_read_through_marks(
    before: list[str], after: list[str], reviewer: str, date: dt.date, case: int
) -> None:
    """Marks before a stamp's labels and after its values change no value, and are kept."""
    head = " ".join(before) + (" " if before else "")
    tail = (" " if after else "") + " ".join(after)
    text = (
        "United States Department of State\n"
        "Office of FOI, Privacy, & Classification Review\n"
        f"{head}Review Authority: {reviewer}{tail}\n"
        f"{head}Date: {date:%m/%d/%y}{tail}\n"
        f"{head}Case ID: {case}{tail}\n"
    )
    doc = parse(text)
    (stamp,) = doc.review_stamps
    assert (stamp.reviewer, stamp.date, stamp.case_id) == (reviewer, date, str(case))
    unread = [line.text for line in stamp.unread]
    marks = [m for m in (head.strip(), tail.strip()) if m]
    for mark in marks:
        assert unread.count(mark) == 3 * marks.count(mark)
