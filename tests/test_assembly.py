"""The assembly stage's shortcuts give exactly what the plain computation gives."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from worksheet_parser import _vocab, parse
from worksheet_parser._dates import DateOrder, DateReading, clean_date, read_date
from worksheet_parser._worksheet import _fields, _pieces
from worksheet_parser._worksheet._fields import Word, split_title, words
from worksheet_parser._worksheet._routing._words import cell_kind as _cell_kind


def _split_title_plain(name: str) -> tuple[str | None, str, str | None]:
    """The title split tried against every honorific in turn, with no shortcuts."""
    from rapidfuzz.distance import Levenshtein

    to_letter = str.maketrans(_vocab.DIGIT_TO_LETTER)
    tokens = name.split()
    upper = [t.upper() for t in tokens]
    for h_words in [h.split() for h in _vocab.HONORIFICS]:
        n = len(h_words)
        if n > len(tokens) - 1:
            continue
        found = upper[:n]
        if found == h_words:
            return " ".join(tokens[:n]), " ".join(tokens[n:]), None
        ok = True
        edits = 0
        for f, h in zip(found, h_words, strict=True):
            if f == h:
                continue
            if len(h) < 6:
                ok = False
                break
            d = Levenshtein.distance(f.translate(to_letter), h, score_cutoff=1)
            if d > 1:
                ok = False
                break
            edits += d
        if ok and edits:
            canonical = " ".join(h_words)
            typed = " ".join(tokens[:n])
            if typed.islower():
                canonical = canonical.lower()
            elif not typed.isupper():
                canonical = " ".join(w.capitalize() for w in h_words)
            return canonical, " ".join(tokens[n:]), canonical
    return None, name, None


class TestSplitTitle:
    def test_same_as_trying_every_honorific(self) -> None:
        """Damaged, cased and truncated honorifics split exactly as the plain search does."""
        rng = random.Random(7)
        names = ["", "SMITH", "John Smith", "THE", "MR.", "THE MOST"]
        for title in _vocab.HONORIFICS:
            for case in (str.upper, str.lower, str.title):
                for rest in ("", " JOHN Q. PUBLIC", " Smith"):
                    names.append(case(title) + rest)
                    chars = list(title)
                    for _ in range(3):
                        damaged = chars.copy()
                        i = rng.randrange(len(damaged))
                        damaged[i] = rng.choice("0158|lOIX. ")
                        names.append(case("".join(damaged)) + rest)
                        names.append(case(title.replace(" ", "  ", 1)) + rest)
        for name in names:
            assert split_title(name) == _split_title_plain(name), name


class TestCleanDate:
    @pytest.mark.parametrize("order", list(DateOrder))
    def test_a_clean_date_in_bounds_is_what_read_date_reads(self, order: DateOrder) -> None:
        """Wherever :func:`clean_date` gives a date within the bounds, :func:`read_date`
        reads that date with no diagnostic; where it gives none, nothing is skipped."""
        rng = random.Random(11)
        texts = ["", "__/__/__", "00/00/00", "0000/02/29", "02/29/0000", "9201,30", "92/0l/30"]
        for _ in range(3000):
            y, m, d = rng.randint(0, 2100), rng.randint(0, 13), rng.randint(0, 32)
            yy = y % 100
            month = _vocab.MONTH_NAMES[(m - 1) % 12]
            texts += [
                f"{yy:02d}/{m:02d}/{d:02d}",
                f"{m}/{d}/{y:04d}",
                f"{m:02d}/{d:02d}/{yy:02d}",
                f"{y:04d}/{m:02d}/{d:02d}",
                f"{month} {d}, {y}",
                f"{d} {month.title()} {yy:02d}",
                f" {month[:3]}. {d}th, {y}., ",
            ]
        bounds = [(None, None), (dt.date(1969, 1, 1), dt.date(2009, 12, 31))]
        bounds += [(dt.date(1990, 3, 3), dt.date(1994, 3, 3))]
        for text in texts:
            value = clean_date(text, order)
            for lo, hi in bounds:
                reading = read_date(text, order, earliest=lo, latest=hi)
                if value is None:
                    continue
                if (lo or dt.date(1900, 1, 1)) <= value <= (hi or dt.date(2049, 12, 31)):
                    assert reading == DateReading(value, text, None, None, ""), text
                else:
                    assert reading.value is None, text


class TestWords:
    def test_same_as_the_word_pattern(self) -> None:
        """Words and offsets are the runs of anything but blanks and tabs, whatever other
        white space or unprintable characters the text holds."""
        rng = random.Random(5)
        alphabet = "AB1/_ . \t\t  \u00a0\u2003\x1c\x85\u2028\u200b\x00é"
        texts = ["", " ", "\t", "A", " A ", "ORG 97/08/26\t__ __/__/__"]
        texts += [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)
        ]
        for text in texts:
            expected = [Word(m.group(), 7 + m.start()) for m in re.finditer(r"[^ \t]+", text)]
            assert words(text, 7) == expected, repr(text)


class TestCellKind:
    def test_a_clean_routing_date_reads_as_a_date_by_every_check(self) -> None:
        """The shortcut for ``92/01/30`` gives what the full chain of checks gives."""
        rng = random.Random(3)
        for _ in range(2000):
            text = "/".join(f"{rng.randint(0, 99):02d}" for _ in range(3))
            assert not _fields.is_action_code_word(text)
            assert _fields.read_action_code(text) is None
            assert _fields.read_disposition_code(text) is None
            assert _fields.is_dateish(text)
            assert _cell_kind(text, True) == _cell_kind(text, False) == "date"


def _looks_handwritten_plain(text: str, printed_upper: bool) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return True
    if printed_upper and any(c.islower() for c in letters):
        return True
    return any(
        any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and "/" not in w
        for w in text.split()
    )


class TestLooksHandwritten:
    def test_same_as_the_plain_letter_by_letter_test(self) -> None:
        rng = random.Random(9)
        alphabet = "AbZz09/ .-_\t\u00e9\u00c9\u00b2\u0663\u01c5"
        texts = ["", "A", "AB", "Ab", "A1", "SC Supe", "BRENT SCOWCROFT", "5m", "B 97/08/26"]
        texts += [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)
        ]
        for text in texts:
            for printed_upper in (True, False):
                expected = _looks_handwritten_plain(text, printed_upper)
                assert _fields.looks_handwritten(text, printed_upper) is expected, repr(text)


class TestShortTextCache:
    def test_keeps_short_texts_only(self) -> None:
        """Results for short texts are kept; a long text is read every time, never kept."""
        calls: list[str] = []

        @_fields.short_text_cache("test.short_texts", 4)
        def read(text: str) -> int:
            calls.append(text)
            return len(text)

        long_text = "X" * (_fields.SHORT_TEXT + 1)
        assert [read("ORG"), read("ORG"), read(long_text), read(long_text)] == [
            3,
            3,
            len(long_text),
            len(long_text),
        ]
        assert calls == ["ORG", long_text, long_text]

    def test_two_argument_readers(self) -> None:
        calls: list[tuple[str, bool]] = []

        @_fields.short_text_cache2("test.two_argument_readers", 4)
        def read(text: str, flag: bool) -> str:
            calls.append((text, flag))
            return text if flag else ""

        assert [read("B", True), read("B", True), read("B", False)] == ["B", "B", ""]
        assert calls == [("B", True), ("B", False)]


# -- runs of repeated label lines ------------------------------------------------

_WORKSHEET_LINES = (
    *SAMPLE.read_text(encoding="utf-8").split("\n")[6:30],
    "ID# 303373",
    "ID# 303373 CO034",
    "ID # 1",
    "SUBJECT: X",
    "SUBJECT: Y",
    "SUBJECT:  X Y",
    "SUBJECT: URGES PRESIDENT TO REJECT",
    "COMMENTS: OTHER",
    "MEDIA: M",
    "ID# 303374",
    "Secondary Codes: FG006",
    "Subject: X",
    "  SUBJECT: X  ",
    "subject: x",
    "SUBJFCT: X",
    "SUBJECT:",
    "COMMENTS: NONE",
    "NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY",
    "Name of Document: LETTER",
    "Prime Subject Code: FG006",
    "Secondary Codes: CO034",
    "MEDIA: L",
    "INDIVIDUAL CODES: 1210",
    "MAIL USER CODES: (A) (B) (C)",
    "ADDITIONAL CORRESPONDENTS: NONE",
    "INCOMING",
    "ACTION COMPLETED",
    "   CONTINUED IN THE VALUE'S COLUMN",
    "CO034 FG006",
    "A",
    "",
)


@st.composite
def _repeated_label_lines(draw: st.DrawFn) -> str:
    """A worksheet whose lines come in runs of repeats, blank lines sometimes between them
    (label lines of one label with other values among them)."""
    lines = ["ID# 303373", "THE WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET"]
    for _ in range(draw(st.integers(1, 8))):
        unit = draw(st.lists(st.sampled_from(_WORKSHEET_LINES), min_size=1, max_size=3))
        times = draw(st.sampled_from([1, 2, 3, 7]))
        gap = draw(st.sampled_from(["", "", "\n"]))
        lines.extend([line + gap for line in unit] * times)
    return "\n".join(lines) + "\nDATE RECEIVED: JANUARY 30, 1992\n"


class TestRepeatedLabelLines:
    @given(_repeated_label_lines())
    def test_a_run_of_repeats_read_as_one_piece_changes_nothing(self, text: str) -> None:
        """Reading a run of repeated label lines as one piece gives the same document, spans,
        unread text and diagnostics as reading a piece per line."""
        saved = _pieces._MERGE_REPEATS
        try:
            _pieces._MERGE_REPEATS = False
            every = parse(text).to_json()
            _pieces._MERGE_REPEATS = True
            merged = parse(text).to_json()
        finally:
            _pieces._MERGE_REPEATS = saved
        assert merged == every

    def test_a_run_of_repeats_is_one_piece(self) -> None:
        """Repeats of a label line (blank lines between them or not) after the first are one
        piece, as the repeated field keeps one unread record and one diagnostic."""
        lines = [("SUBJECT: X", 0), ("SUBJECT: X", 11), ("", 22), ("SUBJECT: X", 23)]
        pieces = _pieces.lexed(lines)
        assert [(p.kind, p.start, p.end, p.line) for p in pieces] == [
            ("SUBJECT", 0, 10, 0),
            ("SUBJECT", 11, 33, 3),
        ]
        # 900 repeats: a worksheet is read up to MAX_WORKSHEET_LINES (1,000) lines.
        doc = parse("ID# 303373\nSUBJECT: X\n" + "SUBJECT: X\n" * 900)
        (unread,) = doc.worksheets[0].unread
        assert unread.text == "\n".join(["SUBJECT: X"] * 900)
        assert [d.code for d in doc.diagnostics].count("duplicate-field") == 1
