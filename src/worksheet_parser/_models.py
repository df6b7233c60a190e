"""The typed records the parser produces.

Strategy: every model is a frozen attrs class.  Values are plain Python types
(``str``, ``datetime.date``, enums whose value is the code printed on the
form); where each value came from is kept beside it, in ``span`` (the whole
record) and ``field_spans`` (one :class:`Span` per field read from the text).
Spans and diagnostics never take part in equality, so two records are equal
when they say the same thing, wherever on the page they were read.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from worksheet_parser._convert import to_dict, to_json
from worksheet_parser._spans import PageSpan, Span

__all__ = [
    "ActionCode",
    "ArchiveHeader",
    "Correspondent",
    "Diagnostic",
    "Direction",
    "DispositionCode",
    "Document",
    "FormVariant",
    "Letter",
    "Packet",
    "PageSpan",
    "RecordKind",
    "ReleaseKind",
    "ReleaseStamp",
    "ReviewStamp",
    "RoutingEntry",
    "Severity",
    "Span",
    "TextLine",
    "Worksheet",
]


class Direction(enum.StrEnum):
    """Which way the correspondence travelled, as ticked or printed on the form."""

    INCOMING = "INCOMING"
    """A letter received by the White House."""
    OUTGOING = "OUTGOING"
    """A reply or letter sent out."""
    INTERNAL = "INTERNAL"
    """A memo that stayed inside the Executive Office."""


class ActionCode(enum.StrEnum):
    """The ``ACT CODE`` column of the routing table."""

    A = "A"
    """Appropriate action."""
    C = "C"
    """Comment / recommendation."""
    D = "D"
    """Draft response."""
    F = "F"
    """Furnish fact sheet (to be used as enclosure)."""
    I = "I"  # noqa: E741 - the code printed on the form
    """Info copy only / no action necessary."""
    R = "R"
    """Direct reply with copy."""
    S = "S"
    """For signature."""
    X = "X"
    """Interim reply."""
    ORG = "ORG"
    """The originating office (first row of many worksheets)."""


class DispositionCode(enum.StrEnum):
    """The disposition ``C`` (code) column of the routing table."""

    A = "A"
    """Answered."""
    B = "B"
    """Non-special referral (printed ``NON-SPEC-REFERRAL``)."""
    C = "C"
    """Completed."""
    S = "S"
    """Suspended."""


class FormVariant(enum.StrEnum):
    """Which printed form a worksheet was read as."""

    COMPUTER_PRINTED = "computer-printed"
    """The computer-printed correspondence tracking worksheet (about 1989 onwards)."""
    FORM_5_81 = "5/81"
    """The 5/81 printed form of the Reagan years, with typed-in values."""
    RECORDS_MANAGEMENT = "records-management"
    """The Office of Records Management worksheet."""


class ReleaseKind(enum.StrEnum):
    """What kind of release marking a :class:`ReleaseStamp` is."""

    DECLASSIFIED = "declassified"
    """``DECLASSIFIED`` with its authority (``E.O. 12958, AS AMENDED``), often by NARA."""
    NO_OBJECTION = "no-objection"
    """``No Objection To Declassification`` with its date and control number (``NLC-...``)."""
    STATE_CASE = "state-case"
    """The State Department's line: ``Case No. F-...  Doc No. C...  Date: ...``."""
    APPROVED_FOR_RELEASE = "approved-for-release"
    """The CIA's ``Approved For Release 2005/01/13 : CIA-RDP...``."""
    RELEASE_IN_FULL = "release-in-full"
    """``RELEASE IN FULL``."""
    RELEASE_IN_PART = "release-in-part"
    """``RELEASE IN PART``."""
    RELEASED = "released"
    """A bare ``RELEASED`` on a line of its own."""
    OTHER = "other"
    """A block read as a release stamp whose lines match none of the kinds above."""


class RecordKind(enum.StrEnum):
    """The kinds of record a :class:`Document` holds: each is the name of its tuple there.

    Field paths (``worksheets[0].subject``) and packets (:class:`Packet`)
    name records by these.  Members are in the order of the document's tuples.
    """

    WORKSHEETS = "worksheets"
    """:class:`Worksheet` records."""
    REVIEW_STAMPS = "review_stamps"
    """:class:`ReviewStamp` records."""
    LETTERS = "letters"
    """:class:`Letter` records."""
    HEADERS = "headers"
    """:class:`ArchiveHeader` records."""
    RELEASE_STAMPS = "release_stamps"
    """:class:`ReleaseStamp` records."""


class Severity(enum.StrEnum):
    """How much a diagnostic matters to someone trusting the record."""

    INFO = "info"
    """A repair the parser is sure of (a damaged label, a known OCR swap)."""
    WARNING = "warning"
    """A value could not be read, or text could not be placed; nothing was guessed."""
    ERROR = "error"
    """The input is not a readable worksheet where one was expected."""


def _spans(value: Mapping[str, Span] | None) -> dict[str, Span]:
    return dict(value or {})


@attrs.frozen
class Diagnostic:
    """Something the parser repaired, or could not read, with where it happened."""

    code: str
    """Stable identifier, e.g. ``label-repaired`` or ``date-unreadable`` (see the docs)."""
    severity: Severity
    """How much it matters."""
    message: str
    """A sentence for people."""
    span: Span | None = None
    """Where in the original text; ``None`` only for problems of the whole input."""
    field: str | None = None
    """Dotted path of the field concerned, e.g. ``worksheets[0].routing[1].action_date``."""
    original: str | None = None
    """The text as it stood in the input."""
    repaired: str | None = None
    """What it was read as after repair; ``None`` when nothing was recovered."""


@attrs.frozen
class TextLine:
    """Text that was kept but not read into any field: a line, part of one, or a run of lines.

    Outside every block (:attr:`Document.unrecognized`) one record holds a
    whole run of consecutive lines, blank lines between them included.
    """

    text: str
    """The text, after normalisation (a run's lines joined by ``\\n``, as they stand)."""
    span: Span = attrs.field(eq=False)
    """Where it stands in the original text."""


@attrs.frozen
class Correspondent:
    """The ``NAME OF CORRESPONDENT`` field, split into title and name."""

    title: str | None
    """Honorific or office, e.g. ``THE HONORABLE``; ``None`` when there is none."""
    name: str | None
    """The person's or organisation's name."""
    raw: str = attrs.field(eq=False, default="")
    """The field's text as read, before any repair."""


@attrs.frozen
class RoutingEntry:
    """One row of the routing table: an office and what it was asked to do."""

    office: str | None = None
    """``OFFICE/AGENCY (STAFF NAME)``."""
    action_code: ActionCode | None = None
    """``ACT CODE``."""
    action_date: dt.date | None = None
    """Date the action was assigned (``YY/MM/DD`` on the form)."""
    response_type: str | None = None
    """``TYPE RESP``: for outgoing mail, the signer's initials."""
    disposition_code: DispositionCode | None = None
    """Disposition ``C`` (code)."""
    disposition_date: dt.date | None = None
    """``COMPLETED`` date (``YY/MM/DD`` on the form)."""
    referral_note: str | None = None
    """Text of the ``REFERRAL NOTE:`` line under the row, if any."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The lines this row was read from."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read, keyed by attribute name."""


@attrs.frozen
class Worksheet:
    """A correspondence tracking worksheet."""

    id_number: str | None = None
    """The ``ID#`` number, digits only."""
    subject_codes: tuple[str, ...] = ()
    """WHORM subject file codes (``CO034``, ``FG006-01``), prime code first."""
    direction: Direction | None = None
    """``INCOMING``, ``OUTGOING`` or ``INTERNAL``."""
    date_received: dt.date | None = None
    """``DATE RECEIVED``."""
    correspondent: Correspondent | None = None
    """``NAME OF CORRESPONDENT``."""
    subject: str | None = None
    """``SUBJECT``, its continuation lines joined by single spaces."""
    routing: tuple[RoutingEntry, ...] = ()
    """The routing table, in print order."""
    comments: str | None = None
    """``COMMENTS``."""
    additional_correspondents: str | None = None
    """``ADDITIONAL CORRESPONDENTS``."""
    media: str | None = None
    """``MEDIA`` code, e.g. ``L`` for letter."""
    individual_codes: tuple[str, ...] = ()
    """``INDIVIDUAL CODES``."""
    mail_user_codes: tuple[str, ...] = ()
    """Values filled in after ``MAIL USER CODES: (A) (B) (C)``; empty when the boxes are blank."""
    form: FormVariant = FormVariant.COMPUTER_PRINTED
    """Which printed form the worksheet was read as."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The whole worksheet block."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read, keyed by attribute name."""
    unread: tuple[TextLine, ...] = attrs.field(default=(), eq=False)
    """Text inside the worksheet that is neither a value nor printed form text."""


@attrs.frozen
class ArchiveHeader:
    """The short lines an archive prints before a document (document number, date, status)."""

    document_number: str | None = None
    """E.g. ``01494``."""
    date: dt.date | None = None
    """The document date (``YYYY/MM/DD``)."""
    status: str | None = None
    """Release status, e.g. ``RELEASED``."""
    page_tags: tuple[str, ...] = ()
    """Page tags such as ``186B``."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The header's lines."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read."""
    unread: tuple[TextLine, ...] = attrs.field(default=(), eq=False)
    """Lines of the header that are none of its fields."""


@attrs.frozen
class ReviewStamp:
    """An agency's FOI review stamp (``Review Authority``, ``Date``, ``Case ID``)."""

    agency: str | None = None
    """E.g. ``United States Department of State``."""
    office: str | None = None
    """E.g. ``Office of FOI, Privacy, & Classification Review``."""
    reviewer: str | None = None
    """``Review Authority``."""
    date: dt.date | None = None
    """Review date (``MM/DD/YY`` on the stamp)."""
    case_id: str | None = None
    """``Case ID``."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The stamp's lines."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read."""
    unread: tuple[TextLine, ...] = attrs.field(default=(), eq=False)
    """Lines of the stamp that are none of its fields (damaged or repeated lines)."""


@attrs.frozen
class ReleaseStamp:
    """Any other release marking: declassification, ``RELEASE IN FULL``, ``RELEASED``..."""

    kind: ReleaseKind = attrs.field(converter=ReleaseKind)
    """Which kind of marking it is (a :class:`ReleaseKind`, equal to its string)."""
    text: str = ""
    """The stamp's text, as read."""
    authority: str | None = None
    """The authority cited, e.g. ``E.O. 12958, AS AMENDED``."""
    date: dt.date | None = None
    """A date printed in the stamp."""
    case_number: str | None = None
    """A case or control number (``F-2016-07743``, ``NLC-15-96-6-3-1``)."""
    document_number: str | None = None
    """A document number (``C17980027``)."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The stamp's lines."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read."""
    unread: tuple[TextLine, ...] = attrs.field(default=(), eq=False)
    """Lines of the stamp that are none of its fields."""


@attrs.frozen
class Letter:
    """An incoming (or outgoing) letter carried in the packet."""

    letterhead: tuple[str, ...] = ()
    """Letterhead lines, e.g. ``United States Senate``."""
    place: str | None = None
    """Place line of the letterhead, e.g. ``WASHINGTON, DC 20510``."""
    date: dt.date | None = None
    """The letter's date line."""
    recipient: str | None = None
    """The inside address."""
    salutation: str | None = None
    """E.g. ``Dear Mr. President:``."""
    body: tuple[str, ...] = ()
    """Paragraphs, each joined into one string."""
    closing: str | None = None
    """E.g. ``Sincerely,``."""
    signatories: tuple[str, ...] = ()
    """Names under the closing."""
    span: Span | None = attrs.field(default=None, eq=False)
    """The letter's lines (stamps inside it excluded from its fields)."""
    field_spans: dict[str, Span] = attrs.field(factory=dict, converter=_spans, eq=False)
    """Where each field's value was read; tuple items also as ``body[0]``, ``signatories[1]``."""
    unread: tuple[TextLine, ...] = attrs.field(default=(), eq=False)
    """Lines of the letter that are none of its fields."""


@attrs.frozen
class Packet:
    """The blocks that travelled together: a worksheet with its letter and stamps."""

    headers: tuple[int, ...] = ()
    """Indexes into :attr:`Document.headers`."""
    worksheets: tuple[int, ...] = ()
    """Indexes into :attr:`Document.worksheets`."""
    review_stamps: tuple[int, ...] = ()
    """Indexes into :attr:`Document.review_stamps`."""
    release_stamps: tuple[int, ...] = ()
    """Indexes into :attr:`Document.release_stamps`."""
    letters: tuple[int, ...] = ()
    """Indexes into :attr:`Document.letters`."""
    span: Span | None = attrs.field(default=None, eq=False)
    """From the packet's first line to its last."""


@attrs.frozen
class Document:
    """Everything read from one input text.

    Each group of records is a tuple, or, for an input of a mebibyte or more,
    a :class:`PackedRecords`: a sequence that keeps its records compressed
    and builds each as it is read (see docs/reliability.md).
    """

    worksheets: Sequence[Worksheet] = ()
    """Correspondence tracking worksheets, in reading order."""
    review_stamps: Sequence[ReviewStamp] = ()
    """FOI review stamps, in reading order."""
    letters: Sequence[Letter] = ()
    """Letters, in reading order."""
    headers: Sequence[ArchiveHeader] = ()
    """Archive headers, in reading order."""
    release_stamps: Sequence[ReleaseStamp] = ()
    """Other release markings, in reading order."""
    packets: Sequence[Packet] = attrs.field(default=(), eq=False)
    """How the blocks group into release packets (derived from the records, so not compared)."""
    unrecognized: Sequence[TextLine] = attrs.field(default=(), eq=False)
    """Input text outside every recognised block, one record per run of consecutive lines
    (blank lines inside a run included): kept, never dropped."""
    diagnostics: Sequence[Diagnostic] = attrs.field(default=(), eq=False)
    """Repairs and problems, in order of position."""

    def to_dict(self) -> dict[str, Any]:
        """Return the document as JSON-ready data (see :func:`worksheet_parser.to_dict`)."""
        data: dict[str, Any] = to_dict(self)
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the document as a JSON string (see :func:`worksheet_parser.to_json`)."""
        return to_json(self, indent=indent)


def _compact_reduce(self: Any) -> tuple[type[Any], tuple[Any, ...]]:
    """Pickle a record as its class and its field values, in ``__init__`` order.

    Records cross process boundaries in batch runs; a flat tuple of values
    pickles and unpickles about a third faster than attrs' default state.
    """
    cls = type(self)
    return cls, cls.__attrs_values__(self)


for _cls in (
    Span,
    PageSpan,
    Diagnostic,
    TextLine,
    Correspondent,
    RoutingEntry,
    Worksheet,
    ArchiveHeader,
    ReviewStamp,
    ReleaseStamp,
    Letter,
    Packet,
    Document,
):
    # Every field of these records is an __init__ argument (checked here once).
    assert all(f.init for f in attrs.fields(_cls))
    _names = [f.name for f in attrs.fields(_cls)]
    # attrgetter of several names returns their values as a tuple, in C.
    setattr(_cls, "__attrs_values__", operator.attrgetter(*_names))  # noqa: B010
    setattr(_cls, "__reduce__", _compact_reduce)  # noqa: B010
del _names
del _cls
