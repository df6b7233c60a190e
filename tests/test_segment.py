"""Segmentation of a dump into blocks, and the nothing-lost property."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from worksheet_parser import Document, parse
from worksheet_parser._normalize import normalize
from worksheet_parser._segment import BlockKind, segment

TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def _chunk(first: int, last: int) -> str:
    """Lines ``first..last`` (1-based, inclusive) of the sample."""
    return "\n".join(LINES[first - 1 : last])


CHUNKS = {
    "header": _chunk(1, 7),
    "worksheet": _chunk(9, 35),
    "stamp": _chunk(37, 41),
    "page-tag": _chunk(43, 45),
    "letter": _chunk(47, 81),
}


def _kinds(text: str) -> list[BlockKind]:
    return [b.kind for b in segment(normalize(text).text) if any(x.text.strip() for x in b.lines)]


def _spans_of(doc: Document) -> list[tuple[int, int]]:
    spans = [(w.span.start, w.span.end) for w in doc.worksheets if w.span is not None]
    for group in (doc.review_stamps, doc.release_stamps, doc.letters, doc.headers):
        for record in group:
            spans += [(s.start, s.end) for s in record.field_spans.values()]
            spans += [(u.span.start, u.span.end) for u in record.unread]
    spans += [(u.span.start, u.span.end) for u in doc.unrecognized]
    return spans


def _assert_covered(doc: Document, text: str) -> None:
    spans = _spans_of(doc)
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        assert any(s < end and start < e for s, e in spans), raw


class TestBlocks:
    def test_sample_blocks_in_reading_order(self) -> None:
        """The sample is header, worksheet, stamp, page tag, letter with a stamp inside it."""
        assert _kinds(TEXT) == [
            BlockKind.HEADER,
            BlockKind.WORKSHEET,
            BlockKind.REVIEW_STAMP,
            BlockKind.HEADER,
            BlockKind.LETTER,
            BlockKind.REVIEW_STAMP,
        ]

    def test_letter_skips_the_stamp_inside_it(self) -> None:
        """The letter block holds none of the second stamp's lines."""
        blocks = segment(normalize(TEXT).text)
        (letter,) = (b for b in blocks if b.kind is BlockKind.LETTER)
        texts = {line.text for line in letter.lines}
        assert "Review Authority AINSWORTH, THOMAS" not in texts
        assert "Sincerely," in texts

    def test_every_line_in_exactly_one_block(self) -> None:
        """The blocks partition the lines of the sample."""
        numbers = sorted(x.number for b in segment(normalize(TEXT).text) for x in b.lines)
        assert numbers == list(range(len(LINES)))

    def test_junk_between_house_and_title(self) -> None:
        """A junk line between THE WHITE HOUSE and its title does not split the worksheet."""
        text = (
            "ID# 303373\nTHE WHITE HOUSE\n5m SC Supe\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "INCOMING\nDATE RECEIVED: JANUARY 30, 1992\n"
        )
        assert _kinds(text) == [BlockKind.WORKSHEET]


class TestNotWorksheets:
    def test_withdrawal_sheet(self) -> None:
        """A withdrawal sheet listing an ID# and a subject is no worksheet."""
        text = (
            "Ronald Reagan Presidential Library\nWITHDRAWAL SHEET\n"
            "Collection Name: WHORM Subject File    Withdrawer: RBW 5/12/2010\n"
            "File Folder: CO034 (303373)    FOIA: F05-012\n"
            "ID# 303373\nSUBJECT: LETTER RE CHINA\nCOMMENTS: B1\n"
        )
        assert parse(text).worksheets == ()

    def test_memorandum(self) -> None:
        """A memorandum on White House paper with an ID# and SUBJECT: is no worksheet."""
        text = (
            "THE WHITE HOUSE\nWASHINGTON\nMEMORANDUM FOR BRENT SCOWCROFT\n"
            "FROM: NICHOLAS ROSTOW\nID# 303373\nSUBJECT: Letter from Senator Kennedy\n"
            "COMMENTS: none\n"
        )
        assert parse(text).worksheets == ()

    def test_routing_slip(self) -> None:
        """An NSC routing slip with ROUTE TO and an ID# is no worksheet."""
        text = (
            "NATIONAL SECURITY COUNCIL\nROUTING SLIP\nID# 9200731\n"
            "ROUTE TO: EXECUTIVE SECRETARY\nACTION\nCOMMENTS: for signature\n"
        )
        assert parse(text).worksheets == ()

    def test_real_worksheet_after_a_memo_is_kept(self) -> None:
        """A titled worksheet right after a memo is still a worksheet."""
        text = "MEMORANDUM FOR THE FILE\n\n" + CHUNKS["worksheet"]
        assert len(parse(text).worksheets) == 1


_LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)
_PIECE = st.one_of(st.sampled_from(sorted(CHUNKS.values())), _LINE)


class TestNothingLost:
    @given(st.lists(_PIECE, max_size=10), st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    def test_every_line_is_covered(self, pieces: list[str], sep: str) -> None:
        """Every non-blank line of a dump is in a field, an unread line or unrecognized."""
        text = sep.join(pieces)
        _assert_covered(parse(text), text)

    @given(st.lists(_PIECE, max_size=10))
    def test_blocks_partition_the_lines(self, pieces: list[str]) -> None:
        """Every line of a generated dump is in exactly one block."""
        norm = normalize("\n".join(pieces)).text
        numbers = sorted(x.number for b in segment(norm) for x in b.lines)
        assert numbers == list(range(norm.count("\n") + 1))
