"""The routing-table reader the worksheet reader talks to: collect, lay out, read.

Strategy: the worksheet reader hands over the table's bare lines and its
``REFERRAL NOTE:`` lines in reading order; nothing is read until the whole
table has been seen, because OCR does not always read a ruled table row by
row.  Every line is split once (:mod:`._lines`); then, from each line on,
a block read column by column is looked for (:class:`._columns.ColumnReader`),
and any other line is read as a row (:class:`._rows.RowReader`).  Both
readers store into one shared :class:`._table.Table`, whose rows become
the entries (:mod:`._entries`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from worksheet_parser._diagnostics import ReadContext
from worksheet_parser._models import FormVariant, RoutingEntry
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing._columns import ColumnReader, find_column_block
from worksheet_parser._worksheet._routing._entries import make_entries
from worksheet_parser._worksheet._routing._lines import (
    CellLine,
    printed_head,
    referral_like,
    split_line,
)
from worksheet_parser._worksheet._routing._rows import RowReader
from worksheet_parser._worksheet._routing._table import KeepUnread, Table

__all__ = ["RoutingReader"]


class RoutingReader:
    """Collects a worksheet's routing-table lines, then reads them into entries.

    ``keep_unread`` is the worksheet reader's (unread text is the
    worksheet's), and ``dates`` gives the window routing dates may fall in,
    asked once the whole worksheet has been read (``DATE RECEIVED`` may
    come after the table in reading order).
    """

    def __init__(
        self,
        ctx: ReadContext,
        form: FormVariant,
        printed_upper: bool,
        keep_unread: KeepUnread,
        dates: Callable[[], tuple[dt.date, dt.date]],
    ) -> None:
        self.table = Table(ctx.source, ctx.report, ctx.path, form, printed_upper, keep_unread)
        self.dates = dates
        self.events: list[tuple[bool, Piece]] = []

    # -- collecting --------------------------------------------------------

    def line(self, piece: Piece) -> None:
        """A bare line inside the table."""
        self.events.append((False, piece))

    def referral(self, piece: Piece) -> None:
        """A ``REFERRAL NOTE:`` line."""
        self.events.append((True, piece))

    # -- reading -----------------------------------------------------------

    def entries(self) -> tuple[RoutingEntry, ...]:
        """Lay the collected lines out into rows and read them."""
        table = self.table
        table.window = self.dates()
        rows = RowReader(table)
        events = self.events
        text, printed_upper = table.text, table.printed_upper
        lines: dict[int, CellLine] = {}
        for k, (is_referral, piece) in enumerate(events):
            if not is_referral:
                line = lines[k] = split_line(piece, text, printed_upper)
                line.head = printed_head(line)
                line.referral = not line.head and referral_like(line)
        k = 0
        n = len(events)
        no_block_before = 0  # a failed scan from k fails from every later start it covered
        while k < n:
            block = None
            if k >= no_block_before:
                block, scanned = find_column_block(k, events, lines)
                if block is None:
                    no_block_before = scanned
            if block is not None:
                k = ColumnReader(table, rows).read(k, block, events, lines)
                continue
            is_referral, piece = events[k]
            if is_referral:
                rows.referral(piece)
            elif lines[k].head:
                pass  # the column heads OCR did not recognise as such: printed form text
            elif lines[k].referral:
                rows.bare_referral(lines[k])
            else:
                rows.line(lines[k])
            k += 1
        return make_entries(table)
