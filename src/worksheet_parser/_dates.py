"""Read one date from a form field whose printed order is known.

Strategy: the caller says which order the field is printed in
(:class:`DateOrder`); the digits are never used to guess it, because the same
digits mean different dates in different fields.  :func:`read_date` first
tries one exact, compiled regular expression for the clean printed style of
that order (the fast path: a clean ``92/01/30`` costs a strip, one
``fullmatch`` and a few integer checks).  Only when that fails does it take
the repair path: it splits the text into runs with a single-pass tokenizer,
swaps OCR look-alikes only where the slot expects them (letters such as
``O``/``l``/``S`` become digits in digit slots; digits become letters in a
month name, which is then matched against the twelve month names and their
abbreviations by a small weighted edit distance, never a general dictionary),
and rebuilds the fixed-width layout from damaged separators (``9201,30``,
``920130``).  Anything that does not give exactly one valid calendar date is
reported as unreadable, never guessed.  Two-digit years use the fixed
:data:`PIVOT`; nothing reads the clock.  Every regular expression is a
sequence of single character-class runs (no nested quantifiers), and texts
longer than any date are refused before the repair path, so reading is linear
in the length of the text.

Every result is a :class:`DateReading` whose ``code`` is ``None`` (clean),
``"date-repaired"``, ``"date-empty"`` (a printed blank slot such as
``__/__/__``), ``"date-unreadable"`` or ``"date-implausible"`` (a valid date
outside the bounds; by default 1900-01-01 to 2049-12-31); all but
``"date-empty"`` are :class:`~worksheet_parser._diagnostics.DiagnosticCode`
members.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Final

import attrs

from worksheet_parser import _vocab
from worksheet_parser._diagnostics import DiagnosticCode

__all__ = ["PIVOT", "DateOrder", "DateReading", "clean_date", "read_date", "two_digit_year"]


class DateOrder(enum.Enum):
    """The order a date field is printed in; the form decides it, never the digits."""

    YY_MM_DD = "YY/MM/DD"
    """Worksheet routing dates, e.g. ``92/01/30``."""
    MM_DD_YY = "MM/DD/YY"
    """Review stamps, e.g. ``03/22/95``; a four-digit year (``07/31/2017``) is accepted too."""
    YYYY_MM_DD = "YYYY/MM/DD"
    """Archive headers, e.g. ``1992/01/29``."""
    MONTH_NAME = "MONTH D, YYYY"
    """A month name, e.g. ``JANUARY 30, 1992``, ``29 January 1992``, ``Jan. 29, 1992``."""


PIVOT: Final = 50
"""Two-digit years ``50..99`` mean 1950..1999 and ``00..49`` mean 2000..2049; fixed."""

_EMPTY: Final = "date-empty"
"""Not a diagnostic: a printed blank slot, which its reader leaves empty unreported."""
_REPAIRED: Final = DiagnosticCode.DATE_REPAIRED
_UNREADABLE: Final = DiagnosticCode.DATE_UNREADABLE
_IMPLAUSIBLE: Final = DiagnosticCode.DATE_IMPLAUSIBLE

_DEFAULT_EARLIEST: Final = dt.date(1900, 1, 1)
_DEFAULT_LATEST: Final = dt.date(2049, 12, 31)
_MAX_LENGTH: Final = 64
_SHOWN_LENGTH: Final = 40


@attrs.frozen
class DateReading:
    """What :func:`read_date` made of one date field, with a diagnostic when it was not clean."""

    value: dt.date | None
    """The date read; ``None`` when no date can be recovered."""
    text: str
    """The input text, exactly as given."""
    repaired: str | None
    """Canonical text the date was read as after repair; ``None`` if clean or unreadable."""
    code: str | None
    """``None`` when clean, else ``date-repaired``/``-empty``/``-unreadable``/``-implausible``."""
    message: str
    """A sentence for people when ``code`` is set, else ``""``."""


def two_digit_year(yy: int) -> int:
    """Return the four-digit year for a two-digit one, using the fixed :data:`PIVOT`.

    ``50..99`` give 1950..1999 and ``0..49`` give 2000..2049, whatever today's
    date is.  Raises :class:`ValueError` outside ``0..99``.
    """
    if not 0 <= yy <= 99:
        raise ValueError(f"two-digit year must be in 0..99, not {yy}")
    return 1900 + yy if yy >= PIVOT else 2000 + yy


# --- clean styles (fast path) ------------------------------------------------

_FLAGS: Final = re.ASCII
_FAST_YY: Final = re.compile(r"([0-9]{2})/([0-9]{2})/([0-9]{2})", _FLAGS)
_FAST_MDY: Final = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})", _FLAGS)
_FAST_YYYY: Final = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})", _FLAGS)
_FAST_MONTH_FIRST: Final = re.compile(
    r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)([0-9]{4}|[0-9]{2})",
    _FLAGS | re.IGNORECASE,
)
_FAST_DAY_FIRST: Final = re.compile(
    r"([0-9]{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+([0-9]{4}|[0-9]{2})",
    _FLAGS | re.IGNORECASE,
)

# A printed blank slot: only underscores, slashes and blanks (or nothing at all).
_BLANK_SLOT: Final = re.compile(r"[_/\s]*")

# --- month names ---------------------------------------------------------------

_MONTH_NAMES: Final = _vocab.MONTH_NAMES
_MONTH_WORDS: Final[dict[str, int]] = {
    **{name: i for i, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)},
    "SEPT": 9,
}


def _edit_limit(word: str) -> int:
    """How many edits a damaged month word may be from ``word`` (abbreviations: none)."""
    if word not in _MONTH_NAMES or len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


_MONTH_CANDIDATES: Final = tuple(
    (word, month, _edit_limit(word)) for word, month in _MONTH_WORDS.items()
)

# --- OCR look-alikes -------------------------------------------------------------

# In a digit slot: a letter or mark the engine emits for a digit.
_DIGIT_FOR: Final[dict[str, str]] = dict(_vocab.LETTER_TO_DIGIT)
_TO_DIGITS: Final = str.maketrans(_DIGIT_FOR)
_LOOKALIKE_LETTERS: Final = "".join(_DIGIT_FOR)

# In a month name (compared upper-case): the letters a digit or mark may stand for.
_LETTERS_FOR: Final[dict[str, str]] = {
    "0": "OQD",
    "1": "IL",
    "|": "IL",
    "!": "IL",
    "5": "S",
    "8": "B",
    "2": "Z",
    "6": "G",
}

# Numeric repair tokenizer: a run of digit-slot characters, a run of separators, or
# any other single character.  Each alternative is one character-class run.
_NUMERIC_TOKEN: Final = re.compile(
    rf"(?P<digits>[0-9{re.escape(_LOOKALIKE_LETTERS)}]+)"
    r"|(?P<sep>[\s/\\.,\-]+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_SEPARATOR_MARKS: Final = frozenset("/\\.,-")
_STRONG_MARKS: Final = frozenset("/\\.-")
# Month-name repair: words are the runs between blanks and punctuation (stray
# marks OCR puts into a date, ``JULY 15; 1989``, ``NOVEMBER 08,° 1991``, count as
# punctuation; ``|`` and ``!`` do not: they may be a digit).
_WORD: Final = re.compile(r"[^\s,./\\\-;:°'\"‘’“”~_*()=+]+")
_DIGIT_PAIR: Final = re.compile(r"[0-9]{2}")
_ORDINAL_SUFFIXES: Final = ("ST", "ND", "RD", "TH")


class _UnreadableError(Exception):
    """Raised inside the repair path with the reason the text cannot be read."""


# --- public entry point ---------------------------------------------------------


def read_date(
    text: str,
    order: DateOrder,
    *,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> DateReading:
    """Read ``text`` as a date printed in ``order``.

    Leading and trailing blanks and trailing ``.``/``,`` are ignored.  A date
    outside ``earliest..latest`` (each defaulting to 1900-01-01 and
    2049-12-31) is reported as ``date-implausible`` with no value.  Never
    raises for any text; raises :class:`ValueError` only if ``earliest`` is
    after ``latest``.
    """
    lo = _DEFAULT_EARLIEST if earliest is None else earliest
    hi = _DEFAULT_LATEST if latest is None else latest
    if lo > hi:
        raise ValueError(f"earliest {lo.isoformat()} is after latest {hi.isoformat()}")
    s = text.strip()
    if s and s[-1] in ".,":
        s = _strip_trailing(s)

    fast = _read_clean(s, order)
    if fast is not None:
        year, month, day = fast
        return _finish(text, order, year, month, day, None, lo, hi)

    if _BLANK_SLOT.fullmatch(s):
        return DateReading(None, text, None, _EMPTY, "blank date slot")
    if len(s) > _MAX_LENGTH:
        return _unreadable(text, order, f"it is too long for a date ({len(s)} characters)")
    try:
        if order is DateOrder.MONTH_NAME:
            year, month, day, width = _repair_month_name(s)
        else:
            year, month, day, width = _repair_numeric(s, order)
    except _UnreadableError as exc:
        return _unreadable(text, order, str(exc))
    canonical = _canonical(order, year, month, day, width)
    return _finish(text, order, year, month, day, canonical, lo, hi)


def clean_date(text: str, order: DateOrder) -> dt.date | None:
    """The date ``text`` gives when it is printed cleanly in ``order``, else ``None``.

    A date given here is what :func:`read_date` reads from ``text``, with no
    repair and no diagnostic, whenever it lies within the bounds asked for;
    ``None`` means only :func:`read_date` can tell what ``text`` is (damaged,
    empty, no valid calendar date).  A pure function of the text and the
    order, cheap enough to keep results of.
    """
    s = text.strip()
    if s and s[-1] in ".,":
        s = _strip_trailing(s)
    fast = _read_clean(s, order)
    if fast is None:
        return None
    year, month, day = fast
    if not (1 <= month <= 12 and dt.MINYEAR <= year <= dt.MAXYEAR):
        return None
    if not 1 <= day <= _days_in(year, month):
        return None
    return dt.date(year, month, day)


# --- helpers --------------------------------------------------------------------


def _strip_trailing(s: str) -> str:
    """Drop trailing ``.``, ``,`` and blanks in one linear scan."""
    end = len(s)
    while end and (s[end - 1] in ".," or s[end - 1].isspace()):
        end -= 1
    return s[:end]


def _read_clean(s: str, order: DateOrder) -> tuple[int, int, int] | None:
    """Return (year, month, day) when ``s`` is in the clean printed style of ``order``."""
    if order is DateOrder.YY_MM_DD:
        m = _FAST_YY.fullmatch(s)
        if m is None:
            return None
        return two_digit_year(int(m[1])), int(m[2]), int(m[3])
    if order is DateOrder.MM_DD_YY:
        m = _FAST_MDY.fullmatch(s)
        if m is None:
            return None
        return _full_year(m[3]), int(m[1]), int(m[2])
    if order is DateOrder.YYYY_MM_DD:
        m = _FAST_YYYY.fullmatch(s)
        if m is None:
            return None
        return int(m[1]), int(m[2]), int(m[3])
    m = _FAST_MONTH_FIRST.fullmatch(s)
    if m is not None:
        month = _MONTH_WORDS.get(m[1].upper())
        return None if month is None else (_full_year(m[3]), month, int(m[2]))
    m = _FAST_DAY_FIRST.fullmatch(s)
    if m is not None:
        month = _MONTH_WORDS.get(m[2].upper())
        return None if month is None else (_full_year(m[3]), month, int(m[1]))
    return None


def _full_year(digits: str) -> int:
    """Return the year for a two- or four-digit year group."""
    return two_digit_year(int(digits)) if len(digits) == 2 else int(digits)


def _to_digits(group: str) -> tuple[str, int]:
    """Return the group with look-alike letters made digits, and how many were swapped."""
    fixed = group.translate(_TO_DIGITS)
    if fixed == group:
        return group, 0
    return fixed, sum(1 for a, b in zip(group, fixed, strict=True) if a != b)


def _check_lookalikes(swapped: int, total: int) -> None:
    """Refuse a reading in which look-alike letters outnumber the real digits."""
    if swapped * 2 > total:
        raise _UnreadableError("too few of its characters are digits")


# The fixed-width layouts of each numeric order: the field widths in printed order.
_LAYOUTS: Final[dict[DateOrder, tuple[tuple[int, ...], ...]]] = {
    DateOrder.YY_MM_DD: ((2, 2, 2),),
    DateOrder.MM_DD_YY: ((2, 2, 2), (2, 2, 4)),
    DateOrder.YYYY_MM_DD: ((4, 2, 2),),
}
_FIELD_ORDER: Final[dict[DateOrder, tuple[int, int, int]]] = {
    # (year index, month index, day index) among the three groups
    DateOrder.YY_MM_DD: (0, 1, 2),
    DateOrder.MM_DD_YY: (2, 0, 1),
    DateOrder.YYYY_MM_DD: (0, 1, 2),
}


def _repair_numeric(s: str, order: DateOrder) -> tuple[int, int, int, int]:
    """Read a damaged all-numeric date: (year, month, day, digits in the year)."""
    groups: list[str] = []
    originals: list[str] = []
    separators: list[str] = []
    swapped = 0
    for token in _NUMERIC_TOKEN.finditer(s):
        kind = token.lastgroup
        piece = token.group()
        if kind == "other":
            raise _UnreadableError(f"{piece!r} has no place in a numeric date")
        if kind == "sep":
            if not groups:
                raise _UnreadableError("it starts with a separator")
            if sum(1 for c in piece if c in _SEPARATOR_MARKS) > 1:
                raise _UnreadableError(f"the separator {piece.strip()!r} is not a single mark")
            separators.append(piece)
        else:
            digits, n = _to_digits(piece)
            swapped += n
            groups.append(digits)
            originals.append(piece)
    if len(separators) >= len(groups):
        raise _UnreadableError("it ends with a separator")
    _check_lookalikes(swapped, sum(len(g) for g in groups))

    if len(groups) == 2:
        groups, separators = _slash_read_as_digit(groups, originals, separators, order)
    year_i, month_i, day_i = _FIELD_ORDER[order]
    if len(groups) == 3:
        fields = _three_groups(groups, separators, order, year_i)
    elif len(groups) in (1, 2):
        fields = _fixed_width(groups, order)
    else:
        raise _UnreadableError(f"it has {len(groups)} groups of digits, not 3")
    year = fields[year_i]
    return _full_year(year), int(fields[month_i]), int(fields[day_i]), len(year)


def _three_groups(
    groups: list[str], separators: list[str], order: DateOrder, year_i: int
) -> list[str]:
    """Check the widths of three separated digit groups against the order."""
    year_widths = (2, 4) if order is DateOrder.MM_DD_YY else (_LAYOUTS[order][0][year_i],)
    # Single-digit month or day only on a stamp, and only between real marks.
    strong = all(any(c in _STRONG_MARKS for c in sep) for sep in separators)
    short_ok = order is DateOrder.MM_DD_YY and strong
    for i, group in enumerate(groups):
        if i == year_i:
            if len(group) not in year_widths:
                raise _UnreadableError(f"the year {group!r} has {len(group)} digits")
        elif len(group) != 2 and not (short_ok and len(group) == 1):
            raise _UnreadableError(f"{group!r} is not a two-digit month or day")
    return groups


_SLASH_LOOKALIKES: Final = frozenset("1lI|!i")
"""What OCR prints for a slash between two digit groups (``92l07/08``, ``87106/27``)."""


def _slash_read_as_digit(
    groups: list[str], originals: list[str], separators: list[str], order: DateOrder
) -> tuple[list[str], list[str]]:
    """Two digit groups, one holding a slash OCR read as ``1``/``l`` where the layout
    has its separator: cut that group there (``87106/27`` -> ``87/06/27``).

    Only a group exactly one character longer than its two fields, with a
    slash look-alike at the field boundary, is cut; anything else is left as
    it was, for the fixed-width reading or a refusal.
    """
    for widths in _LAYOUTS[order]:
        for i, (group, original) in enumerate(zip(groups, originals, strict=True)):
            lead = widths[0] if i == 0 else widths[1]
            tail = widths[1] if i == 0 else widths[2]
            other = groups[1 - i]
            if (
                len(group) == lead + 1 + tail
                and len(other) == widths[2 if i == 0 else 0]
                and original[lead] in _SLASH_LOOKALIKES
            ):
                cut = [group[:lead], group[lead + 1 :]]
                new = [*cut, other] if i == 0 else [other, *cut]
                marks = ["/", *separators] if i == 0 else [*separators, "/"]
                return new, marks
    return groups, separators


def _fixed_width(groups: list[str], order: DateOrder) -> list[str]:
    """Cut run-together digit groups at the order's fixed widths, if they line up."""
    joined = "".join(groups)
    for widths in _LAYOUTS[order]:
        if sum(widths) != len(joined):
            continue
        bounds = {widths[0], widths[0] + widths[1]}
        cut = 0
        for group in groups[:-1]:
            cut += len(group)
            if cut not in bounds:
                raise _UnreadableError("its digit groups do not line up with the printed layout")
        first, second = widths[0], widths[0] + widths[1]
        return [joined[:first], joined[first:second], joined[second:]]
    raise _UnreadableError(f"{len(joined)} run-together digits do not fit {order.value}")


def _repair_month_name(s: str) -> tuple[int, int, int, int]:
    """Read a damaged month-name date: (year, month, day, digits in the year)."""
    words = _WORD.findall(s)
    if len(words) > 3 and all(_debris(w) for w in words[3:]):
        words = words[:3]  # stray marks and scraps after the year (``1997 5 :``)
    if len(words) != 3:
        raise _UnreadableError("it is not a month name, a day and a year")
    year_digits, year_swaps = _to_digits(words[2])
    if len(year_digits) not in (2, 4) or not year_digits.isascii() or not year_digits.isdigit():
        raise _UnreadableError(f"{words[2]!r} is not a year")
    month = _match_month(words[0])
    day_word = words[1]
    if month is None:
        month = _match_month(words[1])
        day_word = words[0]
    if month is None:
        raise _UnreadableError("it names no single month")
    day_digits, day_swaps = _to_digits(_strip_ordinal(day_word))
    if len(day_digits) not in (1, 2) or not day_digits.isascii() or not day_digits.isdigit():
        raise _UnreadableError(f"{day_word!r} is not a day of the month")
    _check_lookalikes(year_swaps + day_swaps, len(year_digits) + len(day_digits))
    return _full_year(year_digits), month, int(day_digits), len(year_digits)


def _debris(word: str) -> bool:
    """Whether a word after a month-name date's year is debris, not part of a date.

    A scrap (``5``, ``ye``, ``ral``) is; a number of two digits or more, or a
    word naming a month, is not: the text holds more than one date then.
    """
    return len(word) <= 4 and _DIGIT_PAIR.search(word) is None and _match_month(word) is None


def _strip_ordinal(word: str) -> str:
    """Drop an ordinal suffix (``31st``, ``2nd``) after at least one character."""
    if len(word) > 2 and word[-2:].upper() in _ORDINAL_SUFFIXES:
        return word[:-2]
    return word


def _match_month(word: str) -> int | None:
    """Return the month a possibly damaged month word names, or ``None`` if not exactly one."""
    if not 3 <= len(word) <= 12 or not word.isascii():
        return None
    up = word.upper()
    exact = _MONTH_WORDS.get(up)
    if exact is not None:
        return exact
    letters = sum(1 for c in up if "A" <= c <= "Z")
    if letters * 2 <= len(up) or any(not ("A" <= c <= "Z") and c not in _LETTERS_FOR for c in up):
        return None
    best = 3
    found: set[int] = set()
    for candidate, month, limit in _MONTH_CANDIDATES:
        cost = _distance(up, candidate, limit)
        if cost > limit or cost > best:
            continue
        if cost < best:
            best = cost
            found = set()
        found.add(month)
    return found.pop() if len(found) == 1 else None


def _distance(word: str, name: str, limit: int) -> int:
    """Edit distance from ``word`` to ``name``; a digit standing for a look-alike letter is free.

    Returns ``limit + 1`` as soon as the distance must exceed ``limit``.
    """
    if abs(len(word) - len(name)) > limit:
        return limit + 1
    previous = list(range(len(name) + 1))
    for i, char in enumerate(word, 1):
        stands_for = _LETTERS_FOR.get(char, char)
        current = [i]
        for j, target in enumerate(name, 1):
            cost = 0 if target in stands_for else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_TITLES: Final = tuple(name.title() for name in _MONTH_NAMES)


def _days_in(year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (proleptic Gregorian, any year)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _finish(
    text: str,
    order: DateOrder,
    year: int,
    month: int,
    day: int,
    repaired: str | None,
    lo: dt.date,
    hi: dt.date,
) -> DateReading:
    """Validate (year, month, day), check it against the bounds and build the reading."""
    if not 1 <= month <= 12:
        return _unreadable(text, order, f"there is no month {month}")
    if not 1 <= day <= _days_in(year, month):
        return _unreadable(text, order, f"{_MONTH_TITLES[month - 1]} {year} has no day {day}")
    ymd = (year, month, day)
    if not (lo.year, lo.month, lo.day) <= ymd <= (hi.year, hi.month, hi.day):
        return DateReading(
            None,
            text,
            repaired,
            _IMPLAUSIBLE,
            f"{_show(text)} reads as {year:04d}-{month:02d}-{day:02d}, outside the "
            f"plausible range {lo.isoformat()} to {hi.isoformat()}.",
        )
    value = dt.date(year, month, day)
    if repaired is None:
        return DateReading(value, text, None, None, "")
    return DateReading(
        value,
        text,
        repaired,
        _REPAIRED,
        f"{_show(text)} was read as {repaired} after repairing OCR damage.",
    )


def _canonical(order: DateOrder, year: int, month: int, day: int, width: int) -> str:
    """Return the canonical text of a date in ``order``; ``width`` is the year's digits as read.

    A stamp keeps the year width it was read with (``03/22/95``, ``07/31/2017``);
    a month-name date always gets four digits.
    """
    if order is DateOrder.YY_MM_DD:
        return f"{year % 100:02d}/{month:02d}/{day:02d}"
    if order is DateOrder.MM_DD_YY:
        year_text = f"{year:04d}" if width == 4 else f"{year % 100:02d}"
        return f"{month:02d}/{day:02d}/{year_text}"
    if order is DateOrder.YYYY_MM_DD:
        return f"{year:04d}/{month:02d}/{day:02d}"
    return f"{_MONTH_NAMES[month - 1]} {day}, {year:04d}"


def _unreadable(text: str, order: DateOrder, reason: str) -> DateReading:
    """Build the reading for text that gives no date."""
    return DateReading(
        None,
        text,
        None,
        _UNREADABLE,
        f"Could not read {_show(text)} as a {order.value} date: {reason}.",
    )


def _show(text: str) -> str:
    """Quote ``text`` for a message, shortened if long."""
    if len(text) > _SHOWN_LENGTH:
        return repr(text[: _SHOWN_LENGTH - 3]) + "..."
    return repr(text)
