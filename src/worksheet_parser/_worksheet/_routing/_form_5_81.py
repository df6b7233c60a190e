"""Columns one cell a line, one column after another: the 5/81 form's reading order.

Strategy: on the 5/81 form an engine reads the table's columns one after
another, one cell a line.  Runs of cells of one class (codes, dates,
initials) are the columns; they fill the slots action code, tracking date,
type of response, disposition code and completion date in that order.  A
column as long as the office list fills every row; a shorter date column
is placed only where certain; anything that does not fit the order is left
for the caller to keep as unplaced.
"""

from __future__ import annotations

from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._routing._lines import CellLine
from worksheet_parser._worksheet._routing._placing import certain_positions
from worksheet_parser._worksheet._routing._table import Row, Table
from worksheet_parser._worksheet._routing._words import (
    column_class,
    quiet_date,
    read_action_code,
    read_disposition_code,
)

__all__ = ["place_one_cell_a_line"]

_SLOTS = ("action_code", "action_date", "response_type", "disposition_code", "disposition_date")
_SLOTS_BY_CLASS = {
    "code": ("action_code", "disposition_code"),
    "date": ("action_date", "disposition_date"),
    "initials": ("response_type",),
}


def place_one_cell_a_line(table: Table, rows: list[Row], cell_lines: list[CellLine]) -> set[int]:
    """One cell a line: columns one after another (the 5/81 form's reading order).

    Runs of cells of one class (codes, dates, initials) are the columns;
    they fill the slots action code, tracking date, type of response,
    disposition code and completion date in that order.  A column as
    long as the office list fills every row; a shorter date column is
    placed where certain; anything that does not fit the order is left
    unplaced.
    """
    n = len(rows)
    placed: set[int] = set()
    cells = [line.cells[0] for line in cell_lines]
    columns: list[tuple[str, list[_fields.Word]]] = []
    for w in cells:
        cls = column_class(w.text, table.printed_upper)
        if cls is None:
            continue
        if columns and columns[-1][0] == cls and len(columns[-1][1]) < n:
            columns[-1][1].append(w)
        else:
            columns.append((cls, [w]))
    slot = -1
    plan: list[tuple[str, list[_fields.Word]]] = []
    for cls, col in columns:
        options = [s for s in _SLOTS_BY_CLASS[cls] if _SLOTS.index(s) > slot]
        if not options:
            return placed  # the columns do not come in the printed order
        name = options[0]
        slot = _SLOTS.index(name)
        plan.append((name, col))
    base = len(table.rows) - n
    for name, col in plan:
        if len(col) == n:
            positions: list[int | None] = list(range(n))
        elif name == "disposition_date":
            quiet = [quiet_date(w.text) for w in col]
            positions = certain_positions([r.action_date for r in rows], quiet)
        else:
            continue
        for w, position in zip(col, positions, strict=True):
            if position is None:
                continue
            row = rows[position]
            prefix = ("routing", base + position)
            row.has_cells = True
            if name in {"action_code", "disposition_code"}:
                reader = read_action_code if name == "action_code" else read_disposition_code
                if reader(w.text) is None:
                    continue
                table.set_code(row, w, name, prefix)
            elif name == "response_type":
                row.response_type = w.text
                row.spans["response_type"] = table.span(w.start, w.end)
            else:
                table.set_date(row, w, name, prefix)
            placed.add(w.start)
    return placed
