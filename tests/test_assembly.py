"""The assembly stage's shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta

from worksheet_parser._worksheet import (
    ERA_END,
    ERA_START,
    ROUTING_YEARS_AFTER,
    ROUTING_YEARS_BEFORE,
    _add_years,
)


class TestRoutingWindowArithmetic:
    @pytest.mark.parametrize("years", [-ROUTING_YEARS_BEFORE, ROUTING_YEARS_AFTER, -4, 1, 100])
    def test_same_as_relativedelta_for_every_day_of_the_era(self, years: int) -> None:
        """Calendar-year steps agree with ``relativedelta(years=...)`` on every day of
        the era, 29 February included."""
        day = ERA_START - dt.timedelta(days=366)
        while day <= ERA_END + dt.timedelta(days=366):
            assert _add_years(day, years) == day + relativedelta(years=years), day
            day += dt.timedelta(days=1)

    def test_leap_day(self) -> None:
        assert _add_years(dt.date(1992, 2, 29), -1) == dt.date(1991, 2, 28)
        assert _add_years(dt.date(1992, 2, 29), 4) == dt.date(1996, 2, 29)
        assert _add_years(dt.date(1996, 2, 29), 4) == dt.date(2000, 2, 29)
        assert _add_years(dt.date(2096, 2, 29), 4) == dt.date(2100, 2, 28)
