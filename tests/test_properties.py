"""Properties of ``parse`` on arbitrary and perturbed input: total, traceable, lossless.

(a) ``parse`` returns a Document for any ``str`` and never swallows a bug
(``internal-error``); (b) every span points at the text it claims; (c) every
non-blank input line ends up somewhere a user can find it, with the text it
had.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from worksheet_parser import Document, Span, TextLine, Worksheet, parse
from worksheet_parser._text._normalize import normalize

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
SAMPLE_LINES = SAMPLE_TEXT.split("\n")
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_EDITOR_LINE_BREAK = re.compile("\r\n|[\n\r]")
"""The line ends editors count, and line numbers with them (a form feed is not one)."""
_CONFUSIONS = {
    "O": "0Q",
    "0": "OD",
    "I": "1l|",
    "1": "Il",
    "l": "1I",
    "S": "5$",
    "5": "S",
    "B": "8",
    "8": "B",
    "E": "F",
    "C": "(O",
    "N": "H",
    ":": ";.",
    "/": ",l",
}


# -- strategies --------------------------------------------------------------


@st.composite
def ocr_damage(draw: st.DrawFn, line: str) -> str:
    """``line`` with a few OCR-like edits: confusions, drops, insertions, tabs, case."""
    chars = list(line)
    for _ in range(draw(st.integers(0, 4))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["confuse", "drop", "insert", "tab", "case"]))
        if op == "confuse" and chars[i] in _CONFUSIONS:
            chars[i] = draw(st.sampled_from(_CONFUSIONS[chars[i]]))
        elif op == "drop":
            del chars[i]
        elif op == "insert":
            chars.insert(i, draw(st.characters(codec="utf-8")))
        elif op == "tab":
            chars.insert(i, "\t")
        elif op == "case":
            chars[i] = chars[i].swapcase()
    return "".join(chars)


sample_line = st.sampled_from(SAMPLE_LINES)
line_end = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\t", " "])


@st.composite
def mixtures(draw: st.DrawFn) -> str:
    """Sample lines (some damaged) and random text, in random order, random line ends."""
    parts = draw(
        st.lists(
            st.one_of(
                sample_line,
                sample_line.flatmap(ocr_damage),
                st.text(max_size=30),
            ),
            max_size=40,
        )
    )
    return "".join(part + draw(line_end) for part in parts)


_BLANKS = st.sampled_from(["  ", "\t", " \t ", "\u00a0", "\t\t", "   "])
_EDIT = st.tuples(
    st.sampled_from(["drop", "twice", "respace", "trail", "lead"]),
    st.integers(0, len(SAMPLE_LINES) - 1),
    st.integers(0, 200),
    _BLANKS,
)


def _respace(line: str, which: int, blank: str) -> str:
    """Replace the ``which``-th blank of ``line`` (modulo their number) with ``blank``."""
    blanks = [i for i, ch in enumerate(line) if ch in " \t"]
    if not blanks:
        return line
    i = blanks[which % len(blanks)]
    return line[:i] + blank + line[i + 1 :]


@st.composite
def perturbed_samples(draw: st.DrawFn) -> str:
    """The sample with blanks and line ends changed and some lines dropped or duplicated."""
    lines: list[str | None] = list(SAMPLE_LINES)
    copies = [1] * len(lines)
    for op, index, which, blank in draw(st.lists(_EDIT, max_size=12)):
        line = lines[index]
        if line is None:
            continue
        if op == "drop":
            lines[index] = None
        elif op == "twice":
            copies[index] += 1
        elif op == "respace":
            lines[index] = _respace(line, which, blank)
        elif op == "trail":
            lines[index] = line + blank
        else:
            lines[index] = blank + line
    ends = draw(st.sampled_from([("\n",), ("\r\n",), ("\r",), ("\n", "\r\n", "\r")]))
    out = [
        line + ends[(i * 7 + k) % len(ends)]
        for i, line in enumerate(lines)
        if line is not None
        for k in range(copies[i])
    ]
    return "".join(out)


# -- helpers -----------------------------------------------------------------


def _spans(value: Any) -> Iterator[Span]:
    """Every Span inside a record, recursively (record spans, field spans, unread lines)."""
    if isinstance(value, Span):
        yield value
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _spans(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _spans(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _spans(item)


def _position(text: str, index: int) -> tuple[int, int]:
    line, line_start = 1, 0
    for m in _EDITOR_LINE_BREAK.finditer(text):
        if m.end() > index:
            break
        line, line_start = line + 1, m.end()
    return line, index - line_start + 1


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``text``, every kind of line end counted."""
    start = 0
    for m in _LINE_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _norm_slice(text: str, span: Span) -> str:
    return normalize(span.slice(text)).text


def _words(value: str) -> list[str]:
    return value.split()


def _worksheet_word_checks(ws: Worksheet) -> Iterator[tuple[str, Span, str]]:
    """``(field, span, value)`` for each string-valued worksheet and routing field read."""
    for name, span in ws.field_spans.items():
        value = getattr(ws, name, None)
        if name == "correspondent" and value is not None:
            value = value.name
        if isinstance(value, str):
            yield name, span, value
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            yield name, span, " ".join(value)
    for i, row in enumerate(ws.routing):
        for name, span in row.field_spans.items():
            value = getattr(row, name, None)
            if isinstance(value, str):
                yield f"routing[{i}].{name}", span, value


def _accounted_spans(doc: Document) -> list[Span]:
    """Where a user finds text: every record's spans and unread lines, and unrecognized lines."""
    found: list[Span] = []
    for group in (doc.worksheets, doc.headers, doc.review_stamps, doc.release_stamps, doc.letters):
        for record in group:
            found.extend(_spans(record))
    found.extend(line.span for line in doc.unrecognized)
    return found


def _assert_nothing_lost(text: str, doc: Document) -> None:
    spans = [s for s in _accounted_spans(doc) if s.end > s.start]
    for start, end in _lines(text):
        if not normalize(text[start:end]).text.strip():
            continue
        assert any(s.start < end and s.end > start for s in spans), (
            f"line {_position(text, start)[0]} ({text[start:end]!r}) is in no record, "
            "unread line or unrecognized line"
        )


def _assert_text_lines_match(text: str, lines: Sequence[TextLine]) -> None:
    for line in lines:
        assert line.text == _norm_slice(text, line.span), line


def _worksheet_unread(doc: Document) -> tuple[TextLine, ...]:
    return tuple(line for ws in doc.worksheets for line in ws.unread)


def _other_unread(doc: Document) -> tuple[TextLine, ...]:
    others = (*doc.headers, *doc.review_stamps, *doc.release_stamps, *doc.letters)
    return tuple(line for record in others for line in getattr(record, "unread", ()))


# -- (a) totality --------------------------------------------------------------


class TestTotality:
    @given(st.text())
    def test_any_text_gives_document(self, text: str) -> None:
        """``parse`` returns a Document for any string, without an ``internal-error``."""
        doc = parse(text)
        assert isinstance(doc, Document)
        assert "internal-error" not in {d.code for d in doc.diagnostics}

    @given(mixtures())
    def test_sample_lines_mixed_with_noise(self, text: str) -> None:
        """Sample lines, OCR-damaged lines and random text in any order never crash the
        parser or trip an ``internal-error``."""
        doc = parse(text)
        assert isinstance(doc, Document)
        assert "internal-error" not in {d.code for d in doc.diagnostics}

    @given(perturbed_samples().flatmap(ocr_damage))
    def test_damaged_sample(self, text: str) -> None:
        """The whole sample with blank/line changes and OCR damage still parses cleanly."""
        doc = parse(text)
        assert isinstance(doc, Document)
        assert "internal-error" not in {d.code for d in doc.diagnostics}


# -- (b) spans point at their text ------------------------------------------


class TestSpans:
    @given(perturbed_samples())
    def test_worksheet_field_spans_hold_their_values(self, text: str) -> None:
        """Each worksheet/routing field span lies in the text, and the normalised slice holds
        every word of the string value read from it."""
        doc = parse(text)
        for ws in doc.worksheets:
            for span in _spans(ws):
                assert 0 <= span.start <= span.end <= len(text)
            for field, span, value in _worksheet_word_checks(ws):
                sliced = _norm_slice(text, span)
                for word in _words(value):
                    assert word in sliced, (field, value, sliced)

    @given(perturbed_samples())
    def test_diagnostic_spans_inside_text_with_right_line_column(self, text: str) -> None:
        """Every diagnostic span lies in the text and its line/column are those of its start."""
        doc = parse(text)
        for d in doc.diagnostics:
            if d.span is None:
                continue
            assert 0 <= d.span.start <= d.span.end <= len(text), d
            assert (d.span.line, d.span.column) == _position(text, d.span.start), d

    @given(perturbed_samples())
    def test_record_spans_have_right_line_column(self, text: str) -> None:
        """Every span in every record lies in the text with line/column of its start."""
        doc = parse(text)
        for span in _accounted_spans(doc):
            assert 0 <= span.start <= span.end <= len(text), span
            assert (span.line, span.column) == _position(text, span.start), span

    def test_sample_spans_slice_to_values(self) -> None:
        """On the sample itself, the id, date and office spans slice to exactly their text."""
        ws = parse(SAMPLE_TEXT).worksheets[0]
        assert _norm_slice(SAMPLE_TEXT, ws.field_spans["id_number"]) == "303373"
        assert _norm_slice(SAMPLE_TEXT, ws.field_spans["date_received"]) == "JANUARY 30, 1992"
        office = ws.routing[0].field_spans["office"]
        assert _norm_slice(SAMPLE_TEXT, office) == "FREDERICK MCCLURE"


# -- (c) nothing lost --------------------------------------------------------


class TestNothingLost:
    @given(perturbed_samples())
    def test_every_line_is_accounted_for(self, text: str) -> None:
        """Every non-blank input line meets a record (field, row, unread line or the block's
        printed text) or an unrecognized line."""
        _assert_nothing_lost(text, parse(text))

    @given(mixtures())
    def test_every_line_of_a_mixture_is_accounted_for(self, text: str) -> None:
        """Also for sample lines mixed with noise: no line silently disappears."""
        _assert_nothing_lost(text, parse(text))

    @given(perturbed_samples())
    def test_unrecognized_lines_are_their_text(self, text: str) -> None:
        """Each unrecognized (and non-worksheet unread) line's text is the normalised slice of
        the input its span covers."""
        doc = parse(text)
        _assert_text_lines_match(text, doc.unrecognized)
        _assert_text_lines_match(text, _other_unread(doc))

    @given(mixtures())
    def test_unrecognized_lines_of_a_mixture_are_their_text(self, text: str) -> None:
        """Same for sample lines mixed with noise."""
        doc = parse(text)
        _assert_text_lines_match(text, doc.unrecognized)
        _assert_text_lines_match(text, _other_unread(doc))

    @given(mixtures())
    def test_unrecognized_runs_are_whole(self, text: str) -> None:
        """Unrecognized text comes as whole runs: two runs always have some record's text
        between them (never only blank lines), and no run starts or ends with a blank line."""
        doc = parse(text)
        norm = normalize(text)
        runs = sorted(doc.unrecognized, key=lambda run: run.span.start)
        for run in runs:
            assert run.text.strip()
            assert not run.text.startswith("\n")
            assert not run.text.endswith("\n")
        for a, b in itertools.pairwise(runs):
            assert normalize(text[a.span.end : b.span.start]).text.strip(), (a, b, norm.text)

    def test_sample_worksheet_unread_lines_are_their_text(self) -> None:
        """Each of the sample worksheet's unread lines is the normalised slice of its span
        (``...PROPERTY OF<tab>ENATOR BROWN)`` keeps its tab)."""
        _assert_text_lines_match(SAMPLE_TEXT, _worksheet_unread(parse(SAMPLE_TEXT)))

    @given(perturbed_samples())
    def test_worksheet_unread_lines_are_their_text(self, text: str) -> None:
        """Each worksheet unread line's text is the normalised slice of the input it covers."""
        _assert_text_lines_match(text, _worksheet_unread(parse(text)))
