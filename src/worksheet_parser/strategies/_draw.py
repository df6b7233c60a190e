"""How values are drawn: a *source* of choices (hypothesis's ``draw`` or a seeded
:class:`random.Random`), the small drawing helpers every generator shares, and the
eras (date ranges) of the form variants.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

from worksheet_parser._models import FormVariant

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


_STAMP_ERA = (dt.date(1990, 1, 1), dt.date(2016, 12, 31))
_RELEASE_ERA = (dt.date(1996, 1, 1), dt.date(2020, 12, 31))
