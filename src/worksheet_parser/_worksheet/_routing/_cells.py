"""A routing row's cells read in column order: codes, dates and initials.

Strategy: the columns are ``ACT CODE``, ``DATE``, ``TYPE RESP``, ``C``
(the disposition code) and ``COMPLETED``; any may be empty and OCR
collapses the empty ones, so a row's cells are walked once by a small state
machine (:func:`read_cells`) that fills the columns in that order.  A
disposition fragment placed after its row's action cells (a table read
column by column) is read by :func:`read_disposition`.  A word that fits no
column is junk, reported, never moved into a neighbouring field.
"""

from __future__ import annotations

from collections.abc import Sequence

from worksheet_parser._diagnostics import DiagnosticCode, FieldPath
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._routing._table import Row, Table
from worksheet_parser._worksheet._routing._words import (
    CODE_CELL_KINDS,
    DATE_KINDS,
    cell_kind,
    damaged_code,
    looks_handwritten,
    read_action_code,
    read_disposition_code,
    word_start,
)

__all__ = ["read_cells", "read_disposition"]


def read_cells(
    table: Table, row: Row, cells: Sequence[_fields.Word], index: int | None = None
) -> None:
    """Read a row's cells in column order.

    The columns are ``ACT CODE``, ``DATE``, ``TYPE RESP``, ``C`` (the
    disposition code) and ``COMPLETED``; any of them may be empty, and OCR
    collapses empty ones.  A small state machine walks the words: the
    action code and its date, then initials, then the disposition code and
    its date.  Initials count as a type of response only when a
    disposition, or the disposition's printed empty slot, follows them:
    initials followed by nothing, or by junk, are handwriting.  A word
    that fits no column is junk, reported, never moved into a
    neighbouring field.
    """
    if not cells:
        return
    row.has_cells = True
    if index is None:
        index = len(table.rows) - 1
    prefix: FieldPath = ("routing", index)
    printed_upper = table.printed_upper
    kinds = [cell_kind(w.text, printed_upper) for w in cells]
    n = len(cells)
    # whether the word at each index fills a date column (past the end: no)
    dated = [kind in DATE_KINDS for kind in kinds]
    dated += (False, False)
    junk: list[_fields.Word] = []
    i = 0

    # ACT CODE and DATE
    if kinds[0] in CODE_CELL_KINDS and read_action_code(cells[0].text):
        table.set_code(row, cells[0], "action_code", prefix)
        i = 1
        if dated[1]:
            table.set_date(row, cells[1], "action_date", prefix)
            i = 2
    elif dated[1] and damaged_code(cells[0].text):
        table.set_damaged_code(row, cells[0], prefix)
        table.set_date(row, cells[1], "action_date", prefix)
        i = 2
    elif kinds[0] not in DATE_KINDS and len(cells[0].text) <= 3 and dated[1]:
        table.keep(
            cells[i].start,
            cells[i].end,
            cells[i].text,
            code=DiagnosticCode.CODE_UNKNOWN,
            why=f"{cells[i].text!r} is not an action code",
            field=(*prefix, "action_code"),
        )
        table.set_date(row, cells[i + 1], "action_date", prefix)
        i += 2
    elif dated[0]:
        table.set_date(row, cells[0], "action_date", prefix)
        i = 1
    # TYPE RESP, then C and COMPLETED
    initials: list[_fields.Word] = []
    disposed = False
    while i < n:
        kind, w = kinds[i], cells[i]
        if kind == "code" and read_disposition_code(w.text) and (i + 1 == n or dated[i + 1]):
            table.set_code(row, w, "disposition_code", prefix)
            disposed = True
            i += 1
            if dated[i]:
                table.set_date(row, cells[i], "disposition_date", prefix)
                i += 1
            break
        if kind == "date" or kind == "smudge":
            table.set_date(row, w, "disposition_date", prefix)
            disposed = True
            i += 1
            break
        if kind == "blank":
            # the disposition's printed empty slot: the initials stood in their column
            disposed = disposed or bool(initials)
            i += 1
        elif kind in {"word", "code"} and not junk:
            initials.append(w)
            i += 1
        else:
            junk.append(w)
            i += 1
    if initials:
        text = " ".join([w.text for w in initials])
        if disposed and len(text) <= 12 and not looks_handwritten(text, printed_upper):
            row.response_type = text
            row.spans["response_type"] = table.span(initials[0].start, initials[-1].end)
        else:
            junk = initials + junk
    junk.extend(cells[i:])
    if junk:
        table.junk(sorted(junk, key=word_start), prefix)


def read_disposition(
    table: Table, row: Row, cells: Sequence[_fields.Word], prefix: FieldPath
) -> None:
    """Read initials, a disposition code and a completion date into ``row``."""
    kinds = [cell_kind(w.text, table.printed_upper) for w in cells]
    junk: list[_fields.Word] = []
    initials: list[_fields.Word] = []
    for w, kind in zip(cells, kinds, strict=True):
        if kind in DATE_KINDS and row.disposition_date is None:
            table.set_date(row, w, "disposition_date", prefix)
        elif (
            kind == "code"
            and row.disposition_code is None
            and read_disposition_code(w.text)
            and row.disposition_date is None
        ):
            table.set_code(row, w, "disposition_code", prefix)
        elif kind in {"word", "code"} and row.disposition_code is None and not initials:
            initials.append(w)
        else:
            junk.append(w)
    if initials:
        text = " ".join(w.text for w in initials)
        if (row.disposition_code or row.disposition_date) and not looks_handwritten(
            text, table.printed_upper
        ):
            row.response_type = text
            row.spans["response_type"] = table.span(initials[0].start, initials[-1].end)
        else:
            junk.extend(initials)
    if junk:
        table.junk(sorted(junk, key=word_start), prefix)
