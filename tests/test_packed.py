"""Records of long inputs kept packed: the same records, read like a tuple, in less memory."""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import worksheet_parser._api as api
from tests.conftest import SAMPLE
from worksheet_parser import (
    Document,
    PackedRecords,
    Span,
    TextLine,
    from_dict,
    parse,
    parse_bytes,
    render,
)
from worksheet_parser import _packed as packed
from worksheet_parser._diagnostics import DiagnosticCode, DiagnosticLog
from worksheet_parser._outputs._tables import packet_records, table_rows
from worksheet_parser._packed import PACK_SIZE, RecordPacker
from worksheet_parser._text._normalize import normalize
from worksheet_parser.strategies import documents

FIELDS = (
    "worksheets",
    "review_stamps",
    "letters",
    "headers",
    "release_stamps",
    "packets",
    "unrecognized",
    "diagnostics",
)


@contextlib.contextmanager
def _packing(chunk_records: int = 2, chunk_text: int = 64) -> Iterator[None]:
    """Pack the records of every input, in chunks of a few records (so many chunks)."""
    saved = packed.PACK_SIZE, packed._CHUNK_RECORDS, packed._CHUNK_TEXT
    packed.PACK_SIZE, packed._CHUNK_RECORDS, packed._CHUNK_TEXT = 0, chunk_records, chunk_text
    try:
        yield
    finally:
        packed.PACK_SIZE, packed._CHUNK_RECORDS, packed._CHUNK_TEXT = saved


def _assert_same(plain: Document, kept: Document) -> None:
    for name in FIELDS:
        assert isinstance(getattr(plain, name), tuple)
        assert isinstance(getattr(kept, name), PackedRecords)
        assert list(getattr(kept, name)) == list(getattr(plain, name)), name
    assert kept == plain
    assert plain == kept
    assert kept.to_json() == plain.to_json()
    assert pickle.loads(pickle.dumps(kept)) == plain
    assert from_dict(kept.to_dict()) == plain
    # The exports a collection is written in: tables (each diagnostic in its packet),
    # one JSON record per packet.
    assert table_rows(kept, "x.txt") == table_rows(plain, "x.txt")
    assert packet_records(kept, "x.txt") == packet_records(plain, "x.txt")


_JUNK = st.sampled_from(
    ["A", "", "Case ID: 9301915", "RELEASED", "Dear Mr. President:", "Sincerely,", "ID# 1"]
)


@given(st.lists(documents(), min_size=1, max_size=3), st.lists(_JUNK, max_size=12))
def test_a_packed_document_holds_the_same_records_in_the_same_order(
    docs: list[Document], junk: list[str]
) -> None:
    """Read packed (as a long input is), a text gives the same records, packets,
    unrecognized lines and diagnostics, in the same order, as read into tuples: equal,
    the same JSON, and the same after pickling or a round trip through JSON data."""
    text = "\n\n".join([*(render(doc) for doc in docs), "\n".join(junk)])
    plain = parse(text)
    with _packing():
        kept = parse(text)
    _assert_same(plain, kept)


def test_diagnostics_made_while_decoding_are_merged_in_order() -> None:
    """Diagnostics made before the first block is read (bytes that are not UTF-8, here
    in the middle of the text) take their place by position among the blocks' own."""
    text = SAMPLE.read_bytes()
    raw = text[: len(text) // 2] + b"\xff\xfe" + text[len(text) // 2 :]
    plain = parse_bytes(raw)
    with _packing():
        kept = parse_bytes(raw)
    assert "decode-error" in [d.code for d in kept.diagnostics]
    _assert_same(plain, kept)


@pytest.mark.parametrize(
    "steps",
    [
        # (offset of a diagnostic, start of the next block): the usual case, a block's
        # diagnostics at or after its start, some of them after the next block's start
        # (a letter around a stamp)
        [(10, 10), (50, 20), (30, 40), (60, 60), (90, 90)],
        # a block reporting on text before its own start: sorted again at the end
        [(50, 40), (60, 55), (10, 70), (10, 80), (30, 90), (90, 95)],
    ],
    ids=["in reading order", "a block that reports on earlier text"],
)
def test_packed_diagnostics_come_out_in_order_of_position(steps: list[tuple[int, int]]) -> None:
    """Diagnostics packed as the blocks are read come out in order of position, ties in the
    order made, whichever block made them."""
    source = normalize("0123456789\n" * 10)
    report = DiagnosticLog(source)
    with _packing():
        diagnostics = api._Diagnostics(report, pack=True)
        for made, (at, next_block) in enumerate(steps):
            report.add(DiagnosticCode.UNPLACED_TEXT, f"{made}", at, at + 1)
            diagnostics.drain()
            diagnostics.release(next_block)
        kept = diagnostics.done()
    assert isinstance(kept, PackedRecords)
    want = sorted(range(len(steps)), key=lambda made: steps[made][0])
    assert [d.message for d in kept] == [str(made) for made in want]


_LINES = st.lists(
    st.builds(TextLine, st.text(max_size=8)),
    max_size=40,
)


@given(_LINES, st.integers(1, 5), st.integers(0, 40), st.data())
def test_packed_records_read_like_the_tuple_they_stand_for(
    records: list[TextLine], chunk: int, weight: int, data: st.DataObject
) -> None:
    """Whatever the chunk size: the same length, items by index (negative ones too) and
    by slice, iteration, membership, equality with a tuple and a list, hash, pickling."""
    saved = packed._CHUNK_RECORDS, packed._CHUNK_TEXT
    packed._CHUNK_RECORDS, packed._CHUNK_TEXT = chunk, 1 << 30
    try:
        packer: RecordPacker[TextLine] = RecordPacker(True)
        for record in records:
            packer.add(record, weight)
        kept = packer.done()
    finally:
        packed._CHUNK_RECORDS, packed._CHUNK_TEXT = saved
    assert isinstance(kept, PackedRecords)
    want = tuple(records)
    assert len(kept) == len(want)
    assert list(kept) == records
    for i in range(-len(want), len(want)):
        assert kept[i] == want[i]
    window = data.draw(st.slices(len(want) + 2))
    assert kept[window] == want[window]
    assert kept == want
    assert kept == records
    assert want == kept
    assert hash(kept) == hash(want)
    assert pickle.loads(pickle.dumps(kept)) == want
    assert all(record in kept for record in records)
    assert kept != (*want, TextLine("one more", Span(0, 8, 1, 1)))
    with pytest.raises(IndexError):
        kept[len(want)]
    assert repr(kept) == f"<{len(want)} packed records>"


def test_a_long_input_is_read_into_packed_records() -> None:
    """An input of a mebibyte or more (the sample packet, repeated) is read into packed
    records, equal to the records read into tuples; a shorter one into tuples."""
    text = SAMPLE.read_text(encoding="utf-8")
    long = "\n".join([text] * (PACK_SIZE // len(text) + 1))
    assert len(long) >= PACK_SIZE
    kept = parse(long)
    assert isinstance(kept.worksheets, PackedRecords)
    assert isinstance(parse(text).worksheets, tuple)
    saved = packed.PACK_SIZE
    packed.PACK_SIZE = 1 << 40
    try:
        plain = parse(long)
    finally:
        packed.PACK_SIZE = saved
    assert len(kept.worksheets) == len(plain.worksheets) > 100
    assert kept == plain
    assert list(kept.diagnostics) == list(plain.diagnostics)
    assert list(kept.packets) == list(plain.packets)
