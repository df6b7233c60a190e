"""The 5/81 printed form, the records management worksheet, and form detection."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SAMPLE
from worksheet_parser import Document, FormVariant, Worksheet, parse
from worksheet_parser._worksheet._form import GRAMMARS
from worksheet_parser._worksheet._grammar import _parser

FORM_5_81 = """\
ID # 271543
WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET

0 O - OUTGOING
D H - INTERNAL
X I - INCOMING

Date Correspondence
Received (YY/MM/DD) 85/03/12

Name of Correspondent: Mr. John Q. Smith

\u25a1 MI Mail Report    User Codes: (A) ______ (B) ______ (C) ______

Subject: Requests a photograph of the President
for the Boy Scouts of America jamboree

ROUTE TO:\tACTION\tDISPOSITION
Office/Agency (Staff Name)\tAction Code\tTracking Date YY/MM/DD\tType of Response\tCode\t\
Completion Date YY/MM/DD
CUFF\tORIGINATOR\t85/03/12
Referral Note:
WHLEG\tA\t85/03/14\tRR\tC\t85/04/02
Referral Note: Please reply for the President
ACTION CODES:
A - Appropriate Action\tI - Info Copy Only/No Action Necessary
C - Comment/Recommendation\tR - Direct Reply w/Copy
DISPOSITION CODES:
A - Answered\tC - Completed
Comments: Forwarded to the Scouts liaison
Keep this worksheet attached to the original incoming letter.
Send all routing updates to Central Reference (Room 75, OEOB).
Always return completed correspondence record to Central Files.
Refer questions about the correspondence tracking system to Central Reference, ext. 2590.
5/81
RECORDS MANAGEMENT ONLY
CLASSIFICATION SECTION
No. of Additional Correspondents: 2\tMedia: L\tIndividual Codes: 1210 1220
Prime Subject Code: PR007\tSecondary Codes: FG001 HU
PRESIDENTIAL REPLY
"""

# The same form as a noisy OCR engine read it: the number before its label,
# 0 for O, l for 1, VY/MM/DD, (8) for (B), values on the line after their
# labels, one row of check boxes, Secondary Subject Codes.
FORM_5_81_NOISY = """\
271543 lD #
WHITE H0USE
CORRESPONDENCE TRACKING W0RKSHEET
0 0 - OUTGOING\tD H - INTERNAL\t8" I - INC0MING
Date Correspondence Recelved (VY/MM/DD)
85/O3/l2
Name 0f Correspondent:
Mr. John Q. Smith
MI Mail Report\tUser Codes: (A)\t(8)\t(C)
Subject:
Requests a photograph of the President
ROUTE TO:\tACTION\tDISPOSITION
Office/Agency (Staff Name)\tAction Code\tTracking Date VY/MM/DD\tType of Response\tCode\t\
Completlon Date VY/MM/DD
CUFF\t0RIGINATOR\t85/03/l2
Referral Note:
WHLEG\tA\t85/O3/14\tRR\tC\t85/04/02
Referral Note:
FOR OUTGOING CORRESPONDENCE:
Type of Response = lnitlals of Signer
Comments:
Keep this worksheet attached to the original incoming letter.
5/8l
RECORDS MANAGEMENT ONLY
Prime Subject Code:
PR0O7
Secondary Subject Codes: FGOOl
"""

RECORDS_MANAGEMENT = """\
OFFICE OF RECORDS MANAGEMENT WORKSHEET
ID # 339211
8" X - MEDIA
Name of Document: Photograph of the President with the
Boy Scouts of America delegation
ROUTE TO:\tACTION\tDISPOSITION
Office/Agency (Staff Name)\tAction Code\tTracking Date YY/MM/DD\tType of Response\tCode\t\
Completion Date YY/MM/DD
CUFF\tORIGINATOR\t85/06/03
Referral Note:
Subject Codes: PR007 FG001-01
Comments: Original filed with the photo office
"""

RECORDS_MANAGEMENT_NOISY = """\
0FFICE OF REC0RDS MANAGEMENT W0RKSHEET
lD # 339211
X - MEDIA
Name of Document:
Photograph of the President
ROUTE TO:
CUFF\t0RIGINATOR\t85/06/O3
Referral Note:
Subject Codes: PR0O7 FGOOl-Ol
"""


def _only(text: str) -> tuple[Worksheet, Document]:
    doc = parse(text)
    assert len(doc.worksheets) == 1
    return doc.worksheets[0], doc


def _codes(doc: Document) -> set[str]:
    return {d.code for d in doc.diagnostics}


class TestForm581Clean:
    def test_heading_fields(self) -> None:
        """ID, ticked direction, YY/MM/DD date received and the correspondent are read."""
        ws, _ = _only(FORM_5_81)
        assert ws.form is FormVariant.FORM_5_81
        assert ws.id_number == "271543"
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        assert ws.date_received == dt.date(1985, 3, 12)
        assert ws.correspondent is not None
        assert (ws.correspondent.title, ws.correspondent.name) == ("Mr.", "John Q. Smith")

    def test_mixed_case_values_are_not_handwriting(self) -> None:
        """Typed mixed-case values are kept: subject, comments, response type, referral note."""
        ws, doc = _only(FORM_5_81)
        assert ws.subject == (
            "Requests a photograph of the President for the Boy Scouts of America jamboree"
        )
        assert ws.comments == "Forwarded to the Scouts liaison"
        assert ws.routing[1].referral_note == "Please reply for the President"
        assert ws.unread == ()
        assert "junk-dropped" not in _codes(doc)

    def test_routing_rows(self) -> None:
        """ORIGINATOR reads as the ORG action code; every column of a full row is read."""
        ws, _ = _only(FORM_5_81)
        assert [r.office for r in ws.routing] == ["CUFF", "WHLEG"]
        first, second = ws.routing
        assert first.action_code is not None
        assert first.action_code.value == "ORG"
        assert first.action_date == dt.date(1985, 3, 12)
        assert second.action_code is not None
        assert second.action_code.value == "A"
        assert second.action_date == dt.date(1985, 3, 14)
        assert second.response_type == "RR"
        assert second.disposition_code is not None
        assert second.disposition_code.value == "C"
        assert second.disposition_date == dt.date(1985, 4, 2)

    def test_classification_section(self) -> None:
        """Prime and secondary codes feed subject_codes, prime first; media and codes are read."""
        ws, _ = _only(FORM_5_81)
        assert ws.subject_codes == ("PR007", "FG001", "HU")
        assert ws.additional_correspondents == "2"
        assert ws.media == "L"
        assert ws.individual_codes == ("1210", "1220")
        assert ws.mail_user_codes == ()

    @pytest.mark.parametrize(("typed", "media"), [("Pp", "P"), ("lL", "L")])
    def test_media_letter_read_twice(self, typed: str, media: str) -> None:
        """``Media: Pp``: the typed letter OCR read twice is the code, the repair reported."""
        ws, doc = _only(FORM_5_81.replace("Media: L", f"Media: {typed}"))
        assert ws.media == media
        [repair] = [d for d in doc.diagnostics if d.field == "worksheets[0].media"]
        assert (repair.code, repair.original, repair.repaired) == ("value-repaired", typed, media)

    @pytest.mark.parametrize("typed", ["iE", "Pq", "PP1"])
    def test_media_unreadable_stays_empty(self, typed: str) -> None:
        """Two different letters, or letters and digits: no media, the word kept unread."""
        ws, _ = _only(FORM_5_81.replace("Media: L", f"Media: {typed}"))
        assert ws.media is None
        assert typed in [u.text for u in ws.unread]

    def test_clean_form_needs_no_diagnostic(self) -> None:
        """A clean 5/81 worksheet parses in printed order without any diagnostic."""
        _, doc = _only(FORM_5_81)
        assert doc.diagnostics == ()

    def test_prime_code_comes_first_whatever_the_order(self) -> None:
        """Secondary codes printed before the prime code still follow it."""
        text = FORM_5_81.replace(
            "Prime Subject Code: PR007\tSecondary Codes: FG001 HU",
            "Secondary Codes: FG001 HU\nPrime Subject Code: PR007",
        )
        ws, _ = _only(text)
        assert ws.subject_codes == ("PR007", "FG001", "HU")


class TestForm581Noisy:
    def test_values_survive_ocr_noise(self) -> None:
        """Number before label, 0/O, l/1, VY/MM/DD, values on the next line: all fields read."""
        ws, _ = _only(FORM_5_81_NOISY)
        assert ws.form is FormVariant.FORM_5_81
        assert ws.id_number == "271543"
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        assert ws.date_received == dt.date(1985, 3, 12)
        assert ws.correspondent is not None
        assert ws.correspondent.name == "John Q. Smith"
        assert ws.subject == "Requests a photograph of the President"
        assert ws.comments is None
        assert ws.mail_user_codes == ()
        assert ws.subject_codes == ("PR007", "FG001")

    def test_noisy_routing(self) -> None:
        """0RIGINATOR and damaged dates in rows are repaired; Completlon stays a header."""
        ws, _ = _only(FORM_5_81_NOISY)
        assert [r.office for r in ws.routing] == ["CUFF", "WHLEG"]
        assert ws.routing[0].action_code is not None
        assert ws.routing[0].action_code.value == "ORG"
        assert ws.routing[0].action_date == dt.date(1985, 3, 12)
        assert ws.routing[1].action_date == dt.date(1985, 3, 14)
        assert ws.routing[1].disposition_date == dt.date(1985, 4, 2)

    def test_repairs_are_reported(self) -> None:
        """Damaged labels, dates and codes are reported; the legend is not unread text."""
        ws, doc = _only(FORM_5_81_NOISY)
        repaired = {(d.code, d.original) for d in doc.diagnostics}
        assert ("label-repaired", "0 - OUTGOING") in repaired
        assert ("label-repaired", "Name 0f Correspondent:") in repaired
        assert ("date-repaired", "85/O3/l2") in repaired
        assert ("value-repaired", "FGOOl") in repaired
        assert ws.unread == ()
        assert not [d for d in doc.diagnostics if d.severity.value != "info"]

    def test_lower_case_engine(self) -> None:
        """An engine that wrote everything in lower case still gives every field."""
        ws, doc = _only(FORM_5_81.lower())
        assert ws.form is FormVariant.FORM_5_81
        assert ws.id_number == "271543"
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        assert ws.date_received == dt.date(1985, 3, 12)
        assert ws.subject_codes == ("PR007", "FG001", "HU")
        assert ws.media == "L"
        assert ws.routing[1].response_type == "rr"
        assert doc.diagnostics == ()


class TestCheckBoxes:
    def _direction(self, boxes: str) -> tuple[Worksheet, Document]:
        return _only(FORM_5_81.replace("0 O - OUTGOING\nD H - INTERNAL\nX I - INCOMING", boxes))

    def test_each_mark_glyph(self) -> None:
        """X, 8", \u25a0 and a lower-case x all tick a box; 0, D and \u25a1 leave it empty."""
        for mark in ("X", '8"', "\u25a0", "x"):
            ws, _ = self._direction(f"\u25a1 O - OUTGOING\n0 H - INTERNAL\n{mark} I - INCOMING")
            assert ws.direction is not None
            assert ws.direction.value == "INCOMING", mark

    def test_outgoing_ticked_with_code_lost(self) -> None:
        """``X - OUTGOING``: the mark stands where OCR lost the code letter."""
        ws, _ = self._direction("X - OUTGOING\nD H - INTERNAL\n0 I - INCOMING")
        assert ws.direction is not None
        assert ws.direction.value == "OUTGOING"

    def test_none_ticked(self) -> None:
        """No ticked box: no direction, and a checkbox-unclear diagnostic."""
        ws, doc = self._direction("0 O - OUTGOING\nD H - INTERNAL\n0 I - INCOMING")
        assert ws.direction is None
        assert "checkbox-unclear" in _codes(doc)

    def test_several_ticked(self) -> None:
        """Two ticked boxes: no direction, and a checkbox-unclear diagnostic naming them."""
        ws, doc = self._direction("X O - OUTGOING\nD H - INTERNAL\nX I - INCOMING")
        assert ws.direction is None
        [diag] = [d for d in doc.diagnostics if d.code == "checkbox-unclear"]
        assert "OUTGOING" in diag.message
        assert "INCOMING" in diag.message
        assert diag.field == "worksheets[0].direction"

    def test_box_outlines_around_the_mark(self) -> None:
        """``[x 1. INCOMING``: the box's outline read around the tick, a full stop for the
        dash; ``(|`` and ``[_]`` are empty boxes, their outline alone."""
        ws, doc = self._direction("(| O - OUTGOING\n[_] H - INTERNAL\n[x 1. INCOMING")
        assert ws.direction is not None
        assert ws.direction.value == "INCOMING"
        assert "value-unreadable" not in _codes(doc)

    def test_unknown_glyph_is_not_a_tick(self) -> None:
        """A glyph that reads as neither (``im``) is kept as unread, never taken as the tick."""
        ws, doc = self._direction("| O - OUTGOING\nim H - INTERNAL\n[] I - INCOMING")
        assert ws.direction is None
        assert "checkbox-unclear" in _codes(doc)
        assert [u.text for u in ws.unread] == ["im"]

    def test_date_between_the_halves_of_its_split_label(self) -> None:
        """``Date Correspondence Mn`` / ``i 82/02/16`` / ``Received (YY/MM/DD)``: the one
        word that reads as a date is the value; the specks around it stay unread."""
        text = FORM_5_81.replace(
            "0 O - OUTGOING\nD H - INTERNAL\nX I - INCOMING\n\nDate Correspondence\n"
            "Received (YY/MM/DD) 85/03/12",
            "0 O - OUTGOING Date Correspondence Mn\ni 82/02/16\n"
            "D H - INTERNAL Received (YY/MM/DD)\nX I - INCOMING",
        )
        assert text != FORM_5_81
        doc = parse(text)
        [ws] = doc.worksheets
        assert ws.date_received == dt.date(1982, 2, 16)
        span = ws.field_spans["date_received"]
        assert text[span.start : span.end].endswith("82/02/16")
        assert [u.text for u in ws.unread] == ["Mn", "i"]

    def test_split_label_with_two_dates_reads_neither_guess(self) -> None:
        """Two words that read as dates around a split label: the first half's is read, as
        with any label, and the second is reported as a duplicate, not silently chosen."""
        text = FORM_5_81.replace(
            "0 O - OUTGOING\nD H - INTERNAL\nX I - INCOMING\n\nDate Correspondence\n"
            "Received (YY/MM/DD) 85/03/12",
            "0 O - OUTGOING Date Correspondence 82/02/16\n"
            "D H - INTERNAL Received (YY/MM/DD) 83/04/01\nX I - INCOMING",
        )
        doc = parse(text)
        [ws] = doc.worksheets
        assert ws.date_received == dt.date(1982, 2, 16)
        assert "duplicate-field" in _codes(doc)

    def test_boxes_missing(self) -> None:
        """A 5/81 form whose boxes OCR lost reports the direction as missing."""
        ws, doc = self._direction("")
        assert ws.direction is None
        assert any(
            d.code == "field-missing" and d.field == "worksheets[0].direction"
            for d in doc.diagnostics
        )


class TestRecordsManagement:
    def test_fields(self) -> None:
        """ID, document name (as subject), routing, subject codes, comments and media are read."""
        ws, doc = _only(RECORDS_MANAGEMENT)
        assert ws.form is FormVariant.RECORDS_MANAGEMENT
        assert ws.id_number == "339211"
        assert ws.subject == (
            "Photograph of the President with the Boy Scouts of America delegation"
        )
        assert ws.subject_codes == ("PR007", "FG001-01")
        assert ws.media == "X"
        assert ws.comments == "Original filed with the photo office"
        assert [r.office for r in ws.routing] == ["CUFF"]
        assert ws.routing[0].action_code is not None
        assert ws.routing[0].action_code.value == "ORG"
        assert ws.routing[0].action_date == dt.date(1985, 6, 3)
        assert ws.direction is None
        assert doc.diagnostics == ()

    def test_noisy(self) -> None:
        """A damaged title, lD, an unticked media box and a value on the next line still read."""
        ws, doc = _only(RECORDS_MANAGEMENT_NOISY)
        assert ws.form is FormVariant.RECORDS_MANAGEMENT
        assert ws.id_number == "339211"
        assert ws.subject == "Photograph of the President"
        assert ws.subject_codes == ("PR007", "FG001-01")
        assert ws.media is None
        assert ws.routing[0].action_date == dt.date(1985, 6, 3)
        assert "value-repaired" in _codes(doc)


class TestFormDetection:
    def test_each_variant_is_detected(self) -> None:
        """Each form variant is recognised from its own evidence."""
        assert _only(FORM_5_81)[0].form is FormVariant.FORM_5_81
        assert _only(FORM_5_81_NOISY)[0].form is FormVariant.FORM_5_81
        assert _only(RECORDS_MANAGEMENT)[0].form is FormVariant.RECORDS_MANAGEMENT
        sample = parse(SAMPLE.read_text(encoding="utf-8"))
        assert sample.worksheets[0].form is FormVariant.COMPUTER_PRINTED
        assert "form-uncertain" not in _codes(sample)

    def test_no_evidence_is_uncertain_info(self) -> None:
        """A worksheet without distinguishing evidence is read as computer-printed, with an info."""
        ws, doc = _only("ID# 303373\nSUBJECT: A LETTER\nCOMMENTS: NONE\n")
        assert ws.form is FormVariant.COMPUTER_PRINTED
        [diag] = [d for d in doc.diagnostics if d.code == "form-uncertain"]
        assert diag.severity.value == "info"
        assert diag.field == "worksheets[0].form"

    def test_conflicting_evidence_is_uncertain_warning(self) -> None:
        """Evidence for two variants, neither twice the other, gives a form-uncertain warning."""
        text = (
            "ID# 303373\nINCOMING\nDATE RECEIVED: JANUARY 30, 1992\n"
            "Date Correspondence Received (YY/MM/DD) 92/01/30\nSUBJECT: A LETTER\n"
        )
        _, doc = _only(text)
        [diag] = [d for d in doc.diagnostics if d.code == "form-uncertain"]
        assert diag.severity.value == "warning"

    def test_one_cached_parser_per_grammar_file(self) -> None:
        """Each variant has its own grammar file, loaded once and cached."""
        assert sorted(GRAMMARS.values()) == [
            "form_5_81.lark",
            "records_management.lark",
            "worksheet.lark",
        ]
        for name in GRAMMARS.values():
            assert _parser(name) is _parser(name)
