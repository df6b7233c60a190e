"""The public entry points: ``parse``, ``parse_worksheet``, ``parse_file``, strict mode."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from tests.conftest import CLEAN, SAMPLE
from worksheet_parser import (
    Document,
    NoWorksheetError,
    Severity,
    WorksheetParserError,
    WorksheetSyntaxError,
    parse,
    parse_bytes,
    parse_file,
    parse_worksheet,
)

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")

"""A worksheet without damage: nothing in it warrants a warning."""


def _strict_error(text: str) -> WorksheetSyntaxError:
    with pytest.raises(WorksheetSyntaxError) as info:
        parse(text, strict=True)
    return info.value


class TestParse:
    def test_returns_document_for_str(self) -> None:
        """``parse`` on a string gives a Document holding the worksheet."""
        doc = parse(SAMPLE_TEXT)
        assert isinstance(doc, Document)
        assert [ws.id_number for ws in doc.worksheets] == ["303373"]

    def test_bytes_raise_type_error(self) -> None:
        """``parse`` refuses bytes with a TypeError that points to ``parse_file``."""
        with pytest.raises(TypeError, match="parse_file"):
            parse(SAMPLE_TEXT.encode())  # type: ignore[arg-type]

    def test_text_without_worksheet_is_no_error(self) -> None:
        """Lenient ``parse`` of text without a worksheet returns a Document without worksheets
        and without error diagnostics (only ``parse_worksheet`` insists on one)."""
        doc = parse("Dear Mr. President:\nSincerely,")
        assert doc.worksheets == ()
        assert not [d for d in doc.diagnostics if d.severity is Severity.ERROR]


class TestParseWorksheet:
    def test_returns_first_worksheet(self) -> None:
        """``parse_worksheet`` returns the sample's worksheet itself."""
        ws = parse_worksheet(SAMPLE_TEXT)
        assert ws == parse(SAMPLE_TEXT).worksheets[0]

    def test_no_worksheet_raises(self) -> None:
        """Text without a worksheet raises NoWorksheetError with a ``no-worksheet`` problem."""
        with pytest.raises(NoWorksheetError) as info:
            parse_worksheet("United States Senate\nWASHINGTON, DC 20510\n\nDear Mr. President:")
        assert [p.code for p in info.value.problems] == ["no-worksheet"]
        assert info.value.problems[0].severity is Severity.ERROR

    def test_no_worksheet_error_hierarchy(self) -> None:
        """NoWorksheetError is caught as a syntax error, the library's base error and ValueError."""
        with pytest.raises(NoWorksheetError) as info:
            parse_worksheet("")
        err = info.value
        assert isinstance(err, WorksheetSyntaxError)
        assert isinstance(err, WorksheetParserError)
        assert isinstance(err, ValueError)


class TestStrict:
    def test_strict_sample_raises_with_all_problems(self) -> None:
        """Strict mode raises once, listing exactly the warning/error diagnostics."""
        err = _strict_error(SAMPLE_TEXT)
        lenient = parse(SAMPLE_TEXT).diagnostics
        expected = [d for d in lenient if d.severity in (Severity.WARNING, Severity.ERROR)]
        assert expected
        assert list(err.problems) == expected
        assert err.text == SAMPLE_TEXT

    def test_message_has_position_and_code_of_each(self) -> None:
        """The message names each problem as ``line:col: code``."""
        err = _strict_error(SAMPLE_TEXT)
        message = str(err)
        for d in err.problems:
            assert d.span is not None
            assert f"{d.span.line}:{d.span.column}: {d.code}" in message

    def test_message_shows_source_line_with_caret(self) -> None:
        """The junk ``5m`` on line 25 is shown in its source line with carets under it."""
        lines = str(_strict_error(SAMPLE_TEXT)).split("\n")
        head = next(i for i, line in enumerate(lines) if "25:51: junk-dropped" in line)
        assert "'5m'" in lines[head]
        source, caret = lines[head + 1], lines[head + 2]
        assert source.strip() == "FREDERICK MCCLURE NSCSITTERRAL NOTE: ORG 92/01/30 5m A 9201,30"
        column = source.index(" 5m ") + 1
        assert caret.index("^") == column
        assert caret.strip() == "^^"

    def test_caret_with_cr_only_line_ends(self) -> None:
        """With CR-only input the message shows the right line, not the whole text."""
        text = SAMPLE_TEXT.replace("\n", "\r")
        lines = str(_strict_error(text)).split("\n")
        head = next(i for i, line in enumerate(lines) if "25:51: junk-dropped" in line)
        assert lines[head + 1].strip().endswith("5m A 9201,30")
        assert lines[head + 2].index("^") == lines[head + 1].index(" 5m ") + 1

    def test_strict_clean_worksheet_returns(self) -> None:
        """Strict mode on an undamaged worksheet returns the same Document as lenient mode."""
        doc = parse(CLEAN, strict=True)
        assert doc == parse(CLEAN)
        assert doc.worksheets[0].date_received is not None
        assert doc.worksheets[0].date_received.isoformat() == "1992-01-30"

    def test_strict_parse_worksheet_raises_syntax_error(self) -> None:
        """``parse_worksheet(strict=True)`` on the sample raises the same problems as ``parse``."""
        with pytest.raises(WorksheetSyntaxError) as info:
            parse_worksheet(SAMPLE_TEXT, strict=True)
        assert not isinstance(info.value, NoWorksheetError)
        assert info.value.problems == _strict_error(SAMPLE_TEXT).problems


class TestErrorObjects:
    def test_syntax_error_pickles(self) -> None:
        """A strict-mode error survives pickling (process pools) with problems and message."""
        err = _strict_error(SAMPLE_TEXT)
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is WorksheetSyntaxError
        assert back.problems == err.problems
        assert back.text == err.text
        assert str(back) == str(err)

    def test_no_worksheet_error_copies(self) -> None:
        """NoWorksheetError keeps its class and problems through ``copy`` and ``pickle``."""
        with pytest.raises(NoWorksheetError) as info:
            parse_worksheet("nothing here")
        for back in (copy.copy(info.value), pickle.loads(pickle.dumps(info.value))):
            assert type(back) is NoWorksheetError
            assert [p.code for p in back.problems] == ["no-worksheet"]


class TestParseFile:
    def test_file_equals_parse_of_text(self) -> None:
        """``parse_file`` on the sample gives the Document ``parse`` gives for its text."""
        from_file = parse_file(SAMPLE)
        from_text = parse(SAMPLE_TEXT)
        assert from_file == from_text
        assert from_file.diagnostics == from_text.diagnostics
        assert from_file.unrecognized == from_text.unrecognized

    def test_file_accepts_str_path(self) -> None:
        """A path given as ``str`` works like a ``Path``."""
        assert parse_file(str(SAMPLE)) == parse_file(SAMPLE)

    def test_invalid_utf8_reported_and_parsed(self, tmp_path: Path) -> None:
        """Bad bytes become U+FFFD with a ``decode-error`` warning; the worksheet still parses."""
        raw = SAMPLE.read_bytes().replace(b"MCCLURE", b"MCCL\xffURE")
        path = tmp_path / "bad.txt"
        path.write_bytes(raw)
        doc = parse_file(path)
        errors = [d for d in doc.diagnostics if d.code == "decode-error"]
        assert len(errors) == 1
        assert errors[0].severity is Severity.WARNING
        assert errors[0].span is not None
        assert errors[0].span.line == 25
        ws = doc.worksheets[0]
        assert ws.id_number == "303373"
        assert ws.date_received is not None
        assert ws.date_received.isoformat() == "1992-01-30"
        assert ws.routing[0].office == "FREDERICK MCCL\ufffdURE"

    def test_decode_error_span_at_replacement_character(self, tmp_path: Path) -> None:
        """The ``decode-error`` span starts at the U+FFFD, even after a trailing tab."""
        raw = SAMPLE.read_bytes().replace(b"MCCLURE", b"MCCL\xffURE")
        path = tmp_path / "bad.txt"
        path.write_bytes(raw)
        (error,) = (d for d in parse_file(path).diagnostics if d.code == "decode-error")
        assert error.span is not None
        text = raw.decode("utf-8", errors="replace")
        assert error.span.start == text.index("\ufffd")
        assert (error.span.line, error.span.column) == (25, 15)

    def test_invalid_utf8_strict_raises(self, tmp_path: Path) -> None:
        """In strict mode undecodable bytes are a problem like any other warning."""
        path = tmp_path / "bad.txt"
        path.write_bytes(CLEAN.encode().replace(b"KENNEDY", b"KEN\x80NEDY"))
        with pytest.raises(WorksheetSyntaxError) as info:
            parse_file(path, strict=True)
        assert [p.code for p in info.value.problems] == ["decode-error"]

    def test_decode_error_names_file_byte_offsets(self, tmp_path: Path) -> None:
        """The ``decode-error`` message gives the bad byte's offset in the file as read."""
        raw = b"\xef\xbb\xbf" + CLEAN.encode()
        at = raw.index(b"KENNEDY")
        path = tmp_path / "bad.txt"
        path.write_bytes(raw[:at] + b"\xff" + raw[at:])
        doc = parse_file(path)
        (error,) = (d for d in doc.diagnostics if d.code == "decode-error")
        assert f"bytes {at}..{at + 1}" in error.message

    def test_bom_dropped(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark is not part of the text: same Document, same spans."""
        path = tmp_path / "bom.txt"
        path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
        doc = parse_file(path)
        plain = parse(SAMPLE_TEXT)
        assert doc == plain
        assert doc.worksheets[0].field_spans == plain.worksheets[0].field_spans
        assert doc.diagnostics == plain.diagnostics
        assert not any(d.code == "decode-error" for d in doc.diagnostics)

    def test_parse_bytes_equals_parse_file(self) -> None:
        """``parse_bytes`` of the file's bytes is ``parse_file`` of the file."""
        assert parse_bytes(SAMPLE.read_bytes()) == parse_file(SAMPLE)
