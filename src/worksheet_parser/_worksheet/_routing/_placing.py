"""Where a short column's cells go: only where every placement agrees.

Strategy: empty slots are not read, so a column with fewer cells than the
table has rows does not say which rows its cells belong to.  The cells keep
the column's order, and a completion date never comes before its row's
tracking date; the earliest and the latest row each cell can take under
those two rules are found greedily from each end, and a cell is placed only
where they meet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

__all__ = ["certain_positions"]


def certain_positions(
    action_dates: Sequence[dt.date | None], dates: Sequence[dt.date | None]
) -> list[int | None]:
    """The row each of a short column's cells must go to, where only one is possible.

    The cells keep the column's order (``k`` cells in ``n`` rows), and a
    completion date never comes before its row's tracking date.  The
    earliest and the latest row each cell can take in any such placement are
    found greedily from each end; where they meet, the row is certain.
    """
    n, k = len(action_dates), len(dates)
    if k > n or k == 0:
        return [None] * k

    def fits(cell: int, row: int) -> bool:
        date, floor = dates[cell], action_dates[row]
        return date is None or floor is None or date >= floor

    earliest: list[int] = []
    row = 0
    for cell in range(k):
        while row < n and not fits(cell, row):
            row += 1
        if row >= n:
            return [None] * k  # no placement keeps every date after its row's
        earliest.append(row)
        row += 1
    latest = [0] * k
    row = n - 1
    for cell in range(k - 1, -1, -1):
        while row >= 0 and not fits(cell, row):
            row -= 1
        if row < 0:  # pragma: no cover - the forward pass found a placement
            return [None] * k
        latest[cell] = row
        row -= 1
    return [e if e == lt else None for e, lt in zip(earliest, latest, strict=True)]
