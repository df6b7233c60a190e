"""Read an archive header block into an :class:`ArchiveHeader`.

Strategy: an archive (the Digital National Security Archive's scheme) prints
short lines before a document: a document number (``01494``), the document
date (``1992/01/29``, read as ``YYYY/MM/DD``), a release status
(``RELEASED``) and page tags (``186B``, or ``303375 186E``).  Each line is
matched against one compiled pattern per field (speckle at the line's ends,
``01494 ;``, and another column after a tab are kept as unread first); the
first of each field wins
and any other line is kept as unread with a diagnostic.  Letter/digit swaps
are repaired where the header expects digits (``47O82`` -> ``47082``, with a
``value-repaired`` diagnostic; ``l992/01/29`` through the date reader, with
``date-repaired``); statuses and page tags are matched in any case.
"""

from __future__ import annotations

import re

from worksheet_parser import _vocab
from worksheet_parser._blocks._blockread import BlockReader, stripped
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode, ReadContext
from worksheet_parser._models import ArchiveHeader, Span
from worksheet_parser._text._segment import Block, number_line

__all__ = ["read_header"]

_DATE = re.compile(_vocab.HEADER_DATE)
_TAG = re.compile(_vocab.HEADER_PAGE_TAG)
_STATUS = re.compile(r"(?:" + "|".join(_vocab.HEADER_STATUSES) + r")", re.I)
_TO_DIGIT = str.maketrans({**_vocab.LETTER_TO_DIGIT, "b": "8"})


def read_header(block: Block, ctx: ReadContext, *, span: Span | None = None) -> ArchiveHeader:
    """Read a header block (normalised text with offsets)."""
    r = BlockReader(ctx)
    number: str | None = None
    date = None
    status: str | None = None
    tags: list[str] = []
    tag_spans: list[tuple[int, int]] = []
    for line, first, _ in stripped(block.filled):
        text, start = r.printed(line, first)
        end = start + len(text)
        if number is None and number_line(text):
            number = text.translate(_TO_DIGIT)
            r.mark("document_number", start, end)
            if number != text:
                r.repaired(
                    DiagnosticCode.VALUE_REPAIRED,
                    f"read document number {text!r} as {number!r} (OCR letter/digit swap)",
                    start,
                    end,
                    "document_number",
                    text,
                    number,
                )
        elif _DATE.match(text) and "date" not in r.spans:
            r.mark("date", start, end)
            date = r.date(text, start, DateOrder.YYYY_MM_DD, "date")
        elif _STATUS.fullmatch(text) and status is None:
            status = text
            r.mark("status", start, end)
        elif _TAG.match(text):
            r.mark(f"page_tags[{len(tags)}]", start, end)
            tags.append(" ".join(text.split()))
            tag_spans.append((start, end))
        else:
            r.keep(
                text,
                start,
                end,
                code=DiagnosticCode.DUPLICATE_FIELD
                if number_line(text) or _DATE.match(text) or _STATUS.fullmatch(text)
                else DiagnosticCode.UNPLACED_TEXT,
                why="this header line repeats a field or fits none; it is kept as unread",
            )
    if tag_spans:
        r.mark("page_tags", tag_spans[0][0], tag_spans[-1][1])
    return ArchiveHeader(
        document_number=number,
        date=date,
        status=status,
        page_tags=tuple(tags),
        span=span,
        field_spans=r.spans,
        unread=r.unread.done(),
    )
