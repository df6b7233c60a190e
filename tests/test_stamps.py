"""Review stamps and other release stamps."""

from __future__ import annotations

import datetime as dt

from worksheet_parser import parse

STAMP = (
    "United States Department of State\n"
    "Office of FOI, Privacy, & Classification Review\n"
    "Review Authority: MILLER, ROBERT\n"
    "Date: 03/22/95\n"
    "Case ID: 9301915\n"
)


class TestReviewStamp:
    def test_clean_stamp(self) -> None:
        """A clean stamp gives every field, no diagnostics and spans on the values."""
        doc = parse(STAMP)
        (stamp,) = doc.review_stamps
        assert stamp.agency == "United States Department of State"
        assert stamp.office == "Office of FOI, Privacy, & Classification Review"
        assert stamp.reviewer == "MILLER, ROBERT"
        assert stamp.date == dt.date(1995, 3, 22)
        assert stamp.case_id == "9301915"
        assert stamp.field_spans["reviewer"].slice(STAMP) == "MILLER, ROBERT"
        assert stamp.field_spans["date"].slice(STAMP) == "03/22/95"
        assert doc.diagnostics == ()
        assert doc.unrecognized == ()

    def test_damaged_labels_and_lost_colon(self) -> None:
        """``Revlew Authority`` without colon, ``Case lD`` and ``Envacy`` are read, with repairs."""
        text = (
            "United States Department of State\n"
            "Office of FOI, Envacy & Classification Key va\n"
            "Revlew Authority AINSWORTH, THOMAS\n"
            "Date: 12/02/94\n"
            "Case lD: 9OO1915\n"
        )
        doc = parse(text)
        (stamp,) = doc.review_stamps
        assert stamp.office == "Office of FOI, Privacy, & Classification Review"
        assert stamp.reviewer == "AINSWORTH, THOMAS"
        assert stamp.case_id == "9001915"
        assert stamp.date == dt.date(1994, 12, 2)
        codes = [d.code for d in doc.diagnostics]
        assert codes.count("label-repaired") == 3
        assert "value-repaired" in codes

    def test_damaged_date_is_repaired_in_stamp_order(self) -> None:
        """A stamp date with letter/digit swaps is read as MM/DD/YY, never YY/MM/DD."""
        doc = parse(STAMP.replace("03/22/95", "O3/22/9S"))
        assert doc.review_stamps[0].date == dt.date(1995, 3, 22)
        assert any(d.code == "date-repaired" for d in doc.diagnostics)

    def test_unreadable_date_is_absent_with_diagnostic(self) -> None:
        """A date that cannot be read is left empty, never guessed."""
        doc = parse(STAMP.replace("03/22/95", "0?/2x/95"))
        assert doc.review_stamps[0].date is None
        assert any(d.code == "date-unreadable" for d in doc.diagnostics)

    def test_blank_field_is_reported_and_kept(self) -> None:
        """A printed label with no value leaves the field empty and the line kept as unread."""
        doc = parse(STAMP.replace("MILLER, ROBERT", ""))
        stamp = doc.review_stamps[0]
        assert stamp.reviewer is None
        assert [u.text for u in stamp.unread] == ["Review Authority:"]
        assert any(d.code == "stamp-field-missing" for d in doc.diagnostics)

    def test_department_letterhead_is_not_a_stamp(self) -> None:
        """An agency line alone (a letterhead) does not make a review stamp."""
        doc = parse("United States Department of State\n\nWashington, D.C. 20520\n")
        assert doc.review_stamps == ()

    def test_two_stamps_back_to_back(self) -> None:
        """A stamp repeated at the top and bottom of a page gives two stamps, one packet."""
        doc = parse(STAMP + STAMP)
        assert len(doc.review_stamps) == 2
        assert len(doc.packets) == 1


class TestReleaseStamp:
    def test_declassified(self) -> None:
        """``DECLASSIFIED PER E.O. 12958, AS AMENDED`` gives its kind and authority."""
        (stamp,) = parse("DECLASSIFIED PER E.O. 12958, AS AMENDED\n").release_stamps
        assert stamp.kind == "declassified"
        assert stamp.authority == "E.O. 12958, AS AMENDED"

    def test_no_objection(self) -> None:
        """A No Objection stamp gives its YYYY/MM/DD date and control number."""
        text = "No Objection To Declassification 2008/04/28 : NLC-15-96-6-3-1\n"
        (stamp,) = parse(text).release_stamps
        assert stamp.kind == "no-objection"
        assert stamp.date == dt.date(2008, 4, 28)
        assert stamp.case_number == "NLC-15-96-6-3-1"
        assert stamp.field_spans["case_number"].slice(text) == "NLC-15-96-6-3-1"

    def test_modern_state_stamp(self) -> None:
        """State's ``Case No. ... Doc No. ... Date:`` line and ``RELEASE IN FULL`` are one stamp."""
        text = "Case No. F-2016-07743 Doc No. C17980027 Date: 07/31/2017\nRELEASE IN FULL\n"
        (stamp,) = parse(text).release_stamps
        assert stamp.kind == "state-case"
        assert stamp.case_number == "F-2016-07743"
        assert stamp.document_number == "C17980027"
        assert stamp.date == dt.date(2017, 7, 31)
        assert (
            stamp.text
            == "Case No. F-2016-07743 Doc No. C17980027 Date: 07/31/2017\nRELEASE IN FULL"
        )

    def test_released_alone(self) -> None:
        """``RELEASED`` on its own, away from any header, is a release stamp."""
        (stamp,) = parse("some text\n\n\n\nRELEASED\n").release_stamps
        assert stamp.kind == "released"

    def test_release_in_part(self) -> None:
        """``RELEASE IN PART`` alone gives kind ``release-in-part``."""
        (stamp,) = parse("RELEASE IN PART\n").release_stamps
        assert stamp.kind == "release-in-part"

    def test_no_objection_number_with_a_swap(self) -> None:
        """``NLC-15-96-6-3-l``: the digit slot is repaired, with a diagnostic."""
        text = "No Objection To Declassification 2008/04/28 : NLC-l5-96-6-3-l\n"
        doc = parse(text)
        assert doc.release_stamps[0].case_number == "NLC-15-96-6-3-1"
        (diag,) = (d for d in doc.diagnostics if d.field == "release_stamps[0].case_number")
        assert (diag.code, diag.original, diag.repaired) == (
            "value-repaired",
            "NLC-l5-96-6-3-l",
            "NLC-15-96-6-3-1",
        )

    def test_state_stamp_numbers_with_swaps(self) -> None:
        """``F-2O16-O7743``, ``C1798OO27`` and ``2O17`` are repaired; the line is a stamp line."""
        text = "Case No. F-2O16-O7743 Doc No. C1798OO27 Date: 07/31/2O17\nRELEASE IN FULL\n"
        doc = parse(text)
        (stamp,) = doc.release_stamps
        assert stamp.kind == "state-case"
        assert (stamp.case_number, stamp.document_number) == ("F-2016-07743", "C17980027")
        assert stamp.date == dt.date(2017, 7, 31)
        codes = {d.field: d.code for d in doc.diagnostics}
        assert codes["release_stamps[0].case_number"] == "value-repaired"
        assert codes["release_stamps[0].document_number"] == "value-repaired"
        assert codes["release_stamps[0].date"] == "date-repaired"

    def test_number_of_look_alikes_is_unreadable(self) -> None:
        """A number whose digit slots are mostly letters is left empty, never guessed."""
        doc = parse("Case No. F-2016-07743 Doc No. CSOlOOS Date: 07/31/2017\nRELEASE IN FULL\n")
        assert doc.release_stamps[0].document_number is None
        assert any(
            d.code == "value-unreadable" and d.field == "release_stamps[0].document_number"
            for d in doc.diagnostics
        )

    def test_other_schemes_keep_their_letters(self) -> None:
        """A group that is no number (``F96``) is kept as printed; the others are repaired."""
        text = "No Objection To Declassification 2008/04/28 : NLS-F96-127-2-13-l\n"
        (stamp,) = parse(text).release_stamps
        assert stamp.case_number == "NLS-F96-127-2-13-1"

    def test_lower_case_state_stamp(self) -> None:
        """An engine that writes lower case: the stamp is read, values as printed."""
        text = "case no. f-2016-07743 doc no. c17980027 date: 07/31/2017\nrelease in full\n"
        (stamp,) = parse(text).release_stamps
        assert (stamp.kind, stamp.case_number, stamp.document_number) == (
            "state-case",
            "f-2016-07743",
            "c17980027",
        )

    def test_date_with_b_for_8(self) -> None:
        """``Date: 09/28/200B`` is still the stamp's date, repaired."""
        text = "Case No. F-2008-42997 Doc No. C27737357 Date: 09/28/200B\nRELEASE IN FULL\n"
        (stamp,) = parse(text).release_stamps
        assert stamp.date == dt.date(2008, 9, 28)

    def test_lower_case_b_in_a_review_case_id(self) -> None:
        """``case id: 5977b39`` (a B for 8, then written in lower case) reads as 5977839."""
        doc = parse(
            "Department of State\nOffice of FOI, Privacy, & Classification Review\n"
            "Review Authority: X\nDate: 01/01/95\ncase id: 5977b39\n"
        )
        assert doc.review_stamps[0].case_id == "5977839"

    def test_smudged_date_is_named_not_lost(self) -> None:
        """A smudged stamp date (``1#/1~/2?1#``) gives no date and a diagnostic naming it."""
        doc = parse("Case No. F-2011-11132 Doc No. C73522357 Date: 1#/1~/2?1#\nRELEASE IN FULL\n")
        assert doc.release_stamps[0].date is None
        assert any(d.field == "release_stamps[0].date" for d in doc.diagnostics)


class TestEngineStamp:
    """Review stamps as a real OCR engine gives them."""

    def test_junk_before_labels_and_after_values(self) -> None:
        """Junk around labels and values is kept as unread; the values are read whole."""
        text = (
            "[ united States Department of State\n"
            "Office of FOL, Privacy. & Classification Review | . . :\n"
            "a Review Autnority: MILLER, ROBERT : : E ; : .\n"
            ". Date: 11/27/98 . . . . :\n"
            "Cane 1D: 9103164 : \u2018 . , : :\n"
        )
        doc = parse(text)
        (stamp,) = doc.review_stamps
        assert (stamp.reviewer, stamp.date, stamp.case_id) == (
            "MILLER, ROBERT",
            dt.date(1998, 11, 27),
            "9103164",
        )
        assert stamp.field_spans["case_id"].slice(text) == "9103164"
        assert {"a", ": : E ; : .", ". . . . :"} <= {line.text for line in stamp.unread}

    def test_debris_lines_do_not_split_a_stamp(self) -> None:
        """Handwriting (``I 1 I``, ``5m``) between a stamp's lines stays inside the stamp."""
        text = STAMP.replace("Date: 03/22/95\n", "5m\n\nDate: 03/22/95\n\nI 1 I\n")
        doc = parse(text)
        (stamp,) = doc.review_stamps
        assert (stamp.reviewer, stamp.case_id) == ("MILLER, ROBERT", "9301915")
        assert {"5m", "I 1 I"} <= {line.text for line in stamp.unread}
        assert doc.headers == ()

    def test_another_column_after_a_tab(self) -> None:
        """What follows a tab is another column, never part of the value."""
        text = STAMP.replace("MILLER, ROBERT", "MILLER, ROBERT\t(STATE OF THE PROPERTY OF")
        (stamp,) = parse(text).review_stamps
        assert stamp.reviewer == "MILLER, ROBERT"
        assert "(STATE OF THE PROPERTY OF" in {line.text for line in stamp.unread}

    def test_damaged_dates(self) -> None:
        """``/`` read as ``1`` or ``l``, a lost slash, a blank inside: still MM/DD/YY."""
        for printed, date in (
            ("12102/98", dt.date(1998, 12, 2)),
            ("11l11/96", dt.date(1996, 11, 11)),
            ("0806,95", dt.date(1995, 8, 6)),
            ("02 /21/96", dt.date(1996, 2, 21)),
            ("07/17/96. peli)", dt.date(1996, 7, 17)),
        ):
            (stamp,) = parse(STAMP.replace("03/22/95", printed)).review_stamps
            assert stamp.date == date, printed

    def test_stamp_beside_a_letter_address(self) -> None:
        """Lines read across a letter's address and the stamp are the stamp's; the letter's
        text before the label is kept as unread, and a stamp cut apart by such lines is one."""
        text = (
            "The Honorable George Bush United States Department of State ;\n"
            "The White House Office of FOI, Privacy, & Classification Review\n"
            "hi Die Review Authority: AINSWORTH, THOMAS\n"
            "The Honorable corey amoty\n"
            "Washington, D.C. Date: 12/06/95\n"
            "Case ID: 9953812\n"
        )
        doc = parse(text)
        (stamp,) = doc.review_stamps
        assert (stamp.reviewer, stamp.date, stamp.case_id) == (
            "AINSWORTH, THOMAS",
            dt.date(1995, 12, 6),
            "9953812",
        )
        assert "Washington, D.C." in {line.text for line in stamp.unread}

    def test_lost_comma_in_reviewer(self) -> None:
        """The stamp prints ``SURNAME, GIVEN``: a lost comma is put back, with a diagnostic."""
        doc = parse(STAMP.replace("MILLER, ROBERT", "MILLER ROBERT"))
        assert doc.review_stamps[0].reviewer == "MILLER, ROBERT"
        assert any(d.code == "value-repaired" for d in doc.diagnostics)

    def test_blank_value_of_marks_only(self) -> None:
        """``Review Authority: ,`` has no reviewer: None and a diagnostic, never ``,``."""
        doc = parse(STAMP.replace("MILLER, ROBERT", ","))
        assert doc.review_stamps[0].reviewer is None
        assert any(d.code == "stamp-field-missing" for d in doc.diagnostics)

    def test_stamps_repeated_on_joined_pages(self) -> None:
        """A stamp at the top and the bottom of pages joined by form feeds: each is read."""
        page = "We write to you.\n" + STAMP
        doc = parse(STAMP + "\f" + page + "\f" + page)
        assert [s.case_id for s in doc.review_stamps] == ["9301915"] * 3

    def test_prose_about_review_is_not_a_stamp(self) -> None:
        """A sentence that names a review authority or a case is no stamp line."""
        doc = parse(
            "We will review the authority of the office.\n"
            "In that case, Idaho will decide.\n"
            "The date: tomorrow.\n"
        )
        assert doc.review_stamps == ()


class TestOtherReleaseStamps:
    def test_no_objection_in_full_or_part(self) -> None:
        """``No Objection To Declassification in Full ...``: its date and NLC number."""
        for words in ("in Full", "in Part"):
            (stamp,) = parse(
                f"No Objection To Declassification {words} 2O11/O3/29 : NLC-l5-96-6-3-1"
            ).release_stamps
            assert (stamp.kind, stamp.date, stamp.case_number) == (
                "no-objection",
                dt.date(2011, 3, 29),
                "NLC-15-96-6-3-1",
            )

    def test_approved_for_release(self) -> None:
        """The CIA's ``Approved For Release`` stamp gives its date and document number."""
        for printed in ("Approved For Release 2005/01/13", "APPROVED FOR RELEASE 2OO5/01/13"):
            (stamp,) = parse(f"{printed} : CIA-RDP88B00443R001404090133-0").release_stamps
            assert (stamp.kind, stamp.date, stamp.case_number) == (
                "approved-for-release",
                dt.date(2005, 1, 13),
                "CIA-RDP88B00443R001404090133-0",
            )

    def test_approved_in_prose_is_no_stamp(self) -> None:
        """Words of the stamp in a sentence, without its date, are no stamp."""
        assert parse("We are approved for release of funds.").release_stamps == ()
