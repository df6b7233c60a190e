"""The rows read into :class:`RoutingEntry` records, and the table's diagnostics renumbered.

Strategy: rows are numbered as read; a row that reads as no entry (a lone
code: a tick; an office alone between two rows of the computer-printed
form: handwriting) is kept as unread and left out, and the ``routing[i]``
paths of the table's diagnostics are then pointed at the entries as
returned.
"""

from __future__ import annotations

from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._models import ActionCode, DispositionCode, FormVariant, RoutingEntry
from worksheet_parser._worksheet._routing._table import Row, Table

__all__ = ["make_entries", "stray_row"]

_ACTION_CODES = {code.value: code for code in ActionCode}
_DISPOSITION_CODES = {code.value: code for code in DispositionCode}


def stray_row(table: Table, i: int) -> bool:
    """Whether row ``i`` is a stray line rather than a row of the computer-printed table.

    That form prints every row with its codes and dates and follows it with
    a ``REFERRAL NOTE:`` line.  A line with neither, directly followed by
    another row, is handwriting or OCR junk between rows (when the engine
    wrote everything in lower case, its look alone cannot tell).
    """
    row = table.rows[i]
    return (
        table.form is FormVariant.COMPUTER_PRINTED
        and row.office is not None
        and not row.has_cells
        and not row.has_referral
        and row.referral_note is None
        and i + 1 < len(table.rows)
        and table.rows[i + 1].line == row.line + 1 + _blank_lines_after(table.text, row)
    )


def _blank_lines_after(text: str, row: Row) -> int:
    n = 0
    pos = text.find("\n", row.end)
    while pos != -1 and pos + 1 < len(text) and text[pos + 1] == "\n":
        n += 1
        pos += 1
    return n


def make_entries(table: Table) -> tuple[RoutingEntry, ...]:
    """The rows read into entries, leaving out rows that read as no entry (kept as unread)."""
    entries: list[RoutingEntry] = []
    # Row index -> index of its entry: rows that read as no entry are left out.
    renumber: dict[int, int] = {}
    for i, row in enumerate(table.rows):
        if not row.readable():
            continue
        if lone_code(row):
            _leave_out(table, i, "holds a code and nothing else: a tick, not a row")
            continue
        if stray_row(table, i):
            _leave_out(
                table,
                i,
                "stands between two rows with no codes, dates or referral note: it reads as no row",
            )
            continue
        entries.append(
            RoutingEntry(
                office=row.office,
                action_code=None
                if row.action_code is None
                else _ACTION_CODES.get(row.action_code) or ActionCode(row.action_code),
                action_date=row.action_date,
                response_type=row.response_type,
                disposition_code=None
                if row.disposition_code is None
                else _DISPOSITION_CODES.get(row.disposition_code)
                or DispositionCode(row.disposition_code),
                disposition_date=row.disposition_date,
                referral_note=row.referral_note,
                span=table.span(row.start, row.end),
                field_spans=row.spans,
            )
        )
        renumber[i] = len(entries) - 1
    if len(renumber) < len(table.rows):
        _renumber_rows(table, renumber)
    return tuple(entries)


def _leave_out(table: Table, i: int, why: str) -> None:
    """Keep row ``i``, which reads as no entry, as unread text: ``why`` it is no row."""
    row = table.rows[i]
    text = table.text[row.start : row.end]
    table.keep(
        row.start,
        row.end,
        text,
        code=DiagnosticCode.JUNK_DROPPED,
        why=f"{text.strip()!r} {why}",
        field=("routing", i),
    )


def _renumber_rows(table: Table, renumber: dict[int, int]) -> None:
    """Point diagnostics' ``routing[i]`` paths at the entries as returned.

    Rows are numbered as read; a row that reads as no entry is left out
    of :attr:`Worksheet.routing`, so the rows after it move up.  A
    diagnostic about a row left out names the table (``routing``).
    """
    for index, row, rest in table.row_diagnostics:
        entry = renumber.get(row)
        if entry != row:
            moved = ("routing",) if entry is None else ("routing", entry, *rest)
            table.report.amend(index, field=(*table.path, *moved))


def lone_code(row: Row) -> bool:
    """A row with one code and nothing else: no office, no date, no note."""
    return (
        row.office is None
        and row.action_date is None
        and row.disposition_date is None
        and row.referral_note is None
        and (row.action_code is None) != (row.disposition_code is None)
    )
