"""Heading sections: the ID number, the direction, the date received, the check boxes.

Strategy: ``ID#`` holds the worksheet's number and, on the computer-printed
form, the WHORM subject codes after it (read by :mod:`._codes`).  The
direction is a printed word (``INCOMING``) read as the nearest direction
word, or, on the forms with check boxes, the ticked ``O``/``H``/``I`` box
(:func:`direction_from_boxes`, once every section is read).  The date
received is read in the order its label gives: a month name on the
computer-printed form, ``YY/MM/DD`` on the others.
"""

from __future__ import annotations

from worksheet_parser import _vocab
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._models import Direction
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._codes import read_code_lines, read_codes
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._pieces import ERA_END, ERA_START
from worksheet_parser._worksheet._state import State

__all__ = [
    "direction_from_boxes",
    "read_box",
    "read_date_received",
    "read_direction",
    "read_id",
    "read_received",
]


def read_id(st: State, label: int, stop: int) -> None:
    """``ID#``: the number, then subject codes, also on the lines under it."""
    piece = st.pieces[label]
    if st.first("id_number", piece):
        _id_line(st, piece)
    read_code_lines(st, label, stop, st.subject_codes)


def _id_line(st: State, piece: Piece) -> None:
    ws = _fields.words(piece.value, piece.value_start)
    if not ws:
        st.report.add(
            DiagnosticCode.VALUE_UNREADABLE,
            "the ID# line has no number",
            piece.start,
            piece.end,
            field=st.field("id_number"),
        )
        return
    number = _fields.read_id_number(ws[0].text)
    if number is None:
        st.keep_unread(
            ws[0].start,
            ws[0].end,
            ws[0].text,
            code=DiagnosticCode.VALUE_UNREADABLE,
            why=f"cannot read {ws[0].text!r} as an ID number",
            field="id_number",
        )
    else:
        if number != ws[0].text:
            st.repaired(ws[0].text, number, ws[0].start, ws[0].end, "id_number")
        st.values["id_number"] = number
        st.spans["id_number"] = st.span(ws[0].start, ws[0].end)
    read_codes(st, ws[1:], piece, st.subject_codes)


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


@_fields.short_text_cache("worksheet.directions", 1024)
def _read_direction(value: str) -> tuple[str, str]:
    """A printed direction's letters (OCR look-alikes folded) and the nearest direction word."""
    letters = "".join(c for c in value.upper().translate(_vocab.OCR_FOLD) if c.isalpha())
    return letters, min(_vocab.DIRECTIONS, key=lambda d: _distance(letters, d))


def read_direction(st: State, label: int, stop: int) -> None:
    """The printed direction line (``INCOMING``), read as the nearest direction word."""
    piece = st.pieces[label]
    if st.first("direction", piece):
        letters, best = _read_direction(piece.value)
        st.values["direction"] = Direction(best)
        st.spans["direction"] = st.span(piece.value_start, piece.end)
        if letters != best:
            st.repaired(piece.value, best, piece.value_start, piece.end, "direction")
    for line in st.lines(label, stop):
        st.unplaced(line)


def read_date_received(st: State, label: int, stop: int) -> None:
    """``DATE RECEIVED: JANUARY 30, 1992`` (computer-printed form)."""
    _received(st, st.pieces[label], DateOrder.MONTH_NAME, "DATE RECEIVED")
    for line in st.lines(label, stop):
        st.unplaced(line)


def read_received(st: State, label: int, stop: int) -> None:
    """``Date Correspondence Received (YY/MM/DD)`` (5/81 and records management forms)."""
    _received(st, st.pieces[label], DateOrder.YY_MM_DD, "Date Correspondence Received")
    for line in st.lines(label, stop):
        st.unplaced(line)


def _received(st: State, piece: Piece, order: DateOrder, label: str) -> None:
    if not piece.value and "date_received" not in st.seen:
        # The label's value may come with a later part of it (the 5/81
        # form's date label is often split across the check-box lines).
        st.report.add(
            DiagnosticCode.VALUE_UNREADABLE,
            f"{label} has no value",
            piece.start,
            piece.end,
            field=st.field("date_received"),
        )
        return
    if not st.first("date_received", piece):
        return
    value = st.date(piece.value, piece.value_start, order, "date_received", ERA_START, ERA_END)
    st.values["date_received"] = value
    st.spans["date_received"] = st.span(piece.value_start, piece.end)


def read_box(st: State, label: int, stop: int) -> None:
    """A check box line (``[X] I - INCOMING``): read with the others at the end."""
    st.checkboxes.box(st.pieces[label])
    for line in st.lines(label, stop):
        st.unplaced(line)


def direction_from_boxes(st: State) -> None:
    """Direction: the ticked ``O``/``H``/``I`` box.  A ticked ``X - MEDIA`` box: media ``X``."""
    media = st.checkboxes.media()
    if media is not None and "media" not in st.values:
        st.values["media"] = "X"
        st.spans["media"] = st.span(media.start, media.end)
    if "direction" in st.seen:
        return
    found = st.checkboxes.direction(st.pieces[0].start if st.pieces else None)
    if found is not None:
        st.values["direction"], st.spans["direction"] = found
