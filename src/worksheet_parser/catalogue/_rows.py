"""One parsed document as the rows of the catalogue's tables.

Strategy: a pure function of one :class:`~worksheet_parser.Document`
(:func:`document_rows`), run in the worker processes, so the single
writer only inserts.  Rows are plain tuples of ``str``, ``int`` and
``None`` (dates as ISO text), in the column order of the ``INSERT``
statements in :mod:`worksheet_parser.catalogue._store`; rows that belong
to another row (a routing entry to its worksheet, a worksheet to its
packet) carry the *index* of that row in the document's lists, which the
writer turns into the row id it got.  Nothing is dropped: every block,
diagnostic and unread line of the document has a row.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from worksheet_parser._models import Diagnostic, Document, Severity, Span, Worksheet
from worksheet_parser._outputs._tables import _FIELD_PATH, _group
from worksheet_parser.catalogue._codes import split_subject_code

__all__ = ["DocumentRows", "document_rows"]


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _joined(values: tuple[str, ...], sep: str = " ") -> str | None:
    return sep.join(values) or None


def _line(span: Span | None) -> int | None:
    return None if span is None else span.line


def _end_line(span: Span | None, text: str | None) -> int | None:
    if span is None or text is None:
        return None
    return span.line + text.count("\n", span.start, max(span.start, span.end - 1))


@attrs.define
class DocumentRows:
    """The rows of one document, ready for the writer.

    Each list holds ``(owner index, values)`` pairs or plain value tuples,
    as documented per attribute; indexes refer to the document's own lists.
    """

    packets: list[tuple[Any, ...]] = attrs.field(factory=list)
    """``(packet, line, end_line)`` per packet."""
    worksheets: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(packet index, worksheet values)``."""
    routing: list[tuple[int, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(worksheet index, routing values)``."""
    subject_codes: list[tuple[int, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(worksheet index, (position, code, category, number, subnumber))``."""
    individual_codes: list[tuple[int, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(worksheet index, (position, code))``."""
    review_stamps: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(packet index, review stamp values)``."""
    release_stamps: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(packet index, release stamp values)``."""
    archive_headers: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(packet index, header values)``."""
    letters: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(packet index, letter values)``."""
    signatories: list[tuple[int, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(letter index, (position, name))``."""
    diagnostics: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(worksheet index or None, diagnostic values)``."""
    unread: list[tuple[int | None, tuple[Any, ...]]] = attrs.field(factory=list)
    """``(worksheet index or None, (block, line, column, start, end, text))``."""
    categories: set[str] = attrs.field(factory=set)
    """Every subject category code used (the writer makes sure each has a code-table row)."""


class _Owners:
    """Which worksheet each diagnostic is about, if any (as the flat tables count them).

    A diagnostic whose field path names a worksheet belongs to it; one whose
    path names another block belongs to no worksheet; otherwise, the
    worksheet whose span holds the diagnostic's start.
    """

    def __init__(self, worksheets: Sequence[Worksheet]) -> None:
        self.count = len(worksheets)
        spans = sorted(
            (ws.span.start, max(ws.span.end, ws.span.start + 1), i)
            for i, ws in enumerate(worksheets)
            if ws.span is not None
        )
        self.starts = [start for start, _, _ in spans]
        self.spans = spans

    def __call__(self, d: Diagnostic) -> int | None:
        m = _FIELD_PATH.match(d.field or "")
        if m:
            i = int(m[2])
            return i if m[1] == "worksheets" and i < self.count else None
        if d.span is None:
            return None
        k = bisect.bisect_right(self.starts, d.span.start) - 1
        # Worksheet spans do not overlap; look back a little in case they ever do.
        for start, end, i in reversed(self.spans[max(0, k - 2) : k + 1]):
            if start <= d.span.start < end:
                return i
        return None


def _packet_owner(doc: Document) -> dict[tuple[str, int], int]:
    return _group(doc).owner if doc.packets else {}


def document_rows(doc: Document, text: str | None = None, page: str | None = None) -> DocumentRows:
    """Return the rows of ``doc`` (``text``, the original input, gives the blocks' last lines).

    ``page`` is the provenance page's address, to which ``#worksheets-N``
    is added for each worksheet.

    >>> from worksheet_parser import example_text, parse
    >>> rows = document_rows(parse(example_text()))
    >>> len(rows.worksheets), len(rows.routing), [code for _, (_, code) in rows.individual_codes]
    (1, 1, ['1210', '1220'])
    """
    out = DocumentRows()
    owner = _packet_owner(doc)
    for p, packet in enumerate(doc.packets):
        out.packets.append((p, _line(packet.span), _end_line(packet.span, text)))

    owner_of = _Owners(doc.worksheets)
    owners = [owner_of(d) for d in doc.diagnostics]
    repairs: collections.Counter[int | None] = collections.Counter()
    problems: collections.Counter[int | None] = collections.Counter()
    for d, who in zip(doc.diagnostics, owners, strict=True):
        (repairs if d.severity is Severity.INFO else problems)[who] += 1
    for i, ws in enumerate(doc.worksheets):
        corr = ws.correspondent
        prime = ws.subject_codes[0] if ws.subject_codes else None
        prime_category = None if prime is None else split_subject_code(prime)[0]
        out.worksheets.append(
            (
                owner.get(("worksheets", i)),
                (
                    i,
                    ws.id_number,
                    ws.form.value,
                    None if ws.direction is None else ws.direction.value,
                    _date(ws.date_received),
                    prime,
                    prime_category,
                    None if corr is None else corr.title,
                    None if corr is None else corr.name,
                    ws.subject,
                    ws.comments,
                    ws.additional_correspondents,
                    ws.media,
                    _joined(ws.mail_user_codes),
                    len(ws.routing),
                    repairs[i],
                    problems[i],
                    _line(ws.span),
                    _end_line(ws.span, text),
                    None if page is None else f"{page}#worksheets-{i}",
                ),
            )
        )
        for r, entry in enumerate(ws.routing):
            out.routing.append(
                (
                    i,
                    (
                        r,
                        entry.office,
                        None if entry.action_code is None else entry.action_code.value,
                        _date(entry.action_date),
                        entry.response_type,
                        None if entry.disposition_code is None else entry.disposition_code.value,
                        _date(entry.disposition_date),
                        entry.referral_note,
                        _line(entry.span),
                    ),
                )
            )
        for position, code in enumerate(ws.subject_codes):
            category, number, sub = split_subject_code(code)
            if category is not None:
                out.categories.add(category)
            out.subject_codes.append((i, (position, code, category, number, sub)))
        for position, code in enumerate(ws.individual_codes):
            out.individual_codes.append((i, (position, code)))
        for line in ws.unread:
            s = line.span
            out.unread.append(
                (i, (f"worksheets[{i}]", s.line, s.column, s.start, s.end, line.text))
            )

    for i, stamp in enumerate(doc.review_stamps):
        out.review_stamps.append(
            (
                owner.get(("review_stamps", i)),
                (
                    i,
                    stamp.agency,
                    stamp.office,
                    stamp.reviewer,
                    _date(stamp.date),
                    stamp.case_id,
                    _line(stamp.span),
                ),
            )
        )
    for i, release in enumerate(doc.release_stamps):
        out.release_stamps.append(
            (
                owner.get(("release_stamps", i)),
                (
                    i,
                    release.kind,
                    release.text or None,
                    release.authority,
                    _date(release.date),
                    release.case_number,
                    release.document_number,
                    _line(release.span),
                ),
            )
        )
    for i, header in enumerate(doc.headers):
        out.archive_headers.append(
            (
                owner.get(("headers", i)),
                (
                    i,
                    header.document_number,
                    _date(header.date),
                    header.status,
                    _joined(header.page_tags),
                    _line(header.span),
                ),
            )
        )
    for i, letter in enumerate(doc.letters):
        out.letters.append(
            (
                owner.get(("letters", i)),
                (
                    i,
                    _joined(letter.letterhead, "\n"),
                    letter.place,
                    _date(letter.date),
                    letter.recipient,
                    letter.salutation,
                    _joined(letter.body, "\n\n"),
                    letter.closing,
                    _joined(letter.signatories, "; "),
                    _line(letter.span),
                ),
            )
        )
        for position, name in enumerate(letter.signatories):
            out.signatories.append((i, (position, name)))

    for kind in ("headers", "review_stamps", "release_stamps", "letters"):
        for i, block in enumerate(getattr(doc, kind)):
            for line in block.unread:
                s = line.span
                out.unread.append(
                    (None, (f"{kind}[{i}]", s.line, s.column, s.start, s.end, line.text))
                )
    for line in doc.unrecognized:
        s = line.span
        out.unread.append((None, (None, s.line, s.column, s.start, s.end, line.text)))

    for d, who in zip(doc.diagnostics, owners, strict=True):
        where = d.span
        out.diagnostics.append(
            (
                who,
                (
                    d.code,
                    d.severity.value,
                    d.message,
                    d.field,
                    None if where is None else where.line,
                    None if where is None else where.column,
                    None if where is None else where.start,
                    None if where is None else where.end,
                    d.original,
                    d.repaired,
                ),
            )
        )
    return out
