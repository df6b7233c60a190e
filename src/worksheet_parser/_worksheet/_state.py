"""What the section readers of one worksheet share: its pieces, the values read so far.

Strategy: one :class:`State` per worksheet block.  The section readers write
the values they read into :attr:`State.values` (keyed by the
:class:`~worksheet_parser._models.Worksheet` field they become) with their
spans in :attr:`State.spans`, and keep what they cannot place through
:meth:`State.keep_unread`.  The helpers every reader needs live here: the
first-occurrence rule (:meth:`State.first`), repair and label-repair
diagnostics, dates, the debris trim at a value's edges, and
:meth:`State.lines`, which walks a section's ``TEXT`` lines in order.  The
case the OCR engine wrote in (from the labels' letters, or else the bare
lines') is decided once, when the state is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence

from dateutil.relativedelta import relativedelta

from worksheet_parser._blocks._blockread import UnreadText, report_date
from worksheet_parser._caches import remembered
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode, FieldPath, ReadContext
from worksheet_parser._models import FormVariant, Span
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._checkboxes import CheckBoxes
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._pieces import ERA_END, ERA_START, Repeats
from worksheet_parser._worksheet._routing import RoutingReader

__all__ = ["LABEL_FIELDS", "ROUTING_YEARS_AFTER", "ROUTING_YEARS_BEFORE", "State", "routing_window"]

ROUTING_YEARS_BEFORE = 1
"""How many calendar years before ``DATE RECEIVED`` a routing date may fall."""
ROUTING_YEARS_AFTER = 4
"""How many calendar years after ``DATE RECEIVED`` a routing date may fall."""


_ROUTING_BEFORE = relativedelta(years=-ROUTING_YEARS_BEFORE)
_ROUTING_AFTER = relativedelta(years=ROUTING_YEARS_AFTER)


@remembered("worksheet.routing_windows", 4096)
def routing_window(received: dt.date) -> tuple[dt.date, dt.date]:
    """The routing-date window for ``DATE RECEIVED``, in calendar years.

    29 February falls back to the 28th in a year without one.  A collection's
    worksheets share their dates received, so each window is computed once.
    """
    return received + _ROUTING_BEFORE, received + _ROUTING_AFTER


class State:
    """One worksheet's pieces and everything its section readers have read so far."""

    def __init__(
        self,
        pieces: Sequence[Piece],
        ctx: ReadContext,
        form: FormVariant,
    ) -> None:
        self.pieces = pieces
        """The worksheet's pieces, in reading order; sections index into them."""
        self.ctx = ctx
        """The text, the report, and the worksheet's field path (``("worksheets", 0)``)."""
        self.report = ctx.report
        self.form = form
        self.values: dict[str, object] = {}
        """The values read, by :class:`~worksheet_parser._models.Worksheet` field name."""
        self.spans: dict[str, Span] = {}
        """Where each value was read."""
        self.unread = UnreadText(ctx.report, ctx.source)
        self.seen: set[str] = set()
        """The fields whose label was met (see :meth:`first`), and ``routing``."""
        self.subject_codes: list[str] = []
        self.prime_codes: list[str] = []
        # Spans are asked for thousands of times per batch: bind the mapping once.
        self.span: Callable[[int, int], Span] = ctx.span
        # The labels' letters show the engine's case; without any, the bare lines' do.
        alpha = upper_count = 0
        for p in pieces:
            if p.label:
                a, u = _label_letter_counts(p.label)
                n = p.count if isinstance(p, Repeats) else 1
                alpha += a * n
                upper_count += u * n
        if alpha:
            upper = upper_count * 2 > alpha
        else:
            text = ctx.text
            sample = "".join(text[p.start : p.end] for p in pieces if p.kind == "TEXT")
            s_alpha, s_upper = _letter_counts(sample)
            upper = s_upper * 2 > s_alpha if s_alpha else True  # no letters at all: capitals
        self.printed_upper = upper and form is FormVariant.COMPUTER_PRINTED
        """Whether values are printed in capitals: only the computer-printed form
        prints them so; the 5/81 and records management forms were typed."""
        self.lower_engine = bool(alpha) and not upper_count
        """Whether the engine wrote everything in lower case: codes are read upper-cased."""
        self.checkboxes = CheckBoxes(ctx, form, self.keep_unread)
        self.table = RoutingReader(
            ctx,
            form,
            self.printed_upper,
            self.keep_unread,
            self.routing_dates,
        )

    def routing_dates(self) -> tuple[dt.date, dt.date]:
        """The dates a routing date may fall between, given ``DATE RECEIVED`` as read."""
        received = self.values.get("date_received")
        if isinstance(received, dt.date):
            return routing_window(received)
        return ERA_START, ERA_END

    def lines(self, label: int, stop: int) -> Iterable[Piece]:
        """The ``TEXT`` lines after the piece at ``label``, up to ``stop``, in order.

        A line's damaged label (a form word read as a value's wrapped line) is
        reported as it comes.
        """
        if label + 1 == stop:  # most labels have no line under them
            return ()
        return self._lines(label + 1, stop)

    def _lines(self, first: int, stop: int) -> Iterator[Piece]:
        pieces = self.pieces
        for i in range(first, stop):
            piece = pieces[i]
            if piece.repaired_label is not None:
                self.label_repair(piece)
            yield piece

    def unplaced(self, piece: Piece) -> None:
        """Keep ``piece`` as text that belongs to no field."""
        self.keep_unread(
            piece.start,
            piece.end,
            piece.value,
            code=DiagnosticCode.UNPLACED_TEXT,
            why="text that belongs to no field of the worksheet",
        )

    def release(self) -> None:
        """Let go of the readers that point back at this state (through its methods), so
        that it is freed as soon as it is dropped: a long input is read with the cyclic
        collector paused, and a file of short worksheets would keep every one's state."""
        del self.checkboxes, self.table

    def keep_unread(
        self,
        start: int,
        end: int,
        text: str,
        *,
        code: DiagnosticCode,
        why: str,
        field: str | None = None,
    ) -> None:
        """Keep ``text`` (at ``[start, end)``) as unread, with a ``code`` diagnostic."""
        if not text.strip():
            return
        self.unread.keep(text, start, end, code, why, self.field(field))

    def field(self, name: str | None) -> FieldPath | None:
        """The diagnostic field path of ``name`` within this worksheet."""
        return None if name is None else (*self.ctx.path, name)

    def repaired(
        self, original: str, value: str, start: int, end: int, field: str, *, what: str = ""
    ) -> None:
        """Report that ``original`` (at ``[start, end)``) was read as ``value`` after repair."""
        self.report.add(
            DiagnosticCode.VALUE_REPAIRED,
            f"read {what}{original!r} as {value!r}",
            start,
            end,
            field=self.field(field),
            original=original,
            repaired=value,
        )

    def label_repair(self, piece: Piece) -> None:
        """Report that ``piece``'s damaged label was read as its canonical one."""
        self.report.add(
            DiagnosticCode.LABEL_REPAIRED,
            f"read damaged label {piece.label!r} as {piece.repaired_label!r}",
            piece.start,
            piece.start + len(piece.label or ""),
            field=self.field(LABEL_FIELDS.get(piece.kind)),
            original=piece.label,
            repaired=piece.repaired_label,
        )

    def first(self, name: str, piece: Piece) -> bool:
        """Whether ``piece`` is field ``name``'s first occurrence; a repeat is kept as unread."""
        if name in self.seen:
            self.keep_unread(
                piece.start,
                piece.end,
                self.ctx.text[piece.start : piece.end],
                code=DiagnosticCode.DUPLICATE_FIELD,
                why=f"{name} appears more than once; the first is kept",
                field=name,
            )
            return False
        self.seen.add(name)
        return True

    def date(
        self,
        text: str,
        start: int,
        order: DateOrder,
        field: str,
        earliest: dt.date,
        latest: dt.date,
    ) -> dt.date | None:
        """Read a date of ``field``, reporting what could not be read or was repaired."""
        return report_date(
            self.report, text, start, order, self.field(field), earliest=earliest, latest=latest
        )

    def code_case(self, word: str) -> str:
        """``word`` as a code is read: upper-cased when the engine wrote in lower case."""
        return word.upper() if self.lower_engine else word

    def trimmed(self, text: str, start: int, field: str, *, name: bool = False) -> tuple[str, int]:
        """``text`` (found at ``start``) without the debris at its edges, and where it starts.

        What is left out (stray marks, handwriting) is kept in :attr:`unread`
        with a ``junk-dropped`` diagnostic.  Only names, subjects and comments
        are trimmed: other values are read word by word by their own readers.
        """
        if field not in _TRIMMED:
            return text, start
        tab = text.rfind("\t") if field in ("subject", "comments") else -1
        if tab != -1 and text[:tab].strip() and _fields.cut_off_phrase(text[tab + 1 :]):
            rest = text[tab:].strip()
            at = start + text.index(rest, tab)
            self.keep_unread(
                at,
                at + len(rest),
                rest,
                code=DiagnosticCode.UNPLACED_TEXT,
                why=f"{rest!r} after a column break is a phrase cut off, not part of the {field}",
            )
            text = text[:tab].rstrip()
        lo, hi = _fields.value_extent(text, self.printed_upper, name=name)
        if (lo, hi) == (0, len(text)):
            return text, start
        for a, b in ((0, lo), (hi, len(text))):
            part = text[a:b].strip()
            if part:
                at = start + a + text[a:b].index(part)
                self.keep_unread(
                    at,
                    at + len(part),
                    part,
                    code=DiagnosticCode.JUNK_DROPPED,
                    why=f"{part!r} beside the value is not part of it",
                    field=field,
                )
        return text[lo:hi], start + lo


LABEL_FIELDS = {
    "SUBJECT": "subject",
    "DOCUMENT": "subject",
    "COMMENTS": "comments",
    "ADDITIONAL": "additional_correspondents",
    "DATE_RECEIVED": "date_received",
    "CORRESPONDENT": "correspondent",
    "MEDIA": "media",
    "INDIVIDUAL": "individual_codes",
    "MAIL": "mail_user_codes",
    "ID": "id_number",
    "REFERRAL": "routing",
    "ROUTE_TO": "routing",
    "TABLE_HEAD": "routing",
    "CHECKBOX": "direction",
    "RECEIVED_YMD": "date_received",
    "PRIME": "subject_codes",
    "SECONDARY": "subject_codes",
    "SUBJECT_CODES": "subject_codes",
    "MAIL_REPORT": "mail_user_codes",
}
"""The field a label names, for the field path of its ``label-repaired`` diagnostic."""

_TRIMMED = frozenset({"subject", "comments", "correspondent"})
"""Values whose edges may hold OCR debris (see :func:`_fields.value_extent`)."""


def _letter_counts(text: str) -> tuple[int, int]:
    """How many letters ``text`` has, and how many of them are capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


_label_letter_counts = _fields.short_text_cache("worksheet.letter_counts", 1024)(_letter_counts)
""":func:`_letter_counts` of a label: labels are few and repeat on every worksheet."""
