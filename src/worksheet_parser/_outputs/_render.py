"""Render records back into the text a clean scan of the printed page gives.

Strategy: the inverse of the parser, one printed layout at a time.  Every
record type has a writer that lays it out line by line, in print order,
through a small builder that also notes what each stretch of the text is (a
printed label, a field's value, printed form text, a column gap) and which
field it belongs to, as a path such as ``worksheets[0].routing[1].action_date``
(the paths :class:`~worksheet_parser.Diagnostic` uses).  :func:`render`
returns the text; :func:`layout` returns the text with that map, which the
OCR noise model (:mod:`worksheet_parser.noise`) uses to know which field each
damage touches.

A :class:`Worksheet` is printed on the form of its ``form`` attribute (or the
``form`` asked for): the computer-printed worksheet with ``DATE RECEIVED`` as
a month name, the routing table, the asterisk legend and the footer; the 5/81
printed form with its check boxes, ``YY/MM/DD`` date received, tab-separated
routing table and classification section; or the records management
worksheet.  Stamps, letters and archive headers are printed as the sample
release shows them, and a :class:`Document` prints its blocks packet by
packet, separated by three blank lines (so stamps never run together).
Empty fields print as the empty form shows them.  The output is
deterministic, so the property tests can check that
``parse(render(x)) == x``, and users can turn corrected records back into
clean, re-parseable text.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable, Iterable, Sequence

import attrs

from worksheet_parser import _vocab
from worksheet_parser._models import (
    ActionCode,
    ArchiveHeader,
    Direction,
    Document,
    FormVariant,
    Letter,
    ReleaseStamp,
    ReviewStamp,
    RoutingEntry,
    Worksheet,
)

__all__ = ["WIDTH", "Cell", "Layout", "PrintedTable", "Stretch", "layout", "render"]

WIDTH = 70
"""Column at which free text (``SUBJECT``, ``COMMENTS``, letter paragraphs) wraps."""

BLOCK_SEPARATOR = "\n\n\n\n"
"""Between two blocks of a document: three blank lines, more than a stamp may span."""

_MONTHS = _vocab.MONTH_NAMES
_OFFICE_WIDTH = 38
_NOTE_INDENT = " " * 18
_BLANK_CODE = "__"
_BLANK_DATE = "__/__/__"
_SLOTS = ("(A)", "(B)", "(C)")

_TABLE_HEAD = (
    " " * _OFFICE_WIDTH + "ACTION          DISPOSITION",
    "ROUTE TO: OFFICE/AGENCY (STAFF NAME)  "
    "ACT DATE CODE YY/MM/DD  TYPE RESP C COMPLETED D YY/MM/DD",
)

LEGEND = (
    "*" * 69,
    "*ACTION CODES:          *DISPOSITION:            *OUTGOING             *",
    "*A-APPROPRIATE ACTION   *A-ANSWERED              *CORRESPONDENCE:      *",
    "*C-COMMENT/RECOM        *B-NON-SPEC-REFERRAL     *TYPE RESP=INITIALS   *",
    "*D-DRAFT RESPONSE       *C-COMPLETED             *   OF SIGNER         *",
    "*F-FURNISH FACT SHEET   *S-SUSPENDED             *   CODE = A          *",
    "*I-INFO COPY/NO ACT NEC *                        *COMPLETED = DATE OF  *",
    "*R-DIRECT REPLY W/COPY  *                        *   OUTGOING          *",
    "*S-FOR-SIGNATURE        *                        *                     *",
    "*X-INTERIM REPLY        *                        *                     *",
    "*" * 69,
)
"""The computer-printed worksheet's legend box."""

_FOOTER = (
    "REFER QUESTIONS AND ROUTING UPDATES TO CENTRAL REFERENCE (ROOM 75,OEOB) EXT-2590",
    "KEEP THIS WORKSHEET ATTACHED TO THE ORIGINAL INCOMING LETTER AT ALL TIMES "
    "AND SEND COMPLETED RECORD TO RECORDS MANAGEMENT.",
)

# The 5/81 printed form and the records management worksheet.
_BOXES_5_81 = (
    (Direction.OUTGOING, "O - OUTGOING"),
    (Direction.INTERNAL, "H - INTERNAL"),
    (Direction.INCOMING, "I - INCOMING"),
)
_TICKED = "X"
_EMPTY_BOXES = ("0", "D", "0")
_HEAD_5_81 = (
    "ROUTE TO:\tACTION\tDISPOSITION",
    "Office/Agency (Staff Name)\tAction Code\tTracking Date YY/MM/DD\tType of Response\tCode\t"
    "Completion Date YY/MM/DD",
)
LEGEND_5_81 = (
    "ACTION CODES:",
    "A - Appropriate Action\tI - Info Copy Only/No Action Necessary",
    "C - Comment/Recommendation\tR - Direct Reply w/Copy",
    "D - Draft Response\tS - For Signature",
    "F - Furnish Fact Sheet to be used as Enclosure\tX - Interim Reply",
    "DISPOSITION CODES:",
    "A - Answered\tC - Completed",
    "B - Non-Special Referral\tS - Suspended",
)
"""The 5/81 form's code legend."""
_FOOTER_5_81 = (
    "Keep this worksheet attached to the original incoming letter.",
    "Send all routing updates to Central Reference (Room 75, OEOB).",
    "Always return completed correspondence record to Central Files.",
    "Refer questions about the correspondence tracking system to Central Reference, ext. 2590.",
    "5/81",
)

# What each form prints, beyond what every form prints.
_NOT_ON_FORM: dict[FormVariant, tuple[str, ...]] = {
    FormVariant.COMPUTER_PRINTED: (),
    FormVariant.FORM_5_81: (),
    FormVariant.RECORDS_MANAGEMENT: (
        "direction",
        "date_received",
        "correspondent",
        "additional_correspondents",
        "individual_codes",
        "mail_user_codes",
    ),
}


@attrs.frozen
class Stretch:
    """A stretch of rendered text and what it is."""

    start: int
    """Offset of its first character in the rendered text."""
    end: int
    """Offset just past its last character."""
    role: str
    """``label`` (a printed label), ``value`` (a field's value), ``printed`` (other
    printed text: titles, legends, footers, table headers, blank slots), ``mark``
    (a check box mark) or ``gap`` (blanks between columns)."""
    field: str | None = None
    """For values and labels, the path of the field (``worksheets[0].date_received``)."""
    expects: str | None = None
    """For values, what the field holds: ``digits``, ``date``, ``code``, ``honorific``,
    ``name``, ``place`` or ``text``."""


@attrs.frozen
class Cell:
    """One cell of a routing table as printed: a value, or the form's blank slot."""

    column: str
    """``office``, ``action_code``, ``action_date``, ``response_type``,
    ``disposition_code``, ``disposition_date`` or ``referral_note`` (the whole
    ``REFERRAL NOTE:`` line, label and note)."""
    start: int
    """Offset of its first character in the rendered text."""
    end: int
    """Offset just past its last character."""
    field: str | None = None
    """The path of the field it holds (``worksheets[0].routing[1].action_date``), ``None``
    for a blank slot (``__/__/__``) or an empty referral note."""


@attrs.frozen
class PrintedTable:
    """Where a worksheet's routing table was printed, cell by cell."""

    path: str
    """The routing table's path (``worksheets[0].routing``)."""
    start: int
    """Offset of its first heading line."""
    end: int
    """Offset just past the line end of its last row's referral note."""
    head: tuple[tuple[int, int], ...]
    """``(start, end)`` of each heading line, without its line end."""
    rows: tuple[tuple[Cell, ...], ...]
    """The cells of each row, in print order; a column with nothing printed in a row
    (an empty response type) has no cell there."""


@attrs.frozen
class Layout:
    """Rendered text with a map of what each stretch of it is."""

    text: str
    """The rendered text."""
    pieces: tuple[Stretch, ...]
    """Labels, values, printed text, marks and gaps, in text order."""
    blocks: tuple[tuple[str, int, int], ...]
    """``(path, start, end)`` of each block (``review_stamps[1]``), in text order."""
    tables: tuple[PrintedTable, ...] = ()
    """The routing tables, in text order."""

    def fields(self, start: int, end: int) -> tuple[str, ...]:
        """Paths of the fields whose label or value overlaps ``start..end`` (or touches an
        empty stretch at ``start``)."""
        out: dict[str, None] = {}
        for p in self.pieces:
            if p.field is None:
                continue
            if (p.start < end and p.end > start) or (start == end and p.start <= start < p.end):
                out[p.field] = None
        return tuple(out)


class _Builder:
    """Text under construction, with its pieces."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pos = 0
        self.pieces: list[Stretch] = []
        self.blocks: list[tuple[str, int, int]] = []
        self.tables: list[PrintedTable] = []
        self.cells: list[Cell] = []

    def put(
        self,
        text: str,
        role: str | None = None,
        field: str | None = None,
        expects: str | None = None,
    ) -> None:
        if not text:
            return
        if role is not None:
            self.pieces.append(Stretch(self.pos, self.pos + len(text), role, field, expects))
        self.chunks.append(text)
        self.pos += len(text)

    def label(self, text: str, field: str | None) -> None:
        self.put(text, "label", field)

    def value(self, text: str | None, field: str, expects: str) -> None:
        if text:
            self.put(text, "value", field, expects)

    def printed(self, text: str) -> None:
        self.put(text, "printed")

    def gap(self, text: str) -> None:
        self.put(text, "gap")

    def nl(self) -> None:
        self.put("\n")

    def lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.printed(line)
            self.nl()

    def cell(self, column: str, start: int, field: str | None) -> None:
        """Note the text from ``start`` to here as a cell of the current table row."""
        if self.pos > start:
            self.cells.append(Cell(column, start, self.pos, field))

    def words(self, value: str, field: str, expects: str) -> None:
        """A value of several words: one piece per word, so column gaps stay gaps."""
        for i, word in enumerate(value.split(" ")):
            if i:
                self.put(" ")
            self.value(word, field, expects)

    def text(self) -> str:
        return "".join(self.chunks)


def _month_date(value: dt.date) -> str:
    """``JANUARY 30, 1992``: month name in capitals, day without padding."""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def _yy_mm_dd(value: dt.date) -> str:
    return f"{value.year % 100:02d}/{value.month:02d}/{value.day:02d}"


def _wrap(value: str, head: int, width: int = WIDTH) -> list[str]:
    """``value`` cut into lines of at most ``width`` columns, the first after ``head`` columns."""
    return textwrap.wrap(
        " ".join(value.split()),
        width=width,
        initial_indent=" " * head,
        subsequent_indent=" " * head,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _wrapped(b: _Builder, label: str, value: str | None, field: str, expects: str = "text") -> None:
    """``LABEL: value`` wrapped under the value's first column, then a line end."""
    b.label(f"{label}:", field)
    if value:
        b.put(" ")
        for i, line in enumerate(_wrap(value, len(label) + 2)):
            if i:
                b.nl()
                b.put(" " * (len(label) + 2))
            b.words(line[len(label) + 2 :], field, expects)
    b.nl()


def _labelled(b: _Builder, label: str, value: str | None, field: str, expects: str) -> None:
    b.label(f"{label}:", field)
    if value:
        b.put(" ")
        b.words(value, field, expects)


def _check_form(ws: Worksheet, form: FormVariant) -> None:
    printed = [name for name in _NOT_ON_FORM[form] if getattr(ws, name) not in (None, ())]
    if printed:
        raise ValueError(
            f"the {form.value} form has no place for "
            + ", ".join(printed)
            + "; clear them or render on another form"
        )


def _correspondent(b: _Builder, ws: Worksheet, p: str) -> None:
    c = ws.correspondent
    if c is None:
        return
    if c.title:
        b.value(c.title, f"{p}.correspondent.title", "honorific")
        if c.name:
            b.put(" ")
    if c.name:
        b.words(c.name, f"{p}.correspondent.name", "name")


# --------------------------------------------------------------------------
# The computer-printed worksheet


def _slot(b: _Builder, column: str, text: str | None, blank: str, p: str, expects: str) -> None:
    """A cell holding ``text`` (the field ``p.column``), or the form's ``blank`` slot."""
    at = b.pos
    if text:
        b.value(text, f"{p}.{column}", expects)
    else:
        b.printed(blank)
    b.cell(column, at, f"{p}.{column}" if text else None)


def _note(b: _Builder, label: str, entry: RoutingEntry, p: str) -> None:
    at = b.pos
    _labelled(b, label, entry.referral_note, f"{p}.referral_note", "text")
    b.cell("referral_note", at, f"{p}.referral_note" if entry.referral_note else None)
    b.nl()


def _cp_row(b: _Builder, entry: RoutingEntry, p: str) -> None:
    office = entry.office or ""
    at = b.pos
    b.words(office, f"{p}.office", "text")
    b.cell("office", at, f"{p}.office")
    b.gap(" " * max(2, _OFFICE_WIDTH - len(office)))
    col = b.pos
    code = entry.action_code
    _slot(b, "action_code", code and code.value, _BLANK_CODE, p, "code")
    b.gap(" " * (4 - len(code.value)) if code is not None else "  ")
    date = None if entry.action_date is None else _yy_mm_dd(entry.action_date)
    _slot(b, "action_date", date, _BLANK_DATE, p, "date")
    b.gap(" " * (14 - (b.pos - col)))
    col = b.pos
    at = b.pos
    b.value(entry.response_type, f"{p}.response_type", "code")
    b.cell("response_type", at, f"{p}.response_type")
    b.gap(" " * (8 - (b.pos - col)))
    dcode = entry.disposition_code
    _slot(b, "disposition_code", dcode and dcode.value, _BLANK_CODE, p, "code")
    b.put(" ")
    done = None if entry.disposition_date is None else _yy_mm_dd(entry.disposition_date)
    _slot(b, "disposition_date", done, _BLANK_DATE, p, "date")
    b.nl()
    b.put(_NOTE_INDENT)
    _note(b, "REFERRAL NOTE", entry, p)


def _computer_printed(b: _Builder, ws: Worksheet, p: str) -> None:
    b.label("ID#", f"{p}.id_number")
    if ws.id_number:
        b.put(" ")
        b.value(ws.id_number, f"{p}.id_number", "digits")
    for code in ws.subject_codes:
        b.put(" ")
        b.value(code, f"{p}.subject_codes", "code")
    b.nl()
    b.lines(["THE WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET"])
    if ws.direction is not None:
        b.value(ws.direction.value, f"{p}.direction", "code")
        b.nl()
    b.label("DATE RECEIVED:", f"{p}.date_received")
    if ws.date_received is not None:
        b.put(" ")
        b.value(_month_date(ws.date_received), f"{p}.date_received", "date")
    b.nl()
    b.label("NAME OF CORRESPONDENT:", f"{p}.correspondent")
    if ws.correspondent is not None and (ws.correspondent.title or ws.correspondent.name):
        b.put(" ")
        _correspondent(b, ws, p)
    b.nl()
    _wrapped(b, "SUBJECT", ws.subject, f"{p}.subject")
    _table(b, _TABLE_HEAD, ws, p, _cp_row)
    _wrapped(b, "COMMENTS", ws.comments, f"{p}.comments")
    _labelled(
        b,
        "ADDITIONAL CORRESPONDENTS",
        ws.additional_correspondents,
        f"{p}.additional_correspondents",
        "text",
    )
    b.gap("   ")
    b.label("MEDIA:", f"{p}.media")
    b.value(ws.media, f"{p}.media", "code")
    b.gap("   ")
    _labelled(
        b, "INDIVIDUAL CODES", " ".join(ws.individual_codes), f"{p}.individual_codes", "digits"
    )
    b.nl()
    b.label("MAIL USER CODES:", f"{p}.mail_user_codes")
    for i, slot in enumerate(_SLOTS):
        b.put(" ")
        b.printed(slot)
        if i < len(ws.mail_user_codes):
            b.put(" ")
            b.value(ws.mail_user_codes[i], f"{p}.mail_user_codes", "code")
    for code in ws.mail_user_codes[len(_SLOTS) :]:
        b.put(" ")
        b.value(code, f"{p}.mail_user_codes", "code")
    b.nl()
    b.lines(LEGEND)
    b.printed(_FOOTER[0])
    b.nl()
    b.printed(_FOOTER[1])


# --------------------------------------------------------------------------
# The 5/81 printed form and the records management worksheet


def _table(
    b: _Builder,
    head: Sequence[str],
    ws: Worksheet,
    p: str,
    row: Callable[[_Builder, RoutingEntry, str], None],
) -> None:
    """The heading lines, then a row per entry; noted as a printed table when it has rows."""
    start = b.pos
    spans = []
    for line in head:
        spans.append((b.pos, b.pos + len(line)))
        b.printed(line)
        b.nl()
    rows = []
    for k, entry in enumerate(ws.routing):
        b.cells = []
        row(b, entry, f"{p}.routing[{k}]")
        rows.append(tuple(b.cells))
    b.cells = []
    if rows:
        b.tables.append(PrintedTable(f"{p}.routing", start, b.pos, tuple(spans), tuple(rows)))


def _tab_row(b: _Builder, entry: RoutingEntry, p: str) -> None:
    """``CUFF<tab>ORIGINATOR<tab>85/03/12``, blank dates as ``__/__/__``."""
    at = b.pos
    b.words(entry.office or "", f"{p}.office", "text")
    b.cell("office", at, f"{p}.office")
    cells: list[tuple[str | None, str, str]] = []
    code = entry.action_code
    cells.append(
        ("ORIGINATOR" if code is ActionCode.ORG else code and code.value, "action_code", "code")
    )
    has_disposition = entry.disposition_code is not None or entry.disposition_date is not None
    action_date = entry.action_date and _yy_mm_dd(entry.action_date)
    cells.append((action_date or _BLANK_DATE, "action_date", "date"))
    if has_disposition or entry.response_type:
        cells.append((entry.response_type, "response_type", "code"))
        dcode = entry.disposition_code
        cells.append((dcode and dcode.value, "disposition_code", "code"))
        done = entry.disposition_date and _yy_mm_dd(entry.disposition_date)
        cells.append((done or _BLANK_DATE, "disposition_date", "date"))
    while cells and cells[-1][0] is None:
        cells.pop()
    for text, name, expects in cells:
        b.gap("\t")
        if text is None:
            continue
        at = b.pos
        if text in (_BLANK_DATE,):
            b.printed(text)
            b.cell(name, at, None)
        else:
            b.value(text, f"{p}.{name}", expects)
            b.cell(name, at, f"{p}.{name}")
    b.nl()
    _note(b, "Referral Note", entry, p)


def _typed_table(b: _Builder, ws: Worksheet, p: str) -> None:
    _table(b, _HEAD_5_81, ws, p, _tab_row)


def _id_5_81(b: _Builder, ws: Worksheet, p: str) -> None:
    b.label("ID #", f"{p}.id_number")
    if ws.id_number:
        b.put(" ")
        b.value(ws.id_number, f"{p}.id_number", "digits")
    b.nl()


def _form_5_81(b: _Builder, ws: Worksheet, p: str) -> None:
    _id_5_81(b, ws, p)
    b.lines(["WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET"])
    for i, (direction, text) in enumerate(_BOXES_5_81):
        if i:
            b.gap("\t")
        ticked = ws.direction is direction
        b.put(_TICKED if ticked else _EMPTY_BOXES[i], "mark", f"{p}.direction")
        b.put(" ")
        b.put(text, "value" if ticked else "printed", f"{p}.direction" if ticked else None, "code")
    b.nl()
    b.label("Date Correspondence Received (YY/MM/DD)", f"{p}.date_received")
    if ws.date_received is not None:
        b.put(" ")
        b.value(_yy_mm_dd(ws.date_received), f"{p}.date_received", "date")
    b.nl()
    b.label("Name of Correspondent:", f"{p}.correspondent")
    if ws.correspondent is not None and (ws.correspondent.title or ws.correspondent.name):
        b.put(" ")
        _correspondent(b, ws, p)
    b.nl()
    b.printed("MI Mail Report")
    b.gap("\t")
    b.label("User Codes:", f"{p}.mail_user_codes")
    for i, slot in enumerate(_SLOTS):
        b.put(" ")
        b.printed(slot)
        if i < len(ws.mail_user_codes):
            b.put(" ")
            b.value(ws.mail_user_codes[i], f"{p}.mail_user_codes", "code")
    for code in ws.mail_user_codes[len(_SLOTS) :]:
        b.put(" ")
        b.value(code, f"{p}.mail_user_codes", "code")
    b.nl()
    _wrapped(b, "Subject", ws.subject, f"{p}.subject")
    _typed_table(b, ws, p)
    b.lines(LEGEND_5_81)
    _wrapped(b, "Comments", ws.comments, f"{p}.comments")
    b.lines(_FOOTER_5_81)
    b.lines(["RECORDS MANAGEMENT ONLY", "CLASSIFICATION SECTION"])
    _labelled(
        b,
        "No. of Additional Correspondents",
        ws.additional_correspondents,
        f"{p}.additional_correspondents",
        "text",
    )
    b.gap("\t")
    _labelled(b, "Media", ws.media, f"{p}.media", "code")
    b.gap("\t")
    _labelled(
        b, "Individual Codes", " ".join(ws.individual_codes), f"{p}.individual_codes", "digits"
    )
    b.nl()
    prime, secondary = ws.subject_codes[:1], ws.subject_codes[1:]
    _labelled(b, "Prime Subject Code", " ".join(prime), f"{p}.subject_codes", "code")
    b.gap("\t")
    _labelled(b, "Secondary Codes", " ".join(secondary), f"{p}.subject_codes", "code")
    b.nl()
    b.printed("PRESIDENTIAL REPLY")


def _records_management(b: _Builder, ws: Worksheet, p: str) -> None:
    b.printed("OFFICE OF RECORDS MANAGEMENT WORKSHEET")
    b.nl()
    _id_5_81(b, ws, p)
    ticked = ws.media == "X"
    b.put(_TICKED if ticked else _EMPTY_BOXES[0], "mark", f"{p}.media")
    b.put(" ")
    b.put("X - MEDIA", "value" if ticked else "printed", f"{p}.media" if ticked else None, "code")
    b.nl()
    _wrapped(b, "Name of Document", ws.subject, f"{p}.subject")
    _typed_table(b, ws, p)
    _labelled(b, "Subject Codes", " ".join(ws.subject_codes), f"{p}.subject_codes", "code")
    b.nl()
    if ws.media is not None and not ticked:
        _labelled(b, "Media", ws.media, f"{p}.media", "code")
        b.nl()
    _wrapped(b, "Comments", ws.comments, f"{p}.comments")
    b.chunks[-1] = b.chunks[-1].removesuffix("\n")
    b.pos -= 1


_WORKSHEET_WRITERS = {
    FormVariant.COMPUTER_PRINTED: _computer_printed,
    FormVariant.FORM_5_81: _form_5_81,
    FormVariant.RECORDS_MANAGEMENT: _records_management,
}


def _worksheet(b: _Builder, ws: Worksheet, p: str, form: FormVariant | None) -> None:
    chosen = ws.form if form is None else FormVariant(form)
    _check_form(ws, chosen)
    _WORKSHEET_WRITERS[chosen](b, ws, p)


# --------------------------------------------------------------------------
# Stamps, headers, letters


def _mm_dd_yy(value: dt.date) -> str:
    return f"{value.month:02d}/{value.day:02d}/{value.year % 100:02d}"


def _review_stamp(b: _Builder, stamp: ReviewStamp, p: str) -> None:
    if stamp.agency:
        b.value(stamp.agency, f"{p}.agency", "text")
        b.nl()
    if stamp.office:
        b.value(stamp.office, f"{p}.office", "text")
        b.nl()
    lines: list[tuple[str, str | None, str, str]] = [
        ("Review Authority:", stamp.reviewer, "reviewer", "name"),
        ("Date:", None if stamp.date is None else _mm_dd_yy(stamp.date), "date", "date"),
        ("Case ID:", stamp.case_id, "case_id", "digits"),
    ]
    for i, (label, value, name, expects) in enumerate(lines):
        if i:
            b.nl()
        b.label(label, f"{p}.{name}")
        if value:
            b.put(" ")
            b.words(value, f"{p}.{name}", expects)


def release_stamp_text(stamp: ReleaseStamp) -> str:
    """The text a release stamp of ``stamp``'s kind and fields prints (``text`` if it has one)."""
    if stamp.text:
        return stamp.text
    date = stamp.date
    if stamp.kind == "declassified":
        return f"DECLASSIFIED PER {stamp.authority}" if stamp.authority else "DECLASSIFIED"
    if stamp.kind == "no-objection":
        parts = ["No Objection To Declassification"]
        if date is not None:
            parts.append(f"{date.year:04d}/{date.month:02d}/{date.day:02d}")
        if stamp.case_number:
            parts.append(f": {stamp.case_number}")
        return " ".join(parts)
    if stamp.kind == "state-case":
        line = f"Case No. {stamp.case_number or ''}"
        if stamp.document_number:
            line += f" Doc No. {stamp.document_number}"
        if date is not None:
            line += f" Date: {date.month:02d}/{date.day:02d}/{date.year:04d}"
        return line + "\nRELEASE IN FULL"
    if stamp.kind.startswith("release-in-"):
        return "RELEASE IN " + stamp.kind.removeprefix("release-in-").upper()
    return "RELEASED"


def _release_stamp(b: _Builder, stamp: ReleaseStamp, p: str) -> None:
    text = release_stamp_text(stamp)
    # The whole text is the ``text`` field; the numbers and dates inside it are
    # pieces of their own fields as well (the finer piece is listed first).
    start = b.pos
    fields = {
        "authority": (stamp.authority, "text"),
        "case_number": (stamp.case_number, "digits"),
        "document_number": (stamp.document_number, "digits"),
    }
    for name, (value, expects) in fields.items():
        if value and value in text:
            at = start + text.index(value)
            b.pieces.append(Stretch(at, at + len(value), "value", f"{p}.{name}", expects))
    if stamp.date is not None:
        for shape in (
            f"{stamp.date.year:04d}/{stamp.date.month:02d}/{stamp.date.day:02d}",
            f"{stamp.date.month:02d}/{stamp.date.day:02d}/{stamp.date.year:04d}",
            _mm_dd_yy(stamp.date),
        ):
            if shape in text:
                at = start + text.index(shape)
                b.pieces.append(Stretch(at, at + len(shape), "value", f"{p}.date", "date"))
                break
    b.put(text, "value", f"{p}.text", "text")


def _header(b: _Builder, header: ArchiveHeader, p: str) -> None:
    lines: list[tuple[str, str, str]] = []
    if header.document_number:
        lines.append((header.document_number, "document_number", "digits"))
    if header.date is not None:
        d = header.date
        lines.append((f"{d.year:04d}/{d.month:02d}/{d.day:02d}", "date", "date"))
    if header.status:
        lines.append((header.status, "status", "code"))
    lines.extend((tag, "page_tags", "code") for tag in header.page_tags)
    for i, (text, name, expects) in enumerate(lines):
        if i:
            b.put("\n\n")
        b.words(text, f"{p}.{name}", expects)


def _letter(b: _Builder, letter: Letter, p: str) -> None:
    first = True

    def sep() -> None:
        nonlocal first
        if not first:
            b.put("\n\n")
        first = False

    for line in letter.letterhead:
        sep()
        b.words(line, f"{p}.letterhead", "text")
    if letter.place:
        sep()
        b.words(letter.place, f"{p}.place", "place")
    if letter.date is not None:
        sep()
        d = letter.date
        b.value(f"{_MONTHS[d.month - 1].title()} {d.day}, {d.year}", f"{p}.date", "date")
    if letter.recipient:
        sep()
        b.words(letter.recipient, f"{p}.recipient", "text")
    if letter.salutation:
        sep()
        b.words(letter.salutation, f"{p}.salutation", "text")
    for paragraph in letter.body:
        sep()
        for i, line in enumerate(_wrap(paragraph, 0)):
            if i:
                b.nl()
            b.words(line, f"{p}.body", "text")
    if letter.closing:
        sep()
        b.words(letter.closing, f"{p}.closing", "text")
    for i, name in enumerate(letter.signatories):
        if i == 0:
            sep()
        else:
            b.nl()
        b.words(name, f"{p}.signatories", "name")


# --------------------------------------------------------------------------
# Documents


def _packet_order(doc: Document) -> list[tuple[str, int]]:
    """``(group, index)`` of every block, packet by packet, in the order a packet prints them."""
    groups = ("headers", "worksheets", "review_stamps", "letters", "release_stamps")
    order: list[tuple[str, int]] = []
    seen: set[tuple[str, int]] = set()
    for packet in doc.packets:
        for group in groups:
            for index in getattr(packet, group):
                if (group, index) not in seen and 0 <= index < len(getattr(doc, group)):
                    order.append((group, index))
                    seen.add((group, index))
    for group in groups:
        for index in range(len(getattr(doc, group))):
            if (group, index) not in seen:
                order.append((group, index))
    return order


_WRITERS = {
    "headers": _header,
    "review_stamps": _review_stamp,
    "release_stamps": _release_stamp,
    "letters": _letter,
}

Renderable = Worksheet | ReviewStamp | ReleaseStamp | Letter | ArchiveHeader | Document
"""What :func:`render` takes."""

_GROUP_OF: dict[type, str] = {
    Worksheet: "worksheets",
    ReviewStamp: "review_stamps",
    ReleaseStamp: "release_stamps",
    Letter: "letters",
    ArchiveHeader: "headers",
}


def _blocks(b: _Builder, items: Sequence[tuple[str, object]], form: FormVariant | None) -> None:
    for i, (path, record) in enumerate(items):
        if i:
            b.put(BLOCK_SEPARATOR)
        start = b.pos
        if isinstance(record, Worksheet):
            _worksheet(b, record, path, form)
        else:
            _WRITERS[path.split("[")[0]](b, record, path)  # type: ignore[operator]
        b.blocks.append((path, start, b.pos))


def layout(obj: Renderable, form: FormVariant | None = None) -> Layout:
    """Render ``obj`` as :func:`render` does, with a map of what each stretch of text is.

    Field paths are those of the record ``parse`` gives back: a single record
    is the first of its kind in a document (``worksheets[0].subject``).
    """
    b = _Builder()
    if isinstance(obj, Document):
        items = [(f"{g}[{i}]", getattr(obj, g)[i]) for g, i in _packet_order(obj)]
        _blocks(b, items, form)
    elif type(obj) in _GROUP_OF:
        if form is not None and not isinstance(obj, Worksheet):
            raise TypeError(f"form= applies to worksheets only, not to a {type(obj).__name__}")
        _blocks(b, [(f"{_GROUP_OF[type(obj)]}[0]", obj)], form)
    else:
        raise TypeError(
            "render() takes a Worksheet, ReviewStamp, ReleaseStamp, Letter, ArchiveHeader "
            f"or Document, not {type(obj).__name__}"
        )
    return Layout(
        b.text(),
        tuple(sorted(b.pieces, key=lambda p: (p.start, p.end))),
        tuple(b.blocks),
        tuple(b.tables),
    )


def render(obj: Renderable, form: FormVariant | None = None) -> str:
    """Return the text a clean scan of ``obj`` would give.

    ``obj`` is a :class:`Worksheet`, :class:`ReviewStamp`,
    :class:`ReleaseStamp`, :class:`Letter`, :class:`ArchiveHeader`, or a
    :class:`Document`, whose blocks are printed packet by packet (archive
    header, worksheet, review stamps, letter, release stamps), separated by
    three blank lines.  A worksheet is printed on the form its ``form``
    says, or on ``form`` when given (then the parsed record's ``form`` is
    that one); a field the chosen form has no place for (a direction on the
    records management worksheet) raises :class:`ValueError`.  Fields that
    are ``None`` or empty print as on the empty form.  The result ends
    without a newline and parses back into an equal record.

    >>> import datetime as dt
    >>> from worksheet_parser import Correspondent, Direction, Worksheet
    >>> ws = Worksheet(
    ...     id_number="303373",
    ...     subject_codes=("CO034",),
    ...     direction=Direction.INCOMING,
    ...     date_received=dt.date(1992, 1, 30),
    ...     correspondent=Correspondent("THE HONORABLE", "EDWARD M. KENNEDY"),
    ...     subject="URGES PRESIDENT TO REJECT MEETING WITH CHINESE PREMIER LI PENG",
    ... )
    >>> print("\\n".join(render(ws).splitlines()[:6]))
    ID# 303373 CO034
    THE WHITE HOUSE
    CORRESPONDENCE TRACKING WORKSHEET
    INCOMING
    DATE RECEIVED: JANUARY 30, 1992
    NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY
    >>> from worksheet_parser import parse
    >>> parse(render(ws)).worksheets[0] == ws
    True
    >>> print(render(ws, FormVariant.FORM_5_81).splitlines()[4])
    Date Correspondence Received (YY/MM/DD) 92/01/30
    """
    return layout(obj, form).text
