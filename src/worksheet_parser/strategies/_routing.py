"""Routing tables: one routing row (office, action code, dates, disposition) and a
worksheet's table of rows; the public :func:`routing_entries`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from worksheet_parser._models import (
    ActionCode,
    DispositionCode,
    RoutingEntry,
)
from worksheet_parser.strategies._draw import (
    DEFAULT_ERA,
    ROUTING_DAYS,
    _maybe,
    _Source,
    _strategy,
    _words,
)
from worksheet_parser.strategies._words import (
    _ACTION_CODES,
    _NOTE_WORDS,
    _OFFICES,
    _SIGNERS,
    _TYPED_NOTE_WORDS,
    _TYPED_OFFICES,
)


def _routing_entry(
    src: _Source, after: dt.date, within_days: int, first: bool, typed: bool = False
) -> RoutingEntry:
    office = src.pick(_TYPED_OFFICES if typed else _OFFICES)
    action_code = src.pick((ActionCode.ORG, *_ACTION_CODES) if first else _ACTION_CODES)
    offset = src.integer(0, within_days)
    action_date = after + dt.timedelta(days=offset) if src.flag() else None
    disposition_code = _maybe(src, lambda: src.pick(tuple(DispositionCode)))
    disposition_date: dt.date | None = None
    response_type: str | None = None
    if disposition_code is not None and src.flag():
        start = action_date or after
        later = src.integer(0, within_days - (start - after).days)
        disposition_date = start + dt.timedelta(days=later)
        # TYPE RESP: for outgoing mail, the initials of whoever signed.
        response_type = _maybe(src, lambda: src.pick(_SIGNERS))
    notes = _TYPED_NOTE_WORDS if typed else _NOTE_WORDS
    return RoutingEntry(
        office=office,
        action_code=action_code,
        action_date=action_date,
        response_type=response_type,
        disposition_code=disposition_code,
        disposition_date=disposition_date,
        referral_note=_maybe(src, lambda: _words(src, notes, 2, 6)),
    )


def _routing(
    src: _Source, after: dt.date, within_days: int, min_rows: int, max_rows: int, typed: bool
) -> tuple[RoutingEntry, ...]:
    rows: list[RoutingEntry] = []
    if max_rows > 0 and (min_rows > 0 or src.flag()):
        rows.append(_routing_entry(src, after, within_days, True, typed))
        count = src.integer(max(0, min_rows - 1), max_rows - 1)
        rows.extend(_routing_entry(src, after, within_days, False, typed) for _ in range(count))
    return tuple(rows)


def routing_entries(
    *,
    after: dt.date = DEFAULT_ERA[0],
    within_days: int = ROUTING_DAYS,
    first: bool = False,
    typed: bool = False,
) -> st.SearchStrategy[RoutingEntry]:
    """Rows of the routing table.

    Every row names an office and an action code; its dates fall on or after
    ``after`` (the worksheet's ``DATE RECEIVED``) and at most ``within_days``
    later, the completion on or after the action.  ``first=True`` makes the
    first row of a table, whose action code is often ``ORG``.  A ``TYPE
    RESP`` (signer's initials) only comes with a completed disposition.
    ``typed=True`` gives the office codes and notes of the typed forms.
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0, got {within_days}")
    return _strategy(lambda src: _routing_entry(src, after, within_days, first, typed))
