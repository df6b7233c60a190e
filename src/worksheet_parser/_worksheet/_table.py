"""The routing table's sections: its heads and its referral notes.

Strategy: the table itself is read by
:class:`~worksheet_parser._worksheet._routing.RoutingReader` (open ``_routing/`` to
change how rows, columns, codes and dates are read).  Here each section of
the table hands it its lines: a ``table_head`` section (``ROUTE TO:`` or a
line of column heads) its rows, a ``referral`` section its ``REFERRAL
NOTE:`` and the rows after it.
"""

from __future__ import annotations

from worksheet_parser._worksheet._state import State

__all__ = ["read_referral", "read_table_head"]


def read_table_head(st: State, label: int, stop: int) -> None:
    """``ROUTE TO:`` or a line of the table's column heads, and the rows under it."""
    st.seen.add("routing")
    table = st.table
    for piece in st.lines(label, stop):
        table.line(piece)


def read_referral(st: State, label: int, stop: int) -> None:
    """``REFERRAL NOTE:`` under a row, and the rows under it."""
    st.seen.add("routing")
    table = st.table
    table.referral(st.pieces[label])
    for piece in st.lines(label, stop):
        table.line(piece)
