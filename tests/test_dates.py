"""Tests for :mod:`worksheet_parser._dates`: reading one date field in a known order."""

from __future__ import annotations

import datetime as dt
import inspect
import types
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from worksheet_parser import _dates
from worksheet_parser._dates import PIVOT, DateOrder, DateReading, read_date, two_digit_year

YMD = DateOrder.YY_MM_DD
MDY = DateOrder.MM_DD_YY
YYYY = DateOrder.YYYY_MM_DD
NAME = DateOrder.MONTH_NAME
NUMERIC_ORDERS = (YMD, MDY, YYYY)

JAN_30_1992 = dt.date(1992, 1, 30)

# The OCR look-alikes that stand for each digit, as the module's contract lists them.
LOOKALIKES = {
    "0": "OoQD",
    "1": "lIi|!",
    "5": "Ss",
    "8": "B",
    "2": "Zz",
    "6": "G",
}
MONTHS = (
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
GOOD_CODES = (None, "date-repaired")


def canonical(date: dt.date, order: DateOrder) -> str:
    """Format ``date`` as the clean printed text of ``order``."""
    if order is YMD:
        return f"{date.year % 100:02d}/{date.month:02d}/{date.day:02d}"
    if order is MDY:
        return f"{date.month:02d}/{date.day:02d}/{date.year % 100:02d}"
    if order is YYYY:
        return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def assert_clean(reading: DateReading, expected: dt.date) -> None:
    """The reading is the expected date with no diagnostic."""
    assert reading.value == expected
    assert reading.code is None
    assert reading.repaired is None
    assert reading.message == ""


def assert_repaired(reading: DateReading, expected: dt.date, as_text: str) -> None:
    """The reading is the expected date, repaired to the given canonical text."""
    assert reading.value == expected
    assert reading.code == "date-repaired"
    assert reading.repaired == as_text
    assert as_text in reading.message


def assert_unreadable(reading: DateReading) -> None:
    """The reading gives no date and says so."""
    assert reading.value is None
    assert reading.code == "date-unreadable"
    assert reading.repaired is None
    assert reading.message


class TestTwoDigitYear:
    """The fixed pivot for two-digit years."""

    def test_pivot_constant(self) -> None:
        """The pivot is the documented 50."""
        assert PIVOT == 50

    @pytest.mark.parametrize(
        ("yy", "year"), [(0, 2000), (1, 2001), (49, 2049), (50, 1950), (77, 1977), (99, 1999)]
    )
    def test_examples(self, yy: int, year: int) -> None:
        """Years either side of the pivot map to the right century."""
        assert two_digit_year(yy) == year

    @pytest.mark.parametrize("yy", [-1, 100, 1992])
    def test_out_of_range(self, yy: int) -> None:
        """Anything that is not a two-digit year is refused."""
        with pytest.raises(ValueError, match="two-digit year"):
            two_digit_year(yy)

    @given(st.integers(min_value=0, max_value=99))
    def test_fixed_mapping(self, yy: int) -> None:
        """0..49 give 2000.., 50..99 give 19.., always."""
        expected = 2000 + yy if yy < 50 else 1900 + yy
        assert two_digit_year(yy) == expected


class TestCleanReading:
    """Clean dates in each printed order."""

    def test_routing_date(self) -> None:
        """A worksheet routing date reads as YY/MM/DD."""
        assert_clean(read_date("92/01/30", YMD), JAN_30_1992)

    def test_review_stamp(self) -> None:
        """A review stamp reads as MM/DD/YY."""
        assert_clean(read_date("03/22/95", MDY), dt.date(1995, 3, 22))

    def test_review_stamp_four_digit_year(self) -> None:
        """A stamp with a four-digit year is clean too."""
        assert_clean(read_date("07/31/2017", MDY), dt.date(2017, 7, 31))

    def test_review_stamp_single_digit_month(self) -> None:
        """A stamp may drop the leading zero of month and day."""
        assert_clean(read_date("3/2/95", MDY), dt.date(1995, 3, 2))

    def test_archive_header(self) -> None:
        """An archive header reads as YYYY/MM/DD."""
        assert_clean(read_date("1992/01/29", YYYY), dt.date(1992, 1, 29))
        assert_clean(read_date("2008/04/28", YYYY), dt.date(2008, 4, 28))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("JANUARY 30, 1992", JAN_30_1992),
            ("January 29, 1992", dt.date(1992, 1, 29)),
            ("january 29, 1992", dt.date(1992, 1, 29)),
            ("29 January 1992", dt.date(1992, 1, 29)),
            ("Jan. 29, 1992", dt.date(1992, 1, 29)),
            ("JAN 29 1992", dt.date(1992, 1, 29)),
            ("Sept. 3, 1991", dt.date(1991, 9, 3)),
            ("January 31st, 1992", dt.date(1992, 1, 31)),
            ("JAN 31 92", dt.date(1992, 1, 31)),
        ],
    )
    def test_month_name_styles(self, text: str, expected: dt.date) -> None:
        """Every usual month-name style, in any case, reads clean."""
        assert_clean(read_date(text, NAME), expected)

    @pytest.mark.parametrize("text", ["  92/01/30  ", "92/01/30.", "92/01/30,", "\t92/01/30 .\n"])
    def test_surrounding_blanks_and_trailing_punctuation(self, text: str) -> None:
        """Leading/trailing blanks and a trailing period or comma are ignored."""
        assert_clean(read_date(text, YMD), JAN_30_1992)

    def test_month_name_trailing_period(self) -> None:
        """A sentence-final period after a month-name date is ignored."""
        assert_clean(read_date("January 29, 1992.", NAME), dt.date(1992, 1, 29))

    def test_text_kept_as_given(self) -> None:
        """The reading keeps the caller's text untouched."""
        assert read_date("  92/01/30. ", YMD).text == "  92/01/30. "


class TestOrderComesFromTheForm:
    """The order is the caller's, never guessed from the digits."""

    def test_same_digits_different_dates(self) -> None:
        """The same digits mean different dates in different fields."""
        assert read_date("03/02/01", YMD).value == dt.date(2003, 2, 1)
        assert read_date("03/02/01", MDY).value == dt.date(2001, 3, 2)

    def test_no_reordering_to_make_it_valid(self) -> None:
        """A stamp whose month is over 12 is not read day-first."""
        assert_unreadable(read_date("22/03/95", MDY))

    def test_numeric_text_in_month_name_field(self) -> None:
        """A month-name field holding only digits is unreadable."""
        assert_unreadable(read_date("92/01/30", NAME))

    def test_month_name_in_numeric_field(self) -> None:
        """A numeric field holding a month name is unreadable."""
        for order in NUMERIC_ORDERS:
            assert_unreadable(read_date("JANUARY 30, 1992", order))


class TestSeparatorRepair:
    """Damaged or missing separators between fixed-width digit groups."""

    @pytest.mark.parametrize(
        "text", ["9201,30", "92 01 30", "92-01-30", "92.01.30", "92/0130", "920130", "92 / 01 / 30"]
    )
    def test_routing_date_separators(self, text: str) -> None:
        """Every damaged-separator form of 92/01/30 reads as 30 January 1992."""
        assert_repaired(read_date(text, YMD), JAN_30_1992, "92/01/30")

    def test_stamp_run_together(self) -> None:
        """Run-together stamps are cut at their fixed widths."""
        assert_repaired(read_date("032295", MDY), dt.date(1995, 3, 22), "03/22/95")
        assert_repaired(read_date("07312017", MDY), dt.date(2017, 7, 31), "07/31/2017")

    def test_archive_header_separators(self) -> None:
        """An archive header with damaged separators is cut at 4/2/2."""
        assert_repaired(read_date("1992-01-29", YYYY), dt.date(1992, 1, 29), "1992/01/29")
        assert_repaired(read_date("19920129", YYYY), dt.date(1992, 1, 29), "1992/01/29")
        assert_repaired(read_date("199201,29", YYYY), dt.date(1992, 1, 29), "1992/01/29")

    def test_groups_not_on_field_boundaries(self) -> None:
        """Digit groups that straddle a field boundary are unreadable."""
        assert_unreadable(read_date("920,130", YMD))

    def test_year_field_never_takes_extra_digits(self) -> None:
        """``9201,30`` is never year 9201 in a four-digit-year field."""
        reading = read_date("9201,30", YYYY)
        assert reading.value is None
        assert reading.code == "date-unreadable"

    def test_month_name_punctuation(self) -> None:
        """Missing blanks around month-name punctuation are repaired."""
        assert_repaired(read_date("Jan.29,1992", NAME), dt.date(1992, 1, 29), "JANUARY 29, 1992")


class TestDigitRepair:
    """OCR look-alike letters in digit slots."""

    def test_letter_o_in_day(self) -> None:
        """``92/01/3O`` is the 30th, not the 3rd."""
        assert_repaired(read_date("92/01/3O", YMD), JAN_30_1992, "92/01/30")

    def test_month_name_day(self) -> None:
        """``JANUARY 3O, 1992`` is 30 January 1992."""
        assert_repaired(read_date("JANUARY 3O, 1992", NAME), JAN_30_1992, "JANUARY 30, 1992")

    def test_month_name_year(self) -> None:
        """``l992`` is 1992."""
        assert_repaired(read_date("JANUARY 30, l992", NAME), JAN_30_1992, "JANUARY 30, 1992")

    def test_archive_year(self) -> None:
        """Look-alikes in a four-digit year are repaired."""
        assert_repaired(read_date("l992/Ol/29", YYYY), dt.date(1992, 1, 29), "1992/01/29")

    def test_stamp(self) -> None:
        """Look-alikes in a stamp are repaired."""
        assert_repaired(read_date("O3/22/9S", MDY), dt.date(1995, 3, 22), "03/22/95")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("92/0l/30", "92/01/30"),
            ("92/0I/30", "92/01/30"),
            ("92/0i/30", "92/01/30"),
            ("92/0|/30", "92/01/30"),
            ("92/0!/30", "92/01/30"),
            ("92/Q1/30", "92/01/30"),
            ("92/D1/30", "92/01/30"),
            ("92/o1/30", "92/01/30"),
            ("9S/01/30", "95/01/30"),
            ("9s/01/30", "95/01/30"),
            ("9B/01/30", "98/01/30"),
            ("92/01/Z0", "92/01/20"),
            ("92/01/z0", "92/01/20"),
            ("92/01/l6", "92/01/16"),
            ("92/01/1G", "92/01/16"),
        ],
    )
    def test_table(self, text: str, expected: str) -> None:
        """Each look-alike in the table is read as its digit."""
        reading = read_date(text, YMD)
        assert reading.code == "date-repaired"
        assert reading.repaired == expected

    def test_mostly_letters_is_not_a_date(self) -> None:
        """A slot where look-alike letters outnumber digits is not guessed at."""
        assert_unreadable(read_date("SO/lO/OS", YMD))

    def test_letters_not_in_table(self) -> None:
        """A letter outside the table makes a numeric date unreadable."""
        assert_unreadable(read_date("92/01/3X", YMD))
        assert_unreadable(read_date("Date: 03/22/95", MDY))


class TestMonthNameRepair:
    """Damaged month names, matched only against the twelve months."""

    @pytest.mark.parametrize("text", ["JANUARV 30, 1992", "JANUAPY 30, 1992", "JANUAPV 30, 1992"])
    def test_edit_distance(self, text: str) -> None:
        """A long month name a letter or two off is still January."""
        assert_repaired(read_date(text, NAME), JAN_30_1992, "JANUARY 30, 1992")

    @pytest.mark.parametrize(
        ("text", "expected", "as_text"),
        [
            ("0CTOBER 3, 1992", dt.date(1992, 10, 3), "OCTOBER 3, 1992"),
            ("N0VEMBER 3, 1992", dt.date(1992, 11, 3), "NOVEMBER 3, 1992"),
            ("5EPTEMBER 3, 1992", dt.date(1992, 9, 3), "SEPTEMBER 3, 1992"),
            ("Ju1y 4, 1976", dt.date(1976, 7, 4), "JULY 4, 1976"),
            ("AUGU5T 8, 1988", dt.date(1988, 8, 8), "AUGUST 8, 1988"),
            ("0CT 3 1992", dt.date(1992, 10, 3), "OCTOBER 3, 1992"),
        ],
    )
    def test_digits_in_month_name(self, text: str, expected: dt.date, as_text: str) -> None:
        """Digits in a month name are read as the letters they look like."""
        assert_repaired(read_date(text, NAME), expected, as_text)

    def test_day_first_repair(self) -> None:
        """A damaged day-first date is repaired too."""
        assert_repaired(read_date("3O January l992", NAME), JAN_30_1992, "JANUARY 30, 1992")

    @pytest.mark.parametrize(
        "text",
        [
            "JUNY 3, 1992",  # one edit from both JUNE and JULY
            "JAM 3, 1992",  # abbreviations must match exactly
            "JANU 3, 1992",  # too far from JANUARY
            "MONDAY 3, 1992",  # not a month
            "Date: January 29, 1992",  # extra words
            "JANUARY 1992",  # no day
            "JANUARY 3",  # no year
            "JANUARY 123, 1992",  # day with three digits
            "JANUARY 3, 199",  # year with three digits
        ],
    )
    def test_unreadable(self, text: str) -> None:
        """No single month, day and year: unreadable, not guessed."""
        assert_unreadable(read_date(text, NAME))


class TestUnreadable:
    """Text that gives no date gives no guess."""

    @pytest.mark.parametrize("text", ["- 1 2 2004", "_ 2 20 0 7", "_ 2 20 0 7 CO 20 7"])
    @pytest.mark.parametrize("order", NUMERIC_ORDERS)
    def test_handwriting_junk(self, text: str, order: DateOrder) -> None:
        """Handwritten marks in a date column are unreadable in every numeric order."""
        assert_unreadable(read_date(text, order))

    @pytest.mark.parametrize(
        ("text", "order"),
        [
            ("92/13/01", YMD),
            ("92/01/32", YMD),
            ("92/02/30", YMD),
            ("91/02/29", YMD),
            ("92/00/10", YMD),
            ("92/01/00", YMD),
            ("13/22/95", MDY),
            ("02/30/95", MDY),
            ("1992/13/29", YYYY),
            ("1992/04/31", YYYY),
            ("FEBRUARY 30, 1992", NAME),
            ("JANUARY 32, 1992", NAME),
        ],
    )
    def test_impossible_calendar_dates(self, text: str, order: DateOrder) -> None:
        """Month 13, day 32, 30 February and the like are unreadable."""
        assert_unreadable(read_date(text, order))

    def test_leap_day(self) -> None:
        """29 February is read in a leap year."""
        assert_clean(read_date("92/02/29", YMD), dt.date(1992, 2, 29))
        assert_clean(read_date("2000/02/29", YYYY), dt.date(2000, 2, 29))
        assert_unreadable(read_date("1900/02/29", YYYY))

    @pytest.mark.parametrize(
        ("text", "order"),
        [
            ("92/01", YMD),
            ("92/01/30/04", YMD),
            ("9201301", YMD),
            ("92/1/30", YMD),
            ("1992/1/29", YYYY),
            ("92/01/30", YYYY),
            ("3 22 95", MDY),
            ("03/22/995", MDY),
            ("/92/01/30", YMD),
            ("92/01/", YMD),
            ("92//01/30", YMD),
        ],
    )
    def test_wrong_digit_groups(self, text: str, order: DateOrder) -> None:
        """Wrong numbers or widths of digit groups are unreadable."""
        assert_unreadable(read_date(text, order))

    def test_message_names_text_and_order(self) -> None:
        """The message says what could not be read, and as what."""
        message = read_date("92/13/01", YMD).message
        assert "'92/13/01'" in message
        assert "YY/MM/DD" in message
        assert "13" in message


class TestEmptySlot:
    """Printed blank date slots."""

    @pytest.mark.parametrize("text", ["__/__/__", "__ __/__/__", "/_/_", "", "   ", "_", "//"])
    @pytest.mark.parametrize("order", list(DateOrder))
    def test_blank_slot(self, text: str, order: DateOrder) -> None:
        """A slot of only underscores, slashes and blanks is empty, not unreadable."""
        reading = read_date(text, order)
        assert reading.value is None
        assert reading.code == "date-empty"
        assert reading.message == "blank date slot"
        assert reading.repaired is None

    def test_slot_with_a_mark_is_not_empty(self) -> None:
        """A blank slot with a digit in it is unreadable, not empty."""
        assert_unreadable(read_date("__/_1/__", YMD))


class TestBounds:
    """Plausibility bounds."""

    def test_outside_given_bounds(self) -> None:
        """A date before ``earliest`` has no value and says the date and the bounds."""
        reading = read_date(
            "76/12/31", YMD, earliest=dt.date(1977, 1, 20), latest=dt.date(2001, 1, 20)
        )
        assert reading.value is None
        assert reading.code == "date-implausible"
        assert "1976-12-31" in reading.message
        assert "1977-01-20" in reading.message
        assert "2001-01-20" in reading.message

    def test_after_latest(self) -> None:
        """A date after ``latest`` is implausible."""
        reading = read_date("07/31/2017", MDY, latest=dt.date(2001, 1, 20))
        assert reading.value is None
        assert reading.code == "date-implausible"

    def test_bounds_are_inclusive(self) -> None:
        """The bounds themselves are plausible."""
        day = dt.date(1992, 1, 30)
        assert_clean(read_date("92/01/30", YMD, earliest=day, latest=day), day)

    def test_repaired_and_implausible(self) -> None:
        """A repaired reading outside the bounds keeps what it was read as."""
        reading = read_date("92/01/3O", YMD, latest=dt.date(1991, 12, 31))
        assert reading.value is None
        assert reading.code == "date-implausible"
        assert reading.repaired == "92/01/30"

    @pytest.mark.parametrize(
        ("text", "order"),
        [
            ("0201/01/30", YYYY),
            ("3000/01/01", YYYY),
            ("1899/12/31", YYYY),
            ("2050/01/01", YYYY),
            ("01/30/1850", MDY),
            ("JANUARY 30, 2092", NAME),
        ],
    )
    def test_default_window(self, text: str, order: DateOrder) -> None:
        """Without bounds, four-digit years outside 1900..2049 are implausible."""
        reading = read_date(text, order)
        assert reading.value is None
        assert reading.code == "date-implausible"
        assert "1900-01-01" in reading.message
        assert "2049-12-31" in reading.message

    def test_default_window_edges(self) -> None:
        """The edges of the default window are plausible."""
        assert_clean(read_date("1900/01/01", YYYY), dt.date(1900, 1, 1))
        assert_clean(read_date("2049/12/31", YYYY), dt.date(2049, 12, 31))

    def test_given_bounds_replace_the_default(self) -> None:
        """An explicit bound widens or narrows the window on its side only."""
        early = read_date("1850/01/30", YYYY, earliest=dt.date(1800, 1, 1))
        assert_clean(early, dt.date(1850, 1, 30))
        assert read_date("2060/01/30", YYYY, earliest=dt.date(1800, 1, 1)).value is None

    def test_inverted_bounds_are_a_caller_error(self) -> None:
        """``earliest`` after ``latest`` is a programming error."""
        with pytest.raises(ValueError, match="after"):
            read_date("92/01/30", YMD, earliest=dt.date(2000, 1, 1), latest=dt.date(1990, 1, 1))


class TestLinearTime:
    """Adversarial long inputs finish and are refused (the cost is linear)."""

    ADVERSARIAL = (
        "9" * 100_000,
        "92/" * 33_334,
        "1 " * 50_000,
        "9/" * 50_000 + "x",
        "O" * 100_000,
        "JANUARY " * 12_500,
        "J" * 100_000,
        "_" * 99_999 + "1",
        " ." * 50_000 + "x",
        ", " * 50_000 + "9",
        "a" * 100_000,
    )

    @pytest.mark.parametrize("order", list(DateOrder))
    def test_adversarial_strings(self, order: DateOrder) -> None:
        """Long junk of every shape gives no date in every order."""
        for text in self.ADVERSARIAL:
            reading = read_date(text, order)
            assert reading.value is None
            assert reading.code == "date-unreadable"
            assert len(reading.message) < 200

    def test_long_blank_slot(self) -> None:
        """A very long printed blank slot is still empty."""
        assert read_date("_/" * 50_000, YMD).code == "date-empty"

    def test_long_padding_is_ignored(self) -> None:
        """A date padded with long runs of blanks and trailing punctuation still reads."""
        text = " " * 50_000 + "92/01/30" + " ." * 25_000
        assert_clean(read_date(text, YMD), JAN_30_1992)


class TestClockIndependence:
    """Nothing about a reading depends on today's date."""

    def test_source_never_asks_for_the_time(self) -> None:
        """The module never calls ``today``/``now`` or the time module, nor dateutil's parser."""
        source = inspect.getsource(_dates)
        for forbidden in ("today(", "now(", "time.time", "dateutil", "fuzzy"):
            assert forbidden not in source

    @given(
        today=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
        date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
        order=st.sampled_from(DateOrder),
    )
    def test_fake_clock_changes_nothing(
        self, today: dt.date, date: dt.date, order: DateOrder
    ) -> None:
        """With the module's clock moved to any day, every reading is the same."""
        calls: list[str] = []

        class FakeDate(dt.date):
            """A date class whose clock is moved and watched."""

            @classmethod
            def today(cls) -> FakeDate:
                """Return the moved day, noting the call."""
                calls.append("today")
                return cls(today.year, today.month, today.day)

        class FakeDateTime(dt.datetime):
            """A datetime class whose clock is moved and watched."""

            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> FakeDateTime:
                """Return the moved day at midnight, noting the call."""
                calls.append("now")
                return cls(today.year, today.month, today.day, tzinfo=tz)

        fake_dt = types.SimpleNamespace(date=FakeDate, datetime=FakeDateTime)
        texts = (canonical(date, order), "92/01/3O", "03/22/95", "JANUARY 30, 1992", "9201,30")
        expected = [read_date(text, order) for text in texts]
        with mock.patch.object(_dates, "dt", fake_dt):
            moved = [read_date(text, order) for text in texts]
        assert moved == expected
        assert calls == []


class TestProperties:
    """Properties over many inputs."""

    @given(
        date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
        order=st.sampled_from(DateOrder),
    )
    def test_canonical_round_trip(self, date: dt.date, order: DateOrder) -> None:
        """Every date in 1950..2049, printed canonically in any order, reads back clean."""
        assert_clean(read_date(canonical(date, order), order), date)

    @given(date=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2049, 12, 31)))
    def test_four_digit_round_trip(self, date: dt.date) -> None:
        """Four-digit-year forms read back clean across the whole default window."""
        assert_clean(read_date(f"{date:%Y/%m/%d}", YYYY), date)
        assert_clean(read_date(f"{date:%m/%d/%Y}", MDY), date)
        assert_clean(
            read_date(f"{date.day} {MONTHS[date.month - 1].title()} {date.year}", NAME), date
        )

    @given(
        date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
        abbreviate=st.booleans(),
        lower=st.booleans(),
    )
    def test_month_name_variants(self, date: dt.date, abbreviate: bool, lower: bool) -> None:
        """Abbreviated and lower-case month names read back clean."""
        month = MONTHS[date.month - 1]
        if abbreviate:
            month = month[:3] + "."
        if lower:
            month = month.lower()
        assert_clean(read_date(f"{month} {date.day}, {date.year}", NAME), date)

    @given(text=st.text(), order=st.sampled_from(DateOrder))
    def test_never_raises(self, text: str, order: DateOrder) -> None:
        """Any text gives a reading, and a value only with a clean or repaired code."""
        reading = read_date(text, order)
        assert reading.text == text
        if reading.value is not None:
            assert reading.code in GOOD_CODES
        else:
            assert reading.code in ("date-empty", "date-unreadable", "date-implausible")
        assert (reading.code is None) == (reading.message == "")
        if reading.code == "date-repaired":
            assert reading.repaired is not None

    @given(
        text=st.text(alphabet="0123456789/ -.,OolIiSsBZzGQD|!_", max_size=16),
        order=st.sampled_from(DateOrder),
    )
    def test_never_raises_on_near_dates(self, text: str, order: DateOrder) -> None:
        """Text made of date-like characters never raises, and any value is in the window."""
        reading = read_date(text, order)
        if reading.value is not None:
            assert reading.code in GOOD_CODES
            assert dt.date(1900, 1, 1) <= reading.value <= dt.date(2049, 12, 31)

    @given(
        date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
        data=st.data(),
    )
    def test_single_lookalike_swap(self, date: dt.date, data: st.DataObject) -> None:
        """One digit swapped for a look-alike letter still reads as the same date, repaired."""
        text = canonical(date, YMD)
        positions = [i for i, c in enumerate(text) if c in LOOKALIKES]
        assume(positions)
        i = data.draw(st.sampled_from(positions), label="position")
        letter = data.draw(st.sampled_from(LOOKALIKES[text[i]]), label="letter")
        damaged = text[:i] + letter + text[i + 1 :]
        assert_repaired(read_date(damaged, YMD), date, text)

    @given(
        date=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2049, 12, 31)),
        separators=st.tuples(
            st.sampled_from(["", " ", "-", ".", ","]), st.sampled_from(["", " ", "-", ".", ","])
        ),
    )
    def test_separator_damage(self, date: dt.date, separators: tuple[str, str]) -> None:
        """Any mix of damaged separators in a routing date reads the same date."""
        yy, mm, dd = canonical(date, YMD).split("/")
        damaged = f"{yy}{separators[0]}{mm}{separators[1]}{dd}"
        assert_repaired(read_date(damaged, YMD), date, f"{yy}/{mm}/{dd}")
