"""Archive headers: document number, date, status and page tags, with OCR repair."""

from __future__ import annotations

import datetime as dt

from worksheet_parser import parse


class TestHeaderRepairs:
    def test_letter_for_digit_in_the_number_and_date(self) -> None:
        """``47O82`` / ``l992/01/29`` give 47082 and 29 January 1992, each with a diagnostic."""
        text = "47O82\n\nl992/01/29\n\nRELEASED\n"
        doc = parse(text)
        (header,) = doc.headers
        assert (header.document_number, header.date) == ("47082", dt.date(1992, 1, 29))
        assert header.field_spans["document_number"].slice(text) == "47O82"
        found = {(d.field, d.code, d.original, d.repaired) for d in doc.diagnostics}
        assert ("headers[0].document_number", "value-repaired", "47O82", "47082") in found
        assert ("headers[0].date", "date-repaired", "l992/01/29", "1992/01/29") in found

    def test_number_line_of_letters_is_not_a_number(self) -> None:
        """Five look-alike letters (``SOlOS``) are no document number: too few digits."""
        doc = parse("SOlOS\n\n1992/01/29\n\nRELEASED\n")
        assert doc.headers[0].document_number is None

    def test_header_opens_a_packet_after_repair(self) -> None:
        """A repaired number still names a document: the header opens its own packet."""
        doc = parse("01494\n\n1992/01/29\n\n\n\nID# 303373\nSUBJECT: A\n\n\n\n47O82\n\nRELEASED\n")
        assert [h.document_number for h in doc.headers] == ["01494", "47082"]
        assert len(doc.packets) == 2

    def test_lower_case_status_and_page_tag(self) -> None:
        """``released`` and ``186b`` from an engine that writes lower case, kept as printed."""
        (header,) = parse("01494\n\n1992/01/29\n\nreleased\n\n186b\n").headers
        assert (header.status, header.page_tags) == ("released", ("186b",))

    def test_lower_case_released_alone_is_a_stamp(self) -> None:
        """``released`` on its own, away from a header, is a release stamp as in capitals."""
        (stamp,) = parse("some text\n\n\n\nreleased\n").release_stamps
        assert stamp.kind == "released"

    def test_smudged_date_is_named_not_lost(self) -> None:
        """``19?2/0#/29`` stays the header's date line: no date, a diagnostic naming it, and
        the status and page tag below stay in the same header."""
        doc = parse("01494\n\n19?2/0#/29\n\nEXCISED\n\n186B\n")
        (header,) = doc.headers
        assert (header.date, header.status, header.page_tags) == (None, "EXCISED", ("186B",))
        assert any(d.field == "headers[0].date" for d in doc.diagnostics)


class TestEngineHeader:
    """Archive headers and release stamps with speckle and another column beside them."""

    def test_speckle_around_header_lines(self) -> None:
        """``01494 ;`` / ``. 1992/01/29 :`` / ``RELEASED\\t·r ·`` is still the header."""
        doc = parse("01494 ;\n. 1992/01/29 :\nRELEASED\t\u00b7r \u00b7\n186B .\n")
        (header,) = doc.headers
        assert (header.document_number, header.date, header.status, header.page_tags) == (
            "01494",
            dt.date(1992, 1, 29),
            "RELEASED",
            ("186B",),
        )
        assert [line.text for line in header.unread] == [";", ".", ":", "\u00b7r \u00b7", "."]
        assert doc.unrecognized == ()

    def test_release_stamp_beside_a_column(self) -> None:
        """A release stamp line with a handwritten column after a tab keeps only its words."""
        doc = parse("RELEASED\tSC Supe\n\n\n\n. E DECLASSIFIED .\n")
        assert [(s.kind, s.text) for s in doc.release_stamps] == [
            ("released", "RELEASED"),
            ("declassified", "DECLASSIFIED"),
        ]
        assert "SC Supe" in {line.text for line in doc.release_stamps[0].unread}
