"""Shared plumbing of the block readers (archive headers, stamps, letters).

Strategy: each reader walks its block's lines once and reports through one
:class:`BlockReader`, which maps normalised offsets to original spans, records
field spans, keeps every line that is not read into a field as an unread
:class:`TextLine` (with a diagnostic unless it is printed boilerplate), and
reads dates through :func:`read_date` in the order the field is printed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from worksheet_parser._blocks._blocklines import printed_core
from worksheet_parser._dates import (
    _DEFAULT_EARLIEST,
    _DEFAULT_LATEST,
    DateOrder,
    read_date,
)
from worksheet_parser._dates import clean_date as _clean_date
from worksheet_parser._diagnostics import (
    DiagnosticCode,
    DiagnosticLog,
    FieldPath,
    ReadContext,
    Source,
)
from worksheet_parser._models import Span, TextLine
from worksheet_parser._text._segment import Line
from worksheet_parser._worksheet._fields import short_text_cache2

__all__ = ["BlockReader", "UnreadText", "clean_date", "report_date", "stripped"]

clean_date = short_text_cache2("blocks.dates", 4096)(_clean_date)
""":func:`worksheet_parser._dates.clean_date`, its results kept: dates repeat across a batch."""


def report_date(
    report: DiagnosticLog,
    text: str,
    start: int,
    order: DateOrder,
    field: FieldPath | None,
    *,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> dt.date | None:
    """Read a date printed in ``order`` at normalised offset ``start``.

    A repair or a failure becomes a diagnostic on ``field``; a blank printed
    slot is simply empty.
    """
    value = clean_date(text, order)
    if value is not None and (
        (_DEFAULT_EARLIEST if earliest is None else earliest)
        <= value
        <= (_DEFAULT_LATEST if latest is None else latest)
    ):
        return value  # the common case: a clean date, in bounds, needs no report
    reading = read_date(text, order, earliest=earliest, latest=latest)
    if reading.code is None:
        return reading.value
    if reading.code == "date-empty":
        return None
    report.add(
        DiagnosticCode(reading.code),
        reading.message,
        start,
        start + len(text),
        field=field,
        original=text,
        repaired=reading.repaired,
    )
    return reading.value


def stripped(lines: Sequence[Line]) -> Iterator[tuple[str, int, int]]:
    """Yield ``(text, start, end)`` of each non-blank line, blanks at both ends removed."""
    for line in lines:
        text = line.text
        s = text.strip()
        if not s:
            continue
        start = line.start + (len(text) - len(text.lstrip()))
        yield s, start, start + len(s)


class UnreadText:
    """The unread text of one block: a :class:`TextLine`, and a diagnostic, per run.

    A whole line kept for the same reason (code, message and field) as the
    whole line kept last, with only blank lines between them, extends that
    record and its diagnostic instead of making new ones: a block of many
    short lines that no field takes (a field repeated on every line, say)
    costs one record, not one per line.  Parts of lines (junk beside a
    value) stay records of their own.  A run's record is made once, when it
    ends (:meth:`done` ends the last), so a long run costs no more time than
    its lines.
    """

    __slots__ = ("_lines", "_run", "report", "source")

    def __init__(self, report: DiagnosticLog, source: Source) -> None:
        """Keep unread text of ``source``, reporting into ``report``."""
        self.report = report
        self.source = source
        self._lines: list[TextLine] = []
        # The open run: [start, end, text, code, why, field, diagnostic index, whole, merged]
        self._run: list[Any] | None = None

    def keep(
        self,
        text: str,
        start: int,
        end: int,
        code: DiagnosticCode | None,
        why: str,
        field: FieldPath | None,
    ) -> None:
        """Keep ``text`` at normalised ``[start, end)``; ``code=None``: no diagnostic."""
        report = self.report
        norm = self.source.text
        whole = not norm[norm.rfind("\n", 0, start) + 1 : start].strip() and (
            not norm[end : (norm.find("\n", end) + 1 or len(norm) + 1) - 1].strip()
        )
        run = self._run
        if (
            whole
            and run is not None
            and run[7]
            and run[1] <= start
            and run[3] == code
            and run[4] == why
            and run[5] == field
            and (code is None or run[6] == report.checkpoint() - 1)
            and not norm[run[1] : start].strip()
        ):
            run[1] = end
            run[8] = True
            return
        self._close()
        index = -1
        if code is not None:
            index = report.checkpoint()
            report.add(code, why, start, end, field=field, original=text)
        self._run = [start, end, text, code, why, field, index, whole, False]

    def _close(self) -> None:
        run = self._run
        if run is None:
            return
        self._run = None
        start, end, text = run[0], run[1], run[2]
        span = self.source.span(start, end)
        if run[8]:  # lines were added to it: its text and diagnostic cover them all
            text = self.source.text[start:end]
            index = run[6]
            if index >= 0:
                self.report.amend(index, span=span, original=text)
        self._lines.append(TextLine(text, span))

    def done(self) -> tuple[TextLine, ...]:
        """The unread records, in the order kept (the last run ended)."""
        self._close()
        return tuple(self._lines)


class BlockReader:
    """Field spans, unread lines and diagnostics of one block being read."""

    __slots__ = ("ctx", "path", "span", "spans", "unread")

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.path = ctx.path
        self.spans: dict[str, Span] = {}
        self.unread = UnreadText(ctx.report, ctx.source)
        self.span = ctx.span
        """Normalised ``[start, end)`` to a span of the original text."""

    def field(self, name: str) -> FieldPath:
        """Path of field ``name`` of this block."""
        return (*self.path, name)

    def mark(self, name: str, start: int, end: int) -> None:
        """Record where field ``name`` was read."""
        self.spans[name] = self.span(start, end)

    def add(
        self,
        code: DiagnosticCode,
        message: str,
        start: int,
        end: int,
        field: str,
        original: str | None = None,
    ) -> None:
        """Report a problem with this block's ``field`` at normalised ``[start, end)``."""
        self.ctx.report.add(code, message, start, end, field=self.field(field), original=original)

    def keep(
        self,
        text: str,
        start: int,
        end: int,
        *,
        code: DiagnosticCode | None = DiagnosticCode.UNPLACED_TEXT,
        why: str = "this line could not be placed in any field; it is kept as unread",
        field: str | None = None,
    ) -> None:
        """Keep a line as unread; ``code=None`` for printed boilerplate (no diagnostic)."""
        self.unread.keep(text, start, end, code, why, None if field is None else self.field(field))

    def printed(self, text: str, start: int) -> tuple[str, int]:
        """The printed part of a short line and its offset; the speckle or other column
        beside it (:func:`printed_core`) is kept as unread."""
        a, b = printed_core(text)
        if (a, b) == (0, len(text)) or b <= a:
            return text, start
        for lo, hi in ((0, a), (b, len(text))):
            piece = text[lo:hi]
            if piece.strip():
                off = lo + len(piece) - len(piece.lstrip())
                junk = piece.strip()
                marks = all(len(t) == 1 or not any(c.isalnum() for c in t) for t in junk.split())
                self.keep(
                    junk,
                    start + off,
                    start + off + len(junk),
                    code=None if marks else DiagnosticCode.UNPLACED_TEXT,
                )
        return text[a:b], start + a

    def repaired(
        self,
        code: DiagnosticCode,
        why: str,
        start: int,
        end: int,
        field: str,
        original: str,
        repaired: str,
    ) -> None:
        """Report a repair of a label or value."""
        self.ctx.report.add(
            code, why, start, end, field=self.field(field), original=original, repaired=repaired
        )

    def date(
        self,
        text: str,
        start: int,
        order: DateOrder,
        field: str,
        *,
        earliest: dt.date | None = None,
        latest: dt.date | None = None,
    ) -> dt.date | None:
        """Read a date printed in ``order``, reporting repairs and failures."""
        return report_date(
            self.ctx.report,
            text,
            start,
            order,
            self.field(field),
            earliest=earliest,
            latest=latest,
        )
