"""Stage 4: read a worksheet block's pieces, section by section, into a :class:`Worksheet`.

Strategy: the lexer has cut the block into pieces (a label and its value, or
a bare line).  The form variant is chosen from the evidence the pieces carry
(:mod:`._form`); the variant's grammar cuts the pieces into sections, one
per label with the bare ``TEXT`` lines under it, named for the grammar rule
that matched (``subject``, ``table_head``, ``footer``...); and one small
reader per section turns its pieces into values (:data:`._reader.READERS`).
A value that cannot be read leaves the field empty and says why; the first
occurrence of a field wins, a repeat is unread.

Where to look: :mod:`._reader` (the whole pass and the table of readers),
:mod:`._state` (what the readers share), :mod:`._heading` (ID, direction,
date received, check boxes), :mod:`._names` (correspondent), :mod:`._text`
(subject, comments, additional correspondents, wrapped and cut-off lines),
:mod:`._codes` (subject codes, media, individual and mail user codes),
:mod:`._table` (the routing table's sections, read by
:mod:`worksheet_parser._routing`), :mod:`._form` (form detection, printed
form text).
"""

from __future__ import annotations

from worksheet_parser._pieces import ERA_END, ERA_START
from worksheet_parser._worksheet._form import GRAMMARS, detect_form
from worksheet_parser._worksheet._reader import read_worksheet
from worksheet_parser._worksheet._state import (
    ROUTING_YEARS_AFTER,
    ROUTING_YEARS_BEFORE,
    routing_window,
)

__all__ = [
    "ERA_END",
    "ERA_START",
    "GRAMMARS",
    "ROUTING_YEARS_AFTER",
    "ROUTING_YEARS_BEFORE",
    "detect_form",
    "read_worksheet",
    "routing_window",
]
