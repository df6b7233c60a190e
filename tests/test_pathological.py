"""Pathological inputs: each still gives a correct, complete result.

Sizes here are smaller than in ``benchmarks/pathological.py`` (which reports
time and memory per MB); these tests pin the behaviour a user relies on.
"""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLE
from worksheet_parser import Document, parse, parse_bytes

TEXT = SAMPLE.read_text(encoding="utf-8")
HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"


def _covered(doc: Document, text: str) -> None:
    """Every non-blank line of ``text`` lies in a worksheet or an unrecognized line."""
    spans = [(ws.span.start, ws.span.end) for ws in doc.worksheets if ws.span is not None]
    spans += [(line.span.start, line.span.end) for line in doc.unrecognized]
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        start, end = pos, pos + len(line)
        pos += len(raw)
        if not line.strip(" \t\x00\r\n\x0b\x0c"):
            continue
        assert any(s <= start < e or s < end <= e or (start <= s < end) for s, e in spans), line


class TestEmptyAndBlank:
    def test_empty_input_gives_an_empty_document(self) -> None:
        """An empty file yields no records, no unrecognized lines and no diagnostics."""
        doc = parse("")
        assert doc == Document()
        assert doc.unrecognized == ()
        assert doc.diagnostics == ()

    def test_blank_lines_only(self) -> None:
        """100,000 blank lines hold nothing to read and nothing to keep."""
        doc = parse("\n" * 100_000)
        assert doc.worksheets == ()
        assert doc.unrecognized == ()

    def test_nul_bytes_only(self) -> None:
        """A file of NUL bytes is read as empty text."""
        doc = parse_bytes(b"\x00" * 10_000)
        assert doc.worksheets == ()
        assert doc.unrecognized == ()


class TestLongAndRepeated:
    def test_one_long_line_is_kept_whole(self) -> None:
        """A 1 MB line with no worksheet is one unrecognized line, character for character."""
        text = "A B C DATE: " * 80_000
        doc = parse(text)
        assert doc.worksheets == ()
        assert len(doc.unrecognized) == 1
        assert doc.unrecognized[0].span.slice(text) == text.rstrip()

    def test_short_lines_are_one_run(self) -> None:
        """100,000 short lines outside every block, blank lines among them, are one record
        holding them all (not one record per line)."""
        text = "A\nB C\n\nHELLO\n" * 25_000
        doc = parse(text)
        assert doc.worksheets == ()
        assert len(doc.unrecognized) == 1
        run = doc.unrecognized[0]
        assert run.text == text.rstrip("\n")
        assert (run.span.start, run.span.end, run.span.line) == (0, len(text) - 1, 1)

    def test_runs_stop_at_a_block(self) -> None:
        """Text above and below a stamp is two runs; the stamp's lines are in neither."""
        text = "a note\n\nUnited States Department of State\nCase ID: 9301915\n\nin pencil\n"
        doc = parse(text)
        assert len(doc.review_stamps) == 1
        assert [(run.text, run.span.line) for run in doc.unrecognized] == [
            ("a note", 1),
            ("in pencil", 6),
        ]

    def test_many_referral_notes(self) -> None:
        """10,000 empty REFERRAL NOTE: lines make one worksheet and no invented rows."""
        text = HEAD + "ROUTE TO: OFFICE/AGENCY (STAFF NAME)\n" + "REFERRAL NOTE:\n" * 10_000
        doc = parse(text)
        assert len(doc.worksheets) == 1
        assert doc.worksheets[0].routing == ()
        _covered(doc, text)

    def test_legend_of_asterisks(self) -> None:
        """A legend line of 50,000 asterisks is printed form text, not a value."""
        text = HEAD + "*" * 50_000 + "\nDATE RECEIVED: JANUARY 30, 1992\n"
        ws = parse(text).worksheets[0]
        assert ws.id_number == "303373"
        assert ws.unread == ()

    def test_every_label_on_one_line(self) -> None:
        """When every label repeats on one line, the first value of each is kept."""
        line = (
            "ID# 303373 DATE RECEIVED: JANUARY 30, 1992 SUBJECT: FIRST "
            "COMMENTS: ONE MEDIA:L INDIVIDUAL CODES: 1210 "
        )
        doc = parse("THE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n" + line * 3 + "\n")
        (ws,) = doc.worksheets
        assert ws.id_number == "303373"
        assert ws.date_received is not None
        assert ws.subject == "FIRST"
        assert ws.comments == "ONE"
        assert ws.individual_codes == ("1210",)
        assert any(d.code == "duplicate-field" for d in doc.diagnostics)

    def test_repeated_field_lines_are_one_unread_run(self) -> None:
        """A field repeated on 450 lines between blank lines (as many as a worksheet of
        MAX_WORKSHEET_LINES lines holds): the first is read, the repeats are one unread run
        with one ``duplicate-field`` diagnostic spanning them all."""
        head = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
        text = head + "SUBJECT: X\n" + "SUBJECT: Y\n\n" * 450
        doc = parse(text)
        (ws,) = doc.worksheets
        assert ws.subject == "X"
        (run,) = ws.unread
        assert run.text == ("SUBJECT: Y\n\n" * 450).rstrip("\n")
        assert run.span.slice(text) == run.text
        (dup,) = [d for d in doc.diagnostics if d.code == "duplicate-field"]
        assert dup.span == run.span
        assert dup.original == run.text
        assert dup.field == "worksheets[0].subject"

    def test_repeats_apart_are_separate_runs(self) -> None:
        """Repeats with a read line between them are two unread runs, two diagnostics."""
        head = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
        text = head + "SUBJECT: X\nSUBJECT: Y\nMEDIA: L\nSUBJECT: Z\n"
        doc = parse(text)
        (ws,) = doc.worksheets
        assert (ws.subject, ws.media) == ("X", "L")
        assert [line.text for line in ws.unread] == ["SUBJECT: Y", "SUBJECT: Z"]
        assert sum(d.code == "duplicate-field" for d in doc.diagnostics) == 2


class TestEncodings:
    def test_binary_garbage(self) -> None:
        """Random bytes give a document, a decode-error diagnostic and every line kept."""
        data = bytes((i * 7919) % 256 for i in range(20_000))
        doc = parse_bytes(data)
        assert doc.worksheets == ()
        assert any(d.code == "decode-error" for d in doc.diagnostics)
        text = data.decode("utf-8", errors="replace")
        _covered(doc, text)

    def test_nul_inside_a_label_value(self) -> None:
        """A NUL inside the ID line is dropped and the span still points into the input."""
        text = "ID# 303\x00373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
        ws = parse(text).worksheets[0]
        assert ws.id_number == "303373"
        assert ws.field_spans["id_number"].slice(text) == "303\x00373"

    def test_lone_surrogates(self) -> None:
        """Lone surrogates in a str become U+FFFD; the worksheet around them is read."""
        text = TEXT.replace("INCOMING", "INCOMING\ud800\n\udfff")
        ws = parse(text).worksheets[0]
        assert ws.id_number == "303373"
        assert ws.subject is not None
        assert ws.subject.endswith("TIBET")

    def test_mixed_encodings(self) -> None:
        """A Latin-1 fragment in a UTF-8 file is reported; the worksheet is still read."""
        data = TEXT.encode("utf-8").replace(b"SUBJECT:", "Sujét ".encode("latin-1") + b"\nSUBJECT:")
        doc = parse_bytes(data)
        assert doc.worksheets[0].date_received is not None
        assert any(d.code == "decode-error" for d in doc.diagnostics)


class TestLineEnds:
    @pytest.mark.parametrize("newline", ["\r\n", "\r"])
    def test_crlf_and_cr_only(self, newline: str) -> None:
        """CRLF and CR-only files give the same worksheet, with spans on the right lines."""
        text = TEXT.replace("\n", newline)
        ws = parse(text).worksheets[0]
        assert ws == parse(TEXT).worksheets[0]
        span = ws.field_spans["date_received"]
        assert span.slice(text) == "JANUARY 30, 1992"
        assert (span.line, span.column) == (15, 16)


class TestTruncated:
    def test_packet_cut_mid_field(self) -> None:
        """A packet cut inside SUBJECT keeps what was printed before the cut."""
        text = TEXT[: TEXT.index("TIBET")]
        ws = parse(text).worksheets[0]
        assert ws.id_number == "303373"
        assert ws.subject is not None
        assert ws.subject.endswith("VIOLATIONS IN CHINA AND")
        assert ws.routing == ()
