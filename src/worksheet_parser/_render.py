"""Render records back into the text a clean scan of the printed form gives.

Strategy: the inverse of the parser, one printed form at a time.  A
:class:`Worksheet` is laid out line by line, in print order, with the labels
of the computer-printed correspondence tracking worksheet: ``DATE RECEIVED``
with the month's name, routing dates as ``YY/MM/DD``, the routing table's
headers, legend box and footer as printed, and every empty field as the
empty form shows it (a bare label, or ``__ __/__/__`` in the routing table).
Values are written as they stand (the form prints capitals; the records the
parser makes already hold them).  The output is deterministic, so the
property tests can check that ``parse(render(ws)) == ws``, and users can turn
corrected records back into clean, re-parseable text.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from worksheet_parser._models import Document, FormVariant, RoutingEntry, Worksheet

__all__ = ["render"]

WIDTH = 70
"""Column at which ``SUBJECT`` and ``COMMENTS`` wrap onto following lines."""

_MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)
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

_LEGEND = (
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

_FOOTER = (
    "REFER QUESTIONS AND ROUTING UPDATES TO CENTRAL REFERENCE (ROOM 75,OEOB) EXT-2590",
    "KEEP THIS WORKSHEET ATTACHED TO THE ORIGINAL INCOMING LETTER AT ALL TIMES "
    "AND SEND COMPLETED RECORD TO RECORDS MANAGEMENT.",
)


def _month_date(value: dt.date | None) -> str:
    """``JANUARY 30, 1992``: month name in capitals, day without padding."""
    if value is None:
        return ""
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def _yy_mm_dd(value: dt.date | None) -> str:
    """``92/01/30``, or the printed blank slot."""
    if value is None:
        return _BLANK_DATE
    return f"{value.year % 100:02d}/{value.month:02d}/{value.day:02d}"


def _labelled(label: str, value: str | None) -> str:
    return f"{label}: {value}" if value else f"{label}:"


def _wrapped(label: str, value: str | None) -> list[str]:
    """The label and its value, wrapped at :data:`WIDTH` under the value's first column."""
    if not value:
        return [f"{label}:"]
    head = f"{label}: "
    return textwrap.wrap(
        " ".join(value.split()),
        width=WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _row(entry: RoutingEntry) -> list[str]:
    office = entry.office or ""
    action = f"{entry.action_code or _BLANK_CODE:<3} {_yy_mm_dd(entry.action_date)}"
    response = entry.response_type or ""
    disposition = f"{entry.disposition_code or _BLANK_CODE} {_yy_mm_dd(entry.disposition_date)}"
    line = f"{office:<{_OFFICE_WIDTH - 2}}  {action:<12}  {response:<6}  {disposition}"
    note = f"{_NOTE_INDENT}{_labelled('REFERRAL NOTE', entry.referral_note)}"
    return [line.rstrip(), note]


def _mail_user_codes(codes: tuple[str, ...]) -> str:
    parts: list[str] = []
    for i, slot in enumerate(_SLOTS):
        parts.append(slot)
        if i < len(codes):
            parts.append(codes[i])
    parts.extend(codes[len(_SLOTS) :])
    return "MAIL USER CODES: " + " ".join(parts)


def _worksheet_lines(ws: Worksheet) -> list[str]:
    head = "ID#"
    if ws.id_number:
        head += f" {ws.id_number}"
    if ws.subject_codes:
        head += " " + " ".join(ws.subject_codes)
    lines = [head, "THE WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET"]
    if ws.direction is not None:
        lines.append(ws.direction.value)
    lines.append(_labelled("DATE RECEIVED", _month_date(ws.date_received)))
    correspondent = None
    if ws.correspondent is not None:
        parts = (ws.correspondent.title, ws.correspondent.name)
        correspondent = " ".join(p for p in parts if p) or None
    lines.append(_labelled("NAME OF CORRESPONDENT", correspondent))
    lines.extend(_wrapped("SUBJECT", ws.subject))
    lines.extend(_TABLE_HEAD)
    for entry in ws.routing:
        lines.extend(_row(entry))
    lines.extend(_wrapped("COMMENTS", ws.comments))
    additional = _labelled("ADDITIONAL CORRESPONDENTS", ws.additional_correspondents)
    media = f"MEDIA:{ws.media or ''}"
    individual = _labelled("INDIVIDUAL CODES", " ".join(ws.individual_codes))
    lines.append(f"{additional}   {media}   {individual}")
    lines.append(_mail_user_codes(ws.mail_user_codes))
    lines.extend(_LEGEND)
    lines.extend(_FOOTER)
    return lines


def render(obj: Worksheet | Document, form: FormVariant = FormVariant.COMPUTER_PRINTED) -> str:
    """Return the text a clean scan of ``obj`` on the printed ``form`` would give.

    ``obj`` is a :class:`Worksheet`, or a :class:`Document` whose worksheets
    are rendered one after another, separated by a blank line (its other
    blocks cannot be rendered yet).  Only the computer-printed form is
    supported so far.  Fields that are ``None`` or empty print as on the
    empty form.  The result ends without a newline and parses back into
    an equal record.

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
    """
    if form is not FormVariant.COMPUTER_PRINTED:
        raise NotImplementedError(
            f"render() supports only the computer-printed form so far, not {form.value!r}"
        )
    if isinstance(obj, Worksheet):
        return "\n".join(_worksheet_lines(obj))
    if isinstance(obj, Document):
        others = [
            name
            for name in ("review_stamps", "letters", "headers", "release_stamps")
            if getattr(obj, name)
        ]
        if others:
            raise TypeError(
                "render() cannot render a document's "
                + ", ".join(others)
                + " yet; only its worksheets (pass the worksheets on their own)"
            )
        return "\n\n".join("\n".join(_worksheet_lines(ws)) for ws in obj.worksheets)
    raise TypeError(
        f"render() takes a Worksheet or a Document, not {type(obj).__name__}; "
        "other block types cannot be rendered yet"
    )
