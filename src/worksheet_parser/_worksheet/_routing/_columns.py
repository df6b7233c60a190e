"""The routing table rebuilt from its columns, for engines that read it column by column.

Strategy: an engine that follows a ruled table's lines reads every office,
then every action cell, then every disposition cell.  :func:`find_column_block`
recognises such a block (two or more office-only lines, then lines of cells
only); :meth:`ColumnReader.read` makes each office a row and places the cells:
lines of action cells one per row, then disposition fragments where their
row is certain (:func:`._placing.certain_positions`), or, one cell a line,
column after column (:mod:`._form_5_81`).  Empty slots are not read at all,
so a short column does not say which rows its cells belong to: a cell that
cannot be placed with certainty is kept as unread with a ``cell-unplaced``
diagnostic, never moved into a row by guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs

from worksheet_parser._blocks._blockread import clean_date
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing._cells import read_cells, read_disposition
from worksheet_parser._worksheet._routing._form_5_81 import place_one_cell_a_line
from worksheet_parser._worksheet._routing._lines import (
    CellLine,
    action_fragment,
    debris_line,
    initials_lead,
)
from worksheet_parser._worksheet._routing._placing import certain_positions
from worksheet_parser._worksheet._routing._rows import RowReader
from worksheet_parser._worksheet._routing._table import Row, Table
from worksheet_parser._worksheet._routing._words import DATE_KINDS, blank, cell_kind, quiet_date

__all__ = ["ColumnReader", "find_column_block"]


def find_column_block(
    k: int, events: Sequence[tuple[bool, Piece]], lines: dict[int, CellLine]
) -> tuple[tuple[int, int, int] | None, int]:
    """Where a table read column by column starts at event ``k``, if it does.

    Returns ``(first cell line, end of cells, end of block)`` event indexes:
    two or more office-only lines, then cell-only lines (debris lines
    between them are allowed), then the referral lines that close the
    table; or ``None`` and the first event the scan did not pass (no
    block starts before it either: a later start sees fewer offices).
    """
    n = len(events)
    j = k
    offices = 0
    while j < n and j in lines and (lines[j].office_only or debris_line(lines[j]) or lines[j].head):
        offices += lines[j].office_only
        j += 1
    if offices < 2 or j >= n or j not in lines or not lines[j].cells_only:
        return None, max(j, k + 1)
    first_cell = j
    last = j
    while j < n and j in lines and (not lines[j].office or initials_lead(lines[j])):
        if initials_lead(lines[j]):
            line = lines[j]
            lines[j] = attrs.evolve(line, office=[], cells=line.office + line.cells)
        if lines[j].cells:
            last = j
        j += 1
    end_cells = last + 1
    # the referral lines (and debris) after the cells belong to the block
    while (
        j < n
        and (j not in lines or not lines[j].office)
        and (j not in lines or debris_line(lines[j]))
    ):
        j += 1
    return (first_cell, end_cells, j), j


class ColumnReader:
    """Finds and reads the blocks of a table read column by column.

    Offices become rows through ``row_reader``, so that an office line is
    judged the same way whichever layout it came in.
    """

    def __init__(self, table: Table, row_reader: RowReader) -> None:
        self.table = table
        self.row_reader = row_reader

    def read(
        self,
        k: int,
        block: tuple[int, int, int],
        events: Sequence[tuple[bool, Piece]],
        lines: dict[int, CellLine],
    ) -> int:
        """Read the block :func:`find_column_block` found at ``k``; returns the event after it."""
        first_cell, end_cells, end = block
        table = self.table
        first_row = len(table.rows)
        for j in range(k, first_cell):
            line = lines[j]
            if line.office_only:
                self.row_reader.line(line)
            elif not line.printed:
                table.drop_marks(line, ("routing",))
        rows = table.rows[first_row:]
        cell_lines = [lines[j] for j in range(first_cell, end_cells) if j in lines]
        for line in cell_lines:
            table.drop_marks(line, ("routing",))
        cell_lines = [line for line in cell_lines if line.cells]
        start = events[k][1].start
        stop = cell_lines[-1].piece.end
        table.add(
            DiagnosticCode.TABLE_REBUILT,
            f"the routing table was read column by column: {len(rows)} rows rebuilt "
            "from its columns",
            start,
            stop,
            field=("routing",),
        )
        placed = (
            place_one_cell_a_line(table, rows, cell_lines)
            if all(len(line.cells) == 1 for line in cell_lines)
            else self._columns_as_fragments(rows, cell_lines)
        )
        for line in cell_lines:
            left = [w for w in line.cells if w.start not in placed]
            if left:
                self._unplaced(left)
        for j in range(end_cells, end):
            is_referral, piece = events[j]
            if is_referral:
                self._closing_referral(piece)
            else:
                table.drop_marks(lines[j], ("routing",))
        for row in rows:
            row.has_referral = True
        return end

    def _closing_referral(self, piece: Piece) -> None:
        """A referral line after a table read column by column: no row can be named."""
        table = self.table
        note = piece.value.strip()
        if note:
            table.keep(
                piece.value_start,
                piece.end,
                note,
                code=DiagnosticCode.CELL_UNPLACED,
                why=f"{note!r} follows a table read column by column: its row cannot be told",
                field=("routing",),
            )

    def _unplaced(self, ws: Sequence[_fields.Word]) -> None:
        """Keep cells no row can be named for as unread, unless they are an empty slot."""
        table = self.table
        text = " ".join(w.text for w in ws)
        if blank(text):
            return
        table.keep(
            ws[0].start,
            ws[-1].end,
            table.text[ws[0].start : ws[-1].end],
            code=DiagnosticCode.CELL_UNPLACED,
            why=f"{text!r} was read in a column, but which row it belongs to cannot be told",
            field=("routing",),
        )

    def _columns_as_fragments(self, rows: list[Row], cell_lines: list[CellLine]) -> set[int]:
        """Lines of action cells, one per row, then lines of disposition cells.

        The first ``len(rows)`` lines must each read as an action code and
        its date; the lines after them are the rows' dispositions, placed
        where that is certain.
        """
        table = self.table
        n = len(rows)
        placed: set[int] = set()
        if len(cell_lines) < n or not all(
            action_fragment(line.cells, table.printed_upper) for line in cell_lines[:n]
        ):
            return placed
        for index, (row, line) in enumerate(zip(rows, cell_lines[:n], strict=True)):
            self._place_cells(row, line.cells, len(table.rows) - n + index)
            placed.update(w.start for w in line.cells)
        rest = cell_lines[n:]
        if not rest or len(rest) > n:
            return placed
        dates = [self._fragment_date(line.cells) for line in rest]
        positions = certain_positions([r.action_date for r in rows], dates)
        for line, position in zip(rest, positions, strict=True):
            if position is None:
                continue
            self._place_cells(rows[position], line.cells, len(table.rows) - n + position)
            placed.update(w.start for w in line.cells)
        return placed

    def _fragment_date(self, cells: Sequence[_fields.Word]) -> dt.date | None:
        """The completion date a disposition fragment carries, read quietly."""
        printed_upper = self.table.printed_upper
        for w in cells:
            if cell_kind(w.text, printed_upper) in DATE_KINDS:
                value = clean_date(w.text, DateOrder.YY_MM_DD)
                if value is None:
                    value = quiet_date(w.text)
                return value
        return None

    def _place_cells(self, row: Row, cells: Sequence[_fields.Word], index: int) -> None:
        """Read ``cells`` into row ``index`` (a disposition fragment after its action cells)."""
        if row.has_cells:
            read_disposition(self.table, row, cells, ("routing", index))
        else:
            read_cells(self.table, row, cells, index)
