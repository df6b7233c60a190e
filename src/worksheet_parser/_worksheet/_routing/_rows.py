"""The routing table read row by row, the common layout.

Strategy: each line is an office followed by its cells (read in column
order by :func:`._cells.read_cells`), and a ``REFERRAL NOTE:`` line closes
the row above it, its note that row's referral note.  An office's text is
judged as a whole: handwriting (mixed case on the computer-printed form, a
long line) is kept as unread, never made an office.
"""

from __future__ import annotations

from worksheet_parser._diagnostics import DiagnosticCode, FieldPath
from worksheet_parser._models import FormVariant
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing._cells import read_cells
from worksheet_parser._worksheet._routing._lines import CellLine, capitalised_office
from worksheet_parser._worksheet._routing._table import Row, Table
from worksheet_parser._worksheet._routing._words import (
    DATE_KINDS,
    cell_kind,
    column_class,
    has_cased,
    looks_handwritten,
    office_text_ok,
    word_start,
)

__all__ = ["RowReader"]


class RowReader:
    """Reads lines of the table one row at a time into :attr:`Table.rows`."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def line(self, line: CellLine) -> None:
        """A line read as one row: an office and its cells (a lone tick is no row)."""
        table = self.table
        piece = line.piece
        if (
            not line.office
            and len(line.cells) == 1
            and column_class(line.cells[0].text, table.printed_upper) in {"code", "initials"}
        ):
            # a lone letter between rows (``·r ·``): a tick, not a row
            line.marks.extend(line.cells)
            table.drop_marks(line, ("routing",))
            return
        row = Row(start=piece.start, end=piece.end, line=piece.line)
        table.rows.append(row)
        field: FieldPath = ("routing", len(table.rows) - 1)
        table.drop_marks(line, field)
        if line.office:
            office_words = line.office
            text = " ".join([w.text for w in office_words])
            o_start, o_end = office_words[0].start, office_words[-1].end
            if self._office_ok(text, line):
                row.office = text
                row.spans["office"] = table.span(o_start, o_end)
            elif not line.cells and (len(text) > 48 or len(office_words) > 8):
                table.keep(
                    o_start,
                    o_end,
                    table.text[o_start:o_end],
                    code=DiagnosticCode.UNPLACED_TEXT,
                    why="a long line inside the routing table reads as no row",
                )
            else:
                table.keep(
                    o_start,
                    o_end,
                    table.text[o_start:o_end],
                    code=DiagnosticCode.JUNK_DROPPED,
                    why=f"{text!r} does not read as an office name",
                    field=(*field, "office"),
                )
        read_cells(table, row, line.cells)

    def _office_ok(self, text: str, line: CellLine) -> bool:
        """Whether ``text`` reads as an office's name on this line.

        On the computer-printed form a word mixing capitals and small letters
        (``SC Supe``) is handwriting; a line with no capital at all is one
        the engine wrote in lower case, and its small letters prove nothing.
        """
        table = self.table
        printed_upper = table.printed_upper
        if table.form is FormVariant.COMPUTER_PRINTED:
            if capitalised_office(text, line):
                return True
            if not (text.isupper() or text.islower()) and any(
                not (w.isupper() or w.islower()) for w in text.split() if has_cased(w)
            ):
                return False
            if (
                printed_upper
                and not any(c.isupper() for c in line.piece.value)
                and any(cell_kind(w.text, False) in DATE_KINDS for w in line.cells)
            ):
                printed_upper = False  # a row the engine wrote in small letters
        return office_text_ok(text, printed_upper)

    def bare_referral(self, line: CellLine) -> None:
        """A ``Referral Note`` line whose label OCR damaged past the lexer's reading."""
        table = self.table
        if table.rows:
            table.rows[-1].has_referral = True
        rest = line.cells + line.office[2:] + line.marks
        if rest:
            table.junk(sorted(rest, key=word_start), ("routing", len(table.rows) - 1))

    def referral(self, piece: Piece) -> None:
        """A ``REFERRAL NOTE:`` line: the note of the row above, and any cells after it."""
        table = self.table
        text = table.text
        label_end = piece.start + len(piece.label or "")
        tab = text.find("\t", label_end, piece.end)
        note_end = tab if tab != -1 else piece.end
        note = text[label_end:note_end].strip()
        cells = _fields.words(text[note_end : piece.end], note_end) if tab != -1 else []
        row = table.rows[-1] if table.rows else None
        if row is None:
            row = Row(start=piece.start, end=piece.end, line=piece.line)
            table.rows.append(row)
        row.end = max(row.end, piece.end)
        row.has_referral = True
        index = len(table.rows) - 1
        if note:
            if row.referral_note is None and not looks_handwritten(note, table.printed_upper):
                row.referral_note = " ".join(note.split())
                row.spans["referral_note"] = table.span(piece.value_start, note_end)
            else:
                table.keep(
                    piece.value_start,
                    note_end,
                    note,
                    code=DiagnosticCode.JUNK_DROPPED,
                    why=f"{note!r} does not read as a referral note",
                    field=("routing", index, "referral_note"),
                )
        if cells:
            if row.has_cells and row.line != piece.line:
                # cells on a later line belong to no row we can name
                table.junk(cells, ("routing", index))
            else:
                read_cells(table, row, cells)
