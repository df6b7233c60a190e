"""What real OCR engines do to the worksheet's labelled fields, read back.

Labels with blanks moved, stray marks around them and a mark other than a
colon after them; debris beside values; damaged separators and digits in
dates, ids and codes; code lists wrapped onto the next line; worksheets whose
labels are too damaged for the segmenter's own patterns.  Each repair is on
record with what the text said and what it was read as.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import parse
from worksheet_parser._dates import DateOrder, read_date
from worksheet_parser._vocab import COLON_LABELS
from worksheet_parser._worksheet._fields import read_code_line, read_id_number, value_extent
from worksheet_parser._worksheet._labels import opens_with_label
from worksheet_parser._worksheet._lexer import lex_line


def _pieces(line: str) -> list[tuple[str, str]]:
    return [(p.kind, p.value) for p in lex_line(line, 0, 0)]


class TestDamagedLabels:
    @pytest.mark.parametrize(
        ("line", "kind", "value"),
        [
            (
                "NAME OF CORRES PONDENT: THE HONORABLE EDWARD M. KENNEDY",
                "CORRESPONDENT",
                "THE HONORABLE EDWARD M. KENNEDY",
            ),
            ("NAMEOF CORRESPONDENT: MR. JOHN SMITH", "CORRESPONDENT", "MR. JOHN SMITH"),
            ("SUBJEC T: URGES PRESIDENT TO ACT", "SUBJECT", "URGES PRESIDENT TO ACT"),
            ("DATERECEIVED: JULY 15, 1989", "DATE_RECEIVED", "JULY 15, 1989"),
            ("DATE RECEIVED; JULY 15, 1989", "DATE_RECEIVED", "JULY 15, 1989"),
            ("DATE RECEIVED) JULY 15, 1989", "DATE_RECEIVED", "JULY 15, 1989"),
            ("DATERECEIVED JULY 15, 1989", "DATE_RECEIVED", "JULY 15, 1989"),
            ("* DATE-RECEIVED: JULY 01, 1992", "DATE_RECEIVED", "JULY 01, 1992"),
            ("NAME . OF CORRESPONDENT: GEORGE G. MILLER", "CORRESPONDENT", "GEORGE G. MILLER"),
            ("NAME-OF CORRESPONDENT: MR. JOHN SMITH", "CORRESPONDENT", "MR. JOHN SMITH"),
            ("~~~ DATE RECEIVED; JULY 15, 1989", "DATE_RECEIVED", "JULY 15, 1989"),
            ("| SUBJECT; FORWARDS RESOLUTION", "SUBJECT", "FORWARDS RESOLUTION"),
            ("COMMENTS. COPY SENT TO NSC", "COMMENTS", "COPY SENT TO NSC"),
            ("Subject! Expresses concern", "SUBJECT", "Expresses concern"),
            (
                "NAME oe CORRESPONDENT :. MR. HELEN T. TAYLOR",
                "CORRESPONDENT",
                "MR. HELEN T. TAYLOR",
            ),
            ("UserCodes: (A) (B) (C)", "MAIL", "(A) (B) (C)"),
            ("MAIL USER CODES. (A) (B)", "MAIL", "(A) (B)"),
        ],
    )
    def test_label_read_and_repaired(self, line: str, kind: str, value: str) -> None:
        """The label is found, its value starts after it, and the repair is reported."""
        [piece] = lex_line(line, 0, 0)
        assert (piece.kind, piece.value) == (kind, value)
        assert piece.repaired_label is not None
        assert piece.label is not None
        assert line.startswith(piece.label)

    def test_fused_labels_on_one_line(self) -> None:
        """``INDIVIDUALCODES:`` after other labels on the line is still a label."""
        assert _pieces("ADDITIONAL CORRESPONDENTS: MEDIA: L INDIVIDUALCODES: 1210") == [
            ("ADDITIONAL", ""),
            ("MEDIA", "L"),
            ("INDIVIDUAL", "1210"),
        ]

    @pytest.mark.parametrize(
        "line",
        [
            "THE SUBJECT OF THE MEETING",
            "SUBJECT OF THE MEETING WAS",
            "DATE RECEIVED BY THE COMMITTEE",
            "COMMENTS ON THE PROPOSAL",
            "i 2 * CORRESPONDENCE: x",
            "MEDIA COVERAGE OF THE VISIT",
        ],
    )
    def test_prose_stays_text(self, line: str) -> None:
        """Without a colon, a one-word label or a label not followed by its value is prose."""
        assert [kind for kind, _ in _pieces(line)] == ["TEXT"]

    @given(
        st.sampled_from(sorted({s for v in COLON_LABELS.values() for s in v if len(s) > 6})),
        st.integers(min_value=1, max_value=30),
        st.sampled_from(["", "~~~ ", "| ", ". : ", "_ "]),
        st.sampled_from([":", ";", "."]),
    )
    def test_any_label_with_a_blank_moved(
        self, spelling: str, cut: int, stray: str, colon: str
    ) -> None:
        """Every colon label longer than six letters, with a blank inserted or removed
        anywhere, stray marks before it and a colon or a mark for it, is read as its label
        and its value as the value."""
        expected = next(k for k, v in COLON_LABELS.items() if spelling in v)
        at = cut % len(spelling)
        damaged = (
            spelling[:at] + spelling[at + 1 :]
            if spelling[at] == " "
            else spelling[:at] + " " + spelling[at:]
        )
        line = f"{stray}{damaged}{colon} 1210"
        # (A shorter label that is the longer one's tail, ``USER CODES`` of ``M AIL USER
        # CODES``, may be what is read: the value is the same field's.)
        last = lex_line(line, 0, 0)[-1]
        assert (last.kind, last.value) == (expected, "1210"), line
        assert opens_with_label(line)


class TestDirectionLine:
    @pytest.mark.parametrize(
        ("line", "word", "rest"),
        [
            ("INCOMING - oe", "INCOMING", "- oe"),
            ("\u201cINTERNAL , see", "\u201cINTERNAL", ", see"),
            (". OUTGOING ; ACS te ay ; :", ". OUTGOING", "; ACS te ay ; :"),
            ("INCOMING c", "INCOMING", "c"),
        ],
    )
    def test_direction_then_specks(self, line: str, word: str, rest: str) -> None:
        """The computer-printed direction with specks after it: the word is the direction,
        the specks a text piece of their own (kept as unread), nothing of the line lost."""
        assert _pieces(line) == [("DIRECTION", word), ("TEXT", rest)]

    @pytest.mark.parametrize(
        "line",
        ["OUTGOING LETTER TO THE PRESIDENT", "|. INCOMING :", "INCOMING MAIL 1991", "X INCOMING"],
    )
    def test_not_a_direction_line(self, line: str) -> None:
        """A longer word after it, or a check box's outline or mark before it: not the
        printed direction."""
        assert "DIRECTION" not in [kind for kind, _ in _pieces(line)]

    def test_direction_read_in_a_worksheet(self) -> None:
        text = (
            "ID# 076135\nWHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET\n"
            "INCOMING , . j _\nDATE RECEIVED: FEBRUARY 14, 1995\n"
            "NAME OF CORRESPONDENT: MR. JOHN SMITH\nSUBJECT: ASKS FOR A PHOTOGRAPH\n"
        )
        doc = parse(text)
        [ws] = doc.worksheets
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        assert [u.text for u in ws.unread] == [", . j _"]


class TestWrappedFooter:
    def test_comments_end_where_a_wrapped_footer_starts(self) -> None:
        text = (
            "ID # 271543\nWHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "X I - INCOMING\nName of Correspondent: Mr. John Q. Smith\n"
            "Subject: Requests a photograph\n"
            "Comments: Additional signature (senator brown)\n"
            "Keep this worksheet attached to the original incoming\n"
            "letter. Send all routing updates to Central Reference (Room\n"
            "75, OEOB). Always return completed correspondence record to\n"
        )
        [ws] = parse(text).worksheets
        assert ws.comments == "Additional signature (senator brown)"


class TestCutOffPhrase:
    HEAD = (
        "ID# 303373\nINCOMING\nDATE RECEIVED: MARCH 11, 1992\n"
        "NAME OF CORRESPONDENT: MS. PAUL T. WHITE\n"
    )

    def test_after_a_column_break_on_the_subjects_line(self) -> None:
        """``SUBJECT: ...<tab>(STATE OF THE PROPERTY OF``: words OCR made up, put on the
        subject's line; the subject goes on under it, the phrase is kept unread."""
        doc = parse(
            self.HEAD
            + "SUBJECT: EXPRESSES CONCERN ABOUT THE PROPOSED\t(STATE OF THE PROPERTY OF\n"
            + "CUTS TO VETERANS BENEFITS\nCOMMENTS: COPY SENT TO NSC\n"
        )
        [ws] = doc.worksheets
        assert ws.subject == "EXPRESSES CONCERN ABOUT THE PROPOSED CUTS TO VETERANS BENEFITS"
        assert [u.text for u in ws.unread] == ["(STATE OF THE PROPERTY OF"]

    def test_as_the_last_line_under_a_subject(self) -> None:
        doc = parse(
            self.HEAD
            + "SUBJECT: EXPRESSES CONCERN ABOUT THE CLOSING OF\nMILITARY BASES IN CALIFORNIA\n"
            + "(STATE OF THE PROPERTY OF\n\tACTION\tDISPOSITION\n"
        )
        [ws] = doc.worksheets
        assert ws.subject == "EXPRESSES CONCERN ABOUT THE CLOSING OF MILITARY BASES IN CALIFORNIA"
        assert [u.text for u in ws.unread] == ["(STATE OF THE PROPERTY OF"]

    def test_a_bracket_the_value_goes_on_to_close_is_kept(self) -> None:
        """A wrapped line that opens a bracket the next line closes is the value's."""
        doc = parse(
            self.HEAD
            + "SUBJECT: SUPPORTS THE TREATY\n(AND THE REPUBLIC OF\nKOREA)\n"
            + "COMMENTS: COPY SENT TO NSC\tRM 75\n"
        )
        [ws] = doc.worksheets
        assert ws.subject == "SUPPORTS THE TREATY (AND THE REPUBLIC OF KOREA)"
        assert ws.comments == "COPY SENT TO NSC RM 75"


class TestDebrisBesideValues:
    @pytest.mark.parametrize(
        ("text", "upper", "name", "kept"),
        [
            ("SUSAN F. FRANK :", True, True, "SUSAN F. FRANK"),
            ("GEORGE D. ROTH . (ee", True, True, "GEORGE D. ROTH"),
            ("LINDA G. O'NEILL Otte", True, True, "LINDA G. O'NEILL"),
            ("HELEN A. JACKSON 6 8", True, True, "HELEN A. JACKSON"),
            ("U.S. CHAMBER OF COMMERCE |", True, True, "U.S. CHAMBER OF COMMERCE"),
            ("National Education Association °", False, True, "National Education Association"),
            (
                "CO-SIGNED BY 14 MEMBERS OF CONGRESS . + ee HF",
                True,
                False,
                "CO-SIGNED BY 14 MEMBERS OF CONGRESS",
            ),
            ("COPY SENT TO NSC - 1 2 2004", True, False, "COPY SENT TO NSC"),
            ("‘MR. ROBERT R. THOMAS po eee", True, True, "MR. ROBERT R. THOMAS"),
            (
                "THE CLEAN AIR ACT AMENDMENTS OF 1990",
                True,
                False,
                "THE CLEAN AIR ACT AMENDMENTS OF 1990",
            ),
            ("WORLD WAR II", True, False, "WORLD WAR II"),
            ("Mr. John O'Neill", False, True, "Mr. John O'Neill"),
            ("I 1 I", True, False, ""),
        ],
    )
    def test_edges_trimmed(self, text: str, upper: bool, name: bool, kept: str) -> None:
        lo, hi = value_extent(text, upper, name=name)
        assert text[lo:hi] == kept

    @given(st.text(alphabet="ABCDE .:;|°~'-1234ab", max_size=40), st.booleans(), st.booleans())
    def test_extent_is_a_stable_part_of_the_text(self, text: str, upper: bool, name: bool) -> None:
        """The value kept is a part of the text, and reading it again keeps all of it."""
        lo, hi = value_extent(text, upper, name=name)
        assert 0 <= lo <= hi <= len(text)
        kept = text[lo:hi]
        assert kept == kept.strip()
        again = value_extent(kept, upper, name=name)
        assert kept[again[0] : again[1]] == kept

    def test_debris_is_kept_unread_with_a_diagnostic(self) -> None:
        """What is trimmed off a name is in the worksheet's unread lines, with its span."""
        text = (
            "ID# 303373\nINCOMING\nDATE RECEIVED: JULY 15, 1989\n"
            "NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY : . (ee\n"
            "SUBJECT: URGES PRESIDENT TO ACT |\n"
        )
        doc = parse(text)
        ws = doc.worksheets[0]
        assert ws.correspondent is not None
        assert (ws.correspondent.title, ws.correspondent.name) == (
            "THE HONORABLE",
            "EDWARD M. KENNEDY",
        )
        assert ws.subject == "URGES PRESIDENT TO ACT"
        assert [line.text for line in ws.unread] == [": . (ee", "|"]
        dropped = [d for d in doc.diagnostics if d.code == "junk-dropped"]
        assert [d.original for d in dropped] == [": . (ee", "|"]
        assert dropped[0].span is not None
        assert text[dropped[0].span.start : dropped[0].span.end] == ": . (ee"


class TestDatesIdsAndCodes:
    @pytest.mark.parametrize(
        ("text", "order", "value", "repaired"),
        [
            ("92l07/08", DateOrder.YY_MM_DD, dt.date(1992, 7, 8), "92/07/08"),
            ("87106/27", DateOrder.YY_MM_DD, dt.date(1987, 6, 27), "87/06/27"),
            ("92/07l08", DateOrder.YY_MM_DD, dt.date(1992, 7, 8), "92/07/08"),
            ("JULY 15; 1989", DateOrder.MONTH_NAME, dt.date(1989, 7, 15), "JULY 15, 1989"),
            ("NOVEMBER 08,° 1991", DateOrder.MONTH_NAME, dt.date(1991, 11, 8), "NOVEMBER 8, 1991"),
            ("MARCH 02, 1989 5 :", DateOrder.MONTH_NAME, dt.date(1989, 3, 2), "MARCH 2, 1989"),
        ],
    )
    def test_damaged_date_repaired(
        self, text: str, order: DateOrder, value: dt.date, repaired: str
    ) -> None:
        reading = read_date(text, order)
        assert (reading.value, reading.code, reading.repaired) == (value, "date-repaired", repaired)

    @pytest.mark.parametrize("text", ["JULY 15, 1989 JUNE", "JULY 15, 1989 12", "92107/0"])
    def test_two_dates_or_too_little_is_unreadable(self, text: str) -> None:
        order = DateOrder.YY_MM_DD if "/" in text else DateOrder.MONTH_NAME
        assert read_date(text, order).value is None

    def test_id_numbers(self) -> None:
        assert read_id_number("_5O2720") == "502720"
        assert read_id_number("107753.") == "107753"
        assert read_id_number("ID") is None

    def test_id_line_with_the_title_on_it(self) -> None:
        """``ID# 502720 WHITE HOUSE ...``: the id, and the title as printed form text."""
        assert _pieces("ID# _502720 WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET") == [
            ("ID", "_502720"),
            ("TITLE", ""),
        ]

    def test_wrapped_code_list_among_debris(self) -> None:
        codes, junk = read_code_line(": . ‘TAOO2 JL PROO7. way", 0) or ([], [])
        assert [code for _, code in codes] == ["TA002", "JL", "PR007"]
        assert [w.text for w in junk] == [":", ".", "way"]
        assert read_code_line("TO BE OR NOT", 0) is None

    @pytest.mark.parametrize(
        ("word", "code"),
        [
            ("TAOO02", "TA002"),
            ("CO0O71", "CO071"),
            ("ITOQO67", "IT067"),
            ("coo71", "CO071"),
            ("MEOO1L", None),  # a mark after it, not a digit: no guess at the number
            ("TA0002", None),  # four plain digits: no sign of a zero read twice
        ],
    )
    def test_subject_code_with_a_zero_read_twice(self, word: str, code: str | None) -> None:
        """A zero read as ``0O``, ``OO`` or ``OQO`` is read once; the repair is on record."""
        doc = parse(f"ID# 303373\nPrime Subject Code: {word}\nSUBJECT: A LETTER\n")
        [ws] = doc.worksheets
        assert ws.subject_codes == (() if code is None else (code,))
        if code is not None:
            [repair] = [d for d in doc.diagnostics if d.code == "value-repaired"]
            assert (repair.original, repair.repaired) == (word, code)

    def test_worksheet_reads_through_all_of_it(self) -> None:
        """A worksheet as a real engine read it: every field back, each repair on record."""
        text = "\n".join(
            [
                "ID# _303373",
                ": . ‘C0034 PROO7 ;",
                "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
                "INCOMING",
                "~~~ DATE RECEIVED; JULY 15; 1989",
                "NAME OF CORRES PONDENT: THE HONORABLE EDWARD M. KENNEDY : . (ee",
                "·r ·",
                "SUBJEC T: URGES PRESIDENT TO RECONSIDER THE",
                "HUMAN RIGHTS SITUATION IN TIBET i S :",
                ". ; ; ACTION DISPOSITION",
                "ROUTE TO: OFFICE/AGENCY (STAFF NAME) ACT DATE TYPE C COMPLETED",
                "CODE YY/MM/DD RESP D YY/MM/DD",
                "FREDERICK MCCLURE ORG 89/07/17 A 89/07/20",
                "REFERRAL NOTE:",
                "COMMENTS. COPY SENT TO NSC |",
                "ADDITIONAL CORRESPONDENTS: MEDIA:L INDIVIDUALCODES: 1210",
            ]
        )
        doc = parse(text)
        [ws] = doc.worksheets
        assert ws.id_number == "303373"
        assert ws.subject_codes == ("CO034", "PR007")
        assert ws.date_received == dt.date(1989, 7, 15)
        assert ws.correspondent is not None
        assert ws.correspondent.name == "EDWARD M. KENNEDY"
        assert ws.subject == "URGES PRESIDENT TO RECONSIDER THE HUMAN RIGHTS SITUATION IN TIBET"
        assert ws.comments == "COPY SENT TO NSC"
        assert (ws.media, ws.individual_codes) == ("L", ("1210",))
        assert [r.office for r in ws.routing] == ["FREDERICK MCCLURE"]
        repairs = {(d.original, d.repaired) for d in doc.diagnostics}
        assert ("_303373", "303373") in repairs
        assert ("PROO7", "PR007") in repairs
        assert ("JULY 15; 1989", "JULY 15, 1989") in repairs
        assert ("SUBJEC T:", "SUBJECT:") in repairs
        assert ("~~~ DATE RECEIVED;", "DATE RECEIVED:") in repairs


class TestLowerCasePages:
    def test_lower_case_engine(self) -> None:
        """An engine that wrote the page in lower case: labels and codes read, values as written."""
        text = "\n".join(
            [
                "id# 303373 co034 hu",
                "incoming",
                "date received: july 15, 1989",
                "name of corres pondent: the honorable edward m. kennedy",
                "subjec t: urges president to act",
            ]
        )
        [ws] = parse(text).worksheets
        assert ws.subject_codes == ("CO034", "HU")
        assert ws.date_received == dt.date(1989, 7, 15)
        assert ws.correspondent is not None
        assert ws.correspondent.name == "edward m. kennedy"
        assert ws.subject == "urges president to act"


class TestNamesAndWrappedLines:
    def test_name_punctuation_repaired_and_reported(self) -> None:
        """``KAREN M, -HARRIS``: the initial's period and a stray dash, repaired on record."""
        doc = parse(
            "ID# 303373\nINCOMING\nDATE RECEIVED: JULY 15, 1989\n"
            "NAME OF CORRESPONDENT: THE HON0RABLE KAREN M, -HARRIS\nSUBJECT: X Y\n"
        )
        ws = doc.worksheets[0]
        assert ws.correspondent is not None
        assert (ws.correspondent.title, ws.correspondent.name) == (
            "THE HONORABLE",
            "KAREN M. HARRIS",
        )
        repairs = {(d.original, d.repaired) for d in doc.diagnostics if d.code == "value-repaired"}
        assert ("KAREN M, -HARRIS", "KAREN M. HARRIS") in repairs
        assert ("THE HON0RABLE", "THE HONORABLE") in repairs

    def test_a_surname_comma_is_kept(self) -> None:
        """``SMITH, JOHN`` is a name written surname first, not a damaged initial."""
        doc = parse("ID# 303373\nNAME OF CORRESPONDENT: SMITH, JOHN\n")
        assert doc.worksheets[0].correspondent is not None
        assert doc.worksheets[0].correspondent.name == "SMITH, JOHN"

    def test_wrapped_subject_behind_a_star(self) -> None:
        """``* TRADING STATUS FOR CHINA`` under a subject is its wrapped line, not the legend."""
        doc = parse(
            "ID# 303373\nINCOMING\n"
            "SUBJECT: URGES RENEW MOST FAVORED NATION\n* TRADING STATUS FOR CHINA : |\n"
            ". : ACTION DISPOSITION .\n"
        )
        assert (
            doc.worksheets[0].subject == "URGES RENEW MOST FAVORED NATION TRADING STATUS FOR CHINA"
        )

    def test_media_and_codes_on_a_lower_case_line(self) -> None:
        """``media:l`` and ``id# 303373 sp tr`` on an otherwise capital page."""
        doc = parse(
            "ID# 100000\nid# 303373 sp tr of\nINCOMING\nDATE RECEIVED: JULY 15, 1989\n"
            "additional correspondents: media:l individual codes: 1220\n"
        )
        ws = doc.worksheets[-1]
        assert ws.subject_codes == ("SP", "TR")
        assert ws.media == "L"
