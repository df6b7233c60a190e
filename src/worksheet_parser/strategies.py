"""Hypothesis strategies for valid, realistic worksheet records.

Use them to property-test code that consumes this library's records, or the
parser itself through ``render``::

    from hypothesis import given
    from worksheet_parser import parse, render
    from worksheet_parser.strategies import worksheets

    @given(worksheets(min_rows=1))
    def test_round_trip(ws):
        assert parse(render(ws)).worksheets[0] == ws

Needs the optional extra: ``pip install worksheet-parser[hypothesis]``.

Strategy: every value is drawn from a small, simple strategy (a choice from
the form's world: honorifics from the parser's own vocabulary, White House
offices and staff, WHORM subject categories, subject-line words), combined
with :func:`hypothesis.strategies.builds` or a composite that draws those
pieces in order, so failures shrink to short subjects, few rows, the first
name in each list and dates on the received date.  Dates that depend on each
other (routing dates on or after ``DATE RECEIVED``, a completion on or after
its action) are drawn as day offsets, which shrink to zero.  The records are
what a clean computer-printed worksheet holds: capitals, single spaces, no
empty rows, and a ``None`` wherever the form leaves a field blank.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "worksheet_parser.strategies needs hypothesis, an optional dependency: "
        "pip install worksheet-parser[hypothesis]"
    ) from exc

from worksheet_parser import _vocab
from worksheet_parser._models import (
    ActionCode,
    Correspondent,
    Direction,
    DispositionCode,
    Document,
    Packet,
    RoutingEntry,
    Worksheet,
)

__all__ = [
    "DEFAULT_ERA",
    "correspondents",
    "documents",
    "offices",
    "routing_entries",
    "subject_codes",
    "subjects",
    "worksheets",
]

T = TypeVar("T")

DEFAULT_ERA: tuple[dt.date, dt.date] = (dt.date(1989, 1, 1), dt.date(2001, 12, 31))
"""Years the computer-printed worksheet was in use: the default ``DATE RECEIVED`` range."""

ROUTING_DAYS = 120
"""By default, routing dates fall at most this many days after ``DATE RECEIVED``."""

# --------------------------------------------------------------------------
# The world of the forms, as data.  Kept free of the form's own labels and
# legend words, so a value never reads as printed form text.
# --------------------------------------------------------------------------

_FIRST_NAMES = (
    "EDWARD",
    "JOHN",
    "MARY",
    "ROBERT",
    "PATRICIA",
    "JAMES",
    "LINDA",
    "WILLIAM",
    "BARBARA",
    "RICHARD",
    "SUSAN",
    "THOMAS",
    "NANCY",
    "CHARLES",
    "DOROTHY",
    "JOSEPH",
    "HELEN",
    "DANIEL",
    "ELIZABETH",
    "GEORGE",
)
_LAST_NAMES = (
    "KENNEDY",
    "SMITH",
    "KERRY",
    "BIDEN",
    "DOLE",
    "MITCHELL",
    "GLENN",
    "HATCH",
    "MOYNIHAN",
    "BRADLEY",
    "PELL",
    "LUGAR",
    "NUNN",
    "BYRD",
    "GORE",
    "SIMPSON",
    "JOHNSON",
    "MARTINEZ",
    "O'BRIEN",
    "WASHINGTON",
)
_INITIALS = tuple("ABCDEFGHJKLMNPRSTW")
_SUFFIXES = ("JR.", "SR.", "III")
_ORGANISATIONS = (
    "AMERICAN LEGION",
    "NATIONAL ASSOCIATION OF MANUFACTURERS",
    "AMNESTY INTERNATIONAL USA",
    "UNITED STATES CHAMBER OF COMMERCE",
    "AFL-CIO",
    "NATIONAL EDUCATION ASSOCIATION",
    "VETERANS OF FOREIGN WARS",
    "SIERRA CLUB",
    "AMERICAN MEDICAL ASSOCIATION",
    "NATIONAL RIFLE ASSOCIATION",
    "LEAGUE OF WOMEN VOTERS",
    "ASIA WATCH",
    "UNITED STATES CONFERENCE OF MAYORS",
    "NATIONAL FARMERS UNION",
)
_OFFICES = (
    "FREDERICK MCCLURE",
    "NSC/S",
    "OMB",
    "NSC",
    "DOS",
    "DOD",
    "CENTRAL REFERENCE",
    "PRESIDENTIAL CORRESPONDENCE",
    "LEGISLATIVE AFFAIRS",
    "CABINET AFFAIRS",
    "PUBLIC LIAISON",
    "INTERGOVERNMENTAL AFFAIRS",
    "SPEECHWRITING",
    "COUNSEL",
    "SCHEDULING",
    "PRESS OFFICE",
    "MARLIN FITZWATER",
    "BRENT SCOWCROFT",
    "JOHN SUNUNU",
    "C. BOYDEN GRAY",
    "ROGER PORTER",
    "SHIRLEY GREEN",
    "DAVID DEMAREST",
    "ANDREW CARD",
    "DEPARTMENT OF STATE",
    "DEPARTMENT OF DEFENSE",
    "DEPT OF JUSTICE",
    "USTR",
)
_SUBJECT_WORDS = (
    "URGES",
    "PRESIDENT",
    "TO",
    "REJECT",
    "MEETING",
    "WITH",
    "CHINESE",
    "PREMIER",
    "LI",
    "PENG",
    "IN",
    "NEW",
    "YORK",
    "ON",
    "JAN",
    "31",
    "92",
    "BECAUSE",
    "OF",
    "THE",
    "HUMAN",
    "RIGHTS",
    "VIOLATIONS",
    "CHINA",
    "AND",
    "TIBET",
    "REQUESTS",
    "SUPPORT",
    "FOR",
    "LEGISLATION",
    "EXPRESSES",
    "CONCERN",
    "ABOUT",
    "BUDGET",
    "CUTS",
    "INVITES",
    "ATTEND",
    "ANNUAL",
    "CONVENTION",
    "THANKS",
    "LETTER",
    "REGARDING",
    "TRADE",
    "POLICY",
    "MOST",
    "FAVORED",
    "NATION",
    "STATUS",
    "U.S.",
    "RELATIONS",
    "SOVIET",
    "UNION",
    "REFORM",
    "HEALTH",
    "CARE",
    "EDUCATION",
    "FUNDING",
    "PROPOSED",
    "ADMINISTRATION'S",
    "PROPOSAL",
    "ENCLOSES",
    "RESOLUTION",
    "ADOPTED",
    "BY",
    "COUNCIL",
    "RE",
    "1991",
    "AID",
    "DEFENSE",
    "ENVIRONMENT",
    "CLEAN",
    "AIR",
    "ACT",
)
_NOTE_WORDS = (
    "SEE",
    "ATTACHED",
    "PLEASE",
    "DRAFT",
    "REPLY",
    "ORIGINAL",
    "SENT",
    "TO",
    "COPY",
    "NSC",
    "FOR",
    "SIGNATURE",
    "HOLD",
    "PENDING",
    "REVIEW",
    "PER",
    "STAFF",
)
_COMMENT_WORDS = (
    "CO-SIGNED",
    "BY",
    "SENATORS",
    "KERRY",
    "BIDEN",
    "AND",
    "OTHERS",
    "COPY",
    "SENT",
    "TO",
    "NSC",
    "CONSTITUENT",
    "MAIL",
    "PRIORITY",
    "FILE",
    "WITH",
    "PREVIOUS",
    "LETTER",
)
_WHORM_CATEGORIES = (
    "CO",
    "HU",
    "FG",
    "FO",
    "ND",
    "TA",
    "IT",
    "PR",
    "ME",
    "SP",
    "JL",
    "LG",
    "ST",
    "WE",
    "HE",
    "ED",
    "FI",
    "BE",
    "LA",
    "AG",
    "TR",
    "UT",
    "NR",
    "PE",
)
_MEDIA = ("L", "T", "M", "P", "C", "E")
"""Media codes: letter, telegram, mailgram, telephone call, card, electronic mail."""
_MAIL_USER_CODES = ("PRES", "VP", "FLOTUS", "CONG", "GOV", "SEN", "HOUSE", "STAFF")
_SIGNERS = ("GB", "JHS", "BS", "MF", "RBP", "CBG", "WJC", "DSD", "SSG")
"""Signers' initials: the ``TYPE RESP`` of outgoing replies."""
_ACTION_CODES = tuple(c for c in ActionCode if c is not ActionCode.ORG)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    """``None`` or a value; shrinks towards ``None`` (the empty field)."""
    return st.none() | strategy


def _words(vocabulary: tuple[str, ...], min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(vocabulary), min_size=min_size, max_size=max_size).map(" ".join)


def _check_range(name: str, lo: int, hi: int) -> None:
    if lo < 0 or hi < lo:
        raise ValueError(f"{name}: need 0 <= min <= max, got {lo}..{hi}")


# --------------------------------------------------------------------------
# Public strategies.
# --------------------------------------------------------------------------


def subject_codes() -> st.SearchStrategy[str]:
    """WHORM subject file codes: ``HU``, ``CO034``, ``FG006-01``.

    Two letters (a real WHORM category), optionally three digits, optionally
    a ``-NN`` suffix after the digits.
    """

    def code(category: str, number: int | None, suffix: int | None) -> str:
        if number is None:
            return category
        text = f"{category}{number:03d}"
        return text if suffix is None else f"{text}-{suffix:02d}"

    return st.builds(
        code,
        st.sampled_from(_WHORM_CATEGORIES),
        _optional(st.integers(1, 199)),
        _optional(st.integers(1, 20)),
    )


def correspondents() -> st.SearchStrategy[Correspondent]:
    """``NAME OF CORRESPONDENT`` values: a person with or without an honorific, or an organisation.

    Honorifics come from the parser's vocabulary (``THE HONORABLE``,
    ``SENATOR``, ``DR.``...); a title always comes with a name.
    """
    person = st.builds(
        lambda first, initial, last, suffix: " ".join(
            p for p in (first, initial and f"{initial}.", last, suffix) if p
        ),
        st.sampled_from(_FIRST_NAMES),
        _optional(st.sampled_from(_INITIALS)),
        st.sampled_from(_LAST_NAMES),
        _optional(st.sampled_from(_SUFFIXES)),
    )
    titled = st.builds(Correspondent, st.sampled_from(_vocab.HONORIFICS[::-1]), person)
    untitled = st.builds(Correspondent, st.none(), person | st.sampled_from(_ORGANISATIONS))
    return titled | untitled


def offices() -> st.SearchStrategy[str]:
    """``ROUTE TO: OFFICE/AGENCY (STAFF NAME)`` values: offices, agencies and staff names."""
    return st.sampled_from(_OFFICES)


def subjects(*, min_words: int = 3, max_words: int = 40) -> st.SearchStrategy[str]:
    """``SUBJECT`` lines: ``min_words..max_words`` upper-case words, single-spaced."""
    _check_range("subjects(min_words, max_words)", min_words, max_words)
    return _words(_SUBJECT_WORDS, max(1, min_words), max(1, max_words))


_OFFICE = offices()
_CORRESPONDENTS = correspondents()
_FIRST_ROW_CODES = st.sampled_from((ActionCode.ORG, *_ACTION_CODES))
_LATER_ROW_CODES = st.sampled_from(_ACTION_CODES)
_HAS = st.booleans()
_DISPOSITIONS = _optional(st.sampled_from(tuple(DispositionCode)))
_RESPONSE_TYPES = _optional(st.sampled_from(_SIGNERS))
_NOTES = _optional(_words(_NOTE_WORDS, 2, 6))


@functools.cache
def _days(most: int) -> st.SearchStrategy[int]:
    return st.integers(0, most)


@st.composite
def _routing_entry(
    draw: st.DrawFn,
    after: dt.date,
    within_days: int,
    first: bool,
) -> RoutingEntry:
    office = draw(_OFFICE)
    action_code = draw(_FIRST_ROW_CODES if first else _LATER_ROW_CODES)
    offset = draw(_days(within_days))
    action_date = after + dt.timedelta(days=offset) if draw(_HAS) else None
    disposition_code = draw(_DISPOSITIONS)
    disposition_date: dt.date | None = None
    response_type: str | None = None
    if disposition_code is not None and draw(_HAS):
        start = action_date or after
        later = draw(_days(within_days - (start - after).days))
        disposition_date = start + dt.timedelta(days=later)
        # TYPE RESP: for outgoing mail, the initials of whoever signed.
        response_type = draw(_RESPONSE_TYPES)
    return RoutingEntry(
        office=office,
        action_code=action_code,
        action_date=action_date,
        response_type=response_type,
        disposition_code=disposition_code,
        disposition_date=disposition_date,
        referral_note=draw(_NOTES),
    )


def routing_entries(
    *,
    after: dt.date = DEFAULT_ERA[0],
    within_days: int = ROUTING_DAYS,
    first: bool = False,
) -> st.SearchStrategy[RoutingEntry]:
    """Rows of the routing table.

    Every row names an office and an action code; its dates fall on or after
    ``after`` (the worksheet's ``DATE RECEIVED``) and at most ``within_days``
    later, the completion on or after the action.  ``first=True`` makes the
    first row of a table, whose action code is often ``ORG``.  A ``TYPE
    RESP`` (signer's initials) only comes with a completed disposition.
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0, got {within_days}")
    return _routing_entry(after, within_days, first)


_ID_NUMBERS = st.integers(100000, 999999).map(str)
_CODE_LISTS = st.lists(subject_codes(), max_size=3, unique=True).map(tuple)
_DIRECTIONS = st.sampled_from(tuple(Direction))
_SUBJECTS = subjects()
_COMMENTS = _optional(_words(_COMMENT_WORDS, 1, 12))
_ADDITIONAL = _optional(
    st.integers(1, 30).map(str) | _CORRESPONDENTS.map(lambda c: _correspondent_text(c))
)
_MEDIA_CODES = _optional(st.sampled_from(_MEDIA))
_INDIVIDUAL = st.lists(st.integers(1000, 9999).map(str), max_size=4, unique=True).map(tuple)
_MAIL = st.lists(st.sampled_from(_MAIL_USER_CODES), max_size=3, unique=True).map(tuple)


@st.composite
def _worksheet(
    draw: st.DrawFn,
    min_rows: int,
    max_rows: int,
    era: tuple[dt.date, dt.date],
    direction: Direction | None,
    within_days: int,
) -> Worksheet:
    id_number = draw(_ID_NUMBERS)
    codes = draw(_CODE_LISTS)
    chosen = direction if direction is not None else draw(_DIRECTIONS)
    received = era[0] + dt.timedelta(days=draw(_days((era[1] - era[0]).days)))
    correspondent = draw(_CORRESPONDENTS)
    subject = draw(_SUBJECTS)
    routing: list[RoutingEntry] = []
    if max_rows > 0 and (min_rows > 0 or draw(_HAS)):
        routing.append(draw(routing_entries(after=received, within_days=within_days, first=True)))
        rest = routing_entries(after=received, within_days=within_days)
        routing += draw(st.lists(rest, min_size=max(0, min_rows - 1), max_size=max_rows - 1))
    return Worksheet(
        id_number=id_number,
        subject_codes=codes,
        direction=chosen,
        date_received=received,
        correspondent=correspondent,
        subject=subject,
        routing=tuple(routing),
        comments=draw(_COMMENTS),
        additional_correspondents=draw(_ADDITIONAL),
        media=draw(_MEDIA_CODES),
        individual_codes=draw(_INDIVIDUAL),
        mail_user_codes=draw(_MAIL),
    )


def _correspondent_text(c: Correspondent) -> str:
    return " ".join(p for p in (c.title, c.name) if p)


def worksheets(
    *,
    min_rows: int = 1,
    max_rows: int = 5,
    era: tuple[dt.date, dt.date] = DEFAULT_ERA,
    direction: Direction | None = None,
    routing_days: int = ROUTING_DAYS,
) -> st.SearchStrategy[Worksheet]:
    """Computer-printed correspondence tracking worksheets.

    ``min_rows``/``max_rows`` bound the routing table's rows; ``era`` is the
    ``(first, last)`` range of ``DATE RECEIVED`` (inclusive, default
    1989..2001; keep it within 1969..2009, the parser's plausible range);
    ``direction`` fixes the direction; routing dates fall on or after
    ``DATE RECEIVED``, at most ``routing_days`` later.  Every worksheet has
    an ID number, a direction, a date, a correspondent and a subject of
    3..40 words; comments, additional correspondents, media, individual codes
    (four digits), mail user codes, referral notes and dispositions are
    drawn or left blank.
    """
    _check_range("worksheets(min_rows, max_rows)", min_rows, max_rows)
    if era[1] < era[0]:
        raise ValueError(f"era must be (first, last) with first <= last, got {era!r}")
    if routing_days < 0:
        raise ValueError(f"routing_days must be >= 0, got {routing_days}")
    return _worksheet(min_rows, max_rows, era, direction, routing_days)


def documents(
    *, min_worksheets: int = 1, max_worksheets: int = 3, **constraints: Any
) -> st.SearchStrategy[Document]:
    """Documents holding ``min_worksheets..max_worksheets`` worksheets and nothing else.

    Each worksheet opens its own release packet, as in a dump of worksheets
    whose letters were not scanned.  Further keyword arguments constrain each
    worksheet as in :func:`worksheets`.
    """
    _check_range("documents(min_worksheets, max_worksheets)", min_worksheets, max_worksheets)
    each: st.SearchStrategy[Worksheet] = worksheets(**constraints)
    return st.lists(each, min_size=min_worksheets, max_size=max_worksheets).map(_document)


def _document(sheets: list[Worksheet]) -> Document:
    return Document(
        worksheets=tuple(sheets),
        packets=tuple(Packet(worksheets=(i,)) for i in range(len(sheets))),
    )
