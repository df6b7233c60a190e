"""Words on a form's printed lines that are no text of the form, set apart.

Strategy: the layout (:mod:`worksheet_parser._scan._layout`) gathers a page's
words into printed rows; some of them the parser would misread, because
they stand where the form prints something else: debris of a damaged
routing-table head (read as an office row), a speck on the head's ``ACTION
DISPOSITION`` line (read as the subject's end), a row of marks over the
routing table (read as a row of codes), the damaged half of the 5/81 form's
``Received (YY/MM/DD)`` label and specks beside the date received (which
cut the date from its label).  Each finder here looks at the rows around
the form's printed words and returns, per row, the words to set apart; the
layout writes those after the pages, where the parser keeps them among the
unrecognized lines.  Nothing is dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from worksheet_parser._scan._pages import Box, PageWord

if TYPE_CHECKING:
    from worksheet_parser._scan._layout import _LineOfWords

__all__ = ["ROW_DATE", "head_debris", "hint_debris", "table_marks"]

ROW_DATE = re.compile(r"\d\d/\d\d/\d\d")
"""A date as the routing table and the 5/81 form print it (``YY/MM/DD``)."""

_HEAD_WORDS = frozenset(
    {
        "ROUTE", "TO", "ACTION", "DISPOSITION", "TRACKING", "TYPE", "DATE", "OF", "FOR",
        "COMPLETION", "COMPLETED", "OFFICE/AGENCY", "OFFICE", "AGENCY", "(STAFF", "STAFF",
        "NAME)", "NAME", "(STAFF/NAME)", "CODE", "YY/MM/DD", "RESPONSE", "RESP", "ACT", "C",
        "D",
    }
)  # fmt: skip
_LONG_HEAD_WORDS = tuple(w for w in _HEAD_WORDS if len(w) >= 4)
_HEAD_ROWS = 5
_HEAD_CHARS = ".,:;'\"`‘’“”*_-|"


def _head_word(text: str) -> bool:
    """A word of the routing table's printed head (``Tracking``, ``YY/MM/DD``), damaged
    as OCR damages it (``Cote``, ``otticeragency``)."""
    from rapidfuzz import fuzz

    word = text.upper().strip(_HEAD_CHARS)
    if word in _HEAD_WORDS:
        return True
    return len(word) >= 4 and any(fuzz.ratio(word, w) >= 75 for w in _LONG_HEAD_WORDS)


def head_debris(
    rows: list[_LineOfWords], letter: float
) -> list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]]:
    """Words between the routing table's ``ROUTE TO`` line and its first row that are
    not the head's printed words (``Aevon``, ``+.``, ``my``): debris of a damaged
    head, which the parser would take for an office row.

    The head ends at the first line holding a date, a ``Referral Note`` line, or a
    line whose first word (three letters or more, no head word) stands in the office
    column; it is never more than a few lines deep.  A head line with no more
    of the head's words intact than damaged or foreign ones (``Code  Cote``) goes
    whole: the parser would read it as a row.  On the head's ``ACTION
    DISPOSITION`` line just over ``ROUTE TO``, a short word that is no head word
    is a speck, set apart too (the parser would take the line for the subject's).
    """
    from rapidfuzz import fuzz

    found: list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]] = []
    for n, row in enumerate(rows):
        texts = [w.text.upper().strip(_HEAD_CHARS) for _, w in row.items]
        route = next(
            (i for i, t in enumerate(texts) if len(t) >= 4 and fuzz.ratio(t, "ROUTE") >= 80),
            None,
        )
        if route is None or not any(t.startswith("TO") for t in texts[route + 1 : route + 2]):
            continue
        office_x = row.items[route][0][0]
        above = next((r for r in reversed(rows[:n]) if r.items), None)
        if above is not None and any(
            fuzz.ratio(w.text.upper().strip(_HEAD_CHARS), "DISPOSITION") >= 80
            for _, w in above.items
        ):
            # The head's ``ACTION  DISPOSITION`` line over ``ROUTE TO``: a speck read on it
            # (``i``, ``ee``, ``4``) would join it to the subject above.
            specks = [
                it
                for it in above.items
                if not _head_word(it[1].text) and sum(ch.isalnum() for ch in it[1].text) <= 3
            ]
            if specks:
                found.append((above, specks))
        for below in rows[n + 1 : n + 1 + _HEAD_ROWS]:
            if not below.items:
                continue
            words = [w.text for _, w in below.items]
            if any(ROW_DATE.search(t) for t in words):
                break
            if any(fuzz.ratio(t.upper().strip(_HEAD_CHARS), "REFERRAL") >= 75 for t in words):
                break
            first_box, first = below.items[0]
            at_office = abs(first_box[0] - office_x) <= 3 * letter
            if (
                at_office
                and sum(ch.isalpha() for ch in first.text) >= 3
                and not _head_word(first.text)
            ):
                break
            exact = sum(w.text.upper().strip(_HEAD_CHARS) in _HEAD_WORDS for _, w in below.items)
            if 2 * exact <= len(below.items):
                debris = list(below.items)  # a head line too damaged to read as one
            else:
                debris = [it for it in below.items if not _head_word(it[1].text)]
            if debris:
                found.append((below, debris))
        break
    return found


_TABLE_END = ("COMMENTS", "ADDITIONAL", "CODES", "CORRESPONDENTS")
_TABLE_ROWS = 30


def table_marks(
    rows: list[_LineOfWords], letter: float
) -> list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]]:
    """Rows of the routing table holding only marks: no date, nothing in the office
    column, and only short words (``COB``, ``¢ #  r ¢``) in the code and date
    columns.  A routing row names its office; such a row is handwriting or specks
    over the table (ticks, initials), which the parser would read as a row of
    codes.  The table runs from its ``ROUTE TO`` line to its ``COMMENTS`` line
    (or the codes' legend).
    """
    from rapidfuzz import fuzz

    found: list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]] = []
    for n, row in enumerate(rows):
        texts = [w.text.upper().strip(_HEAD_CHARS) for _, w in row.items]
        route = next(
            (i for i, t in enumerate(texts) if len(t) >= 4 and fuzz.ratio(t, "ROUTE") >= 80),
            None,
        )
        if route is None:
            continue
        office_x = row.items[route][0][0]
        for below in rows[n + 1 : n + 1 + _TABLE_ROWS]:
            if not below.items:
                continue
            first = below.items[0][1].text.upper().strip(_HEAD_CHARS)
            if len(first) >= 5 and any(fuzz.ratio(first, end) >= 80 for end in _TABLE_END):
                break
            if below.items[0][0][0] < office_x + 12 * letter:
                continue  # something in the office column: a row, or a referral note
            if any(ROW_DATE.search(w.text) for _, w in below.items):
                continue
            if all(sum(ch.isalnum() for ch in w.text) <= 3 for _, w in below.items):
                found.append((below, list(below.items)))
        break
    return found


_HINT = re.compile(r"MM/|/MM|^[(\[]?[Y¥V]{1,2}(?:/|$)", re.IGNORECASE)
_HINT_ROWS = 3


def hint_debris(
    rows: list[_LineOfWords], letter: float, floor: float | None = None
) -> list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]]:
    """The damaged second half of the 5/81 form's ``Date Correspondence / Received
    (YY/MM/DD)`` label, left of the date received (``Rgceived (¥Y/MM/DD)  83/05/25``,
    ``is  (YY/MM/DD)``): set apart, so that the date is read as the value of the
    label's first half, which the parser knows; intact, the label stays.

    The hint is a word with ``MM/`` (or ``(YY``) within a few lines under
    ``Date Correspondence``, and the date a ``YY/MM/DD`` date right of it on its
    line or the next; the words set apart are those of these lines left of the
    date and under the label (not left of its first word).  Between the check
    boxes' options (whose right edge is ``floor``) and the label nothing is
    printed, nor right of the date: a short word there on these lines (``i``,
    ``F``, ``4)``, ``7°``) is a speck the engine read, set apart as well, so the
    date stands alone.
    """
    from rapidfuzz import fuzz

    found: list[tuple[_LineOfWords, list[tuple[Box, PageWord]]]] = []
    for n, row in enumerate(rows):
        texts = [w.text.upper().strip(_HEAD_CHARS) for _, w in row.items]
        label = next(
            (
                i
                for i in range(1, len(texts))
                if fuzz.ratio(texts[i], "CORRESPONDENCE") >= 80
                and fuzz.ratio(texts[i - 1], "DATE") >= 75
            ),
            None,
        )
        if label is None:
            continue
        label_x = row.items[label - 1][0][0]
        below = [r for r in rows[n + 1 : n + 1 + _HINT_ROWS] if r.items]
        hint = next(
            (k for k, r in enumerate(below) if any(_HINT.search(w.text) for _, w in r.items)),
            None,
        )
        if hint is None:
            break
        for k in (hint, hint + 1):
            dates = (
                [b for b, w in below[k].items if ROW_DATE.search(w.text)] if k < len(below) else []
            )
            if not dates:
                continue
            date_x, date_end = dates[0][0], dates[0][2]
            span = below[hint : k + 1]
            words = [
                [it for it in r.items if label_x - 4 * letter <= it[0][0] < date_x] for r in span
            ]
            specks = [
                [
                    it
                    for it in r.items
                    if (
                        (floor is not None and floor <= it[0][0] < label_x - 4 * letter)
                        or (r is below[k] and it[0][0] > date_end)
                    )
                    and len(it[1].text) <= 3
                    and sum(ch.isalnum() for ch in it[1].text) <= 2
                ]
                for r in span
            ]
            intact = [" ".join(w.text.upper() for _, w in ws) for ws in words]
            if intact == ["RECEIVED (YY/MM/DD)"]:
                words = [[] for _ in span]
            found.extend(
                (r, sp + ws) for r, ws, sp in zip(span, words, specks, strict=True) if sp + ws
            )
            break
        break
    return found
