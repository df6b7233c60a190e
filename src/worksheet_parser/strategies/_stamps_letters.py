"""The other records of a release packet: review and release stamps, letters and
archive headers, with the words they are written in; the public strategies
:func:`review_stamps`, :func:`release_stamps`, :func:`letters` and
:func:`archive_headers`.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from worksheet_parser import _vocab
from worksheet_parser._models import (
    ArchiveHeader,
    Letter,
    ReleaseStamp,
    ReviewStamp,
)
from worksheet_parser._outputs._render import release_stamp_text
from worksheet_parser.strategies._draw import (
    _RELEASE_ERA,
    _STAMP_ERA,
    DEFAULT_ERA,
    _check_era,
    _day,
    _maybe,
    _Source,
    _strategy,
    _unique,
    _words,
)
from worksheet_parser.strategies._words import _INITIALS

RELEASE_STAMP_KINDS: tuple[str, ...] = (
    "declassified",
    "no-objection",
    "state-case",
    "release-in-full",
    "release-in-part",
    "released",
)
"""The kinds of release stamp :func:`release_stamps` makes."""

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
