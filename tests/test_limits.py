"""The input-size limit a caller controls."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from worksheet_parser import (
    InputTooLargeError,
    WorksheetParserError,
    parse,
    parse_bytes,
    parse_file,
    parse_worksheet,
)
from worksheet_parser._errors import DEFAULT_MAX_SIZE

TEXT = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"


class TestMaxSize:
    def test_default_is_64_mebi(self) -> None:
        """The default limit is 64 MiB, generous for any OCR file."""
        assert DEFAULT_MAX_SIZE == 64 * 1024 * 1024

    def test_text_over_the_limit_raises(self) -> None:
        """A str longer than ``max_size`` raises InputTooLargeError, in lenient mode too."""
        with pytest.raises(InputTooLargeError) as info:
            parse(TEXT, max_size=10)
        assert info.value.size == len(TEXT)
        assert info.value.limit == 10
        assert "max_size" in str(info.value)

    def test_limit_is_inclusive(self) -> None:
        """A text exactly ``max_size`` long is parsed."""
        assert parse(TEXT, max_size=len(TEXT)).worksheets[0].id_number == "303373"

    def test_none_lifts_the_limit(self) -> None:
        """``max_size=None`` reads any size."""
        assert parse(TEXT, max_size=None).worksheets

    def test_bytes_count_bytes(self) -> None:
        """For bytes the limit counts bytes, not characters."""
        data = ("é" * 10).encode()
        with pytest.raises(InputTooLargeError):
            parse_bytes(data, max_size=15)
        assert parse_bytes(data, max_size=20).worksheets == ()

    def test_file_is_refused_before_reading(self, tmp_path: Path) -> None:
        """A file over the limit is refused from its size on disk."""
        path = tmp_path / "big.txt"
        path.write_text(TEXT, encoding="utf-8")
        with pytest.raises(InputTooLargeError) as info:
            parse_file(path, max_size=5)
        assert info.value.size == len(TEXT.encode())

    def test_parse_worksheet_passes_the_limit_on(self) -> None:
        """``parse_worksheet`` honours ``max_size`` too."""
        with pytest.raises(InputTooLargeError):
            parse_worksheet(TEXT, max_size=1)

    def test_error_is_a_value_error_and_pickles(self) -> None:
        """The error is a WorksheetParserError (so a ValueError) and survives pickling."""
        err = InputTooLargeError(100, 10)
        assert isinstance(err, WorksheetParserError)
        assert isinstance(err, ValueError)
        again = pickle.loads(pickle.dumps(err))
        assert (again.size, again.limit, str(again)) == (100, 10, str(err))

    def test_parse_bytes_refuses_str(self) -> None:
        """``parse_bytes`` given a str says to use ``parse``."""
        with pytest.raises(TypeError, match="parse"):
            parse_bytes(TEXT)  # type: ignore[arg-type]
