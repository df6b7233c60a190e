"""Worksheet fields and whole worksheets: subject codes, correspondents, offices,
subjects and the worksheet itself, for every form variant; the public strategies
:func:`subject_codes`, :func:`correspondents`, :func:`offices`, :func:`subjects`
and :func:`worksheets`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from worksheet_parser import _vocab
from worksheet_parser._models import (
    Correspondent,
    Direction,
    FormVariant,
    Worksheet,
)
from worksheet_parser.strategies._draw import (
    ERAS,
    ROUTING_DAYS,
    _check_era,
    _check_range,
    _day,
    _form,
    _maybe,
    _Source,
    _strategy,
    _unique,
    _words,
)
from worksheet_parser.strategies._routing import _routing
from worksheet_parser.strategies._words import (
    _COMMENT_WORDS,
    _FIRST_NAMES,
    _INITIALS,
    _LAST_NAMES,
    _MAIL_USER_CODES,
    _MEDIA,
    _OFFICES,
    _ORGANISATIONS,
    _SUBJECT_WORDS,
    _SUFFIXES,
    _TYPED_COMMENT_WORDS,
    _TYPED_OFFICES,
    _TYPED_SUBJECT_WORDS,
    _TYPED_TITLES,
    _WHORM_CATEGORIES,
)


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
