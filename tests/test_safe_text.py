"""Text from the input and the file system shown safely: properties of the escapes."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import WorksheetSyntaxError, parse
from worksheet_parser._errors import format_problems
from worksheet_parser._inputs import record_name
from worksheet_parser._models import Diagnostic, Severity, Span
from worksheet_parser._safe import shown

_ACTING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What must never reach a terminal from the input."""

_TRICKY = st.text(
    alphabet=st.sampled_from(
        "AB :\t\n\r\x0b\x0c\x1b[]0;\x07\x00\x85\x9b\u2028\u202e\u2066\ud800\udcff\\é"
    )
)


@given(st.text() | _TRICKY)
def test_shown_leaves_nothing_that_acts_on_a_terminal(text: str) -> None:
    """No control, reordering or surrogate character survives; showing twice changes nothing."""
    out = shown(text)
    assert _ACTING.search(out) is None
    assert shown(out) == out


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs"])))
def test_shown_keeps_ordinary_text(text: str) -> None:
    """Text without control characters is shown as it is (bidi controls aside)."""
    if re.search("[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text) is None:
        assert shown(text) == text


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"\x00" not in b and b"/" not in b))
def test_record_name_is_utf8_and_says_which_bytes(raw: bytes) -> None:
    """Any file name of bytes gives a UTF-8 record name from which its bytes can be read back."""
    name = os.fsdecode(raw)
    out = record_name(name)
    out.encode("utf-8")  # never raises
    if "\\udc" not in name:
        back = re.sub(r"\\udc([0-9a-f]{2})", lambda m: chr(0xDC00 + int(m.group(1), 16)), out)
        assert os.fsencode(back) == raw
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        assert out != name
    else:
        assert out == name


@given(_TRICKY, st.integers(0, 60), st.integers(0, 10))
def test_strict_error_caret_stands_under_the_span(text: str, start: int, length: int) -> None:
    """The caret line starts under the span's first character, however the line was escaped."""
    start = min(start, len(text))
    end = min(len(text), start + length)
    prefix = text[:start]
    line = len(re.findall(r"\r\n?|\n", prefix)) + 1
    line_start = max(prefix.rfind("\n"), prefix.rfind("\r")) + 1
    span = Span(start, end, line, start - line_start + 1)
    d = Diagnostic(code="x", severity=Severity.WARNING, message="m\x1b", span=span)
    out = format_problems([d], text)
    assert _ACTING.search(out.replace("\n", "")) is None
    lines = out.split("\n")
    if len(lines) == 4:
        source, caret = lines[2][4:], lines[3][4:]
        shown_prefix = shown(text[line_start:start].replace("\t", " "))
        assert source.startswith(shown_prefix)
        assert caret.startswith(" " * len(shown_prefix) + "^")


@given(_TRICKY)
def test_strict_errors_never_echo_control_characters(text: str) -> None:
    """Whatever the input, a strict error's message holds no control character but line ends."""
    with pytest.raises(WorksheetSyntaxError) as err:  # a worksheet with fields missing
        parse("ID# 303373\nTHE WHITE HOUSE\nDATE RECEIVED: " + text, strict=True)
    assert _ACTING.search(str(err.value).replace("\n", "")) is None
