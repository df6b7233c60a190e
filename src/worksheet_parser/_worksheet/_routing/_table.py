"""What every reader of one routing table shares: the rows read so far, the text,
and how values and unread words are stored and reported.

Strategy: the table is read by one reader per layout (:mod:`._rows` row by
row, :mod:`._columns` rebuilt from columns, :mod:`._form_5_81` one cell a
line); each is handed this :class:`Table`, so that a code, a date or a run
of junk is stored, spanned and reported the same way whichever layout it
came from.  Rows are numbered as read (``("routing", i)``): the table
remembers which diagnostics name a row, with their paths kept structured,
and :mod:`._entries` points them at the entries once rows that read as
nothing are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs

from worksheet_parser._blocks._blockread import clean_date, report_date
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import (
    DiagnosticCode,
    DiagnosticLog,
    FieldPath,
    Source,
    render_path,
)
from worksheet_parser._models import FormVariant, Span
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._routing._lines import CellLine
from worksheet_parser._worksheet._routing._words import (
    BLANK_SLOT,
    blank,
    damaged_code,
    is_action_code_word,
    read_action_code,
    read_disposition_code,
    word_start,
)

__all__ = ["KeepUnread", "Row", "Table"]

KeepUnread = Callable[..., None]
"""The worksheet reader's ``keep_unread(start, end, text, *, code, why, field=None)``
(``field`` is dotted, relative to the worksheet)."""


@attrs.define
class Row:
    """A routing row as it is being read (the frozen entry is made at the end)."""

    office: str | None = None
    action_code: str | None = None
    action_date: dt.date | None = None
    response_type: str | None = None
    disposition_code: str | None = None
    disposition_date: dt.date | None = None
    referral_note: str | None = None
    start: int = -1
    end: int = -1
    has_cells: bool = False
    has_referral: bool = False
    line: int = -1
    spans: dict[str, Span] = attrs.field(factory=dict)

    def readable(self) -> bool:
        return (
            self.office is not None
            or self.action_code is not None
            or self.action_date is not None
            or self.response_type is not None
            or self.disposition_code is not None
            or self.disposition_date is not None
            or self.referral_note is not None
        )


@attrs.define(eq=False)
class Table:
    """The state one routing table's readers share, and the storing of what they read.

    ``keep_unread`` is the worksheet reader's (unread text is the
    worksheet's); :attr:`window` is the span of dates a routing date may
    fall in, set once the whole worksheet has been read.
    """

    source: Source
    """The text being read."""
    report: DiagnosticLog
    """Where diagnostics go."""
    path: FieldPath
    """The worksheet's field path: the table's paths extend it."""
    form: FormVariant
    printed_upper: bool
    """The form prints its values in capitals: small letters in a value are handwriting."""
    keep_unread: KeepUnread
    text: str = attrs.field(init=False)
    """The normalised text every offset points into."""
    span: Callable[[int, int], Span] = attrs.field(init=False)
    """Normalised offsets to a span of the original text."""
    row_diagnostics: list[tuple[int, int, FieldPath]] = attrs.field(init=False, factory=list)
    """The diagnostics that name a row: the diagnostic's index, the row's, and
    the path in the row (``("routing", i, *path)``)."""
    rows: list[Row] = attrs.field(init=False, factory=list)
    """The rows read so far, numbered as read."""
    window: tuple[dt.date, dt.date] = attrs.field(init=False, default=(dt.date.min, dt.date.max))
    """The earliest and latest routing date, from ``DATE RECEIVED`` (set before reading)."""

    def __attrs_post_init__(self) -> None:
        self.text = self.source.text
        self.span = self.source.span

    def _note(self, mark: int, field: FieldPath) -> None:
        """Remember the diagnostic made since ``mark`` (if any) when ``field`` names a row."""
        if len(field) > 1 and self.report.checkpoint() > mark:
            row = field[1]
            if isinstance(row, int):
                self.row_diagnostics.append((mark, row, field[2:]))

    def add(
        self,
        code: DiagnosticCode,
        message: str,
        start: int,
        end: int,
        *,
        field: FieldPath,
        original: str | None = None,
        repaired: str | None = None,
    ) -> None:
        """Report on ``field`` of the table (``("routing", i, "action_code")``)."""
        mark = self.report.checkpoint()
        self.report.add(
            code,
            message,
            start,
            end,
            field=(*self.path, *field),
            original=original,
            repaired=repaired,
        )
        self._note(mark, field)

    def keep(
        self,
        start: int,
        end: int,
        text: str,
        *,
        code: DiagnosticCode,
        why: str,
        field: FieldPath | None = None,
    ) -> None:
        """Keep text as the worksheet's unread text, reported on ``field`` of the table."""
        if field is None:
            self.keep_unread(start, end, text, code=code, why=why)
            return
        mark = self.report.checkpoint()
        self.keep_unread(start, end, text, code=code, why=why, field=render_path(field))
        self._note(mark, field)

    def drop_marks(self, line: CellLine, field: FieldPath) -> None:
        """Keep a line's stray marks as unread words of ``field``."""
        if line.marks:
            self.junk(sorted(line.marks, key=word_start), field)

    def junk(self, cells: Sequence[_fields.Word], field: FieldPath) -> None:
        """Keep words that read as nothing, one unread run per stretch of adjacent words."""
        if not cells:
            return
        source = self.text
        run: list[_fields.Word] = [cells[0]]
        for w in cells[1:]:
            between = source[run[-1].end : w.start]
            if between.strip(" \t"):  # something read into a field lies between
                self._junk_run(run, field)
                run = []
            run.append(w)
        self._junk_run(run, field)

    def _junk_run(self, run: Sequence[_fields.Word], field: FieldPath) -> None:
        start, end = run[0].start, run[-1].end
        text = self.text[start:end]
        if all(c in BLANK_SLOT or c == "\t" for c in text):
            return  # an empty printed slot: __ __/__/__
        self.keep(
            start,
            end,
            text,
            code=DiagnosticCode.JUNK_DROPPED,
            why=f"{' '.join(text.split())!r} does not read as routing codes or dates",
            field=field,
        )

    def set_code(
        self,
        row: Row,
        w: _fields.Word,
        name: str,
        prefix: FieldPath,
        code: str | None = None,
        repair: str | None = None,
    ) -> None:
        """Store an action or disposition code read from ``w``.

        ``code`` and ``repair`` are given for a code read another way than
        as written (:meth:`set_damaged_code`): the code, and how it was read.
        """
        if code is None:
            reader = read_action_code if name == "action_code" else read_disposition_code
            code = reader(w.text)
            if code is None:  # pragma: no cover - callers check first
                return
            if code != w.text.upper() and not is_action_code_word(w.text):
                repair = f"read {w.text!r} as {code!r}"
        if repair is not None:
            self.add(
                DiagnosticCode.VALUE_REPAIRED,
                repair,
                w.start,
                w.end,
                field=(*prefix, name),
                original=w.text,
                repaired=code,
            )
        setattr(row, name, code)
        row.spans[name] = self.span(w.start, w.end)

    def set_damaged_code(self, row: Row, w: _fields.Word, prefix: FieldPath) -> None:
        """Store the action code read from a doubled or small-letter word (``Ss`` -> ``S``)."""
        code = damaged_code(w.text)
        if code is None:  # pragma: no cover - callers check first
            return
        repair = f"read {w.text!r} in the action code's place as {code!r}"
        self.set_code(row, w, "action_code", prefix, code, repair)

    def set_date(self, row: Row, w: _fields.Word, name: str, prefix: FieldPath) -> None:
        """Store a routing date read from ``w`` (a blank slot stores nothing)."""
        value = self.read_date(w, (*prefix, name))
        if value is not None:
            setattr(row, name, value)
            row.spans[name] = self.span(w.start, w.end)

    def read_date(self, w: _fields.Word, field: FieldPath) -> dt.date | None:
        """A routing date read from ``w``, its repair or failure reported against ``field``."""
        text = w.text
        if blank(text):
            return None
        lo, hi = self.window
        value = clean_date(text, DateOrder.YY_MM_DD)
        if value is None or not lo <= value <= hi:
            # damaged, out of bounds or no date at all: read and reported in full
            mark = self.report.checkpoint()
            value = report_date(
                self.report,
                text,
                w.start,
                DateOrder.YY_MM_DD,
                (*self.path, *field),
                earliest=lo,
                latest=hi,
            )
            self._note(mark, field)
        return value
