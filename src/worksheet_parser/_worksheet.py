"""Stage 4: assemble a worksheet block's tokens into a :class:`Worksheet`.

Strategy: the lexer has cut the block into pieces (a label and its value, or
a bare line).  A label whose value OCR put on the next line is joined to it
first.  The form variant is then chosen from the evidence the pieces carry
(titles, labels, legend and footer wording, the ``5/81`` mark), counted with
fixed weights; a close or empty count is reported as ``form-uncertain``.
The variant's grammar checks the order and hands back the pieces in reading
order, and this module walks them once.  A labelled piece
opens a field; bare ``TEXT`` pieces after it continue the field when the
field is free text (subject, comments), become rows inside the routing
table, and are otherwise kept as unread text with a diagnostic.  Each value
goes through the reader for what the field expects; a value that cannot be
read leaves the field empty and says why.  The first occurrence of a field
wins; a repeat is unread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from dateutil.relativedelta import relativedelta

from worksheet_parser import _fields, _vocab
from worksheet_parser._blockread import UnreadText, report_date
from worksheet_parser._caches import remembered
from worksheet_parser._checkboxes import CheckBoxes
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import Collector
from worksheet_parser._grammar import parse_pieces
from worksheet_parser._lexer import Piece
from worksheet_parser._models import (
    ActionCode,
    Correspondent,
    Direction,
    DispositionCode,
    FormVariant,
    Severity,
    Span,
    Worksheet,
)
from worksheet_parser._pieces import (
    ERA_END,
    ERA_START,
    Repeats,
    attach_values,
    join_split_date,
    lexed,
)
from worksheet_parser._routing import RoutingReader, blank

__all__ = ["ERA_END", "ERA_START", "GRAMMARS", "detect_form", "read_worksheet", "routing_window"]

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


GRAMMARS: dict[FormVariant, str] = {
    FormVariant.COMPUTER_PRINTED: "worksheet.lark",
    FormVariant.FORM_5_81: "form_5_81.lark",
    FormVariant.RECORDS_MANAGEMENT: "records_management.lark",
}
"""The grammar file that checks each form variant's printed order."""

_EVIDENCE_WEIGHTS = {
    "FORM_MARK": 3,
    "RM_TITLE": 3,
    "CLASSIFICATION": 2,
    "RECEIVED_YMD": 2,
    "DATE_RECEIVED": 2,
    "DOCUMENT": 2,
}
"""How much one piece of evidence counts; pieces not listed count 1."""

_CODE_KINDS = frozenset({"PRIME", "SECONDARY", "SUBJECT_CODES", "ID"})
_FREE_TEXT = frozenset({"SUBJECT", "COMMENTS", "ADDITIONAL", "DOCUMENT"})
_TABLE = frozenset({"ROUTE_TO", "TABLE_HEAD", "REFERRAL"})
_WRAPPED_WORDS = frozenset({"DIRECTION", "TABLE_HEAD"})
"""Pieces of form words that may be a free-text value's wrapped line (see ``continues_text``)."""
_SLOT_MARKS = frozenset({"(A)", "(B)", "(C)", "(8)", "(4)"})


class _Assembler:
    def __init__(
        self, pieces: Sequence[Piece], diags: Collector, prefix: str, form: FormVariant
    ) -> None:
        self.pieces = pieces
        self.diags = diags
        # Where this worksheet's diagnostics start in diags.items.
        self.first_diagnostic = len(diags.items)
        self.prefix = prefix
        self.form = form
        self.values: dict[str, object] = {}
        self.spans: dict[str, Span] = {}
        self.unread = UnreadText(diags)
        self.seen: set[str] = set()
        self.subject_codes: list[str] = []
        self.prime_codes: list[str] = []
        # Spans are asked for thousands of times per batch: bind the mapping once.
        self.span: Callable[[int, int], Span] = diags.norm.span
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
            text = diags.norm.text
            sample = "".join(text[p.start : p.end] for p in pieces if p.kind == "TEXT")
            s_alpha, s_upper = _letter_counts(sample)
            upper = s_upper * 2 > s_alpha if s_alpha else True  # no letters at all: capitals
        # Only the computer-printed form prints its values in capitals; the
        # 5/81 and records management forms were filled in on a typewriter.
        self.printed_upper = upper and form is FormVariant.COMPUTER_PRINTED
        # An engine that wrote everything in lower case: codes are read upper-cased.
        self.lower_engine = bool(alpha) and not upper_count
        self.checkboxes = CheckBoxes(diags, prefix, form, self.keep_unread)
        self.table = RoutingReader(
            diags,
            prefix,
            form,
            self.printed_upper,
            self.keep_unread,
            self.routing_dates,
        )

    # -- helpers ----------------------------------------------------------

    def routing_dates(self) -> tuple[dt.date, dt.date]:
        """The dates a routing date may fall between, given ``DATE RECEIVED`` as read."""
        received = self.values.get("date_received")
        if isinstance(received, dt.date):
            return routing_window(received)
        return ERA_START, ERA_END

    def keep_unread(
        self, start: int, end: int, text: str, *, code: str, why: str, field: str | None = None
    ) -> None:
        if not text.strip():
            return
        self.unread.keep(text, start, end, code, why, self._field(field))

    def _field(self, name: str | None) -> str | None:
        return None if name is None else f"{self.prefix}{name}"

    def repaired(
        self, original: str, value: str, start: int, end: int, field: str, *, what: str = ""
    ) -> None:
        """Report that ``original`` (at ``[start, end)``) was read as ``value`` after repair."""
        self.diags.add(
            "value-repaired",
            f"read {what}{original!r} as {value!r}",
            start,
            end,
            field=self._field(field),
            original=original,
            repaired=value,
        )

    def label_repair(self, piece: Piece) -> None:
        if piece.repaired_label is not None:
            self.diags.add(
                "label-repaired",
                f"read damaged label {piece.label!r} as {piece.repaired_label!r}",
                piece.start,
                piece.start + len(piece.label or ""),
                field=self._field(_LABEL_FIELDS.get(piece.kind)),
                original=piece.label,
                repaired=piece.repaired_label,
            )

    def first(self, name: str, piece: Piece) -> bool:
        if name in self.seen:
            self.keep_unread(
                piece.start,
                piece.end,
                self.diags.norm.text[piece.start : piece.end],
                code="duplicate-field",
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
        return report_date(
            self.diags, text, start, order, self._field(field), earliest=earliest, latest=latest
        )

    # -- fields -----------------------------------------------------------

    def run(self) -> None:
        current: Piece | None = None
        previous: Piece | None = None
        handlers = _HANDLERS
        pieces = self.pieces
        for i, piece in enumerate(pieces):
            if piece.repaired_label is not None:
                self.label_repair(piece)
            kind = piece.kind
            if kind == "TEXT" or (
                kind in _WRAPPED_WORDS and self.continues_text(current, previous, piece)
            ):
                if self.cut_off_last_line(
                    current, piece, pieces[i + 1] if i + 1 < len(pieces) else None
                ):
                    continue
                self.text(current, piece)
                previous = piece
                continue
            current = previous = piece
            if kind in _PRINTED_ONLY:
                continue
            handler = handlers.get(kind)
            if handler is None:
                handler = _handler(kind)
            handler(self, piece)

    def cut_off_last_line(self, current: Piece | None, piece: Piece, nxt: Piece | None) -> bool:
        """Keep apart, as unread, a free-text value's last line that is a cut-off phrase.

        ``(STATE OF THE PROPERTY OF`` under a subject, with no line of it after:
        words OCR made up from a stamp or margin, not the subject's end (see
        :func:`_fields.cut_off_phrase`).
        """
        if (
            current is None
            or current.kind not in _FREE_TEXT
            or piece.kind != "TEXT"
            or not _fields.cut_off_phrase(piece.value)
            or (nxt is not None and nxt.kind == "TEXT" and nxt.line == piece.line + 1)
        ):
            return False
        self.keep_unread(
            piece.value_start,
            piece.value_start + len(piece.value),
            piece.value,
            code="junk-dropped",
            why=f"{piece.value!r} is a phrase cut off, not the end of the value above it",
            field=_KEYS[current.kind],
        )
        return True

    def continues_text(self, current: Piece | None, previous: Piece | None, piece: Piece) -> bool:
        """Whether a line of form words is a free-text value's wrapped line.

        The form prints the direction once, above DATE RECEIVED; a second
        direction word right under a SUBJECT or COMMENTS value is that value's
        continuation (``... CHINESE PREMIER LI`` / ``INTERNAL``).  A line of
        routing-table words (``ACTION COMPLETED``) right under such a value,
        indented to start in the value's own column, is one too: the table's
        printed heads never start there.
        """
        if not (
            current is not None
            and current.kind in _FREE_TEXT
            and previous is not None
            and piece.line == previous.line + 1
        ):
            return False
        if piece.kind == "DIRECTION":
            return "direction" in self.seen
        text = self.diags.norm.text
        column = piece.value_start - text.rfind("\n", 0, piece.value_start)
        return column > 1 and column == current.value_start - text.rfind(
            "\n", 0, current.value_start
        )

    def text(self, current: Piece | None, piece: Piece) -> None:
        kind = current.kind if current is not None else None
        if kind in _FREE_TEXT and current is not None:
            name = _KEYS[kind]
            if self.seen_value(name, current):
                self.extend_text(name, piece)
                return
        if kind in _TABLE:
            self.table.line(piece)
            return
        if kind in _CODE_KINDS and current is not None:
            codes = [_read_subject_code(self.code_case(w)) for w in piece.value.split()]
            target = self.prime_codes if kind == "PRIME" else self.subject_codes
            if codes and all(codes):
                target.extend(c for c in codes if c)
                if "subject_codes" not in self.spans:
                    self.spans["subject_codes"] = self.span(piece.value_start, piece.end)
                return
            line = _fields.read_code_line(piece.value, piece.value_start, self.lower_engine)
            if line is not None:
                # A code list wrapped onto its own line, among stray marks.
                for w, code in line[0]:
                    self.add_code(w, code, piece, target)
                for w in line[1]:
                    self.keep_unread(
                        w.start,
                        w.end,
                        w.text,
                        code="junk-dropped",
                        why=f"{w.text!r} is not a subject code",
                        field="subject_codes",
                    )
                return
        if kind in {"LEGEND", "FOOTER"}:
            return  # legend and footer lines broken by OCR: still printed form text
        if kind == "REPLY_HEAD" and _reply_form_text(piece.value):
            return  # the PRESIDENTIAL REPLY section's printed column heads and blank slots
        self.keep_unread(
            piece.start,
            piece.end,
            piece.value,
            code="unplaced-text",
            why="text that belongs to no field of the worksheet",
        )

    def code_case(self, word: str) -> str:
        return word.upper() if self.lower_engine else word

    def seen_value(self, name: str, current: Piece) -> bool:
        return self.spans.get(name) is not None and self.values.get("_owner_" + name) is current

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
                code="unplaced-text",
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
                    code="junk-dropped",
                    why=f"{part!r} beside the value is not part of it",
                    field=field,
                )
        return text[lo:hi], start + lo

    def extend_text(self, name: str, piece: Piece) -> None:
        old = self.values.get(name)
        raw, _ = self.trimmed(piece.value, piece.value_start, name)
        value = " ".join(raw.split())
        if not value:
            return
        self.values[name] = f"{old} {value}" if old else value
        old_span = self.spans[name]
        self.spans[name] = Span(
            old_span.start, self.span(piece.start, piece.end).end, old_span.line, old_span.column
        )

    def set_text(self, name: str, piece: Piece) -> None:
        if not self.first(name, piece):
            return
        raw, at = self.trimmed(piece.value, piece.value_start, name)
        value = " ".join(raw.split())
        self.values["_owner_" + name] = piece
        self.values[name] = value or None
        self.spans[name] = (
            self.span(at, at + len(raw)) if raw else self.span(piece.value_start, piece.end)
        )

    def f_id(self, piece: Piece) -> None:
        if not self.first("id_number", piece):
            return
        ws = _fields.words(piece.value, piece.value_start)
        if not ws:
            self.diags.add(
                "value-unreadable",
                "the ID# line has no number",
                piece.start,
                piece.end,
                field=self._field("id_number"),
            )
            return
        number = _fields.read_id_number(ws[0].text)
        if number is None:
            self.keep_unread(
                ws[0].start,
                ws[0].end,
                ws[0].text,
                code="value-unreadable",
                why=f"cannot read {ws[0].text!r} as an ID number",
                field="id_number",
            )
        else:
            if number != ws[0].text:
                self.repaired(ws[0].text, number, ws[0].start, ws[0].end, "id_number")
            self.values["id_number"] = number
            self.spans["id_number"] = self.span(ws[0].start, ws[0].end)
        self.read_codes(ws[1:], piece, self.subject_codes)

    def read_codes(self, ws: Sequence[_fields.Word], piece: Piece, target: list[str]) -> None:
        """Read WHORM subject codes into ``target``; anything else is junk."""
        # A line the engine wrote in lower case (``id# 303373 sp``) has its codes upper-cased.
        lower_line = self.lower_engine or piece.value.islower()
        for w in ws:
            code = _read_code_word(w.text, lower_line)
            if code is None:
                self.keep_unread(
                    w.start,
                    w.end,
                    w.text,
                    code="junk-dropped",
                    why=f"{w.text!r} is not a subject code",
                    field="subject_codes",
                )
                continue
            self.add_code(w, code, piece, target)

    def add_code(self, w: _fields.Word, code: str, piece: Piece, target: list[str]) -> None:
        """Add one subject code read from ``w``, reporting any repair."""
        if code != self.code_case(w.text):
            self.repaired(w.text, code, w.start, w.end, "subject_codes")
        target.append(code)
        if "subject_codes" not in self.spans:
            self.spans["subject_codes"] = self.span(w.start, piece.end)

    def f_prime(self, piece: Piece) -> None:
        if self.first("prime_subject_code", piece):
            self.read_codes(_fields.words(piece.value, piece.value_start), piece, self.prime_codes)

    def f_secondary(self, piece: Piece) -> None:
        if self.first("secondary_subject_codes", piece):
            ws = _fields.words(piece.value, piece.value_start)
            self.read_codes(ws, piece, self.subject_codes)

    def f_subject_codes(self, piece: Piece) -> None:
        if self.first("subject_codes_label", piece):
            ws = _fields.words(piece.value, piece.value_start)
            self.read_codes(ws, piece, self.subject_codes)

    def f_document(self, piece: Piece) -> None:
        self.set_text("subject", piece)

    def f_checkbox(self, piece: Piece) -> None:
        self.checkboxes.box(piece)

    def f_received_ymd(self, piece: Piece) -> None:
        self.received(piece, DateOrder.YY_MM_DD, "Date Correspondence Received")

    def f_direction(self, piece: Piece) -> None:
        if not self.first("direction", piece):
            return
        letters, best = _read_direction(piece.value)
        self.values["direction"] = Direction(best)
        self.spans["direction"] = self.span(piece.value_start, piece.end)
        if letters != best:
            self.repaired(piece.value, best, piece.value_start, piece.end, "direction")

    def f_date_received(self, piece: Piece) -> None:
        self.received(piece, DateOrder.MONTH_NAME, "DATE RECEIVED")

    def received(self, piece: Piece, order: DateOrder, label: str) -> None:
        if not piece.value and "date_received" not in self.seen:
            # The label's value may come with a later part of it (the 5/81
            # form's date label is often split across the check-box lines).
            self.diags.add(
                "value-unreadable",
                f"{label} has no value",
                piece.start,
                piece.end,
                field=self._field("date_received"),
            )
            return
        if not self.first("date_received", piece):
            return
        value = self.date(
            piece.value,
            piece.value_start,
            order,
            "date_received",
            ERA_START,
            ERA_END,
        )
        self.values["date_received"] = value
        self.spans["date_received"] = self.span(piece.value_start, piece.end)

    def f_correspondent(self, piece: Piece) -> None:
        if not self.first("correspondent", piece):
            return
        raw = piece.value
        tab = raw.find("\t")
        if tab != -1:
            # A column break ends the name: what follows is another column's text.
            rest = raw[tab:].strip()
            rest_start = piece.value_start + raw.index(rest, tab) if rest else 0
            raw = raw[:tab].rstrip()
            if rest:
                self.keep_unread(
                    rest_start,
                    rest_start + len(rest),
                    rest,
                    code="unplaced-text",
                    why="text after a column break in NAME OF CORRESPONDENT belongs to no field",
                )
        raw, value_start = self.trimmed(raw, piece.value_start, "correspondent", name=True)
        text = " ".join(raw.split())
        if not text:
            self.diags.add(
                "value-unreadable",
                "NAME OF CORRESPONDENT has no value",
                piece.start,
                piece.end,
                field=self._field("correspondent"),
            )
            return
        title, name, repaired = _fields.split_title_ocr(text)
        if repaired is not None:
            found = " ".join(text.split()[: len(repaired.split())])
            self.repaired(
                found,
                repaired,
                value_start,
                value_start + len(found),
                "correspondent.title",
                what="title ",
            )
        fixed = _fields.repair_name(name) if name else name
        if fixed != name:
            self.repaired(
                name, fixed, value_start, value_start + len(raw), "correspondent.name", what="name "
            )
            name = fixed
        self.values["correspondent"] = Correspondent(title, name or None, raw)
        self.spans["correspondent"] = self.span(value_start, value_start + len(raw))

    def f_subject(self, piece: Piece) -> None:
        self.set_text("subject", piece)

    def f_comments(self, piece: Piece) -> None:
        self.set_text("comments", piece)

    def f_additional(self, piece: Piece) -> None:
        self.set_text("additional_correspondents", piece)

    def f_media(self, piece: Piece) -> None:
        if not self.first("media", piece):
            return
        ws = _fields.words(piece.value, piece.value_start)
        if not ws:
            return
        head = ws[0]
        media = self.code_case(head.text)
        if (piece.label or "").islower():
            media = media.upper()  # ``media:l`` on a line the engine wrote in lower case
        if media.isalpha() and len(media) <= 3 and media.isupper():
            self.values["media"] = media
            self.spans["media"] = self.span(head.start, head.end)
            rest = ws[1:]
        elif _doubled_letter(media):
            # ``Pp``: a typed letter OCR read twice, once in a small letter
            self.values["media"] = media[0].upper()
            self.spans["media"] = self.span(head.start, head.end)
            self.repaired(head.text, media[0].upper(), head.start, head.end, "media")
            rest = ws[1:]
        else:
            rest = ws
        for w in rest:
            self.keep_unread(
                w.start,
                w.end,
                w.text,
                code="junk-dropped",
                why=f"{w.text!r} is not a media code",
                field="media",
            )

    def f_individual(self, piece: Piece) -> None:
        if not self.first("individual_codes", piece):
            return
        codes: list[str] = []
        for w in _fields.words(piece.value, piece.value_start):
            code = _read_individual_code(w.text)
            if code is None:
                self.keep_unread(
                    w.start,
                    w.end,
                    w.text,
                    code="junk-dropped",
                    why=f"{w.text!r} is not an individual code",
                    field="individual_codes",
                )
                continue
            if code != w.text:
                self.repaired(w.text, code, w.start, w.end, "individual_codes")
            codes.append(code)
        self.values["individual_codes"] = tuple(codes)
        if piece.value:
            self.spans["individual_codes"] = self.span(piece.value_start, piece.end)

    def f_mail(self, piece: Piece) -> None:
        if not self.first("mail_user_codes", piece):
            return
        value = piece.value.replace(")(", ") (")
        codes = tuple(w for w in value.split() if w.upper() not in _SLOT_MARKS and not blank(w))
        self.values["mail_user_codes"] = codes
        if codes:
            self.spans["mail_user_codes"] = self.span(piece.value_start, piece.end)

    # -- routing table ----------------------------------------------------

    def f_route_to(self, piece: Piece) -> None:
        self.seen.add("routing")

    def f_table_head(self, piece: Piece) -> None:
        self.seen.add("routing")

    def f_referral(self, piece: Piece) -> None:
        self.seen.add("routing")
        self.table.referral(piece)

    def direction_from_boxes(self) -> None:
        """Direction: the ticked ``O``/``H``/``I`` box.  A ticked ``X - MEDIA`` box: media ``X``."""
        media = self.checkboxes.media()
        if media is not None and "media" not in self.values:
            self.values["media"] = "X"
            self.spans["media"] = self.span(media.start, media.end)
        if "direction" in self.seen:
            return
        found = self.checkboxes.direction(self.pieces[0].start if self.pieces else None)
        if found is not None:
            self.values["direction"], self.spans["direction"] = found


def _handler(kind: str) -> Callable[[_Assembler, Piece], None]:
    """The ``f_<kind>`` method that reads a labelled piece of ``kind``."""
    handler: Callable[[_Assembler, Piece], None] = getattr(_Assembler, "f_" + kind.lower())
    return handler


_PRINTED_ONLY = frozenset(
    {
        "RM_TITLE",
        "MAIL_REPORT",
        "FORM_MARK",
        "CLASSIFICATION",
        "REPLY_HEAD",
        "HOUSE",
        "TITLE",
        "LEGEND",
        "FOOTER",
    }
)
"""Kinds of printed form text that hold no value: nothing reads them."""

_HANDLERS: dict[str, Callable[[_Assembler, Piece], None]] = {
    name[2:].upper(): getattr(_Assembler, name) for name in dir(_Assembler) if name.startswith("f_")
}
"""Each piece kind's reader, looked up once rather than per piece."""


def _letter_counts(text: str) -> tuple[int, int]:
    """How many letters ``text`` has, and how many of them are capitals."""
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(c.isupper() for c in letters)


_label_letter_counts = _fields.short_text_cache("worksheet.letter_counts", 1024)(_letter_counts)
""":func:`_letter_counts` of a label: labels are few and repeat on every worksheet."""


_TRIMMED = frozenset({"subject", "comments", "correspondent"})
"""Values whose edges may hold OCR debris (see :func:`_fields.value_extent`)."""

_KEYS = {
    "SUBJECT": "subject",
    "DOCUMENT": "subject",
    "COMMENTS": "comments",
    "ADDITIONAL": "additional_correspondents",
}
_LABEL_FIELDS = {
    **_KEYS,
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


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


@_fields.short_text_cache("worksheet.directions", 1024)
def _read_direction(value: str) -> tuple[str, str]:
    """A printed direction's letters (OCR look-alikes folded) and the nearest direction word."""
    letters = "".join(c for c in value.upper().translate(_vocab.OCR_FOLD) if c.isalpha())
    return letters, min(_vocab.DIRECTIONS, key=lambda d: _distance(letters, d))


# The readers below are pure functions of one short word, and worksheets
# repeat the same few codes: small bounded caches keep them from being read
# again and again.
_WORD_CACHE = 4096
_read_subject_code = _fields.short_text_cache("worksheet.subject_codes", _WORD_CACHE)(
    _fields.read_subject_code
)
_read_code_word = _fields.short_text_cache2("worksheet.code_words", _WORD_CACHE)(
    _fields.read_code_word
)


@_fields.short_text_cache("worksheet.individual_codes", _WORD_CACHE)
def _read_individual_code(text: str) -> str | None:
    return _fields.read_digits(text, 3, 6)


def read_worksheet(
    lines: Iterable[tuple[str, int]],
    diags: Collector,
    *,
    prefix: str = "",
    span: Span | None = None,
) -> Worksheet:
    """Read one worksheet block, of whichever form variant it is.

    ``lines`` are the block's lines with their offsets in the normalised
    text; diagnostics go to ``diags`` with field paths starting ``prefix``.
    """
    pieces = attach_values(join_split_date(lexed(lines)))
    form, doubt = detect_form(pieces)
    if doubt is not None:
        severity, why = doubt
        start = pieces[0].start if pieces else None
        diags.add(
            "form-uncertain",
            why,
            start,
            pieces[-1].end if pieces else None,
            field=f"{prefix}form",
            repaired=form.value,
            severity=severity,
        )
    order, in_order = parse_pieces(GRAMMARS[form], pieces)
    ordered = [pieces[i] for i in order]
    if not in_order and pieces:
        diags.add(
            "layout-reordered",
            "the worksheet's fields are not in printed order",
            pieces[0].start,
            pieces[-1].end,
        )
    asm = _Assembler(ordered, diags, prefix, form)
    asm.run()
    asm.direction_from_boxes()
    v = asm.values
    for name, label in _REQUIRED[form]:
        if name not in asm.seen:
            where = pieces[0].start if pieces else None
            diags.add(
                "field-missing",
                f"no {label} found in the worksheet",
                where,
                where,
                field=f"{prefix}{name}",
            )
    codes = tuple(dict.fromkeys(asm.prime_codes + asm.subject_codes))
    return Worksheet(
        id_number=_opt_str(v.get("id_number")),
        subject_codes=codes,
        direction=v.get("direction"),  # type: ignore[arg-type]
        date_received=v.get("date_received"),  # type: ignore[arg-type]
        correspondent=v.get("correspondent"),  # type: ignore[arg-type]
        subject=_opt_str(v.get("subject")),
        routing=asm.table.entries(),
        comments=_opt_str(v.get("comments")),
        additional_correspondents=_opt_str(v.get("additional_correspondents")),
        media=_opt_str(v.get("media")),
        individual_codes=v.get("individual_codes", ()),  # type: ignore[arg-type]
        mail_user_codes=v.get("mail_user_codes", ()),  # type: ignore[arg-type]
        form=form,
        span=span,
        field_spans=asm.spans,
        unread=asm.unread.done(),
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_REQUIRED: dict[FormVariant, tuple[tuple[str, str], ...]] = {
    FormVariant.COMPUTER_PRINTED: (
        ("id_number", "ID#"),
        ("date_received", "DATE RECEIVED"),
        ("correspondent", "NAME OF CORRESPONDENT"),
        ("subject", "SUBJECT"),
    ),
    FormVariant.FORM_5_81: (
        ("id_number", "ID #"),
        ("date_received", "Date Correspondence Received"),
        ("correspondent", "Name of Correspondent"),
        ("subject", "Subject"),
    ),
    FormVariant.RECORDS_MANAGEMENT: (
        ("id_number", "ID #"),
        ("subject", "Name of Document"),
    ),
}
"""Fields each variant always prints, reported as ``field-missing`` when not found."""

_ACTION_CODES = {code.value: code for code in ActionCode}
_DISPOSITION_CODES = {code.value: code for code in DispositionCode}

_REPLY_WORDS = frozenset({"CODE", "DATE", "COMMENT", "FORM"})


def _doubled_letter(word: str) -> bool:
    """``Pp``, ``lL``: one letter twice, once a capital, once a small letter."""
    return (
        len(word) == 2
        and word.isalpha()
        and word[0].upper() == word[1].upper()
        and word[0].isupper() != word[1].isupper()
    )


def _reply_form_text(text: str) -> bool:
    """Whether a line under PRESIDENTIAL REPLY is only its printed column heads or blanks."""
    return all(w.upper() in _REPLY_WORDS or blank(w) for w in text.split())


def detect_form(pieces: Sequence[Piece]) -> tuple[FormVariant, tuple[Severity, str] | None]:
    """Choose the form variant the pieces' evidence points to.

    Returns the variant and, when the choice was uncertain, a severity and
    why: no evidence at all (``info``: the computer-printed form, whose
    values read the same way, is assumed), or evidence for more than one
    variant with the winner scoring less than twice the runner-up
    (``warning``).
    """
    counts: dict[FormVariant, int] = {}
    weights = _EVIDENCE_WEIGHTS
    for piece in pieces:
        evidence = piece.evidence
        if evidence is not None:
            weight = weights.get(piece.kind, 1)
            if isinstance(piece, Repeats):
                weight *= piece.count
            counts[evidence] = counts.get(evidence, 0) + weight
    scores = dict.fromkeys(FormVariant, 0)
    for variant, count in counts.items():
        scores[variant] += count
    ranked = sorted(FormVariant, key=lambda f: -scores[f])  # stable: enum order breaks ties
    best, second = ranked[0], ranked[1]
    if scores[best] == 0:
        return FormVariant.COMPUTER_PRINTED, (
            Severity.INFO,
            "nothing shows which form this is; read as the computer-printed worksheet",
        )
    if scores[second] and scores[best] < 2 * scores[second]:
        return best, (
            Severity.WARNING,
            f"evidence for the {best.value} form ({scores[best]}) and for the "
            f"{second.value} form ({scores[second]}); read as {best.value}",
        )
    return best, None
