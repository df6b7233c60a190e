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

from collections.abc import Sequence

import attrs

from worksheet_parser._models import Packet, RecordKind, Span

__all__ = ["PacketItem", "group_packets"]

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


def group_packets(items: Sequence[PacketItem]) -> tuple[Packet, ...]:
    """Group read blocks (in reading order) into packets."""
    packets: list[dict[RecordKind, list[int]]] = []
    spans: list[list[Span]] = []
    for item in items:
        current = packets[-1] if packets else None
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
            packets.append({name: [] for name in _FIELDS})
            spans.append([])
        packets[-1][item.field].append(item.index)
        if item.span is not None:
            spans[-1].append(item.span)
    out = []
    for fields, sp in zip(packets, spans, strict=True):
        span = None
        if sp:
            first = min(sp, key=lambda s: s.start)
            span = Span(first.start, max(s.end for s in sp), first.line, first.column)
        out.append(Packet(**{name.value: tuple(v) for name, v in fields.items()}, span=span))
    return tuple(out)
