"""The line lexer: damaged labels, check boxes, colon-less labels, and totality."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import FormVariant
from worksheet_parser._worksheet._lexer import Piece, lex_line, lex_lines


def _pieces(line: str) -> list[Piece]:
    return list(lex_line(line, 0, 0))


def _kinds(line: str) -> list[str]:
    return [p.kind for p in _pieces(line)]


class TestDamagedLabels:
    def test_digit_for_letter(self) -> None:
        """``NAME 0F CORRESPONDENT:`` is the correspondent label, reported as repaired."""
        [piece] = _pieces("NAME 0F CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY")
        assert piece.kind == "CORRESPONDENT"
        assert piece.value == "THE HONORABLE EDWARD M. KENNEDY"
        assert piece.repaired_label == "NAME OF CORRESPONDENT:"

    def test_lower_l_for_i(self) -> None:
        """``DATE RECElVED:`` is the computer-printed date label."""
        [piece] = _pieces("DATE RECElVED: JANUARY 30, 1992")
        assert piece.kind == "DATE_RECEIVED"
        assert piece.value == "JANUARY 30, 1992"
        assert piece.repaired_label == "DATE RECEIVED:"

    def test_label_cut_at_a_column_break(self) -> None:
        """``ODES:`` before digits is INDIVIDUAL CODES, before ``(A)`` the mail user codes."""
        assert _kinds("ODES: 1210 1220") == ["INDIVIDUAL"]
        assert _kinds("\tODES: (A) (B) (C)") == ["MAIL"]

    def test_cut_label_is_no_form_evidence(self) -> None:
        """A label recognised from a fragment says nothing about the form variant."""
        [piece] = _pieces("ODES: (A)")
        assert piece.kind == "MAIL"
        assert piece.evidence is None

    def test_junk_glued_to_a_label(self) -> None:
        """``NSCSITTERRAL NOTE:`` splits into the office and a repaired referral note."""
        pieces = _pieces("FREDERICK MCCLURE NSCSITTERRAL NOTE:\tORG 92/01/30")
        assert [p.kind for p in pieces] == ["TEXT", "REFERRAL"]
        assert pieces[0].value == "FREDERICK MCCLURE"
        assert pieces[1].repaired_label == "REFERRAL NOTE:"
        assert pieces[1].value == "ORG 92/01/30"

    def test_media_is_not_india(self) -> None:
        """``INDIA:`` is never read as the MEDIA label; short labels are matched exactly."""
        assert _kinds("INDIA: STATE VISIT") == ["TEXT"]
        assert _kinds("MEDIA:L") == ["MEDIA"]

    def test_colon_less_media_needs_a_short_value(self) -> None:
        """``Media L`` is the media label, ``Media coverage of ...`` is text."""
        assert _kinds("Media L") == ["MEDIA"]
        assert _kinds("Media coverage of the visit") == ["TEXT"]


class TestForm581Labels:
    def test_date_received_with_hint(self) -> None:
        """The 5/81 date label takes no colon and carries its ``(YY/MM/DD)`` hint."""
        [piece] = _pieces("Date Correspondence Received (YY/MM/DD) 85/03/12")
        assert piece.kind == "RECEIVED_YMD"
        assert piece.value == "85/03/12"
        assert piece.repaired_label is None
        assert piece.evidence is FormVariant.FORM_5_81

    def test_damaged_date_label(self) -> None:
        """``Recelved (VY/MM/DD)`` is repaired as one label, not cut after Correspondence."""
        [piece] = _pieces("Date Correspondence Recelved (VY/MM/DD)  85/O3/l2")
        assert piece.kind == "RECEIVED_YMD"
        assert piece.value == "85/O3/l2"
        assert piece.repaired_label == "DATE CORRESPONDENCE RECEIVED (YY/MM/DD)"

    def test_classification_labels_on_one_line(self) -> None:
        """Several classification labels on one line each become a piece with their value."""
        pieces = _pieces(
            "No. of Additional Correspondents: 2\tMedia: L\tIndividual Codes: 1210 1220"
        )
        assert [(p.kind, p.value) for p in pieces] == [
            ("ADDITIONAL", "2"),
            ("MEDIA", "L"),
            ("INDIVIDUAL", "1210 1220"),
        ]

    def test_prime_and_secondary(self) -> None:
        """Prime and secondary subject code labels, damaged or not."""
        assert _kinds("Prime Subject Code: CO034\tSecondary Codes: HU") == ["PRIME", "SECONDARY"]
        assert _kinds("Secondary Subject Codes: HU") == ["SECONDARY"]
        [piece] = _pieces("Prlme Subject Code: CO034")
        assert piece.kind == "PRIME"
        assert piece.repaired_label == "PRIME SUBJECT CODE"

    def test_mail_report_and_user_codes(self) -> None:
        """``MI Mail Report`` takes its check box; ``User Codes:`` is the mail user codes."""
        pieces = _pieces("\u25a1 MI Mail Report    User Codes: (A) ___ (8) ___ (C) ___")
        assert [p.kind for p in pieces] == ["MAIL_REPORT", "MAIL"]
        assert pieces[0].start == 0

    def test_form_mark_and_sections(self) -> None:
        """``5/81``, ``RECORDS MANAGEMENT ONLY``, ``PRESIDENTIAL REPLY``: whole-line tokens."""
        assert _kinds("5/81") == ["FORM_MARK"]
        assert _kinds("5/8l") == ["FORM_MARK"]
        assert _kinds("RECORDS MANAGEMENT ONLY") == ["CLASSIFICATION"]
        assert _kinds("CLASSIFICATION SECTION") == ["CLASSIFICATION"]
        assert _kinds("PRESIDENTIAL REPLY") == ["REPLY_HEAD"]

    def test_table_headers(self) -> None:
        """Mixed-case and damaged column headers (``Completlon``, ``VY/MM/DD``) are headers."""
        line = (
            "Office/Agency (Staff Name)\tAction Code\tTracking Date VY/MM/DD\t"
            "Type of Response\tCode\tCompletlon Date VY/MM/DD"
        )
        [piece] = _pieces(line)
        assert piece.kind == "TABLE_HEAD"
        assert piece.evidence is FormVariant.FORM_5_81

    def test_table_head_with_specks_between_its_words(self) -> None:
        """``ACTION’ -  ° DISPOSITION``: specks between the heads are not words of the line."""
        assert _kinds("ACTION\u2019 -  \u00b0 DISPOSITION") == ["TABLE_HEAD"]
        assert _kinds("ACTION - \u00b0 - SUPPORT FOR THE BILL") != ["TABLE_HEAD"]

    def test_footer_wrapped_narrower_than_the_form(self) -> None:
        """A footer wrapped at a narrower width: its first line alone is the footer; a line
        holding only a few of its first words is not."""
        assert _kinds("Keep this worksheet attached to the original") == ["FOOTER"]
        assert _kinds("Keep this worksheet attached to the original incoming") == ["FOOTER"]
        assert _kinds("Keep this worksheet attached") == ["TEXT"]

    def test_legend_and_footer(self) -> None:
        """The 5/81 legend (``lnitlals``) and footer lines are recognised as such."""
        assert _kinds("A - Appropriate Action\tI - Info Copy Only/No Action Necessary") == [
            "LEGEND"
        ]
        assert _kinds("Type of Response = lnitlals of Signer") == ["LEGEND"]
        [shared] = _pieces("FOR OUTGOING CORRESPONDENCE:")
        assert (shared.kind, shared.evidence) == ("LEGEND", None)
        [footer] = _pieces("Always return completed correspondence record to Central Files.")
        assert footer.kind == "FOOTER"
        assert footer.evidence is FormVariant.FORM_5_81


class TestCheckBoxes:
    def test_three_boxes_on_one_line(self) -> None:
        """Three boxes on one line become three pieces, each holding its box glyph."""
        pieces = _pieces('0 O - OUTGOING\tD H - INTERNAL\t8" I - INCOMING')
        assert [(p.kind, p.value, p.canonical) for p in pieces] == [
            ("CHECKBOX", "0", "O - OUTGOING"),
            ("CHECKBOX", "D", "H - INTERNAL"),
            ("CHECKBOX", '8"', "I - INCOMING"),
        ]

    def test_zero_for_the_code_letter(self) -> None:
        """``0 - OUTGOING`` is the O box (label repaired) with no glyph."""
        [piece] = _pieces("0 - OUTGOING")
        assert (piece.kind, piece.value, piece.repaired_label) == (
            "CHECKBOX",
            "",
            "O - OUTGOING",
        )

    def test_media_box(self) -> None:
        """``X - MEDIA`` is the records management form's media box."""
        [piece] = _pieces("\u25a0 X - MEDIA")
        assert (piece.kind, piece.value, piece.canonical) == ("CHECKBOX", "\u25a0", "X - MEDIA")
        assert piece.evidence is FormVariant.RECORDS_MANAGEMENT

    def test_words_that_are_not_boxes(self) -> None:
        """A dash before an ordinary word is no check box."""
        assert _kinds("Reagan - MEDIA coverage") == ["TEXT"]
        assert _kinds("A - Appropriate") == ["TEXT"]


_FRAGMENTS = [
    "ID#",
    "ID #",
    "lD #",
    "123456",
    "NAME 0F CORRESPONDENT:",
    "Date Correspondence Received (YY/MM/DD)",
    "Recelved (VY/MM/DD)",
    "X I - INCOMING",
    "0 - OUTGOING",
    '8"',
    "\u25a1",
    "MEDIA",
    "Media:",
    "INDIA:",
    "ODES:",
    "NSCSITTERRAL NOTE:",
    "REFERRAL NOTE:",
    "Prime Subject Code:",
    "Secondary Codes:",
    "5/81",
    "RECORDS MANAGEMENT ONLY",
    "ORIGINATOR",
    "85/03/12",
    "(A)",
    "(8)",
    "Office/Agency",
    "*****",
    ":",
    "-",
    "\t",
    " ",
]

_lines = st.lists(
    st.sampled_from(_FRAGMENTS) | st.text(alphabet=st.characters(blacklist_categories=["Cs"])),
    max_size=8,
).map(lambda parts: " ".join(parts).replace("\n", " ").replace("\r", " "))


class TestTotality:
    @given(_lines)
    def test_every_line_is_covered(self, line: str) -> None:
        """The lexer never raises; a non-blank line's pieces cover every non-blank character."""
        pieces = _pieces(line)
        if not line.strip():
            return
        assert pieces
        covered = [False] * len(line)
        for p in pieces:
            assert 0 <= p.start <= p.end <= len(line)
            for i in range(p.start, p.end):
                covered[i] = True
        missing = [i for i, c in enumerate(line) if not c.isspace() and not covered[i]]
        assert missing == []

    @given(st.lists(_lines, max_size=6))
    def test_lex_lines_keeps_line_order(self, lines: list[str]) -> None:
        """Pieces come out in line order, with their line index."""
        offsets: list[tuple[str, int]] = []
        pos = 0
        for text in lines:
            offsets.append((text, pos))
            pos += len(text) + 1
        pieces = lex_lines(offsets)
        assert [p.line for p in pieces] == sorted(p.line for p in pieces)
        assert {p.line for p in pieces} == {i for i, t in enumerate(lines) if t.strip()}


class TestCaches:
    def test_a_line_seen_before_lexes_alike_anywhere(self) -> None:
        """Lines of equal text share cached pieces; offsets stay each line's own."""
        line = "SUBJECT: URGES PRESIDENT TO REJECT MEETING"
        first = lex_line(line, 0, 0)
        again = lex_line(line, 100, 3)
        assert [(p.kind, p.value) for p in again] == [(p.kind, p.value) for p in first]
        assert [(p.start - 100, p.value_start - 100) for p in again] == [
            (p.start, p.value_start) for p in first
        ]
        assert {p.line for p in again} == {3}

    def test_long_lines_and_words_are_not_kept(self) -> None:
        """What the caches hold stays small: long lines and words are lexed, not remembered."""
        from worksheet_parser._worksheet import _lexer, _spellings

        word = "W" * (_spellings.CACHED_WORD + 1)
        line = " ".join([word] * (_lexer.CACHED_LINE // len(word) + 2))
        lines_before = _lexer._lex_cached.cache_info().currsize
        words_before = _spellings._word_letters.cache_info().currsize
        pieces = lex_line(line, 0, 0)
        assert [(p.kind, p.value) for p in pieces] == [("TEXT", line)]
        assert _lexer._lex_cached.cache_info().currsize == lines_before
        assert _spellings._word_letters.cache_info().currsize == words_before
