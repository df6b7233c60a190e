"""Hypothesis strategies for valid, realistic records: worksheets, stamps, letters, packets.

Use them to property-test code that consumes this library's records, or the
parser itself through ``render``::

    from hypothesis import given
    from worksheet_parser import parse, render
    from worksheet_parser.strategies import documents

    @given(documents())
    def test_round_trip(doc):
        assert parse(render(doc)) == doc

Needs the optional extra: ``pip install worksheet-parser[hypothesis]``.

Strategy: every record is built by one generator function that asks a
*source* for its choices (pick one of these, a whole number in this range,
yes or no).  Under hypothesis the source is the ``draw`` of a composite
strategy, so every choice is a simple strategy (``sampled_from``,
``integers``, ``booleans``) and failures shrink to the first name in each
list, few rows, short texts, no optional field and dates on the earliest
day; :func:`example_documents` drives the same generators from a seeded
:class:`random.Random`, for a fixed corpus without hypothesis's search (the
accuracy benchmark).  The values come from the forms' world: honorifics from
the parser's own vocabulary, White House offices and staff, WHORM subject
categories, subject-line words; capitals on the computer-printed worksheet,
typed mixed case on the 5/81 and records management forms.  Dates that
depend on each other (routing dates on or after ``DATE RECEIVED``, a
completion on or after its action, a letter a few days before it was
received, a review years later) are drawn as day offsets, which shrink to
zero.  Each form variant has its own era (the years it was in use).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

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
    ArchiveHeader,
    Correspondent,
    Direction,
    DispositionCode,
    Document,
    FormVariant,
    Letter,
    Packet,
    ReleaseStamp,
    ReviewStamp,
    RoutingEntry,
    Worksheet,
)
from worksheet_parser._render import release_stamp_text

__all__ = [
    "DEFAULT_ERA",
    "ERAS",
    "RELEASE_STAMP_KINDS",
    "archive_headers",
    "correspondents",
    "documents",
    "example_documents",
    "letters",
    "noisy_documents",
    "offices",
    "packets",
    "release_stamps",
    "review_stamps",
    "routing_entries",
    "subject_codes",
    "subjects",
    "worksheets",
]

if TYPE_CHECKING:
    from worksheet_parser.noise import NoisyText

T = TypeVar("T")

DEFAULT_ERA: tuple[dt.date, dt.date] = (dt.date(1989, 1, 1), dt.date(2001, 12, 31))
"""Years the computer-printed worksheet was in use: the default ``DATE RECEIVED`` range."""

ERAS: dict[FormVariant, tuple[dt.date, dt.date]] = {
    FormVariant.COMPUTER_PRINTED: DEFAULT_ERA,
    FormVariant.FORM_5_81: (dt.date(1981, 6, 1), dt.date(1989, 1, 20)),
    FormVariant.RECORDS_MANAGEMENT: (dt.date(1981, 6, 1), dt.date(1992, 12, 31)),
}
"""Default date ranges per form (``DATE RECEIVED``; the routing on records management)."""

ROUTING_DAYS = 120
"""By default, routing dates fall at most this many days after ``DATE RECEIVED``."""

RELEASE_STAMP_KINDS: tuple[str, ...] = (
    "declassified",
    "no-objection",
    "state-case",
    "release-in-full",
    "release-in-part",
    "released",
)
"""The kinds of release stamp :func:`release_stamps` makes."""

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

# Typed values of the 5/81 and records management forms (mixed case).
_TYPED_TITLES = (
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "The Honorable",
    "Senator",
    "Governor",
    "Mayor",
    "Reverend",
    "Professor",
)
_TYPED_OFFICES = (
    "CUFF",
    "WHLEG",
    "WHPC",
    "WHSCHED",
    "NSC",
    "OMB",
    "DOS",
    "DOD",
    "OPL",
    "OPD",
    "CENTRAL FILES",
    "PRESIDENTIAL CORRESPONDENCE",
)
_TYPED_SUBJECT_WORDS = (
    "Requests",
    "a",
    "photograph",
    "of",
    "the",
    "President",
    "for",
    "Boy",
    "Scouts",
    "America",
    "jamboree",
    "Invites",
    "to",
    "address",
    "annual",
    "convention",
    "Expresses",
    "support",
    "tax",
    "reform",
    "Thanks",
    "kind",
    "letter",
    "Urges",
    "veto",
    "on",
    "trade",
    "policy",
    "with",
    "Japan",
    "Opposes",
    "budget",
    "cuts",
    "farm",
    "aid",
    "Congratulates",
    "recent",
    "speech",
    "in",
    "Geneva",
    "arms",
    "control",
)
_TYPED_NOTE_WORDS = (
    "Please",
    "reply",
    "for",
    "the",
    "President",
    "See",
    "attached",
    "Draft",
    "copy",
    "sent",
    "to",
    "Hold",
    "pending",
    "review",
)
_TYPED_COMMENT_WORDS = (
    "Forwarded",
    "to",
    "the",
    "Scouts",
    "liaison",
    "Original",
    "filed",
    "with",
    "photo",
    "office",
    "Copy",
    "sent",
    "Hold",
    "for",
    "review",
    "Priority",
    "constituent",
)

# Stamps, letters and archive headers.
_REVIEWERS_FIRST = ("ROBERT", "THOMAS", "MARY", "JAMES", "LINDA", "SHARON", "DAVID")
_REVIEWERS_LAST = ("MILLER", "AINSWORTH", "JOHNSON", "DAVIS", "LOPEZ", "CLARK", "WRIGHT")
_AUTHORITIES = ("E.O. 12958, AS AMENDED", "E.O. 13526", "E.O. 12356", "E.O. 12958")
_LETTERHEADS = (
    "United States Senate",
    "House of Representatives",
    "Congress of the United States",
    "Committee on Foreign Relations",
    "Committee on the Judiciary",
    "Office of the Governor",
)
_PLACES = (
    "WASHINGTON, DC 20510",
    "WASHINGTON, DC 20515",
    "Washington, D.C. 20510",
    "Boston, MA 02203",
    "Austin, TX 78701",
)
_RECIPIENTS = (
    "The Honorable George Bush The White House Washington, D.C.",
    "The President The White House Washington, DC 20500",
    "President Ronald Reagan The White House",
    "The Honorable William J. Clinton The White House",
)
_SALUTATIONS = (
    "Dear Mr. President:",
    "Dear President Bush:",
    "Dear Mr. Vice President:",
    "Dear Sir:",
)
_BODY_WORDS = (
    "we",
    "are",
    "deeply",
    "concerned",
    "by",
    "the",
    "prospect",
    "of",
    "your",
    "meeting",
    "with",
    "premier",
    "and",
    "urge",
    "you",
    "to",
    "reject",
    "his",
    "request",
    "it",
    "would",
    "be",
    "inconsistent",
    "policy",
    "for",
    "such",
    "a",
    "take",
    "place",
    "while",
    "thousands",
    "remain",
    "imprisoned",
    "government",
    "must",
    "demonstrate",
    "progress",
    "toward",
    "respecting",
    "human",
    "rights",
    "look",
    "forward",
    "response",
    "administration",
    "should",
    "call",
    "release",
    "Congress",
    "China",
    "Tibet",
    "Geneva",
    "Beijing",
)
_SIGNER_FIRST = ("Edward", "John", "Joseph", "George", "Robert", "Nancy", "Barbara", "Daniel")
_SIGNER_LAST = ("Kennedy", "Kerry", "Biden", "Mitchell", "Dole", "Kassebaum", "Moynihan", "Pell")


# --------------------------------------------------------------------------
# Sources of choices: hypothesis's draw, or a seeded random.Random.
# --------------------------------------------------------------------------


class _Source(Protocol):
    def pick(self, options: Sequence[T]) -> T: ...
    def integer(self, lo: int, hi: int) -> int: ...
    def flag(self) -> bool: ...


@functools.cache
def _sampled(options: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(options)


class _Drawn:
    """Choices drawn by hypothesis: they shrink to the first option, the lower bound, False."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def pick(self, options: Sequence[T]) -> T:
        value: T = self._draw(_sampled(tuple(options)))
        return value

    def integer(self, lo: int, hi: int) -> int:
        return self._draw(st.integers(lo, hi))

    def flag(self) -> bool:
        return self._draw(st.booleans())


class _Random:
    """Choices made by a seeded :class:`random.Random`."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def pick(self, options: Sequence[T]) -> T:
        return self._rng.choice(options)

    def integer(self, lo: int, hi: int) -> int:
        return self._rng.randint(lo, hi)

    def flag(self) -> bool:
        return self._rng.random() < 0.5


def _maybe(src: _Source, make: Callable[[], T]) -> T | None:
    """``None`` or a value; shrinks towards ``None`` (the empty field)."""
    return make() if src.flag() else None


def _words(src: _Source, vocabulary: Sequence[str], lo: int, hi: int) -> str:
    return " ".join(src.pick(vocabulary) for _ in range(src.integer(lo, hi)))


def _unique(src: _Source, lo: int, hi: int, make: Callable[[], T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(make() for _ in range(src.integer(lo, hi))))


def _day(src: _Source, era: tuple[dt.date, dt.date]) -> dt.date:
    return era[0] + dt.timedelta(days=src.integer(0, (era[1] - era[0]).days))


def _check_range(name: str, lo: int, hi: int) -> None:
    if lo < 0 or hi < lo:
        raise ValueError(f"{name}: need 0 <= min <= max, got {lo}..{hi}")


def _check_era(era: tuple[dt.date, dt.date]) -> None:
    if era[1] < era[0]:
        raise ValueError(f"era must be (first, last) with first <= last, got {era!r}")


def _form(form: FormVariant | str | None) -> FormVariant | None:
    return None if form is None else FormVariant(form)


def _strategy(make: Callable[[_Source], T]) -> st.SearchStrategy[T]:
    """The hypothesis strategy of a generator."""

    @st.composite
    def drawn(draw: st.DrawFn) -> T:
        return make(_Drawn(draw))

    return drawn()


# --------------------------------------------------------------------------
# Generators.
# --------------------------------------------------------------------------


def _subject_code(src: _Source) -> str:
    code = src.pick(_WHORM_CATEGORIES)
    if src.flag():
        code += f"{src.integer(1, 199):03d}"
        if src.flag():
            code += f"-{src.integer(1, 20):02d}"
    return code


def _person(src: _Source, typed: bool) -> str:
    first = src.pick(_FIRST_NAMES)
    initial = _maybe(src, lambda: src.pick(_INITIALS))
    last = src.pick(_LAST_NAMES)
    suffix = _maybe(src, lambda: src.pick(_SUFFIXES))
    if typed:
        first, last = first.title(), last.title()
        suffix = suffix if suffix is None or suffix == "III" else suffix.title()
    return " ".join(p for p in (first, initial and f"{initial}.", last, suffix) if p)


def _correspondent(src: _Source, typed: bool = False) -> Correspondent:
    if src.flag():
        title = src.pick(_TYPED_TITLES if typed else _vocab.HONORIFICS[::-1])
        return Correspondent(title, _person(src, typed))
    if src.flag():
        return Correspondent(None, src.pick(_ORGANISATIONS))
    return Correspondent(None, _person(src, typed))


def _routing_entry(
    src: _Source, after: dt.date, within_days: int, first: bool, typed: bool = False
) -> RoutingEntry:
    office = src.pick(_TYPED_OFFICES if typed else _OFFICES)
    action_code = src.pick((ActionCode.ORG, *_ACTION_CODES) if first else _ACTION_CODES)
    offset = src.integer(0, within_days)
    action_date = after + dt.timedelta(days=offset) if src.flag() else None
    disposition_code = _maybe(src, lambda: src.pick(tuple(DispositionCode)))
    disposition_date: dt.date | None = None
    response_type: str | None = None
    if disposition_code is not None and src.flag():
        start = action_date or after
        later = src.integer(0, within_days - (start - after).days)
        disposition_date = start + dt.timedelta(days=later)
        # TYPE RESP: for outgoing mail, the initials of whoever signed.
        response_type = _maybe(src, lambda: src.pick(_SIGNERS))
    notes = _TYPED_NOTE_WORDS if typed else _NOTE_WORDS
    return RoutingEntry(
        office=office,
        action_code=action_code,
        action_date=action_date,
        response_type=response_type,
        disposition_code=disposition_code,
        disposition_date=disposition_date,
        referral_note=_maybe(src, lambda: _words(src, notes, 2, 6)),
    )


def _routing(
    src: _Source, after: dt.date, within_days: int, min_rows: int, max_rows: int, typed: bool
) -> tuple[RoutingEntry, ...]:
    rows: list[RoutingEntry] = []
    if max_rows > 0 and (min_rows > 0 or src.flag()):
        rows.append(_routing_entry(src, after, within_days, True, typed))
        count = src.integer(max(0, min_rows - 1), max_rows - 1)
        rows.extend(_routing_entry(src, after, within_days, False, typed) for _ in range(count))
    return tuple(rows)


def _correspondent_text(c: Correspondent) -> str:
    return " ".join(p for p in (c.title, c.name) if p)


def _worksheet(
    src: _Source,
    *,
    form: FormVariant | None = None,
    min_rows: int = 1,
    max_rows: int = 5,
    era: tuple[dt.date, dt.date] | None = None,
    direction: Direction | None = None,
    routing_days: int = ROUTING_DAYS,
    max_subject_words: int = 40,
) -> Worksheet:
    chosen = form if form is not None else src.pick(tuple(FormVariant))
    received = _day(src, era or ERAS[chosen])
    id_number = str(src.integer(100000, 999999))
    if chosen is FormVariant.RECORDS_MANAGEMENT:
        return Worksheet(
            id_number=id_number,
            subject_codes=_unique(src, 0, 3, lambda: _subject_code(src)),
            subject=_words(src, _TYPED_SUBJECT_WORDS, 3, max_subject_words),
            routing=_routing(src, received, routing_days, min_rows, max_rows, True),
            comments=_maybe(src, lambda: _words(src, _TYPED_COMMENT_WORDS, 1, 12)),
            media=_maybe(src, lambda: src.pick(("X", *_MEDIA))),
            form=chosen,
        )
    typed = chosen is FormVariant.FORM_5_81
    codes = _unique(src, 0, 3, lambda: _subject_code(src))
    way = direction if direction is not None else src.pick(tuple(Direction))
    correspondent = _correspondent(src, typed)
    subject = _words(src, _TYPED_SUBJECT_WORDS if typed else _SUBJECT_WORDS, 3, max_subject_words)
    routing = _routing(src, received, routing_days, min_rows, max_rows, typed)
    comments = _maybe(
        src, lambda: _words(src, _TYPED_COMMENT_WORDS if typed else _COMMENT_WORDS, 1, 12)
    )
    if typed:
        additional = _maybe(src, lambda: str(src.integer(1, 30)))
    else:
        additional = _maybe(
            src,
            lambda: (
                str(src.integer(1, 30)) if src.flag() else _correspondent_text(_correspondent(src))
            ),
        )
    return Worksheet(
        id_number=id_number,
        subject_codes=codes,
        direction=way,
        date_received=received,
        correspondent=correspondent,
        subject=subject,
        routing=routing,
        comments=comments,
        additional_correspondents=additional,
        media=_maybe(src, lambda: src.pick(_MEDIA)),
        individual_codes=_unique(src, 0, 4, lambda: str(src.integer(1000, 9999))),
        mail_user_codes=_unique(src, 0, 3, lambda: src.pick(_MAIL_USER_CODES)),
        form=chosen,
    )


def _review_stamp(src: _Source, era: tuple[dt.date, dt.date]) -> ReviewStamp:
    return ReviewStamp(
        agency=src.pick(_vocab.REVIEW_STAMP_AGENCIES),
        office=src.pick(_vocab.REVIEW_STAMP_OFFICES),
        reviewer=f"{src.pick(_REVIEWERS_LAST)}, {src.pick(_REVIEWERS_FIRST)}",
        date=_day(src, era),
        case_id=str(src.integer(1000000, 9999999)),
    )


def _release_stamp(
    src: _Source, era: tuple[dt.date, dt.date], kind: str | None = None
) -> ReleaseStamp:
    chosen = kind if kind is not None else src.pick(RELEASE_STAMP_KINDS)
    stamp = ReleaseStamp(kind=chosen)
    if chosen == "declassified":
        stamp = ReleaseStamp(kind=chosen, authority=src.pick(_AUTHORITIES))
    elif chosen == "no-objection":
        number = "-".join(
            [f"NL{src.pick('CRG')}", str(src.integer(1, 99)), str(src.integer(1, 199))]
            + [str(src.integer(1, 20)) for _ in range(3)]
        )
        stamp = ReleaseStamp(kind=chosen, date=_day(src, era), case_number=number)
    elif chosen == "state-case":
        day = _day(src, era)
        stamp = ReleaseStamp(
            kind=chosen,
            date=day,
            case_number=f"F-{day.year}-{src.integer(1, 99999):05d}",
            document_number=f"C{src.integer(10000000, 99999999)}",
        )
    return ReleaseStamp(
        kind=stamp.kind,
        text=release_stamp_text(stamp),
        authority=stamp.authority,
        date=stamp.date,
        case_number=stamp.case_number,
        document_number=stamp.document_number,
    )


def _sentence(src: _Source) -> str:
    words = _words(src, _BODY_WORDS, 4, 14)
    return words[0].upper() + words[1:] + "."


def _paragraph(src: _Source) -> str:
    text = " ".join(_sentence(src) for _ in range(src.integer(1, 4)))
    return f"-- {text}" if src.flag() and src.flag() else text


def _signatory(src: _Source) -> str:
    name = " ".join(
        p
        for p in (
            src.pick(_SIGNER_FIRST),
            _maybe(src, lambda: src.pick(_INITIALS) + "."),
            src.pick(_SIGNER_LAST),
        )
        if p
    )
    return name + ", Jr." if src.flag() and src.flag() else name


def _letter(src: _Source, era: tuple[dt.date, dt.date], written: dt.date | None = None) -> Letter:
    letterhead = _unique(src, 0, 2, lambda: src.pick(_LETTERHEADS))
    return Letter(
        letterhead=letterhead,
        place=_maybe(src, lambda: src.pick(_PLACES)),
        date=written or _day(src, era),
        recipient=_maybe(src, lambda: src.pick(_RECIPIENTS)),
        salutation=src.pick(_SALUTATIONS),
        body=tuple(_paragraph(src) for _ in range(src.integer(1, 4))),
        closing=src.pick(_vocab.LETTER_CLOSINGS),
        signatories=_unique(src, 1, 3, lambda: _signatory(src)),
    )


def _archive_header(
    src: _Source, era: tuple[dt.date, dt.date], dated: dt.date | None = None
) -> ArchiveHeader:
    number = _maybe(src, lambda: f"{src.integer(1, 99999):05d}")
    date = dated or _day(src, era) if number is None or src.flag() else None
    return ArchiveHeader(
        document_number=number,
        date=date,
        status=src.pick(_vocab.HEADER_STATUSES),
        page_tags=_unique(src, 0, 2, lambda: f"{src.integer(1, 999)}{src.pick('ABCDEFGH')}"),
    )


_STAMP_ERA = (dt.date(1990, 1, 1), dt.date(2016, 12, 31))
_RELEASE_ERA = (dt.date(1996, 1, 1), dt.date(2020, 12, 31))


def _packet(src: _Source, worksheet: dict[str, Any]) -> list[tuple[str, Any]]:
    """The blocks of one release packet, in print order, as ``(group, record)``.

    A worksheet always opens the packet (after its archive header, if any); the
    letter was written a few days before it was received, the archive header
    carries the letter's date, review stamps come years later.
    """
    ws = _worksheet(src, **worksheet)
    received = ws.date_received
    if received is None and ws.routing:
        received = ws.routing[0].action_date
    written = received - dt.timedelta(days=src.integer(1, 20)) if received else None
    era = (written, written) if written else ERAS[ws.form]
    blocks: list[tuple[str, Any]] = []
    if src.flag():
        blocks.append(("headers", _archive_header(src, era, written)))
    blocks.append(("worksheets", ws))
    blocks.extend(
        ("review_stamps", _review_stamp(src, _STAMP_ERA)) for _ in range(src.integer(0, 2))
    )
    if src.flag():
        blocks.append(("letters", _letter(src, era, written)))
    if src.flag():
        count = src.integer(1, 2)
        blocks.extend(("release_stamps", _release_stamp(src, _RELEASE_ERA)) for _ in range(count))
    return blocks


_GROUPS = ("headers", "worksheets", "review_stamps", "letters", "release_stamps")


def _assemble(packets: Sequence[Sequence[tuple[str, Any]]]) -> Document:
    """A document of the packets' blocks, with each packet's indexes."""
    records: dict[str, list[Any]] = {g: [] for g in _GROUPS}
    groups: list[Packet] = []
    for blocks in packets:
        indexes: dict[str, list[int]] = {g: [] for g in _GROUPS}
        for group, record in blocks:
            indexes[group].append(len(records[group]))
            records[group].append(record)
        groups.append(
            Packet(
                headers=tuple(indexes["headers"]),
                worksheets=tuple(indexes["worksheets"]),
                review_stamps=tuple(indexes["review_stamps"]),
                release_stamps=tuple(indexes["release_stamps"]),
                letters=tuple(indexes["letters"]),
            )
        )
    return Document(
        worksheets=tuple(records["worksheets"]),
        review_stamps=tuple(records["review_stamps"]),
        letters=tuple(records["letters"]),
        headers=tuple(records["headers"]),
        release_stamps=tuple(records["release_stamps"]),
        packets=tuple(groups),
    )


def _document(
    src: _Source,
    *,
    min_packets: int,
    max_packets: int,
    only_worksheets: bool,
    worksheet: dict[str, Any],
) -> Document:
    count = src.integer(min_packets, max_packets)
    if only_worksheets:
        return _assemble([[("worksheets", _worksheet(src, **worksheet))] for _ in range(count)])
    return _assemble([_packet(src, worksheet) for _ in range(count)])


# --------------------------------------------------------------------------
# Public strategies.
# --------------------------------------------------------------------------


def subject_codes() -> st.SearchStrategy[str]:
    """WHORM subject file codes: ``HU``, ``CO034``, ``FG006-01``.

    Two letters (a real WHORM category), optionally three digits, optionally
    a ``-NN`` suffix after the digits.
    """
    return _strategy(_subject_code)


def correspondents(*, typed: bool = False) -> st.SearchStrategy[Correspondent]:
    """``NAME OF CORRESPONDENT`` values: a person with or without an honorific, or an organisation.

    Honorifics come from the parser's vocabulary (``THE HONORABLE``,
    ``SENATOR``, ``DR.``...); a title always comes with a name.  ``typed=True``
    gives the mixed case typed on the 5/81 form (``Mr. John Q. Smith``).
    """
    return _strategy(lambda src: _correspondent(src, typed))


def offices(*, typed: bool = False) -> st.SearchStrategy[str]:
    """``ROUTE TO: OFFICE/AGENCY (STAFF NAME)`` values: offices, agencies and staff names.

    ``typed=True`` gives the office codes typed on the 5/81 form (``CUFF``, ``WHLEG``).
    """
    return st.sampled_from(_TYPED_OFFICES if typed else _OFFICES)


def subjects(
    *, min_words: int = 3, max_words: int = 40, typed: bool = False
) -> st.SearchStrategy[str]:
    """``SUBJECT`` lines: ``min_words..max_words`` words, single-spaced.

    Upper case, as the computer-printed worksheet prints them, or typed mixed
    case with ``typed=True``.
    """
    _check_range("subjects(min_words, max_words)", min_words, max_words)
    words = _TYPED_SUBJECT_WORDS if typed else _SUBJECT_WORDS
    return _strategy(lambda src: _words(src, words, max(1, min_words), max(1, max_words)))


def routing_entries(
    *,
    after: dt.date = DEFAULT_ERA[0],
    within_days: int = ROUTING_DAYS,
    first: bool = False,
    typed: bool = False,
) -> st.SearchStrategy[RoutingEntry]:
    """Rows of the routing table.

    Every row names an office and an action code; its dates fall on or after
    ``after`` (the worksheet's ``DATE RECEIVED``) and at most ``within_days``
    later, the completion on or after the action.  ``first=True`` makes the
    first row of a table, whose action code is often ``ORG``.  A ``TYPE
    RESP`` (signer's initials) only comes with a completed disposition.
    ``typed=True`` gives the office codes and notes of the typed forms.
    """
    if within_days < 0:
        raise ValueError(f"within_days must be >= 0, got {within_days}")
    return _strategy(lambda src: _routing_entry(src, after, within_days, first, typed))


def _worksheet_options(
    form: FormVariant | str | None,
    min_rows: int,
    max_rows: int,
    era: tuple[dt.date, dt.date] | None,
    direction: Direction | None,
    routing_days: int,
    max_subject_words: int = 40,
) -> dict[str, Any]:
    _check_range("worksheets(min_rows, max_rows)", min_rows, max_rows)
    _check_range("worksheets(3, max_subject_words)", 3, max_subject_words)
    if era is not None:
        _check_era(era)
    if routing_days < 0:
        raise ValueError(f"routing_days must be >= 0, got {routing_days}")
    chosen = _form(form)
    if direction is not None and chosen is FormVariant.RECORDS_MANAGEMENT:
        raise ValueError("the records-management form has no direction")
    return {
        "form": chosen,
        "min_rows": min_rows,
        "max_rows": max_rows,
        "era": era,
        "direction": direction,
        "routing_days": routing_days,
        "max_subject_words": max_subject_words,
    }


def worksheets(
    *,
    form: FormVariant | str | None = FormVariant.COMPUTER_PRINTED,
    min_rows: int = 1,
    max_rows: int = 5,
    era: tuple[dt.date, dt.date] | None = None,
    direction: Direction | None = None,
    routing_days: int = ROUTING_DAYS,
    max_subject_words: int = 40,
) -> st.SearchStrategy[Worksheet]:
    """Correspondence tracking worksheets of one form variant (``form=None``: any).

    ``min_rows``/``max_rows`` bound the routing table's rows; ``era`` is the
    ``(first, last)`` range of ``DATE RECEIVED`` (inclusive; default the
    form's years, :data:`ERAS`: 1989..2001 for the computer-printed
    worksheet; keep it within 1969..2009, the parser's plausible range);
    ``direction`` fixes the direction; routing dates fall on or after
    ``DATE RECEIVED``, at most ``routing_days`` later.  Every worksheet has
    an ID number and a subject; the correspondence forms also a direction, a
    date received and a correspondent; subjects have 3..``max_subject_words``
    words; comments, additional
    correspondents, media, individual codes (four digits), mail user codes,
    referral notes and dispositions are drawn or left blank.  The records
    management worksheet holds only what it prints: ID, document name
    (``subject``), routing, subject codes, comments and media.
    """
    options = _worksheet_options(
        form, min_rows, max_rows, era, direction, routing_days, max_subject_words
    )
    return _strategy(lambda src: _worksheet(src, **options))


def review_stamps(*, era: tuple[dt.date, dt.date] = _STAMP_ERA) -> st.SearchStrategy[ReviewStamp]:
    """FOI review stamps: a known agency and office, ``LAST, FIRST`` reviewer, date, case id.

    The date falls in ``era`` (default 1990..2016); the case id has seven digits.
    """
    _check_era(era)
    return _strategy(lambda src: _review_stamp(src, era))


def release_stamps(
    *, kind: str | None = None, era: tuple[dt.date, dt.date] = _RELEASE_ERA
) -> st.SearchStrategy[ReleaseStamp]:
    """Release stamps of one of :data:`RELEASE_STAMP_KINDS` (``kind=None``: any).

    Each has the ``text`` the stamp prints and the fields read from it: the
    authority of a declassification, the date and control number of a *No
    Objection* stamp, State's case and document numbers and date; dates fall
    in ``era`` (default 1996..2020).
    """
    if kind is not None and kind not in RELEASE_STAMP_KINDS:
        raise ValueError(f"kind must be one of {RELEASE_STAMP_KINDS}, got {kind!r}")
    _check_era(era)
    return _strategy(lambda src: _release_stamp(src, era, kind))


def letters(*, era: tuple[dt.date, dt.date] = DEFAULT_ERA) -> st.SearchStrategy[Letter]:
    """Letters: letterhead, place, a date in ``era``, inside address, salutation,
    1..4 body paragraphs (some opening with a list dash), closing and 1..3 signatures."""
    _check_era(era)
    return _strategy(lambda src: _letter(src, era))


def archive_headers(
    *, era: tuple[dt.date, dt.date] = DEFAULT_ERA
) -> st.SearchStrategy[ArchiveHeader]:
    """Archive headers naming a document: a document number and/or a date in ``era``,
    a release status and 0..2 page tags."""
    _check_era(era)
    return _strategy(lambda src: _archive_header(src, era))


def documents(
    *,
    min_packets: int = 1,
    max_packets: int = 3,
    only_worksheets: bool = False,
    form: FormVariant | str | None = None,
    min_rows: int = 1,
    max_rows: int = 5,
    era: tuple[dt.date, dt.date] | None = None,
    direction: Direction | None = None,
    routing_days: int = ROUTING_DAYS,
    max_subject_words: int = 40,
) -> st.SearchStrategy[Document]:
    """Documents (OCR dumps) of ``min_packets..max_packets`` release packets.

    Each packet has a worksheet (of ``form``; any variant by default), and
    may have an archive header before it, review stamps, the letter and
    release stamps after it, with ``Document.packets`` saying which block is
    in which packet.  ``only_worksheets=True`` gives dumps of worksheets
    alone, each its own packet.  The other keywords constrain each worksheet
    as in :func:`worksheets`.
    """
    _check_range("documents(min_packets, max_packets)", min_packets, max_packets)
    options = _worksheet_options(
        form, min_rows, max_rows, era, direction, routing_days, max_subject_words
    )
    return _strategy(
        lambda src: _document(
            src,
            min_packets=min_packets,
            max_packets=max_packets,
            only_worksheets=only_worksheets,
            worksheet=options,
        )
    )


def packets(**constraints: Any) -> st.SearchStrategy[Document]:
    """Documents holding one release packet; keywords as for :func:`documents`."""
    return documents(min_packets=1, max_packets=1, **constraints)


def noisy_documents(
    *, level: int = 2, kinds: Sequence[str] | None = None, **constraints: Any
) -> st.SearchStrategy[NoisyText]:
    """Documents rendered and damaged the way OCR engines damage scans, at noise ``level``
    (0 to 3), as :class:`~worksheet_parser.noise.NoisyText` (the clean records, the
    damaged text and a record of every damage).  ``kinds`` restricts the damage (see
    :data:`worksheet_parser.noise.KINDS`; :data:`~worksheet_parser.noise.ENGINE_KINDS` is
    what real engines do to photocopied scans); other keywords as for :func:`documents`.
    Shrinks towards fewer packets and no damage."""
    from worksheet_parser.noise import noisy_text

    return noisy_text(documents(**constraints), level=level, kinds=kinds)


def example_documents(n: int, *, seed: int = 0, **constraints: Any) -> list[Document]:
    """``n`` documents drawn from a :class:`random.Random` seeded with ``seed``, without
    hypothesis's search: a fixed corpus (the same for the same seed and version).

    Keywords as for :func:`documents` (default: one packet each).

    >>> corpus = example_documents(3, seed=1)
    >>> len(corpus), corpus == example_documents(3, seed=1)
    (3, True)
    """
    defaults: dict[str, Any] = {"min_packets": 1, "max_packets": 1, "only_worksheets": False}
    defaults.update(constraints)
    sizes = {k: defaults.pop(k) for k in ("min_packets", "max_packets", "only_worksheets")}
    _check_range(
        "example_documents(min_packets, max_packets)", sizes["min_packets"], sizes["max_packets"]
    )
    options = _worksheet_options(
        defaults.pop("form", None),
        defaults.pop("min_rows", 1),
        defaults.pop("max_rows", 5),
        defaults.pop("era", None),
        defaults.pop("direction", None),
        defaults.pop("routing_days", ROUTING_DAYS),
        defaults.pop("max_subject_words", 40),
    )
    if defaults:
        raise TypeError(f"unknown constraints: {sorted(defaults)}")
    src = _Random(random.Random(seed))
    return [_document(src, worksheet=options, **sizes) for _ in range(n)]
