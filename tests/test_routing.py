"""The routing-table reader: rows as OCR engines really deliver them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import Direction, Document, RoutingEntry, parse
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing._lines import split_line
from worksheet_parser._worksheet._routing._placing import certain_positions as _certain_positions
from worksheet_parser._worksheet._tokens import TokenKind

HEAD = """\
ID# 303373
THE WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET
INCOMING
DATE RECEIVED: MARCH 11, 1992
NAME OF CORRESPONDENT: MS. PAUL T. WHITE
SUBJECT: OPPOSES THE ANNUAL CONVENTION IN DALLAS, TEXAS
\tACTION\tDISPOSITION
ROUTE TO: OFFICE/AGENCY (STAFF NAME)\tACT DATE CODE YY/MM/DD\tTYPE C COMPLETED RESP D YY/MM/DD
"""

TAIL = """\
COMMENTS:
ADDITIONAL CORRESPONDENTS:\tMEDIA:L\tINDIVIDUAL CODES:
MAIL USER CODES: (A)\t(B)\t(C)
"""

HEAD_581 = """\
ID # 908390
WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET
0 O - OUTGOING
0 H - INTERNAL
X I - INCOMING
Date Correspondence Received (YY/MM/DD) 86/05/20
Name of Correspondent: Mr. Daniel Leahy
Subject: Opposes the human rights situation in Tibet
ROUTE TO: ACTION DISPOSITION
Office/Agency (Staff Name)\tAction Code\tTracking Date YY/MM/DD\tType of Response\tCode\t\
Completion Date YY/MM/DD
"""

TAIL_581 = """\
Comments: Original to central files
Keep this worksheet attached to the original incoming letter. Send all routing updates to \
Central Reference (Room 75, OEOB). Always return completed correspondence record to Central \
Files. Refer questions about the correspondence tracking system to Central Reference, ext. 2590.
5/81
"""


def _rows(doc: Document) -> list[tuple[object, ...]]:
    def cell(row: RoutingEntry) -> tuple[object, ...]:
        return (
            row.office,
            None if row.action_code is None else row.action_code.value,
            None if row.action_date is None else row.action_date.isoformat(),
            row.response_type,
            None if row.disposition_code is None else row.disposition_code.value,
            None if row.disposition_date is None else row.disposition_date.isoformat(),
        )

    return [cell(row) for row in doc.worksheets[0].routing]


def _codes(doc: Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


class TestColumnByColumn:
    def test_action_and_disposition_lines_with_equal_counts_make_whole_rows(self) -> None:
        """Every office, then every action cell, then every disposition cell: rows rebuilt."""
        table = (
            "ROGER PORTER\nDOS\n"
            "ORG 92/03/25\nD 92/03/30\n"
            "AH A 92/04/24\nS 92/04/13\n"
            "REFERRAL NOTE:\nREFERRAL NOTE:\n"
        )
        doc = parse(HEAD + table + TAIL)
        assert _rows(doc) == [
            ("ROGER PORTER", "ORG", "1992-03-25", "AH", "A", "1992-04-24"),
            ("DOS", "D", "1992-03-30", None, "S", "1992-04-13"),
        ]
        assert "table-rebuilt" in _codes(doc)

    def test_a_short_disposition_column_is_placed_only_where_certain(self) -> None:
        """Two completion dates for four rows: the one only row 1 can take is placed."""
        table = (
            "PATSY THOMASSON\nPRESIDENTIAL CORRESPONDENCE\nDOE\nOMB\n"
            "ORG 98/11/03\nX 98/11/05\nS 98/11/07\nS 98/11/07\n"
            "B 98/11/03\nB 98/11/10\n"
            "REFERRAL NOTE:\n"
        )
        doc = parse(HEAD.replace("MARCH 11, 1992", "NOVEMBER 02, 1998") + table + TAIL)
        rows = _rows(doc)
        assert [r[0] for r in rows] == [
            "PATSY THOMASSON",
            "PRESIDENTIAL CORRESPONDENCE",
            "DOE",
            "OMB",
        ]
        assert [r[1] for r in rows] == ["ORG", "X", "S", "S"]
        # 98/11/03 is before every other row's tracking date: it can only be row 1's
        assert rows[0][4:] == ("B", "1998-11-03")
        # 98/11/10 could be row 2's, 3's or 4's: no row gets it
        assert all(r[4:] == (None, None) for r in rows[1:])
        unplaced = [d for d in doc.diagnostics if d.code == "cell-unplaced"]
        assert [d.original for d in unplaced] == ["B 98/11/10"]
        assert [line.text for line in doc.worksheets[0].unread if "98/11/10" in line.text]

    def test_column_counts_that_disagree_place_no_action_cell(self) -> None:
        """Three offices but two action lines: no row is given a code it may not have."""
        table = "ROGER PORTER\nDOS\nOMB\nORG 92/03/25\nD 92/03/30\nREFERRAL NOTE:\n"
        doc = parse(HEAD + table + TAIL)
        rows = _rows(doc)
        assert [r[0] for r in rows] == ["ROGER PORTER", "DOS", "OMB"]
        assert all(r[1:] == (None,) * 5 for r in rows)
        assert _codes(doc).count("cell-unplaced") == 2

    def test_one_cell_a_line_columns_of_the_581_form(self) -> None:
        """Each column read top to bottom, one cell a line, as engines read the 5/81 form."""
        table = "Rm\nElizabeth Dole\nS\nX\n86/05/26\n86/05/26\nA\nA\n86/05/26\n86/06/09\n"
        doc = parse(HEAD_581 + table + TAIL_581)
        assert _rows(doc) == [
            ("Rm", "S", "1986-05-26", None, "A", "1986-05-26"),
            ("Elizabeth Dole", "X", "1986-05-26", None, "A", "1986-06-09"),
        ]

    def test_columns_out_of_printed_order_are_left_unplaced(self) -> None:
        """A type of response after a disposition code does not fit the columns' order."""
        table = "Agency Liaison\nAnne Higgins\nA\nC\n85/08/24\n85/08/29\nB\nDIR\n85/09/23\n"
        doc = parse(HEAD_581.replace("86/05/20", "85/08/20") + table + TAIL_581)
        rows = _rows(doc)
        assert [r[0] for r in rows] == ["Agency Liaison", "Anne Higgins"]
        assert all(r[1:] == (None,) * 5 for r in rows)
        assert "cell-unplaced" in _codes(doc)

    def test_initials_split_off_a_disposition_line_stay_in_its_column(self) -> None:
        """``DIR A 99/12/28`` after the action lines is a disposition, not a new row."""
        table = "HHS\nPAT GRIFFIN\nORG 99/12/25\nF 99/12/25\nDIR A 99/12/28\nGB A 99/12/30\n"
        doc = parse(HEAD.replace("MARCH 11, 1992", "DECEMBER 20, 1999") + table + TAIL)
        assert _rows(doc) == [
            ("HHS", "ORG", "1999-12-25", "DIR", "A", "1999-12-28"),
            ("PAT GRIFFIN", "F", "1999-12-25", "GB", "A", "1999-12-30"),
        ]


class TestDebrisAndMarks:
    def test_debris_lines_are_not_rows(self) -> None:
        """Handwriting and invented words between rows are kept as unread, never rows."""
        table = (
            "SHIRLEY M. GREEN\tA 92/03/12\n"
            "(STATE OF THE PROPERTY OF\n"
            "REFERRAL NOTE:\n"
            "I 1 I\n"
            "_ 2 20 0 7 CO 20 7\n"
            "ANDREW CARD\tF 92/03/18\n"
            "REFERRAL NOTE:\n"
        )
        doc = parse(HEAD + table + TAIL)
        assert _rows(doc) == [
            ("SHIRLEY M. GREEN", "A", "1992-03-12", None, None, None),
            ("ANDREW CARD", "F", "1992-03-18", None, None, None),
        ]
        unread = " ".join(line.text for line in doc.worksheets[0].unread)
        for debris in ("(STATE OF THE PROPERTY OF", "I 1 I", "2 20 0 7 CO 20 7"):
            assert debris in unread

    def test_a_scrawl_after_the_cells_leaves_the_row_whole(self) -> None:
        """A stamp or scrawl after the row's last column break is junk, not cells."""
        table = (
            "HHS\nPAT GRIFFIN\nORG 92/03/12\nF 92/03/14\t_ 2 20 0 7 CO 20 7\nB 92/03/15\n"
            "REFERRAL NOTE:\n"
        )
        doc = parse(HEAD + table + TAIL)
        rows = _rows(doc)
        assert [r[:3] for r in rows] == [
            ("HHS", "ORG", "1992-03-12"),
            ("PAT GRIFFIN", "F", "1992-03-14"),
        ]
        assert any("2 20 0 7 CO 20 7" in line.text for line in doc.worksheets[0].unread)

    def test_a_row_the_engine_wrote_in_small_letters(self) -> None:
        """``dorothy kosich  f 91/12/05`` among capitals is a row, not handwriting."""
        doc = parse(HEAD + "dorothy kosich\tf 92/03/14\nREFERRAL NOTE:\n" + TAIL)
        assert _rows(doc) == [("dorothy kosich", "F", "1992-03-14", None, None, None)]

    def test_a_short_office_read_with_small_letters(self) -> None:
        """``Dos : ORG 92/11/05``: a short capital word the engine read as ``Dos``."""
        doc = parse(HEAD + "Dos : ORG 92/11/05\nREFERRAL NOTE:\nSC Supe\n" + TAIL)
        assert _rows(doc) == [("Dos", "ORG", "1992-11-05", None, None, None)]

    def test_mixed_case_and_marks_are_no_office_on_the_printed_form(self) -> None:
        """``SC Supe`` and ``~ ~v-~~c~`` between rows are handwriting and rules."""
        table = (
            "SC Supe\nOMB\tORG 92/03/12\nREFERRAL NOTE:\n~ ~v-~~c~\n"
            "DOS\tX 92/03/13\nREFERRAL NOTE:\n"
        )
        doc = parse(HEAD + table + TAIL)
        assert [r[0] for r in _rows(doc)] == ["OMB", "DOS"]

    def test_damaged_column_heads_and_referral_lines_are_not_rows(self) -> None:
        """Heads and ``Referral Note`` lines OCR damaged past recognition are form text."""
        table = (
            "| | | Tracking Type * { Compieuon\n"
            ". f Action Date for. Date\n"
            "| Dos R 86/05/21 s *86/06/03 -\n"
            "Retertal Note _|\n"
            "Elizabeth Dole X 86/05/22 S 86/06/01\n"
            "Referral Note\n"
            "Relertal Note es :\n"
            "a\n"
        )
        doc = parse(HEAD_581 + table + TAIL_581)
        assert _rows(doc) == [
            ("Dos", "R", "1986-05-21", None, "S", "1986-06-03"),
            ("Elizabeth Dole", "X", "1986-05-22", None, "S", "1986-06-01"),
        ]

    def test_a_lone_code_between_rows_is_a_tick(self) -> None:
        """A code with no office, date or note is reported, not made a row."""
        table = "OMB\tA 92/03/12\nREFERRAL NOTE:\nee) = a EE\nREFERRAL NOTE:\n"
        doc = parse(HEAD + table + TAIL)
        assert _rows(doc) == [("OMB", "A", "1992-03-12", None, None, None)]

    def test_a_speck_after_an_office_is_not_part_of_its_name(self) -> None:
        """``NICHOLAS CALIO.``: the full stop of an initial stays, a speck does not."""
        table = "NICHOLAS CALIO. C 92/03/12\nREFERRAL NOTE:\nM. B. OGLESBY D 92/03/13\n"
        doc = parse(HEAD + table + TAIL)
        assert [r[0] for r in _rows(doc)] == ["NICHOLAS CALIO", "M. B. OGLESBY"]

    def test_stray_marks_fused_to_cells_and_offices_are_cut_off(self) -> None:
        """``_ORG``, ``-B``, ``:`` and quotes around the cells do not spoil the row."""
        table = (
            "MARSHA SCOTT _ORG 92/03/12\nREFERRAL NOTE:\n"
            'HHS : . F 92/03/14 " -B 92/04/14\nREFERRAL NOTE:\n'
            "SUSAN PORTER ROSE: C 92/03/15\nREFERRAL NOTE:\n"
        )
        doc = parse(HEAD + table + TAIL)
        assert _rows(doc) == [
            ("MARSHA SCOTT", "ORG", "1992-03-12", None, None, None),
            ("HHS", "F", "1992-03-14", None, "B", "1992-04-14"),
            ("SUSAN PORTER ROSE", "C", "1992-03-15", None, None, None),
        ]
        dropped = " ".join(d.original or "" for d in doc.diagnostics if d.code == "junk-dropped")
        for mark in (":", "-", '"'):  # ``_`` is the printed slot's rule, not junk
            assert mark in dropped

    def test_initials_followed_by_junk_are_no_type_of_response(self) -> None:
        """``SS fh`` after the action date is handwriting: no response type is invented."""
        doc = parse(HEAD + "MARSHA SCOTT ORG 92/03/12 SS fh\nREFERRAL NOTE:\n" + TAIL)
        assert _rows(doc) == [("MARSHA SCOTT", "ORG", "1992-03-12", None, None, None)]
        assert "SS fh" in [line.text for line in doc.worksheets[0].unread]

    def test_a_misread_code_before_the_date_is_not_part_of_the_office(self) -> None:
        """``DOD E 91/07/03``: ``E`` stands in the code's place; the office is ``DOD``."""
        doc = parse(HEAD + "DOD E 92/07/03 C 92/07/10\nREFERRAL NOTE:\n" + TAIL)
        assert _rows(doc) == [("DOD", None, "1992-07-03", None, "C", "1992-07-10")]
        assert any(d.code == "code-unknown" and d.original == "E" for d in doc.diagnostics)

    def test_a_doubled_code_letter_is_read_as_the_code(self) -> None:
        """Engines read a typed ``S`` as ``Ss``: the repair is on record."""
        doc = parse(HEAD_581 + "David Gergen Ss 86/05/26 A 86/06/09\nReferral Note:\n" + TAIL_581)
        assert _rows(doc) == [("David Gergen", "S", "1986-05-26", None, "A", "1986-06-09")]
        repaired = [d for d in doc.diagnostics if d.code == "value-repaired"]
        assert any(d.original == "Ss" and d.repaired == "S" for d in repaired)

    @pytest.mark.parametrize("glyph", ["\u00a9", "\u00a2", ".\u00a2", "\u20ac", "Cc"])
    def test_a_disposition_c_read_as_a_sign(self, glyph: str) -> None:
        """``©``, ``¢``, ``€`` (marks fused or not) and ``Cc`` in the disposition code's place,
        before its date, are ``C``; the repair is on record."""
        row = f"MARLIN FITZWATER ORG 92/03/12 {glyph} 92/03/19\nREFERRAL NOTE:\n"
        doc = parse(HEAD + row + TAIL)
        assert _rows(doc) == [("MARLIN FITZWATER", "ORG", "1992-03-12", None, "C", "1992-03-19")]
        repaired = [d for d in doc.diagnostics if d.code == "value-repaired"]
        assert any(
            d.repaired == "C" and d.field == "worksheets[0].routing[0].disposition_code"
            for d in repaired
        )

    def test_a_sign_in_the_action_codes_place_is_no_code(self) -> None:
        """``©`` is only ever a disposition ``C``: in the action code's place it is kept as
        unread, not read as an action code."""
        doc = parse(HEAD + "MARLIN FITZWATER \u00a9 92/03/12\nREFERRAL NOTE:\n" + TAIL)
        [row] = doc.worksheets[0].routing
        assert row.action_code is None
        assert row.action_date == dt.date(1992, 3, 12)
        assert "\u00a9" in [u.text for u in doc.worksheets[0].unread]

    def test_originator_in_the_office_column(self) -> None:
        """The 5/81 form prints ``ORIGINATOR`` as the first office; its code follows."""
        doc = parse(HEAD_581 + "Originator\tI\t86/05/21\tS\t86/06/02\nReferral Note:\n" + TAIL_581)
        assert _rows(doc) == [("Originator", "I", "1986-05-21", None, "S", "1986-06-02")]

    def test_a_date_split_at_its_slash(self) -> None:
        """``93 /04/10`` is one completion date, its repair recorded."""
        doc = parse(HEAD + "PATSY THOMASSON\tX 92/04/03\tC 92 /04/10\nREFERRAL NOTE:\n" + TAIL)
        assert _rows(doc) == [("PATSY THOMASSON", "X", "1992-04-03", None, "C", "1992-04-10")]
        span = doc.worksheets[0].routing[0].field_spans["disposition_date"]
        assert (HEAD + "PATSY THOMASSON\tX 92/04/03\tC 92 /04/10")[span.start : span.end] == (
            "92 /04/10"
        )


# -- placing a short column -----------------------------------------------------


@st.composite
def _placements(draw: st.DrawFn) -> tuple[list[dt.date | None], list[dt.date | None], list[int]]:
    """Rows' tracking dates, and a true placement of a short column of completion dates."""
    n = draw(st.integers(1, 7))
    base = dt.date(1990, 1, 1)
    offsets = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))
    action: list[dt.date | None] = [
        None if draw(st.booleans()) and draw(st.booleans()) else base + dt.timedelta(days=o)
        for o in sorted(offsets)
    ]
    rows = sorted(draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=n)))
    dates: list[dt.date | None] = []
    for r in rows:
        floor = action[r] or base
        dates.append(
            None
            if draw(st.booleans()) and draw(st.booleans())
            else floor + dt.timedelta(days=draw(st.integers(0, 30)))
        )
    return action, dates, rows


class TestCertainPositions:
    @given(_placements())
    def test_a_certain_row_is_always_the_true_row(
        self, case: tuple[list[dt.date | None], list[dt.date | None], list[int]]
    ) -> None:
        """Whatever the true placement, a cell is never placed in another row."""
        action, dates, truth = case
        for cell, position in enumerate(_certain_positions(action, dates)):
            assert position is None or position == truth[cell]

    @given(_placements())
    def test_a_full_column_is_placed_in_order(
        self, case: tuple[list[dt.date | None], list[dt.date | None], list[int]]
    ) -> None:
        """As many cells as rows: every cell's row is certain."""
        action, _, _ = case
        dates = list(action)
        assert _certain_positions(action, dates) == list(range(len(action)))

    def test_a_date_before_every_later_row_is_certain(self) -> None:
        d = dt.date
        action = [d(1998, 11, 3), d(1998, 11, 5), d(1998, 11, 7)]
        assert _certain_positions(action, [d(1998, 11, 3), d(1998, 11, 10)]) == [0, None]


class TestCheckBoxes:
    """The 5/81 form's direction boxes as engines read them: dots, bullets, no dash."""

    @staticmethod
    def _direction(boxes: str) -> object:
        text = HEAD_581.replace("0 O - OUTGOING\n0 H - INTERNAL\nX I - INCOMING\n", boxes)
        return parse(text + TAIL_581).worksheets[0].direction

    def test_a_middle_dot_between_code_and_word(self) -> None:
        boxes = "0 O · OUTGOING\n0 H · INTERNAL\nX I · INCOMING\n"
        assert self._direction(boxes) is Direction.INCOMING

    def test_a_bullet_mark_fused_to_the_code_letter(self) -> None:
        boxes = '0 O · OUTGOING\n8"H · INTERNAL\n0 I · INCOMING\n'
        assert self._direction(boxes) is Direction.INTERNAL

    def test_no_dash_at_all_in_lower_case(self) -> None:
        boxes = "x o outgoing\n0 h internal\n0 i incoming\n"
        assert self._direction(boxes) is Direction.OUTGOING

    def test_a_number_before_media_is_no_check_box(self) -> None:
        """``2<tab>Media: L`` is a count and a label, not a box ticked ``2``."""
        doc = parse(HEAD_581 + TAIL_581 + "No. of Additional Correspondents: 2\tMedia: L\n")
        assert doc.worksheets[0].media == "L"


_ROW_WORDS = st.sampled_from(
    [
        "WHORM",
        "DOS",
        "Dos",
        "ORG",
        "_ORG",
        "A»",
        "SUSAN:",
        "C",
        "R",
        "Ss",
        "92/01/30",
        "93",
        "/04/10",
        "__/__/__",
        "_",
        ":",
        "|",
        "—",
        "4",
        "Ee",
        "(STAFF",
        "M.",
        "v-~~c",
        "SC",
        "Supe",
        "©",
        ".¢",
        "Originator",
        "I",
        "82/10/19",
    ]
)


class TestSplittingALine:
    """A line of the table is split into office, cells and stray marks, losing nothing."""

    @given(
        st.lists(st.tuples(_ROW_WORDS, st.sampled_from([" ", "  ", "\t"])), max_size=10),
        st.booleans(),
    )
    def test_every_mark_of_the_line_lands_in_exactly_one_part(
        self, words: list[tuple[str, str]], printed_upper: bool
    ) -> None:
        value = "".join(w + gap for w, gap in words).strip()
        text = "xx\n" + value + "\n"
        piece = Piece(TokenKind.TEXT, 3, 3 + len(value), value, 3, 0)
        line = split_line(piece, text, printed_upper)
        covered: list[int] = []
        for w in line.office + line.cells + line.marks:
            assert text[w.start : w.end] == w.text
            covered.extend(i for i in range(w.start, w.end) if not text[i].isspace())
        assert sorted(covered) == [i for i in range(3, 3 + len(value)) if not text[i].isspace()]
