"""Group a document's blocks into release packets.

Strategy: one pass over the blocks in reading order.  A packet opens at an
archive header that names a document (a document number or date), or at a
worksheet, unless the open packet has no worksheet and no letter yet (a
worksheet joins the header just above it).  A header with only a status or
page tags (a continuation page), a stamp (however often it is repeated at
the top and bottom of pages) and a letter never open a packet; they join the
open one.  Blocks of other text belong to no packet.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable

import attrs

from worksheet_parser._models import Packet, RecordKind, Span

__all__ = ["PacketGrouper", "PacketItem"]

_FIELDS = (
    RecordKind.HEADERS,
    RecordKind.WORKSHEETS,
    RecordKind.REVIEW_STAMPS,
    RecordKind.RELEASE_STAMPS,
    RecordKind.LETTERS,
)
"""The records a packet holds, in the order of :class:`Packet`'s tuples."""


@attrs.frozen
class PacketItem:
    """One read block, as the packet grouping sees it."""

    field: RecordKind
    """Which :class:`Document` tuple it is in (``headers``, ``worksheets``, ...)."""
    index: int
    """Its index in that tuple."""
    opens_document: bool
    """For headers: whether it names a document (number or date)."""
    span: Span | None
    """The block's span in the original text."""


_WORKSHEETS, _LETTERS, _HEADERS = RecordKind.WORKSHEETS, RecordKind.LETTERS, RecordKind.HEADERS
"""Bound once: attribute access on an enum class runs a metaclass hook."""


class PacketGrouper:
    """Groups read blocks into packets as they come, in reading order.

    Only the open packet is kept unfinished (the indexes of its records and
    the bounds of its span); each packet goes to ``emit`` as soon as it
    closes, so grouping a long dump of short packets keeps nothing per block
    or packet.
    """

    __slots__ = ("_current", "_emit", "_first", "_last_end")

    def __init__(self, emit: Callable[[Packet], object]) -> None:
        self._emit = emit
        self._current: dict[RecordKind, array[int]] | None = None
        self._first: Span | None = None  # the span that starts first, of the open packet
        self._last_end = -1  # the furthest end of its spans

    def add(self, item: PacketItem) -> None:
        """Place the next block."""
        current = self._current
        if current is None:
            opens = True
        elif item.field is _HEADERS:
            opens = item.opens_document and bool(
                current[_WORKSHEETS] or current[_LETTERS] or current[_HEADERS]
            )
        elif item.field is _WORKSHEETS:
            opens = bool(current[_WORKSHEETS] or current[_LETTERS])
        else:
            opens = False
        if opens:
            self._close()
            # (compact: a packet of a stamp on every other line has as many indexes)
            current = self._current = {name: array("q") for name in _FIELDS}
        assert current is not None
        current[item.field].append(item.index)
        span = item.span
        if span is not None:
            if self._first is None or span.start < self._first.start:
                self._first = span
            self._last_end = max(self._last_end, span.end)

    def _close(self) -> None:
        if self._current is None:
            return
        first = self._first
        span = None
        if first is not None:
            span = Span(first.start, self._last_end, first.line, first.column)
        fields = self._current
        self._emit(Packet(**{name.value: tuple(v) for name, v in fields.items()}, span=span))
        self._current = None
        self._first = None
        self._last_end = -1

    def done(self) -> None:
        """Close the open packet (the blocks are all placed)."""
        self._close()
