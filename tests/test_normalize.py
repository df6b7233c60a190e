"""Stage 1, normalisation: what reaches the parser, and the offset map back to the input."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import assume, example, given
from hypothesis import strategies as st

from worksheet_parser._text import _normalize
from worksheet_parser._text._normalize import Normalized, normalize

_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_EDITOR_LINE_BREAK = re.compile("\r\n|[\n\r]")
"""The line ends editors count, and line numbers with them (a form feed is not one)."""

# Text built from the characters the normaliser treats specially, mixed with
# ordinary letters, so the generated examples exercise every branch.
_SPECIAL_CHARS = (
    "aeqK ;\t\n\r\x00\x01\x07\x0b\x0c\x1b\x1f\x7f\x85\x9f\u00a0\u2003\u3000"
    "\u200b\u200c\u200d\u2060\ufeff\u2028\u0301\u0300\u0327\u00e9\u212a\u037e"
    "\ud800\udfff\u1100\u1161\u11a8"
)
noisy_text = st.text(alphabet=st.sampled_from(_SPECIAL_CHARS)) | st.text()


def _reference_position(original: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``index``, counting the line ends editors count."""
    line, line_start = 1, 0
    for m in _EDITOR_LINE_BREAK.finditer(original):
        if m.end() > index:
            break
        line, line_start = line + 1, m.end()
    return line, index - line_start + 1


def _copied(n: Normalized) -> list[bool]:
    """For each normalised position, whether it was copied unchanged from the input."""
    if not n._norm_starts:
        return [True] * len(n.text)
    flags = [False] * len(n.text)
    bounds = [*n._norm_starts[1:], len(n.text)]
    for start, stop, is_copy in zip(n._norm_starts, bounds, n._is_copy, strict=True):
        for i in range(start, stop):
            flags[i] = bool(is_copy)
    return flags


class TestLineEnds:
    def test_crlf_becomes_lf(self) -> None:
        """Windows line ends come out as a single ``\\n`` each."""
        assert normalize("ID# 303373\r\nINCOMING\r\n").text == "ID# 303373\nINCOMING\n"

    def test_cr_only_becomes_lf(self) -> None:
        """Classic Mac line ends (lone ``\\r``) come out as ``\\n``."""
        assert normalize("ID# 303373\rINCOMING\rDATE").text == "ID# 303373\nINCOMING\nDATE"

    def test_cr_lf_pair_is_one_line_break(self) -> None:
        """``\\r\\n`` is one line end, while ``\\n\\r`` is two."""
        assert normalize("a\r\nb\n\rc").text == "a\nb\n\nc"

    def test_unicode_line_separators(self) -> None:
        """Form feeds, NEL and U+2028 end lines like ``\\n`` does."""
        assert normalize("a\x0cb\x85c\u2028d").text == "a\nb\nc\nd"


class TestUnicode:
    def test_decomposed_accent_is_composed(self) -> None:
        """A letter plus a combining accent comes out as the precomposed character (NFC)."""
        assert normalize("Jose\u0301 Marti\u0301").text == "Jos\u00e9 Mart\u00ed"

    def test_compatibility_sign_is_composed(self) -> None:
        """The Kelvin sign is canonically a K: NFC maps it to the letter."""
        assert normalize("\u212aENNEDY").text == "KENNEDY"

    def test_lone_surrogates_become_replacement_characters(self) -> None:
        """Lone surrogates (not encodable text) become U+FFFD, one per surrogate."""
        n = normalize("ID# 30\ud8003373\udfff\udc00")
        assert n.text == "ID# 30\ufffd3373\ufffd\ufffd"
        n.text.encode("utf-8")

    def test_nbsp_and_wide_spaces_become_spaces(self) -> None:
        """No-break, em and ideographic spaces become ordinary spaces, one for one."""
        assert normalize("A\u00a0B\u2003C\u3000\u3000D").text == "A B C  D"


class TestInvisible:
    def test_nul_and_control_characters_removed(self) -> None:
        """NUL, bell, escape, DEL and C1 controls vanish without leaving a gap."""
        assert normalize("ID\x00#\x07 30\x1b33\x7f73\x9f").text == "ID# 303373"

    def test_zero_width_characters_removed(self) -> None:
        """Zero-width space/joiners, word joiner and a stray BOM vanish."""
        assert normalize("\ufeffKEN\u200bNE\u200cD\u200dY\u2060").text == "KENNEDY"

    def test_removal_does_not_leave_an_uncomposed_accent(self) -> None:
        """An invisible character between a letter and its accent does not stop NFC."""
        assert normalize("Jose\u200b\u0301").text == "Jos\u00e9"
        assert normalize("Jose\x00\u0301").text == "Jos\u00e9"


class TestBlanks:
    def test_blank_run_with_tab_becomes_one_tab(self) -> None:
        """A run of blanks holding a tab (a column break) becomes exactly one tab."""
        assert normalize("ORG \t 92/01/30\t\t5m\u00a0\tA").text == "ORG\t92/01/30\t5m\tA"

    def test_spaces_without_tab_kept_as_spaces(self) -> None:
        """A run of spaces without a tab keeps its width (column layout survives)."""
        assert normalize("ORG   92/01/30 \u00a0A").text == "ORG   92/01/30  A"

    def test_trailing_blanks_removed(self) -> None:
        """Blanks (and invisible characters) at the end of a line or of the text go."""
        assert normalize("SUBJECT: X \t\u00a0\r\nY  \x00\nZ \u200b").text == "SUBJECT: X\nY\nZ"

    def test_leading_blanks_kept(self) -> None:
        """Indentation at the start of a line is not removed."""
        assert normalize("  INCOMING\n\tX").text == "  INCOMING\n\tX"

    def test_clean_text_is_unchanged(self) -> None:
        """Printable ASCII with ``\\n`` line ends comes back as the very same text."""
        text = "ID# 303373\nDATE RECEIVED: JANUARY 30, 1992"
        n = normalize(text)
        assert n.text == text
        assert n.original is text


class TestOffsetMap:
    def test_map_after_crlf_and_controls(self) -> None:
        """Positions after removed and replaced characters map to their original place."""
        original = "ID#\x00 \t303373 \r\nINCOMING"
        n = normalize(original)
        assert n.text == "ID#\t303373\nINCOMING"
        at = n.text.index("INCOMING")
        assert original[n.to_original(at) :] == "INCOMING"
        start = n.text.index("303373")
        span = n.span(start, start + 6)
        assert span.slice(original) == "303373"

    def test_span_of_replaced_text_covers_its_original(self) -> None:
        """A span over a composed character covers both original code points."""
        original = "JOSE\u0301 X"
        n = normalize(original)
        assert n.span(0, 4).slice(original) == "JOSE\u0301"

    def test_every_position_maps_to_same_or_replaced_character(self) -> None:
        """Each normalised character stands on the same character in the input, or on one the
        normaliser replaces (line end, blank, control, surrogate, non-ASCII)."""
        original = "A\u00a0B\r\n\tC\x00D e\u0301 \ud800Z  \n"
        n = normalize(original)
        for i, (ch, copied) in enumerate(zip(n.text, _copied(n), strict=True)):
            o = n.to_original(i)
            if copied:
                assert original[o] == ch
            else:
                assert original[o] == ch or not "!" <= original[o] <= "~" or ord(ch) > 0x7F

    def test_span_line_and_column_lf(self) -> None:
        """``span`` reports the 1-based line and column of the original text."""
        original = "01494\n\nID# 303373\n\tINCOMING"
        n = normalize(original)
        at = n.text.index("INCOMING")
        span = n.span(at, at + 8)
        assert (span.line, span.column) == (4, 2)
        assert span.slice(original) == "INCOMING"

    def test_span_line_and_column_crlf(self) -> None:
        """With CRLF input, line and column are those of the original lines."""
        original = "01494\r\n\r\nID# 303373 \r\nINCOMING"
        n = normalize(original)
        at = n.text.index("303373")
        assert (n.span(at, at + 6).line, n.span(at, at + 6).column) == (3, 5)
        at = n.text.index("INCOMING")
        assert (n.span(at, at + 8).line, n.span(at, at + 8).column) == (4, 1)

    def test_span_line_and_column_cr_only(self) -> None:
        """With CR-only input, each ``\\r`` starts a new line for line/column too."""
        original = "01494\r\rID# 303373\rINCOMING"
        n = normalize(original)
        at = n.text.index("303373")
        span = n.span(at, at + 6)
        assert (span.line, span.column) == (3, 5)
        assert span.slice(original) == "303373"

    def test_column_counts_removed_characters(self) -> None:
        """Columns count the input's characters, including ones normalisation removed."""
        original = "\x00\u200bID# 303373"
        n = normalize(original)
        assert n.text == "ID# 303373"
        assert n.span(4, 10).column == 7


class TestProperties:
    @given(noisy_text)
    def test_idempotent(self, text: str) -> None:
        """Normalising normalised text changes nothing."""
        once = normalize(text).text
        assert normalize(once).text == once

    @given(noisy_text)
    def test_output_is_clean(self, text: str) -> None:
        """Output has only ``\\n`` line ends, no controls, no trailing blanks, and is NFC."""
        out = normalize(text).text
        assert unicodedata.normalize("NFC", out) == out
        for line in out.split("\n"):
            assert line == line.rstrip(" \t")
            assert not any(unicodedata.category(c) == "Cc" and c != "\t" for c in line)
            assert not any(c in "\u200b\u200c\u200d\u2060\ufeff" for c in line)
            assert not any("\ud800" <= c <= "\udfff" for c in line)

    @given(noisy_text)
    def test_map_monotone_and_within_bounds(self, text: str) -> None:
        """The offset map never goes backwards and never leaves the input."""
        n = normalize(text)
        starts = [n.to_original(i) for i in range(len(n.text) + 1)]
        ends = [n.to_original_end(i) for i in range(len(n.text) + 1)]
        assert starts == sorted(starts)
        assert ends == sorted(ends)
        assert all(0 <= s <= len(text) for s in starts + ends)
        assert starts[-1] == len(text)
        for i in range(len(n.text)):
            assert starts[i] < ends[i + 1]

    @given(noisy_text)
    def test_each_position_is_same_or_replaced(self, text: str) -> None:
        """A copied character maps onto the identical input character; any other onto one the
        normaliser rewrites."""
        n = normalize(text)
        for i, (ch, copied) in enumerate(zip(n.text, _copied(n), strict=True)):
            o = n.to_original(i)
            assert 0 <= o < len(text)
            if copied:
                assert text[o] == ch
            else:
                assert text[o] == ch or not "!" <= text[o] <= "~" or ord(ch) > 0x7F

    @given(noisy_text, st.data())
    def test_span_line_column_agree_with_start(self, text: str, data: st.DataObject) -> None:
        """``span`` line/column are the input's, counting every kind of line end."""
        n = normalize(text)
        assume(n.text)
        i = data.draw(st.integers(0, len(n.text) - 1))
        j = data.draw(st.integers(i, len(n.text)))
        span = n.span(i, j)
        assert 0 <= span.start <= span.end <= len(text)
        assert (span.line, span.column) == _reference_position(text, span.start)

    @given(noisy_text, st.data())
    def test_substring_normalises_like_slice(self, text: str, data: st.DataObject) -> None:
        """Normalising a piece of the input cut at copied characters gives the same text as
        slicing the normalised whole."""
        n = normalize(text)
        copied = _copied(n)
        bounds = [i for i, c in enumerate(copied) if c]
        assume(bounds)
        i = data.draw(st.sampled_from(bounds))
        ends = [j for j in bounds if j >= i and n.text[j] not in " \t"]
        assume(ends)
        last = data.draw(st.sampled_from(ends))
        o_start, o_end = n.to_original(i), n.to_original_end(last + 1)
        assert normalize(text[o_start:o_end]).text == n.text[i : last + 1]


_ASCII_PIECES = st.sampled_from(
    ["ID#", "a", " ", "  ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "~"]
)


@given(st.lists(_ASCII_PIECES, max_size=12).map("".join) | st.text(max_size=20))
def test_clean_ascii_shortcut_agrees_with_the_trigger(text: str) -> None:
    """The shortcut for clean ASCII text says what a search for a trigger says."""
    if text.isascii():
        assert _normalize._clean_ascii(text) == (_normalize._TRIGGER.search(text) is None)
    else:
        assert not _normalize._clean_ascii(text)


def _reference_normalize(text: str) -> str:
    """Every run ``_SPECIAL`` finds, replaced as the normaliser replaces it (no shortcut)."""
    out: list[str] = []
    last = 0
    for m in _normalize._SPECIAL.finditer(text):
        run, kind = m.group(), m.lastgroup
        if kind == "nl":
            new = "\n"
        elif kind == "blank":
            new = _normalize._blank(
                run, m.end() >= len(text) or text[m.end()] in _normalize._NEWLINES
            )
        elif kind == "sur":
            new = "\ufffd" * len(run)
        else:
            new = unicodedata.normalize("NFC", _normalize._INVISIBLE_RE.sub("", run))
        out.append(text[last : m.start()])
        out.append(new)
        last = m.end()
    out.append(text[last:])
    return "".join(out)


@given(
    st.lists(_ASCII_PIECES, max_size=16).map("".join)
    | st.lists(_ASCII_PIECES | st.sampled_from(_SPECIAL_CHARS), max_size=16).map("".join)
)
@example("a \tb")
@example("a\t b\t")
def test_the_trigger_scan_finds_every_run_that_changes(text: str) -> None:
    """Runs are only looked for where the trigger points, yet none that changes is missed:
    a tab between two words, which the scan passes over, never changes."""
    assert normalize(text).text == _reference_normalize(text)


def test_tabs_that_change_are_still_found() -> None:
    """Tabs between words are passed over, but not one after or before blanks, or at a line end."""
    assert normalize("a \tb\t c\t").text == "a\tb\tc"
    assert normalize("ID#\t\t303373\t\nTO:\tWHITE HOUSE").text == "ID#\t303373\nTO:\tWHITE HOUSE"


@given(
    st.lists(_ASCII_PIECES, max_size=16).map("".join)
    | st.lists(_ASCII_PIECES | st.sampled_from(_SPECIAL_CHARS), max_size=16).map("".join)
)
@example("a  \t\x00 \n\t")
def test_the_trigger_positions_are_the_patterns(text: str) -> None:
    """The separate scans of ASCII text find every place the trigger pattern does."""
    expected = [m.start() for m in _normalize._TRIGGER.finditer(text)]
    assert list(_normalize._triggers(text)) == expected


class TestInPieces:
    """Long texts are normalised, and their line starts found, a piece at a time: the
    pieces' size changes nothing."""

    @given(noisy_text, st.integers(1, 5))
    def test_joining_in_pieces_changes_nothing(self, text: str, every: int) -> None:
        """The normalised text and its map are the same however many pieces are joined at once."""
        from worksheet_parser._text import _normalize

        whole = normalize(text)
        saved = _normalize._JOIN_EVERY
        try:
            _normalize._JOIN_EVERY = every
            pieces = normalize(text)
        finally:
            _normalize._JOIN_EVERY = saved
        assert pieces.text == whole.text
        assert [pieces.to_original(i) for i in range(len(text) + 1)] == [
            whole.to_original(i) for i in range(len(text) + 1)
        ]

    @given(
        st.lists(st.sampled_from(["a" * 20, "b" * 40, "\n", "\r\n", "\r"]), max_size=40),
        st.integers(1, 64),
    )
    def test_line_starts_in_pieces_are_the_editors_line_starts(
        self, parts: list[str], piece: int
    ) -> None:
        """Lines and columns of spans are the ones editors show, whatever the size of the
        pieces the text is split in to find where its lines start."""
        from worksheet_parser._text import _normalize

        text = "".join(parts)
        saved = _normalize._STARTS_PIECE
        try:
            _normalize._STARTS_PIECE = piece
            n = normalize(text)
            positions = [n.span(i, i) for i in range(len(n.text) + 1)]
        finally:
            _normalize._STARTS_PIECE = saved
        for span in positions:
            assert (span.line, span.column) == _reference_position(text, span.start)
