"""Strict mode points at the right line and column of deliberately broken worksheets."""

from __future__ import annotations

import pytest

from worksheet_parser import Severity, WorksheetSyntaxError, parse

CLEAN = """\
ID# 412345 FG006-01
THE WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET
INCOMING
DATE RECEIVED: MARCH 3, 1990
NAME OF CORRESPONDENT: MR. JOHN Q. PUBLIC
SUBJECT: REQUESTS A PHOTOGRAPH OF THE PRESIDENT
ROUTE TO: OFFICE/AGENCY (STAFF NAME)
PRESIDENTIAL CORRESPONDENCE  A 90/03/05  GB A 90/03/20
REFERRAL NOTE:
MEDIA:L INDIVIDUAL CODES: 1210
"""


def _problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(WorksheetSyntaxError) as info:
        parse(text, strict=True)
    err = info.value
    assert all(p.severity is not Severity.INFO for p in err.problems)
    return [(p.span.line, p.span.column, p.code) for p in err.problems if p.span is not None]


class TestStrictPositions:
    def test_clean_worksheet_passes_strict(self) -> None:
        """A clean worksheet raises nothing in strict mode."""
        assert parse(CLEAN, strict=True).worksheets[0].id_number == "412345"

    def test_unreadable_date_received(self) -> None:
        """An unreadable DATE RECEIVED is reported at its value's first character."""
        text = CLEAN.replace("MARCH 3, 1990", "SOMETIME IN MAY")
        assert _problems(text) == [(5, 16, "date-unreadable")]

    def test_implausible_routing_date(self) -> None:
        """A completion date years before the letter arrived points at that date."""
        text = CLEAN.replace("A 90/03/20", "A 78/03/20")
        assert _problems(text) == [(9, 47, "date-implausible")]

    def test_unknown_action_code(self) -> None:
        """A code missing from the legend is reported where it stands."""
        text = CLEAN.replace("  A 90/03/05", "  Q 90/03/05")
        assert _problems(text) == [(9, 30, "code-unknown")]

    def test_handwriting_in_a_row(self) -> None:
        """Handwriting junk between the columns is reported at the junk."""
        text = CLEAN.replace("GB A 90/03/20", "5m A 90/03/20")
        assert _problems(text) == [(9, 42, "junk-dropped")]

    def test_missing_subject_label(self) -> None:
        """A worksheet without SUBJECT reports the missing field."""
        text = CLEAN.replace("SUBJECT: ", "")
        codes = {code for _, _, code in _problems(text)}
        assert "field-missing" in codes

    def test_message_has_caret_under_the_column(self) -> None:
        """The message shows the source line and a caret under the reported column."""
        text = CLEAN.replace("MARCH 3, 1990", "SOMETIME IN MAY")
        with pytest.raises(WorksheetSyntaxError) as info:
            parse(text, strict=True)
        lines = str(info.value).splitlines()
        at = next(i for i, line in enumerate(lines) if "5:16: date-unreadable" in line)
        source, caret = lines[at + 1], lines[at + 2]
        assert source.strip() == "DATE RECEIVED: SOMETIME IN MAY"
        assert caret.index("^") - source.index("D") == 15

    def test_crlf_input_counts_lines_the_same(self) -> None:
        """CRLF line ends do not change the reported line and column."""
        text = CLEAN.replace("MARCH 3, 1990", "SOMETIME IN MAY").replace("\n", "\r\n")
        assert _problems(text) == [(5, 16, "date-unreadable")]

    def test_tab_merged_columns_keep_character_columns(self) -> None:
        """Columns count characters of the original line, tabs included."""
        text = CLEAN.replace("PRESIDENTIAL CORRESPONDENCE  A", "PRESIDENTIAL CORRESPONDENCE\tA")
        text = text.replace("GB A 90/03/20", "5m A 90/03/20")
        assert _problems(text) == [(9, 41, "junk-dropped")]


class TestRoutingDateWindow:
    @pytest.mark.parametrize(
        ("completed", "accepted"),
        [("94/03/03", True), ("94/03/04", False), ("89/03/03", True), ("89/03/02", False)],
    )
    def test_window_is_one_year_before_to_four_years_after(
        self, completed: str, accepted: bool
    ) -> None:
        """Routing dates are accepted from one calendar year before DATE RECEIVED (3 March
        1990) to four calendar years after it; outside, the date is left empty."""
        text = CLEAN.replace("A 90/03/20", f"A {completed}")
        row = parse(text).worksheets[0].routing[0]
        assert (row.disposition_date is not None) is accepted
